// One account attacked from many addresses: failed logins for the same username from many distinct clients in
// a window (distributed brute force, or stuffing a known account through a botnet). A user mistyping from the
// office and then the VPN is two addresses, not five. Every address taking part is named: those in the window
// when it tips, and any that joins while the account is still under attack.
//
// Two forms run: the fast one (8 failures from 5 addresses in 15 minutes) and a slow one over a day (10
// failures from 5 addresses): a few guesses an hour, each burst from another proxy, all day and night, stays
// under any lockout counter that resets and under every per-address threshold. (Over 25 samples no benign
// account failed from even four addresses in a day; check37's guessers used seven and eleven.) The slow form
// names an address only once it has had time to show itself the holder (a login of the account that works
// from there, as after a reset): the holder, meeting the lock the guesses caused, fails too. Nor does it name
// an address where someone had signed in (to any account, under any spelling of a login name) within the
// window before its failure: a customer's device or network, where a guessing proxy has no login that works;
// the holder typing their national id after the phone they signed in with that morning.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import {
  confidenceOver,
  windowText,
  refOf,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { DeferredNames, type DeferredSignal } from './deferred-names'
import { SpreadWindow } from './spread-window'

export interface DistributedLoginOptions {
  readonly rule: string
  readonly windowMs: number
  readonly distinctAddresses: number
  readonly failures: number
  readonly suppressMs: number
  /** 0: addresses are named at once; else this long after their failure, unless they logged in since. */
  readonly settleMs: number
  readonly maxAccounts: number
}

export const DEFAULT_DISTRIBUTED_LOGIN: DistributedLoginOptions = {
  rule: 'behaviour.distributed-login-failures',
  windowMs: 15 * 60_000,
  distinctAddresses: 5,
  failures: 8,
  suppressMs: 30 * 60_000,
  settleMs: 0,
  maxAccounts: 50_000,
}

export const DEFAULT_SLOW_DISTRIBUTED_LOGIN: DistributedLoginOptions = {
  rule: 'behaviour.slow-distributed-login-failures',
  windowMs: 24 * 3_600_000,
  distinctAddresses: 5,
  failures: 10,
  suppressMs: 2 * 3_600_000,
  settleMs: 10 * 60_000,
  maxAccounts: 20_000,
}

interface Account {
  readonly failures: SpreadWindow
  /** Addresses the account logged in from (a few, the newest last), once a failure opened the window. */
  readonly holders: string[]
}

/** What the signal says of a request waiting to be named, and the account it is about. */
interface Named {
  readonly account: Account
  readonly summary: Pick<BehaviourSignal, 'summary' | 'details' | 'confidence'>
}

/** Holder addresses kept per account. */
const MAX_HOLDERS = 8

/** Creates the per-username failed-login detector. */
export function createDistributedLoginDetector(
  opts = DEFAULT_DISTRIBUTED_LOGIN,
): BehaviourDetector {
  const windows = createBoundedMap<string, Account>(opts.maxAccounts)
  const cap = opts.failures * 8
  // The slow form names an address settleMs after its failure, unless the account has since logged in
  // from there (for the fast form, nothing is ever queued).
  const deferred = new DeferredNames<Named>(opts.settleMs)
  // address → when a login last worked from it (the slow form only)
  const signedIn = createBoundedMap<string, number>(opts.maxAccounts)
  const notHolder = (ref: WindowRef, n: Named): boolean =>
    ref.ip !== null &&
    !n.account.holders.includes(ref.ip) &&
    (signedIn.get(ref.ip) ?? -Infinity) < ref.time - opts.windowMs
  const describe = (n: Named): DeferredSignal => ({
    category: 'credential-stuffing',
    rule: opts.rule,
    severity: 'high',
    ...n.summary,
  })
  const settle = (now: number): BehaviourSignal | null => deferred.settle(now, notHolder, describe)
  const name = (
    account: Account,
    user: string,
    r: RequestRecord,
    others: readonly WindowRef[],
  ): BehaviourSignal | null => {
    const f = account.failures
    const distinct = f.distinctAddresses()
    const summary = {
      confidence: confidenceOver(distinct, opts.distinctAddresses),
      summary: `${f.times.length} failed logins for one account from ${distinct} addresses within ${windowText(opts.windowMs)}`,
      details: { failures: f.times.length, distinctAddresses: distinct },
    }
    if (opts.settleMs === 0) return { ...describe({ account, summary }), accomplices: [...others] }
    for (const ref of [...others, refOf(r)])
      if (ref.ip !== null) deferred.add(`${user}\u0000${ref.ip}`, ref, { account, summary })
    return settle(r.time)
  }
  return {
    get size() {
      return windows.size + deferred.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      // (423: the account is locked, by the guesses themselves; a guess all the same)
      const failed = r.status === 401 || r.status === 403 || r.status === 423
      // The holder logging in matters only to the slow form, for an account whose window is open; a
      // login is a POST (most successful requests are reads and stop at the method).
      const succeeded =
        opts.settleMs > 0 && r.status >= 200 && r.status < 300 && r.method === 'POST'
      if ((!failed && !succeeded) || !isLoginAttempt(r)) return settle(r.time)
      if (succeeded) signedIn.set(r.ip, r.time)
      const user = usernameOf(r)
      if (!user) return settle(r.time)
      let w = windows.get(user)
      if (succeeded) {
        if (w && !w.holders.includes(r.ip)) {
          w.holders.push(r.ip)
          if (w.holders.length > MAX_HOLDERS) w.holders.shift()
        }
        return settle(r.time)
      }
      if (!w) {
        w = { failures: new SpreadWindow(cap), holders: [] }
        windows.set(user, w)
      }
      const f = w.failures
      const cutoff = r.time - opts.windowMs
      f.add(r, r.ip, cutoff)
      // Still under attack: an address joining now is named too, once.
      if (f.quiet(r.time)) return f.joins(r.ip) ? name(w, user, r, []) : settle(r.time)
      if (f.times.length < opts.failures || f.distinctAddresses() < opts.distinctAddresses)
        return settle(r.time)
      return name(w, user, r, f.tip(r.ip, r.time + opts.suppressMs, cutoff))
    },
  }
}
