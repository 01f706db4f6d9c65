import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createFundingChangeDetector, DEFAULT_FUNDING_CHANGE } from './funding-change'
import { createSharedEgress } from './shared-egress'
import { createTokenSpreadDetector, DEFAULT_TOKEN_SPREAD } from './token-spread'

const T0 = Date.UTC(2026, 4, 6, 5, 0, 0)

function req(
  ip: string,
  consumer: string,
  minute: number,
  method = 'GET',
  path = '/portal/v1/accounts',
): RequestRecord {
  return recordAt(T0, minute, {
    method,
    path,
    ip,
    consumer,
    status: 200,
    headers: [{ name: 'authorization', value: 'REDACTED' }],
  })
}

// A cloud security service's egress: six addresses over six /24 blocks, carrying a group's treasurers.
const proxy = [
  '136.226.62.86',
  '147.161.166.101',
  '147.161.174.76',
  '165.225.26.122',
  '165.225.72.64',
  '165.225.80.72',
]

describe('shared egress', () => {
  it('counts an address as shared once several accounts come from it', () => {
    const e = createSharedEgress()
    e.see(req('198.51.100.7', 'a', 0))
    e.see(req('198.51.100.7', 'b', 1))
    expect(e.shared('198.51.100.7')).toBe(false)
    e.see(req('198.51.100.7', 'c', 2))
    expect(e.shared('198.51.100.7')).toBe(true)
  })

  it("keeps a treasurer's session moving over a proxy's addresses from reading as stolen, and not a thief's hosts", () => {
    const e = createSharedEgress()
    const spread = createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, e)
    const reqs: RequestRecord[] = []
    // thirty treasurers behind the proxy all morning, one of them first from her office
    for (let m = 0; m < 40; m++) reqs.push(req('62.26.121.127', 't0', m))
    for (let m = 40; m < 200; m++) {
      for (let t = 0; t < 30; t++)
        if ((m + t) % 7 === 0) reqs.push(req(proxy[(m + t) % proxy.length]!, `t${t}`, m))
    }
    const seen = (x: RequestRecord): boolean => {
      e.see(x)
      return spread.observe(x) !== null
    }
    expect(reqs.filter(seen)).toEqual([])
    // the same treasurer's session replayed from five hosting addresses nobody else uses
    const thieves = ['45.32.100.45', '178.62.27.142', '188.166.24.12', '95.216.1.9', '5.161.2.3']
    const replay = thieves.map((ip, k) => req(ip, 't0', 200 + k))
    expect(replay.filter(seen).length).toBeGreaterThanOrEqual(1)
  })

  it('leaves payments from a shared egress and from an account that roams to the holder', () => {
    const e = createSharedEgress()
    const d = createFundingChangeDetector(DEFAULT_FUNDING_CHANGE, e)
    const run = (x: RequestRecord) => {
      e.see(x)
      return d.observe(x)
    }
    for (let m = 0; m < 60; m++) run(req('62.26.121.127', 'fin-1', m))
    for (let t = 0; t < 3; t++) run(req(proxy[0]!, `other-${t}`, 70))
    expect(run(req(proxy[0]!, 'fin-1', 90, 'POST', '/portal/v1/payees'))).toBeNull()
    // a VPN user whose exits rotate over hosting providers: five networks before the payment
    const vpn = ['45.32.1.1', '178.62.2.2', '188.166.3.3', '95.216.4.4', '5.161.5.5']
    vpn.forEach((ip, k) => run(req(ip, 'vpn-user', k * 60)))
    expect(run(req('104.248.6.6', 'vpn-user', 320, 'POST', '/portal/v1/beneficiaries'))).toBeNull()
  })
})
