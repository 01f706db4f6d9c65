// Elastic Common Schema documents. Fields may be nested objects or flat dotted keys ("source.ip"), so
// every lookup tries both.
import { parseQuery, splitTarget } from './parse-query'
import { challengeScheme, headerList } from './normalize-kong'
import { malformed, num, pick, str, type Normalized } from './normalize-result'
import type { NamedValue } from './request-record'

function field(doc: unknown, dotted: string): unknown {
  const parts = dotted.split('.')
  const nested = pick(doc, ...parts)
  if (nested !== undefined) return nested
  return mixed(doc, parts, 0)
}

/**
 * A field written partly flat at any level: {"http.request.method": …}, {"http": {"request.method": …}},
 * {"http.request": {"method": …}}. Each level tries every run of the remaining names joined by dots as a
 * key (at most 2^(n-1) paths for n names; ECS names have two to four).
 */
function mixed(obj: unknown, parts: readonly string[], from: number): unknown {
  if (from === parts.length) return obj
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined
  const o = obj as Record<string, unknown>
  let key = ''
  for (let j = from; j < parts.length; j++) {
    key = j === from ? (parts[j] as string) : `${key}.${parts[j] as string}`
    if (!(key in o)) continue
    const v = mixed(o[key], parts, j + 1)
    if (v !== undefined) return v
  }
  return undefined
}

// ECS defines no field for the request's headers: pipelines keep them where they choose. The common places,
// in order; a document whose headers are nowhere of these loses only them (user agent and referrer have
// fields of their own).
const HEADER_FIELDS = [
  'http.request.headers',
  'kong.request.headers',
  'request.headers',
  'http.request.header',
  'headers',
]
/** The same places as their names, split once: flat header keys are looked for under each. */
const HEADER_FIELD_PARTS: readonly (readonly string[])[] = HEADER_FIELDS.map((f) => f.split('.'))

/**
 * The request's headers: the first of HEADER_FIELDS holding an object, and the headers a shipper wrote as
 * flat keys of their own (`"http.request.headers.x-api-version": …`, or `"headers.referer"` under an
 * `http.request` object), which no object lookup finds.
 */
function requestHeaders(doc: unknown): NamedValue[] {
  let out: NamedValue[] | null = null
  for (const f of HEADER_FIELDS) {
    const v = field(doc, f)
    if (v !== undefined && v !== null && typeof v === 'object') {
      out = headerList(v)
      break
    }
  }
  out ??= []
  const flat: Record<string, unknown> = {}
  let any = false
  for (const parts of HEADER_FIELD_PARTS) any = flatUnder(doc, parts, 0, flat) || any
  if (any) out.push(...headerList(flat))
  return out
}

/**
 * Collects into `out` the keys of `obj` that name a header under `parts` flat (the remaining names joined
 * by dots, then a dot and the header's name), at this level or under an object any run of the names
 * leads to. True when one was found.
 */
function flatUnder(
  obj: unknown,
  parts: readonly string[],
  from: number,
  out: Record<string, unknown>,
): boolean {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return false
  const o = obj as Record<string, unknown>
  const prefix = `${parts.slice(from).join('.')}.`
  let found = false
  for (const k in o) {
    if (k.length > prefix.length && k.startsWith(prefix)) {
      out[k.slice(prefix.length)] = o[k]
      found = true
    }
  }
  let key = ''
  for (let j = from; j < parts.length - 1; j++) {
    key = j === from ? (parts[j] as string) : `${key}.${parts[j] as string}`
    if (key in o) found = flatUnder(o[key], parts, j + 1, out) || found
  }
  return found
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
  const headers: NamedValue[] = requestHeaders(doc)
  const ua = str(field(doc, 'user_agent.original'))
  if (ua !== null && !headers.some((h) => h.name === 'user-agent')) {
    headers.push({ name: 'user-agent', value: ua })
  }
  const referrer = str(field(doc, 'http.request.referrer'))
  if (referrer !== null && !headers.some((h) => h.name === 'referer')) {
    headers.push({ name: 'referer', value: referrer })
  }
  // Pipelines keep the Host header as url.domain (and url.port), or only in url.original's authority;
  // rules that weigh a value against the site's own name need it back.
  if (!headers.some((h) => h.name === 'host')) {
    const domain =
      str(field(doc, 'url.domain')) ??
      (original !== null
        ? /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#:]+)/i.exec(original)?.[1]
        : null) ??
      null
    if (domain !== null && domain !== '') headers.push({ name: 'host', value: domain })
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
      ip:
        str(field(doc, 'client.ip')) ??
        str(field(doc, 'source.ip')) ??
        str(field(doc, 'client.address')) ??
        str(field(doc, 'source.address')),
      // ECS's user, else the consumer a Kong pipeline kept
      consumer:
        str(field(doc, 'user.name')) ??
        str(field(doc, 'user.id')) ??
        str(field(doc, 'kong.consumer.username')) ??
        str(field(doc, 'kong.consumer.id')),
      subject: null,
      route: str(field(doc, 'kong.route.name')) ?? null,
      service:
        str(field(doc, 'service.name')) ??
        str(field(doc, 'kong.service.name')) ??
        str(field(doc, 'destination.domain')),
      status: num(field(doc, 'http.response.status_code')),
      requestBytes: num(field(doc, 'http.request.bytes')),
      responseBytes: num(field(doc, 'http.response.bytes')),
      latencyMs: durationNs !== null ? durationNs / 1e6 : null,
      // Kong's own answer (a plugin refused the request), when the pipeline kept the log's `source`
      fromGateway: str(field(doc, 'kong.source')) === 'kong',
      authChallenge: challengeScheme(field(doc, 'http.response.headers.www-authenticate')),
    },
  }
}
