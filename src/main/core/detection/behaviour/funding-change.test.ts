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
