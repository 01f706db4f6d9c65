// nginx `combined` lines. nginx writes `"`, `\` and bytes outside 0x20..0x7E as \xHH; they are turned back
// into bytes and read as UTF-8 so the URI matches what the client sent.
import { parseQuery, splitTarget } from './parse-query'
import { malformed, type Normalized } from './normalize-result'

// Each alternative of the quoted-field groups starts with a different character, so matching is linear.
const COMBINED =
  /^(\S+) \S+ (\S+) \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
}

/** Parses `10/Mar/2026:08:00:03 +0900` to UTC epoch ms, NaN when it is not that shape. */
export function parseNginxTime(s: string): number {
  const m =
    /^(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?: ([+-])(\d{2})(\d{2}))?$/.exec(s)
  if (!m) return NaN
  const month = MONTHS[m[2] ?? '']
  if (month === undefined) return NaN
  const local = Date.UTC(
    Number(m[3]),
    month,
    Number(m[1]),
    Number(m[4]),
    Number(m[5]),
    Number(m[6]),
  )
  const offset = m[7] ? (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000 : 0
  return local - offset
}

const decoder = new TextDecoder('utf-8')

/** Undoes nginx's \xHH escaping (and `\"`, `\\` from other servers). */
export function unescapeNginx(s: string): string {
  if (!s.includes('\\')) return s
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x5c && s[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 2, i + 4))) {
      bytes.push(parseInt(s.slice(i + 2, i + 4), 16))
      i += 3
    } else if (c === 0x5c && (s[i + 1] === '"' || s[i + 1] === '\\')) {
      bytes.push(s.charCodeAt(i + 1))
      i += 1
    } else if (c < 0x80) {
      bytes.push(c)
    } else {
      for (const b of Buffer.from(s[i] ?? '', 'utf8')) bytes.push(b)
    }
  }
  return decoder.decode(new Uint8Array(bytes))
}

/** Normalises one nginx combined line. */
export function normalizeCombined(text: string, line: number): Normalized {
  const m = COMBINED.exec(text)
  if (!m) return malformed('combined: line does not match the combined format')
  const request = unescapeNginx(m[4] ?? '')
  const parts = /^([A-Z]{1,16}) (.*?)(?: (HTTP\/[0-9.]+))?$/s.exec(request)
  // A junk request line (binary, a bare payload) is kept as the path so detectors still see it.
  const method = parts ? (parts[1] ?? '') : ''
  const target = parts ? (parts[2] ?? '') : request
  const { path, rawQuery } = splitTarget(target)
  const headers = []
  const referer = m[7] !== undefined ? unescapeNginx(m[7]) : '-'
  const ua = m[8] !== undefined ? unescapeNginx(m[8]) : '-'
  if (referer !== '-') headers.push({ name: 'referer', value: referer })
  if (ua !== '-') headers.push({ name: 'user-agent', value: ua })
  const time = parseNginxTime(m[3] ?? '')
  const bytes = m[6] === '-' ? null : Number(m[6])
  return {
    ok: true,
    record: {
      line,
      recordId: `line:${line}`,
      time: Number.isFinite(time) ? time : 0,
      method,
      path,
      rawQuery,
      query: parseQuery(rawQuery),
      headers,
      body: null,
      ip: m[1] === '-' ? null : (m[1] ?? null),
      consumer: m[2] === '-' || m[2] === undefined ? null : m[2],
      subject: null,
      route: null,
      service: null,
      status: Number(m[5]),
      requestBytes: null,
      responseBytes: bytes,
      latencyMs: null,
      fromGateway: false,
      authChallenge: null,
    },
  }
}
