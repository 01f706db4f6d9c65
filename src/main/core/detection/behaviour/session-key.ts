// The session a request presents, as a hash: a bearer token the gateway logged readable, a session cookie,
// or a session header (`X-Session`, `x-dr-session`, `X-Auth-Token`, a pre-function's `x-session-fp`
// fingerprint). Detectors compare sessions, never keep them: one session moving with its holder from
// network to network, several sessions behind one consumer (an app's key every user shares).
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'

const SESSION_NAME =
  /(?:^|[-_])(?:session|sess|sid|token|auth)(?:[-_]?(?:id|fp|fingerprint|hash|key))?$/i
const CSRF_NAME = /csrf|xsrf/i
const MIN_SESSION_CHARS = 8
const BEARER = /^\s*bearer\s+(\S+)\s*$/i

// Whether each header name seen names a session: a request has a dozen headers, their names repeat.
const sessionNames = new Map<string, boolean>()

function namesSession(name: string): boolean {
  let v = sessionNames.get(name)
  if (v === undefined) {
    v = SESSION_NAME.test(name) && !CSRF_NAME.test(name)
    // Attackers can invent header names: past a few hundred, they are judged each time.
    if (sessionNames.size < 512) sessionNames.set(name, v)
  }
  return v
}

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
      const token = BEARER.exec(h.value)?.[1]
      if (token !== undefined && readable(token)) return fnv1a32(token) || 1
    } else if (h.name === 'cookie') {
      for (const pair of h.value.split(';')) {
        const eq = pair.indexOf('=')
        const name = pair.slice(0, eq).trim()
        const value = pair.slice(eq + 1).trim()
        if (eq > 0 && namesSession(name) && readable(value)) return fnv1a32(`${name}=${value}`) || 1
      }
    } else if (namesSession(h.name) && readable(h.value))
      return fnv1a32(`${h.name}=${h.value}`) || 1
  }
  return 0
}

/** A value long enough to tell sessions apart, and not masked by the gateway (`REDACTED`, `****`). */
function readable(value: string): boolean {
  return value.length >= MIN_SESSION_CHARS && !/^(?:redacted|\*+|x+)$/i.test(value)
}
