// Elastic Common Schema documents. Fields may be nested objects or flat dotted keys ("source.ip"), so
// every lookup tries both.
import { parseQuery, splitTarget } from './parse-query'
import { challengeScheme, headerList } from './normalize-kong'
import { malformed, num, pick, str, type Normalized } from './normalize-result'
import type { NamedValue } from './request-record'

function field(doc: unknown, dotted: string): unknown {
  const nested = pick(doc, ...dotted.split('.'))
  if (nested !== undefined) return nested
  if (doc === null || typeof doc !== 'object') return undefined
  const flat = (doc as Record<string, unknown>)[dotted]
  if (flat !== undefined) return flat
  // Partly flat: {"http": {"request.method": "GET"}}
  const parts = dotted.split('.')
  for (let i = 1; i < parts.length; i++) {
    const head = pick(doc, ...parts.slice(0, i))
    const rest = parts.slice(i).join('.')
    if (head !== null && typeof head === 'object' && rest in head) {
      return (head as Record<string, unknown>)[rest]
    }
  }
  return undefined
}

/** Normalises one parsed ECS document. */
export function normalizeEcs(doc: unknown, line: number): Normalized {
  let path: string
  let rawQuery: string
  const original = str(field(doc, 'url.original')) ?? str(field(doc, 'url.full'))
  if (original !== null) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(original)
    const target = m ? original.slice(m[0].length) || '/' : original
    ;({ path, rawQuery } = splitTarget(target))
  } else {
    const p = str(field(doc, 'url.path'))
    if (p === null) return malformed('ecs: no url.original or url.path')
    path = p
    rawQuery = str(field(doc, 'url.query')) ?? ''
  }
  const headers: NamedValue[] = headerList(field(doc, 'http.request.headers'))
  const ua = str(field(doc, 'user_agent.original'))
  if (ua !== null && !headers.some((h) => h.name === 'user-agent')) {
    headers.push({ name: 'user-agent', value: ua })
  }
  const referrer = str(field(doc, 'http.request.referrer'))
  if (referrer !== null && !headers.some((h) => h.name === 'referer')) {
    headers.push({ name: 'referer', value: referrer })
  }
  const ts = str(field(doc, '@timestamp'))
  const time = ts !== null ? Date.parse(ts) : NaN
  const durationNs = num(field(doc, 'event.duration'))
  return {
    ok: true,
    record: {
      line,
      recordId: str(field(doc, 'event.id')) ?? str(field(doc, '_id')) ?? `line:${line}`,
      time: Number.isFinite(time) ? time : 0,
      method: (str(field(doc, 'http.request.method')) ?? '').toUpperCase(),
      path,
      rawQuery,
      query: parseQuery(rawQuery),
      headers,
      body: str(field(doc, 'http.request.body.content')),
      ip: str(field(doc, 'client.ip')) ?? str(field(doc, 'source.ip')),
      consumer: str(field(doc, 'user.name')) ?? str(field(doc, 'user.id')),
      route: str(field(doc, 'kong.route.name')) ?? null,
      service: str(field(doc, 'service.name')) ?? str(field(doc, 'destination.domain')),
      status: num(field(doc, 'http.response.status_code')),
      requestBytes: num(field(doc, 'http.request.bytes')),
      responseBytes: num(field(doc, 'http.response.bytes')),
      latencyMs: durationNs !== null ? durationNs / 1e6 : null,
      fromGateway: false,
      authChallenge: challengeScheme(field(doc, 'http.response.headers.www-authenticate')),
    },
  }
}
