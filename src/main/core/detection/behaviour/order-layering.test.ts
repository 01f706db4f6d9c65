import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { cancelsOrder, createOrderLayeringDetector } from './order-layering'

const T0 = Date.UTC(2026, 5, 12, 1, 0, 0)
const S = 1 / 60 // a second, in recordAt's minutes

function algo(ip: string, at: number, method: string, path: string, body: string | null = null) {
  return recordAt(T0, at, {
    method,
    path,
    ip,
    status: method === 'POST' ? 201 : 200,
    body,
    consumer: `algo-${ip}`,
  })
}
const place = (ip: string, at: number, side: string, symbol: string, qty: number) =>
  algo(
    ip,
    at,
    'POST',
    '/api/v2/orders',
    JSON.stringify({ symbol, side, qty, type: 'LIMIT', price: 101.5, tif: 'DAY' }),
  )
let id = 7_000
const cancel = (ip: string, at: number) => algo(ip, at, 'DELETE', `/api/v2/orders/OX${++id}`)

/** A stack of `n` buys, a small sell against it, then `pulled` of the stack cancelled, from minute `m`. */
function cycle(
  ip: string,
  m: number,
  n = 5,
  pulled = n,
  small = 300,
  each = 6_000,
): RequestRecord[] {
  const out: RequestRecord[] = []
  for (let i = 0; i < n; i++) out.push(place(ip, m + i * S, 'buy', 'KXT', each + i * 100))
  out.push(place(ip, m + (n + 1) * S, 'sell', 'KXT', small))
  for (let i = 0; i < pulled; i++) out.push(cancel(ip, m + (n + 4 + i) * S))
  return out
}

describe('order layering', () => {
  it('names a client that stacks one side, trades small against it and pulls the stack, again and again', () => {
    const reqs = [...cycle('45.9.1.7', 0), ...cycle('45.9.1.7', 4), ...cycle('45.9.1.7', 9)]
    const d = createOrderLayeringDetector()
    const signals = reqs.map((r) => d.observe(r)).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
    expect(signals[0]).toMatchObject({
      rule: 'behaviour.order-layering',
      category: 'other',
      details: { cycles: 3, instrument: 'KXT', stackOrders: 5, smallQuantity: 300 },
    })
  })

  it('keeps the client when its cancels come from another address of its own, and names that address', () => {
    const reqs = [
      ...cycle('45.9.1.7', 0),
      ...cycle('45.9.1.7', 4),
      ...cycle('45.9.1.7', 9),
      ...cycle('45.9.1.7', 15).map((r) => (r.method === 'DELETE' ? { ...r, ip: '45.9.1.8' } : r)),
    ]
    expect(namedBy(createOrderLayeringDetector(), reqs, 'behaviour.order-layering')).toEqual(
      new Set(['45.9.1.7', '45.9.1.8']),
    )
  })

  it('stays quiet on one cycle or two: a trader may change their mind', () => {
    const reqs = [...cycle('45.9.1.7', 0), ...cycle('45.9.1.7', 60)]
    expect(namedBy(createOrderLayeringDetector(), reqs).size).toBe(0)
  })

  it('stays quiet on a market maker quoting both sides in like sizes and replacing its quotes', () => {
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 120; m += 0.5) {
      for (let i = 0; i < 3; i++)
        reqs.push(place('52.1.1.1', m + i * S, 'buy', 'KXT', 500 + i * 100))
      for (let i = 0; i < 3; i++)
        reqs.push(place('52.1.1.1', m + (3 + i) * S, 'sell', 'KXT', 500 + i * 100))
      for (let i = 0; i < 6; i++) reqs.push(cancel('52.1.1.1', m + (8 + i) * S))
    }
    expect(namedBy(createOrderLayeringDetector(), reqs).size).toBe(0)
  })

  it('stays quiet on an execution algo slicing a parent order, and on a stack pulled with no trade against it', () => {
    const slices: RequestRecord[] = []
    for (let m = 0; m < 120; m += 2) {
      for (let i = 0; i < 4; i++) slices.push(place('52.1.1.2', m + i * S, 'buy', 'KXT', 2_000))
      for (let i = 0; i < 2; i++) slices.push(cancel('52.1.1.2', m + (6 + i) * S))
    }
    expect(namedBy(createOrderLayeringDetector(), slices).size).toBe(0)
    const pulled: RequestRecord[] = []
    for (let m = 0; m < 30; m += 5)
      pulled.push(...cycle('52.1.1.3', m).filter((r) => !r.body?.includes('"sell"')))
    expect(namedBy(createOrderLayeringDetector(), pulled).size).toBe(0)
  })

  it('stays quiet when the order against the stack is not small, or the stack is left to fill', () => {
    const hedged = [0, 4, 9, 15].flatMap((m) => cycle('52.1.1.4', m, 4, 4, 5_000))
    expect(namedBy(createOrderLayeringDetector(), hedged).size).toBe(0)
    const kept = [0, 4, 9, 15].flatMap((m) => cycle('52.1.1.5', m, 5, 1))
    expect(namedBy(createOrderLayeringDetector(), kept).size).toBe(0)
    const late = [0, 4, 9, 15].flatMap((m) =>
      cycle('52.1.1.6', m).map((r) =>
        r.method === 'DELETE' ? { ...r, time: r.time + 120_000 } : r,
      ),
    )
    expect(namedBy(createOrderLayeringDetector(), late).size).toBe(0)
  })

  it('reads cancels by DELETE of an order or a POST to its cancel, not a cancel of them all', () => {
    const r = (method: string, path: string, status = 200) =>
      recordAt(T0, 0, { method, path, status })
    expect(cancelsOrder(r('DELETE', '/api/v2/orders/OX123'))).toBe(true)
    expect(cancelsOrder(r('POST', '/api/v2/orders/OX123/cancel'))).toBe(true)
    expect(cancelsOrder(r('POST', '/web/order/cancel'))).toBe(true)
    expect(cancelsOrder(r('DELETE', '/api/v2/orders/all'))).toBe(false)
    // (an order's variety before its id, as the placement named it)
    expect(cancelsOrder(r('DELETE', '/connect/v1/orders/regular/260311000451'))).toBe(true)
    expect(cancelsOrder(r('DELETE', '/connect/v1/orders/regular/all'))).toBe(false)
    expect(cancelsOrder(r('DELETE', '/api/v2/orders/OX123', 404))).toBe(false)
    expect(cancelsOrder(r('GET', '/api/v2/orders/OX123'))).toBe(false)
    expect(cancelsOrder(r('DELETE', '/api/v2/watchlist/OX123'))).toBe(false)
  })
})
