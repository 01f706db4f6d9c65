import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createAccountSpreadDetector } from './account-spread'

const T0 = Date.UTC(2026, 2, 4, 7, 48, 0)

const pay = (
  minute: number,
  ip: string,
  sid: string,
  account: string,
  status: number,
  path = '/api/web/payments/deposit/blik',
  over: Partial<RequestRecord> = {},
) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path,
    status,
    headers: [{ name: 'cookie', value: `vbs_lang=pl; vbs_sid=${sid}` }],
    body: `{"account":"${account}","amount":1000,"currency":"PLN","blik_code":"${String(100000 + minute * 7919).slice(0, 6)}"}`,
    ...over,
  })

function run(reqs: RequestRecord[]) {
  const d = createAccountSpreadDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('payments for many accounts from one session', () => {
  it('names a session trying one-time payment codes against account after account', () => {
    const s = run(
      Array.from({ length: 8 }, (_, i) =>
        pay(i * 0.6, '102.89.227.19', 'VLiaPB8EjK', `10${11892 + i * 977}-01`, 422),
      ),
    )
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ rule: 'behaviour.payments-for-many-accounts', category: 'other' })
    expect(s[0]!.details).toMatchObject({ accounts: 6, refusedAccounts: 6 })
    // the session used from another address is named too, once
    const d = createAccountSpreadDetector()
    const out = [
      ...Array.from({ length: 6 }, (_, i) =>
        pay(i, '102.89.227.19', 'VLiaPB8EjK', `A-${i}`, 422, '/api/v2/withdrawals'),
      ),
      pay(9, '41.90.8.8', 'VLiaPB8EjK', 'A-9', 422, '/api/v2/withdrawals'),
      pay(10, '41.90.8.8', 'VLiaPB8EjK', 'A-10', 422, '/api/v2/withdrawals'),
    ]
      .map((r) => d.observe(r))
      .filter((x) => x !== null)
    expect(out).toHaveLength(2)
  })

  it('stays quiet for customers: their own accounts, retries in an outage, a partner acting for many', () => {
    expect(
      run([
        // two sub-accounts, each deposit refused during the provider's outage and retried
        ...Array.from({ length: 10 }, (_, i) =>
          pay(i, '83.22.160.137', 'JNLciwtEA5', i % 2 ? '1012957-01' : '1012957-02', 422),
        ),
        // a treasurer funding six sub-accounts, each accepted
        ...Array.from({ length: 6 }, (_, i) =>
          pay(i, '195.117.152.254', 'Tr3asur3r0', `2001${i}-01`, 202),
        ),
        // a robo-adviser's key (no session) rebalancing many accounts, some refused
        ...Array.from({ length: 12 }, (_, i) =>
          pay(i, '23.94.200.132', '', `30${i}-01`, 409, '/partner/v1/transfers', {
            headers: [{ name: 'x-api-key', value: '[masked]' }],
            consumer: 'robo-adviser',
          }),
        ),
        // many accounts read, not paid: a console's reads
        ...Array.from({ length: 12 }, (_, i) =>
          pay(i, '10.30.15.19', 'B0consol3x', `40${i}-01`, 404, '/bo/v1/clients/search'),
        ),
      ]),
    ).toEqual([])
  })
})
