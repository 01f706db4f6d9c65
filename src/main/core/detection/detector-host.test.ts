import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { RawBatch } from '../sources/source'
import { createDetectorHost, type DetectorWorker } from './detector-host'
import type { FromWorker, ToWorker } from './messages'

/** A scripted worker: answers batches, or crashes / hangs / fails on marker records. */
function scriptedWorkers(log: string[]) {
  let spawned = 0
  const spawn = (): DetectorWorker => {
    const id = ++spawned
    const ee = new EventEmitter()
    const reply = (m: FromWorker) => setImmediate(() => ee.emit('message', m))
    return {
      postMessage(m: ToWorker) {
        if (m.type === 'init') return reply({ type: 'ready', ruleCount: m.rules.length })
        if (m.type !== 'batch') return
        const text = m.batch.records.map((r) => r.text).join()
        log.push(`w${id}:${m.batch.seq}`)
        if (text.includes('CRASH')) return setImmediate(() => ee.emit('exit', 1))
        if (text.includes('HANG')) return
        if (text.includes('FAIL'))
          return reply({ type: 'failed', seq: m.seq, message: 'engine threw' })
        reply({
          type: 'result',
          seq: m.seq,
          findings: [],
          counters: [],
          stats: {
            records: m.batch.records.length,
            malformed: 0,
            malformedSamples: [],
            durationMs: 0,
            byCategory: {},
            perMinute: [],
            suppressed: {},
            overBudget: 0,
          },
        })
      },
      on(ev: string, l: (arg: never) => void) {
        ee.on(ev, l as (...args: unknown[]) => void)
        return this
      },
      removeAllListeners() {
        ee.removeAllListeners()
        return this
      },
      terminate: async () => 0,
    }
  }
  return { spawn, spawned: () => spawned }
}

const batch = (seq: number, text = 'ok'): RawBatch => ({
  sourceId: 's',
  seq,
  format: 'kong',
  records: [{ line: seq, text }],
  metrics: [],
  cursor: String(seq),
})

const quiet = () => undefined
const fast = { backoffBaseMs: 1, backoffMaxMs: 5, batchTimeoutMs: 200 }

describe('detector host', () => {
  it('processes batches strictly in order', async () => {
    const log: string[] = []
    const w = scriptedWorkers(log)
    const host = createDetectorHost({ spawn: w.spawn, rules: [], log: quiet, ...fast })
    const outs = await Promise.all([1, 2, 3, 4].map((i) => host.process(batch(i))))
    expect(outs.every((o) => o.ok)).toBe(true)
    expect(log).toEqual(['w1:1', 'w1:2', 'w1:3', 'w1:4'])
    await host.dispose()
  })

  it('restarts a dead worker and processes the batch in flight again', async () => {
    const log: string[] = []
    const w = scriptedWorkers(log)
    const host = createDetectorHost({ spawn: w.spawn, rules: [], log: quiet, ...fast })
    // This batch crashes every worker: after two attempts it is given back as failed, and the next
    // batch runs on a fresh worker.
    const crash = await host.process(batch(1, 'CRASH'))
    expect(crash).toMatchObject({ ok: false, attempts: 2 })
    expect(log).toEqual(['w1:1', 'w2:1'])
    const next = await host.process(batch(2))
    expect(next.ok).toBe(true)
    expect(host.health()).toMatchObject({ state: 'up' })
    expect(host.health().restarts).toBeGreaterThanOrEqual(2)
    await host.dispose()
  })

  it('retries a batch whose first attempt died with the worker', async () => {
    const log: string[] = []
    let first = true
    const base = scriptedWorkers(log)
    const spawn = (): DetectorWorker => {
      const w = base.spawn()
      if (!first) return w
      first = false
      const post = w.postMessage.bind(w)
      // The first worker dies on the first batch, whatever it holds.
      w.postMessage = (m: ToWorker) =>
        post(
          m.type === 'batch'
            ? { ...m, batch: { ...m.batch, records: [{ line: 1, text: 'CRASH' }] } }
            : m,
        )
      return w
    }
    const host = createDetectorHost({ spawn, rules: [], log: quiet, ...fast })
    const out = await host.process(batch(7))
    expect(out.ok).toBe(true)
    expect(log).toEqual(['w1:7', 'w2:7'])
    await host.dispose()
  })

  it('treats a hung worker as failed, terminates it and moves on', async () => {
    const log: string[] = []
    const w = scriptedWorkers(log)
    const host = createDetectorHost({ spawn: w.spawn, rules: [], log: quiet, ...fast })
    const out = await host.process(batch(1, 'HANG'))
    expect(out).toMatchObject({ ok: false })
    if (!out.ok) expect(out.reason).toMatch(/did not answer/)
    expect((await host.process(batch(2))).ok).toBe(true)
    await host.dispose()
  })

  it('gives a batch the engine fails twice back as failed (for quarantine), never retrying forever', async () => {
    const log: string[] = []
    const w = scriptedWorkers(log)
    const host = createDetectorHost({ spawn: w.spawn, rules: [], log: quiet, ...fast })
    const out = await host.process(batch(3, 'FAIL'))
    expect(out).toMatchObject({ ok: false, attempts: 2, reason: 'engine threw' })
    expect(log.filter((l) => l.endsWith(':3'))).toHaveLength(2)
    await host.dispose()
  })

  it('never rejects after dispose', async () => {
    const w = scriptedWorkers([])
    const host = createDetectorHost({ spawn: w.spawn, rules: [], log: quiet, ...fast })
    await host.dispose()
    expect(await host.process(batch(1))).toMatchObject({ ok: false })
  })
})
