import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { testRecord } from '../request-record.test-helper'
import { createDistributedLoginDetector, DEFAULT_SLOW_DISTRIBUTED_LOGIN } from './distributed-login'
import { createPasswordSprayingDetector } from './password-spraying'
import {
  createEnumerationDetector,
  DEFAULT_CONSUMER_ENUMERATION,
  DEFAULT_ENUMERATION,
  DEFAULT_SLOW_ENUMERATION,
} from './enumeration'
import { createLatencySpikeDetector } from './latency-spike'
import {
  createRateSpikeDetector,
  DEFAULT_CONSUMER_RATE_SPIKE,
  DEFAULT_ROUTE_RATE_SPIKE,
} from './rate-spike'
import {
  createRateLimitedBurstDetector,
  createServerErrorBurstDetector,
  DEFAULT_RATE_LIMITED_SUSTAINED,
} from './status-burst'
import { AppKeys } from './app-keys'
import { namedBy } from './behaviour.test-helper'
import {
  createStuffingPoolDetector,
  DEFAULT_SLOW_STUFFING_POOL,
  DEFAULT_STUFFING_POOL,
  Newcomers,
} from './stuffing-pool'
import { createTokenSpreadDetector, DEFAULT_TOKEN_SPREAD, tokenKey } from './token-spread'
import type { BehaviourDetector } from './behaviour-signal'
import { createBehaviourStage } from './behaviour-stage'

const T0 = Date.UTC(2026, 10, 25, 0, 0, 0)
let seq = 0

function req(over: Partial<RequestRecord> = {}): RequestRecord {
  seq++
  return testRecord({
    line: seq,
    recordId: `r${seq}`,
    time: T0,
    path: '/api/v1/quotes',
    ip: '198.51.100.9',
    route: 'quotes',
    service: 'market-data',
    requestBytes: 100,
    responseBytes: 500,
    latencyMs: 20,
    ...over,
  })
}

function run(d: BehaviourDetector, reqs: RequestRecord[]) {
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

/** Every address a detector's findings name over `reqs` (the request a finding is about, and the others). */
describe('enumeration', () => {
  it('fires on many distinct 404 paths from one address, once per suppression period', () => {
    const d = createEnumerationDetector()
    const probes = Array.from({ length: 40 }, (_, i) =>
      req({ path: `/probe-${i}`, status: 404, time: T0 + i * 1000 }),
    )
    const s = run(d, probes)
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ category: 'enumeration', rule: 'behaviour.not-found-enumeration' })
    expect(s[0]!.details['distinctPaths']).toBe(20)
  })

  it('stays quiet for one stale bookmark hit again and again', () => {
    const d = createEnumerationDetector()
    expect(
      run(
        d,
        Array.from({ length: 60 }, (_, i) =>
          req({ path: '/old', status: 404, time: T0 + i * 1000 }),
        ),
      ),
    ).toEqual([])
  })

  it('stays quiet when 404s are a small share of a busy client', () => {
    const d = createEnumerationDetector()
    const mixed = Array.from({ length: 400 }, (_, i) =>
      i % 10 === 0
        ? req({ path: `/api/v1/orders/${i}`, status: 404, time: T0 + i * 500 })
        : req({ time: T0 + i * 500 }),
    )
    expect(run(d, mixed)).toEqual([])
  })
})

describe('distributed login failures', () => {
  const login = (ip: string, user: string, i: number) =>
    req({
      ip,
      method: 'POST',
      path: '/auth/login',
      status: 401,
      time: T0 + i * 5000,
      body: `{"username":"${user}","password":"x"}`,
    })

  it('fires when one account fails from many addresses, naming every address taking part', () => {
    const d = createDistributedLoginDetector()
    const s = run(
      d,
      Array.from({ length: 12 }, (_, i) => login(`203.0.113.${i + 1}`, 'k.tanaka', i)),
    )
    // The eighth failure tips the window: its signal names the seven addresses before it; each of the
    // four addresses that join while the account is under attack is named once, on its own request.
    expect(s).toHaveLength(5)
    expect(s[0]).toMatchObject({
      category: 'credential-stuffing',
      rule: 'behaviour.distributed-login-failures',
    })
    expect(s[0]!.accomplices?.map((a) => a.ip)).toEqual(
      Array.from({ length: 7 }, (_, i) => `203.0.113.${i + 1}`),
    )
    expect(s.slice(1).every((x) => x.accomplices?.length === 0)).toBe(true)
  })

  it('names a joining address once, however often it tries', () => {
    const d = createDistributedLoginDetector()
    const first = Array.from({ length: 8 }, (_, i) => login(`203.0.113.${i + 1}`, 'k.tanaka', i))
    const again = Array.from({ length: 6 }, (_, i) => login('198.51.100.9', 'k.tanaka', 8 + i))
    expect(run(d, [...first, ...again])).toHaveLength(2)
  })

  it('stays quiet for a user mistyping from the office and the VPN', () => {
    const d = createDistributedLoginDetector()
    const s = run(
      d,
      Array.from({ length: 12 }, (_, i) => login(i % 2 ? '10.20.1.5' : '10.8.0.7', 'k.tanaka', i)),
    )
    expect(s).toEqual([])
  })
  describe('slow form', () => {
    const MIN = 60_000
    const at = (ip: string, user: string, minute: number, status: number, identifier = false) =>
      req({
        ip,
        method: 'POST',
        path: '/v2/auth/login',
        status,
        time: T0 + minute * MIN,
        body: identifier
          ? `{"identifier":"${user}","password":"********"}`
          : `{"username":"${user}","password":"********"}`,
      })

    const named = (reqs: RequestRecord[]) =>
      namedBy(
        createDistributedLoginDetector(DEFAULT_SLOW_DISTRIBUTED_LOGIN),
        reqs.sort((a, b) => a.time - b.time),
      )

    it('names every proxy of a guess every ten minutes at one account, not its holder', () => {
      // a guess every ten minutes from a fresh address for five hours; every tenth is answered 423
      // (the account locked by the guesses), and the holder meets the lock, fails, resets, logs in
      const guesses = Array.from({ length: 30 }, (_, i) =>
        at(
          `203.0.${113 + (i % 3)}.${i + 10}`,
          'r.ashworth@mail.example',
          i * 10,
          i % 10 === 9 ? 423 : 401,
          true,
        ),
      )
      const holder = [
        at('81.2.69.160', 'r.ashworth@mail.example', 95, 401, true),
        at('81.2.69.160', 'r.ashworth@mail.example', 96, 423, true),
        req({
          ip: '81.2.69.160',
          method: 'POST',
          path: '/v2/auth/password/reset-request',
          status: 202,
          time: T0 + 97 * MIN,
        }),
        at('81.2.69.160', 'r.ashworth@mail.example', 101, 200, true),
      ]
      const later = req({
        ip: '198.51.100.1',
        path: '/v2/quotes',
        status: 200,
        time: T0 + 400 * MIN,
      })
      const out = named([...guesses, ...holder, later])
      expect(out.has('81.2.69.160')).toBe(false)
      expect(out.has('198.51.100.1')).toBe(false)
      expect([...out].sort()).toEqual(guesses.map((g) => g.ip).sort())
    })

    it('leaves out an address that had signed in that morning, under another login name', () => {
      // the holder signed in by phone at 07:45, meets the lock at 08:11 under the national id, and
      // resets only 45 minutes later
      const guesses = Array.from({ length: 30 }, (_, i) =>
        at(`203.0.${113 + (i % 3)}.${i + 10}`, '91070880456', 60 + i * 10, i > 5 ? 423 : 401),
      )
      const holder = [
        at('83.22.160.137', '+48 503 810 917', 45, 200),
        at('83.22.160.137', '91070880456', 71, 423),
        at('83.22.160.137', 'bartosz.gorski5@mail.example', 72, 423),
      ]
      const later = req({
        ip: '198.51.100.1',
        path: '/v2/quotes',
        status: 200,
        time: T0 + 400 * MIN,
      })
      const out = named([...guesses, ...holder, later])
      expect(out.has('83.22.160.137')).toBe(false)
      expect([...out].sort()).toEqual(guesses.map((g) => g.ip).sort())
    })

    it('stays quiet for a holder mistyping from three devices over a day', () => {
      const reqs = [0, 200, 400, 600, 800].flatMap((m, k) => [
        at(['81.2.69.160', '86.1.1.7', '2a00:23c5:1:2::9'][k % 3]!, 'k.tanaka', m, 401),
        at(['81.2.69.160', '86.1.1.7', '2a00:23c5:1:2::9'][k % 3]!, 'k.tanaka', m + 1, 401),
        at(['81.2.69.160', '86.1.1.7', '2a00:23c5:1:2::9'][k % 3]!, 'k.tanaka', m + 2, 200),
      ])
      expect(named(reqs).size).toBe(0)
    })
  })
})

