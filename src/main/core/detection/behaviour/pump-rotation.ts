// Taken-over accounts used to pump one instrument: account after account sells what it holds and buys the
// same (usually thin) stock within minutes, from whatever address the thief works at. The seller of the
// stock, who bought it cheap, sells into the buying the stolen accounts make. Each order is ordinary; what
// tells is the shape across accounts: most of the instrument's buyers in the last two hours are accounts
// that sold something else first and bought nothing else (liquidated into one name).
//
// A popular name is bought by many accounts with cash, and its rotators are a small share of its buyers; a
// desk rebalancing trades many names, so its accounts buy more than one. Both stay quiet. Orders are read
// from POSTs to an orders endpoint that were accepted (2xx), their side and instrument from a JSON or form
// body; the account from the path (`/accounts/{id}/orders`), the body's account_id, or the consumer (a web
// user's session, or a session under an app's key that Kong names one consumer for every user).
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  accountOrSessionOf,
  confidenceOver,
  keepRecent,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface PumpRotationOptions {
  readonly windowMs: number
  /** Accounts that sold something else, then bought only this instrument… */
  readonly rotators: number
  /** …being at least this share of the instrument's buyers in the window. */
  readonly share: number
  readonly suppressMs: number
  readonly maxAccounts: number
  readonly maxInstruments: number
}

export const DEFAULT_PUMP_ROTATION: PumpRotationOptions = {
  windowMs: 2 * 3_600_000,
  rotators: 5,
  share: 0.6,
  suppressMs: 2 * 3_600_000,
  maxAccounts: 50_000,
  maxInstruments: 20_000,
}

/** Orders kept per account, and buyers per instrument: bounded under a flood. */
const MAX_ORDERS = 64
const MAX_BUYERS = 256

// An order placed: `/orders`, `/order`, `/orders/regular` (a variety); not a cancel or a change of one,
// nor a preview of what it would cost.
const ORDER_PATH =
  /\/orders?(?:\/(?!cancel|modify|amend|replace|edit|preview|validate|margin|estimate|simulate|check)[a-z_-]{2,20})?\/?$/i
