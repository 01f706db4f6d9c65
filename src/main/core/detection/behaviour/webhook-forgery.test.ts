import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createWebhookForgeryDetector } from './webhook-forgery'

const T0 = Date.UTC(2026, 2, 24, 14, 36, 0)

const post = (minute: number, ip: string, path: string, status: number, rawQuery = '') =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path,
    rawQuery,
    status,
    body: '{"Body":{"stkCallback":{"ResultCode":0}}}',
  })

function named(reqs: ReturnType<typeof post>[]) {
  const d = createWebhookForgeryDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('forged payment callbacks', () => {
  it('names an address refused on a webhook in several spellings of its path', () => {
    const s = named([
      post(0, '143.198.141.127', '/hooks/mpesa/stk-result', 403),
      post(0.2, '143.198.141.127', '/hooks/mpesa/stk-result/', 403),
      post(0.4, '143.198.141.127', '/hooks/mpesa/stk-result', 403, 'source=daraja'),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.webhook-forgery')
    expect(s[0]!.details['spellings']).toBe(3)
  })

  it('stays quiet for the provider retrying one spelling, its posts that pass, and other paths', () => {
    expect(
      named([
        ...[0, 1, 2, 3].map((m) => post(m, '196.201.214.200', '/hooks/mpesa/stk-result', 403)),
        ...[0, 1, 2].map((m) => post(m, '196.201.214.206', '/hooks/mpesa/stk-result', 200)),
        post(5, '196.201.214.206', '/hooks/mpesa/stk-result/', 200),
        post(0, '41.90.1.1', '/api/v1/orders', 403),
        post(1, '41.90.1.1', '/api/v1/orders/', 403),
        post(2, '41.90.1.1', '/api/v1/orders', 403, 'x=1'),
      ]),
    ).toEqual([])
  })
})
