import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import type { BehaviourSignal } from './behaviour-signal'
import { createSharedEgress } from './shared-egress'
import { createTokenSpreadDetector, DEFAULT_TOKEN_SPREAD } from './token-spread'

const T0 = Date.UTC(2026, 5, 10, 1, 0, 0)
const AUTH = [{ name: 'authorization', value: 'REDACTED' }]

function use(ip: string, minute: number, consumer = 'c-4410'): RequestRecord {
  return recordAt(T0, minute, {
    path: '/v1/marketdata/depth',
    ip,
    consumer,
    headers: AUTH,
    status: 200,
  })
}

/** Each address polls every `every` minutes from `from` to `to` (minutes after T0). */
function session(ip: string, from: number, to: number, every = 0.5, consumer?: string) {
  const out: RequestRecord[] = []
  for (let m = from; m < to; m += every) out.push(use(ip, m, consumer))
  return out
}

/** Runs the standard spread detector and returns its findings with every address they name. */
function runAll(reqs: RequestRecord[], egressFrom: RequestRecord[] = []) {
  const egress = createSharedEgress()
  const d = createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, egress)
  const all = [...reqs, ...egressFrom].sort((a, b) => a.time - b.time)
  const signals: BehaviourSignal[] = []
  const named = new Set<string | null>()
  for (const r of all) {
    egress.see(r)
    const s = d.observe(r)
    if (!s) continue
    signals.push(s)
    named.add(r.ip)
    for (const a of s.accomplices ?? []) named.add(a.ip)
  }
  return { signals, named }
}

// A premium subscriber at home now and then, and buyers of the login in several countries, each polling
// for about half an hour, two to four at once, new ones arriving all day.
const OWNER = '118.140.113.198'
const BUYERS = [
  ['183.226.14.215', 40, 60],
  ['1.125.190.155', 100, 130],
  ['61.235.253.83', 110, 138],
  ['183.241.100.177', 115, 145],
  ['1.212.222.83', 123, 143],
  ['117.49.248.64', 142, 169],
  ['1.52.180.219', 149, 174],
  ['116.172.214.215', 247, 265],
  ['36.199.116.240', 257, 279],
  ['1.41.113.35', 260, 281],
  ['175.163.5.102', 282, 309],
  ['114.141.43.48', 316, 340],
] as const

function resale(): RequestRecord[] {
  const reqs: RequestRecord[] = []
  for (let m = 30; m < 340; m += 11) reqs.push(use(OWNER, m))
  for (const [ip, from, to] of BUYERS) reqs.push(...session(ip, from, to))
  return reqs
}

