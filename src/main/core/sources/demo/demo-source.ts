// The built-in demo source: replays generated Kong traffic of a Tokyo trading desk at the clock's
// current time, with an attack campaign within the first seconds, so a fresh install shows a live
// threat level, incidents and charts before anything is configured.
import type { SourceHealth } from '../../../../shared/model'
import type { RawBatch, RawRecord, Source, SourceSink } from '../source'
import {
  DEFAULT_ATTACK_EVERY_SECONDS,
  DEFAULT_DEMO_SEED,
  DEFAULT_RATE_PER_SECOND,
  type TrafficGenerator,
  createTrafficGenerator,
} from './generate-traffic'

export interface DemoSourceOptions {
  readonly clock?: () => number
  readonly setTimer?: (fn: () => void, ms: number) => unknown
  readonly clearTimer?: (handle: unknown) => void
  /** Defaults to DEFAULT_DEMO_SEED (7203). */
  readonly seed?: number
  /** Mean benign requests per second; defaults to 60. */
  readonly ratePerSecond?: number
  /** Most records in one batch; a larger tick is split into several batches. */
  readonly batchSize?: number
  /** Mean gap between attack campaigns; the first starts about 1.2 s after start(). */
  readonly attackEverySeconds?: number
  /** How often the replay wakes up; defaults to 250 ms. */
  readonly tickMs?: number
}

/** After a gap longer than this (a sleeping laptop), the replay resumes at now instead of catching up. */
const MAX_CATCH_UP_MS = 5_000

/** Creates the demo source (id 'demo'); it ignores any stored cursor, since it is a replay. */
export function createDemoSource(opts: DemoSourceOptions = {}): Source {
  const clock = opts.clock ?? Date.now
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number): unknown => setTimeout(fn, ms))
  const clearTimer =
    opts.clearTimer ?? ((h: unknown): void => clearTimeout(h as ReturnType<typeof setTimeout>))
  const tickMs = opts.tickMs ?? 250
  const batchSize = Math.max(1, opts.batchSize ?? 500)

  let state: SourceHealth['state'] = 'stopped'
  let generator: TrafficGenerator | null = null
  let sink: SourceSink | null = null
  let timer: unknown = null
  let inFlight: Promise<void> | null = null
  let disposed = false
  let lastAdvance = 0
  let seq = 0
  let line = 0
  let eventsTotal = 0
  let lastEventAt: number | null = null
  let lagMs: number | null = null
  let lastError: string | null = null

  function schedule(): void {
    if (disposed) return
    timer = setTimer(() => {
      timer = null
      inFlight = tick()
        .catch((err: unknown) => {
          lastError = `The demo generator failed: ${err instanceof Error ? err.message : String(err)}`
          state = 'degraded'
        })
        .finally(() => {
          inFlight = null
          schedule()
        })
    }, tickMs)
  }

  async function tick(): Promise<void> {
    if (generator === null || sink === null) return
    const now = clock()
    if (now - lastAdvance > MAX_CATCH_UP_MS) generator.skipTo(now - tickMs)
    lastAdvance = now
    const lines = generator.advance(now)
    for (let i = 0; i < lines.length && !disposed; i += batchSize) {
      const chunk = lines.slice(i, i + batchSize)
      const records: RawRecord[] = chunk.map((l) => ({ line: ++line, text: l.text }))
      const batch: RawBatch = {
        sourceId: 'demo',
        seq: ++seq,
        format: 'kong',
        records,
        metrics: [],
        cursor: null,
      }
      try {
        // Awaiting here is the backpressure: the next batch waits until detection has stored this one.
        await sink.deliver(batch)
        const newest = chunk[chunk.length - 1]?.time ?? now
        eventsTotal += records.length
        lastEventAt = newest
        lagMs = Math.max(0, clock() - newest)
        lastError = null
        if (state === 'degraded') state = 'up'
      } catch (err) {
        // The replay goes on; the error is shown in the source's health, never thrown.
        lastError = `Delivering demo batch ${batch.seq} failed: ${err instanceof Error ? err.message : String(err)}`
        state = 'degraded'
      }
    }
  }

  return {
    id: 'demo',
    kind: 'demo',
    name: 'Built-in demo',
    start(s) {
      if (disposed || sink !== null) return
      sink = s
      lastAdvance = clock()
      generator = createTrafficGenerator({
        seed: opts.seed ?? DEFAULT_DEMO_SEED,
        startMs: lastAdvance,
        ratePerSecond: opts.ratePerSecond ?? DEFAULT_RATE_PER_SECOND,
        attackEverySeconds: opts.attackEverySeconds ?? DEFAULT_ATTACK_EVERY_SECONDS,
      })
      state = 'up'
      schedule()
    },
    health() {
      return {
        id: 'demo',
        kind: 'demo',
        name: 'Built-in demo',
        state,
        lastError,
        lastEventAt,
        lagMs,
        eventsTotal,
        malformedTotal: 0,
        quarantinedBatches: 0,
        nextRetryAt: null,
      }
    },
    async dispose() {
      disposed = true
      if (timer !== null) clearTimer(timer)
      timer = null
      // Let a delivery under way finish, so nothing reaches the sink after dispose resolves.
      if (inFlight !== null) await inFlight
      state = 'stopped'
    },
  }
}
