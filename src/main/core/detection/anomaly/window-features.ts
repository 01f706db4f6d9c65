// Per-entity window features: the numbers the Isolation Forest and the robust baselines look at.
// Each row summarises what one client address did in one fixed window, in terms that do not depend on
// the payload text (so a forest trained on one gateway's traffic says something about another's).
// scripts/validate-iforest.py computes the same features in Python for the validation fixtures; keep the
// two in step (definitions in docs/anomaly.md).

/** The slice of a request the features need. */
export interface WindowRequest {
  /** UTC epoch ms (request start). */
  readonly time: number
  readonly ip: string
  /** Raw path, no query. */
  readonly path: string
  readonly status: number | null
  /** Response size in bytes. */
  readonly bytes: number | null
  readonly latencyMs: number | null
  /** Raw query string as sent, without the leading `?`; '' when none. */
  readonly query: string
}

/** Column order of WindowFeatures.values (and of the validation CSV). */
export const WINDOW_FEATURE_NAMES = [
  'rate_per_min',
  'error_ratio',
  'distinct_paths',
  'distinct_path_ratio',
  'mean_bytes',
  'mean_latency_ms',
  'special_query_share',
  'not_found_ratio',
] as const

export type WindowFeatureName = (typeof WINDOW_FEATURE_NAMES)[number]

export interface WindowFeatures {
  readonly ip: string
  /** Window start, UTC epoch ms, a multiple of windowMs. */
  readonly windowStart: number
  readonly requests: number
  /** In WINDOW_FEATURE_NAMES order. */
  readonly values: Float64Array
}

export interface WindowFeatureOptions {
  /** Window length in ms; default 10 minutes. Windows are aligned to the epoch. */
  readonly windowMs?: number
}

export const DEFAULT_WINDOW_MS = 10 * 60 * 1000

// What an ordinary client's query string is made of: letters, digits, the separators `=` and `&`, and
// URL-unreserved punctuation. Anything else (%, +, quotes, brackets, spaces, non-ASCII) marks a request:
// injections need such characters, and encoded payloads bring `%`.
const PLAIN_QUERY = /^[A-Za-z0-9=&\-._~]*$/

/** True when the query holds a character outside the plain class (see PLAIN_QUERY). */
export function hasSpecialQueryCharacters(query: string): boolean {
  return !PLAIN_QUERY.test(query)
}

/**
 * Computes one feature row per (ip, window) from `requests`, ordered by window start then ip:
 * rate (requests per minute of the window), error ratio (status ≥ 400), distinct paths and their ratio
 * to requests, mean response bytes and latency (over requests that have them, 0 when none do), the share
 * of requests whose query has special characters, and the 404 ratio.
 */
export function computeWindowFeatures(
  requests: readonly WindowRequest[],
  opts: WindowFeatureOptions = {},
): WindowFeatures[] {
  const windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS
  if (!(windowMs > 0)) throw new RangeError('computeWindowFeatures: windowMs must be positive')
  const groups = new Map<string, { ip: string; start: number; items: WindowRequest[] }>()
  for (const r of requests) {
    const start = Math.floor(r.time / windowMs) * windowMs
    const key = `${start}\u0000${r.ip}`
    let g = groups.get(key)
    if (g === undefined) {
      g = { ip: r.ip, start, items: [] }
      groups.set(key, g)
    }
    g.items.push(r)
  }
  const minutes = windowMs / 60_000
  const out: WindowFeatures[] = []
  for (const g of groups.values()) {
    const n = g.items.length
    const paths = new Set<string>()
    let errors = 0
    let notFound = 0
    let special = 0
    let bytes = 0
    let bytesKnown = 0
    let latency = 0
    let latencyKnown = 0
    for (const r of g.items) {
      paths.add(r.path)
      if (r.status !== null && r.status >= 400) errors++
      if (r.status === 404) notFound++
      if (hasSpecialQueryCharacters(r.query)) special++
      if (r.bytes !== null) {
        bytes += r.bytes
        bytesKnown++
      }
      if (r.latencyMs !== null) {
        latency += r.latencyMs
        latencyKnown++
      }
    }
    const values = Float64Array.of(
      n / minutes,
      errors / n,
      paths.size,
      paths.size / n,
      bytesKnown > 0 ? bytes / bytesKnown : 0,
      latencyKnown > 0 ? latency / latencyKnown : 0,
      special / n,
      notFound / n,
    )
    out.push({ ip: g.ip, windowStart: g.start, requests: n, values })
  }
  // Plain code-unit order for ips, like Python's default string sort, so both sides list rows alike.
  return out.sort(
    (a, b) => a.windowStart - b.windowStart || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0),
  )
}
