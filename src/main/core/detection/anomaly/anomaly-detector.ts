// Online anomaly detection over per-client windows: each client's requests are summarised per 10-minute
// window (window-features.ts); when a window closes it is scored by an Isolation Forest trained on a
// rolling baseline of recent ordinary windows, and checked against robust per-feature statistics. Only a
// window that is both isolated by the forest and far outside the baseline on some feature is reported,
// naming the window's last request, with the features that drove it. The forest is retrained on a
// schedule and travels to main as a snapshot (the worker keeps no files).
import { z } from 'zod'
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { loadIsolationForest, trainIsolationForest, type IsolationForest } from './isolation-forest'
import { createMedianMadTracker, type MedianMadTracker } from './robust-stats'
import {
  DEFAULT_WINDOW_MS,
  hasSpecialQueryCharacters,
  WINDOW_FEATURE_NAMES,
} from './window-features'

export interface AnomalyOptions {
  readonly windowMs: number
  /** A window needs this many requests to say anything about its client. */
  readonly minRequests: number
  /** Ordinary windows kept as the training baseline. */
  readonly baselineRows: number
  /** Windows needed before the first forest is trained. */
  readonly minTrainingRows: number
  /** Retrain after this many new baseline windows… */
  readonly retrainEveryRows: number
  /** …or after this much stream time. */
  readonly retrainEveryMs: number
  /** Forest score at or above which a window is a candidate. */
  readonly scoreThreshold: number
  /** …and some feature must be this many robust deviations from the baseline's median. */
  readonly minDeviation: number
  readonly maxClients: number
}

export const DEFAULT_ANOMALY: AnomalyOptions = {
  windowMs: DEFAULT_WINDOW_MS,
  minRequests: 5,
  baselineRows: 4096,
  minTrainingRows: 256,
  retrainEveryRows: 1024,
  retrainEveryMs: 60 * 60_000,
  scoreThreshold: 0.68,
  minDeviation: 6,
  maxClients: 100_000,
}

export interface AnomalySignal {
  readonly line: number
  readonly recordId: string
  readonly time: number
  readonly ip: string
  readonly consumer: string | null
  readonly route: string | null
  readonly score: number
  readonly confidence: number
  readonly summary: string
  /** Feature values of the window and the top contributing features with their shares and deviations. */
  readonly details: Readonly<Record<string, number | string>>
}

export interface AnomalyDetector {
  /** Adds a request; returns the windows that closed and were found anomalous. */
  observe(r: RequestRecord): readonly AnomalySignal[]
  /** Closes every open window (end of a file, shutdown). */
  flush(): AnomalySignal[]
  /** The forest alone (null until one is trained). */
  snapshot(): string | null
  restore(snapshot: string): void
  /**
   * Everything learnt: the forest, the rolling baseline it is trained on (the robust statistics are
   * the baseline's last rows, so they come back with it) and where the retraining schedule stands.
   */
  save(): SavedAnomaly
  /** Takes back what save() returned; throws, learning nothing, when it is not that. */
  load(data: unknown): void
  readonly size: number
}

const FEATURES = WINDOW_FEATURE_NAMES.length

const savedAnomaly = z.object({
  forest: z.string().nullable(),
  /** The baseline rows, FEATURES float64 each, little-endian, base64. */
  baseline: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/),
  sinceTrain: z.number().int().nonnegative(),
  trainedAt: z.number().finite(),
  trainings: z.number().int().nonnegative(),
})

export type SavedAnomaly = z.infer<typeof savedAnomaly>

function packRows(rows: readonly Float64Array[]): string {
  const bytes = new Uint8Array(rows.length * FEATURES * 8)
  const view = new DataView(bytes.buffer)
  rows.forEach((row, r) => {
    for (let i = 0; i < FEATURES; i++) view.setFloat64((r * FEATURES + i) * 8, row[i] ?? 0, true)
  })
  return Buffer.from(bytes).toString('base64')
}

function unpackRows(text: string, maxRows: number): Float64Array[] {
  const buf = Buffer.from(text, 'base64')
  if (buf.length % (FEATURES * 8) !== 0) throw new Error('anomaly baseline: truncated rows')
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  const n = buf.length / (FEATURES * 8)
  const rows: Float64Array[] = []
  for (let r = Math.max(0, n - maxRows); r < n; r++) {
    const row = new Float64Array(FEATURES)
    for (let i = 0; i < FEATURES; i++) {
      const x = view.getFloat64((r * FEATURES + i) * 8, true)
      if (!Number.isFinite(x)) throw new Error('anomaly baseline: a value is not a finite number')
      row[i] = x
    }
    rows.push(row)
  }
  return rows
}

