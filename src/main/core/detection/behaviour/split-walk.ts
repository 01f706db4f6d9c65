// One signed-in session walked from several addresses at once, each taking its own stretch of the records:
// a subscriber's cookie copied to a scraper's workers, which share out the premium reports by number
// (48100–48121 on one, 48122–48137 on another, 48138–48154 on a third), each at a reader's pace so that
// no address reads enough to be seen (object-walk.ts counts per address). A session lives in one
// browser: a person reading on it walks one stretch at a time, from whatever address their carrier gives
// them, and two of their connections interleave in the numbers rather than split them.
//
// Per session and kind of record, each address's current stretch is kept: records read in order, each
// number 0 to 3 above the last, with at most `gapMs` between reads. Two addresses each with a stretch of
// `stretch` records or more, both read within `gapMs`, over ranges that do not overlap: the session is
// being walked in shares. Every other address of the session that walks a few records while it lasts
// is named too.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import {
  joinsNamed,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { readRecord } from './object-walk'

export interface SplitWalkOptions {
  /** Records in order on each of two addresses… */
  readonly stretch: number
  /** …read no more than this apart, and both within it of the latest. */
  readonly gapMs: number
  /** Records in order on another address for it to join a reported walk. */
  readonly joinStretch: number
  readonly suppressMs: number
  readonly maxWalks: number
}

export const DEFAULT_SPLIT_WALK: SplitWalkOptions = {
  stretch: 5,
  gapMs: 10 * 60_000,
  joinStretch: 3,
  suppressMs: 12 * 3_600_000,
  maxWalks: 20_000,
}

/** Addresses kept per walk: the most recent, bounded under a flood. */
const MAX_STRETCHES = 16

interface Stretch {
  lo: number
  hi: number
  last: number
  /** Distinct records read in order. */
  count: number
  lastTime: number
  /** The latest request, once the stretch is long enough to be named beside another (null before). */
  ref: WindowRef | null
}

interface Walk {
  stretches: Map<string, Stretch>
  quietUntil: number
  /** The addresses named since the walk was reported (null before). */
  named: Set<string> | null
}

/** Creates the session-walked-in-shares detector (per session and kind of record). */
export function createSplitWalkDetector(opts = DEFAULT_SPLIT_WALK): BehaviourDetector {
  const walks = createBoundedMap<string, Walk>(opts.maxWalks)
  return {
    get size() {
      return walks.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.status === null || r.status < 200 || r.status >= 300) return null
      const rec = readRecord(r)
      if (rec === null || r.ip === null) return null
      const session = sessionKey(r)
      if (session === 0) return null
      const key = `${session}:${rec.kind}`
      let w = walks.get(key)
      if (!w) {
        w = { stretches: new Map(), quietUntil: 0, named: null }
        walks.set(key, w)
      }
      const s = extend(w.stretches, r.ip, r, rec.id, opts.gapMs)
      if (s.count >= opts.stretch) s.ref = refOf(r)
      if (r.time < w.quietUntil) {
        if (s.count < opts.joinStretch || !joinsNamed(w.named, r.ip)) return null
        return signalOf(r, rec.kind, s, [], w.named?.size ?? 1, opts)
      }
      if (s.ref === null) return null
      const others = new Map<string, WindowRef>()
      for (const [ip, o] of w.stretches) {
        if (ip === r.ip || o.ref === null || r.time - o.lastTime > opts.gapMs) continue
        if (o.hi < s.lo || s.hi < o.lo) others.set(ip, o.ref)
      }
      if (others.size === 0) return null
      w.quietUntil = r.time + opts.suppressMs
      w.named = new Set([r.ip, ...others.keys()])
      return signalOf(r, rec.kind, s, [...others.values()], w.named.size, opts)
    },
  }
}

function signalOf(
  r: RequestRecord,
  kind: string,
  s: Stretch,
  accomplices: WindowRef[],
  addresses: number,
  opts: SplitWalkOptions,
): BehaviourSignal {
  return {
    category: 'other',
    rule: 'behaviour.session-split-walk',
    severity: 'high',
    confidence: Math.min(0.9, 0.7 + 0.05 * (addresses - 2)),
    summary: `one session read ${kind} records in order from ${addresses} addresses at once, each its own stretch of numbers (${s.lo}–${s.hi} from ${r.ip}), no more than ${windowText(opts.gapMs)} apart: a copied session walked by several workers`,
    details: { addresses, stretch: s.count, from: s.lo, to: s.hi },
    accomplices,
  }
}

/** Extends the address's stretch with this record, or starts a new one; returns it. */
function extend(
  stretches: Map<string, Stretch>,
  ip: string,
  r: RequestRecord,
  id: number,
  gapMs: number,
): Stretch {
  const s = stretches.get(ip)
  const step = s ? id - s.last : -1
  if (s && r.time - s.lastTime <= gapMs && step >= 0 && step <= 3) {
    if (step > 0) s.count++
    s.last = id
    s.hi = Math.max(s.hi, id)
    s.lastTime = r.time
    return s
  }
  stretches.delete(ip)
  const fresh: Stretch = { lo: id, hi: id, last: id, count: 1, lastTime: r.time, ref: null }
  stretches.set(ip, fresh)
  if (stretches.size > MAX_STRETCHES) stretches.delete(stretches.keys().next().value as string)
  return fresh
}
