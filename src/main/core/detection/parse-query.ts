// Query strings are split here from the raw text as sent: gateways and frameworks decode differently, and a
// pre-decoded form (Kong's querystring) has already lost what an evasion looked like.
import type { NamedValue } from './request-record'

const MAX_PARAMS = 512

/** Splits a raw query (no leading `?`) into raw name/value pairs; a bare key gets the value ''. */
export function parseQuery(raw: string): NamedValue[] {
  const out: NamedValue[] = []
  // Walks the `&`s with indexOf rather than split('&'): no array of parts is built per request.
  for (let start = 0; start <= raw.length && out.length < MAX_PARAMS;) {
    let end = raw.indexOf('&', start)
    if (end < 0) end = raw.length
    if (end > start) out.push(queryPair(raw, start, end))
    start = end + 1
  }
  return out
}

function queryPair(raw: string, start: number, end: number): NamedValue {
  const eq = raw.indexOf('=', start)
  return eq < 0 || eq >= end
    ? { name: raw.slice(start, end), value: '' }
    : { name: raw.slice(start, eq), value: raw.slice(eq + 1, end) }
}

/** Splits a request target into its raw path and raw query. */
export function splitTarget(target: string): { path: string; rawQuery: string } {
  // A raw `#` is kept: clients do not send fragments, so one in a logged target is part of the payload.
  const t = target
  const q = t.indexOf('?')
  return q < 0 ? { path: t, rawQuery: '' } : { path: t.slice(0, q), rawQuery: t.slice(q + 1) }
}

/** Splits a Cookie header into name/value pairs. */
export function parseCookies(header: string): NamedValue[] {
  const out: NamedValue[] = []
  for (const part of header.split(';')) {
    const p = part.trim()
    if (p === '') continue
    const eq = p.indexOf('=')
    out.push(
      eq < 0 ? { name: '', value: p } : { name: p.slice(0, eq).trim(), value: p.slice(eq + 1) },
    )
  }
  return out
}