interface Window {
  start: number
  n: number
  paths: Set<string>
  errors: number
  /** Answers the server failed (5xx): its fault, not the client's doing. */
  serverErrors: number
  notFound: number
  special: number
  bytes: number
  bytesKnown: number
  latency: number
  latencyKnown: number
  last: {
    line: number
    recordId: string
    time: number
    consumer: string | null
    route: string | null
  }
}

const MAX_PATHS = 1024

// A service incident: this many clients got 5xx answers in one window. A client whose window is then
// unusual mostly by the server's failures (half its errors or more are 5xx) shows the incident, which
// the 5xx burst detector reports, not behaviour of its own; such a window neither signals nor teaches
// the baseline.
const INCIDENT_CLIENTS = 5
/** Baseline rows the robust statistics look at (the latest ones). */
const STATS_WINDOW = 512

// The smallest spread each feature's baseline is given, in its own units: when most clients never see a
// 404, one stale bookmark must not count as a hundred deviations.
const MIN_SCALE: Readonly<Record<(typeof WINDOW_FEATURE_NAMES)[number], number>> = {
  rate_per_min: 0.5,
  error_ratio: 0.05,
  distinct_paths: 1,
  distinct_path_ratio: 0.05,
  mean_bytes: 100,
  mean_latency_ms: 10,
  special_query_share: 0.05,
  not_found_ratio: 0.05,
}

/** The features that describe the server's answers rather than what the client asked. */
const ANSWER_FEATURES: ReadonlySet<number> = new Set([
  WINDOW_FEATURE_NAMES.indexOf('mean_bytes'),
  WINDOW_FEATURE_NAMES.indexOf('mean_latency_ms'),
])

function features(w: Window, windowMs: number): Float64Array {
  const n = w.n
  return Float64Array.of(
    n / (windowMs / 60_000),
    w.errors / n,
    w.paths.size,
    w.paths.size / n,
    w.bytesKnown ? w.bytes / w.bytesKnown : 0,
    w.latencyKnown ? w.latency / w.latencyKnown : 0,
    w.special / n,
    w.notFound / n,
  )
}