describe('password spraying', () => {
  const login = (ip: string, user: string, password: string, i: number) =>
    req({
      ip,
      method: 'POST',
      path: '/v3/sessions',
      status: 401,
      time: T0 + i * 60_000,
      body: JSON.stringify({ username: user, password }),
    })

  it('fires on one password failing for many accounts, each from its own address, naming all', () => {
    const d = createPasswordSprayingDetector()
    const s = run(
      d,
      Array.from({ length: 9 }, (_, i) =>
        login(`203.0.113.${i + 1}`, `user${i}`, 'Autumn2026!', i),
      ),
    )
    // the fifth address tips it (the four before it named); four more join, each named once
    expect(s).toHaveLength(5)
    expect(s[0]).toMatchObject({
      category: 'credential-stuffing',
      rule: 'behaviour.password-spraying',
    })
    expect(s[0]!.accomplices).toHaveLength(4)
    expect(JSON.stringify(s)).not.toContain('Autumn2026')
  })

  it('fires on one password failing from many addresses for a few accounts', () => {
    const d = createPasswordSprayingDetector()
    const users = ['admin.ops', 'h.kobayashi']
    const s = run(
      d,
      Array.from({ length: 6 }, (_, i) =>
        login(`198.51.100.${i + 1}`, users[i % 2]!, 'Tsuki2026', i),
      ),
    )
    expect(s[0]?.accomplices).toHaveLength(4)
  })

  it('does not compare passwords a log pipeline masked', () => {
    const d = createPasswordSprayingDetector()
    const s = run(
      d,
      Array.from({ length: 12 }, (_, i) => login(`10.3.0.${i + 1}`, `user${i}`, '********', i)),
    )
    expect(s).toEqual([])
    // a form body's masked field, percent-encoded as the browser sent it
    const form = Array.from({ length: 12 }, (_, i) =>
      req({
        ip: `10.4.0.${i + 1}`,
        time: T0 + i * 60_000,
        method: 'POST',
        path: '/auth/login',
        status: 401,
        body: `username=user${i}&password=%2A%2A%2A%2A%2A%2A%2A%2A`,
      }),
    )
    expect(run(createPasswordSprayingDetector(), form)).toEqual([])
  })

  it('stays quiet for users mistyping their own passwords, and for one account failing often', () => {
    const d = createPasswordSprayingDetector()
    const own = Array.from({ length: 12 }, (_, i) =>
      login(`10.1.0.${i + 1}`, `user${i}`, `secret-${i}`, i),
    )
    const one = Array.from({ length: 12 }, (_, i) => login('10.2.0.1', 'k.tanaka', 'same', 20 + i))
    expect(run(d, [...own, ...one])).toEqual([])
  })
})

describe('token used from many addresses', () => {
  const bearer = (
    ip: string,
    i: number,
    token = 'eyJhbGciOi.eyJzdWIiOiJ0cmFkZXIifQ.sig-abcdefgh',
  ) =>
    req({
      ip,
      time: T0 + i * 1000,
      headers: [{ name: 'authorization', value: `Bearer ${token}` }],
      consumer: 'trader-7',
    })

  it('fires when one token spreads over many addresses', () => {
    const d = createTokenSpreadDetector()
    // its owner uses it alone for 40 minutes, then eight addresses of other networks
    const own = Array.from({ length: 40 }, (_, i) => bearer('212.97.1.30', i * 60))
    const s = run(d, [
      ...own,
      ...Array.from({ length: 8 }, (_, i) => bearer(`${31 + i}.51.100.${i + 1}`, 2400 + i)),
    ])
    // With the owner's, the fourth network tips it, naming the three newcomers before; those after are
    // not named (an app's own key spreads like this all day). The owner is never named.
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.token-many-addresses')
    expect(s[0]!.accomplices?.map((a) => a.ip)).toEqual([
      '31.51.100.1',
      '32.51.100.2',
      '33.51.100.3',
    ])
    expect(JSON.stringify(s)).not.toContain('sig-abcdefgh')
  })

  // A deployment that rotates one credential over its addresses, request by request, all day: a firm's
  // egress proxies in two /24 blocks, and a fund's cloud NAT gateway scattered over the provider's blocks.
  const egress = ['61.200.80.17', '61.200.80.18', '61.200.80.19', '61.200.80.20']
  it.each([
    [
      "a firm's egress proxy pool over its own blocks",
      [...egress, ...egress.map((ip) => ip.replace('61.200.80.', '150.249.12.'))],
    ],
    [
      'a cloud NAT pool used from the start',
      Array.from(
        { length: 20 },
        (_, i) => `${[3, 18, 35, 52][i % 4]}.${64 + i}.${i * 7}.${10 + i}`,
      ),
    ],
  ])('stays quiet for %s', (_, ips) => {
    const d = createTokenSpreadDetector()
    expect(
      run(
        d,
        Array.from({ length: 2000 }, (_, i) => bearer(ips[(i * 7) % ips.length]!, i * 15)),
      ),
    ).toEqual([])
  })

  it('names a thief address that came a window before the finding and went quiet', () => {
    const d = createTokenSpreadDetector()
    const reqs: RequestRecord[] = []
    // the owner works all morning from one office address, one request a minute
    for (let m = 0; m < 240; m++) reqs.push(bearer('124.104.160.203', m * 60))
    // the thief's first address for ten minutes, then three more addresses 20-35 minutes later
    const thieves = ['185.243.115.62', '80.94.95.113', '38.180.61.9', '146.70.185.30']
    thieves.forEach((ip, k) => {
      for (let m = 0; m < 10; m++)
        reqs.push(bearer(ip, (120 + (k === 0 ? 0 : 19 + 6 * k) + m) * 60))
    })
    reqs.sort((a, b) => a.time - b.time)
    const s = run(d, reqs)
    expect(s).toHaveLength(1)
    // the fourth address tips it; the three before are named, the first among them
    expect((s[0]!.accomplices ?? []).map((a) => a.ip)).toEqual(thieves.slice(0, 3))
  })

  it('stays quiet for a trader between office, VPN and phone', () => {
    const d = createTokenSpreadDetector()
    const ips = ['10.20.3.4', '10.8.1.9', '203.0.113.77']
    expect(
      run(
        d,
        Array.from({ length: 30 }, (_, i) => bearer(ips[i % 3]!, i)),
      ),
    ).toEqual([])
  })

  it('keys tokens by a hash, not the token', () => {
    expect(tokenKey('a'.repeat(500))).not.toContain('aaaa')
    expect(tokenKey('abc')).not.toBe(tokenKey('abd'))
  })

  // A web user's session cookie (no consumer: the site checks the cookie itself), lifted by an infostealer
  // and replayed by a scraper that changes exit every few minutes.
  const web = (ip: string, i: number, sid = 'nb_sid=NniKDjXdWMq81aZr0pLk3uVw') =>
    req({ ip, time: T0 + i * 1000, headers: [{ name: 'cookie', value: `${sid}; lang=ar` }] })

  it('follows a web session cookie replayed exit after exit, naming each newcomer', () => {
    const d = createTokenSpreadDetector()
    const reqs: RequestRecord[] = []
    for (let n = 0; n < 12; n++)
      for (let k = 0; k < 7; k++)
        reqs.push(web(`${40 + n * 9}.${17 + n}.88.${n + 5}`, n * 150 + k * 3))
    // every exit is named: five by the first finding, the rest one by one as they come
    expect(namedBy(d, reqs)).toEqual(new Set(reqs.map((r) => r.ip)))
    const s = run(createTokenSpreadDetector(), reqs)
    expect(s[0]!.summary).toContain('session cookie')
    expect(JSON.stringify(s)).not.toContain('NniKDjXdWM')
  })

  it("leaves a person's web session on a phone and a laptop alone", () => {
    const d = createTokenSpreadDetector()
    const reqs = Array.from({ length: 200 }, (_, i) =>
      web(i % 3 === 0 ? '94.200.17.4' : '2.51.33.190', i * 20),
    )
    expect(run(d, reqs)).toEqual([])
  })
})

