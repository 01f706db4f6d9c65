// Stolen passwords stopped at the second factor: one address gets the password right for account after
// account, and for each one the one-time codes it types are refused until the challenge runs out. The
// passwords came from a breach or a phishing kit; the codes go to the holders' phones. A holder who
// mistypes a code does so on their one account, and usually gets the next one right; a household
// shares an address, not a habit of failing every code.
//
// Per address: accounts whose password step worked and that then had three codes refused or more (401,
// 403, 410 expired, 429) with none accepted, two such accounts or more within the window.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, SECOND_FACTOR_PATH, usernameOf } from '../bruteforce'
import { ONE_TIME_CODE_FIELD } from '../credential-names'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { timeItself, touchRecent, windowText, type BehaviourDetector } from './behaviour-signal'

export interface StoppedAtSecondFactorOptions {
  readonly windowMs: number
  /** Refused codes after an account's password step that make it stopped. */
  readonly refused: number
  /** Stopped accounts from one address. */
  readonly accounts: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_STOPPED_AT_SECOND_FACTOR: StoppedAtSecondFactorOptions = {
  windowMs: 6 * 3_600_000,
  refused: 3,
  accounts: 2,
  suppressMs: 6 * 3_600_000,
  maxAddresses: 50_000,
}

const REFUSED: ReadonlySet<number> = new Set([401, 403, 410, 429])
/** Stopped accounts kept per address. */
const MAX_STOPPED = 8

interface Address {
  /** The account (hashed) whose password step last worked, and its refused codes since (-1: passed). */
  account: number
  refused: number
  /** Stopped accounts: account → when */
  readonly stopped: Map<number, number>
  quietUntil: number
}

/** Creates the stopped-at-the-second-factor detector (per client address). */
export function createStoppedAtSecondFactorDetector(
  opts = DEFAULT_STOPPED_AT_SECOND_FACTOR,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.method !== 'POST' || r.ip === null || r.status === null) return null
      if (SECOND_FACTOR_PATH.test(r.path) && usernameOf(r) === null) {
        // only a code typed in says anything (asking for another one is no answer)
        if (r.body === null || !ONE_TIME_CODE_FIELD.test(r.body.slice(0, 1_024))) return null
        const a = addresses.get(r.ip)
        if (a === undefined || a.account === 0 || a.refused < 0) return null
        if (r.status >= 200 && r.status < 300) {
          a.refused = -1 // the code was right: the holder
          a.stopped.delete(a.account)
          return null
        }
        if (!REFUSED.has(r.status) || ++a.refused < opts.refused) return null
        const cutoff = r.time - opts.windowMs
        touchRecent(a.stopped, a.account, r.time, cutoff, MAX_STOPPED, timeItself)
        if (a.stopped.size < opts.accounts || r.time < a.quietUntil) return null
        a.quietUntil = r.time + opts.suppressMs
        return {
          category: 'bruteforce',
          rule: 'behaviour.stopped-at-second-factor',
          severity: 'high',
          confidence: 0.8,
          summary: `${r.ip} got the password right for ${a.stopped.size} accounts within ${windowText(opts.windowMs)} and had the one-time codes of each refused: stolen passwords stopped at the second factor`,
          details: { accounts: a.stopped.size },
        }
      }
      if (r.status < 200 || r.status >= 300 || !isLoginAttempt(r)) return null
      const user = usernameOf(r)
      if (user === null) return null
      let a = addresses.get(r.ip)
      if (a === undefined) {
        a = { account: 0, refused: 0, stopped: new Map(), quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      a.account = fnv1a32(user) || 1
      a.refused = 0
      return null
    },
  }
}
