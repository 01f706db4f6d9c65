import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

// Vite's dev server injects styles as <style> tags and React Refresh as an inline script, which the
// strict meta CSP refuses. Relax it for `electron-vite dev` only; built files keep the strict policy
// (security-policy.test.ts checks the meta tag of the source index.html, which this does not touch).
const devCsp = (): Plugin => ({
  name: 'vigil-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:*"),
})

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
    plugins: [react(), devCsp()],
    build: { chunkSizeWarningLimit: 1200 },
  },
})
