import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createFundingChangeDetector } from './funding-change'

const T0 = Date.UTC(2026, 5, 16, 0, 0, 0)

function req(
  ip: string,
  minute: number,
  method: string,
  path: string,
  status = 200,
): RequestRecord {
  return recordAt(T0, minute, {
    method,
    path,
    ip,
    consumer: 'usr-yokada',
    status,
  })
}

/** The holder's morning from the office: balances, positions, an order now and then. */
function holderMorning(): RequestRecord[] {
  return Array.from({ length: 60 }, (_, m) =>
    req(
      '211.206.44.98',
      m * 4,
      m % 5 === 0 ? 'POST' : 'GET',
      m % 5 === 0 ? '/v2/orders' : '/v2/accounts/355/balances',
    ),
  )
}

describe('funding change from a new network', () => {
  it('names a withdrawal bank added from a network the account first used minutes before, and what follows', () => {
    const d = createFundingChangeDetector()
    for (const r of holderMorning()) expect(d.observe(r)).toBeNull()
    const thief = '156.146.56.77'
    expect(d.observe(req(thief, 260, 'GET', '/v2/accounts/355/withdrawal-accounts'))).toBeNull()
    const added = d.observe(req(thief, 262, 'POST', '/v2/accounts/355/withdrawal-accounts', 201))
    expect(added).toMatchObject({ rule: 'behaviour.new-network-funding-change', category: 'other' })
    expect(added?.summary).toContain('usr-yokada')
    expect(d.observe(req(thief, 263, 'POST', '/v2/accounts/355/withdrawals', 202))).not.toBeNull()
    // a second new address polling the withdrawal's status is named while the finding lasts
    expect(
      d.observe(req('217.138.222.40', 284, 'GET', '/v2/accounts/355/withdrawals')),
    ).not.toBeNull()
    // the holder's own office is never named
    expect(d.observe(req('211.206.44.98', 290, 'GET', '/v2/accounts/355/withdrawals'))).toBeNull()
  })

  it("follows a web user known only by a session cookie, and a session under an app's key", () => {
    const web = (ip: string, minute: number, method: string, path: string, status = 200) =>
      recordAt(T0, minute, {
        method,
        path,
        ip,
        status,
        headers: [{ name: 'cookie', value: 'vbs_lang=pl; vbs_sid=m12z32pPYt' }],
      })
    const d = createFundingChangeDetector()
    for (let m = 0; m < 40; m++) d.observe(web('31.60.149.148', m * 3, 'GET', '/api/web/portfolio'))
    const thief = '62.163.198.187'
    expect(d.observe(web(thief, 180, 'GET', '/api/web/portfolio'))).toBeNull()
    const added = d.observe(web(thief, 183, 'POST', '/api/web/payments/payout-accounts', 201))
    expect(added).toMatchObject({ rule: 'behaviour.new-network-funding-change' })
    expect(added?.summary).toContain('for a web session from a network')
    // another browser's session on the thief's network is another account, new to the gateway
    const other = web(thief, 184, 'POST', '/api/web/payments/payout-accounts', 201)
    expect(
      d.observe({ ...other, headers: [{ name: 'cookie', value: 'vbs_sid=Zz0therSess1' }] }),
    ).toBeNull()
  })

  it('stays quiet for the usual network, a new account, a refused request, or a network in use for hours', () => {
    const d = createFundingChangeDetector()
    for (const r of holderMorning()) d.observe(r)
    expect(
      d.observe(req('211.206.44.17', 241, 'POST', '/v2/accounts/355/withdrawal-accounts', 201)),
    ).toBeNull()
    expect(
      d.observe(req('156.146.56.77', 262, 'POST', '/v2/accounts/355/withdrawals', 403)),
    ).toBeNull()
    // a phone network used all afternoon before the payee is added
    for (let m = 300; m < 460; m += 10)
      d.observe(req('49.98.140.201', m, 'GET', '/v2/accounts/355/balances'))
    expect(d.observe(req('49.98.140.201', 460, 'POST', '/v2/payees', 201))).toBeNull()
    // an account's very first session has no history to be new against
    const fresh = createFundingChangeDetector()
    expect(
      fresh.observe(req('156.146.56.77', 0, 'POST', '/v2/accounts/9/withdrawal-accounts', 201)),
    ).toBeNull()
  })

  describe('a session that moved with its holder', () => {
    const session = (s: string) => [{ name: 'x-app-session', value: s }]
    const home = '49.36.171.4'
    const mobile = '2409:40e9:aaf6:b285:50c6:60f4:f0ad:f1b1'
    /** The holder's app at home on one session, then on mobile data with it an hour later. */
    function handover(
      d: ReturnType<typeof createFundingChangeDetector>,
      onMobile = 'h:5116575ce303',
    ): void {
      for (let m = 0; m < 40; m += 4)
        d.observe({ ...req(home, m, 'GET', '/v2/portfolio'), headers: session('h:5116575ce303') })
      d.observe({ ...req(mobile, 100, 'GET', '/v2/portfolio'), headers: session(onMobile) })
    }
    const withdraw = (minute: number, body = '{"amount":75000,"bank_account_id":"ba_f07d"}') => ({
      ...req(mobile, minute, 'POST', '/payments/v1/funds/withdraw'),
      headers: session('h:5116575ce303'),
      body,
    })

    it('is passed over when it withdraws to a saved account, the old network silent', () => {
      const d = createFundingChangeDetector()
      handover(d)
      expect(d.observe(withdraw(101))).toBeNull()
    })

    it('is reported when it names a new destination or sets one up', () => {
      const d = createFundingChangeDetector()
      handover(d)
      expect(
        d.observe(withdraw(101, '{"amount":75000,"iban":"DE89370400440532013000"}')),
      ).not.toBeNull()
      const e = createFundingChangeDetector()
      handover(e)
      expect(
        e.observe({
          ...req(mobile, 101, 'POST', '/v2/bank-accounts', 201),
          headers: session('h:5116575ce303'),
        }),
      ).not.toBeNull()
    })

    it('is reported when the old network goes on too, or the new one brought another session', () => {
      const d = createFundingChangeDetector()
      handover(d)
      // the holder, still at home, while the stolen session is used elsewhere
      d.observe({ ...req(home, 102, 'GET', '/v2/portfolio'), headers: session('h:5116575ce303') })
      d.observe({ ...req(mobile, 103, 'GET', '/v2/portfolio'), headers: session('h:5116575ce303') })
      expect(d.observe(withdraw(104))).not.toBeNull()
      // a new login on the new network
      const e = createFundingChangeDetector()
      handover(e, 'h:77aa0e9c41d2')
      expect(e.observe({ ...withdraw(101), headers: session('h:77aa0e9c41d2') })).not.toBeNull()
      // a session the gateway logged redacted tells nothing
      const f = createFundingChangeDetector()
      for (let m = 0; m < 40; m += 4)
        f.observe({ ...req(home, m, 'GET', '/v2/portfolio'), headers: session('REDACTED') })
      expect(f.observe({ ...withdraw(101), headers: session('REDACTED') })).not.toBeNull()
    })
  })

  it('keeps the networks an account used across a restart', () => {
    const d = createFundingChangeDetector()
    for (const r of holderMorning()) d.observe(r)
    const restarted = createFundingChangeDetector()
    restarted.load!(JSON.parse(JSON.stringify(d.save!())))
    expect(
      restarted.observe(req('156.146.56.77', 262, 'POST', '/v2/beneficiaries', 201)),
    ).not.toBeNull()
    expect(() => restarted.load!({ accounts: [['x', [['net', 'soon']]]] })).toThrow()
  })
})