describe('status bursts', () => {
  it('fires on a route whose requests mostly fail with 5xx', () => {
    const d = createServerErrorBurstDetector()
    const s = run(
      d,
      Array.from({ length: 80 }, (_, i) => req({ status: 503, time: T0 + i * 500 })),
    )
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ category: 'other', rule: 'behaviour.server-error-burst' })
  })

  it('stays quiet on a busy route with its usual trickle of 5xx', () => {
    const d = createServerErrorBurstDetector()
    const s = run(
      d,
      Array.from({ length: 3000 }, (_, i) =>
        req({ status: i % 40 === 0 ? 502 : 200, time: T0 + i * 20 }),
      ),
    )
    expect(s).toEqual([])
  })

  it('fires on one client hammering the rate limiter', () => {
    const d = createRateLimitedBurstDetector()
    const s = run(
      d,
      Array.from({ length: 60 }, (_, i) => req({ status: 429, time: T0 + i * 500 })),
    )
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.rate-limited-burst')
  })
})

describe('rate spike', () => {
  /** `perMinute[i]` requests from one client in minute i, and a steady gateway around it. */
  function traffic(perMinute: number[], gatewayPerMinute: (m: number) => number, ip = '10.30.0.5') {
    const out: RequestRecord[] = []
    perMinute.forEach((n, m) => {
      for (let k = 0; k < n; k++) out.push(req({ ip, time: T0 + m * 60_000 + (k * 59_000) / n }))
      const g = gatewayPerMinute(m)
      for (let k = 0; k < g; k++)
        out.push(
          req({ ip: `10.20.${k % 200}.${m % 200}`, time: T0 + m * 60_000 + (k * 59_000) / g }),
        )
    })
    return out.sort((a, b) => a.time - b.time)
  }

  it('fires when one client jumps far above its own baseline while the gateway is calm', () => {
    const d = createRateSpikeDetector()
    const minutes = [...Array.from({ length: 40 }, () => 20), 600]
    const s = run(
      d,
      traffic(minutes, () => 100),
    )
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ category: 'rate-spike', rule: 'behaviour.rate-spike' })
  })

  it('stays quiet during a desk-wide peak (market open) that lifts every client', () => {
    // The client goes from 60 to 600 a minute. With a calm gateway that is a spike…
    const minutes = [...Array.from({ length: 40 }, () => 60), 600, 600]
    expect(
      run(
        createRateSpikeDetector(),
        traffic(minutes, () => 300),
      ),
    ).toHaveLength(1)
    // …but when the whole gateway went 5x in the same minutes, it is the open, not an attack.
    const s = run(
      createRateSpikeDetector(),
      traffic(minutes, (m) => (m >= 39 ? 1500 : 300)),
    )
    expect(s).toEqual([])
  })

  it('needs a baseline: a new client is never a spike', () => {
    const d = createRateSpikeDetector()
    expect(
      run(
        d,
        traffic([900], () => 10),
      ),
    ).toEqual([])
  })
})

describe('latency spike', () => {
  it('keeps route baselines across a restart', () => {
    const d = createLatencySpikeDetector()
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 40; m++)
      for (let k = 0; k < 30; k++)
        reqs.push(req({ latencyMs: 20 + (k % 5), time: T0 + m * 60_000 + k * 1000 }))
    run(d, reqs)
    const restarted = createLatencySpikeDetector()
    restarted.load!(JSON.parse(JSON.stringify(d.save!())))
    const slow = Array.from({ length: 30 }, (_, k) =>
      req({ latencyMs: 6000, time: T0 + 40 * 60_000 + k * 1000 }),
    )
    expect(run(restarted, slow)).toHaveLength(1)
    expect(run(createLatencySpikeDetector(), slow)).toEqual([])
    expect(() => restarted.load!({ routes: [['quotes', [1, 2, 3, 4, 5, -1], 0]] })).toThrow()
  })

  it('leaves a minute in which the upstream is failing to the 5xx burst detector', () => {
    const d = createLatencySpikeDetector()
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 40; m++)
      for (let k = 0; k < 30; k++)
        reqs.push(req({ latencyMs: 20 + (k % 5), time: T0 + m * 60_000 + k * 1000, status: 200 }))
    // the service times out: slow answers, a third of them 504
    for (let k = 0; k < 30; k++)
      reqs.push(
        req({
          latencyMs: 6000,
          time: T0 + 40 * 60_000 + k * 1000,
          status: k % 3 === 0 ? 504 : 200,
        }),
      )
    expect(run(d, reqs)).toEqual([])
  })

  it('fires when a route becomes far slower than its baseline', () => {
    const d = createLatencySpikeDetector()
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 40; m++)
      for (let k = 0; k < 30; k++)
        reqs.push(req({ latencyMs: 20 + (k % 5), time: T0 + m * 60_000 + k * 1000 }))
    for (let k = 0; k < 30; k++)
      reqs.push(req({ latencyMs: 6000, time: T0 + 40 * 60_000 + k * 1000 }))
    const s = run(d, reqs)
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.latency-spike')
  })

  it('stays quiet on an evenly slow route', () => {
    const d = createLatencySpikeDetector()
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 60; m++)
      for (let k = 0; k < 30; k++)
        reqs.push(req({ latencyMs: 2000 + (k % 7) * 100, time: T0 + m * 60_000 + k * 1000 }))
    expect(run(d, reqs)).toEqual([])
  })
})

describe('memory', () => {
  it('holds a bounded number of entities however many addresses arrive', () => {
    const d = createEnumerationDetector({
      ...DEFAULT_ENUMERATION,
      windowMs: 60_000,
      suppressMs: 0,
      maxEntities: 1000,
    })
    for (let i = 0; i < 20_000; i++)
      d.observe(
        req({
          ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          status: 404,
          time: T0 + i,
        }),
      )
    expect(d.size).toBe(1000)
  })
})

