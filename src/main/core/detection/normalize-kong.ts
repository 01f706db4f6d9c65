// Kong's log-serializer object (file-log / http-log): request.uri is the raw target, headers are lower-case
// with arrays for repeats, `source: kong` means the gateway answered itself.
import { parseQuery } from './parse-query'
import { malformed, num, str, type Normalized } from './normalize-result'
import type { NamedValue } from './request-record'

// Every line runs through here, so the helpers are read once into module constants: under tsx (the CLI,
// the bench, tests) each call of an imported function is a call of an export getter first, and about
// twenty reads per line made those getters a visible part of the profile.
const strOf = str
const numOf = num

// Header names repeat on every request and Kong already writes them in lower case; remembering the
// lower-cased form of each name costs one lookup on a string whose hash JSON.parse has already computed
// (keys are interned). Bounded: a full table is emptied, long names are not kept.
const MAX_NAMES = 1024
const MAX_NAME_CHARS = 128
const lowerNames = new Map<string, string>()

function lowerName(name: string): string {
  let lower = lowerNames.get(name)
  if (lower === undefined) {
    lower = name.toLowerCase()
    if (name.length <= MAX_NAME_CHARS) {
      if (lowerNames.size >= MAX_NAMES) lowerNames.clear()
      lowerNames.set(name, lower)
    }
  }
  return lower
}

/** Headers object → one entry per value (repeated headers arrive as arrays). */
export function headerList(obj: unknown): NamedValue[] {
  const out: NamedValue[] = []
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return out
  const o = obj as Record<string, unknown>
  // for-in rather than Object.keys: JSON.parse objects have no inherited enumerable keys, and no key
  // array is built per request.
  for (const name in o) {
    const v = o[name]
    const lname = lowerName(name)
    if (typeof v === 'string') out.push({ name: lname, value: v })
    else if (Array.isArray(v)) {
      for (const item of v) {
        const s = strOf(item)
        if (s !== null) out.push({ name: lname, value: s })
      }
    } else {
      const s = strOf(v)
      if (s !== null) out.push({ name: lname, value: s })
    }
  }
  return out
}

// One property of a JSON object, undefined when the value is no object (as `pick` reads it), without
// building a path array per read: the normaliser reads some twenty fields of every request.
function objectOf(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined
}

/** Normalises one parsed Kong log object. */
export function normalizeKong(doc: unknown, line: number): Normalized {
  const top = objectOf(doc)
  const req = top?.['request']
  if (req === null || typeof req !== 'object') return malformed('kong: no request object')
  const rq = objectOf(req)
  const uri = strOf(rq?.['uri']) ?? strOf(rq?.['url'])
  if (uri === null) return malformed('kong: request.uri missing')
  // Kong writes the origin-form target (`/path?query`); an absolute URL is the rare case.
  const target = uri.charCodeAt(0) !== 0x2f && /^https?:\/\//.test(uri) ? stripOrigin(uri) : uri
  const q = target.indexOf('?')
  const path = q < 0 ? target : target.slice(0, q)
  // Kong writes the query in request.uri; a serializer set up to log the path alone still has the parsed
  // arguments in request.querystring, and those are read rather than lost.
  const rawQuery = q < 0 ? queryFromArgs(rq?.['querystring']) : target.slice(q + 1)
  const body = rq?.['body']
  const consumer = objectOf(top?.['consumer'])
  const entity = objectOf(top?.['authenticated_entity'])
  const route = objectOf(top?.['route'])
  const service = objectOf(top?.['service'])
  const response = objectOf(top?.['response'])
  const latencies = objectOf(top?.['latencies'])
  const method = strOf(rq?.['method']) ?? ''
  return {
    ok: true,
    record: {
      line,
      recordId: strOf(rq?.['id']) ?? `line:${line}`,
      time: timeOf(top),
      method: upperMethod(method),
      path,
      rawQuery,
      query: parseQuery(rawQuery),
      headers: headerList(rq?.['headers']),
      body: typeof body === 'string' ? body : body == null ? null : JSON.stringify(body),
      ip: strOf(top?.['client_ip']),
      consumer:
        strOf(consumer?.['username']) ??
        strOf(consumer?.['custom_id']) ??
        strOf(consumer?.['id']) ??
        strOf(entity?.['consumer_id']),
      // the credential an authentication plugin vouched for, when it mapped no consumer
      subject:
        consumer === undefined && strOf(entity?.['consumer_id']) === null
          ? strOf(entity?.['id'])
          : null,
      consumerCustomId: strOf(consumer?.['custom_id']),
      route: strOf(route?.['name']) ?? strOf(route?.['id']),
      service: strOf(service?.['name']) ?? strOf(service?.['id']),
      status: numOf(response?.['status']),
      requestBytes: numOf(rq?.['size']),
      responseBytes: numOf(response?.['size']),
      latencyMs: numOf(latencies?.['request']),
      fromGateway: strOf(top?.['source']) === 'kong',
      authChallenge:
        numOf(response?.['status']) === 401
          ? challengeScheme(objectOf(response?.['headers'])?.['www-authenticate'])
          : null,
    },
  }
}

