// The session a request presents, as a hash: a bearer (or `token`) credential the gateway logged
// readable, a session cookie, or a session header (`X-Session`, `x-dr-session`, `X-Auth-Token`, a
// pre-function's `x-session-fp` fingerprint). Detectors compare sessions, never keep them: one session
// moving with its holder from network to network, several sessions behind one consumer (an app's key
// every user shares).
import { authorizationToken, namesSession } from './api-key'
import { fnv1a32 } from './fnv'
import { parseCookies } from './parse-query'
import type { RequestRecord } from './request-record'

const MIN_SESSION_CHARS = 8

// Several detectors ask about the same request in turn: the last answer is kept for it.
let lastRecord: RequestRecord | null = null
let lastKey = 0

/** A hash of the session a request presents (0 when it shows none, or only redacted ones). */
export function sessionKey(r: RequestRecord): number {
  if (r !== lastRecord) {
    lastKey = readSessionKey(r)
    lastRecord = r
  }
  return lastKey
}

function readSessionKey(r: RequestRecord): number {
  for (const h of r.headers) {
    if (h.name === 'authorization') {
      const token = authorizationToken(h.value)
      if (token !== null && readable(token)) return fnv1a32(token) || 1
    } else if (h.name === 'cookie') {
      const session = sessionCookie(h.value)
      if (session !== null) return fnv1a32(session) || 1
    } else if (namesSession(h.name) && readable(h.value))
      return fnv1a32(`${h.name}=${h.value}`) || 1
  }
  return 0
}

/**
 * The first session cookie in a Cookie header as `name=value`, its value readable and at least
 * `minChars` long; null for none.
 */
export function sessionCookie(cookie: string, minChars = MIN_SESSION_CHARS): string | null {
  for (const { name, value } of parseCookies(cookie)) {
    const v = value.trim()
    if (name !== '' && v.length >= minChars && namesSession(name) && readable(v))
      return `${name}=${v}`
  }
  return null
}

/** A value long enough to tell sessions apart, and not masked by the gateway (`REDACTED`, `****`). */
export function readable(value: string): boolean {
  return value.length >= MIN_SESSION_CHARS && !/^(?:redacted|\*+|x+)$/i.test(value)
}
