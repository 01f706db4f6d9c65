// One account attacked from many addresses: failed logins for the same username from many distinct
// clients in a window (distributed brute force, or stuffing a known account through a botnet). A user
// mistyping from the office and then the VPN is two addresses, not five. Every address taking part is
// named: those in the window when it tips, and any that joins while the account is still under attack.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import {
  confidenceOver,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { SpreadWindow } from './spread-window'

export interface DistributedLoginOptions {
  readonly windowMs: number
  readonly distinctAddresses: number
  readonly failures: number
  readonly suppressMs: number
  readonly maxAccounts: number
}

export const DEFAULT_DISTRIBUTED_LOGIN: DistributedLoginOptions = {
  windowMs: 15 * 60_000,
  distinctAddresses: 5,
  failures: 8,
  suppressMs: 30 * 60_000,
  maxAccounts: 50_000,
}

/** Creates the per-username failed-login detector. */
export function createDistributedLoginDetector(
  opts = DEFAULT_DISTRIBUTED_LOGIN,
): BehaviourDetector {
  const windows = createBoundedMap<string, SpreadWindow>(opts.maxAccounts)
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
        w = new SpreadWindow(cap)
        windows.set(user, w)
      }
      const cutoff = r.time - opts.windowMs
      w.add(r, r.ip, cutoff)
      const signal = (accomplices: WindowRef[]): BehaviourSignal => {
        const distinct = w.distinctAddresses()
        return {
          category: 'credential-stuffing',
          rule: 'behaviour.distributed-login-failures',
          severity: 'high',
          confidence: confidenceOver(distinct, opts.distinctAddresses),
          summary: `${w.times.length} failed logins for one account from ${distinct} addresses within ${opts.windowMs / 60_000} min`,
          details: { failures: w.times.length, distinctAddresses: distinct },
          accomplices,
        }
      }
      // Still under attack: an address joining now is named too, once.
      if (w.quiet(r.time)) return w.joins(r.ip) ? signal([]) : null
      if (w.times.length < opts.failures || w.distinctAddresses() < opts.distinctAddresses)
        return null
      return signal(w.tip(r.ip, r.time + opts.suppressMs, cutoff))
    },
  }
}
