// Credential stuffing from a pool of addresses (residential proxies, a botnet): each address tries one to
// three accounts and moves on, so no address and no account crosses a threshold of its own. What gives it
// away is the login route as a whole: many addresses that came only to log in, none of whose logins
// succeeded, each naming different accounts, in one window. An office's users mistype from addresses the
// gateway has seen working, and succeed on the next try; a user's new address that fails and then
// succeeds leaves the pool.
//
// An address counts as a newcomer while everything it has sent is failed logins (it has no other traffic
// and no successful login); its failures are what the window holds. The pattern is reported when enough
// distinct newcomers and accounts fail in the window, and they make up a share of the route's login
// attempts there (a retail site's busy hour has many first-time typos among thousands of good logins).
// Every newcomer taking part is named, as for the other distributed patterns.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, refusedLoginStatus, usernameOf } from '../bruteforce'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  dropBefore,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { SpreadWindow } from './spread-window'

export interface StuffingPoolOptions {
  readonly windowMs: number
  /** Distinct newcomer addresses failing in the window… */
  readonly distinctAddresses: number
  /** …for at least this many distinct accounts… */
  readonly distinctAccounts: number
  /** …making up at least this share of the route's login attempts in the window. */
  readonly minShare: number
  readonly suppressMs: number
  readonly maxAddresses: number
  readonly maxRoutes: number
}

export const DEFAULT_STUFFING_POOL: StuffingPoolOptions = {
  windowMs: 30 * 60_000,
  distinctAddresses: 6,
  distinctAccounts: 8,
  minShare: 0.3,
  suppressMs: 60 * 60_000,
  maxAddresses: 200_000,
  maxRoutes: 1_000,
}

interface RouteWindow {
  readonly failures: SpreadWindow
  /** Times of every login attempt on the route in the window. */
  readonly attempts: number[]
}

/** Creates the login-route stuffing-pool detector. */
export function createStuffingPoolDetector(opts = DEFAULT_STUFFING_POOL): BehaviourDetector {
  /** address → still a newcomer (only failed logins seen from it) */
  const newcomer = createBoundedMap<string, boolean>(opts.maxAddresses)
  const routes = createBoundedMap<string, RouteWindow>(opts.maxRoutes)
  const cap = opts.distinctAddresses * 16
  const countAttempt = (w: RouteWindow, time: number): void => {
    dropBefore(w.attempts, time - opts.windowMs)
    if (w.attempts.length < cap * 8) w.attempts.push(time)
  }
  return {
    get size() {
      return newcomer.size + routes.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      const known = newcomer.get(r.ip)
      const route = r.route ?? r.path
      // Most requests are answered without a refusal: they make their address a regular, and are read
      // as login attempts (a regex over the body) only on a route that has a window open.
      if (!refusedLoginStatus(r, r.status)) {
        if (known !== false) newcomer.set(r.ip, false)
        const open = routes.get(route)
        if (open && isLoginAttempt(r)) countAttempt(open, r.time)
        return null
      }
      if (!isLoginAttempt(r)) {
        if (known !== false) newcomer.set(r.ip, false)
        return null
      }
      if (known === undefined) newcomer.set(r.ip, true)
      let w = routes.get(route)
      if (!w) {
        if (known === false) return null
        w = { failures: new SpreadWindow(cap), attempts: [] }
        routes.set(route, w)
      }
      const cutoff = r.time - opts.windowMs
      countAttempt(w, r.time)
      if (known === false) return null
      const user = usernameOf(r) ?? ''
      w.failures.add(r, r.ip, cutoff, user)
      const f = w.failures
      // Only the failures of addresses that are newcomers still: one that has since logged in or done
      // anything else was a user mistyping on a new network.
      let failures = 0
      const addresses = new Set<string>()
      const accounts = new Set<string>()
      for (let i = 0; i < f.times.length; i++) {
        const ip = f.ips[i] as string
        if (newcomer.get(ip) !== true) continue
        failures++
        addresses.add(ip)
        accounts.add(f.labels[i] as string)
      }
      const signal = (accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'credential-stuffing',
        rule: 'behaviour.stuffing-pool',
        severity: 'high',
        confidence: confidenceOver(addresses.size, opts.distinctAddresses, 0.6),
        summary: `${failures} failed logins on ${route} from ${addresses.size} addresses that sent nothing else, for ${accounts.size} accounts, within ${opts.windowMs / 60_000} min`,
        details: {
          failures,
          distinctAddresses: addresses.size,
          distinctAccounts: accounts.size,
        },
        accomplices,
      })
      if (f.quiet(r.time)) return f.joins(r.ip) ? signal([]) : null
      if (addresses.size < opts.distinctAddresses || accounts.size < opts.distinctAccounts)
        return null
      if (failures < opts.minShare * w.attempts.length) return null
      const named = f.tip(r.ip, r.time + opts.suppressMs, cutoff)
      return signal(named.filter((ref) => ref.ip !== null && newcomer.get(ref.ip) === true))
    },
  }
}
