// Credential stuffing from a pool of addresses (residential proxies, a botnet): each address tries one to
// three accounts and moves on, so no address and no account crosses a threshold of its own. What gives it
// away is the login route as a whole: many addresses that came only to log in, none of whose logins
// succeeded, each naming different accounts, in one window. An office's users mistype from addresses the
// gateway has seen working, and succeed on the next try; a user's new address that fails and then
// succeeds leaves the pool.
//
// An address counts as a newcomer while everything it has sent is failed logins and anonymous reads (the
// app's configuration, public pages: what a bot loads first to pass for a browser; under an app's shared
// key, reads without a session: app-keys.ts), and logins that worked for an account it had not failed
// for but whose session it never used (a pool's hits, noted for later), with nothing authenticated; its
// failures are what the window holds. The pattern is reported when
// enough distinct newcomers and accounts fail in the window, and they make up a share of the route's
// login attempts there (a retail site's busy hour has many first-time typos among thousands of good
// logins).
// Every newcomer taking part is named, as for the other distributed patterns, but only once it has had
// ten minutes to show itself a customer (a login that works, a reset, anything else): the finding then
// names its failure, later.
//
// A newcomer that failed more than once, always for the same account, is a person retrying their own
// password on a new network (and then resetting it, or getting it right): a pool tries each account once
// from an address and moves on. Such an address is neither counted nor named.
import { createBoundedMap, type BoundedMap } from '../bounded-map'
import {
  isLoginAttempt,
  loginIdentityOf,
  refusedLoginStatus,
  isNumberLogin,
  sameHolderLogins,
  secondFactorStep,
} from '../bruteforce'
import { PASSWORD_NAMES } from '../credential-names'
import { RESET_WORDS } from './path-words'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  windowText,
  refOf,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import type { AppKeys } from './app-keys'
import { DeferredNames, type DeferredSignal } from './deferred-names'
import { sessionKey } from '../session-key'
import { SpreadWindow } from './spread-window'

export interface StuffingPoolOptions {
  readonly rule: string
  readonly windowMs: number
  /** Distinct newcomer addresses failing in the window… */
  readonly distinctAddresses: number
  /** …for at least this many distinct accounts… */
  readonly distinctAccounts: number
  /** …making up at least this share of the route's login attempts in the window. */
  readonly minShare: number
  readonly suppressMs: number
  /**
   * An address taking part is named this long after its failure, if it is still a newcomer then: a
   * customer mistyping on a new network logs in, asks for a reset or goes on browsing within minutes.
   */
  readonly settleMs: number
  readonly maxAddresses: number
  readonly maxRoutes: number
}

export const DEFAULT_STUFFING_POOL: StuffingPoolOptions = {
  rule: 'behaviour.stuffing-pool',
  windowMs: 30 * 60_000,
  distinctAddresses: 6,
  distinctAccounts: 8,
  minShare: 0.3,
  suppressMs: 60 * 60_000,
  settleMs: 10 * 60_000,
  maxAddresses: 200_000,
  maxRoutes: 1_000,
}

/**
 * The same over three hours: a spray paced at a few logins an hour from residential proxies, each address
 * coming back hours later for another account. The share is lower (a busy day's logins dwarf it), the
 * numbers of addresses and accounts higher.
 */
export const DEFAULT_SLOW_STUFFING_POOL: StuffingPoolOptions = {
  ...DEFAULT_STUFFING_POOL,
  rule: 'behaviour.slow-stuffing-pool',
  windowMs: 3 * 3_600_000,
  distinctAddresses: 10,
  distinctAccounts: 12,
  minShare: 0.1,
  suppressMs: 3 * 3_600_000,
}

interface TriedAccounts {
  /** The account of its first failure ('' when none could be read). */
  readonly account: string
  failures: number
  /** Another account failed since. */
  mixed: boolean
  /** That other account, while there is only one: '' once a third has failed. */
  other: string
  /**
   * A login then worked for one of the (at most two) accounts that failed: a customer who tried their
   * e-mail, then their phone or national id, and found it.
   */
  found: boolean
  /** A password reset was completed from the address since (the holder's own recovery channel). */
  recovered: boolean
  /** When it last failed. */
  last: number
}

/** Failures of an address are forgotten after this long without one (the slow pool's window). */
const FORGET_TRIED_MS = 3 * 3_600_000

interface RouteWindow {
  readonly failures: SpreadWindow
  /** Login attempts on the route in the window, counted per minute: [minute, count] pairs, oldest first. */
  readonly attempts: [number, number][]
  /** Their sum. */
  attemptCount: number
  /** What the pattern looked like when it was last reported (null before). */
  report: PoolReport | null
}

