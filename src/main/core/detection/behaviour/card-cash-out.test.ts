import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createCardCashOutDetector } from './card-cash-out'

const T0 = Date.UTC(2026, 3, 26, 4, 0, 0)

const topUp = (ip: string, minute: number, last4: string, status = 200): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/m/v2/funding/card/topup',
    status,
    body: JSON.stringify({ account_id: '1078', amount: 9_500, card: { last4 } }),
  })

const withdraw = (ip: string, minute: number): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/m/v2/transfers/withdraw',
    status: 202,
    body: JSON.stringify({ account_id: '1078', amount: 47_000 }),
  })

const order = (ip: string, minute: number, side: string): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/m/v2/orders',
    status: 201,
    body: JSON.stringify({ account_id: '1078', symbol: '9405', side, qty: 10 }),
  })

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createCardCashOutDetector(), reqs, 'behaviour.card-cash-out')

describe('card cash-out', () => {
  it('names an address funding from card after card, trading a little and withdrawing it all', () => {
    const ip = '37.42.56.166'
    const reqs = [
      topUp(ip, 0, '7191'),
      topUp(ip, 14, '1349'),
      topUp(ip, 16, '0404', 202),
      topUp(ip, 36, '9243', 202),
      order(ip, 50, 'BUY'),
      order(ip, 54, 'SELL'),
      withdraw(ip, 55),
    ]
    expect(named(reqs)).toEqual(new Set([ip]))
  })

  it('stays quiet for a customer funding from two cards, a declined third, and a withdrawal days of cards later', () => {
    const reqs = [
      topUp('94.99.1.2', 0, '1111'),
      topUp('94.99.1.2', 30, '2222'),
      topUp('94.99.1.2', 40, '3333', 402),
      withdraw('94.99.1.2', 60),
      // three cards, but the money stays in for the day
      topUp('94.99.1.3', 0, '4444'),
      topUp('94.99.1.3', 60, '5555'),
      topUp('94.99.1.3', 120, '6666'),
      withdraw('94.99.1.3', 120 + 5 * 60),
    ]
    expect(named(reqs).size).toBe(0)
  })
})
