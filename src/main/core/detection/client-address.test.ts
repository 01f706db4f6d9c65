import { describe, expect, it } from 'vitest'
import type { RawRecord } from '../sources/source'
import { clientBehindProxies, hostOf, networkOf, trustedProxies } from './client-address'
import { createEngine } from './engine'
import type { RequestRecord } from './request-record'
import { testRecord } from './request-record.test-helper'
import { builtinRulesDir, readRuleSources } from './rule-pack'

function rec(ip: string, headers: Record<string, string>): RequestRecord {
  return testRecord({
    ip,
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
  })
}

describe('the client behind trusted proxies', () => {
  const lb = trustedProxies(['10.40.0.0/16', '2001:db8:1::/48'])!

  it('is the right-most hop that is not a trusted proxy; what the client wrote further left is ignored', () => {
    const spoofed = rec('10.40.0.2', { 'x-forwarded-for': '127.0.0.1, 198.51.100.7, 10.40.3.3' })
    expect(clientBehindProxies(spoofed, lb)).toBe('198.51.100.7')
    const ports = rec('10.40.0.2', { 'x-forwarded-for': '[2001:db8:9::5]:443, 192.0.2.9:4711' })
    expect(clientBehindProxies(ports, lb)).toBe('192.0.2.9')
    const v6 = rec('10.40.0.2', { 'x-forwarded-for': '2001:db8:9::5, 2001:db8:1::7' })
    expect(clientBehindProxies(v6, lb)).toBe('2001:db8:9::5')
  })

  it('reads Forwarded (RFC 7239) when there is no X-Forwarded-For', () => {
    const r = rec('10.40.0.2', {
      forwarded: 'for=192.0.2.60;proto=https, for="[2001:db8:1::17]:4711";by=10.40.0.2',
    })
    expect(clientBehindProxies(r, lb)).toBe('192.0.2.60')
  })

  it('believes nothing past a hop that is not an address, or without a forwarding header', () => {
    expect(
      clientBehindProxies(rec('10.40.0.2', { 'x-forwarded-for': '192.0.2.1, unknown' }), lb),
    ).toBeNull()
    expect(clientBehindProxies(rec('10.40.0.2', {}), lb)).toBeNull()
  })

  it('refuses an entry that is not an address or a block, naming it', () => {
    expect(() => trustedProxies(['10.0.0.0/8', 'lb.desk'])).toThrow(/"lb\.desk"/)
    expect(trustedProxies([])).toBeNull()
  })
})

describe('engine behind a load balancer', () => {
  const LB = '10.40.0.2'
  const ATTACKER = '203.0.113.66'
  let n = 0
  const line = (client: string, status: number, user: string): RawRecord => ({
    line: ++n,
    text: JSON.stringify({
      request: {
        id: `lb-${n}`,
        uri: '/auth/login',
        method: 'POST',
        headers: { 'x-forwarded-for': client, 'content-type': 'application/json' },
        // each trader mistypes a password of their own; the attacker tries one on every account
        body: JSON.stringify({
          username: user,
          password: user.startsWith('admin') ? 'x' : `${user}!`,
        }),
      },
      response: { status },
      client_ip: LB,
      started_at: Date.UTC(2026, 10, 25, 9, 0, 0) + n * 1000,
    }),
  })
  // The attacker's 12 wrong passwords among the desk's logins, 30 of them after one typo.
  const records: RawRecord[] = []
  for (let i = 0; i < 30; i++) {
    records.push(line(`10.8.1.${i}`, 401, `trader${i}`), line(`10.8.1.${i}`, 200, `trader${i}`))
    if (i < 12) records.push(line(ATTACKER, 401, `admin${i}`))
  }
  const batch = {
    sourceId: 'kong',
    seq: 1,
    format: 'kong' as const,
    records,
    metrics: [],
    cursor: null,
  }
  const bruteforce = (ip: string | null) => ['bruteforce', 'credential-stuffing'].includes(ip ?? '')
  const rules = readRuleSources(builtinRulesDir())

  it('names the attacker, not the balancer, when the balancer is trusted', () => {
    const e = createEngine(rules, { trustedProxies: ['10.40.0.0/16'] })
    const found = e.process(batch).findings.filter((f) => bruteforce(f.category))
    expect([...new Set(found.map((f) => f.ip))]).toEqual([ATTACKER])
  })

  it('without it, the whole desk is one client: the balancer is blamed', () => {
    const e = createEngine(rules)
    const found = e.process(batch).findings.filter((f) => bruteforce(f.category))
    expect([...new Set(found.map((f) => f.ip))]).toEqual([LB])
  })
})

describe('networkOf', () => {
  it('groups an IPv4 address by its /24 and an IPv6 one by its /48', () => {
    expect(networkOf('61.200.80.17')).toBe(networkOf('61.200.80.250'))
    expect(networkOf('61.200.80.17')).not.toBe(networkOf('61.200.81.17'))
    expect(networkOf('2001:db8:4a1:7::1')).toBe(networkOf('2001:db8:4a1:9:a::2'))
    expect(networkOf('2001:db8:4a1::1')).not.toBe(networkOf('2001:db8:4a2::1'))
    expect(networkOf('::ffff:61.200.80.17')).toBe(networkOf('61.200.80.9'))
    // the site's own private addresses are one network, whatever their subnets
    expect(networkOf('10.41.13.101')).toBe(networkOf('10.44.16.104'))
    // however the address is written: `::` inside the prefix, leading zeros, upper case
    expect(networkOf('2a01:4f8::1')).toBe(networkOf('2A01:04F8:0000:5d7e::2'))
  })
})

describe('hostOf', () => {
  it('keeps an IPv4 address and takes the /64 of an IPv6 one', () => {
    expect(hostOf('61.200.80.17')).toBe('61.200.80.17')
    expect(hostOf('2a01:4f8:c012:5d7e:f76e:b827:58d5:95a')).toBe(
      hostOf('2a01:4f8:c012:5d7e:f317:9d9a:6e97:aa9a'),
    )
    expect(hostOf('2a01:4f8:c012:5d7e::1')).not.toBe(hostOf('2a01:4f8:c012:5d7f::1'))
    expect(hostOf('2a01:4f8::1')).toBe(hostOf('2a01:04f8:0:0:ffff::2'))
    expect(hostOf('::ffff:61.200.80.17')).toBe('61.200.80.17')
  })
})
