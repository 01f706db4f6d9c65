// Spoofing by layering: a client stacks several large orders on one side of an instrument's book, which
// moves the price or the queue its way, trades a small order on the other side at the better price, and
// cancels the stack within seconds, before any of it can fill. The stack was never meant to trade. One
// such cycle could be a trader changing their mind; the same cycle again and again is market abuse the
// broker must stop and report (MAR art. 12, SEC Rule 10b5-1's spoofing cases, FINRA 5210).
//
// A market maker quotes both sides in similar sizes and replaces its quotes all day; an execution algo
// slices one large order into children on one side and lets them fill. Neither pairs a stack many times
// its size with a small order against it and then pulls the stack.
//
// The client is the account or session that places and cancels (accountOrSessionOf), else its address
// (a mobile app whose tokens the gateway logged redacted). Orders come from pump-rotation's reader: a POST
// to an orders endpoint accepted (2xx), side, instrument and quantity from a JSON or form body. A cancel
// is a DELETE of an order (`/orders/{id}`), or a POST or PUT to one's cancel (`/orders/{id}/cancel`,
// `/orders/cancel`), accepted. The gateway does not log which order a cancel was for, so cancels are
// counted, not matched: those that follow the small order within a minute.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  accountOrSessionOf,
  confidenceOver,
  joinsNamed,
  keepRecent,
  timeItself,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'
import { orderOf } from './pump-rotation'

export interface OrderLayeringOptions {
  /** Orders on one side within this long before the small one form its stack… */
  readonly stackMs: number
  /** …at least this many of them… */
  readonly stackOrders: number
  /** …for at least this many times the small order's quantity in all; */
  readonly sizeRatio: number
  /** then at least this share of the stack (and 2 or more) cancelled within this long of the small order. */
  readonly cancelShare: number
  readonly cancelMs: number
  /** Cycles within the window that make a pattern. */
  readonly cycles: number
  readonly windowMs: number
  readonly suppressMs: number
  readonly maxClients: number
}

export const DEFAULT_ORDER_LAYERING: OrderLayeringOptions = {
  stackMs: 30_000,
  stackOrders: 3,
  sizeRatio: 10,
  cancelShare: 2 / 3,
  cancelMs: 60_000,
  cycles: 3,
  windowMs: 2 * 3_600_000,
  suppressMs: 2 * 3_600_000,
  maxClients: 20_000,
}

/** Orders kept per client: a stack is a handful, an algo's burst is bounded here. */
const MAX_ORDERS = 64
/** Completed cycles kept per client: far past the threshold, bounded for an algo cycling all day. */
const MAX_CYCLES = 64
/** Addresses named per reported client. */
const MAX_NAMED = 16

// A cancel: DELETE of an order by id, or a POST / PUT / PATCH to an order's (or the orders') cancel.
// (`/orders/{id}`, or with the order's variety first: `/orders/regular/{id}`, as a placement names it)
const DELETE_ORDER = /\/orders?(?:\/[a-z_-]{2,20})?\/[^/]{3,80}\/?$/i
const CANCEL_ORDER = /\/orders?(?:\/[^/]{1,80})?\/cancel(?:lation)?\/?$|\/cancel[-_]?order\/?$/i

interface Placed {
  readonly time: number
  readonly buy: boolean
  readonly instrument: string
  readonly qty: number
}

interface Cycle {
  /** When the small order went in. */
  readonly time: number
  readonly instrument: string
  readonly stack: number
  readonly stackQty: number
  readonly smallQty: number
  cancels: number
}

interface Client {
  orders: Placed[]
  /** The cycle waiting for its stack to be pulled. */
  open: Cycle | null
  /** When each completed cycle's stack was pulled, within the window. */
  done: number[]
  last: Cycle | null
  quietUntil: number
  named: Set<string> | null
}

