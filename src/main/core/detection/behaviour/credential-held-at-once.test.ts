import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createSharedEgress } from './shared-egress'
import { AppKeys } from './app-keys'
import { createTokenSpreadDetector, DEFAULT_TOKEN_SPREAD } from './token-spread'

const T0 = Date.UTC(2026, 3, 16, 2, 0, 0)

/** A request of one web session (the site's own cookie), from `ip` at `minute`. */
const web = (ip: string, minute: number, session: string): RequestRecord =>
  recordAt(T0, minute, {
    path: '/v2/market/orderbook/HPG',
    ip,
    status: 200,
    headers: [{ name: 'cookie', value: `nl_sid=${session}; lang=vi` }],
  })

/** Bursts of a few requests from `ip` every `every` minutes between `from` and `to`. */
function bursts(ip: string, session: string, from: number, to: number, every: number) {
  const out: RequestRecord[] = []
  for (let m = from; m < to; m += every)
    for (let i = 0; i < 3; i++) out.push(web(ip, m + i * 0.05, session))
  return out
}

function named(reqs: RequestRecord[]): { rules: string[]; ips: Set<string | null> } {
  const egress = createSharedEgress()
  const d = createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, egress, new AppKeys())
  const rules: string[] = []
  const ips = new Set<string | null>()
  for (const r of [...reqs].sort((a, b) => a.time - b.time)) {
    egress.see(r)
    const s = d.observe(r)
    if (!s) continue
    rules.push(s.rule)
    ips.add(r.ip)
    for (const a of s.accomplices ?? []) ips.add(a.ip)
  }
  return { rules, ips }
}

describe('a credential held at once from several networks', () => {
  it('names every address of one session polled from four unrelated networks all morning', () => {
    const scrapers = ['114.122.30.240', '27.66.205.21', '116.108.22.42', '125.163.82.127']
    const reqs = scrapers.flatMap((ip, i) =>
      bursts(ip, 'OXUY3v7jTVq1x8Kp2mWb7RtZ', 3 * i, 300, 20 + i),
    )
    const { rules, ips } = named(reqs)
    expect(rules).toContain('behaviour.credential-held-at-once')
    expect(ips).toEqual(new Set(scrapers))
  })

  it('names a session polled from three cloud hosts at once all morning', () => {
    const hosts = ['188.166.161.145', '167.71.118.25', '43.134.85.41']
    const reqs = hosts.flatMap((ip, i) => bursts(ip, '8_WdPCgUX61ukdvi2gYiiPKS', i, 330, 6 + i))
    expect(named(reqs).ips).toEqual(new Set(hosts))
  })

  it('stays quiet for one device flipping between Wi-Fi and its carrier, and for a commuter', () => {
    // home Wi-Fi and the carrier's address in turn, all day
    const phone = ['203.113.10.5', '171.224.9.77'].flatMap((ip, i) =>
      bursts(ip, 'personAAA111x8Kp2mWb7RtZ', i, 400, 7 + i),
    )
    // a commuter: one network after another, never back
    const commuter = ['113.161.1.1', '14.241.2.2', '118.69.3.3', '42.112.4.4', '1.52.5.5'].flatMap(
      (ip, i) => bursts(ip, 'commuteBBB22x8Kp2mWb7RtZ', 60 * i, 60 * i + 55, 10),
    )
    expect(named([...phone, ...commuter]).rules).not.toContain('behaviour.credential-held-at-once')
  })

  it("stays quiet for a company's egress pool rotating one user's requests within its ranges", () => {
    // a security cloud's exits in two /16s, a different exit nearly every request, for hours
    const exits = [
      '147.161.199.226',
      '147.161.176.84',
      '147.161.160.233',
      '147.161.192.177',
      '165.225.72.124',
    ]
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 300; m += 2)
      reqs.push(web(exits[(m / 2) % exits.length] as string, m, 'zscalerCCC3x8Kp2mWb7RtZ'))
    expect(named(reqs).rules).not.toContain('behaviour.credential-held-at-once')
  })
})
