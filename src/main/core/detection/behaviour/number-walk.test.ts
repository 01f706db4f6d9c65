import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createNumberWalkDetector } from './number-walk'

const T0 = Date.UTC(2026, 2, 24, 11, 16, 0)

const check = (minute: number, ip: string, phone: string) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v1/auth/signup/check',
    status: 200,
    body: JSON.stringify({ phone }),
  })
const lookup = (minute: number, ip: string, phone: string) =>
  recordAt(T0, minute, {
    ip,
    path: '/api/v1/wallet/tuma/recipient',
    rawQuery: `phone=${phone}`,
    query: [{ name: 'phone', value: phone }],
    status: 200,
  })

function named(reqs: ReturnType<typeof check>[]) {
  const d = createNumberWalkDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('phone-number walk', () => {
  it('names a sign-up check and a recipient lookup walked number after number', () => {
    const a = named(
      Array.from({ length: 10 }, (_, i) => check(i, '164.90.64.56', `+2547108642${80 + i}`)),
    )
    expect(a).toHaveLength(1)
    expect(a[0]!.rule).toBe('behaviour.phone-number-walk')
    const b = named(
      Array.from({ length: 9 }, (_, i) =>
        lookup(i, '95.216.124.217', `07202761${String(i * 2).padStart(2, '0')}`),
      ),
    )
    expect(b).toHaveLength(1)
  })

  it('stays quiet for numbers looked up in no order, one number retried, and a slow walk', () => {
    const given = [
      '0712345678',
      '0722001122',
      '0733445566',
      '0701234567',
      '0799887766',
      '0711223344',
      '0720000001',
      '0745678901',
      '0756789012',
    ]
    expect(
      named([
        ...given.map((p, i) => lookup(i, '105.160.1.2', p)),
        ...Array.from({ length: 9 }, (_, i) => check(i, '41.90.1.1', '+254712345678')),
        ...Array.from({ length: 9 }, (_, i) => check(i * 15, '41.90.2.2', `+2547108642${80 + i}`)),
      ]),
    ).toEqual([])
  })
})
