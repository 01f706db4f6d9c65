// One account (or one device's PIN) guessed patiently: a burst of wrong passwords or PINs up to the
// lockout (423), a wait for the lock to lift, and another burst, each from another address. It stays
// under every per-address threshold (five guesses an address) and under the per-account ones of the
// distributed detectors (a handful of addresses over hours); what tells is the lock reached again and
// again by guessing. A holder who forgot their PIN meets the lock once, perhaps twice, and calls support;
// a holder meeting the lock the guesses cause (already locked, refused at the first try) did not reach it
// by guessing and is not named.
//
// The account is the login's username, else the device a PIN login names (`device_id`), which is the
// account a stolen phone's PIN unlocks.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, loginIdentityOf } from '../bruteforce'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  joinsNamed,
  keepRecent,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface LockoutCyclingOptions {
  readonly windowMs: number
  /** Lockouts reached by guessing in the window… */
  readonly lockouts: number
  /** …each after at least this many failures from the same address… */
  readonly failuresBefore: number
  /** …within this long before the lock. */
  readonly burstMs: number
  readonly suppressMs: number
  readonly maxAccounts: number
}

export const DEFAULT_LOCKOUT_CYCLING: LockoutCyclingOptions = {
  windowMs: 6 * 3_600_000,
  lockouts: 3,
  failuresBefore: 2,
  burstMs: 10 * 60_000,
  suppressMs: 6 * 3_600_000,
  maxAccounts: 50_000,
}

/** Failures remembered per account: enough for a few bursts. */
const MAX_FAILURES = 32
const MAX_LOCKS = 64

interface Account {
  /** Recent failures: [time, address]. */
  failures: [number, string][]
  /** Lockouts reached by guessing in the window. */
  locks: WindowRef[]
  quietUntil: number
  named: Set<string> | null
}

/** The account a login names, or the device a PIN login names, as a hash; null for neither. */
function accountOf(r: RequestRecord): number | null {
  const who = loginIdentityOf(r)
  return who === null ? null : fnv1a32(who)
}

/** Creates the lockout-cycling detector (per account). */
export function createLockoutCyclingDetector(opts = DEFAULT_LOCKOUT_CYCLING): BehaviourDetector {
  const accounts = createBoundedMap<number, Account>(opts.maxAccounts)
  return {
    get size() {
      return accounts.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      const status = r.status
      if (r.ip === null || (status !== 401 && status !== 403 && status !== 423)) return null
      if (!isLoginAttempt(r)) return null
      const key = accountOf(r)
      if (key === null) return null
      let a = accounts.get(key)
      if (!a) {
        if (status === 423) return null
        a = { failures: [], locks: [], quietUntil: 0, named: null }
        accounts.set(key, a)
      }
      const burstStart = r.time - opts.burstMs
      keepRecent(a.failures, burstStart, MAX_FAILURES, (f) => f[0])
      if (status !== 423) {
        a.failures.push([r.time, r.ip])
        return null
      }
      // A lock reached by guessing from this address, not met by someone trying once.
      let before = 0
      for (const [, ip] of a.failures) if (ip === r.ip) before++
      if (before < opts.failuresBefore) return null
      const cutoff = r.time - opts.windowMs
      keepRecent(a.locks, cutoff, MAX_LOCKS, (l) => l.time)
      a.locks.push(refOf(r))
      const addresses = new Set(a.locks.map((l) => l.ip))
      const signal = (accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'bruteforce',
        rule: 'behaviour.lockout-cycling',
        severity: 'high',
        confidence: confidenceOver(a.locks.length, opts.lockouts, 0.7),
        summary: `one account locked out ${a.locks.length} times within ${windowText(opts.windowMs)}, each time by a burst of failures, from ${addresses.size} address(es): guesses paced to wait out the lock`,
        details: { lockouts: a.locks.length, addresses: addresses.size },
        accomplices,
      })
      if (r.time < a.quietUntil) return joinsNamed(a.named, r.ip) ? signal([]) : null
      if (a.locks.length < opts.lockouts) return null
      a.quietUntil = r.time + opts.suppressMs
      a.named = new Set([...addresses].filter((ip): ip is string => ip !== null))
      // One request per other address that reached a lock.
      const others = new Map<string, WindowRef>()
      for (const l of a.locks) if (l.ip !== null && l.ip !== r.ip) others.set(l.ip, l)
      return signal([...others.values()])
    },
  }
}
