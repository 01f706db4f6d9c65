// The rule-case syntax (documented in resources/rules/README.md): a raw HTTP request as text.
//   line 1   METHOD TARGET [HTTP/x]       the target may contain spaces; it is taken as typed
//   then     Name: value                  headers, one per line
//            @client: 203.0.113.9         pseudo-header: the client address (default 198.51.100.20)
//            @status: 401                 pseudo-header: the response status (default 200)
//            @consumer: cust-33018275     pseudo-header: the consumer the gateway authenticated (none)
//   blank    then the body, verbatim
import { parseQuery, splitTarget } from './parse-query'
import type { NamedValue, RequestRecord } from './request-record'

/** Parses a rule case into a request record (line 1, time 0). */
export function parseRequestCase(text: string, line = 1, time = 0): RequestRecord {
  const normalized = text.replace(/\r\n/g, '\n')
  const blank = normalized.indexOf('\n\n')
  const head = blank >= 0 ? normalized.slice(0, blank) : normalized.replace(/\n+$/, '')
  const body = blank >= 0 ? normalized.slice(blank + 2) : null
  const [requestLine = '', ...headerLines] = head.split('\n')
  const m = /^([A-Z]+) (.*?)(?: (HTTP\/[0-9.]+))?$/.exec(requestLine)
  if (!m) throw new Error(`case does not start with "METHOD /target": ${requestLine.slice(0, 80)}`)
  const { path, rawQuery } = splitTarget(m[2] ?? '/')
  const headers: NamedValue[] = []
  let ip: string | null = '198.51.100.20'
  let status: number | null = 200
  let consumer: string | null = null
  for (const h of headerLines) {
    const colon = h.indexOf(':')
    if (colon <= 0) throw new Error(`case header line without a colon: ${h.slice(0, 80)}`)
    const name = h.slice(0, colon).trim().toLowerCase()
    const value = h.slice(colon + 1).replace(/^ /, '')
    if (name === '@client') ip = value.trim() || null
    else if (name === '@status') status = Number(value.trim())
    else if (name === '@consumer') consumer = value.trim() || null
    else headers.push({ name, value })
  }
  return {
    line,
    recordId: `case:${line}`,
    time,
    method: m[1] ?? 'GET',
    path,
    rawQuery,
    query: parseQuery(rawQuery),
    headers,
    body: body === '' ? null : body,
    ip,
    consumer,
    subject: null,
    route: null,
    service: null,
    status,
    requestBytes: text.length,
    responseBytes: null,
    latencyMs: null,
    fromGateway: false,
    authChallenge: null,
  }
}
