import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createPayoutChangeSellOffDetector } from './payout-change-sell-off'

const T0 = Date.UTC(2026, 3, 9, 15, 0, 0)

function web(
  ip: string,
  minute: number,
  session: string,
  method: string,
  path: string,
  body: string | null = null,
  status = 200,
): RequestRecord {
  return recordAt(T0, minute, {
    method,
    path,
    ip,
    status,
    body,
    headers: session ? [{ name: 'cookie', value: `SID=${session}; lang=en` }] : [],
  })
}

const login = (ip: string, minute: number, name: string): RequestRecord =>
  web(ip, minute, '', 'POST', '/web/auth/login', `login_id=${encodeURIComponent(name)}&password=x1`)
const sell = (ip: string, minute: number, session: string, symbol: string): RequestRecord =>
  web(
    ip,
    minute,
    session,
    'POST',
    '/web/api/orders',
    `{"symbol":"${symbol}","side":"sell","qty":300,"order_type":"market"}`,
  )
const changePayout = (ip: string, minute: number, session: string): RequestRecord =>
  web(ip, minute, session, 'PUT', '/web/api/account/payout-bank', '{"bank":"0005","no":"7712093"}')
const withdraw = (ip: string, minute: number, session: string): RequestRecord =>
  web(ip, minute, session, 'POST', '/web/api/funding/withdrawals', '{"amount":4100000}', 201)

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createPayoutChangeSellOffDetector(), reqs, 'behaviour.payout-change-sell-off')

const S1 = 'a3f09c1d7e5b42c8a0d6e9f1'
const S2 = '7c2e9d04b1a63f58e0c4d2b9'

describe('payout destination changed, then holdings sold', () => {
  it('names the session that redirected payouts and sold out, and the address that withdrew later', () => {
    const reqs = [
      login('203.0.113.40', 0, 'kenji.mori@example.jp'),
      changePayout('203.0.113.40', 1, S1),
      sell('203.0.113.40', 2, S1, '7203'),
      sell('203.0.113.40', 3, S1, '8306'),
      // three hours later, another address and session, the same login name, the cash taken out
      login('198.51.100.7', 180, 'Kenji.Mori@example.jp'),
      withdraw('198.51.100.7', 181, S2),
    ]
    expect(named(reqs)).toEqual(new Set(['203.0.113.40', '198.51.100.7']))
  })

  it('follows an app that sends its API key with every call', () => {
    const keyed = (r: RequestRecord): RequestRecord => ({
      ...r,
      headers: [...r.headers, { name: 'x-api-key', value: 'REDACTED' }],
    })
    const reqs = [
      changePayout('203.0.113.50', 1, S1),
      sell('203.0.113.50', 2, S1, '7203'),
      sell('203.0.113.50', 3, S1, '8306'),
    ].map(keyed)
    expect(named(reqs)).toEqual(new Set(['203.0.113.50']))
  })

  it('stays quiet for a holder changing their bank and withdrawing cash, or selling one holding', () => {
    const holder = [
      login('203.0.113.41', 0, 'aya@example.jp'),
      changePayout('203.0.113.41', 2, S1),
      withdraw('203.0.113.41', 4, S1),
      sell('203.0.113.41', 30, S1, '7203'), // long after the change
      sell('203.0.113.41', 31, S1, '9984'),
    ]
    expect(named(holder).size).toBe(0)
    const oneName = [
      changePayout('203.0.113.42', 0, S2),
      sell('203.0.113.42', 1, S2, '6758'),
      sell('203.0.113.42', 2, S2, '6758'),
    ]
    expect(named(oneName).size).toBe(0)
    // the sales from another address than the change: two users behind one shared consumer
    const elsewhere = [
      changePayout('203.0.113.44', 0, S1),
      sell('203.0.113.45', 1, S1, '7203'),
      sell('203.0.113.45', 2, S1, '8306'),
    ]
    expect(named(elsewhere).size).toBe(0)
  })

  it('does not follow a login name that was never reported, nor a withdrawal long after its login', () => {
    const reqs = [
      login('203.0.113.43', 0, 'ren@example.jp'),
      changePayout('203.0.113.43', 1, S1),
      sell('203.0.113.43', 2, S1, '7203'),
      sell('203.0.113.43', 3, S1, '8306'),
      login('198.51.100.8', 100, 'someone.else@example.jp'),
      withdraw('198.51.100.8', 101, S2),
      login('198.51.100.9', 120, 'ren@example.jp'),
      withdraw('198.51.100.9', 160, S2), // 40 min after that login: another sitting
    ]
    expect(named(reqs)).toEqual(new Set(['203.0.113.43']))
  })
})