interface PoolReport {
  readonly route: string
  readonly failures: number
  readonly addresses: number
  readonly accounts: number
}

/**
 * A GET, HEAD or OPTIONS no consumer made, or made under an app's shared key without a session of its
 * own and without Authorization: what any visitor's browser or a freshly opened app fetches.
 */
function anonymousRead(r: RequestRecord, appKeys: AppKeys | null): boolean {
  if (r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'OPTIONS') return false
  // a customer an authentication plugin vouched for without a consumer (OpenID Connect) is signed in
  if (r.subject !== null && r.subject !== '') return false
  if (r.consumer === null || r.consumer === '') return true
  if (appKeys === null || !appKeys.has(r.consumer) || sessionKey(r) !== 0) return false
  for (const h of r.headers) if (h.name === 'authorization') return false
  return true
}

/** Refused second-factor codes excused after a first login that worked (a holder's typos, a late SMS). */
const EXCUSED_CODES = 3

// A password reset completed (the code verified, the new password set), not a reset asked for: anyone
// can ask for one; only the holder receives the code. Its address is the holder's, neither a pool member
// nor counted as one.
// In other languages too: /senha/redefinir, /contrasena/restablecer, /passwort/zuruecksetzen.
const RESET_DONE = new RegExp(
  `(?:^|[/_.-])(?:${PASSWORD_NAMES}|pin)[/_.-]?(?:${RESET_WORDS})(?:[/_.-](?:verify|confirm|complete|confirmar|concluir))?\\/?$|(?:^|[/_.-])(?:${RESET_WORDS})[/_.-]?(?:${PASSWORD_NAMES}|pin)(?:[/_.-](?:verify|confirm|complete|confirmar|concluir))?\\/?$`,
  'i',
)

/** What a request is to the pools: a refused login, a login attempt, and the account it named. */
interface Reading {
  readonly refused: boolean
  readonly user: string
}

/**
 * What the pools know of each address (still a newcomer; the accounts its failures named) and of the
 * request in hand, read once however many pools observe it: the fast and the slow pool share one.
 */
export class Newcomers {
  /** address → still a newcomer (only failed logins and anonymous reads seen from it) */
  private readonly status: BoundedMap<string, boolean>
  /** newcomer address → the accounts its failures named */
  private readonly tried: BoundedMap<string, TriedAccounts>
  /** address whose first login worked (before any failure) → refused codes excused since */
  private readonly passedFirst: BoundedMap<string, number>
  /**
   * address whose login worked → the session it carried then (0 for none), and whether it has used the
   * session that login opened, with no failure since
   */
  private readonly signedIn: BoundedMap<string, { before: number; used: boolean }>
  private last: RequestRecord | null = null
  private reading: Reading = { refused: false, user: '' }
  /** Whether the last request is a login attempt (null: not read yet, as most requests need not be). */
  private login: boolean | null = null

  constructor(
    maxAddresses: number,
    private readonly appKeys: AppKeys | null = null,
  ) {
    this.status = createBoundedMap(maxAddresses)
    this.tried = createBoundedMap(maxAddresses)
    this.passedFirst = createBoundedMap(maxAddresses)
    this.signedIn = createBoundedMap(maxAddresses)
  }

  get size(): number {
    return this.status.size
  }

