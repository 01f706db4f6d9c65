import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createPumpRotationDetector, orderOf } from './pump-rotation'

const T0 = Date.UTC(2026, 1, 1, 5, 0, 0)

function order(
  account: string,
  ip: string,
  minute: number,
  side: 'BUY' | 'SELL',
  symbol: string,
  path = `/trade/v1/accounts/${account}/orders`,
): RequestRecord {
  return recordAt(T0, minute, {
    method: 'POST',
    path,
    ip,
    consumer: 'member-web',
    status: 200,
    body: JSON.stringify({ code: symbol, side, order_type: 'LIMIT', quantity: 1000 }),
  })
}

const namedAddresses = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createPumpRotationDetector(), reqs, 'behaviour.pump-rotation')

/** Ordinary buyers of a name, with cash: no sell before. */
function cashBuyers(symbol: string, n: number, from = 0): RequestRecord[] {
  return Array.from({ length: n }, (_, i) =>
    order(`C${from + i}`, `49.36.${i}.7`, 3 * i, 'BUY', symbol),
  )
}

describe('pump through taken-over accounts', () => {
  it('names every address whose accounts sold their holdings to buy one thin name', () => {
    const thieves = ['5.255.111.32', '94.156.107.219', '2a0e:97c0:209:5b08::e6f']
    const reqs: RequestRecord[] = []
    for (let i = 0; i < 6; i++) {
      const ip = thieves[i % 3] as string
      reqs.push(order(`T${i}`, ip, 10 * i, 'SELL', i % 2 ? 'TCS' : 'INFY'))
      reqs.push(order(`T${i}`, ip, 10 * i + 1, 'BUY', 'SHRIVRIDHI-SM'))
    }
    reqs.push(...cashBuyers('SHRIVRIDHI-SM', 2))
    expect(namedAddresses(reqs)).toEqual(new Set(thieves))
  })

  it('stays quiet for a popular name bought mostly with cash, and a desk rebalancing many names', () => {
    const hot: RequestRecord[] = cashBuyers('RVNL', 20)
    for (let i = 0; i < 6; i++) {
      hot.push(order(`R${i}`, `106.51.${i}.9`, 5 * i, 'SELL', 'ITC'))
      hot.push(order(`R${i}`, `106.51.${i}.9`, 5 * i + 2, 'BUY', 'RVNL'))
    }
    expect(namedAddresses(hot).size).toBe(0)
    // eight portfolio accounts each sell one name and buy two others
    const desk: RequestRecord[] = []
    for (let i = 0; i < 8; i++) {
      desk.push(order(`P${i}`, '211.13.10.4', 2 * i, 'SELL', '7203'))
      desk.push(order(`P${i}`, '211.13.10.4', 2 * i + 1, 'BUY', '9984'))
      desk.push(order(`P${i}`, '211.13.10.4', 2 * i + 1, 'BUY', '6758'))
    }
    expect(namedAddresses(desk).size).toBe(0)
  })
})

describe('reading an order', () => {
  it('reads JSON and form bodies, the account from the path, the body or the consumer', () => {
    const form = recordAt(T0, 0, {
      method: 'POST',
      path: '/oms/v2/orders/regular',
      consumer: 'DR26721',
      status: 200,
      body: 'variety=regular&tradingsymbol=BHARTIARTL&transaction_type=SELL&quantity=63',
    })
    expect(orderOf(form)).toMatchObject({
      account: 'DR26721',
      buy: false,
      instrument: 'BHARTIARTL',
    })
    const json = recordAt(T0, 0, {
      method: 'POST',
      path: '/v1/orders',
      status: 201,
      body: '{"account_id":"5GB61861","symbol":"aapl","side":"buy","quantity":"80"}',
    })
    expect(orderOf(json)).toMatchObject({ account: '5GB61861', buy: true, instrument: 'AAPL' })
    // the app's key as the consumer, the account number in the body
    const app = recordAt(T0, 0, {
      method: 'POST',
      path: '/api/v2/orders',
      consumer: 'nuri-mts-android',
      status: 200,
      body: '{"accountNo":"73328189-01","code":"0126Z0","side":"BUY","qty":2647}',
    })
    expect(orderOf(app)).toMatchObject({ account: '73328189-01', buy: true, instrument: '0126Z0' })
  })

  it("takes a web user's session cookie as the account when nothing else names one", () => {
    const web = (session: string): RequestRecord =>
      recordAt(T0, 0, {
        method: 'POST',
        path: '/web/api/orders',
        status: 200,
        headers: [{ name: 'cookie', value: `WEBSESS=${session}; lang=ja` }],
        body: '{"account_type":"general","symbol":"7203","side":"sell","qty":100}',
      })
    const a = orderOf(web('5f0c2a9e7d41b3c8a6e2f0d9'))
    const b = orderOf(web('0d9e3b7c1a5f4e2d8c6b0a97'))
    expect(a).toMatchObject({ buy: false, instrument: '7203' })
    expect(b?.account).toBeDefined()
    expect(a?.account).not.toBe(b?.account)
    expect(orderOf({ ...web('5f0c2a9e7d41b3c8a6e2f0d9'), headers: [] })).toBeNull()
  })

  it('reads no order from a refused one, a preview, a cancel, or another request', () => {
    expect(orderOf({ ...order('A', '1.2.3.4', 0, 'BUY', 'X'), status: 422 })).toBeNull()
    expect(orderOf(order('A', '1.2.3.4', 0, 'BUY', 'X', '/v1/orders/preview'))).toBeNull()
    expect(orderOf(order('A', '1.2.3.4', 0, 'SELL', 'X', '/v1/orders/o-17/cancel'))).toBeNull()
    expect(orderOf(order('A', '1.2.3.4', 0, 'BUY', 'X', '/v1/watchlists'))).toBeNull()
  })
})
