// Starts the detection worker in plain Node (CLI, tests, E2E) by loading worker.ts through tsx; the app
// uses electron-vite's built worker instead. `--import tsx` in a worker's execArgv does not reach the
// worker's module loader on Node 20, so a tiny CommonJS bootstrap registers tsx's require hook itself.
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

/** Spawns worker.ts in a worker thread with the tsx loader. */
export function spawnNodeDetector(): Worker {
  // __dirname, not import.meta: this also runs under CommonJS loaders (Playwright's, tsx's).
  const entry = join(__dirname, 'worker.ts')
  const bootstrap = `require('tsx/cjs'); require(${JSON.stringify(entry)})`
  return new Worker(bootstrap, { eval: true })
}
