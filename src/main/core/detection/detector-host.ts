// Supervises the detection worker from main: one batch in flight, in order. If the worker dies, hangs or
// fails a batch, it is restarted with back-off and the batch is sent again; a batch that fails twice is
// given back as failed so the caller quarantines it instead of retrying it forever.
import type { Finding, MinuteCounter } from '../../../shared/model'
import type { RawBatch } from '../sources/source'
import type { BatchStats, FromWorker, RuleSource, ToWorker } from './messages'

/** The part of a worker_threads Worker the host uses (tests pass their own). */
export interface DetectorWorker {
  postMessage(message: ToWorker): void
  on(event: 'message', listener: (message: FromWorker) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  removeAllListeners(): unknown
  terminate(): Promise<number>
}

/** Port that starts a worker: electron-vite's `?modulePath` build in the app, a TS loader in CLI and tests. */
export type SpawnDetector = () => DetectorWorker

export interface DetectionResult {
  readonly findings: readonly Finding[]
  readonly counters: readonly MinuteCounter[]
  readonly stats: BatchStats
}

export type ProcessOutcome =
  | { readonly ok: true; readonly result: DetectionResult }
  | { readonly ok: false; readonly reason: string; readonly attempts: number }

export interface DetectorHealth {
  readonly state: 'starting' | 'up' | 'restarting' | 'stopped'
  readonly restarts: number
  readonly ruleCount: number
  readonly lastError: string | null
}

export interface DetectorHost {
  /** Processes one batch; batches are handled strictly in the order given. Never rejects. */
  process(batch: RawBatch): Promise<ProcessOutcome>
  /** Replaces the rule set; a rule set the worker refuses leaves the old one in force. */
  reloadRules(
    rules: readonly RuleSource[],
  ): Promise<{ ok: true; ruleCount: number } | { ok: false; message: string }>
  /** Asks the worker for its model snapshot (to be stored by the caller). */
  snapshot(): Promise<string | null>
  health(): DetectorHealth
  dispose(): Promise<void>
}

export interface DetectorHostOptions {
  readonly spawn: SpawnDetector
  readonly rules: readonly RuleSource[]
  readonly modelSnapshot?: string | null
  /** Handed to the engine (see EngineOptions.trustedProxies). */
  readonly trustedProxies?: readonly string[]
  readonly log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void
  /** A batch taking longer than this is taken as a hung worker: it is terminated and retried. */
  readonly batchTimeoutMs?: number
  readonly backoffBaseMs?: number
  readonly backoffMaxMs?: number
  readonly maxAttempts?: number
}

type Pending = {
  readonly seq: number
  readonly message: ToWorker
  resolve(m: FromWorker): void
  reject(err: Error): void
}

/** Starts the worker and returns the host that feeds it. */
export function createDetectorHost(opts: DetectorHostOptions): DetectorHost {
  const timeoutMs = opts.batchTimeoutMs ?? 60_000
  const baseMs = opts.backoffBaseMs ?? 250
  const maxMs = opts.backoffMaxMs ?? 15_000
  const maxAttempts = opts.maxAttempts ?? 2

  let rules = opts.rules
  let snapshot = opts.modelSnapshot ?? null
  let worker: DetectorWorker | null = null
  let ready: Promise<void> | null = null
  let state: DetectorHealth['state'] = 'starting'
  let restarts = 0
  let consecutiveFailures = 0
  let ruleCount = 0
  let lastError: string | null = null
  let disposed = false
  let seq = 0
  let inFlight: Pending | null = null
  let queue: Promise<unknown> = Promise.resolve()

  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

  function start(): Promise<void> {
    const w = opts.spawn()
    worker = w
    return new Promise<void>((resolve, reject) => {
      let isReady = false
      w.on('message', (m: FromWorker) => {
        if (m.type === 'log') return opts.log(m.level, `detector: ${m.message}`)
        if (m.type === 'ready') {
          isReady = true
          ruleCount = m.ruleCount
          state = 'up'
          return resolve()
        }
        if (inFlight && 'seq' in m && m.seq === inFlight.seq) {
          const p = inFlight
          inFlight = null
          p.resolve(m)
        }
      })
      const onDeath = (why: string) => {
        if (worker === w) worker = null
        lastError = why
        if (!isReady) reject(new Error(why))
        if (inFlight) {
          const p = inFlight
          inFlight = null
          p.reject(new Error(why))
        }
      }
      w.on('error', (e) => onDeath(`detector crashed: ${e.message}`))
      w.on('exit', (code) => onDeath(`detector exited with code ${code}`))
      w.postMessage({
        type: 'init',
        rules,
        modelSnapshot: snapshot,
        trustedProxies: opts.trustedProxies ?? [],
      })
    })
  }

  async function ensureWorker(): Promise<void> {
    if (disposed) throw new Error('detector disposed')
    if (worker && ready) return ready
    if (consecutiveFailures > 0) {
      state = 'restarting'
      restarts++
      const wait = Math.min(maxMs, baseMs * 2 ** (consecutiveFailures - 1))
      opts.log('warn', `restarting detector in ${wait} ms (${lastError ?? 'unknown error'})`)
      await sleep(wait)
      if (disposed) throw new Error('detector disposed')
    }
    ready = start()
    try {
      await ready
    } catch (err) {
      ready = null
      throw err
    }
  }

  async function kill(): Promise<void> {
    const w = worker
    worker = null
    ready = null
    if (w) {
      w.removeAllListeners()
      await w.terminate().catch(() => 0)
    }
  }

  /** Sends one request and waits for its answer, with the hung-worker timeout. */
  async function request(make: (seq: number) => ToWorker): Promise<FromWorker> {
    await ensureWorker()
    const w = worker
    if (!w) throw new Error('detector not running')
    const s = ++seq
    const message = make(s)
    return new Promise<FromWorker>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (inFlight?.seq !== s) return
        inFlight = null
        lastError = `detector did not answer within ${timeoutMs} ms`
        void kill()
        reject(new Error(lastError))
      }, timeoutMs)
      inFlight = {
        seq: s,
        message,
        resolve: (m) => {
          clearTimeout(timer)
          resolve(m)
        },
        reject: (e) => {
          clearTimeout(timer)
          reject(e)
        },
      }
      w.postMessage(message)
    })
  }

  /** Runs jobs one at a time, in order. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job)
    queue = run.catch(() => undefined)
    return run
  }

  async function processNow(batch: RawBatch): Promise<ProcessOutcome> {
    let attempts = 0
    let reason = ''
    while (attempts < maxAttempts && !disposed) {
      attempts++
      try {
        const m = await request((s) => ({ type: 'batch', seq: s, batch }))
        if (m.type === 'result') {
          consecutiveFailures = 0
          return {
            ok: true,
            result: { findings: m.findings, counters: m.counters, stats: m.stats },
          }
        }
        reason = m.type === 'failed' ? m.message : `unexpected answer ${m.type}`
        lastError = `batch ${batch.sourceId}#${batch.seq} failed: ${reason}`
        // The engine threw: its windows may hold partial state from this batch, so start clean.
        await kill()
      } catch (err) {
        reason = err instanceof Error ? err.message : String(err)
        await kill()
      }
      consecutiveFailures++
      opts.log('warn', `batch ${batch.sourceId}#${batch.seq} attempt ${attempts} failed: ${reason}`)
    }
    return { ok: false, reason: reason || 'detector disposed', attempts }
  }

  return {
    process: (batch) => serial(() => processNow(batch)),
    reloadRules: (next) =>
      serial(async () => {
        try {
          const m = await request((s) => ({ type: 'rules', seq: s, rules: next }))
          if (m.type === 'rules-loaded') {
            rules = next
            ruleCount = m.ruleCount
            return { ok: true as const, ruleCount: m.ruleCount }
          }
          return {
            ok: false as const,
            message: m.type === 'failed' ? m.message : 'unexpected answer',
          }
        } catch (err) {
          return { ok: false as const, message: err instanceof Error ? err.message : String(err) }
        }
      }),
    snapshot: () =>
      serial(async () => {
        try {
          const m = await request((s) => ({ type: 'snapshot', seq: s }))
          if (m.type === 'snapshot') {
            snapshot = m.snapshot
            return m.snapshot
          }
        } catch {
          // the snapshot is best effort; the next scheduled one will try again
        }
        return null
      }),
    health: () => ({ state: disposed ? 'stopped' : state, restarts, ruleCount, lastError }),
    async dispose() {
      disposed = true
      state = 'stopped'
      await kill()
    },
  }
}