const ACCOUNT_IN_PATH = /\/accounts?\/([^/?#]{1,64})/i
const SIDE_KEYS = ['side', 'transaction_type', 'action', 'buy_sell', 'direction', 'order_side']
const INSTRUMENT_KEYS = [
  'symbol',
  'tradingsymbol',
  'trading_symbol',
  'code',
  'instrument',
  'instrument_id',
  'ticker',
  'isin',
  'security',
  'security_id',
  'scrip',
  'asset',
]
// How many shares or lots an order is for (not its cash amount: a notional cannot be set beside a count).
const QUANTITY_KEYS = [
  'qty',
  'quantity',
  'order_qty',
  'orderqty',
  'volume',
  'shares',
  'units',
  'lots',
  'size',
]
const ACCOUNT_KEYS = [
  'account_id',
  'accountid',
  'account',
  'account_no',
  'accountno',
  'account_number',
  'accountnumber',
  'acct',
  'acct_no',
  'acctno',
]

interface Order {
  readonly time: number
  readonly buy: boolean
  readonly instrument: string
}

interface Instrument {
  /** account → its latest buy of the instrument */
  buyers: Map<string, WindowRef>
  quietUntil: number
  /** Accounts named since the instrument was last reported (null before). */
  named: Set<string> | null
}

/** The body's fields, lower-cased names, from JSON or a form; empty for anything else. */
function fieldsOf(body: string | null): Map<string, string> {
  const out = new Map<string, string>()
  if (body === null || body.length > 8_192) return out
  const text = body.trim()
  if (text.startsWith('{')) {
    try {
      const v = JSON.parse(text) as unknown
      if (v !== null && typeof v === 'object' && !Array.isArray(v))
        for (const [k, x] of Object.entries(v as Record<string, unknown>))
          if (typeof x === 'string' || typeof x === 'number') out.set(k.toLowerCase(), String(x))
    } catch {
      // not JSON after all: no order read
    }
    return out
  }
  if (text.includes('='))
    for (const [k, x] of new URLSearchParams(text)) out.set(k.toLowerCase(), x)
  return out
}

function first(fields: Map<string, string>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = fields.get(k)
    if (v !== undefined && v.trim() !== '') return v.trim()
  }
  return null
}

/** The account a JSON or form body names (`account_id`, `accountNo`, `acct`…), or null. */
export function bodyAccountOf(body: string | null): string | null {
  return first(fieldsOf(body), ACCOUNT_KEYS)
}

/** An order placed, as read from its request. */
export interface PlacedOrder extends Order {
  readonly account: string
  /** Shares or lots, when the body says (null: not said, or not a positive number). */
  readonly qty: number | null
}

/** True when the request places an order (accepted), whatever its body says. */
export function placesOrder(r: RequestRecord): boolean {
  return (
    r.method === 'POST' &&
    r.status !== null &&
    r.status >= 200 &&
    r.status < 300 &&
    ORDER_PATH.test(r.path)
  )
}

/** The order a request places, with the account it is for; null for any other request. */
export function orderOf(r: RequestRecord, appKeys: AppKeys | null = null): PlacedOrder | null {
  if (!placesOrder(r)) return null
  const fields = fieldsOf(r.body)
  const side = first(fields, SIDE_KEYS)?.toLowerCase()
  const instrument = first(fields, INSTRUMENT_KEYS)?.toUpperCase().slice(0, 64)
  if (side === undefined || instrument === undefined) return null
  const buy = side.startsWith('b')
  if (!buy && !side.startsWith('s')) return null
  const account =
    ACCOUNT_IN_PATH.exec(r.path)?.[1] ??
    first(fields, ACCOUNT_KEYS) ??
    accountOrSessionOf(r, appKeys)
  if (account === null) return null
  const q = Number(first(fields, QUANTITY_KEYS) ?? NaN)
  return { time: r.time, buy, instrument, account, qty: q > 0 && Number.isFinite(q) ? q : null }
}

/** True when the account's orders in the window sold another instrument and bought no other. */
function rotatedInto(orders: readonly Order[], instrument: string, cutoff: number): boolean {
  let sold = false
  for (const o of orders) {
    if (o.time < cutoff || o.instrument === instrument) continue
    if (o.buy) return false
    sold = true
  }
  return sold
}

/** Creates the pump-through-taken-over-accounts detector (per instrument). */
export function createPumpRotationDetector(
  opts = DEFAULT_PUMP_ROTATION,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const accounts = createBoundedMap<string, Order[]>(opts.maxAccounts)
  const instruments = createBoundedMap<string, Instrument>(opts.maxInstruments)
  return {
    get size() {
      return accounts.size + instruments.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      const o = orderOf(r, appKeys)
      if (o === null) return null
      const cutoff = r.time - opts.windowMs
      let orders = accounts.get(o.account)
      if (!orders) {
        orders = []
        accounts.set(o.account, orders)
      }
      keepRecent(orders, cutoff, MAX_ORDERS, (x) => x.time)
      orders.push({ time: o.time, buy: o.buy, instrument: o.instrument })
      if (!o.buy) return null
      let inst = instruments.get(o.instrument)
      if (!inst) {
        inst = { buyers: new Map(), quietUntil: 0, named: null }
        instruments.set(o.instrument, inst)
      }
      inst.buyers.delete(o.account)
      inst.buyers.set(o.account, refOf(r))
      for (const [account, ref] of inst.buyers) {
        if (ref.time >= cutoff && inst.buyers.size <= MAX_BUYERS) break
        inst.buyers.delete(account)
      }
      // Only a buy that is itself a rotation can tip the instrument over.
      if (!rotatedInto(orders, o.instrument, cutoff)) return null
      const signal = (rotators: number, accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'other',
        rule: 'behaviour.pump-rotation',
        severity: 'high',
        confidence: confidenceOver(rotators, opts.rotators, 0.7),
        summary: `${rotators} of ${inst.buyers.size} accounts buying ${o.instrument} within ${windowText(opts.windowMs)} sold other holdings first and bought nothing else: taken-over accounts pumping one instrument`,
        details: { instrument: o.instrument, rotators, buyers: inst.buyers.size },
        accomplices,
      })
      if (r.time < inst.quietUntil) {
        // Still going on: an account rotating into the instrument now is named too, once.
        if (inst.named === null || inst.named.has(o.account)) return null
        inst.named.add(o.account)
        return signal(inst.named.size, [])
      }
      const rotators: [string, WindowRef][] = []
      for (const [account, ref] of inst.buyers) {
        const theirs = accounts.get(account)
        if (theirs && rotatedInto(theirs, o.instrument, cutoff)) rotators.push([account, ref])
      }
      if (rotators.length < opts.rotators || rotators.length < opts.share * inst.buyers.size)
        return null
      inst.quietUntil = r.time + opts.suppressMs
      inst.named = new Set(rotators.map(([account]) => account))
      return signal(
        rotators.length,
        rotators.filter(([account]) => account !== o.account).map(([, ref]) => ref),
      )
    },
  }
}
