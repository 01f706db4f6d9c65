import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createReferralRingDetector, redeemedCode } from './referral-ring'

const T0 = Date.UTC(2026, 2, 2, 6, 0, 0)
const RING_PHONE = 'LakeshoreInvest/8.3.1 (Android 14; SM-A156W) okhttp/4.12.0'
const PHONES = [
  'LakeshoreInvest/8.3.1 (Android 15; Pixel 8) okhttp/4.12.0',
  'LakeshoreInvest/8.2.0 (iPhone15,2; iOS 18.3)',
  'LakeshoreInvest/8.3.1 (Android 13; SM-S911W) okhttp/4.12.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/134.0.0.0 Safari/537.36',
]

/** A new account opened with a code and claiming it, from one address. */
function redeem(
  ip: string,
  minute: number,
  code: string,
  ua: string,
  email = `${ip}@mail.example`,
): RequestRecord[] {
  const headers = [{ name: 'user-agent', value: ua }]
  return [
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: '/onboarding/v1/applications',
      status: 201,
      headers,
      body: JSON.stringify({ email, referral_code: code }),
    }),
    recordAt(T0, minute + 1.5, {
      ip,
      method: 'POST',
      path: '/api/v2/referrals/claim',
      status: 200,
      headers,
      body: JSON.stringify({ code }),
    }),
  ]
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createReferralRingDetector(), reqs, 'behaviour.referral-ring')

describe('redeemedCode', () => {
  it('reads the code a sign-up or a claim sends', () => {
    expect(redeemedCode(redeem('1.1.1.1', 0, 'r-4qx7zk', RING_PHONE)[0] as RequestRecord)).toBe(
      'R-4QX7ZK',
    )
    expect(redeemedCode(redeem('1.1.1.1', 0, 'R-4QX7ZK', RING_PHONE)[1] as RequestRecord)).toBe(
      'R-4QX7ZK',
    )
  })
})

describe('referral ring', () => {
  it("names every address redeeming one referrer's code on the same app build and device", () => {
    const ips = Array.from({ length: 10 }, (_, i) => `2605:b100:${(i + 1).toString(16)}::7`)
    const reqs = ips.flatMap((ip, i) => redeem(ip, i * 5, 'R-4QX7ZK', RING_PHONE))
    expect(named(reqs)).toEqual(new Set(ips))
  })

  it("stays quiet for a campaign's code redeemed on every kind of phone and browser", () => {
    const reqs = Array.from({ length: 30 }, (_, i) =>
      redeem(`24.64.70.${i + 1}`, i * 3, 'MAPLEMONEY', PHONES[i % PHONES.length] as string),
    ).flat()
    expect(named(reqs).size).toBe(0)
  })

  it('stays quiet for a ring spread wider than its window', () => {
    const reqs = Array.from({ length: 10 }, (_, i) =>
      redeem(`2605:b100:${(i + 1).toString(16)}::7`, i * 20, 'R-9TB2WM', RING_PHONE),
    ).flat()
    expect(named(reqs).size).toBe(0)
  })

  it('names the addresses opening accounts on throwaway mailboxes to redeem one code, then the later ones', () => {
    // two accounts an address, a different phone each, hours apart: no device ring
    const farm = ['5.1.20.4', '5.1.87.9', '5.2.3.14', '5.2.61.2']
    const mailboxes = ['inbox-temp.example', 'trashmail.example', 'tempinbox.example']
    const reqs = farm.flatMap((ip, i) =>
      [0, 1].flatMap((k) =>
        redeem(
          ip,
          (i < 2 ? 0 : 300) + i * 20 + k * 9,
          'AMIR-7Q2',
          PHONES[(i + k) % 3] as string,
          `user${i}${k}@${mailboxes[(i + k) % mailboxes.length]}`,
        ),
      ),
    )
    expect(named(reqs)).toEqual(new Set(farm))
  })

  it('stays quiet for people opening accounts on their own mailboxes with one code, and for two on throwaway ones', () => {
    const own = ['gmail.example', 'outlook.example', 'post.example', 'temple.example']
    const reqs = Array.from({ length: 12 }, (_, i) =>
      redeem(
        `24.64.71.${i + 1}`,
        i * 4,
        'AMIR-7Q2',
        PHONES[i % PHONES.length] as string,
        `person${i}@${own[i % own.length]}`,
      ),
    ).flat()
    reqs.push(...redeem('24.64.71.99', 50, 'AMIR-7Q2', PHONES[0] as string, 'x@tempmail.example'))
    reqs.push(...redeem('24.64.71.98', 55, 'AMIR-7Q2', PHONES[1] as string, 'y@mailinator.example'))
    expect(named(reqs).size).toBe(0)
  })
})
