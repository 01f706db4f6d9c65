import { describe, expect, it } from 'vitest'
import { ATTACKERS, type CampaignKind } from './attack-campaigns'
import { createTrafficGenerator, DEFAULT_DEMO_SEED, generateKongLines } from './generate-traffic'
import { decodeQuery } from './kong-entry'
import { routeFor } from './platform'

interface KongLine {
  request: {
    id: string
    uri: string
    url: string
    querystring: Record<string, unknown>
    method: string
    headers: Record<string, string>
    size: number
    body?: string
  }
  upstream_uri: string
  upstream_status: string
  response: { status: number; headers: Record<string, string>; size: number }
  latencies: { kong: number; proxy: number; request: number; receive: number }
  route?: { id: string; name: string; paths: string[]; service: { id: string } }
  service?: { id: string; name: string; host: string; port: number; protocol: string }
  consumer?: { id: string; username: string }
  authenticated_entity?: { id: string; consumer_id: string }
  client_ip: string
  started_at: number
  source: 'upstream' | 'kong'
  workspace: string
}

const START = Date.UTC(2026, 10, 25, 0, 0, 0)
const lines = [...generateKongLines(8000, DEFAULT_DEMO_SEED, START)]
const parsed = lines.map((l) => JSON.parse(l) as KongLine)

const attackerKind = new Map<string, CampaignKind>(
  Object.entries(ATTACKERS).flatMap(([kind, ips]) => ips.map((ip) => [ip, kind as CampaignKind])),
)
const ofKind = (kind: CampaignKind): KongLine[] =>
  parsed.filter((l) => attackerKind.get(l.client_ip) === kind)
