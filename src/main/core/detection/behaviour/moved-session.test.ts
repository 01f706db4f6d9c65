import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createMovedSessionDetector } from './moved-session'

const T0 = Date.UTC(2026, 2, 4, 18, 0, 0)
const HOLDER = '94.203.54.243'
const THIEF = '177.72.249.237'

function at(
  minute: number,
  ip: string,
  method: string,
  path: string,
  status: number,
  sid = 'nb_sid=UTU6JhDWb9JrzpX0RrMJbIbPkSwi',
) {
  return recordAt(T0, minute, {
    method,
    path,
    status,
    ip,
    headers: [{ name: 'cookie', value: `${sid}; lang=en` }],
  })
}

function run(reqs: RequestRecord[]) {
  const d = createMovedSessionDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('a session moved to another network, refused the money', () => {
  it('names the refused request of a replayed session once the holder could have passed the step-up', () => {
    const refused = at(36, THIEF, 'POST', '/api/wallet/crypto-addresses', 403)
    const s = run([
      at(0, HOLDER, 'POST', '/api/auth/login', 200),
      at(1, HOLDER, 'GET', '/api/wallet/balance', 200),
      at(35, THIEF, 'GET', '/api/wallet/beneficiaries', 200),
      refused,
      at(37, THIEF, 'POST', '/api/wallet/withdrawals', 403),
      // anyone's request after the grace time brings the verdict
      at(50, '5.107.174.24', 'GET', '/api/public/quotes', 200, 'nb_sid=someone-else-entirely-0001'),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.moved-session-refused-funding')
    expect(s[0]!.at?.line).toBe(refused.line)
    expect(s[0]!.at?.ip).toBe(THIEF)
    expect(JSON.stringify(s)).not.toContain('UTU6JhDWb9')
  })

  it('leaves the holder who moved and passed the step-up', () => {
    expect(
      run([
        at(0, HOLDER, 'GET', '/api/wallet/balance', 200),
        at(40, '2.51.33.190', 'POST', '/api/wallet/payout-accounts', 403),
        at(42, '2.51.33.190', 'POST', '/api/auth/step-up/verify', 200),
        at(43, '2.51.33.190', 'POST', '/api/wallet/payout-accounts', 201),
        at(90, HOLDER, 'GET', '/api/wallet/balance', 200),
      ]),
    ).toEqual([])
  })

  it("leaves a refusal on the session's own network, and a session seen nowhere else", () => {
    expect(
      run([
        at(0, HOLDER, 'GET', '/api/wallet/balance', 200),
        at(5, HOLDER, 'POST', '/api/wallet/withdrawals', 403),
        at(6, THIEF, 'POST', '/api/wallet/withdrawals', 403, 'nb_sid=a-session-born-here-00001'),
        at(60, HOLDER, 'GET', '/api/wallet/balance', 200),
      ]),
    ).toEqual([])
  })
})