  /** Reads a request (once: a second pool gets the same reading) and notes what it says of its address. */
  read(r: RequestRecord, ip: string, status: number): Reading {
    if (r === this.last) return this.reading
    this.last = r
    this.login = null
    const known = this.status.get(ip)
    // Most requests are answered without a refusal: they make their address a regular. An anonymous read
    // (the app's config, a public page) says nothing of who is there: a bot loads what a browser would
    // before it posts a login. Anything authenticated, or written, does.
    const refused = refusedLoginStatus(r, status)
    if (status >= 200 && status < 300 && r.method !== 'GET' && RESET_DONE.test(r.path)) {
      const t = this.tried.get(ip)
      if (t !== undefined) t.recovered = true
      this.status.set(ip, false)
      return (this.reading = { refused: false, user: '' })
    }
    // A refused code for the challenge of an address whose first login worked, with no failure: the holder
    // mistyping what the phone showed (or an SMS that came late), not a pool, whose members fail logins
    // before any of them gets through. Neither a failure of the address nor a sign it is a regular; a few
    // of them only: a stolen password's thief guessing the code goes on.
    const excused = refused ? this.passedFirst.get(ip) : undefined
    if (excused !== undefined && excused < EXCUSED_CODES && secondFactorStep(r)) {
      this.passedFirst.set(ip, excused + 1)
      return (this.reading = { refused: false, user: '' })
    }
    if (!refused || !this.loginAttempt(r)) {
      // A login that worked leaves its address a newcomer unless it is the account the address had
      // mistyped (a customer getting it right): a customer goes on to use the session at once, while a
      // pool notes a hit and tries the next account. What the address does next decides.
      const hit =
        !refused &&
        known !== false &&
        r.method === 'POST' &&
        status >= 200 &&
        status < 300 &&
        this.loginAttempt(r) &&
        !this.mistyped(ip, r)
      if (known !== false && !hit && !anonymousRead(r, this.appKeys)) this.status.set(ip, false)
      else if (!hit) this.noteSessionUse(ip, r)
      if (hit) this.signedIn.set(ip, { before: sessionKey(r), used: false })
      if (hit && this.tried.get(ip) === undefined && this.passedFirst.get(ip) === undefined)
        this.passedFirst.set(ip, 0)
      return (this.reading = { refused, user: '' })
    }
    if (known === undefined) this.status.set(ip, true)
    if (known === false) return (this.reading = { refused: true, user: '' })
    this.signedIn.delete(ip)
    const user = loginIdentityOf(r) ?? ''
    const t = this.tried.get(ip)
    // failures older than the longest pool's window are another visit's (on a carrier's NAT, often
    // another person's): they no longer mix with this one
    if (t === undefined || r.time - t.last > FORGET_TRIED_MS)
      this.tried.set(ip, {
        account: user,
        failures: 1,
        mixed: false,
        other: '',
        found: false,
        recovered: false,
        last: r.time,
      })
    else {
      t.last = r.time
      t.failures++
      // another spelling of one's e-mail or phone is still one's own login
      if (!sameHolderLogins(t.account, user)) {
        if (!t.mixed) t.other = user
        else if (t.other !== '' && !sameHolderLogins(t.other, user)) t.other = ''
        t.mixed = true
      }
    }
    return (this.reading = { refused: true, user })
  }

  /**
   * Notes a read after a login that worked carrying a session the login did not: the site's own cookie
   * for the session it opened (a web user the gateway authenticates no one for), used at once.
   */
  private noteSessionUse(ip: string, r: RequestRecord): void {
    const s = this.signedIn.get(ip)
    if (s === undefined || s.used) return
    const now = sessionKey(r)
    if (now !== 0 && now !== s.before) s.used = true
  }

  /**
   * An address that got in after its failures and used its session, failing no login since: a customer
   * who found their login. (A pool's member that uses a hit's session goes on failing other accounts.)
   */
  settled(ip: string): boolean {
    return this.signedIn.get(ip)?.used === true
  }

  /**
   * Whether a login that worked is for an account the address failed for before, when its failures named
   * one account, or two of two kinds (a customer trying their e-mail, then their phone): a pool's hit is
   * an account it had not tried, and a pool tries many.
   */
  private mistyped(ip: string, r: RequestRecord): boolean {
    const t = this.tried.get(ip)
    if (t === undefined || t.account === '' || (t.mixed && t.other === '')) return false
    const who = loginIdentityOf(r)
    if (who === null) return false
    if (!t.mixed) return sameHolderLogins(t.account, who)
    // two kinds of login name (an e-mail, then a phone or national id number) are one person trying what
    // the site takes; two e-mails, and the second getting in, are a pool's hit on its next combination
    if (isNumberLogin(t.account) === isNumberLogin(t.other)) return false
    t.found = sameHolderLogins(t.account, who) || sameHolderLogins(t.other, who)
    return t.found
  }

  /** Whether the request last read is a login attempt (a regex over the body, so read only when asked). */
  loginAttempt(r: RequestRecord): boolean {
    if (r !== this.last) return isLoginAttempt(r)
    return (this.login ??= isLoginAttempt(r))
  }

  isNewcomer(ip: string): boolean {
    return this.status.get(ip) === true
  }

  /** An address that failed more than once, always for the same account: a customer retrying their own. */
  retrying(ip: string): boolean {
    const t = this.tried.get(ip)
    return t !== undefined && !t.mixed && t.failures >= 2 && t.account !== ''
  }

  /**
   * An address whose failures named more than one account, and that did not then reset a password or get
   * in as one of two it failed: a customer who tried their e-mail and then their account number, and
   * reset the password (the reset code went to the holder's phone or mail) or found the right one, is its
   * holder.
   */
  mixed(ip: string): boolean {
    const t = this.tried.get(ip)
    return t !== undefined && t.mixed && !t.recovered && !t.found
  }
}

