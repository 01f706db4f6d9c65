// API keys as key-auth plugins read them: Kong's default key name (`apikey`, in a header or the query)
// and the header names other gateways and SDKs use. Kong does not redact them in its logs (it redacts
// only Authorization), so the brute-force and token-spread detectors can tell one key from another.
import type { RequestRecord } from './request-record'

export const API_KEY_HEADERS: ReadonlySet<string> = new Set([
  'apikey',
  'api-key',
  'x-api-key',
  'x-apikey',
])
const API_KEY_PARAMS: ReadonlySet<string> = new Set(['apikey', 'api_key', 'api-key'])

/** The API key the request presents (a header first, then the query), or null. */
export function presentedKey(r: RequestRecord): string | null {
  for (const h of r.headers) if (API_KEY_HEADERS.has(h.name) && h.value !== '') return h.value
  for (const q of r.query)
    if (API_KEY_PARAMS.has(q.name.toLowerCase()) && q.value !== '') return q.value
  return null
}

// Headers and cookies that carry a session: `X-Session`, `x-dr-session`, `X-Auth-Token`, `sid`, a
// pre-function's `x-session-fp` fingerprint, and the names frameworks and sites glue to a prefix
// (`JSESSIONID`, `PHPSESSID`, `connect.sid`, `wwsid`); not a CSRF token.
const SESSION_NAME =
  /(?:session|sess|sid)(?:[-_]?(?:id|fp|fingerprint|hash|key))?$|(?:^|[-_])(?:token|auth)(?:[-_]?(?:id|fp|fingerprint|hash|key))?$/i
const CSRF_NAME = /csrf|xsrf/i
// Whether each header name seen names a session: a request has a dozen headers, their names repeat.
const sessionNames = new Map<string, boolean>()

/** True when a header or cookie name names a session (`x-session`, `sid`, `x-session-fp`), not a CSRF token. */
export function namesSession(name: string): boolean {
  let v = sessionNames.get(name)
  if (v === undefined) {
    v = SESSION_NAME.test(name) && !CSRF_NAME.test(name)
    // Attackers can invent header names: past a few hundred, they are judged each time.
    if (sessionNames.size < 512) sessionNames.set(name, v)
  }
  return v
}

function carriesCredential(name: string): boolean {
  return name === 'authorization' || API_KEY_HEADERS.has(name) || namesSession(name)
}

/**
 * True when the request presents a credential: Authorization (even redacted), an API key, a session header
 * or cookie.
 */
export function presentsCredential(r: RequestRecord): boolean {
  for (const h of r.headers) {
    if (h.value !== '' && carriesCredential(h.name)) return true
    if (h.name === 'cookie' && /(?:^|;\s*)[\w-]*(?:sess|sid|token)[\w-]*=/i.test(h.value))
      return true
  }
  return presentedKey(r) !== null
}

/** Shortest credential after `Bearer ` that is treated as a token. */
export const MIN_TOKEN = 16

/** Where the token of a `Bearer <token>` value sits (scheme case-insensitive), or null. */
export function bearerSpan(value: string): { start: number; end: number } | null {
  let i = 0
  while (i < value.length && value.charCodeAt(i) <= 0x20) i++
  // 'bearer' compared with ASCII case folding, without a regex or a lower-cased copy.
  const scheme = 'bearer'
  if (value.length < i + scheme.length + 1 + MIN_TOKEN) return null
  for (let k = 0; k < scheme.length; k++)
    if ((value.charCodeAt(i + k) | 0x20) !== scheme.charCodeAt(k)) return null
  let start = i + scheme.length
  if (value.charCodeAt(start) > 0x20) return null
  while (start < value.length && value.charCodeAt(start) <= 0x20) start++
  // Tokens hold no spaces; the native search skips the (long) token in one step.
  const space = value.indexOf(' ', start)
  let end = space < 0 ? value.length : space
  while (end > start && value.charCodeAt(end - 1) <= 0x20) end--
  return end - start >= MIN_TOKEN ? { start, end } : null
}

/** The token of a `Bearer <token>` value, or null. */
export function bearerToken(value: string): string | null {
  const span = bearerSpan(value)
  return span ? value.slice(span.start, span.end) : null
}

// The `token` scheme some APIs use for a user's credential in place of `Bearer` (`Authorization: token
// api_key:access_token`, Django REST framework's `Token <key>`)
const TOKEN_SCHEME = /^\s*token\s+(\S{8,512})\s*$/i

/** The user's credential in an Authorization value: a `Bearer` token or a `token` scheme's, or null. */
export function authorizationToken(value: string): string | null {
  return bearerToken(value) ?? TOKEN_SCHEME.exec(value)?.[1] ?? null
}

// Headers that name the person a shared console or app acts for: the help-desk agent, the employee, the
// operator (`x-agent-id`, `X-User-Id`, `x-employee_id`). Not a credential: what the console says of who is
// at it.
const PERSON_HEADER = /^x-(?:agent|user|employee|operator|staff|adviser|advisor|dealer|rep)[-_]?id$/

/** The person a request names in a header of its console or app (`x-agent-id: agt-2114`), or null. */
export function namedPerson(r: RequestRecord): string | null {
  for (const h of r.headers) if (h.value !== '' && PERSON_HEADER.test(h.name)) return h.value
  return null
}

// Headers in which an app sends its installation's identifier with every request.
export const DEVICE_HEADERS: ReadonlySet<string> = new Set(['x-device-id', 'device-id', 'x-device'])

/** The device identifier an app sends in a header (`x-device-id`), at least 6 characters, or null. */
export function namedDevice(r: RequestRecord): string | null {
  for (const h of r.headers) if (DEVICE_HEADERS.has(h.name) && h.value.length >= 6) return h.value
  return null
}
