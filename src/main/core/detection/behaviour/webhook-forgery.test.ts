import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createWebhookForgeryDetector } from './webhook-forgery'

const T0 = Date.UTC(2026, 2, 24, 14, 36, 0)

const post = (
  minute: number,
  ip: string,
  path: string,
  status: number,
  rawQuery = '',
  agent = 'Apache-HttpClient/4.5.14 (Java/17)',
) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path,
    rawQuery,
    status,
    headers: [{ name: 'user-agent', value: agent }],
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

  it("names an address posting as several providers in turn, with more than one provider's client", () => {
    const forger = '159.89.193.17'
    const s = named([
      post(0, forger, '/hooks/vietqr', 401, '', 'python-requests/2.31.0'),
      post(3, forger, '/hooks/momo', 401, '', 'NAPAS-Notify/2.1'),
      post(4, forger, '/hooks/va/bca', 401, '', 'python-requests/2.31.0'),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.details).toMatchObject({ paths: 3, clients: 2 })
  })

  it("stays quiet for an aggregator refused on several providers' paths after its address changed", () => {
    // one notifier, one client, retrying the paths it serves
    expect(
      named(
        ['/hooks/vietqr', '/hooks/va/bca', '/hooks/vietqr', '/hooks/va/bca'].map((p, i) =>
          post(i, '103.9.4.10', p, 403, '', 'NAPAS-Notify/2.1'),
        ),
      ),
    ).toEqual([])
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