/** Creates the login-route stuffing-pool detector. */
export function createStuffingPoolDetector(
  opts = DEFAULT_STUFFING_POOL,
  newcomers = new Newcomers(opts.maxAddresses),
): BehaviourDetector {
  const routes = createBoundedMap<string, RouteWindow>(opts.maxRoutes)
  /** Addresses taking part, to be named once their newcomer status has had time to settle. */
  const deferred = new DeferredNames<PoolReport>(opts.settleMs)
  const cap = opts.distinctAddresses * 16
  // The route's login attempts in the window, counted per minute: bounded however busy the route is.
  const countAttempt = (w: RouteWindow, time: number): void => {
    const minute = Math.floor(time / 60_000)
    const from = Math.floor((time - opts.windowMs) / 60_000)
    while (w.attempts.length > 0 && (w.attempts[0] as [number, number])[0] < from)
      w.attemptCount -= (w.attempts.shift() as [number, number])[1]
    const last = w.attempts[w.attempts.length - 1]
    if (last !== undefined && last[0] === minute) last[1]++
    else w.attempts.push([minute, 1])
    w.attemptCount++
  }
  const defer = (ref: WindowRef, report: PoolReport): void => {
    if (ref.ip !== null) deferred.add(ref.ip, ref, report)
  }
  // A customer has since logged in or done something else (or got in and used the session, failing
  // nothing since); a pool address that tried several accounts and then got in has had a hit.
  const stillPool = (ref: WindowRef): boolean =>
    ref.ip !== null &&
    ((newcomers.isNewcomer(ref.ip) && !newcomers.retrying(ref.ip) && !newcomers.settled(ref.ip)) ||
      newcomers.mixed(ref.ip))
  const describe = ({ route, failures, addresses, accounts }: PoolReport): DeferredSignal => ({
    category: 'credential-stuffing',
    rule: opts.rule,
    severity: 'high',
    confidence: confidenceOver(addresses, opts.distinctAddresses, 0.6),
    summary: `${failures} failed logins on ${route} from ${addresses} addresses that sent nothing else, for ${accounts} accounts, within ${windowText(opts.windowMs)}`,
    details: { failures, distinctAddresses: addresses, distinctAccounts: accounts },
  })
  const settle = (now: number): BehaviourSignal | null => deferred.settle(now, stillPool, describe)
  return {
    get size() {
      return newcomers.size + routes.size + deferred.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      const route = r.route ?? r.path
      const { refused, user } = newcomers.read(r, r.ip, r.status)
      // Requests answered without a refusal are read as login attempts (a regex over the body) only on
      // a route that has a window open.
      if (!refused) {
        const open = routes.get(route)
        if (open && newcomers.loginAttempt(r)) countAttempt(open, r.time)
        return settle(r.time)
      }
      if (!newcomers.loginAttempt(r)) return settle(r.time)
      const newcomer = newcomers.isNewcomer(r.ip)
      let w = routes.get(route)
      if (!w) {
        if (!newcomer) return settle(r.time)
        w = { failures: new SpreadWindow(cap), attempts: [], attemptCount: 0, report: null }
        routes.set(route, w)
      }
      const cutoff = r.time - opts.windowMs
      countAttempt(w, r.time)
      if (!newcomer) return settle(r.time)
      w.failures.add(r, r.ip, cutoff, user)
      const f = w.failures
      if (f.quiet(r.time)) {
        // Still under attack: an address joining now takes part too.
        if (w.report && !newcomers.retrying(r.ip) && f.joins(r.ip)) defer(refOf(r), w.report)
        return settle(r.time)
      }
      // Only the failures of addresses that are newcomers still: one that has since logged in or done
      // anything else was a user mistyping on a new network.
      let failures = 0
      const addresses = new Set<string>()
      const accounts = new Set<string>()
      for (let i = 0; i < f.times.length; i++) {
        const ip = f.ips[i] as string
        if (!newcomers.isNewcomer(ip) || newcomers.retrying(ip)) continue
        failures++
        addresses.add(ip)
        accounts.add(f.labels[i] as string)
      }
      if (
        addresses.size < opts.distinctAddresses ||
        accounts.size < opts.distinctAccounts ||
        failures < opts.minShare * w.attemptCount
      )
        return settle(r.time)
      w.report = { route, failures, addresses: addresses.size, accounts: accounts.size }
      // (the others first: their failures are older, and the queue is read in order of time)
      for (const ref of f.tip(r.ip, r.time + opts.suppressMs, cutoff)) defer(ref, w.report)
      defer(refOf(r), w.report)
      return settle(r.time)
    },
  }
}