describe('credential stuffing from a pool of addresses', () => {
  const attempt = (ip: string, user: string, status: number, minute: number) =>
    req({
      ip,
      method: 'POST',
      path: '/auth/login',
      route: 'auth',
      status,
      time: T0 + minute * 60_000,
      body: `{"username":"${user}","password":"********"}`,
    })

  it('does not count a holder mistyping a few second-factor codes after a password that worked', () => {
    // a pool of twelve, each failing two accounts; meanwhile three customers whose passwords worked type
    // the SMS code wrong three times (it came late), then get in; a thief with a stolen password keeps
    // guessing the code
    const pool = Array.from({ length: 12 }, (_, a) => [
      attempt(`99.${a}.19.81`, `victim${a * 2}@mail.example`, 401, a * 2),
      attempt(`99.${a}.19.81`, `victim${a * 2 + 1}@mail.example`, 401, a * 2 + 1),
    ]).flat()
    const code = (ip: string, status: number, minute: number) =>
      req({
        ip,
        method: 'POST',
        path: '/auth/2fa',
        route: 'auth',
        status,
        time: T0 + minute * 60_000,
        body: '{"challenge":"ch_1","code":"******"}',
      })
    const holders = Array.from({ length: 3 }, (_, i) => [
      attempt(`70.${i}.2.9`, `cust${i}@mail.example`, 200, i * 3),
      code(`70.${i}.2.9`, 401, i * 3 + 0.5),
      code(`70.${i}.2.9`, 401, i * 3 + 1),
      code(`70.${i}.2.9`, 401, i * 3 + 1.5),
    ]).flat()
    const thief = [
      attempt('45.9.9.9', 'stolen@mail.example', 200, 1),
      ...Array.from({ length: 8 }, (_, k) => code('45.9.9.9', 401, 1.2 + k * 0.3)),
    ]
    const all = [...pool, ...holders, ...thief].sort((a, b) => a.time - b.time)
    const named = namedBy(createStuffingPoolDetector(), all)
    for (let i = 0; i < 3; i++) expect(named.has(`70.${i}.2.9`)).toBe(false)
    expect(named.has('99.0.19.81')).toBe(true)
    expect(named.has('45.9.9.9')).toBe(true)
  })

  it('keeps a pool address whose login worked but whose session it never used: a hit', () => {
    // twelve residential addresses, each with a hit first (its session never used) and then failures
    // for two other accounts; customers on their own addresses mistype, then log in and use the session
    const pool = Array.from({ length: 12 }, (_, a) => [
      attempt(`99.${a}.19.81`, `hit${a}@mail.example`, 200, a * 2),
      attempt(`99.${a}.19.81`, `victim${a * 2}@mail.example`, 401, a * 2 + 0.5),
      attempt(`99.${a}.19.81`, `victim${a * 2 + 1}@mail.example`, 401, a * 2 + 1),
    ]).flat()
    const customers = Array.from({ length: 6 }, (_, i) => [
      attempt(`70.${i}.2.9`, `cust${i}@mail.example`, 401, i * 3),
      attempt(`70.${i}.2.9`, `other${i}@mail.example`, 200, i * 3 + 0.3),
      req({
        ip: `70.${i}.2.9`,
        path: '/api/v2/me',
        status: 200,
        subject: `sub-${i}`,
        time: T0 + (i * 3 + 0.4) * 60_000,
      }),
    ]).flat()
    const later = req({ ip: '81.2.250.1', path: '/v2/quotes', status: 200, time: T0 + 60 * 60_000 })
    const all = [...pool, ...customers, later].sort((a, b) => a.time - b.time)
    const named = namedBy(createStuffingPoolDetector(), all)
    expect(named.size).toBe(12)
    for (let i = 0; i < 6; i++) expect(named.has(`70.${i}.2.9`)).toBe(false)
  })

  it('does not name a customer who tried two of their names, then reset the password and got in', () => {
    const pool = Array.from({ length: 12 }, (_, a) => [
      attempt(`99.${a}.19.81`, `victim${a * 2}@mail.example`, 401, a * 2),
      attempt(`99.${a}.19.81`, `victim${a * 2 + 1}@mail.example`, 401, a * 2 + 1),
    ]).flat()
    const holder = (ip: string, minute: number, path: string, status: number, body: string) =>
      req({ ip, method: 'POST', path, route: 'auth', status, time: T0 + minute * 60_000, body })
    const customer = [
      attempt('187.189.239.38', 'ramon.garcia@mail.example', 401, 3),
      attempt('187.189.239.38', '40117598', 401, 3.5),
      holder('187.189.239.38', 4, '/v1/auth/password/forgot', 202, '{"username":"40117598"}'),
      holder(
        '187.189.239.38',
        6,
        '/v1/auth/password/reset',
        204,
        '{"ticket":"prt_1","new_password":"*"}',
      ),
    ]
    const later = req({ ip: '81.2.250.1', path: '/v2/quotes', status: 200, time: T0 + 60 * 60_000 })
    const named = namedBy(
      createStuffingPoolDetector(),
      [...pool, ...customer, later].sort((a, b) => a.time - b.time),
    )
    expect(named.size).toBe(12)
    expect(named.has('187.189.239.38')).toBe(false)
  })

  it('does not name customers looking for their own login: two spellings of an e-mail, or a login and its session at once', () => {
    const pool = Array.from({ length: 12 }, (_, a) => [
      attempt(`99.${a}.19.81`, `victim${a * 2}@mail.example`, 401, a * 2),
      attempt(`99.${a}.19.81`, `victim${a * 2 + 1}@mail.example`, 401, a * 2 + 1),
    ]).flat()
    const page = (ip: string, minute: number, cookie: string) =>
      req({
        ip,
        path: '/api/v1/portfolio',
        status: 200,
        time: T0 + minute * 60_000,
        headers: [{ name: 'cookie', value: cookie }],
      })
    const customers = [
      // two spellings of one e-mail, then the phone number that works, and the session it opened
      attempt('154.113.47.164', 'bolaji_chukwu36@mail.example', 401, 3),
      attempt('154.113.47.164', 'bolaji.chukwu@mail.example', 401, 3.4),
      attempt('154.113.47.164', '08085168820', 200, 4),
      page('154.113.47.164', 4.1, 'mz_sid=caceb38834aa9f'),
      // an old e-mail, then the phone number, and the session at once
      attempt('102.219.181.153', 'dennis.maina@mail.example', 401, 5),
      attempt('102.219.181.153', '+254711147638', 200, 5.3),
      page('102.219.181.153', 5.4, 'mz_sid=62be358ac0b81c'),
      // a mistyped e-mail, then the national id, refused once and then right, and the session
      attempt('31.60.96.180', 'piotrlewandowski@mail.example', 401, 5.5),
      attempt('31.60.96.180', '60022578398', 401, 5.6),
      attempt('31.60.96.180', '600 225 783 98', 200, 5.7),
      page('31.60.96.180', 5.8, 'vbs_sid=glc31rlyX1q9'),
      // the phone number in three spellings, the third right
      attempt('23.94.157.202', '+48519299294', 401, 5.5),
      attempt('23.94.157.202', '519299294', 401, 5.6),
      attempt('23.94.157.202', '+48 519 299 294', 200, 5.7),
      page('23.94.157.202', 5.8, 'vbs_sid=FdhHEIHyvo2b'),
    ]
    // a pool member that gets in, looks at the account, and goes on failing other accounts
    const member = [
      attempt('196.210.122.94', 'boitumelo.j@mail.example', 200, 6),
      page('196.210.122.94', 6.2, 'tss_sid=a4367bf7891c'),
      attempt('196.210.122.94', 'jmolefe92@mail.example', 401, 8),
      attempt('196.210.122.94', 'reabetswe_du592@mail.example', 401, 9),
    ]
    const later = req({ ip: '81.2.250.1', path: '/v2/quotes', status: 200, time: T0 + 60 * 60_000 })
    const named = namedBy(
      createStuffingPoolDetector(),
      [...pool, ...customers, ...member, later].sort((a, b) => a.time - b.time),
    )
    expect(named.has('154.113.47.164')).toBe(false)
    expect(named.has('102.219.181.153')).toBe(false)
    expect(named.has('31.60.96.180')).toBe(false)
    expect(named.has('23.94.157.202')).toBe(false)
    expect(named.has('196.210.122.94')).toBe(true)
    expect(named.size).toBe(13)
  })

  it('finds a spray paced at a few logins an hour over three hours (slow form)', () => {
    // twelve residential addresses, each back every hour or so for another account; customers log in
    // meanwhile (a hundred good logins from their own addresses)
    const spray = Array.from({ length: 12 }, (_, a) =>
      [0, 1, 2].map((k) =>
        attempt(`86.${a}.40.7`, `victim${a * 3 + k}@mail.example`, 401, 7 + a * 13 + k * 71),
      ),
    ).flat()
    const customers = Array.from({ length: 100 }, (_, i) =>
      attempt(`81.2.${i}.9`, `cust${i}@mail.example`, 200, i * 1.9),
    )
    const later = req({
      ip: '81.2.250.1',
      path: '/v2/quotes',
      status: 200,
      time: T0 + 240 * 60_000,
    })
    const all = [...spray, ...customers, later].sort((a, b) => a.time - b.time)
    expect(namedBy(createStuffingPoolDetector(), all)).toEqual(new Set())
    const slow = namedBy(createStuffingPoolDetector(DEFAULT_SLOW_STUFFING_POOL), all)
    expect([...slow].sort()).toEqual([...new Set(spray.map((r) => r.ip))].sort())
    // the same spray among a busy day's 2,000 good logins is under a tenth of the route's logins
    const busy = Array.from({ length: 2000 }, (_, i) =>
      attempt(`81.3.${i % 250}.${1 + Math.floor(i / 250)}`, `c${i}@mail.example`, 200, i * 0.09),
    )
    const d = createStuffingPoolDetector(DEFAULT_SLOW_STUFFING_POOL)
    expect(
      run(
        d,
        [...spray, ...busy, later].sort((a, b) => a.time - b.time),
      ),
    ).toEqual([])
  })

  it('fires on many addresses that only fail logins, each for a few accounts, and names them all', () => {
    const pool = Array.from({ length: 10 }, (_, a) =>
      [0, 1].map((k) =>
        attempt(
          `77.${a}.9.${k + 1}`.replace(/\.\d+$/, '.1'),
          `user${a * 2 + k}@corp.example`,
          401,
          a * 2 + k,
        ),
      ),
    ).flat()
    const d = createStuffingPoolDetector()
    const named = new Set<string | null>()
    // each address is named once it has had ten minutes to show itself a customer: a later request settles it
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 40 * 60_000 })
    for (const r of [...pool, later]) {
      const x = d.observe(r)
      if (!x) continue
      expect(x.rule).toBe('behaviour.stuffing-pool')
      named.add((x.at ?? r).ip)
      for (const a of x.accomplices ?? []) named.add(a.ip)
    }
    expect(named.size).toBe(10)
    expect(named.has('81.2.200.1')).toBe(false)
  })

  it('does not name customers retrying their own password while a pool is at work, but names its hits', () => {
    const pool = Array.from({ length: 10 }, (_, a) =>
      [0, 1].map((k) => attempt(`77.${a}.9.1`, `user${a * 2 + k}@corp.example`, 401, a * 3 + k)),
    ).flat()
    // a pool address that tried two accounts and got into the second
    const hit = [
      attempt('77.50.9.1', 'user90@corp.example', 401, 31),
      attempt('77.50.9.1', 'user91@corp.example', 401, 32),
      attempt('77.50.9.1', 'user91@corp.example', 200, 32.5),
    ]
    // customers on new networks: the same account three times, then a reset or a login that works
    const customers = ['82.1.1.1', '82.1.1.2', '82.1.1.3'].flatMap((ip, c) => [
      attempt(ip, `cust${c}@home.example`, 401, 33 + c),
      attempt(ip, `cust${c}@home.example`, 401, 33.4 + c),
      attempt(ip, `cust${c}@home.example`, 401, 33.8 + c),
      c === 0
        ? req({
            ip,
            method: 'POST',
            path: '/v2/auth/password/reset-request',
            status: 202,
            time: T0 + (34.5 + c) * 60_000,
          })
        : attempt(ip, `cust${c}@home.example`, 200, 34.5 + c),
    ])
    // and one who mistypes once and gets it right a minute later
    const once = [
      attempt('82.1.1.9', 'cust9@home.example', 401, 36),
      attempt('82.1.1.9', 'cust9@home.example', 200, 37),
    ]
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 90 * 60_000 })
    const all = [...pool, ...hit, ...customers, ...once, later].sort((a, b) => a.time - b.time)
    const named = namedBy(createStuffingPoolDetector(), all)
    expect(named.has('77.50.9.1')).toBe(true)
    for (const ip of ['82.1.1.1', '82.1.1.2', '82.1.1.3', '82.1.1.9', '81.2.200.1'])
      expect(named.has(ip), ip).toBe(false)
    expect(named.size).toBe(11)
  })

  it("counts a pool's config reads under an app's shared key, once its users' sessions showed it one", () => {
    // Kong authenticates the app's key on every request: the config a bot loads carries the consumer
    const app = 'nuri-mts-android'
    const pool = Array.from({ length: 10 }, (_, a) => [
      req({
        ip: `77.${a}.9.1`,
        consumer: app,
        path: '/api/config',
        status: 200,
        time: T0 + a * 2 * 60_000,
      }),
      { ...attempt(`77.${a}.9.1`, `user${a * 2}@corp.example`, 401, a * 2 + 0.2), consumer: app },
      { ...attempt(`77.${a}.9.1`, `user${a * 2 + 1}@corp.example`, 401, a * 2 + 1), consumer: app },
    ]).flat()
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 40 * 60_000 })
    const all = [...pool, later]
    // not knowing the key for an app's, each read makes its address a regular
    expect(namedBy(createStuffingPoolDetector(), all).size).toBe(0)
    const appKeys = new AppKeys()
    appKeys.note(app)
    const d = createStuffingPoolDetector(DEFAULT_STUFFING_POOL, new Newcomers(1000, appKeys))
    expect(namedBy(d, all).size).toBe(10)
  })

  it("does not count a phone's owner retrying its PIN: the device is the account", () => {
    const pin = (ip: string, device: string, status: number, minute: number) =>
      req({
        ip,
        method: 'POST',
        path: '/api/v2/auth/pin/login',
        route: 'auth',
        status,
        time: T0 + minute * 60_000,
        body: `{"deviceId":"${device}","pin":"******","loginType":"SIMPLE_PIN"}`,
      })
    // a pool at work, and three owners failing their own phone's PIN four times each meanwhile
    const pool = Array.from({ length: 10 }, (_, a) =>
      [0, 1].map((k) => attempt(`77.${a}.9.1`, `user${a * 2 + k}@corp.example`, 401, a * 3 + k)),
    ).flat()
    const owners = [0, 1, 2].flatMap((a) =>
      [0, 1, 2, 3].map((k) => pin(`2001:e60:${a}::1`, `dev-${a}`, 401, 5 + a * 2 + k * 0.2)),
    )
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 60 * 60_000 })
    const named = namedBy(
      createStuffingPoolDetector(),
      [...pool, ...owners, later].sort((a, b) => a.time - b.time),
    )
    expect(named.size).toBe(10)
    for (const a of [0, 1, 2]) expect(named.has(`2001:e60:${a}::1`)).toBe(false)
  })

  it('names every exit of a pool of three hundred, one attempt each', () => {
    const pool = Array.from({ length: 300 }, (_, a) =>
      attempt(`77.${a >> 8}.${a & 255}.1`, `user${a}@corp.example`, 401, a * 0.08),
    )
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 60 * 60_000 })
    const named = namedBy(createStuffingPoolDetector(), [...pool, later])
    expect(named.size).toBeGreaterThanOrEqual(250)
  })

  it('counts a pool that loads the app like a browser before it posts a login', () => {
    // each exit fetches the public configuration first, then tries two accounts
    const pool = Array.from({ length: 10 }, (_, a) => [
      req({ ip: `77.${a}.9.1`, path: '/api/config', status: 200, time: T0 + a * 2 * 60_000 }),
      attempt(`77.${a}.9.1`, `user${a * 2}@corp.example`, 401, a * 2 + 0.2),
      attempt(`77.${a}.9.1`, `user${a * 2 + 1}@corp.example`, 401, a * 2 + 1),
    ]).flat()
    const later = req({ ip: '81.2.200.1', path: '/v2/quotes', status: 200, time: T0 + 40 * 60_000 })
    const named = namedBy(createStuffingPoolDetector(), [...pool, later])
    expect(named.size).toBe(10)
  })

  it('stays quiet on users who mistype and then log in, or who were already working', () => {
    const d = createStuffingPoolDetector()
    const office: RequestRecord[] = []
    for (let u = 0; u < 12; u++) {
      const ip = `81.2.${u}.4`
      office.push(attempt(ip, `u${u}@desk.example`, 401, u))
      office.push(attempt(ip, `u${u}@desk.example`, 200, u + 0.5))
    }
    // and failures from addresses already seen doing ordinary work
    for (let u = 0; u < 12; u++) {
      office.push(
        req({
          ip: `90.1.${u}.1`,
          path: '/v2/quotes',
          status: 200,
          consumer: `w${u}`,
          time: T0 + u * 60_000,
        }),
      )
      office.push(attempt(`90.1.${u}.1`, `w${u}@desk.example`, 401, u + 0.7))
    }
    expect(
      run(
        d,
        office.sort((a, b) => a.time - b.time),
      ),
    ).toEqual([])
  })

  it('stays quiet when the failures are a small share of a busy login route', () => {
    const d = createStuffingPoolDetector()
    const busy: RequestRecord[] = []
    for (let i = 0; i < 300; i++)
      busy.push(attempt(`100.1.${i >> 8}.${i & 255}`, `ok${i}`, 200, i * 0.08))
    for (let i = 0; i < 10; i++) busy.push(attempt(`100.9.0.${i}`, `typo${i}`, 401, i * 2.5))
    expect(
      run(
        d,
        busy.sort((a, b) => a.time - b.time),
      ),
    ).toEqual([])
  })
})