describe('credential relay', () => {
  it('names every buyer of a resold login, and never its owner', () => {
    const { signals, named } = runAll(resale())
    expect(signals.some((s) => s.rule === 'behaviour.credential-relay')).toBe(true)
    expect(signals.every((s) => s.confidence >= 0.6)).toBe(true)
    expect(named.has(OWNER)).toBe(false)
    expect([...named].sort()).toEqual(BUYERS.map(([ip]) => ip).sort())
    const first = signals.find((s) => s.rule === 'behaviour.credential-relay')!
    expect(first.summary).toContain("consumer c-4410's credentials handed on")
    expect(first.details['activeNetworks']).toBeGreaterThanOrEqual(3)
  })

  it('stays quiet for an app whose key Kong maps to one consumer for all its users', () => {
    // the same resale shape, but the consumer is the web app: its logins name one member after another
    const reqs = resale().map((r) => ({ ...r, consumer: 'hl-member-web' }))
    const logins = ['a.lee@mail.example', 'b.ng@mail.example', 'c.roy@mail.example'].map(
      (u, i) => ({
        ...use(OWNER, 31 + i, 'hl-member-web'),
        method: 'POST',
        path: '/auth/v1/login',
        body: JSON.stringify({ identifier: u, password: '********' }),
      }),
    )
    expect(runAll([...logins, ...reqs]).signals).toEqual([])
    // a person's session logging in as itself now and then is still followed
    const own = logins.map((r) => ({
      ...r,
      consumer: 'c-4410',
      body: JSON.stringify({ identifier: 'c-4410', password: '********' }),
    }))
    expect(runAll([...own, ...resale()]).signals.length).toBeGreaterThan(0)
  })

  it('stays quiet for servers behind a NAT pool: the same addresses all day, back after pauses', () => {
    const pool = Array.from(
      { length: 20 },
      (_, i) => `${[3, 18, 52, 35][i % 4]}.${64 + i}.${i * 7}.9`,
    )
    const reqs: RequestRecord[] = []
    let n = 0
    const at = (m: number) => reqs.push(use(pool[(n++ * 7) % 20]!, m, 'fund-aurelia'))
    // a busy morning, a lunch lull with a request now and then, a busy afternoon, then hourly batches
    for (let m = 0; m < 180; m += 0.25) at(m)
    for (let m = 180; m < 240; m += 12) at(m)
    for (let m = 240; m < 420; m += 0.1) at(m)
    for (let h = 420; h < 720; h += 60) for (let m = h; m < h + 15; m += 0.1) at(m)
    expect(runAll(reqs).signals).toEqual([])
  })

  it('stays quiet for a NAT pool whose addresses are used unevenly, some rarely', () => {
    const pool = Array.from(
      { length: 20 },
      (_, i) => `${[3, 18, 52, 35][i % 4]}.${64 + i}.${i * 7}.9`,
    )
    const reqs: RequestRecord[] = []
    // three gateways take most of the load; the others one request in fifty, in turn
    let rare = 3
    for (let i = 0, m = 0; m < 600; i++, m += 0.2) {
      const ip = i % 50 === 0 ? pool[(rare++ % 17) + 3]! : pool[i % 3]!
      reqs.push(use(ip, m, 'fund-aurelia'))
    }
    expect(runAll(reqs).signals).toEqual([])
  })

  it('stays quiet for a pool scaled down over lunch: the addresses left in use were there all along', () => {
    const pool = Array.from(
      { length: 12 },
      (_, i) => `${[3, 18, 52, 35][i % 4]}.${64 + i}.${i * 7}.9`,
    )
    const reqs: RequestRecord[] = []
    let n = 0
    for (let m = 0; m < 120; m += 0.1) reqs.push(use(pool[n++ % 12]!, m, 'fund-aurelia'))
    for (let m = 120; m < 240; m += 0.1) reqs.push(use(pool[n++ % 4]!, m, 'fund-aurelia'))
    expect(runAll(reqs).signals).toEqual([])
  })

  it('stays quiet for one person changing networks one after another, with a phone alongside', () => {
    const reqs = [
      ...session('81.2.69.160', 0, 60, 1, 'k.lam'), // home
      ...session('203.0.113.7', 60, 120, 1, 'k.lam'), // office
      ...session('185.199.108.5', 120, 170, 1, 'k.lam'), // VPN exit
      ...session('139.162.40.9', 170, 230, 1, 'k.lam'), // VPN exit
      ...session('172.105.3.4', 230, 300, 1, 'k.lam'), // VPN exit
      ...session('188.166.24.12', 300, 360, 1, 'k.lam'), // VPN exit
      ...session('2a01:598:aab5:29a2::1', 0, 360, 3, 'k.lam'), // the phone, all day
    ]
    expect(runAll(reqs).signals).toEqual([])
  })

  it('does not count addresses many accounts come from (a carrier NAT, an office proxy)', () => {
    const reqs = resale()
    // each buyer's address also carries two other customers: they are shared egress, the holders'
    const others = BUYERS.flatMap(([ip, from]) => [
      use(ip, from - 5, `other-a-${ip}`),
      use(ip, from - 4, `other-b-${ip}`),
    ])
    expect(runAll(reqs, others).signals).toEqual([])
  })
})