/** Creates the detector; `seed` makes training reproducible. */
export function createAnomalyDetector(opts = DEFAULT_ANOMALY, seed = 1): AnomalyDetector {
  const windows = createBoundedMap<string, Window>(opts.maxClients)
  const baseline: Float64Array[] = []
  const stats: MedianMadTracker[] = WINDOW_FEATURE_NAMES.map((name) =>
    createMedianMadTracker({ window: STATS_WINDOW, minScale: MIN_SCALE[name], minSamples: 64 }),
  )
  let forest: IsolationForest | null = null
  let sinceTrain = 0
  let trainedAt = 0
  let trainings = 0
  let lastSweep = 0
  // window start → clients that got a 5xx in it (the current and the previous window only)
  const failing = new Map<number, Set<string>>()
  const duringIncident = (w: Window): boolean =>
    w.serverErrors > 0 &&
    2 * w.serverErrors >= w.errors &&
    (failing.get(w.start)?.size ?? 0) >= INCIDENT_CLIENTS

  const maybeTrain = (now: number): void => {
    if (baseline.length < opts.minTrainingRows) return
    if (forest && sinceTrain < opts.retrainEveryRows && now - trainedAt < opts.retrainEveryMs)
      return
    forest = trainIsolationForest(baseline, {
      seed: seed + trainings++,
      featureNames: WINDOW_FEATURE_NAMES,
    })
    sinceTrain = 0
    trainedAt = now
  }

  const judge = (ip: string, w: Window): AnomalySignal | null => {
    if (w.n < opts.minRequests || duringIncident(w)) return null
    const row = features(w, opts.windowMs)
    let signal: AnomalySignal | null = null
    let unusual = false
    if (forest) {
      const { score, ranked } = forest.scoreWithContributions(row)
      const z = row.map((x, i) => stats[i]!.zScore(x))
      const top = ranked.slice(0, 3)
      // The features the forest isolated it by must also be far out: both views have to agree.
      const farthest = Math.max(0, ...top.map((c) => Math.abs(z[c.index]!)))
      unusual = score >= opts.scoreThreshold && farthest >= opts.minDeviation
      // Reported when what the client did is far above the baseline (more requests, errors, paths, odd
      // query characters, misses). The size and time of the answers are the server's (a report exported
      // page by page, a slow upstream), and a client doing less than most is no threat: such a window is
      // not reported, nor taught as ordinary.
      const asked = Math.max(
        0,
        ...top.filter((c) => !ANSWER_FEATURES.has(c.index)).map((c) => z[c.index]!),
      )
      if (unusual && asked >= opts.minDeviation) {
        const details: Record<string, number | string> = { score: round(score), requests: w.n }
        WINDOW_FEATURE_NAMES.forEach((name, i) => (details[name] = round(row[i]!)))
        for (const c of top) {
          details[`share:${c.name}`] = round(c.share)
          details[`deviation:${c.name}`] = round(z[c.index]!)
        }
        const drivers = top.map((c) => `${c.name} ${round(row[c.index]!)} (${round(z[c.index]!)}σ)`)
        signal = {
          ...w.last,
          ip,
          score,
          confidence: Math.min(0.99, 0.3 + (score - 0.5) * 2.5 + Math.min(0.2, farthest / 100)),
          summary: `${w.n} requests from ${ip} in ${opts.windowMs / 60_000} min unlike the baseline: ${drivers.join(', ')}`,
          details,
        }
      }
    }
    // Only ordinary windows teach the baseline, so an attack does not become normal by repetition.
    if (!unusual) {
      baseline.push(row)
      if (baseline.length > opts.baselineRows) baseline.shift()
      row.forEach((x, i) => stats[i]!.add(x))
      sinceTrain++
      maybeTrain(w.last.time)
    }
    return signal
  }

  /** Closes windows that ended before `now` (clients that went quiet). */
  const sweep = (now: number, out: AnomalySignal[]): void => {
    for (const [ip, w] of [...windows.entries()]) {
      if (w.start + opts.windowMs <= now) {
        windows.delete(ip)
        const s = judge(ip, w)
        if (s) out.push(s)
      }
    }
  }

  return {
    get size() {
      return windows.size
    },
    observe(r) {
      if (r.ip === null) return NONE
      // Made only when a window closes (once per client per window): most requests return NONE.
      let out: AnomalySignal[] | null = null
      const start = Math.floor(r.time / opts.windowMs) * opts.windowMs
      // A full sweep once per window length of stream time keeps idle clients' windows from lingering.
      if (r.time - lastSweep >= opts.windowMs) {
        sweep(start, (out ??= []))
        lastSweep = r.time
      }
      let w = windows.get(r.ip)
      if (w && start > w.start) {
        windows.delete(r.ip)
        const s = judge(r.ip, w)
        if (s) (out ??= []).push(s)
        w = undefined
      }
      if (!w) {
        w = {
          start,
          n: 0,
          paths: new Set(),
          errors: 0,
          serverErrors: 0,
          notFound: 0,
          special: 0,
          bytes: 0,
          bytesKnown: 0,
          latency: 0,
          latencyKnown: 0,
          last: { line: 0, recordId: '', time: 0, consumer: null, route: null },
        }
        windows.set(r.ip, w)
      }
      w.n++
      if (w.paths.size < MAX_PATHS) w.paths.add(r.path)
      if (r.status !== null && r.status >= 400) w.errors++
      if (r.status !== null && r.status >= 500) {
        w.serverErrors++
        let ips = failing.get(start)
        if (!ips) {
          failing.set(start, (ips = new Set()))
          for (const k of failing.keys()) if (k < start - opts.windowMs) failing.delete(k)
        }
        if (ips.size < INCIDENT_CLIENTS) ips.add(r.ip)
      }
      if (r.status === 404) w.notFound++
      if (r.rawQuery !== '' && hasSpecialQueryCharacters(r.rawQuery)) w.special++
      if (r.responseBytes !== null) {
        w.bytes += r.responseBytes
        w.bytesKnown++
      }
      if (r.latencyMs !== null && r.latencyMs >= 0) {
        w.latency += r.latencyMs
        w.latencyKnown++
      }
      // Updated in place: a new object per request was a measurable share of this detector's cost.
      const last = w.last
      last.line = r.line
      last.recordId = r.recordId
      last.time = r.time
      last.consumer = r.consumer
      last.route = r.route
      return out ?? NONE
    },
    flush() {
      const out: AnomalySignal[] = []
      sweep(Number.POSITIVE_INFINITY, out)
      return out
    },
    snapshot() {
      return forest ? forest.toJSON() : null
    },
    restore(snapshot) {
      forest = loadIsolationForest(snapshot)
      trainedAt = 0
    },
    save() {
      return {
        forest: forest ? forest.toJSON() : null,
        baseline: packRows(baseline),
        sinceTrain,
        trainedAt,
        trainings,
      }
    },
    load(data) {
      const s = savedAnomaly.parse(data)
      // Everything is read before anything is replaced: a damaged snapshot leaves the detector as it was.
      const restoredForest = s.forest === null ? null : loadIsolationForest(s.forest)
      if (restoredForest && restoredForest.featureNames.join() !== WINDOW_FEATURE_NAMES.join())
        throw new Error('anomaly forest: trained on other features')
      const rows = unpackRows(s.baseline, opts.baselineRows)
      forest = restoredForest
      baseline.length = 0
      baseline.push(...rows)
      for (const row of rows.slice(-STATS_WINDOW)) row.forEach((x, i) => stats[i]!.add(x))
      sinceTrain = s.sinceTrain
      trainedAt = s.trainedAt
      trainings = s.trainings
    },
  }
}

const NONE: readonly AnomalySignal[] = Object.freeze([])

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
