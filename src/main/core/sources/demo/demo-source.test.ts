import { describe, expect, it } from 'vitest'
import type { RawBatch, SourceSink } from '../source'
import { ATTACKERS } from './attack-campaigns'
import { createDemoSource, type DemoSourceOptions } from './demo-source'

const START = Date.UTC(2026, 10, 25, 9, 0, 0)

/** A clock and timers the test moves by hand. */
function fakeTime(start = START) {
  let now = start
  let nextId = 0
  const timers = new Map<number, { fn: () => void; at: number }>()
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r))
  }
  return {
    clock: () => now,
    setTimer: (fn: () => void, ms: number): unknown => {
      timers.set(++nextId, { fn, at: now + ms })
      return nextId
    },
    clearTimer: (h: unknown): void => void timers.delete(h as number),
    pending: () => timers.size,
    jump: (ms: number) => void (now += ms),
    /** Fires the earliest timer (moving the clock to it), then lets the source's promises settle. */
    async step(): Promise<boolean> {
      const first = [...timers].sort((a, b) => a[1].at - b[1].at)[0]
      if (first === undefined) return false
      timers.delete(first[0])
      now = Math.max(now, first[1].at)
      first[1].fn()
      await settle()
      return true
    },
    settle,
  }
}

function recordingSink(): SourceSink & { batches: RawBatch[] } {
  const batches: RawBatch[] = []
  return { batches, deliver: async (b) => void batches.push(b) }
}

function demo(time: ReturnType<typeof fakeTime>, extra: Partial<DemoSourceOptions> = {}) {
  return createDemoSource({
    clock: time.clock,
    setTimer: time.setTimer,
    clearTimer: time.clearTimer,
    ...extra,
  })
}

describe('createDemoSource', () => {
  it('names itself and reports stopped before start', () => {
    const s = demo(fakeTime())
    expect([s.id, s.kind, s.name]).toEqual(['demo', 'demo', 'Built-in demo'])
    expect(s.health()).toMatchObject({
      id: 'demo',
      kind: 'demo',
      state: 'stopped',
      eventsTotal: 0,
      lastEventAt: null,
    })
  })

  it('delivers Kong batches in order with running line numbers and fresh timestamps', async () => {
    const time = fakeTime()
    const sink = recordingSink()
    const s = demo(time)
    s.start(sink, 'a cursor the replay ignores')
    for (let i = 0; i < 20; i++) await time.step()
    expect(sink.batches.length).toBeGreaterThan(10)
    const records = sink.batches.flatMap((b) => b.records)
    expect(sink.batches.map((b) => b.seq)).toEqual(sink.batches.map((_, i) => i + 1))
    expect(records.map((r) => r.line)).toEqual(records.map((_, i) => i + 1))
    for (const b of sink.batches)
      expect(b).toMatchObject({ sourceId: 'demo', format: 'kong', cursor: null, metrics: [] })
    const started = records.map((r) => (JSON.parse(r.text) as { started_at: number }).started_at)
    expect(Math.min(...started)).toBeGreaterThanOrEqual(START)
    expect(Math.max(...started)).toBeLessThanOrEqual(time.clock())
    // About 60 requests a second over 5 simulated seconds.
    expect(records.length).toBeGreaterThan(150)
    expect(records.length).toBeLessThan(600)
    const h = s.health()
    expect(h).toMatchObject({ state: 'up', eventsTotal: records.length, lastError: null })
    expect(h.lastEventAt).toBeGreaterThan(START)
    expect(h.lagMs).toBeGreaterThanOrEqual(0)
    await s.dispose()
  })

  it('shows an attack within the first three seconds', async () => {
    const time = fakeTime()
    const sink = recordingSink()
    const s = demo(time)
    s.start(sink, null)
    while (time.clock() < START + 3000) await time.step()
    const attackers = new Set(Object.values(ATTACKERS).flat())
    const ips = sink.batches
      .flatMap((b) => b.records)
      .map((r) => (JSON.parse(r.text) as { client_ip: string }).client_ip)
    expect(ips.some((ip) => attackers.has(ip))).toBe(true)
    await s.dispose()
  })

  it('waits for the sink before the next batch, and splits large ticks', async () => {
    const time = fakeTime()
    const waiting: (() => void)[] = []
    const batches: RawBatch[] = []
    const sink: SourceSink = {
      deliver: (b) =>
        new Promise<void>((resolve) => {
          batches.push(b)
          waiting.push(resolve)
        }),
    }
    const s = demo(time, { batchSize: 4, tickMs: 1000 })
    s.start(sink, null)
    await time.step()
    expect(batches).toHaveLength(1)
    expect(batches[0]?.records).toHaveLength(4)
    // While the sink holds the batch, nothing else is sent and no tick is scheduled.
    expect(time.pending()).toBe(0)
    await time.settle()
    expect(batches).toHaveLength(1)
    waiting.shift()?.()
    await time.settle()
    expect(batches).toHaveLength(2)
    expect(batches[1]?.seq).toBe(2)
    expect(batches[1]?.records[0]?.line).toBe(5)
    while (waiting.length > 0) {
      waiting.shift()?.()
      await time.settle()
    }
    expect(time.pending()).toBe(1)
    for (const b of batches) expect(b.records.length).toBeLessThanOrEqual(4)
    await s.dispose()
  })

  it('reports a failing sink in its health and carries on', async () => {
    const time = fakeTime()
    let fail = true
    const s = demo(time)
    s.start(
      { deliver: async () => (fail ? Promise.reject(new Error('store is busy')) : undefined) },
      null,
    )
    await time.step()
    expect(s.health().state).toBe('degraded')
    expect(s.health().lastError).toContain('store is busy')
    expect(time.pending()).toBe(1)
    fail = false
    await time.step()
    expect(s.health()).toMatchObject({ state: 'up', lastError: null })
    await s.dispose()
  })

  it('resumes at now after a long pause instead of replaying the gap', async () => {
    const time = fakeTime()
    const sink = recordingSink()
    const s = demo(time)
    s.start(sink, null)
    await time.step()
    const before = sink.batches.flatMap((b) => b.records).length
    time.jump(3_600_000)
    await time.step()
    const after = sink.batches.flatMap((b) => b.records).length
    expect(after - before).toBeLessThan(100)
    await s.dispose()
  })

  it('dispose stops the timer, waits for a delivery under way, and sends nothing after', async () => {
    const time = fakeTime()
    let release: () => void = () => {}
    let calls = 0
    const s = demo(time, { batchSize: 2 })
    s.start(
      {
        deliver: () => {
          calls++
          return new Promise<void>((r) => (release = r))
        },
      },
      null,
    )
    await time.step()
    expect(calls).toBe(1)
    let disposed = false
    const done = s.dispose().then(() => (disposed = true))
    await time.settle()
    expect(disposed).toBe(false)
    release()
    await done
    expect(calls).toBe(1)
    expect(time.pending()).toBe(0)
    expect(s.health().state).toBe('stopped')
    s.start(recordingSink(), null)
    expect(time.pending()).toBe(0)
  })

  it('dispose before any tick clears the timer at once', async () => {
    const time = fakeTime()
    const s = demo(time)
    s.start(recordingSink(), null)
    expect(time.pending()).toBe(1)
    await s.dispose()
    expect(time.pending()).toBe(0)
  })
})
