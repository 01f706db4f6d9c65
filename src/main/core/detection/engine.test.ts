import { describe, expect, it } from 'vitest'
import { createEngine, findingId } from './engine'
import { builtinRulesDir, readRuleSources } from './rule-pack'
import type { RawRecord } from '../sources/source'

const rules = readRuleSources(builtinRulesDir())

function line(n: number, uri: string, status = 200, ip = '198.51.100.5', body?: string): RawRecord {
  return {
    line: n,
    text: JSON.stringify({
      request: {
        id: `id-${n}`,
        uri,
        method: body ? 'POST' : 'GET',
        headers: { 'user-agent': 'okhttp/4.12' },
        ...(body ? { body } : {}),
      },
      response: { status, size: 100 },
      client_ip: ip,
      consumer: { username: 'trader1' },
      route: { name: 'quotes' },
      started_at: 1773097200000 + n * 1000,
    }),
  }
}

function batch(records: RawRecord[]) {
  return { sourceId: 'test', seq: 1, format: 'auto' as const, records, metrics: [], cursor: null }
}

describe('protocol probes in an nginx combined log', () => {
  it('names TLS, SSH and RDP spoken to the HTTP port, WebDAV methods and proxy requests', () => {
    const e = createEngine(rules)
    const at = '[06/Oct/2026:09:16:47 +0900]'
    const lines = [
      `198.51.100.7 - - ${at} "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xFC\\x03\\x03" 400 157 "-" "-"`,
      `198.51.100.8 - - ${at} "SSH-2.0-libssh_0.9" 400 157 "-" "-"`,
      `198.51.100.9 - - ${at} "\\x03\\x00\\x00+&\\xE0\\x00\\x00\\x00\\x00\\x00Cookie: mstshash=admin" 400 157 "-" "-"`,
      `198.51.100.10 - - ${at} "PROPFIND /webdav/ HTTP/1.1" 405 0 "-" "-"`,
      `198.51.100.11 - - ${at} "GET http://proxy-judge.example.org/ HTTP/1.1" 404 0 "-" "-"`,
      `10.1.2.3 - - ${at} "OPTIONS /api/v1/quotes HTTP/1.1" 204 0 "-" "okhttp/4.12"`,
    ]
    const out = e.process(batch(lines.map((text, i) => ({ line: i + 1, text }))))
    const probed = out.findings
      .filter((f) => f.rule === 'scanner.protocol-probe')
      .map((f) => f.ref.line)
    expect(probed.sort()).toEqual([1, 2, 3, 4, 5])
    e.dispose()
  })
})

