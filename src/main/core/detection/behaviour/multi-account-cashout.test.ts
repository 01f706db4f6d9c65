import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createMultiAccountCashoutDetector } from './multi-account-cashout'

const T0 = Date.UTC(2026, 5, 19, 5, 0, 0)

const login = (minute: number, ip: string, email: string) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v2/auth/login',
    status: 200,
    body: JSON.stringify({ email, password: '********' }),
  })
const withdraw = (minute: number, ip: string, status = 201) =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/api/v2/withdrawals',
    status,
    body: JSON.stringify({ amount: '2328.09', payout_account_id: 'pa_1', instant: true }),
  })

function run(reqs: RequestRecord[]) {
  const d = createMultiAccountCashoutDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('multi-account cash-out', () => {
  it('names an address signing into account after account and withdrawing from each', () => {
    const ip = '91.9.120.107'
    const s = run([
      login(0, ip, 'e.maier@mail.example'),
      withdraw(1, ip),
      login(10, ip, 'nina.k@mail.example'),
      // the second factor finishes that login
      recordAt(T0, 10.5, {
        ip,
        method: 'POST',
        path: '/api/v2/auth/2fa/verify',
        status: 200,
        body: JSON.stringify({ challenge_id: 'ch_1', code: '******', method: 'sms' }),
      }),
      withdraw(11, ip),
      login(240, ip, 'jan.f@mail.example'),
      withdraw(241, ip),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.multi-account-cashout')
    expect(s[0]!.details['accounts']).toBe(3)
  })

  it('names a relay signing into account after account and setting a payout bank account up in each', () => {
    const ip = '128.199.159.42'
    const addBank = (minute: number, bank: string) =>
      recordAt(T0, minute, {
        ip,
        method: 'POST',
        path: '/api/funding/bank-accounts',
        status: 202,
        body: JSON.stringify({ bank, account_no: '******2380', holder: 'SAME_AS_CLIENT' }),
      })
    const s = run([
      login(0, ip, 'yoga_san@mail.example'),
      addBank(0.4, 'PERMATA'),
      login(444, ip, 'rina.l@mail.example'),
      addBank(444.5, 'MANDIRI'),
      login(678, ip, 'dewi.p@mail.example'),
      addBank(678.4, 'PERMATA'),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.details['accounts']).toBe(3)
    // reading the bank accounts is no change of them
    const reads = run([
      login(0, '128.199.1.2', 'a1@mail.example'),
      recordAt(T0, 1, {
        ip: '128.199.1.2',
        method: 'GET',
        path: '/api/funding/bank-accounts',
        status: 200,
      }),
      login(2, '128.199.1.2', 'a2@mail.example'),
      recordAt(T0, 3, {
        ip: '128.199.1.2',
        method: 'GET',
        path: '/api/funding/bank-accounts',
        status: 200,
      }),
      login(4, '128.199.1.2', 'a3@mail.example'),
      recordAt(T0, 5, {
        ip: '128.199.1.2',
        method: 'GET',
        path: '/api/funding/bank-accounts',
        status: 200,
      }),
    ])
    expect(reads).toHaveLength(0)
  })

  it('stays quiet for a household: two accounts, or one withdrawing three times, or refused withdrawals', () => {
    const ip = '84.150.7.21'
    expect(
      run([
        login(0, ip, 'anna@mail.example'),
        withdraw(1, ip),
        login(60, ip, 'ben@mail.example'),
        withdraw(61, ip),
        withdraw(62, ip),
        login(120, ip, 'ben@mail.example'),
        withdraw(121, ip),
        login(180, ip, 'clara@mail.example'),
        withdraw(181, ip, 403),
      ]),
    ).toEqual([])
  })

  it('stays quiet for a carrier NAT: a few of many users withdrawing', () => {
    const ip = '105.162.60.203'
    const crowd = Array.from({ length: 8 }, (_, i) => login(i * 20, ip, `user${i}@mail.example`))
    expect(
      run([
        ...crowd.slice(0, 3),
        withdraw(50, ip),
        ...crowd.slice(3, 6),
        withdraw(110, ip),
        ...crowd.slice(6),
        withdraw(150, ip),
      ]),
    ).toEqual([])
  })

  it('puts no withdrawal down to an account after a login that names none', () => {
    const ip = '41.90.181.196'
    const pinLogin = (minute: number) =>
      recordAt(T0, minute, {
        ip,
        method: 'POST',
        path: '/api/v1/auth/pin/login',
        status: 200,
        body: JSON.stringify({ device_id: `d-${minute}`, pin: '****' }),
      })
    // a signs in and withdraws, b too; c signs in and only reads; then someone's PIN login withdraws
    expect(
      run([
        login(0, ip, 'a@mail.example'),
        withdraw(1, ip),
        login(30, ip, 'b@mail.example'),
        withdraw(31, ip),
        login(60, ip, 'c@mail.example'),
        pinLogin(90),
        withdraw(91, ip),
      ]),
    ).toEqual([])
  })
})
