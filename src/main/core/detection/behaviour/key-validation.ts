// Leaked credentials being sorted: one host presenting API key after key, or token after token, or session
// after session (an infostealer's haul), most refused, the few that work each opening another customer's
// account. A dump is validated this way before the good ones are sold or used. The gateway logs the
// credentials redacted, so they cannot be told apart by value (the brute-force detector counts one
// redacted key once); what tells is the answers: many refusals, and the credentials Kong recognised
// belonging to several consumers (accepted, or refused by the service after Kong named the consumer: a
// live key without the right to the route, a token the service revoked). A client whose own key was
// revoked is refused again and again but never shows three different customers; a tool acting for many
// users, or a carrier NAT of many customers, is refused far less often than once per customer it was
// accepted as.
//
// The host is client-address.ts hostOf: an IPv6 /64 is one machine's (a rented server rotates through
// its /64 address by address), an IPv4 address one address. Every address of the host that took part is
// named.
import { presentedKey, presentsCredential } from '../api-key'
import { createBoundedMap } from '../bounded-map'
import { hostOf } from '../client-address'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  refOf,
  refTime,
  touchRecent,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { sessionKey } from '../session-key'

export interface KeyValidationOptions {
  readonly windowMs: number
  /** Refused presentations of a credential in the window… */
  readonly refused: number
  /** …credentials recognised as at least this many distinct consumers… */
  readonly consumers: number
  /** …and refusals at least this many times the consumers accepted. */
  readonly refusedRatio: number
  readonly suppressMs: number
  readonly maxHosts: number
}

export const DEFAULT_KEY_VALIDATION: KeyValidationOptions = {
  windowMs: 2 * 3_600_000,
  refused: 20,
  consumers: 3,
  refusedRatio: 3,
  suppressMs: 2 * 3_600_000,
  maxHosts: 50_000,
}

/** Addresses of one host named at most (a /64 has more than anyone can list). */
const MAX_NAMED = 256
/** Events kept per host: enough for the thresholds, bounded under a flood. */
const MAX_EVENTS = 2_048

/** A refusal or an acceptance: when, the consumer Kong named (null: none), whether it was accepted. */
type KeyEvent = [time: number, consumer: string | null, accepted: boolean]

interface Host {
  /** Refusals and acceptances in the window, oldest first. */
  events: KeyEvent[]
  /** The window's consumers: consumer → [events naming it, of which accepted]. */
  consumers: Map<string, [number, number]>
  /** How many of those consumers were accepted at least once. */
  acceptedConsumers: number
  refused: number
  /** Sessions refused in the window (each counts once), emptied when the window empties. */
  refusedSessions: Set<number>
  /** Address → a request of it in the window, to name it (the newest last). */
  refs: Map<string, WindowRef>
  quietUntil: number
  /** The addresses named since the host was last reported (null before). */
  named: Set<string> | null
}

/** Creates the leaked-credential validation detector (per host). */
export function createKeyValidationDetector(opts = DEFAULT_KEY_VALIDATION): BehaviourDetector {
  const hosts = createBoundedMap<string, Host>(opts.maxHosts)
  return {
    get size() {
      return hosts.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      const refused = r.status === 401 || r.status === 403
      const accepted = r.status >= 200 && r.status < 300 && r.consumer !== null && r.consumer !== ''
      if (!refused && !accepted) return null
      // Only a host that was refused a key is followed: most accepted requests stop at the lookup.
      const key = hostOf(r.ip)
      let h = hosts.get(key)
      if (!h && !refused) return null
      if (!presentsCredential(r)) return null
      // A refusal counts when it can be told from a client's own stale credential asked again and
      // again: an API key (as keys are sorted; a revoked one is never accepted as three customers), a
      // consumer Kong named, or a session the gateway logged readable, each session once. A browser's
      // expired session behind a redacted Authorization, polled all night in an office of colleagues,
      // tells nothing and is not counted.
      let session = 0
      if (refused && presentedKey(r) === null && (r.consumer === null || r.consumer === '')) {
        session = sessionKey(r)
        if (session === 0 || h?.refusedSessions.has(session)) return null
      }
      if (!h) {
        h = {
          events: [],
          consumers: new Map(),
          acceptedConsumers: 0,
          refused: 0,
          refusedSessions: new Set(),
          refs: new Map(),
          quietUntil: 0,
          named: null,
        }
        hosts.set(key, h)
      }
      const cutoff = r.time - opts.windowMs
      while (
        h.events.length > 0 &&
        ((h.events[0] as KeyEvent)[0] < cutoff || h.events.length >= MAX_EVENTS)
      ) {
        const [, c, wasAccepted] = h.events.shift() as KeyEvent
        if (!wasAccepted) h.refused--
        if (c !== null) forget(h, c, wasAccepted)
      }
      if (h.events.length === 0) h.refusedSessions.clear()
      // (bounded: a host refused more sessions than the window holds events keeps only the newest)
      if (h.refusedSessions.size > MAX_EVENTS) h.refusedSessions.clear()
      if (session !== 0) h.refusedSessions.add(session)
      const consumer = r.consumer === '' ? null : r.consumer
      h.events.push([r.time, consumer, accepted])
      if (consumer !== null) remember(h, consumer, accepted)
      if (refused) h.refused++
      touchRecent(h.refs, r.ip, refOf(r), cutoff, MAX_NAMED, refTime)
      if (r.time < h.quietUntil) {
        // Still being sorted: an address of the host joining now is named too, once.
        if (h.named === null || h.named.has(r.ip) || h.named.size >= MAX_NAMED) return null
        h.named.add(r.ip)
        return signalOf(h, opts, [])
      }
      if (h.refused < opts.refused) return null
      if (h.consumers.size < opts.consumers || h.refused < opts.refusedRatio * h.acceptedConsumers)
        return null
      h.quietUntil = r.time + opts.suppressMs
      h.named = new Set(h.refs.keys())
      return signalOf(
        h,
        opts,
        [...h.refs.values()].filter((ref) => ref.ip !== r.ip),
      )
    },
  }
}

/** Counts an event of a consumer into the host's window. */
function remember(h: Host, consumer: string, accepted: boolean): void {
  const n = h.consumers.get(consumer)
  if (n === undefined) {
    h.consumers.set(consumer, [1, accepted ? 1 : 0])
    if (accepted) h.acceptedConsumers++
    return
  }
  n[0]++
  if (accepted && n[1]++ === 0) h.acceptedConsumers++
}

/** Takes an event of a consumer out of the host's window. */
function forget(h: Host, consumer: string, accepted: boolean): void {
  const n = h.consumers.get(consumer)
  if (n === undefined) return
  if (accepted && --n[1] === 0) h.acceptedConsumers--
  if (--n[0] === 0) h.consumers.delete(consumer)
}

function signalOf(h: Host, opts: KeyValidationOptions, accomplices: WindowRef[]): BehaviourSignal {
  return {
    category: 'credential-stuffing',
    rule: 'behaviour.key-validation',
    severity: 'high',
    confidence: confidenceOver(Math.max(h.consumers.size, opts.consumers), opts.consumers, 0.65),
    summary: `${h.refused} credentials refused to ${h.refs.size} address(es) of one host within ${windowText(opts.windowMs)}, and the ones recognised belonged to ${h.consumers.size} different consumers`,
    details: {
      refused: h.refused,
      accepted: h.events.length - h.refused,
      consumers: h.consumers.size,
      acceptedConsumers: h.acceptedConsumers,
      addresses: h.refs.size,
    },
    accomplices,
  }
}
