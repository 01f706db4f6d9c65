// A stolen session heading for the money: a session (its cookie, session header or bearer token) used
// from one network goes on from another, and from there asks to set up a destination for money or to take
// money out, and is refused (403: a step-up the thief cannot pass, a cooling-off period for new devices, the
// risk engine). An infostealer's buyer replays the cookie from wherever they are, reads the balance and
// the saved payout accounts, adds one of their own, and withdraws; the site, seeing a new device, asks for
// a second factor the thief does not hold.
//
// What it is not:
// - the holder on the move: a phone leaving the home Wi-Fi keeps its session, and a payee it adds from the
//   train is asked for a step-up too. The holder passes it, the thief does not: a destination or a
//   withdrawal set up (2xx) by the session from the same network within the next minutes clears it, so
//   the finding waits for that time to pass (it is made on the first request of any client after it,
//   and names the refused request).
// - a session on one network all along, whatever it is refused: a holder's own limits.
// - a shared egress (a corporate proxy many accounts come from), where the holder's session moves within
//   the firm's addresses.
// Networks are client-address.ts networkOf (a /24, an IPv6 /48).
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import { isPrivateIp } from '../ssrf-target'
import {
  refOf,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { isFundingPath } from './money-paths'
import type { SharedEgress } from './shared-egress'

export interface MovedSessionOptions {
  /** A network is new to the session for this long after the session's first request from it. */
  readonly newNetworkMs: number
  /** A refusal is cleared by a funding request the session makes succeed within this long. */
  readonly graceMs: number
  readonly suppressMs: number
  readonly maxSessions: number
  /** Networks remembered per session. */
  readonly maxNetworks: number
}

export const DEFAULT_MOVED_SESSION: MovedSessionOptions = {
  newNetworkMs: 3 * 3_600_000,
  graceMs: 10 * 60_000,
  suppressMs: 3 * 3_600_000,
  maxSessions: 200_000,
  maxNetworks: 8,
}

interface Session {
  /** network → when the session was first used from it, oldest first */
  nets: Map<string, number>
  /** A refused funding request from a network the session moved to, waiting out the grace time. */
  pending: { ref: WindowRef; net: string; path: string; status: number } | null
  quietUntil: number
}

const CHANGE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH'])

/** Creates the moved-session-refused-funding detector. */
export function createMovedSessionDetector(
  opts = DEFAULT_MOVED_SESSION,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const sessions = createBoundedMap<number, Session>(opts.maxSessions)
  // Sessions with a refusal waiting out its grace time, oldest first (bounded: one entry per session).
  const waiting: number[] = []

  /** The oldest refusal whose grace time has passed by `now`, judged; null when none is due. */
  function due(now: number): BehaviourSignal | null {
    while (waiting.length > 0) {
      const s = sessions.get(waiting[0] as number)
      const p = s?.pending ?? null
      if (s === undefined || p === null) {
        waiting.shift() // cleared by the holder, or forgotten under a flood
        continue
      }
      if (now - p.ref.time < opts.graceMs) return null
      waiting.shift()
      return verdict(s, now)
    }
    return null
  }

  function verdict(s: Session, now: number): BehaviourSignal | null {
    const p = s.pending
    if (p === null) return null
    s.pending = null
    s.quietUntil = now + opts.suppressMs
    return {
      category: 'other',
      rule: 'behaviour.moved-session-refused-funding',
      severity: 'high',
      confidence: 0.75,
      summary: `a session first used elsewhere, on a network new to it, asked ${p.path} and was refused (${p.status}), and set up no funding since`,
      details: { status: p.status, networks: s.nets.size },
      // the finding is about the refused request: it names that line and its address
      at: p.ref,
    }
  }

  /** Notes the request's network for its session, and a refused funding request on a new one. */
  function note(r: RequestRecord): void {
    if (r.ip === null || r.status === null || isPrivateIp(r.ip)) return
    const key = sessionKey(r)
    if (key === 0) return
    const s = sessions.get(key)
    const net = networkOf(r.ip)
    if (!s) {
      sessions.set(key, { nets: new Map([[net, r.time]]), pending: null, quietUntil: 0 })
      return
    }
    if (!s.nets.has(net)) {
      s.nets.set(net, r.time)
      if (s.nets.size > opts.maxNetworks) s.nets.delete(s.nets.keys().next().value as string)
    }
    const funding = CHANGE_METHODS.has(r.method) && isFundingPath(r.path)
    if (!funding) return
    // The holder passing the step-up: a destination or a withdrawal set up from that network.
    if (s.pending !== null && r.status >= 200 && r.status < 300 && net === s.pending.net) {
      s.pending = null
      return
    }
    if (r.status !== 403 || r.time < s.quietUntil || s.pending !== null) return
    const first = s.nets.keys().next().value as string
    const since = s.nets.get(net) ?? r.time
    if (net === first || r.time - since > opts.newNetworkMs) return
    if (egress?.shared(r.ip)) return
    s.pending = {
      ref: refOf(r),
      net,
      path: `${r.method} ${scrubSecrets(r.path).slice(0, 60)}`,
      status: r.status,
    }
    if (waiting.length < opts.maxSessions) waiting.push(key)
  }

  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord) {
      // A refusal that came due is judged first; this request is read all the same.
      const ready = due(r.time)
      note(r)
      return ready
    },
  }
}
