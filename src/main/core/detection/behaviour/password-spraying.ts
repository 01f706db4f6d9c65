// Password spraying (MITRE ATT&CK T1110.003): one password tried against many accounts, spread over many
// addresses so that no address and no account fails often (from one address it is credential stuffing,
// which the brute-force detector reports). Failed logins are grouped by a hash
// of the password they carried (32 bits, held only here, never reported); many accounts failing with the
// same password is spraying, whoever sends it, and so is one password failing from many addresses for
// more than one account (a botnet spraying a few accounts). Users mistyping their own passwords each carry
// a different one; passwords a log pipeline masked (********) are not compared. Every address taking part
// is named, as for distributed login failures.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, passwordHashOf, usernameOf } from '../bruteforce'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  RecentAddresses,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface PasswordSprayingOptions {
  readonly windowMs: number
  /** Distinct accounts failing with one password that make spraying… */
  readonly distinctAccounts: number
  /** …or distinct addresses failing with it, for at least two accounts (a botnet spraying a few). */
  readonly distinctAddresses: number
  readonly suppressMs: number
  readonly maxPasswords: number
}

/** Addresses named when the window tips, at most (the others are named as they try again). */
const NAMED_AT_ONCE = 16
/**
 * Addresses named in one attack, at most: a botnet of thousands is one incident with its first addresses
 * named, not thousands of findings, and the set of names stays bounded.
 */
const MAX_NAMED = 64

export const DEFAULT_PASSWORD_SPRAYING: PasswordSprayingOptions = {
  windowMs: 60 * 60_000,
  distinctAccounts: 6,
  distinctAddresses: 5,
  suppressMs: 60 * 60_000,
  maxPasswords: 50_000,
}

interface Window {
  times: number[]
  users: string[]
  ips: string[]
  recent: RecentAddresses
  quietUntil: number
  named: Set<string> | null
}

/** Creates the per-password failed-login detector. */
export function createPasswordSprayingDetector(
  opts = DEFAULT_PASSWORD_SPRAYING,
): BehaviourDetector {
  const windows = createBoundedMap<number, Window>(opts.maxPasswords)
  const cap = opts.distinctAccounts * 16
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || (r.status !== 401 && r.status !== 403 && r.status !== 400)) return null
      if (!isLoginAttempt(r)) return null
      const user = usernameOf(r)
      if (!user) return null
      const pw = passwordHashOf(r)
      if (pw === null) return null
      let w = windows.get(pw)
      if (!w) {
        w = {
          times: [],
          users: [],
          ips: [],
          recent: new RecentAddresses(NAMED_AT_ONCE),
          quietUntil: 0,
          named: null,
        }
        windows.set(pw, w)
      }
      const cutoff = r.time - opts.windowMs
      let drop = 0
      while (drop < w.times.length && (w.times[drop] ?? 0) < cutoff) drop++
      if (drop > 0) for (const a of [w.times, w.users, w.ips]) a.splice(0, drop)
      w.times.push(r.time)
      w.users.push(user)
      w.ips.push(r.ip)
      w.recent.note(r)
      if (w.times.length > cap) for (const a of [w.times, w.users, w.ips]) a.splice(0, 1)
      const accounts = new Set(w.users).size
      const signal = (accomplices: WindowRef[]): BehaviourSignal => {
        const addresses = new Set(w.ips).size
        const over = Math.max(
          accounts / opts.distinctAccounts,
          accounts >= 2 ? addresses / opts.distinctAddresses : 0,
        )
        return {
          category: 'credential-stuffing',
          rule: 'behaviour.password-spraying',
          severity: 'high',
          confidence: confidenceOver(over, 1),
          summary: `one password failed for ${accounts} accounts from ${addresses} address${addresses === 1 ? '' : 'es'} within ${opts.windowMs / 60_000} min`,
          details: {
            failures: w.times.length,
            distinctAccounts: accounts,
            distinctAddresses: addresses,
          },
          accomplices,
        }
      }
      if (r.time < w.quietUntil) {
        if (w.named === null || w.named.has(r.ip) || w.named.size >= MAX_NAMED) return null
        w.named.add(r.ip)
        return signal([])
      }
      // One address trying one password on many accounts is behaviour.credential-stuffing's already.
      const addresses = new Set(w.ips).size
      if (addresses < 2) return null
      if (accounts < opts.distinctAccounts && (accounts < 2 || addresses < opts.distinctAddresses))
        return null
      w.quietUntil = r.time + opts.suppressMs
      w.named = new Set(w.ips)
      return signal(w.recent.others(r.ip, cutoff))
    },
  }
}
