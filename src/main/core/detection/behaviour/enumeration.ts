// Enumeration: one client walking through paths that do not exist or are not its own. Many distinct paths
// answered 404 (and, for the slow form, 403: an object that exists but belongs to someone else) in a
// window, making up most of what the client sent. A stale bookmark is one path; a client whose few 404s
// sit among hundreds of good requests (a reconciliation batch meeting a few cancelled trades) is a buggy
// integration or ordinary work, not an enumeration.
//
// Two forms run: the fast one per address (20 distinct 404s in 5 minutes), and a slow one over an hour
// that counts 403s too, per address and per consumer, so ids walked patiently, or walked by one API
// client from several addresses, are seen; every address of the consumer that took part is named.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  dropBefore,
  refOf,
  refTime,
  touchRecent,
  type BehaviourDetector,
  type WindowRef,
} from './behaviour-signal'

export interface EnumerationOptions {
  readonly rule: string
  /** Whose window it is: the client address, or the authenticated consumer. */
  readonly key: 'ip' | 'consumer'
  /** The answers that count as a miss. */
  readonly statuses: readonly number[]
  readonly windowMs: number
  readonly distinctPaths: number
  /** Misses must be at least this share of the entity's requests in the window. */
  readonly minShare: number
  readonly suppressMs: number
  readonly maxEntities: number
}

export const DEFAULT_ENUMERATION: EnumerationOptions = {
  rule: 'behaviour.not-found-enumeration',
  key: 'ip',
  statuses: [404],
  windowMs: 5 * 60_000,
  distinctPaths: 20,
  minShare: 0.5,
  suppressMs: 30 * 60_000,
  maxEntities: 100_000,
}

export const DEFAULT_SLOW_ENUMERATION: EnumerationOptions = {
  rule: 'behaviour.id-enumeration',
  key: 'ip',
  statuses: [403, 404],
  windowMs: 60 * 60_000,
  distinctPaths: 50,
  minShare: 0.5,
  suppressMs: 60 * 60_000,
  maxEntities: 50_000,
}

export const DEFAULT_CONSUMER_ENUMERATION: EnumerationOptions = {
  ...DEFAULT_SLOW_ENUMERATION,
  key: 'consumer',
}

/** Addresses of a consumer named in one finding at most. */
const MAX_NAMED = 16

interface Window {
  all: number[]
  misses: number[]
  paths: string[]
  /** For a consumer's window: address → its latest miss, to name it. */
  refs: Map<string, WindowRef> | null
  quietUntil: number
}

/** Creates an enumeration detector (see the file comment for the two standard forms). */
export function createEnumerationDetector(opts = DEFAULT_ENUMERATION): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxEntities)
  const cap = opts.distinctPaths * 8
  const statuses = new Set(opts.statuses)
  const byConsumer = opts.key === 'consumer'
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      const entity = byConsumer ? r.consumer : r.ip
      if (entity === null || entity === '' || r.status === null) return null
      const miss = statuses.has(r.status)
      let w = windows.get(entity)
      if (!w) {
        if (!miss) return null
        w = { all: [], misses: [], paths: [], refs: byConsumer ? new Map() : null, quietUntil: 0 }
        windows.set(entity, w)
      }
      const cutoff = r.time - opts.windowMs
      dropBefore(w.all, cutoff)
      if (w.all.length < cap * 4) w.all.push(r.time)
      if (!miss) return null
      const drop = w.misses.findIndex((t) => t >= cutoff)
      if (drop !== 0) {
        const n = drop < 0 ? w.misses.length : drop
        w.misses.splice(0, n)
        w.paths.splice(0, n)
      }
      w.misses.push(r.time)
      w.paths.push(r.path.toLowerCase())
      if (w.misses.length > cap) {
        w.misses.splice(0, w.misses.length - cap)
        w.paths.splice(0, w.paths.length - cap)
      }
      if (w.refs && r.ip !== null) {
        touchRecent(w.refs, r.ip, refOf(r), cutoff, MAX_NAMED, refTime)
      }
      if (r.time < w.quietUntil) return null
      const distinct = new Set(w.paths).size
      if (distinct < opts.distinctPaths) return null
      const share = w.misses.length / Math.max(1, w.all.length)
      if (share < opts.minShare) return null
      w.quietUntil = r.time + opts.suppressMs
      const answered = opts.statuses.join(' or ')
      const who = byConsumer ? `consumer ${entity} (${w.refs?.size ?? 1} addresses)` : `${entity}`
      return {
        category: 'enumeration',
        rule: opts.rule,
        severity: 'medium',
        confidence: confidenceOver(distinct, opts.distinctPaths),
        summary: `${distinct} distinct paths answered ${answered} to ${who} within ${opts.windowMs / 60_000} min (${Math.round(share * 100)}% of its requests)`,
        details: {
          distinctPaths: distinct,
          misses: w.misses.length,
          share: Math.round(share * 100) / 100,
          ...(w.refs ? { addresses: w.refs.size } : {}),
        },
        ...(w.refs ? { accomplices: [...w.refs.values()].filter((ref) => ref.ip !== r.ip) } : {}),
      }
    },
  }
}
