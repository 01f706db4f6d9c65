import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createAccountFarmingDetector, DEFAULT_ACCOUNT_FARMING } from './account-farming'
import { createSharedEgress } from './shared-egress'

const T0 = Date.UTC(2026, 2, 27, 9, 0, 0)

function at(ip: string, minute: number, over: Partial<RequestRecord>): RequestRecord {
  return recordAt(T0, minute, {
    ip,
    status: 200,
    ...over,
  })
}

/** A new customer: signs up, logs in as a new consumer, claims the offer, maybe deposits. */
function newcomer(ip: string, minute: number, n: number, claim = true): RequestRecord[] {
  const consumer = `cl-${n}`
  return [
    at(ip, minute, {
      method: 'POST',
      path: '/v2/onboarding/applications',
      status: 201,
      body: `{"email":"person${n}@mail.example","password":"********","country":"GB"}`,
    }),
    at(ip, minute + 2, { method: 'GET', path: '/v2/me', consumer }),
    ...(claim
      ? [at(ip, minute + 3, { method: 'POST', path: '/v2/promotions/SPRING26/claim', consumer })]
      : []),
    at(ip, minute + 4, { method: 'POST', path: '/v2/payments/deposits', status: 201, consumer }),
  ]
}

function findings(reqs: RequestRecord[]) {
  const egress = createSharedEgress()
  const d = createAccountFarmingDetector(DEFAULT_ACCOUNT_FARMING, egress)
  return reqs
    .sort((a, b) => a.time - b.time)
    .map((r) => {
      egress.see(r)
      return d.observe(r)
    })
    .filter((s) => s !== null)
}

describe('account farming', () => {
  it('names an address opening accounts that each claim the offer', () => {
    const s = findings([...newcomer('92.40.206.101', 0, 1), ...newcomer('92.40.206.101', 60, 2)])
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ category: 'other', rule: 'behaviour.account-farming' })
    expect(s[0]!.details).toMatchObject({ signups: 2, claimers: 2 })
    expect(s[0]!.confidence).toBeGreaterThanOrEqual(0.6)
  })

  it('reads a referral reward and a plain /signup too', () => {
    const reqs = [1, 2, 3].flatMap((n) => [
      at('103.152.118.27', n * 15, {
        method: 'POST',
        path: '/v1/auth/signup',
        status: 201,
        body: `{"email":"farm${n}@mail.example","password":"********"}`,
      }),
      at('103.152.118.27', n * 15 + 4, {
        method: 'POST',
        path: '/v1/rewards/welcome-bonus/claim',
        consumer: `acct-${n}`,
      }),
    ])
    expect(findings(reqs)).toHaveLength(1)
  })

  it('stays quiet for one sign-up, and for a household opening two accounts without claiming', () => {
    expect(findings(newcomer('81.2.69.160', 0, 3))).toEqual([])
    expect(
      findings([...newcomer('81.2.69.161', 0, 4, false), ...newcomer('81.2.69.161', 30, 5, false)]),
    ).toEqual([])
  })

  it('asks more of a network that already carried several accounts (a library, a carrier NAT)', () => {
    const library = '199.167.22.41'
    const regulars = Array.from({ length: 6 }, (_, i) =>
      at(library, i, { method: 'GET', path: '/v1/portfolio', consumer: `member-${i}` }),
    )
    const two = [...newcomer(library, 20, 6), ...newcomer(library, 30, 7)]
    expect(findings([...regulars, ...two])).toEqual([])
    // six claiming sign-ups in an afternoon are a farm even there
    const six = [20, 30, 40, 50, 60, 70].flatMap((m, k) => newcomer(library, m, 10 + k))
    expect(findings([...regulars, ...six])).toHaveLength(1)
    // and the same two sign-ups from an address nobody else used are one
    expect(
      findings([...newcomer('92.40.12.156', 20, 8), ...newcomer('92.40.12.156', 30, 9)]),
    ).toHaveLength(1)
  })
})
