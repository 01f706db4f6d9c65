// One client reading record after record of one kind by its identifier: `/documents/receipts/4472405.pdf`,
// `/research/reports/18058`, `/orders/ORD-20931`. A customer opens a few of their own; two walks do more.
//
// - An IDOR walk tries identifiers that are not the caller's: many are not found (404) or refused (403),
//   because most numbers belong to nobody or to someone else. It may be slow (a receipt every minute or
//   two through a residential proxy) and hide among ordinary calls, so it stays under the enumeration
//   detectors' counts of misses (enumeration.ts), yet a fifth or more of the records it asked for were
//   missing, where a customer's own records are all found.
// - A scraper walks the identifiers in order (18058, 18059, 18060…) and finds them all: research, quotes,
//   filings published under consecutive numbers. People read what a list shows them, in no such order. A
//   partner's connector syncing records by number does the same by contract, so an ordered walk counts
//   only for a caller that is no partner: no consumer, an app's shared key (app-keys.ts), or a browser.
//
// A batch walking its own records (a reconciliation over a day's trades, a partner's statements) finds
// nearly all of them: the benign samples' batches miss at most one record in eight.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  confidenceOver,
  fromBrowser,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'

export interface ObjectWalkOptions {
  readonly windowMs: number
  /** Distinct records of one kind asked for in the window… */
  readonly records: number
  /** …of which at least this share were missing (404, 410) or refused (403)… */
  readonly missShare: number
  /** …and at least this many. */
  readonly misses: number
  /** Or: this many asked for in order, each identifier 1 to 3 above the one before… */
  readonly ordered: number
  /**
   * …or, from a browser, 1 to this many above: a scraper behind a browser's name skips the numbers it may
   * not read or that were never published, where a person reading from a list moves through it in no
   * order at all. (A partner's or a bot's own client walking by number keeps the tight step: its
   * connector syncing records has gaps too, and says it is no browser.)
   */
  readonly browserStep: number
  /**
   * …at this pace or faster on average, or at one stride (the same step nearly every time: workers
   * sharing out the numbers, each taking every sixth): a scraper pulls a record every few seconds, or
   * walks a computed series. A subscriber reading the day's research in the order it was published
   * (uneven gaps where other desks' documents fell) spends a minute or more on each.
   */
  readonly browserPaceMs: number
  /** Longest pause inside an ordered walk. */
  readonly orderedGapMs: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_OBJECT_WALK: ObjectWalkOptions = {
  windowMs: 3_600_000,
  records: 18,
  missShare: 0.2,
  misses: 6,
  ordered: 15,
  browserStep: 10,
  browserPaceMs: 40_000,
  orderedGapMs: 10 * 60_000,
  suppressMs: 3_600_000,
  maxAddresses: 20_000,
}

// The last path segment that is a record's identifier: digits, after a short prefix (`ord-`, `DOC`) and
// before an extension (`.pdf`). Up to 15 digits: a document numbered after its date and a sequence
// (`CN2604280046748`, a contract note of 28 April 2026) is still a number, and exact as one.
const ID_SEGMENT = /^(?:[a-z]{0,6}[-_]?)?(\d{3,15})(?:\.[a-z0-9]{2,5})?$/i
const MISSING: ReadonlySet<number> = new Set([403, 404, 410])
/**
 * Kinds of record followed per address, and records kept per kind: enough to judge (the thresholds are
 * under 20), bounded under a flood to some five million small entries in all.
 */
const MAX_KINDS = 4
/** Share of an ordered run's steps that repeat the one before, for it to be one stride. */
const STRIDE_SHARE = 0.8
const MAX_RECORDS = 64

interface Walk {
  /**
   * Identifiers asked for (oldest first), each with when it was last asked for, in seconds, times two,
   * plus one when it was missing: a number, not an object, per entry.
   */
  readonly ids: Map<number, number>
  misses: number
  last: number
  lastTime: number
  /** Identifiers asked for in order so far. */
  run: number
  /** When the ordered run began, and whether it stepped over more than 3 (a browser's wide step). */
  runStart: number
  wide: boolean
  /** The run's last step, and how many of its steps repeated the one before. */
  step: number
  repeats: number
}

interface Address {
  /** Walks by kind of record (the path with the identifier taken out), least recently used first. */
  readonly kinds: Map<string, Walk>
  quietUntil: number
}

/** The kind of record a path names and its identifier, or null when it names none. */
export function recordOf(path: string): { kind: string; id: number } | null {
  const end = path.length - (path.endsWith('/') ? 1 : 0)
  let stop = end
  for (let start = path.lastIndexOf('/', stop - 1); start >= 0;) {
    const m = ID_SEGMENT.exec(path.slice(start + 1, stop))
    if (m) {
      const kind = `${path.slice(0, start)}/:id${path.slice(stop, end)}`
      return { kind: kind.toLowerCase(), id: Number(m[1]) }
    }
    stop = start
    if (start === 0) break
    start = path.lastIndexOf('/', start - 1)
  }
  return null
}

/**
 * The record a read asks for by number, or null: only reads that the service answered for themselves (not
 * a failure of its own, an expired session or a rate limit) say whether the record is there.
 */
export function readRecord(r: RequestRecord): { kind: string; id: number } | null {
  // Two detectors ask about the same request in turn: the last answer is kept for it.
  if (r !== lastRead) {
    lastRead = r
    lastRecord = answeredRead(r) ? (recordOf(r.path) ?? queryRecordOf(r)) : null
  }
  return lastRecord
}

let lastRead: RequestRecord | null = null
let lastRecord: { kind: string; id: number } | null = null

// A record named in the query rather than the path: `/statements?account_no=058C563714`,
// `/documents?doc_id=D-4472405`. The parameter names a record (an account, customer, document, statement,
// order or invoice, or any `…_id` / `…_no`), and its value ends in the record's number.
// Not a cursor or a correlation (`since_id`, `last_id`, `request_id`, `page_no`): a feed polled for what
// is new steps through numbers too.
const RECORD_PARAM =
  /^(?!(?:since|after|before|last|first|from|to|min|max|cursor|page|seq|offset|request|trace|span|session|device|correlation|idempotency|nonce|client|app|version|build)(?:_|Id|No))(?:(?:account|acct|customer|member|holder|document|doc|statement|order|invoice|contract|report|file)(?:_?(?:id|no|num|number))?|[a-z]{2,20}_(?:id|no|num|number)|[a-z]{2,20}(?:Id|No))$/
const QUERY_ID = /^[a-z0-9]{0,8}?[-_]?(\d{3,12})$/i

/** The kind of record a query names and its identifier (the first parameter that names one), or null. */
export function queryRecordOf(r: RequestRecord): { kind: string; id: number } | null {
  for (const q of r.query) {
    if (!RECORD_PARAM.test(q.name)) continue
    const m = QUERY_ID.exec(q.value)
    if (m) return { kind: `${r.path.toLowerCase()}?${q.name.toLowerCase()}`, id: Number(m[1]) }
  }
  return null
}

function answeredRead(r: RequestRecord): boolean {
  if (r.ip === null || r.status === null || (r.method !== 'GET' && r.method !== 'HEAD'))
    return false
  return r.status < 500 && r.status !== 401 && r.status !== 429
}

/** Creates the per-address object-walk detector. */
export function createObjectWalkDetector(
  opts = DEFAULT_OBJECT_WALK,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      const rec = readRecord(r)
      if (rec === null || r.ip === null || r.status === null) return null
      let a = addresses.get(r.ip)
      if (!a) {
        a = { kinds: new Map(), quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      let w = a.kinds.get(rec.kind)
      if (w) a.kinds.delete(rec.kind)
      else {
        w = {
          ids: new Map(),
          misses: 0,
          last: -1,
          lastTime: 0,
          run: 0,
          runStart: r.time,
          wide: false,
          step: 0,
          repeats: 0,
        }
        if (a.kinds.size >= MAX_KINDS) a.kinds.delete(a.kinds.keys().next().value as string)
      }
      a.kinds.set(rec.kind, w)
      const missing = MISSING.has(r.status)
      const cutoff = r.time - opts.windowMs
      const prev = w.ids.get(rec.id)
      if (prev !== undefined) {
        w.ids.delete(rec.id)
        if (prev % 2 === 1) w.misses--
      }
      for (const [id, e] of w.ids) {
        if (e / 2 >= cutoff / 1000 && w.ids.size < MAX_RECORDS) break
        w.ids.delete(id)
        if (e % 2 === 1) w.misses--
      }
      w.ids.set(rec.id, Math.floor(r.time / 1000) * 2 + (missing ? 1 : 0))
      if (missing) w.misses++
      if (rec.id !== w.last) {
        const step = rec.id - w.last
        const most = fromBrowser(r) ? opts.browserStep : 3
        if (step >= 1 && step <= most && r.time - w.lastTime <= opts.orderedGapMs) {
          w.run++
          if (step > 3) w.wide = true
          if (step === w.step) w.repeats++
        } else {
          w.run = 1
          w.runStart = r.time
          w.wide = false
          w.repeats = 0
        }
        w.step = step
        w.last = rec.id
      }
      w.lastTime = r.time
      if (r.time < a.quietUntil) return null
      const records = w.ids.size
      const walkedMisses =
        records >= opts.records && w.misses >= Math.max(opts.misses, opts.missShare * records)
      const ordered =
        !walkedMisses &&
        w.run >= opts.ordered &&
        (!w.wide ||
          r.time - w.runStart <= opts.browserPaceMs * (w.run - 1) ||
          w.repeats >= STRIDE_SHARE * (w.run - 1)) &&
        (r.consumer === null || (appKeys?.has(r.consumer) ?? false) || fromBrowser(r))
      if (!walkedMisses && !ordered) return null
      a.quietUntil = r.time + opts.suppressMs
      const kind = rec.kind.slice(0, 80)
      return {
        category: 'enumeration',
        rule: 'behaviour.object-walk',
        severity: 'medium',
        confidence: walkedMisses
          ? confidenceOver(w.misses, opts.misses, 0.6)
          : confidenceOver(w.run, opts.ordered, 0.55),
        summary: walkedMisses
          ? `${records} records of ${kind} asked for from ${r.ip} within ${windowText(opts.windowMs)}, ${w.misses} of them missing or refused: identifiers tried that are not the caller's`
          : `${w.run} records of ${kind} asked for from ${r.ip} in order of their numbers: a scraper walking the identifiers`,
        details: { records, misses: w.misses, ordered: w.run },
      }
    },
  }
}
