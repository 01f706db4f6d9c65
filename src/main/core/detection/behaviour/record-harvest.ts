// Records of one collection harvested one by one: people's profiles, and market data (below). One
// client reading profile after profile of a community, leaderboard or directory
// (`/community/profiles/lehma_invest56`, `/traders/reem_fx189/holdings`), a dozen or more in a few
// minutes, each with its sub-pages (holdings, followers). A list of investors and what they hold is worth
// selling, and a social-trading section shows it to any signed-in user. People read a few profiles
// that a leaderboard shows them, a minute or more on each.
//
// Profiles are named by handle, not by number, so the record walks (object-walk.ts) do not see them. The
// record is the path segment after a collection of people; its sub-pages are the same record. Partners,
// staff and customers known as consumers of their own read other kinds of records by contract, so only
// requests without a consumer (web sessions) or under an app's key every user shares are counted, and
// only from public addresses.
//
// Premium research too (behaviour.research-harvest): a session pulling report after report, dozens in
// minutes, to republish what subscribers pay for; a subscriber reads a few, each for minutes.
//
// Market data is harvested the same way (behaviour.market-data-harvest): a script with no account walking
// the public quote, chart and order-book pages of the whole listing, instrument after instrument, to
// resell a feed the broker licenses. A script, not a browser: a browser's market overview may load a
// tile per instrument, and the desk's own and customers' bots read as consumers with keys.
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { isPrivateIp } from '../ssrf-target'
import type { AppKeys } from './app-keys'
import {
  confidenceOver,
  fromBrowser,
  keepRecent,
  userAgentOf,
  windowText,
  type BehaviourDetector,
} from './behaviour-signal'

/** What is harvested: the collection whose records count, and how a finding names it. */
export interface HarvestedRecords {
  readonly rule: string
  /** A collection and the record after it (group 1 the collection, group 2 the record). */
  readonly record: RegExp
  /** Only clients that are no browser (a script, or a headless one) count. */
  readonly scriptsOnly: boolean
  readonly what: string
}

export const PEOPLE: HarvestedRecords = {
  rule: 'behaviour.profile-harvest',
  // `/profiles/<handle>`, `/traders/<handle>/holdings`
  record: /\/(profiles|traders|members|investors|users|people)\/([^/]{2,64})/i,
  scriptsOnly: false,
  what: "people's profiles",
}

export const INSTRUMENTS: HarvestedRecords = {
  rule: 'behaviour.market-data-harvest',
  // `/quotes/EMAAR`, `/charts/DIB?range=1D`, `/orderbook/TECOM?depth=20`
  record:
    /\/(quotes?|charts?|orderbooks?|order-book|candles?|ohlcv?|tickers?|depth|instruments?|securities)\/([^/]{1,40})/i,
  scriptsOnly: true,
  what: 'instruments',
}

export const DEFAULT_MARKET_DATA_HARVEST: HarvestOptions = {
  windowMs: 10 * 60_000,
  records: 30,
  suppressMs: 3_600_000,
  maxAddresses: 50_000,
}

export interface HarvestOptions {
  readonly windowMs: number
  /** Distinct records of one collection read by one address in the window. */
  readonly records: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const RESEARCH: HarvestedRecords = {
  rule: 'behaviour.research-harvest',
  // `/research/reports/RR-2026-0412`, `/insights/7f3a…/pdf`, `/publications/q1-outlook`
  // (the last collection in the path: `/research/reports/<id>` is a report)
  record:
    /^.*\/(research|reports?|publications?|analys[ie]s|insights?|articles?|notes)\/([^/]{2,64})/i,
  scriptsOnly: false,
  what: 'research documents',
}

/** Research read document by document: a subscriber reads a few a session, each for minutes. */
export const DEFAULT_RESEARCH_HARVEST: HarvestOptions = {
  windowMs: 10 * 60_000,
  records: 25,
  suppressMs: 3_600_000,
  maxAddresses: 50_000,
}

export const DEFAULT_PROFILE_HARVEST: HarvestOptions = {
  windowMs: 5 * 60_000,
  records: 12,
  suppressMs: 3_600_000,
  maxAddresses: 50_000,
}

// Pages of the collection itself, not a record's.
const NOT_A_PROFILE: ReadonlySet<string> = new Set([
  'me',
  'self',
  'current',
  'search',
  'leaderboard',
  'top',
  'trending',
  'popular',
  'featured',
  'suggested',
  'recommended',
  'list',
  'all',
  'batch',
  'stream',
])
/** Reads kept per address: enough for the threshold, bounded under a flood. */
const MAX_READS = 64

interface Reader {
  /** Profile reads in the window: [time, profile hash]. */
  reads: [number, number][]
  quietUntil: number
}

/**
 * The collection and record a read's path names for `kind`, or null. The market-data harvest and the
 * listing walk ask about the same request in turn: the last answer is kept for it.
 */
function recordIn(kind: HarvestedRecords, r: RequestRecord): RegExpExecArray | null {
  if (r !== lastRequest || kind !== lastKind) {
    lastRequest = r
    lastKind = kind
    lastMatch = kind.record.exec(r.path)
  }
  return lastMatch
}

let lastRequest: RequestRecord | null = null
let lastKind: HarvestedRecords | null = null
let lastMatch: RegExpExecArray | null = null

/** Creates the profile-harvest detector (per client address), or with INSTRUMENTS the market-data one. */
export function createHarvestDetector(
  opts = DEFAULT_PROFILE_HARVEST,
  appKeys: AppKeys | null = null,
  kind: HarvestedRecords = PEOPLE,
): BehaviourDetector {
  const readers = createBoundedMap<string, Reader>(opts.maxAddresses)
  return {
    get size() {
      return readers.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.method !== 'GET' || r.status === null || r.status >= 500) return null
      if (r.consumer !== null && r.consumer !== '' && !(appKeys?.has(r.consumer) ?? false))
        return null
      const m = recordIn(kind, r)
      if (m === null) return null
      if (kind.scriptsOnly && fromBrowser(r) && !/headless/i.test(userAgentOf(r))) return null
      const handle = (m[2] as string).toLowerCase()
      if (NOT_A_PROFILE.has(handle) || isPrivateIp(r.ip)) return null
      let w = readers.get(r.ip)
      if (!w) {
        w = { reads: [], quietUntil: 0 }
        readers.set(r.ip, w)
      }
      keepRecent(w.reads, r.time - opts.windowMs, MAX_READS, (x) => x[0])
      w.reads.push([r.time, fnv1a32(`${(m[1] as string).toLowerCase()}/${handle}`)])
      if (r.time < w.quietUntil) return null
      const records = new Set(w.reads.map((x) => x[1])).size
      if (records < opts.records) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: kind.rule,
        severity: 'medium',
        confidence: confidenceOver(records, opts.records, 0.65),
        summary: `${records} ${kind.what} (${(m[1] as string).toLowerCase()}) read within ${windowText(opts.windowMs)}: harvested record by record`,
        details: { profiles: records, reads: w.reads.length },
      }
    },
  }
}

