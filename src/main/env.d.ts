// electron-vite's worker import suffixes (see electron-vite's node.d.ts).
declare module '*?modulePath' {
  const path: string
  export default path
}
