// Kong's log-serializer object (file-log / http-log): request.uri is the raw target, headers are lower-case
// with arrays for repeats, `source: kong` means the gateway answered itself.
import { parseQuery, splitTarget } from './parse-query'
import { malformed, num, pick, str, type Normalized } from './normalize-result'
import type { NamedValue } from './request-record'

/** Headers object → one entry per value (repeated headers arrive as arrays). */
export function headerList(obj: unknown): NamedValue[] {
  const out: NamedValue[] = []
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return out
  for (const [name, v] of Object.entries(obj as Record<string, unknown>)) {
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

/** Normalises one parsed Kong log object. */
export function normalizeKong(doc: unknown, line: number): Normalized {
  const req = pick(doc, 'request')
  if (req === null || typeof req !== 'object') return malformed('kong: no request object')
  const uri = str(pick(req, 'uri')) ?? str(pick(req, 'url'))
  if (uri === null) return malformed('kong: request.uri missing')
  const target = uri.startsWith('http://') || uri.startsWith('https://') ? stripOrigin(uri) : uri
  const { path, rawQuery } = splitTarget(target)
  const body = pick(req, 'body')
  const consumer = pick(doc, 'consumer')
  return {
    ok: true,
    record: {
      line,
      recordId: str(pick(req, 'id')) ?? `line:${line}`,
      time: num(pick(doc, 'started_at')) ?? 0,
      method: (str(pick(req, 'method')) ?? '').toUpperCase(),
      path,
      rawQuery,
      query: parseQuery(rawQuery),
      headers: headerList(pick(req, 'headers')),
      body: typeof body === 'string' ? body : body == null ? null : JSON.stringify(body),
      ip: str(pick(doc, 'client_ip')),
      consumer:
        str(pick(consumer, 'username')) ??
        str(pick(consumer, 'custom_id')) ??
        str(pick(consumer, 'id')) ??
        str(pick(doc, 'authenticated_entity', 'consumer_id')),
      route: str(pick(doc, 'route', 'name')) ?? str(pick(doc, 'route', 'id')),
      service: str(pick(doc, 'service', 'name')) ?? str(pick(doc, 'service', 'id')),
      status: num(pick(doc, 'response', 'status')),
      requestBytes: num(pick(req, 'size')),
      responseBytes: num(pick(doc, 'response', 'size')),
      latencyMs: num(pick(doc, 'latencies', 'request')),
      fromGateway: str(pick(doc, 'source')) === 'kong',
    },
  }
}

function stripOrigin(url: string): string {
  const slash = url.indexOf('/', url.indexOf('//') + 2)
  return slash < 0 ? '/' : url.slice(slash)
}
