import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createRewardCodeGuessingDetector } from './reward-code-guessing'

const T0 = Date.UTC(2026, 2, 4, 8, 20, 0)

const redeem = (
  minute: number,
  ip: string,
  code: string,
  status: number,
  path = '/api/web/promo/redeem',
) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path,
    status,
    headers: [{ name: 'cookie', value: 'vbs_sid=h6KmGmvCEB' }],
    body: JSON.stringify({ code }),
  })

function run(reqs: RequestRecord[]) {
  const d = createRewardCodeGuessingDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('reward codes guessed', () => {
  it('names an address posting code after code, each refused', () => {
    const codes = [
      'BOW-50',
      'BOW-150',
      'WITAJ-100',
      'KNI500',
      'VB-DG6V',
      'IPO-1000',
      'VB-JQLK',
      'VB-7Q2M',
    ]
    const s = run(codes.map((c, i) => redeem(i * 0.5, '41.216.200.94', c, 404)))
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ rule: 'behaviour.reward-code-guessing', category: 'other' })
    expect(s[0]!.details).toMatchObject({ codes: 8 })
    // the same in Portuguese: a voucher claimed under /cupons, answered 422
    expect(
      run(codes.map((c, i) => redeem(i, '177.37.1.9', c, 422, '/api/cupons/resgatar'))),
    ).toHaveLength(1)
  })

  it('stays quiet for customers: a code mistyped and retyped, accepted ones, other paths', () => {
    expect(
      run([
        redeem(0, '83.22.1.1', 'WITAJ-1OO', 404),
        redeem(0.5, '83.22.1.1', 'witaj-1oo', 404),
        redeem(1, '83.22.1.1', 'WITAJ-100', 200),
        // a family's three codes, one each, and a campus's accepted ones
        ...['KNI-UW-2026', 'KNI-UW-2O26', 'KNI-UW-2026 '].map((c, i) =>
          redeem(2 + i, '149.156.244.106', c, 404),
        ),
        ...Array.from({ length: 20 }, (_, i) => redeem(i, '149.156.244.106', `STUDENT-${i}`, 201)),
        // codes refused on an order or a login path are not rewards
        ...Array.from({ length: 10 }, (_, i) => redeem(i, '10.0.0.5', `C${i}`, 404, '/api/orders')),
      ]),
    ).toEqual([])
  })
})
