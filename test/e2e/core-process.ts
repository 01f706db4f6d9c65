// Starts core-host.ts in a child process and gives the fixture the core's interface: dispatch, push
// events, and a direct ingest for hostile-input tests.
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { Result } from '../../src/shared/contract'
import type { IngestResult } from '../../src/main/core/store/store'
import type { Role } from '../../src/shared/model'
import type { FromHost, IngestInput, ToHost } from './core-messages'

export interface CoreProcess {
  dispatch(
    name: string,
    payload: unknown,
    ctx: { actor: string; role: Role },
  ): Promise<Result<unknown>>
  onEvent(listener: (channel: string, payload: unknown) => void): () => void
  ingest(input: IngestInput): Promise<IngestResult>
  dispose(): Promise<void>
}

const START_TIMEOUT_MS = 60_000
const DISPOSE_TIMEOUT_MS = 15_000

type Pending = { resolve(m: FromHost): void; reject(e: Error): void }

/** Starts a demo-mode core with `home` as its data folder; resolves once it has started. */
export async function startCoreProcess(opts: {
  readonly root: string
  readonly home: string
}): Promise<CoreProcess> {
  const child: ChildProcess = fork(
    join(opts.root, 'test/e2e/core-host.ts'),
    [opts.home, join(opts.root, 'resources')],
    {
      cwd: opts.root,
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  )
  const listeners = new Set<(channel: string, payload: unknown) => void>()
  const pending = new Map<number, Pending>()
  let seq = 0
  let exited: Error | null = null

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`core host did not start within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    )
    child.on('message', (raw) => {
      const m = raw as FromHost
      if (m.type === 'ready') {
        clearTimeout(timer)
        resolve()
      } else if (m.type === 'failed') {
        clearTimeout(timer)
        reject(new Error(`core host failed to start: ${m.message}`))
      } else if (m.type === 'event') {
        for (const l of listeners) l(m.channel, m.payload)
      } else {
        const p = pending.get(m.seq)
        pending.delete(m.seq)
        if (m.type === 'error') p?.reject(new Error(m.message))
        else p?.resolve(m)
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      exited = new Error(`core host exited (code ${code}, signal ${signal})`)
      reject(exited)
      for (const p of pending.values()) p.reject(exited)
      pending.clear()
    })
  })

  const request = (m: ToHost): Promise<FromHost> =>
    new Promise<FromHost>((resolve, reject) => {
      if (exited) return reject(exited)
      pending.set(m.seq, { resolve, reject })
      child.send(m)
    })

  try {
    await ready
  } catch (err) {
    child.kill('SIGKILL')
    throw err
  }

  return {
    async dispatch(name, payload, ctx) {
      const m = await request({ type: 'call', seq: ++seq, name, payload, ctx })
      if (m.type !== 'result') throw new Error(`unexpected reply ${m.type}`)
      return m.value
    },
    onEvent(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    async ingest(input) {
      const m = await request({ type: 'ingest', seq: ++seq, input })
      if (m.type !== 'ingested') throw new Error(`unexpected reply ${m.type}`)
      return m.value
    },
    async dispose() {
      listeners.clear()
      if (exited) return
      const done = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      const timer = setTimeout(() => child.kill('SIGKILL'), DISPOSE_TIMEOUT_MS)
      await request({ type: 'dispose', seq: ++seq }).catch(() => undefined)
      await done
      clearTimeout(timer)
    },
  }
}
