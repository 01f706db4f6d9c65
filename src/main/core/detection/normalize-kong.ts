// Kong's log-serializer object (file-log / http-log): request.uri is the raw target, headers are lower-case
// with arrays for repeats, `source: kong` means the gateway answered itself.
import { parseQuery, splitTarget } from './parse-query'
import { malformed, num, str, type Normalized } from './normalize-result'
import type { NamedValue } from './request-record'

/** Headers object → one entry per value (repeated headers arrive as arrays). */
export function headerList(obj: unknown): NamedValue[] {
  const out: NamedValue[] = []
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return out
  const o = obj as Record<string, unknown>
  for (const name of Object.keys(o)) {
    const v = o[name]
    const lname = name.toLowerCase()
    if (Array.isArray(v)) {
      for (const item of v) {
        const s = str(item)
        if (s !== null) out.push({ name: lname, value: s })
      }
    } else {
      const s = str(v)
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
  const uri = str(rq?.['uri']) ?? str(rq?.['url'])
  if (uri === null) return malformed('kong: request.uri missing')
  const target = uri.startsWith('http://') || uri.startsWith('https://') ? stripOrigin(uri) : uri
  const { path, rawQuery } = splitTarget(target)
  const body = rq?.['body']
  const consumer = objectOf(top?.['consumer'])
  const entity = objectOf(top?.['authenticated_entity'])
  const route = objectOf(top?.['route'])
  const service = objectOf(top?.['service'])
  const response = objectOf(top?.['response'])
  const latencies = objectOf(top?.['latencies'])
  return {
    ok: true,
    record: {
      line,
      recordId: str(rq?.['id']) ?? `line:${line}`,
      time: num(top?.['started_at']) ?? 0,
      method: (str(rq?.['method']) ?? '').toUpperCase(),
      path,
      rawQuery,
      query: parseQuery(rawQuery),
      headers: headerList(rq?.['headers']),
      body: typeof body === 'string' ? body : body == null ? null : JSON.stringify(body),
      ip: str(top?.['client_ip']),
      consumer:
        str(consumer?.['username']) ??
        str(consumer?.['custom_id']) ??
        str(consumer?.['id']) ??
        str(entity?.['consumer_id']),
      route: str(route?.['name']) ?? str(route?.['id']),
      service: str(service?.['name']) ?? str(service?.['id']),
      status: num(response?.['status']),
      requestBytes: num(rq?.['size']),
      responseBytes: num(response?.['size']),
      latencyMs: num(latencies?.['request']),
      fromGateway: str(top?.['source']) === 'kong',
    },
  }
}

function stripOrigin(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2)
  return slash < 0 ? '/' : url.slice(slash)
}
