// Enumeration: one client walking through paths that do not exist. Many distinct paths answered 404 in a
// short window, making up most of what the client sent. A stale bookmark is one path; a client whose
// few 404s sit among hundreds of good requests is a buggy integration, not an enumeration.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, dropBefore, type BehaviourDetector } from './behaviour-signal'

export interface EnumerationOptions {
  readonly windowMs: number
  readonly distinctPaths: number
  /** 404s must be at least this share of the client's requests in the window. */
  readonly minShare: number
  readonly suppressMs: number
  readonly maxClients: number
}

export const DEFAULT_ENUMERATION: EnumerationOptions = {
  windowMs: 5 * 60_000,
  distinctPaths: 20,
  minShare: 0.5,
  suppressMs: 30 * 60_000,
  maxClients: 100_000,
}

interface Window {
  all: number[]
  misses: number[]
  paths: string[]
  quietUntil: number
}

/** Creates the per-address 404 enumeration detector. */
export function createEnumerationDetector(opts = DEFAULT_ENUMERATION): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxClients)
  const cap = opts.distinctPaths * 8
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      let w = windows.get(r.ip)
      if (!w) {
        if (r.status !== 404) return null
        w = { all: [], misses: [], paths: [], quietUntil: 0 }
        windows.set(r.ip, w)
      }
      const cutoff = r.time - opts.windowMs
      dropBefore(w.all, cutoff)
      if (w.all.length < cap * 4) w.all.push(r.time)
      if (r.status !== 404) return null
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
      if (r.time < w.quietUntil) return null
      const distinct = new Set(w.paths).size
      if (distinct < opts.distinctPaths) return null
      const share = w.misses.length / Math.max(1, w.all.length)
      if (share < opts.minShare) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'enumeration',
        rule: 'behaviour.not-found-enumeration',
        severity: 'medium',
        confidence: confidenceOver(distinct, opts.distinctPaths),
        summary: `${distinct} distinct paths answered 404 to ${r.ip} within ${opts.windowMs / 60_000} min (${Math.round(share * 100)}% of its requests)`,
        details: {
          distinctPaths: distinct,
          notFound: w.misses.length,
          share: Math.round(share * 100) / 100,
        },
      }
    },
  }
}
