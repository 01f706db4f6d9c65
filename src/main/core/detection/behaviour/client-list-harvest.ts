// The client list taken page by page: one consumer (a staff console, a partner's key, an adviser's login)
// or address paging through a collection of people (clients, customers, accounts, holders) far past what
// work needs. A support agent opens a client or two from a search; a compliance officer reads a screen or
// three of a segment; a partner's nightly job pulls its own few pages. An insider taking the book to a
// competitor, a fraud ring buying leads, a leaked partner key: they page on, often filtered or sorted by
// wealth (the high-net-worth segment, balance descending) because the richest clients are worth most.
//
// Distinct page numbers of one collection within the window: eight, or five when the query selects or
// orders by wealth. A list selected by a task's state (KYC expiring, a review pending, dormant accounts, an
// AML alert) is a team's work queue: a compliance officer may page through a quarter's renewals, a
// minute a page. Such a list counts at three times the pages, unless it is selected by wealth too.
// (Across the hand-labelled samples the benign callers stop at five pages, none of them by wealth, but for
// one KYC-renewal review of fourteen; every other caller past seven was an attack.)
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { timeItself, touchRecent, windowText, type BehaviourDetector } from './behaviour-signal'

export interface ClientListHarvestOptions {
  readonly windowMs: number
  /** Distinct pages of a collection of people within the window… */
  readonly pages: number
  /** …or this many when the query selects or orders them by wealth… */
  readonly wealthPages: number
  /** …or this many when it selects a work queue (and not by wealth). */
  readonly workPages: number
  readonly suppressMs: number
  readonly maxCallers: number
}

export const DEFAULT_CLIENT_LIST_HARVEST: ClientListHarvestOptions = {
  windowMs: 3_600_000,
  pages: 8,
  wealthPages: 5,
  workPages: 24,
  suppressMs: 3 * 3_600_000,
  maxCallers: 20_000,
}

// A collection of people, as the last path segment (or before a search, list or export of it:
// `/customers/search`, `/clients/export`), in the languages of the desks.
const PEOPLE =
  /\/(?:clients?|customers?|clientes?|clienti|kunden|users|accounts|account-holders|holders|investors|members|contas|cuentas|konten|comptes|nasabah|khach-hang)(?:\/(?:search|list|query|find|filter|export|download))?\/?$/i
// The page parameter's name, and a page given by offset.
const PAGE_PARAM =
  /^(?:page|pagina|página|pag|p|pg|seite|page_?number|pagenumber|offset|skip|start)$/i
// A query that selects or orders people by what they hold.
const WEALTH =
  /hnw|high[-_ ]?net|net[-_ ]?worth|ultra|vip|wealth|aum|balance|saldo|patrimoni|patrimoine|verm[öo]gen|premium|platinum|private[-_ ]?bank/i
// A query that selects a task's work queue: know-your-customer renewals, reviews, alerts, dormancy.
const WORK_QUEUE =
  /(?:^|[^a-z])(?:kyc|cdd|edd|aml|pep)(?:[^a-z]|$)|expir|renewal|review|pending|overdue|dormant|remediat|alert|sanction|queue|flagged|escalat/i
/** Pages kept per collection: enough for the thresholds, bounded. */
const MAX_PAGES = 32

interface Walk {
  /** page → when last asked for */
  readonly pages: Map<string, number>
  wealth: boolean
  /** Selected as a work queue (every request of the walk so far). */
  work: boolean
  quietUntil: number
}

/** Creates the client-list-harvest detector (per consumer, else address, and collection). */
export function createClientListHarvestDetector(
  opts = DEFAULT_CLIENT_LIST_HARVEST,
): BehaviourDetector {
  const walks = createBoundedMap<string, Walk>(opts.maxCallers)
  return {
    get size() {
      return walks.size
    },
    observe(r: RequestRecord) {
      if (r.method !== 'GET' || r.ip === null || r.status === null || r.query.length === 0)
        return null
      if (r.status < 200 || r.status >= 300 || !PEOPLE.test(r.path)) return null
      let page: string | null = null
      let wealth = false
      let work = false
      for (const q of r.query) {
        if (page === null && PAGE_PARAM.test(q.name)) page = q.value.slice(0, 16)
        if (WEALTH.test(q.value) || WEALTH.test(q.name)) wealth = true
        else if (!PAGE_PARAM.test(q.name) && (WORK_QUEUE.test(q.value) || WORK_QUEUE.test(q.name)))
          work = true
      }
      if (page === null) return null
      const who =
        r.consumer !== null && r.consumer !== '' ? `c\u0000${r.consumer}` : `a\u0000${r.ip}`
      const key = `${who}\u0000${r.path.toLowerCase()}`
      let w = walks.get(key)
      if (w === undefined) {
        w = { pages: new Map(), wealth: false, work, quietUntil: 0 }
        walks.set(key, w)
      }
      touchRecent(w.pages, page, r.time, r.time - opts.windowMs, MAX_PAGES, timeItself)
      if (wealth) w.wealth = true
      if (!work) w.work = false
      if (r.time < w.quietUntil) return null
      const need = w.wealth ? opts.wealthPages : w.work ? opts.workPages : opts.pages
      if (w.pages.size < need) return null
      w.quietUntil = r.time + opts.suppressMs
      const caller = r.consumer ? `consumer ${r.consumer}` : r.ip
      return {
        category: 'other',
        rule: 'behaviour.client-list-harvest',
        severity: 'high',
        confidence: w.wealth ? 0.8 : 0.75,
        summary: `${caller} paged through ${w.pages.size} pages of ${r.path.slice(0, 60)} within ${windowText(opts.windowMs)}${w.wealth ? ', selected or ordered by wealth' : ''}: a client list being taken`,
        details: { pages: w.pages.size, wealth: w.wealth ? 1 : 0 },
      }
    },
  }
}