/** True when the request cancels an order (accepted). */
export function cancelsOrder(r: RequestRecord): boolean {
  if (r.status === null || r.status < 200 || r.status >= 300) return false
  if (r.method === 'DELETE')
    return (
      DELETE_ORDER.test(r.path) && !/\/orders?(?:\/[a-z_-]{2,20})?\/(?:all|batch)\/?$/i.test(r.path)
    )
  return (
    (r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH') && CANCEL_ORDER.test(r.path)
  )
}

/** Creates the spoofing-by-layering detector (per account or session, else per address). */
export function createOrderLayeringDetector(
  opts = DEFAULT_ORDER_LAYERING,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const clients = createBoundedMap<string, Client>(opts.maxClients)
  const keyOf = (r: RequestRecord): string | null => {
    const k = accountOrSessionOf(r, appKeys)
    if (k !== null) return k
    return r.ip === null ? null : `\u0001${r.ip}`
  }
  return {
    get size() {
      return clients.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.method === 'GET' || r.status === null || r.status < 200 || r.status >= 300) return null
      const o = orderOf(r, appKeys)
      if (o !== null) {
        if (o.qty === null) return null
        const key = keyOf(r)
        if (key === null) return null
        let c = clients.get(key)
        if (!c) {
          c = { orders: [], open: null, done: [], last: null, quietUntil: 0, named: null }
          clients.set(key, c)
        }
        keepRecent(c.orders, r.time - opts.stackMs, MAX_ORDERS, (p) => p.time)
        let stack = 0
        let stackQty = 0
        for (const p of c.orders)
          if (p.instrument === o.instrument && p.buy !== o.buy) {
            stack++
            stackQty += p.qty
          }
        if (stack >= opts.stackOrders && stackQty >= opts.sizeRatio * o.qty)
          c.open = {
            time: r.time,
            instrument: o.instrument,
            stack,
            stackQty,
            smallQty: o.qty,
            cancels: 0,
          }
        c.orders.push({ time: r.time, buy: o.buy, instrument: o.instrument, qty: o.qty })
        return null
      }
      if (!cancelsOrder(r)) return null
      const key = keyOf(r)
      const c = key === null ? undefined : clients.get(key)
      if (!c) return null
      if (c.open !== null && r.time - c.open.time > opts.cancelMs) c.open = null
      if (r.time < c.quietUntil) {
        // Still at it: another address of the client's is named too, once.
        if (r.ip === null || !joinsNamed(c.named, r.ip, MAX_NAMED)) return null
        return signalOf(c, opts)
      }
      const cycle = c.open
      if (cycle === null) return null
      cycle.cancels++
      if (cycle.cancels < Math.max(2, Math.ceil(opts.cancelShare * cycle.stack))) return null
      c.open = null
      c.last = cycle
      keepRecent(c.done, r.time - opts.windowMs, MAX_CYCLES, timeItself)
      c.done.push(r.time)
      if (c.done.length < opts.cycles) return null
      c.quietUntil = r.time + opts.suppressMs
      c.named = new Set(r.ip === null ? [] : [r.ip])
      return signalOf(c, opts)
    },
  }
}

function signalOf(c: Client, opts: OrderLayeringOptions): BehaviourSignal {
  const last = c.last as Cycle
  return {
    category: 'other',
    rule: 'behaviour.order-layering',
    severity: 'high',
    confidence: confidenceOver(c.done.length, opts.cycles, 0.7),
    summary: `${c.done.length} times within ${windowText(opts.windowMs)} one client stacked orders on one side, traded a small order against them and cancelled the stack within ${opts.cancelMs / 1000} s; last on ${last.instrument}: ${last.stack} orders for ${last.stackQty} against ${last.smallQty}, ${last.cancels} cancelled`,
    details: {
      cycles: c.done.length,
      instrument: last.instrument,
      stackOrders: last.stack,
      stackQuantity: last.stackQty,
      smallQuantity: last.smallQty,
      cancelled: last.cancels,
    },
  }
}
