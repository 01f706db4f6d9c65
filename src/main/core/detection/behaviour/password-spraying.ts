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
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { SpreadWindow } from './spread-window'

export interface PasswordSprayingOptions {
  readonly windowMs: number
  /** Distinct accounts failing with one password that make spraying… */
  readonly distinctAccounts: number
  /** …or distinct addresses failing with it, for at least two accounts (a botnet spraying a few). */
  readonly distinctAddresses: number
  readonly suppressMs: number
  readonly maxPasswords: number
}

export const DEFAULT_PASSWORD_SPRAYING: PasswordSprayingOptions = {
  windowMs: 60 * 60_000,
  distinctAccounts: 6,
  distinctAddresses: 5,
  suppressMs: 60 * 60_000,
  maxPasswords: 50_000,
}

/** Creates the per-password failed-login detector. */
export function createPasswordSprayingDetector(
  opts = DEFAULT_PASSWORD_SPRAYING,
): BehaviourDetector {
  const windows = createBoundedMap<number, SpreadWindow>(opts.maxPasswords)
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
        w = new SpreadWindow(cap)
        windows.set(pw, w)
      }
      const cutoff = r.time - opts.windowMs
      w.add(r, r.ip, cutoff, user)
      const accounts = w.distinctLabels()
      const addresses = w.distinctAddresses()
      const signal = (accomplices: WindowRef[]): BehaviourSignal => {
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
      if (w.quiet(r.time)) return w.joins(r.ip) ? signal([]) : null
      // One address trying one password on many accounts is behaviour.credential-stuffing's already.
      if (addresses < 2) return null
      if (accounts < opts.distinctAccounts && (accounts < 2 || addresses < opts.distinctAddresses))
        return null
      return signal(w.tip(r.ip, r.time + opts.suppressMs, cutoff))
    },
  }
}