describe('a client held at the rate limiter for minutes', () => {
  it('fires on 429s spread under the one-minute threshold, not on a client backing off', () => {
    const d = createRateLimitedBurstDetector(
      DEFAULT_RATE_LIMITED_SUSTAINED,
      'behaviour.rate-limited-sustained',
    )
    // 8 minutes of 40 orders a minute against a limit of 30: 10 refused a minute
    const burst = Array.from({ length: 320 }, (_, i) =>
      req({ ip: '54.220.1.8', status: i % 4 === 3 ? 429 : 201, time: T0 + i * 1500 }),
    )
    const s = run(d, burst)
    expect(s.map((x) => x.rule)).toEqual(['behaviour.rate-limited-sustained'])
    expect(run(createRateLimitedBurstDetector(), burst)).toEqual([])
    // a client refused 10 times while backing off 1, 2, 4, 8, 16 s, among its usual traffic
    const backoff = [
      ...Array.from({ length: 60 }, (_, i) =>
        req({ ip: '10.1.1.1', status: 200, time: T0 + i * 5000 }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        req({ ip: '10.1.1.1', status: 429, time: T0 + 300_000 + 2 ** Math.min(i, 4) * 1000 * i }),
      ),
    ].sort((a, b) => a.time - b.time)
    expect(run(createRateLimitedBurstDetector(DEFAULT_RATE_LIMITED_SUSTAINED), backoff)).toEqual([])
  })
})

describe('slow enumeration (403 and 404, an hour)', () => {
  // ids walked every 20 s for 40 min: forbidden (someone else's) or not found, a few hits
  const walk = (ipOf: (i: number) => string, consumer: string | null) =>
    Array.from({ length: 120 }, (_, i) =>
      req({
        ip: ipOf(i),
        consumer,
        path: `/v2/trades/T-${100_000 + i * 7}`,
        status: i % 15 === 0 ? 200 : i % 3 === 0 ? 404 : 403,
        time: T0 + i * 20_000,
      }),
    )

  it('fires per address on ids answered 403 and 404 over an hour', () => {
    const s = run(
      createEnumerationDetector(DEFAULT_SLOW_ENUMERATION),
      walk(() => '198.51.100.9', 'c-1'),
    )
    expect(s.map((x) => x.rule)).toEqual(['behaviour.id-enumeration'])
    // the fast form sees no burst of 404s
    expect(
      run(
        createEnumerationDetector(),
        walk(() => '198.51.100.9', 'c-1'),
      ),
    ).toEqual([])
  })

  it('fires per consumer across its addresses and names each of them', () => {
    const ips = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']
    const reqs = walk((i) => ips[i % 4] as string, 'erp-connector')
    expect(run(createEnumerationDetector(DEFAULT_SLOW_ENUMERATION), reqs)).toEqual([])
    const d = createEnumerationDetector(DEFAULT_CONSUMER_ENUMERATION)
    const named = new Set<string | null>()
    let fired = 0
    for (const r of reqs) {
      const x = d.observe(r)
      if (!x) continue
      fired++
      named.add(r.ip)
      for (const a of x.accomplices ?? []) named.add(a.ip)
    }
    expect(fired).toBe(1)
    expect([...named].sort()).toEqual(ips)
  })

  it('stays quiet on a batch reading hundreds of trades with a few cancelled ones', () => {
    const reqs = Array.from({ length: 400 }, (_, i) =>
      req({
        ip: '10.40.2.20',
        consumer: 'recon',
        path: `/v2/trades/T-${i}`,
        status: i % 50 === 0 ? 404 : 200,
        time: T0 + i * 500,
      }),
    )
    expect(run(createEnumerationDetector(DEFAULT_SLOW_ENUMERATION), reqs)).toEqual([])
    expect(run(createEnumerationDetector(DEFAULT_CONSUMER_ENUMERATION), reqs)).toEqual([])
  })
})

describe('credential spread beyond bearer tokens', () => {
  it('fires when one API key is used from many addresses', () => {
    const d = createTokenSpreadDetector()
    const key = [{ name: 'apikey', value: 'ml-research-key-0123456789abcdef' }]
    const s = run(d, [
      // the research team's server, alone for an hour
      ...Array.from({ length: 60 }, (_, i) =>
        req({ ip: '198.18.40.2', time: T0 + i * 60_000, headers: key, consumer: 'ml-research' }),
      ),
      ...Array.from({ length: 8 }, (_, i) =>
        req({
          ip: `203.0.${113 + i}.${i + 10}`,
          time: T0 + 3_600_000 + i * 1000,
          headers: key,
          consumer: 'ml-research',
        }),
      ),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.accomplices).toHaveLength(3)
    expect(s[0]!.summary).toContain("consumer ml-research's API key")
    expect(JSON.stringify(s)).not.toContain('0123456789abcdef')
  })

  it('reads a consumer as its credentials when Kong logged them REDACTED, with an owner', () => {
    const auth = [{ name: 'authorization', value: 'REDACTED' }]
    // the owner works all morning from one address; then five new addresses use the session
    const owner = Array.from({ length: 40 }, (_, i) =>
      req({ ip: '212.97.1.30', consumer: 'h.lind', headers: auth, time: T0 + i * 60_000 }),
    )
    const thieves = Array.from({ length: 5 }, (_, i) =>
      req({
        ip: `196.51.${i}.9`,
        consumer: 'h.lind',
        headers: auth,
        time: T0 + 35 * 60_000 + i * 90_000,
      }),
    )
    const reqs = [...owner, ...thieves].sort((a, b) => a.time - b.time)
    const d = createTokenSpreadDetector()
    const named = new Set<string | null>()
    for (const r of reqs) {
      const x = d.observe(r)
      if (!x) continue
      named.add(r.ip)
      for (const a of x.accomplices ?? []) named.add(a.ip)
      expect(x.summary).toContain("consumer h.lind's credentials")
    }
    // every newcomer that arrived by then is named; the owner never is
    expect([...named].sort()).toEqual(
      thieves
        .slice(0, 4)
        .map((r) => r.ip)
        .sort(),
    )
  })

  it("reads an API client's identity used between its owner's hourly runs from new cloud hosts", () => {
    const auth = [{ name: 'authorization', value: 'REDACTED' }]
    const reqs: RequestRecord[] = []
    // the client's own batch, a burst at the top of every second hour
    for (let h = 0; h < 8; h += 2)
      for (let k = 0; k < 20; k++)
        reqs.push(
          req({
            ip: '52.68.143.12',
            consumer: 'api-data',
            headers: auth,
            time: T0 + h * 3_600_000 + k * 2000,
          }),
        )
    // its leaked secret, from six cloud hosts, each a request every 20-30 minutes
    const clouds = [
      '139.162.99.7',
      '18.179.203.5',
      '35.74.120.66',
      '13.231.47.18',
      '34.84.77.120',
      '20.210.33.71',
    ]
    clouds.forEach((ip, c) => {
      for (let t = 90 + 8 * c; t < 400; t += 20 + c * 2)
        reqs.push(req({ ip, consumer: 'api-data', headers: auth, time: T0 + t * 60_000 }))
    })
    reqs.sort((a, b) => a.time - b.time)
    const d = createTokenSpreadDetector()
    const named = new Set<string | null>()
    for (const r of reqs) {
      const x = d.observe(r)
      if (!x) continue
      named.add(r.ip)
      for (const a of x.accomplices ?? []) named.add(a.ip)
    }
    expect(named.has('52.68.143.12')).toBe(false)
    expect(named.size).toBeGreaterThanOrEqual(5)
  })

  it('does not read a consumer without an owner as a stolen session (an app, a rotating NAT)', () => {
    const auth = [{ name: 'authorization', value: 'REDACTED' }]
    const d = createTokenSpreadDetector()
    const s = run(
      d,
      Array.from({ length: 30 }, (_, i) =>
        req({ ip: `100.64.${i}.7`, consumer: 'web-app', headers: auth, time: T0 + i * 20_000 }),
      ),
    )
    expect(s).toEqual([])
    // nor pods of an internal service
    const pods = run(
      createTokenSpreadDetector(),
      Array.from({ length: 30 }, (_, i) =>
        req({ ip: `10.8.0.${i}`, consumer: 'risk-svc', headers: auth, time: T0 + i * 20_000 }),
      ),
    )
    expect(pods).toEqual([])
  })

  it("reads a consumer whose requests carry several people's sessions at once as an app's key", () => {
    // the app's key for every user at night: an owner at first, then four other users, each with the
    // session fingerprint a pre-function logs
    const as = (ip: string, session: string, minute: number) =>
      req({
        ip,
        consumer: 'nuri-mts-android',
        headers: [
          { name: 'authorization', value: 'REDACTED' },
          { name: 'x-session-fp', value: session },
        ],
        time: T0 + minute * 60_000,
      })
    const reqs = [
      ...Array.from({ length: 40 }, (_, i) => as('211.36.1.30', 'c45b88f0399b9eb8', i)),
      ...[
        '2001:2d8:25e0:1e9a::1',
        '2001:2d8:59c3:fc67::2',
        '2001:4430:7a0a::3',
        '13.125.183.86',
      ].map((ip, i) => as(ip, `92d89208bd6f5f${i}0`, 36 + i)),
    ]
    expect(run(createTokenSpreadDetector(), reqs)).toEqual([])
    // one stolen session used from the same new addresses is still a token spreading
    const stolen = [
      ...Array.from({ length: 40 }, (_, i) => as('211.36.1.30', 'c45b88f0399b9eb8', i)),
      ...['196.51.0.9', '196.51.1.9', '196.51.2.9', '196.51.3.9', '196.51.4.9'].map((ip, i) =>
        as(ip, 'c45b88f0399b9eb8', 36 + i),
      ),
    ]
    expect(run(createTokenSpreadDetector(), stolen).length).toBeGreaterThan(0)
  })

  it("learns an app's key from its users' own bearer tokens, not from one client's refreshed tokens", () => {
    // a JWT plugin maps every user's token to the app's consumer: four users' tokens at once, from four
    // networks
    const jwt = (n: number) =>
      `Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhcHAiLCJzdWIiOiJ1XzAwMCIsInNpZCI6IjAwMCJ9${n}.sig${n}xyz`
    const as = (ip: string, n: number, minute: number) =>
      req({
        ip,
        consumer: 'app-ipe-mobile',
        headers: [{ name: 'authorization', value: jwt(n) }],
        time: T0 + minute * 60_000,
      })
    const users = ['179.176.249.222', '189.74.82.169', '177.153.23.217', '201.7.185.33']
    const keys = new AppKeys()
    run(
      createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, null, keys),
      users.map((ip, i) => as(ip, i, i)),
    )
    expect(keys.has('app-ipe-mobile')).toBe(true)
    // one algo client's token refreshed every five minutes, from its one server
    const bot = new AppKeys()
    run(
      createTokenSpreadDetector(DEFAULT_TOKEN_SPREAD, null, bot),
      Array.from({ length: 8 }, (_, i) => as('52.28.14.9', i, i * 5)),
    )
    expect(bot.has('app-ipe-mobile')).toBe(false)
  })

  it('reads a console identity naming several agents at once as shared, not as a token spreading', () => {
    // a help-desk console's consumer: each agent's requests name the agent, from the contact centre,
    // the corporate VPN and two homes
    const agent = (ip: string, id: string, minute: number) =>
      req({
        ip,
        consumer: 'agent-console',
        headers: [
          { name: 'authorization', value: 'REDACTED' },
          { name: 'x-agent-id', value: id },
        ],
        time: T0 + minute * 60_000,
      })
    const reqs = [
      ...Array.from({ length: 40 }, (_, i) => agent('206.108.33.137', 'agt-2114', i)),
      ...['142.166.123.14', '184.145.87.112', '68.145.42.117', '70.54.9.224'].map((ip, i) =>
        agent(ip, `agt-22${i}1`, 41 + i),
      ),
    ]
    expect(run(createTokenSpreadDetector(), reqs)).toEqual([])
    // one agent's name seen from those addresses is still one credential spreading
    const one = reqs.map((r) =>
      r.headers.length === 0 ? r : agent(r.ip as string, 'agt-2114', (r.time - T0) / 60_000),
    )
    expect(run(createTokenSpreadDetector(), one).length).toBeGreaterThan(0)
  })

  it('reads an app consumer whose requests name several devices at once as shared', () => {
    // a mobile app's one consumer, the token redacted by the gateway: each installation sends its device
    // id, from carriers' NAT addresses
    const phone = (ip: string, device: string, minute: number) =>
      req({
        ip,
        consumer: 'mobile-app',
        headers: [
          { name: 'authorization', value: 'REDACTED' },
          { name: 'x-device-id', value: device },
        ],
        time: T0 + minute * 60_000,
      })
    const reqs = [
      ...Array.from({ length: 40 }, (_, i) => phone('102.0.12.193', '1748569238809367', i)),
      ...['41.90.181.196', '105.162.60.203', '102.89.7.10', '197.248.1.20'].map((ip, i) =>
        phone(ip, `20485${i}0931`, 41 + i),
      ),
    ]
    expect(run(createTokenSpreadDetector(), reqs)).toEqual([])
    // one device's requests from those addresses are still one credential spreading
    const one = reqs.map((r) => phone(r.ip as string, '1748569238809367', (r.time - T0) / 60_000))
    expect(run(createTokenSpreadDetector(), one).length).toBeGreaterThan(0)
  })

  it('tells apart two JWTs that share header and claims but not the signature', () => {
    const head = 'eyJhbGciOiJIUzI1NiJ9.' + 'eyJzdWIiOiJ0cmFkZXItNyJ9'.repeat(20)
    expect(tokenKey(`${head}.sigA-${'x'.repeat(40)}`)).not.toBe(
      tokenKey(`${head}.sigB-${'x'.repeat(40)}`),
    )
  })
})

describe('rate spikes per consumer and per route', () => {
  /** Minute m: `entity(m)` requests made by `make`, and a steady background of 100 other requests. */
  function minutes(
    count: number,
    perMinute: (m: number) => number,
    make: (k: number, time: number) => RequestRecord,
  ) {
    const out: RequestRecord[] = []
    for (let m = 0; m < count; m++) {
      const n = perMinute(m)
      for (let k = 0; k < n; k++) out.push(make(k, T0 + m * 60_000 + (k * 59_000) / n))
      for (let k = 0; k < 100; k++)
        out.push(
          req({
            ip: `10.20.${k}.1`,
            route: 'quotes',
            consumer: `desk-${k}`,
            time: T0 + m * 60_000 + k * 590,
          }),
        )
    }
    return out.sort((a, b) => a.time - b.time)
  }

  it('fires when a consumer is driven far harder than usual, from many addresses', () => {
    const d = createRateSpikeDetector(DEFAULT_CONSUMER_RATE_SPIKE, 'consumer')
    const s = run(
      d,
      minutes(
        41,
        (m) => (m < 40 ? 20 : 800),
        (k, time) =>
          req({ ip: `198.51.100.${k % 250}`, consumer: 'algo-3', route: 'orders', time }),
      ),
    )
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ rule: 'behaviour.consumer-rate-spike', scope: 'consumer' })
  })

  it('sees a route flood from many addresses none of which spikes alone', () => {
    const route = createRateSpikeDetector(DEFAULT_ROUTE_RATE_SPIKE, 'route')
    const perIp = createRateSpikeDetector()
    const reqs = minutes(
      41,
      (m) => (m < 40 ? 30 : 3000),
      (k, time) => req({ ip: `198.51.${k % 200}.${(k >> 8) + 1}`, route: 'orders', time }),
    )
    const s = run(route, reqs)
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ rule: 'behaviour.route-rate-spike', scope: 'route' })
    expect(run(perIp, reqs)).toEqual([])
  })

  it('does not let a flood excuse itself by lifting the whole gateway', () => {
    // One client usually sends half the gateway's traffic; a flood from it alone multiplies the gateway's
    // load too. Its allowance must follow the rest of the gateway (calm), not the total (lifted by it).
    const d = createRateSpikeDetector()
    const s = run(
      d,
      minutes(
        42,
        // A ramp: 700 in minute 40 stays under 8x its usual; minute 41 is the flood.
        (m) => (m < 40 ? 100 : m === 40 ? 700 : 1500),
        (_k, time) => req({ ip: '198.51.100.77', time }),
      ),
    )
    expect(s).toHaveLength(1)
  })

  it('stays quiet on a route when the whole desk gets busier together', () => {
    const d = createRateSpikeDetector(DEFAULT_ROUTE_RATE_SPIKE, 'route')
    const reqs: RequestRecord[] = []
    for (let m = 0; m < 45; m++) {
      const lift = m >= 40 ? 5 : 1
      for (let k = 0; k < 150 * lift; k++) {
        const time = T0 + m * 60_000 + (k * 59_000) / (150 * lift)
        reqs.push(req({ ip: `10.20.${k % 200}.2`, route: k % 3 === 0 ? 'orders' : 'quotes', time }))
      }
    }
    expect(run(d, reqs)).toEqual([])
  })
})

