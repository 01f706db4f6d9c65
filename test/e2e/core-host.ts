// The core host: a child process running a real Vigil core in demo mode for the E2E fixture, the way
// Electron's main process runs it for the window. It runs under `node --import tsx` (as the CLI does),
// because the core is ES-module code (import.meta) that Playwright's CommonJS test loader cannot load.
// Usage: node --import tsx test/e2e/core-host.ts <home> <resourcesDir>   (IPC channel required)
import { createVigilCore } from '../../src/main/core/app'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import { channelOf } from '../../src/shared/contract'
import type { FromHost, ToHost } from './core-messages'

const [home, resourcesDir] = process.argv.slice(2)
const send = (m: FromHost): void => {
  process.send?.(m)
}

async function main(): Promise<void> {
  if (!home || !resourcesDir || !process.send) {
    throw new Error('usage: core-host.ts <home> <resourcesDir>, started with an IPC channel (fork)')
  }
  const core = createVigilCore({
    home,
    resourcesDir,
    spawnDetector: spawnNodeDetector,
    mode: 'demo',
  })
  core.onEvent((channel, payload) => send({ type: 'event', channel, payload }))
  await core.start()

  process.on('message', (raw) => {
    const m = raw as ToHost
    void (async () => {
      try {
        switch (m.type) {
          case 'call':
            send({
              type: 'result',
              seq: m.seq,
              value: await core.dispatch(m.name, m.payload, m.ctx),
            })
            return
          case 'ingest': {
            const value = core.store.ingest(m.input)
            // What the pipeline does after an ingest: tell the page what changed.
            if (value.changed.length > 0) {
              send({
                type: 'event',
                channel: channelOf('incidents.changed', 'event'),
                payload: value.changed,
              })
            }
            send({ type: 'ingested', seq: m.seq, value })
            return
          }
          case 'dispose':
            await core.dispose()
            send({ type: 'disposed', seq: m.seq })
            process.disconnect()
            return
        }
      } catch (err) {
        send({
          type: 'error',
          seq: m.seq,
          message: err instanceof Error ? err.message : String(err),
        })
      }
    })()
  })
  // The fixture went away without disposing (test runner killed): do not linger.
  process.on('disconnect', () => process.exit(0))
  send({ type: 'ready' })
}

main().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) })
  process.exitCode = 1
  setTimeout(() => process.exit(1), 100)
})
