import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Near the tool's defaults: entries src/main/index.ts, src/preload/index.ts, src/renderer/index.html.
export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only be one CommonJS file with nothing to require but Electron's modules.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].js' } },
    },
  },
  renderer: {
    resolve: { alias: { '@renderer': resolve('src/renderer/src') } },
    plugins: [react()],
    build: { chunkSizeWarningLimit: 1200 },
  },
})