export interface ListingWalkOptions {
  readonly windowMs: number
  /** Distinct instruments read in the window… */
  readonly instruments: number
  /** …each new one after the one before in the listing's order this often… */
  readonly ascendingShare: number
  /** …and spread over at least this long (a market overview loads its tiles at once). */
  readonly minSpanMs: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_LISTING_WALK: ListingWalkOptions = {
  windowMs: 3_600_000,
  instruments: 40,
  ascendingShare: 0.9,
  minSpanMs: 10 * 60_000,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 50_000,
}

/** New instruments kept per address: enough for the threshold, bounded. */
const MAX_WALKED = 64

/** Orders two instrument codes as a listing does: by their leading number when both have one. */
function listingOrder(a: string, b: string): number {
  const na = /^\d+/.exec(a)
  const nb = /^\d+/.exec(b)
  if (na !== null && nb !== null && na[0] !== nb[0]) return Number(na[0]) - Number(nb[0])
  return a < b ? -1 : a > b ? 1 : 0
}

interface Walker {
  /** Instruments read for the first time in the window: [time, code, after the previous one in order]. */
  walked: [number, string, boolean][]
  quietUntil: number
}

/**
 * Market data harvested in the listing's order (behaviour.market-data-harvest, walk form): a client, a
 * browser's user agent or not, reading the quote or order-book page of instrument after instrument in
 * ascending code order, over minutes rather than at once, until it has read dozens. People jump between
 * the names they follow; a scraper pacing itself to stay under rate limits walks the listing. Consumers
 * with keys of their own read by contract, as above.
 */
export function createListingWalkDetector(
  opts = DEFAULT_LISTING_WALK,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const walkers = createBoundedMap<string, Walker>(opts.maxAddresses)
  return {
    get size() {
      return walkers.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.method !== 'GET' || r.status === null || r.status >= 400) return null
      if (r.consumer !== null && r.consumer !== '' && !(appKeys?.has(r.consumer) ?? false))
        return null
      const m = recordIn(INSTRUMENTS, r)
      if (m === null || isPrivateIp(r.ip)) return null
      const code = (m[2] as string).toUpperCase()
      let w = walkers.get(r.ip)
      if (!w) {
        w = { walked: [], quietUntil: 0 }
        walkers.set(r.ip, w)
      }
      keepRecent(w.walked, r.time - opts.windowMs, MAX_WALKED, (x) => x[0])
      if (w.walked.some((x) => x[1] === code)) return null
      const last = w.walked[w.walked.length - 1]
      w.walked.push([r.time, code, last !== undefined && listingOrder(last[1], code) < 0])
      if (r.time < w.quietUntil || w.walked.length < opts.instruments) return null
      const ascending = w.walked.filter((x) => x[2]).length
      if (ascending < opts.ascendingShare * (w.walked.length - 1)) return null
      const span = r.time - (w.walked[0] as [number, string, boolean])[0]
      if (span < opts.minSpanMs) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: INSTRUMENTS.rule,
        severity: 'medium',
        confidence: 0.7,
        summary: `${w.walked.length} instruments (${(m[1] as string).toLowerCase()}) read in the listing's order over ${Math.round(span / 60_000)} min, ${ascending} of ${w.walked.length - 1} steps ascending: market data harvested instrument by instrument`,
        details: {
          instruments: w.walked.length,
          ascending,
          spanMinutes: Math.round(span / 60_000),
        },
      }
    },
  }
}