describe('findings about a route', () => {
  it('name the tipping line but no client address, so incidents group by the route', () => {
    const stage = createBehaviourStage()
    const findings = Array.from({ length: 80 }, (_, i) =>
      req({ ip: `198.51.100.${i}`, status: 503, time: T0 + i * 500 }),
    ).flatMap((r) => stage.observe('src', r))
    const burst = findings.filter((f) => f.rule === 'behaviour.server-error-burst')
    expect(burst).toHaveLength(1)
    expect(burst[0]).toMatchObject({ ip: null, consumer: null, route: 'quotes' })
    expect(burst[0]!.ref.line).not.toBeNull()
  })
})

describe('rate spike around the lunch break', () => {
  it('stays quiet when trading resumes and every client returns to its usual rate in the same minute', () => {
    // Tokyo halts trading for an hour at lunch: a busy algo client and the rest of the desk drop to a
    // trickle, then come back together. Nothing about that is an incident.
    const d = createRateSpikeDetector()
    const reqs: RequestRecord[] = []
    const phases = [
      { minutes: 40, client: 500, rest: 1000 },
      { minutes: 60, client: 10, rest: 20 },
      { minutes: 10, client: 500, rest: 1000 },
    ]
    let m = 0
    for (const p of phases)
      for (let i = 0; i < p.minutes; i++, m++) {
        for (let k = 0; k < p.client; k++)
          reqs.push(req({ ip: '10.30.0.9', time: T0 + m * 60_000 + (k * 59_000) / p.client }))
        for (let k = 0; k < p.rest; k++)
          reqs.push(
            req({ ip: `10.20.${k % 250}.3`, time: T0 + m * 60_000 + (k * 59_000) / p.rest }),
          )
      }
    reqs.sort((a, b) => a.time - b.time)
    expect(run(d, reqs)).toEqual([])
  })
})

