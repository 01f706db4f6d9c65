import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createPushFatigueDetector } from './push-fatigue'

const T0 = Date.UTC(2026, 3, 26, 1, 0, 0)

/** One approval push asked for `who` from `ip`, polled, and answered `outcome` at the end. */
function push(ip: string, minute: number, who: string, outcome: number): RequestRecord[] {
  const tx = `tx-${who}-${minute}`
  return [
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: '/api/v1/auth/bankid/start',
      status: 200,
      body: JSON.stringify({ personal_number: who, channel: 'web' }),
    }),
    recordAt(T0, minute + 0.1, {
      ip,
      path: '/api/v1/auth/bankid/collect',
      rawQuery: `tx=${tx}`,
      status: 202,
    }),
    // the outcome read by a POST naming the order only, as BankID's collect does
    recordAt(T0, minute + 1, {
      ip,
      method: 'POST',
      path: '/api/v1/auth/bankid/collect',
      status: outcome,
      body: JSON.stringify({ orderRef: tx }),
    }),
  ]
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createPushFatigueDetector(), reqs, 'behaviour.push-fatigue')

describe('push fatigue', () => {
  it('names the addresses asking push after push for one identity, each refused or left to expire', () => {
    const reqs = Array.from({ length: 8 }, (_, i) =>
      push(i < 4 ? '5.161.23.217' : '5.161.23.90', i * 3, '198507019876', i % 2 ? 401 : 410),
    ).flat()
    expect(named(reqs)).toEqual(new Set(['5.161.23.217', '5.161.23.90']))
  })

  it('stays quiet for a holder whose phone was slow, and for many people signing in from one office', () => {
    const slowPhone = [
      ...push('31.209.4.2', 0, '197711230451', 410),
      ...push('31.209.4.2', 2, '197711230451', 410),
      ...push('31.209.4.2', 4, '197711230451', 200),
    ]
    const office = Array.from({ length: 30 }, (_, i) =>
      push('193.10.8.1', i, `19800101${String(1000 + i)}`, i % 4 ? 200 : 410),
    ).flat()
    expect(named([...slowPhone, ...office]).size).toBe(0)
  })

  it('forgets pushes older than its window', () => {
    const reqs = Array.from({ length: 8 }, (_, i) =>
      push('5.161.23.217', i * 12, '198507019876', 410),
    ).flat()
    expect(named(reqs).size).toBe(0)
  })
})
