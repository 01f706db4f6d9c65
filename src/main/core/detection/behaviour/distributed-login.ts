// One account attacked from many addresses: failed logins for the same username from many distinct
// clients in a window (distributed brute force, or stuffing a known account through a botnet). A user
// mistyping from the office and then the VPN is two addresses, not five. Every address taking part is
// named: those in the window when it tips, and any that joins while the account is still under attack.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import {
  confidenceOver,
  RecentAddresses,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface DistributedLoginOptions {
  readonly windowMs: number
  readonly distinctAddresses: number
  readonly failures: number
  readonly suppressMs: number
  readonly maxAccounts: number
}

/** Addresses named when the window tips, at most (the others are named as they try again). */
const NAMED_AT_ONCE = 16
/**
 * Addresses named in one attack, at most: a botnet of thousands is one incident with its first addresses
 * named, not thousands of findings, and the set of names stays bounded.
 */
const MAX_NAMED = 64

export const DEFAULT_DISTRIBUTED_LOGIN: DistributedLoginOptions = {
  windowMs: 15 * 60_000,
  distinctAddresses: 5,
  failures: 8,
  suppressMs: 30 * 60_000,
  maxAccounts: 50_000,
}

interface Window {
  times: number[]
  ips: string[]
  recent: RecentAddresses
  quietUntil: number
  /** The addresses already named since the window last tipped (null before it has). */
  named: Set<string> | null
}

/** Creates the per-username failed-login detector. */
export function createDistributedLoginDetector(
  opts = DEFAULT_DISTRIBUTED_LOGIN,
): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxAccounts)
  const cap = opts.failures * 8
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || (r.status !== 401 && r.status !== 403)) return null
      if (!isLoginAttempt(r)) return null
      const user = usernameOf(r)
      if (!user) return null
      let w = windows.get(user)
      if (!w) {
        w = {
          times: [],
          ips: [],
          recent: new RecentAddresses(NAMED_AT_ONCE),
          quietUntil: 0,
          named: null,
        }
        windows.set(user, w)
      }
      const cutoff = r.time - opts.windowMs
      let drop = 0
      while (drop < w.times.length && (w.times[drop] ?? 0) < cutoff) drop++
      w.times.splice(0, drop)
      w.ips.splice(0, drop)
      w.times.push(r.time)
      w.ips.push(r.ip)
      w.recent.note(r)
      if (w.times.length > cap) {
        w.times.splice(0, w.times.length - cap)
        w.ips.splice(0, w.ips.length - cap)
      }
      const signal = (distinct: number, accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'credential-stuffing',
        rule: 'behaviour.distributed-login-failures',
        severity: 'high',
        confidence: confidenceOver(distinct, opts.distinctAddresses),
        summary: `${w.times.length} failed logins for one account from ${distinct} addresses within ${opts.windowMs / 60_000} min`,
        details: { failures: w.times.length, distinctAddresses: distinct },
        accomplices,
      })
      if (r.time < w.quietUntil) {
        // Still under attack: an address joining now is named too, once.
        if (w.named === null || w.named.has(r.ip) || w.named.size >= MAX_NAMED) return null
        w.named.add(r.ip)
        return signal(new Set(w.ips).size, [])
      }
      if (w.times.length < opts.failures) return null
      const distinct = new Set(w.ips).size
      if (distinct < opts.distinctAddresses) return null
      w.quietUntil = r.time + opts.suppressMs
      w.named = new Set(w.ips)
      return signal(distinct, w.recent.others(r.ip, cutoff))
    },
  }
}