/**
 * The scheme of a WWW-Authenticate challenge (the first one when the header repeats), lower case, or null.
 * Only 401s carry one, so the normaliser reads it only for them.
 */
export function challengeScheme(v: unknown): string | null {
  const first = Array.isArray(v) ? (v as unknown[])[0] : v
  if (typeof first !== 'string') return null
  const m = /^\s*([A-Za-z][\w.-]{0,31})/.exec(first)
  return m?.[1] ? m[1].toLowerCase() : null
}

/**
 * started_at in epoch milliseconds, as Kong writes it. A serializer or shipper that rewrote it in seconds
 * (a number from 1e9 to 1e11: as milliseconds that would be 1970 to 1973) or as an ISO 8601 string is
 * read as such, and a line without it falls back to `@timestamp` (added by Logstash or an Elasticsearch
 * ingest pipeline). 0 when none of them can be read.
 */
function timeOf(top: Record<string, unknown> | undefined): number {
  const raw = top?.['started_at']
  const n = typeof raw === 'number' ? (Number.isFinite(raw) ? raw : null) : numOf(raw)
  if (n !== null) return n >= 1e9 && n < 1e11 ? Math.round(n * 1000) : n
  for (const v of [raw, top?.['@timestamp']]) {
    if (typeof v === 'string') {
      const t = Date.parse(v)
      if (Number.isFinite(t)) return t
    }
  }
  return 0
}

/**
 * request.querystring (name → value, `true` for a bare flag, an array for a repeated name) back into a
 * query string. The values are already decoded, so the characters that would change how the string splits
 * or decodes (`&`, `+`, `%`, `#`, and `=` in a name) are percent-encoded again: a decoded payload such as
 * `1' or 'a'='a'&x` stays one value instead of being cut in two at its `&`. The detectors decode anyway.
 */
function queryFromArgs(args: unknown): string {
  const o = objectOf(args)
  if (!o) return ''
  const parts: string[] = []
  for (const name in o) {
    const v = o[name]
    for (const item of Array.isArray(v) ? v : [v]) {
      if (parts.length >= 200) break
      if (item === true) parts.push(escapeQueryPart(name, NAME_SPECIAL))
      else if (typeof item === 'string' || typeof item === 'number')
        parts.push(
          `${escapeQueryPart(name, NAME_SPECIAL)}=${escapeQueryPart(String(item), VALUE_SPECIAL)}`,
        )
    }
  }
  return parts.join('&')
}

const NAME_SPECIAL = /[%&+#=]/g
const VALUE_SPECIAL = /[%&+#]/g
const ESCAPED: Readonly<Record<string, string>> = {
  '%': '%25',
  '&': '%26',
  '+': '%2B',
  '#': '%23',
  '=': '%3D',
}

function escapeQueryPart(s: string, special: RegExp): string {
  return s.replace(special, (c) => ESCAPED[c] ?? c)
}

// Methods are nearly always one of these, already in upper case.
const COMMON_METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])

function upperMethod(m: string): string {
  return COMMON_METHODS.has(m) ? m : m.toUpperCase()
}

function stripOrigin(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2)
  return slash < 0 ? '/' : url.slice(slash)
}
