// Renders one request as the object Kong 3.x's log serializer (kong.log.serialize) writes, and
// serialises it the way lua-cjson does, so the demo exercises the same parser as a real file-log.
import { type Consumer, GATEWAY_HOST, type RouteDef, WORKSPACE_ID, routeFor } from './platform'
import { type Rng, fnv1a } from './prng'

/** What a client sent and how it was answered, before Kong adds its bookkeeping. */
export interface RequestSpec {
  readonly method: string
  /** Raw path as sent, without the query. */
  readonly path: string
  /** Raw query as sent, without '?'; '' when there is none. */
  readonly rawQuery: string
  /** Lower-case names, without host (the gateway's own name is added). */
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly clientIp: string
  /** Set when Kong authenticated the request (JWT or key-auth). */
  readonly consumer: Consumer | null
  readonly status: number
  /** 'kong' when the gateway answered itself: unrouted 404, missing credentials 401, 429. */
  readonly answeredBy: 'upstream' | 'kong'
  /** Upstream time in ms; ignored when Kong answered. */
  readonly upstreamMs: number
  readonly responseBodyBytes: number
  readonly responseHeaders?: Readonly<Record<string, string>>
}

type QueryValue = string | true | (string | true)[]

/** A rendered Kong log object and when the request completed (log lines are in completion order). */
export interface RenderedEntry {
  readonly entry: Record<string, unknown>
  readonly endMs: number
}

/** Percent-decodes once, `+` as space; invalid UTF-8 becomes U+FFFD, as Kong's get_query() shows it. */
export function decodeComponent(raw: string): string {
  if (!raw.includes('%')) return raw.replaceAll('+', ' ')
  const bytes: number[] = []
  const text = raw.replaceAll('+', ' ')
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? ''
    const hex = text.slice(i + 1, i + 3)
    if (ch === '%' && /^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16))
      i += 2
    } else {
      for (const b of Buffer.from(ch, 'utf8')) bytes.push(b)
    }
  }
  return Buffer.from(bytes).toString('utf8')
}

/** The querystring object of Kong's log: a bare key is `true`, a repeated key an array. */
export function decodeQuery(raw: string): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {}
  if (raw === '') return out
  for (const part of raw.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq))
    const value: string | true = eq < 0 ? true : decodeComponent(part.slice(eq + 1))
    const prev = out[key]
    if (prev === undefined) out[key] = value
    else if (Array.isArray(prev)) prev.push(value)
    else out[key] = [prev, value]
  }
  return out
}

/** Compact JSON with `/` escaped as `\/`, as lua-cjson writes it (slashes appear only in strings). */
export function toCjson(value: unknown): string {
  return JSON.stringify(value).replaceAll('/', '\\/')
}

function headerBytes(headers: Readonly<Record<string, string>>): number {
  let n = 2
  for (const [k, v] of Object.entries(headers)) n += k.length + Buffer.byteLength(v) + 4
  return n
}

const upstreamPod = (r: RouteDef): string =>
  `10.40.${(fnv1a(r.service.name) % 6) + 1}.${(fnv1a(r.name) % 200) + 10}`

// toUTCString is slow next to everything else here, and the header changes once a second.
let dateCache = { second: Number.NaN, text: '' }
function httpDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== dateCache.second)
    dateCache = { second, text: new Date(second * 1000).toUTCString() }
  return dateCache.text
}

/** Builds Kong's log object for a request that started at `startedAt` (ms epoch). */
export function renderKongEntry(spec: RequestSpec, startedAt: number, rng: Rng): RenderedEntry {
  const route = routeFor(spec.path)
  const proxied = spec.answeredBy === 'upstream' && route !== null
  const uri = spec.rawQuery === '' ? spec.path : `${spec.path}?${spec.rawQuery}`
  const headers: Record<string, string> = { host: GATEWAY_HOST, ...spec.headers }
  const kong = rng.int(0, proxied ? 2 : 1)
  const proxy = proxied ? Math.max(1, Math.round(spec.upstreamMs)) : -1
  const receive = proxied ? rng.int(0, 1) : 0
  const total = kong + Math.max(proxy, 0) + receive + rng.int(0, 2)
  const endMs = startedAt + total

  const responseHeaders: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(spec.responseBodyBytes),
    connection: 'keep-alive',
    date: httpDate(endMs),
    ...spec.responseHeaders,
  }
  if (spec.status === 204 || spec.status === 304) delete responseHeaders['content-type']

  const request: Record<string, unknown> = {
    id: rng.hex(32),
    uri,
    url: `https://${GATEWAY_HOST}:443${uri}`,
    querystring: decodeQuery(spec.rawQuery),
    method: spec.method,
    headers,
    size:
      Buffer.byteLength(`${spec.method} ${uri} HTTP/1.1\r\n`) +
      headerBytes(headers) +
      (spec.body === undefined ? 0 : Buffer.byteLength(spec.body)),
    tls: { version: 'TLSv1.3', cipher: 'TLS_AES_128_GCM_SHA256', client_verify: 'NONE' },
  }
  // Not a Kong field: the gateway's file-log adds the raw body through custom_fields_by_lua.
  if (spec.body !== undefined) request['body'] = spec.body

  const entry: Record<string, unknown> = { request }
  if (route !== null) {
    const stripped = route.stripPath ? uri.slice((route.paths[0] ?? '').length) || '/' : uri
    entry['upstream_uri'] = proxied ? stripped : ''
  } else {
    entry['upstream_uri'] = ''
  }
  entry['upstream_status'] = proxied ? String(spec.status) : ''
  entry['response'] = {
    status: spec.status,
    headers: responseHeaders,
    size: headerBytes(responseHeaders) + 17 + spec.responseBodyBytes,
  }
  entry['latencies'] = { kong, proxy, request: total, receive }
  if (proxied) {
    entry['tries'] = [
      {
        balancer_start: startedAt + kong,
        ip: upstreamPod(route),
        port: route.service.port,
        balancer_latency: 0,
      },
    ]
  }
  if (route !== null) {
    entry['route'] = {
      id: route.id,
      name: route.name,
      paths: route.paths,
      protocols: ['https'],
      strip_path: route.stripPath,
      service: { id: route.service.id },
    }
    entry['service'] = { ...route.service }
  }
  if (spec.consumer !== null) {
    entry['consumer'] = { id: spec.consumer.id, username: spec.consumer.username }
    entry['authenticated_entity'] = {
      id: spec.consumer.credentialId,
      consumer_id: spec.consumer.id,
    }
  }
  entry['client_ip'] = spec.clientIp
  entry['started_at'] = startedAt
  entry['source'] = proxied ? 'upstream' : 'kong'
  entry['workspace'] = WORKSPACE_ID
  entry['workspace_name'] = 'default'
  return { entry, endMs }
}
