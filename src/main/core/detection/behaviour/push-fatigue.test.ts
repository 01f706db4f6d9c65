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

  /** A login with a password, then `count` pushes asked for it a minute apart, each polled 200. */
  function pushesAfterLogin(
    ip: string,
    minute: number,
    who: string,
    count: number,
  ): RequestRecord[] {
    const reqs = [
      recordAt(T0, minute, {
        ip,
        method: 'POST',
        path: '/v1/auth/login',
        status: 200,
        body: JSON.stringify({ identifiant: who, mot_de_passe: '********' }),
      }),
    ]
    for (let i = 0; i < count; i++) {
      const at = minute + 0.5 + i
      reqs.push(
        recordAt(T0, at, {
          ip,
          method: 'POST',
          path: '/v1/auth/sca/push',
          status: 201,
          body: JSON.stringify({ transaction: `PSH${minute}${i}` }),
        }),
        recordAt(T0, at + 0.1, { ip, path: `/v1/auth/sca/push/PSH${minute}${i}`, status: 200 }),
      )
    }
    return reqs
  }

  it('names an address asking ten pushes for the login it just made, where no poll shows the outcome', () => {
    expect(named(pushesAfterLogin('92.184.96.185', 0, 'pierre@mail.example', 12))).toEqual(
      new Set(['92.184.96.185']),
    )
  })

  it('stays quiet for a holder asking a few times, and for an office where each signs in once', () => {
    const holder = pushesAfterLogin('90.12.4.7', 0, 'anne@mail.example', 4)
    const office = Array.from({ length: 30 }, (_, i) =>
      pushesAfterLogin('193.10.8.2', i, `staff${i}@corp.example`, 1),
    ).flat()
    expect(named([...holder, ...office].sort((a, b) => a.time - b.time)).size).toBe(0)
  })
})