describe('rate spike across days', () => {
  const DAY = 86_400_000
  /** `minutes` minutes from `start`, `perMinute` requests each from `ip`. */
  function burst(ip: string, start: number, minutes: number, perMinute: number) {
    const out: RequestRecord[] = []
    for (let m = 0; m < minutes; m++)
      for (let k = 0; k < perMinute; k++)
        out.push(req({ ip, time: start + m * 60_000 + (k * 59_000) / perMinute }))
    return out
  }
  const desk = (start: number, minutes: number) =>
    Array.from({ length: 1000 }, (_, k) => `10.20.${k % 250}.${k >> 8}`).flatMap((ip, k) =>
      k % 10 === 0 ? burst(ip, start, minutes, 10) : [],
    )

  it('stays quiet at the morning open after a night has decayed every baseline', () => {
    const d = createRateSpikeDetector()
    const open = T0 + 9 * 3_600_000
    // Yesterday the client and the desk were busy in the afternoon only, so the hour of the day knows
    // nothing about 09:00: only the rest of the desk waking up with it tells the open from a spike.
    const afternoon = open + 4 * 3_600_000
    const reqs = [
      ...burst('10.30.0.9', afternoon, 120, 500),
      ...desk(afternoon, 120),
      ...burst('10.30.0.9', open + DAY, 30, 500),
      ...desk(open + DAY, 30),
    ].sort((a, b) => a.time - b.time)
    expect(run(d, reqs)).toEqual([])
  })

  it("remembers a client's habit at its hour: a nightly job alone on the gateway is not a spike", () => {
    const d = createRateSpikeDetector()
    const six = T0 + 6 * 3_600_000
    const day = (n: number) => [
      // The desk during the day, so the gateway has a baseline.
      ...desk(six + n * DAY + 3 * 3_600_000, 60),
      // The job at 06:00, alone.
      ...burst('10.40.9.9', six + n * DAY, 40, 400),
    ]
    const reqs = [...day(0), ...day(1), ...day(2)].sort((a, b) => a.time - b.time)
    expect(run(d, reqs)).toEqual([])
    // The same job at ten times its habit is a spike.
    const flood = burst('10.40.9.9', six + 3 * DAY, 5, 4000)
    expect(run(d, flood)).toHaveLength(1)
  })

  it('keeps baselines and habits across a restart of the app', () => {
    const d = createRateSpikeDetector()
    const six = T0 + 6 * 3_600_000
    const day = (n: number) => [
      ...desk(six + n * DAY + 3 * 3_600_000, 60),
      ...burst('10.40.9.9', six + n * DAY, 40, 400),
    ]
    run(
      d,
      [...day(0), ...day(1), ...day(2)].sort((a, b) => a.time - b.time),
    )
    // A last, quiet request from the job's host after the desk's day closes its busy minutes.
    run(d, [req({ ip: '10.40.9.9', time: six + 2 * DAY + 5 * 3_600_000 })])
    const saved = JSON.parse(JSON.stringify(d.save!())) as {
      entities: [string, unknown, number, number, unknown][]
    }

    const restarted = createRateSpikeDetector()
    restarted.load!(saved)
    // Day 3 after a restart: the job at its habit is quiet, ten times its habit is a spike.
    expect(run(restarted, burst('10.40.9.9', six + 3 * DAY, 40, 400))).toEqual([])
    expect(run(restarted, burst('10.40.9.9', six + 3 * DAY + 40 * 60_000, 5, 4000))).toHaveLength(1)

    // What keeps the job quiet is the remembered habit: restored without it, the job is a spike.
    const forgetful = createRateSpikeDetector()
    forgetful.load!({
      ...saved,
      entities: saved.entities.map(([k, b, p, q]) => [k, b, p, q, null]),
    })
    expect(run(forgetful, burst('10.40.9.9', six + 3 * DAY, 40, 400))).toHaveLength(1)

    // A fresh detector has no baseline for the client: blind to the flood for its first half hour.
    expect(run(createRateSpikeDetector(), burst('10.40.9.9', six + 3 * DAY, 5, 4000))).toEqual([])
  })

  it('refuses saved state it did not write, learning nothing from it', () => {
    const d = createRateSpikeDetector()
    expect(() =>
      d.load!({ global: null, lastGlobalMinute: 0, entities: [['x', [1, 2]]] }),
    ).toThrow()
    expect(() => d.load!('{}')).toThrow()
    expect(d.size).toBe(0)
    const big = {
      global: null,
      lastGlobalMinute: 0,
      entities: Array.from({ length: 20_001 }, (_, i) => [`k${i}`, [0, 0, 0, 0, 0, 1], 0, 0, null]),
    }
    expect(() => d.load!(big)).toThrow()
  })

  it('saves a bounded number of entities, the ones with habits first', () => {
    const d = createRateSpikeDetector()
    // 30,000 one-off addresses and the nightly job.
    const reqs = [
      ...Array.from({ length: 30_000 }, (_, i) =>
        req({ ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, time: T0 + i * 100 }),
      ),
      ...burst('10.40.9.9', T0 + 6 * 3_600_000, 40, 400),
    ].sort((a, b) => a.time - b.time)
    run(d, reqs)
    // One more minute folds the job's last busy minute into its profile.
    run(d, [req({ ip: '10.40.9.9', time: T0 + 7 * 3_600_000 })])
    const saved = d.save!() as { entities: [string, unknown, number, number, unknown][] }
    expect(saved.entities.length).toBeLessThanOrEqual(20_000)
    expect(saved.entities[0]![0]).toBe('10.40.9.9')
    expect(saved.entities[0]![4]).not.toBeNull()
  })
})
