// A session presented again after its holder signed out, from another network. Signing out ends a
// session: the site forgets it and the browser or app drops its cookie or token. The same session back
// minutes later from somewhere else is a copy: a cookie lifted by an infostealer, a token read from a
// shared machine or a proxy's log, replayed while the thief hopes the site never really revoked it. A
// holder who signs in again gets a new session.
//
// A signed-out session (a 2xx answer to a sign-out that presented it) seen again within the hour from an
// address of another network (not the same /24, or /48 for IPv6), whether the site accepts it or not.
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import { windowText, type BehaviourDetector } from './behaviour-signal'

export interface SessionAfterLogoutOptions {
  /** How long after the sign-out a copy is looked for. */
  readonly windowMs: number
  readonly maxSessions: number
}

export const DEFAULT_SESSION_AFTER_LOGOUT: SessionAfterLogoutOptions = {
  windowMs: 3_600_000,
  maxSessions: 50_000,
}

// Signing out: /logout, /log-out, /signout, /sign-out, /logoff, a session ended or revoked.
const LOGOUT_PATH =
  /(?:^|[/_.-])(?:log-?out|sign-?out|log-?off|sessions?\/(?:end|revoke|terminate|current))(?:$|[/_.?-])/i

interface SignedOut {
  readonly time: number
  readonly network: string
  readonly ip: string
}

/** Creates the session-after-logout detector (per session). */
export function createSessionAfterLogoutDetector(
  opts = DEFAULT_SESSION_AFTER_LOGOUT,
): BehaviourDetector {
  const sessions = createBoundedMap<number, SignedOut>(opts.maxSessions)
  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      // (cheap tests first: most requests present a session that never signed out)
      const signingOut =
        (r.method === 'POST' || r.method === 'DELETE') &&
        r.status >= 200 &&
        r.status < 300 &&
        LOGOUT_PATH.test(r.path)
      if (!signingOut && sessions.size === 0) return null
      const key = sessionKey(r)
      if (key === 0) return null
      if (signingOut) {
        sessions.set(key, { time: r.time, network: networkOf(r.ip), ip: r.ip })
        return null
      }
      const out = sessions.get(key)
      if (out === undefined) return null
      if (r.time - out.time > opts.windowMs) {
        sessions.delete(key)
        return null
      }
      if (networkOf(r.ip) === out.network) return null
      sessions.delete(key)
      const minutes = Math.max(1, Math.round((r.time - out.time) / 60_000))
      return {
        category: 'other',
        rule: 'behaviour.session-after-logout',
        severity: 'high',
        confidence: 0.8,
        summary: `a session signed out from ${out.ip} presented again ${minutes} min later from ${r.ip} (${r.method} ${scrubSecrets(r.path).slice(0, 60)}, answered ${r.status}), within ${windowText(opts.windowMs)}: a copy of the session replayed`,
        details: { minutes },
      }
    },
  }
}