describe('engine', () => {
  it('judges a repeated value per client side only where a rule depends on the side', () => {
    // The same internal URL, alternately from outside and from inside: the SSRF rule fires only for
    // the outside client, whatever was cached for the other side; the header carrying the same URL is
    // read by no side-dependent rule and makes no finding from either side.
    const e = createEngine(rules)
    const rec = (n: number, ip: string): RawRecord => ({
      line: n,
      text: JSON.stringify({
        request: {
          id: `side-${n}`,
          uri: '/api/v1/fetch?url=http://10.0.0.5/admin',
          method: 'GET',
          headers: { 'user-agent': 'curl/8.5.0', referer: 'http://10.0.0.5/admin' },
        },
        response: { status: 200 },
        client_ip: ip,
        started_at: 1773097200000 + n,
      }),
    })
    const out = e.process(
      batch([rec(1, '203.0.113.9'), rec(2, '10.1.2.3'), rec(3, '203.0.113.9'), rec(4, '10.1.2.3')]),
    )
    expect(out.findings.map((f) => `${f.ref.line} ${f.rule} ${f.field}`)).toEqual([
      '1 ssrf.internal-url query:url',
      '3 ssrf.internal-url query:url',
    ])
  })

  it('gives deterministic ids, one finding per record and rule, and stats', () => {
    const e = createEngine(rules)
    const recs = [
      line(1, '/api/v1/quotes?symbol=7203.T'),
      line(2, "/api/v1/quotes?a=1' or '1'='1&b=2' or 'x'='x"),
      { line: 3, text: 'garbage' },
    ]
    const r1 = e.process(batch(recs))
    const r2 = createEngine(rules).process(batch(recs))
    expect(r1.findings.map((f) => f.id)).toEqual(r2.findings.map((f) => f.id))
    const sqli = r1.findings.filter((f) => f.rule === 'sqli.token-sequence')
    expect(sqli).toHaveLength(1)
    expect(sqli[0]).toMatchObject({
      ref: { sourceId: 'test', recordId: 'id-2', line: 2 },
      ip: '198.51.100.5',
      category: 'sqli',
    })
    expect(sqli[0]?.id).toBe(findingId('test', 'id-2', 'sqli.token-sequence'))
    expect(r1.stats).toMatchObject({ records: 3, malformed: 1, byCategory: { sqli: 1 } })
    expect(r1.stats.malformedSamples[0]?.line).toBe(3)
    expect(r1.stats.perMinute.reduce((a, m) => a + m.requests, 0)).toBe(2)
    expect(r1.counters.find((c) => c.entityKind === 'consumer')?.requests).toBe(2)
    for (const f of r1.findings) {
      expect(f.evidence.length).toBeLessThanOrEqual(200)
      expect(f.confidence).toBeGreaterThan(0)
      expect(f.confidence).toBeLessThanOrEqual(1)
    }
  })

  it('finds brute force on the line that tips it, once per address while suppressed', () => {
    const e = createEngine(rules)
    const recs: RawRecord[] = []
    for (let i = 1; i <= 30; i++)
      recs.push(
        line(
          i,
          '/auth/login',
          401,
          '192.0.2.99',
          JSON.stringify({ username: 'desk01', password: '********' }),
        ),
      )
    for (let i = 31; i <= 33; i++)
      recs.push(
        line(
          i,
          '/auth/login',
          401,
          '10.20.1.5',
          JSON.stringify({ username: 'me', password: '********' }),
        ),
      )
    const { findings } = e.process(batch(recs))
    const bf = findings.filter((f) => f.kind === 'behaviour')
    expect(bf).toHaveLength(1)
    expect(bf[0]).toMatchObject({ category: 'bruteforce', ip: '192.0.2.99', ref: { line: 10 } })
  })

  it('stays quiet on a shared gateway where most logins succeed', () => {
    const e = createEngine(rules)
    const recs: RawRecord[] = []
    for (let i = 1; i <= 60; i++) {
      const status = i % 4 === 0 ? 401 : 200
      recs.push(
        line(
          i,
          '/auth/login',
          status,
          '10.9.0.10',
          JSON.stringify({ username: `user${i}`, password: '********' }),
        ),
      )
    }
    expect(e.process(batch(recs)).findings.filter((f) => f.kind === 'behaviour')).toEqual([])
  })

  it('calls many usernames from one address credential stuffing', () => {
    const e = createEngine(rules)
    const recs: RawRecord[] = []
    for (let i = 1; i <= 12; i++)
      recs.push(
        line(
          i,
          '/auth/token',
          401,
          '192.0.2.50',
          `grant_type=password&username=user${i}%40mail.example&password=********`,
        ),
      )
    const bf = e.process(batch(recs)).findings.filter((f) => f.kind === 'behaviour')
    expect(bf[0]?.category).toBe('credential-stuffing')
  })

  it('counts records cut short by the time budget', () => {
    const e = createEngine(rules, { recordBudgetMs: -1 })
    const { stats } = e.process(batch([line(1, '/x?q=1'), line(2, '/y?q=2')]))
    expect(stats.overBudget).toBe(2)
  })

  it('keeps the old rules when a reload is refused', () => {
    const e = createEngine(rules)
    const before = e.ruleCount
    expect(() => e.reload([{ file: 'bad.yaml', text: 'id: [' }])).toThrow(/bad\.yaml/)
    expect(e.ruleCount).toBe(before)
    expect(e.process(batch([line(1, '/x?q=<script>1</script>')])).findings.length).toBeGreaterThan(
      0,
    )
  })
})

describe('engine snapshot', () => {
  it('refuses a snapshot it did not write, and round-trips its own', () => {
    const a = createEngine(rules)
    const snap = a.snapshot()
    expect(JSON.parse(snap)).toMatchObject({ version: 2, sources: {} })
    const b = createEngine(rules)
    expect(() => b.restore(snap)).not.toThrow()
    expect(() => b.restore('{"version":99}')).toThrow(/unknown version/)
    expect(() => b.restore('{"version":2,"sources":{"s":{"detectors":{}}}}')).toThrow(/timeline s/)
  })

  it('flush closes open windows without inventing findings on quiet traffic', () => {
    const e = createEngine(rules)
    expect(e.flush('s')).toEqual([])
  })
})

describe('engine behaviour stage', () => {
  it('reports enumeration from the window detectors, naming the line that tipped it', () => {
    const e = createEngine(rules)
    const records: RawRecord[] = Array.from({ length: 30 }, (_, i) => ({
      line: i + 1,
      text: JSON.stringify({
        request: { id: `enum-${i}`, uri: `/api/v1/item-${i}`, method: 'GET', headers: {} },
        response: { status: 404 },
        client_ip: '198.51.100.31',
        started_at: 1773097203000 + i * 1000,
      }),
    }))
    const { findings } = e.process({
      sourceId: 's',
      seq: 1,
      format: 'kong',
      records,
      metrics: [],
      cursor: null,
    })
    const enumeration = findings.filter((f) => f.rule === 'behaviour.not-found-enumeration')
    expect(enumeration).toHaveLength(1)
    expect(enumeration[0]).toMatchObject({
      kind: 'behaviour',
      category: 'enumeration',
      ip: '198.51.100.31',
    })
    expect(enumeration[0]!.ref.line).toBe(20)
  })
})
