import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createStoppedAtSecondFactorDetector } from './stopped-at-second-factor'

const T0 = Date.UTC(2026, 2, 24, 14, 18, 0)
const IP = '105.112.94.163'

const login = (minute: number, identifier: string, ip = IP) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v1/auth/login',
    status: 200,
    body: JSON.stringify({ id_type: 'phone', identifier, password: '[REDACTED]' }),
  })
const code = (minute: number, status: number, ip = IP) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v1/auth/otp/verify',
    status,
    body: JSON.stringify({ challenge_id: 'ch_1', code: '[REDACTED]' }),
  })
const resend = (minute: number, ip = IP) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v1/auth/otp/resend',
    status: 200,
    body: JSON.stringify({ challenge_id: 'ch_1' }),
  })

function named(reqs: ReturnType<typeof login>[]) {
  const d = createStoppedAtSecondFactorDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('stolen passwords stopped at the second factor', () => {
  it('names an address whose passwords work for two accounts and whose codes are refused for each', () => {
    const s = named([
      login(0, '+2348108564669'),
      code(0.1, 401),
      code(0.2, 401),
      resend(0.3),
      code(0.4, 401),
      code(0.5, 410),
      login(44, 'njeri_were@gmail.com'),
      code(44.1, 401),
      code(44.2, 401),
      code(44.3, 401),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.stopped-at-second-factor')
    expect(s[0]!.category).toBe('bruteforce')
  })

  it('stays quiet for a holder who gets a code right after a few, and one account failing alone', () => {
    expect(
      named([
        login(0, '+254712345678', '41.90.1.1'),
        code(0.1, 401, '41.90.1.1'),
        code(0.2, 401, '41.90.1.1'),
        code(0.3, 401, '41.90.1.1'),
        code(0.4, 200, '41.90.1.1'),
        login(30, '+254712345679', '41.90.1.1'),
        code(30.1, 401, '41.90.1.1'),
        code(30.2, 401, '41.90.1.1'),
        code(30.3, 401, '41.90.1.1'),
        login(0, '+254700000001', '41.90.2.2'),
        ...[1, 2, 3, 4, 5].map((m) => code(m, 401, '41.90.2.2')),
      ]),
    ).toEqual([])
  })
})