const decodeB64 = (part: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>

describe('generateKongLines', () => {
  it('yields the same lines for the same seed and other lines for another seed', () => {
    expect([...generateKongLines(1500, 11, START)]).toEqual([...generateKongLines(1500, 11, START)])
    expect([...generateKongLines(200, 12, START)]).not.toEqual([
      ...generateKongLines(200, 11, START),
    ])
    expect(lines).toHaveLength(8000)
  })

  it('writes lua-cjson style lines: compact, every slash escaped', () => {
    for (const text of lines) {
      expect(text).not.toContain('\n')
      expect(/(?<!\\)\//.test(text)).toBe(false)
    }
    expect(lines[0]).toContain('"uri":"\\/')
  })

  it('every line carries the Kong log-serializer fields', () => {
    for (const l of parsed) {
      expect(l.request.id).toMatch(/^[0-9a-f]{32}$/)
      expect(l.request.url).toBe(`https://api.hanami-trade.example:443${l.request.uri}`)
      expect(l.request.uri.startsWith('/')).toBe(true)
      expect(typeof l.request.method).toBe('string')
      expect(typeof l.request.size).toBe('number')
      for (const name of Object.keys(l.request.headers)) expect(name).toBe(name.toLowerCase())
      expect(l.request.headers['user-agent']).toBeTruthy()
      const q = l.request.uri.indexOf('?')
      expect(l.request.querystring).toEqual(decodeQuery(q < 0 ? '' : l.request.uri.slice(q + 1)))
      expect(typeof l.upstream_uri).toBe('string')
      expect(typeof l.response.status).toBe('number')
      expect(l.response.size).toBeGreaterThan(0)
      expect(Object.keys(l.latencies).sort()).toEqual(['kong', 'proxy', 'receive', 'request'])
      expect(l.client_ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/)
      expect(Number.isInteger(l.started_at)).toBe(true)
      expect(l.workspace).toMatch(/^[0-9a-f-]{36}$/)
      expect(l.consumer === undefined).toBe(l.authenticated_entity === undefined)
      if (l.source === 'kong') {
        expect(l.latencies.proxy).toBe(-1)
        expect(l.upstream_status).toBe('')
      } else {
        expect(l.upstream_status).toBe(String(l.response.status))
        expect(l.route?.service.id).toBe(l.service?.id)
      }
    }
  })

  it('writes lines in completion order, starting at startMs', () => {
    const ends = parsed.map((l) => l.started_at + l.latencies.request)
    for (let i = 1; i < ends.length; i++) expect(ends[i]).toBeGreaterThanOrEqual(ends[i - 1] ?? 0)
    expect(Math.min(...parsed.map((l) => l.started_at))).toBeGreaterThanOrEqual(START)
  })

  it('keeps the desk on 10/8 and attackers on documentation ranges', () => {
    for (const l of parsed) {
      if (!attackerKind.has(l.client_ip)) expect(l.client_ip.startsWith('10.')).toBe(true)
    }
  })

  it('looks like a trading desk: JWT consumers, algo agents, ML api keys, Japanese search text', () => {
    const jwt = parsed.find(
      (l) => l.consumer && l.request.headers['authorization']?.startsWith('Bearer '),
    )
    const [h, c] = (jwt?.request.headers['authorization'] ?? '').slice(7).split('.')
    expect(decodeB64(h ?? '')['alg']).toBe('ES256')
    expect(decodeB64(c ?? '')['sub']).toBe(jwt?.consumer?.id)
    const agents = new Set(parsed.map((l) => l.request.headers['user-agent']))
    for (const a of [
      'python-requests/2.32.3',
      'Go-http-client/2.0',
      'Python/3.12 aiohttp/3.10.10',
      'curl/8.5.0',
    ]) {
      expect(agents).toContain(a)
    }
    expect(
      parsed.some((l) => l.request.uri.startsWith('/ml/v1/predict') && l.request.headers['apikey']),
    ).toBe(true)
    const japanese = parsed.find((l) =>
      /[\u3040-\u30ff\u4e00-\u9fff\uff01-\uff5e]/.test(String(l.request.querystring['q'])),
    )
    expect(japanese?.request.uri).toMatch(/q=(%[0-9A-F]{2})+/)
    expect(
      parsed.some(
        (l) =>
          l.request.uri.startsWith('/health') &&
          l.request.headers['user-agent']?.startsWith('kube-probe'),
      ),
    ).toBe(true)
  })

  it('renews tokens, so a demo left running for hours never sends an expired one', () => {
    const slow = generateKongLines(12_000, 5, START, {
      ratePerSecond: 0.3,
      attackEverySeconds: 7200,
    })
    let last = 0
    for (const text of slow) {
      const l = JSON.parse(text) as KongLine
      const auth = l.request.headers['authorization']
      if (!auth?.startsWith('Bearer ')) continue
      const claims = decodeB64(auth.slice(7).split('.')[1] ?? '')
      // Kong's own 401s are the stale tokens; everything it let through carries a live one.
      const live = Number(claims['exp']) * 1000 > l.started_at
      expect(live).toBe(
        l.consumer !== undefined || l.response.status !== 401 || l.source !== 'kong',
      )
      expect(Number(claims['iat']) * 1000).toBeLessThanOrEqual(l.started_at)
      last = l.started_at
    }
    expect(last - START).toBeGreaterThan(10 * 3_600_000)
  })

  it('has believable status proportions and a long latency tail', () => {
    const count = (pred: (s: number) => boolean): number =>
      parsed.filter((l) => pred(l.response.status)).length
    expect(count((s) => s >= 200 && s < 300) / parsed.length).toBeGreaterThan(0.85)
    expect(count((s) => s >= 500) / parsed.length).toBeLessThan(0.02)
    for (const s of [200, 201, 204, 304, 401, 404, 429])
      expect(count((x) => x === s)).toBeGreaterThan(0)
    const proxied = parsed
      .map((l) => l.latencies.proxy)
      .filter((p) => p >= 0)
      .sort((a, b) => a - b)
    const median = proxied[Math.floor(proxied.length / 2)] ?? 0
    expect(proxied[proxied.length - 1]).toBeGreaterThan(median * 20)
  })
})

describe('attack campaigns', () => {
  it('starts within the first seconds of the stream', () => {
    expect(parsed.slice(0, 300).some((l) => attackerKind.has(l.client_ip))).toBe(true)
  })

  it('covers every campaign kind in the first minutes', () => {
    for (const kind of Object.keys(ATTACKERS) as CampaignKind[])
      expect(ofKind(kind).length).toBeGreaterThan(0)
  })

  it('injects SQL into query parameters', () => {
    const values = ofKind('sqli').flatMap((l) => Object.values(l.request.querystring).map(String))
    expect(values.some((v) => /union (all )?select/i.test(v))).toBe(true)
    expect(values.some((v) => /sleep|waitfor/i.test(v))).toBe(true)
    expect(values.some((v) => /'\s*or\s*'/i.test(v))).toBe(true)
  })

  it('plants XSS in a body field or a query parameter', () => {
    const xss = ofKind('xss')
    expect(xss.some((l) => /<|javascript:/i.test(l.request.body ?? ''))).toBe(true)
    expect(xss.some((l) => /<|javascript:/i.test(String(l.request.querystring['q'] ?? '')))).toBe(
      true,
    )
  })

  it('tries path traversal in the path and in a parameter', () => {
    const t = ofKind('traversal')
    expect(t.some((l) => /\.\.|%2e%2e|%c0%ae/i.test(l.request.uri.split('?')[0] ?? ''))).toBe(true)
    expect(
      t.some((l) =>
        Object.values(l.request.querystring).some((v) => /\.\.[/\\]|%2e%2e/i.test(String(v))),
      ),
    ).toBe(true)
  })

  it('runs a brute-force burst of failed logins from one address within two minutes', () => {
    const byIp = new Map<string, KongLine[]>()
    for (const l of ofKind('bruteforce'))
      byIp.set(l.client_ip, [...(byIp.get(l.client_ip) ?? []), l])
    const [, run] = [...byIp].sort((a, b) => b[1].length - a[1].length)[0] ?? []
    const fails = (run ?? []).filter(
      (l) =>
        l.request.method === 'POST' && l.request.uri === '/auth/login' && l.response.status === 401,
    )
    expect(fails.length).toBeGreaterThanOrEqual(25)
    const times = fails.map((l) => l.started_at)
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(120_000)
    expect(JSON.parse(fails[0]?.request.body ?? '{}')).toHaveProperty('password')
  })

  it('sends a scanner to paths Kong does not route', () => {
    const probes = ofKind('scanner')
    expect(probes.some((l) => l.request.uri === '/.env' || l.request.uri === '/.git/config')).toBe(
      true,
    )
    for (const l of probes) {
      expect(l.response.status).toBe(404)
      expect(l.source).toBe('kong')
      expect(l.route).toBeUndefined()
    }
  })

  it('tries Log4Shell in a header', () => {
    const l = ofKind('log4shell')[0]
    expect(Object.values(l?.request.headers ?? {}).some((v) => v.includes('${'))).toBe(true)
  })
})

describe('createTrafficGenerator', () => {
  it('gives the same lines whatever the step between advances', () => {
    const a = createTrafficGenerator({ startMs: START })
    const b = createTrafficGenerator({ startMs: START })
    const fine: string[] = []
    for (let t = START + 100; t <= START + 10_000; t += 100)
      fine.push(...a.advance(t).map((l) => l.text))
    expect(b.advance(START + 10_000).map((l) => l.text)).toEqual(fine)
  })

  it('skips a gap instead of replaying it', () => {
    const g = createTrafficGenerator({ startMs: START, ratePerSecond: 50 })
    g.advance(START + 1000)
    g.skipTo(START + 3_600_000)
    const burst = g.advance(START + 3_601_000)
    expect(burst.length).toBeLessThan(200)
  })
})

describe('decodeQuery', () => {
  it('decodes once, keeps bare keys and repeats, and shows invalid UTF-8 as U+FFFD', () => {
    expect(decodeQuery('a=1&a=2&b&c=%E3%83%88+x&d=%252e')).toEqual({
      a: ['1', '2'],
      b: true,
      c: 'ト x',
      d: '%2e',
    })
    expect(decodeQuery('p=%c0%ae')).toEqual({ p: '\ufffd\ufffd' })
  })
})

describe('routeFor', () => {
  it('routes on the normalised path, as Kong does', () => {
    expect(routeFor('/api/v1/orders/ORD-1')?.name).toBe('orders')
    expect(routeFor('/api/v1/ordersX')).toBeNull()
    expect(routeFor('/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/etc/shadow')).toBeNull()
    expect(routeFor('/static/../../../../etc/passwd')).toBeNull()
    expect(routeFor('/api/v1/watchlists/..%2f..%2fetc%2fpasswd')?.name).toBe('watchlists')
    expect(routeFor('/ml/v1/predict')?.name).toBe('ml-predict')
  })
})
