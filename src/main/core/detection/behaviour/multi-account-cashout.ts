// Money mules cashing out: one address signs into account after account and takes the money out of each
// (a withdrawal or payout answered 2xx), or sets up where it will go (a payout bank account, a payee:
// a phishing relay taking over each victim's account as they type their code in), minutes or hours
// apart. The accounts are mules' own, opened to
// receive stolen money, or taken over; the operator works them from one place, one login at a time: sign
// in, check what came in, withdraw it all, sign out, next. A household sharing an address has two
// accounts, rarely withdrawing on the same day; three or more accounts emptied from one address in a day
// is someone working a list.
//
// Each withdrawal is put down to the account the address last signed into (the login's username): the
// operator signs in and withdraws before signing into the next. A login that names no account (a PIN or
// a device's quick login, a token refresh) leaves the next withdrawal unattributed: on a shared address
// someone else may have signed in.
// Addresses many accounts come from (a corporate proxy, a carrier's NAT: shared-egress.ts) are left out:
// their accounts are different people. So is an address whose withdrawals came from a few of the many
// accounts signed in there (a carrier's NAT the app's one consumer hides from shared-egress): an operator
// empties most of the accounts it signs into, where a few of a crowd's users take money out.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, secondFactorStep, usernameOf } from '../bruteforce'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { isPrivateIp } from '../ssrf-target'
import {
  keepRecent,
  refOf,
  windowText,
  type BehaviourDetector,
  type WindowRef,
} from './behaviour-signal'
import { DESTINATION_PATH, MONEY_OUT_PATH } from './money-paths'
import type { SharedEgress } from './shared-egress'

export interface MultiAccountCashoutOptions {
  readonly windowMs: number
  /** Distinct accounts with money taken out from one address in the window. */
  readonly accounts: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_MULTI_ACCOUNT_CASHOUT: MultiAccountCashoutOptions = {
  windowMs: 24 * 3_600_000,
  accounts: 3,
  suppressMs: 12 * 3_600_000,
  maxAddresses: 50_000,
}

/** Withdrawals kept per address: enough for the threshold, bounded under a flood. */
const MAX_WITHDRAWALS = 16

/** Accounts signed into kept per address: enough to weigh the withdrawals against. */
const MAX_SIGNED = 32

interface Address {
  /** The account (hashed) the address last signed into, 0 before any or after a login naming none. */
  account: number
  /** Logins naming an account in the window: [time, account]. */
  signed: [number, number][]
  /** Withdrawals in the window: [time, account, the request]. */
  withdrawals: [number, number, WindowRef][]
  quietUntil: number
}

/** Creates the multi-account cash-out detector (per client address). */
export function createMultiAccountCashoutDetector(
  opts = DEFAULT_MULTI_ACCOUNT_CASHOUT,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null || r.status < 200 || r.status >= 300) return null
      if (r.method !== 'POST' && r.method !== 'PUT') return null
      // (an app sending its key with every request makes each look like a login: only one naming an
      // account is taken as one)
      const login = isLoginAttempt(r)
      const user = login ? usernameOf(r) : null
      if (user !== null) {
        if (isPrivateIp(r.ip)) return null
        let a = addresses.get(r.ip)
        const account = fnv1a32(user) || 1
        if (a) a.account = account
        else {
          a = { account, signed: [], withdrawals: [], quietUntil: 0 }
          addresses.set(r.ip, a)
        }
        keepRecent(a.signed, r.time - opts.windowMs, MAX_SIGNED, (x) => x[0])
        a.signed.push([r.time, account])
        return null
      }
      // (a second factor's code finishes the login before it, whose account it names)
      if (login && !secondFactorStep(r)) {
        const a = addresses.get(r.ip)
        if (a) a.account = 0
        return null
      }
      if (!MONEY_OUT_PATH.test(r.path) && !DESTINATION_PATH.test(r.path)) return null
      const a = addresses.get(r.ip)
      if (!a || a.account === 0) return null
      keepRecent(a.withdrawals, r.time - opts.windowMs, MAX_WITHDRAWALS, (w) => w[0])
      a.withdrawals.push([r.time, a.account, refOf(r)])
      if (r.time < a.quietUntil) return null
      const accounts = new Set(a.withdrawals.map((w) => w[1])).size
      if (accounts < opts.accounts || (egress?.shared(r.ip) ?? false)) return null
      keepRecent(a.signed, r.time - opts.windowMs, MAX_SIGNED, (x) => x[0])
      if (2 * accounts < new Set(a.signed.map((x) => x[1])).size) return null
      a.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.multi-account-cashout',
        severity: 'high',
        confidence: Math.min(0.95, 0.65 + 0.1 * (accounts - opts.accounts)),
        summary: `${r.ip} signed into ${accounts} accounts and took money out of each, or set up where it goes, within ${windowText(opts.windowMs)}: accounts being cashed out`,
        details: { accounts, withdrawals: a.withdrawals.length },
        // the earlier withdrawals are the same address's: the finding names it once
      }
    },
  }
}
