// Starts the detection worker in plain Node (CLI, tests, E2E) by loading worker.ts through tsx; the app
// uses electron-vite's built worker instead. `--import tsx` in a worker's execArgv does not reach the
// worker's module loader on Node 20, so a tiny CommonJS bootstrap registers tsx's require hook itself.
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

/** Spawns worker.ts in a worker thread with the tsx loader. */
export function spawnNodeDetector(): Worker {
  const entry = fileURLToPath(new URL('./worker.ts', import.meta.url))
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(entry)})`
  return new Worker(bootstrap, { eval: true })
}
