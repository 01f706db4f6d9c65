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

// Headers and cookies that carry a session or a token besides Authorization and API keys.
const SESSION_HEADER = /(?:^|[-_])(?:session|sess|sid|token)(?:[-_]?id)?$/

// Whether each header name seen carries a credential: a request has a dozen headers, their names repeat.
const credentialNames = new Map<string, boolean>()

function carriesCredential(name: string): boolean {
  let v = credentialNames.get(name)
  if (v === undefined) {
    v = name === 'authorization' || API_KEY_HEADERS.has(name) || SESSION_HEADER.test(name)
    // Attackers can invent header names: past a few hundred, they are judged each time.
    if (credentialNames.size < 512) credentialNames.set(name, v)
  }
  return v
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
