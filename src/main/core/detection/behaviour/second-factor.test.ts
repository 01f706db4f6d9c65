import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createSecondFactorDetector } from './second-factor'

const T0 = Date.UTC(2026, 2, 18, 2, 0, 0)

const password = (ip: string, user: string, minute: number, status = 200) =>
  recordAt(T0, minute, {
    method: 'POST',
    path: '/api/v2/auth/login',
    ip,
    status,
    body: JSON.stringify({ loginId: user, password: '********' }),
  })
const code = (ip: string, minute: number, status: number) =>
  recordAt(T0, minute, {
    method: 'POST',
    path: '/api/v2/auth/otp/verify',
    ip,
    status,
    body: '{"txId":"MFA7C40DCD8D7D5","otpCode":"******"}',
  })

/** A password step, then `n` refused codes, from one address. */
const challenge = (ip: string, user: string, minute: number, n: number) => [
  password(ip, user, minute),
  ...Array.from({ length: n }, (_, k) => code(ip, minute + 0.2 + k * 0.2, 401)),
]

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createSecondFactorDetector(), reqs, 'behaviour.second-factor-guessing')

describe('second-factor guessing', () => {
  it('names the addresses guessing codes challenge after challenge for an account whose password they have', () => {
    const reqs = [
      ...challenge('2a01:4f8:1fb6:2190::1', 'ohhw79', 0, 4),
      ...challenge('2a01:4f8:1fb6:2190::1', 'ohhw79', 4, 4),
      ...challenge('2a01:4f8:1fb6:578f::2', 'ohhw79', 20, 4),
    ]
    expect(named(reqs)).toEqual(new Set(['2a01:4f8:1fb6:2190::1', '2a01:4f8:1fb6:578f::2']))
  })

  it('stays quiet for holders who mistype a code, or whose authenticator drifted once', () => {
    const typo = [...challenge('49.36.1.2', 'kim', 0, 2), code('49.36.1.2', 1, 200)]
    // three refused codes, a new challenge, three more, then the right one
    const drift = [
      ...challenge('1.235.2.3', 'lee', 0, 3),
      ...challenge('1.235.2.3', 'lee', 3, 3),
      code('1.235.2.3', 4.5, 200),
    ]
    // many refused codes, but one challenge only: the holder gave up
    const gaveUp = challenge('58.150.9.9', 'park', 0, 8)
    expect(named([...typo, ...drift, ...gaveUp]).size).toBe(0)
  })
})
