// Account takeover at a broker, cashed out in two sittings: the thief signs in, points the account's
// payouts at a bank account of their own, sells the holdings at market (a broker pays out cash, not
// shares), and comes back hours later, once the sales have settled into cash, to withdraw it all to the
// "registered" account, which is now theirs. The second sitting is often from another address and always
// another session; what ties it to the first is the login name.
//
// The first sitting is judged on its own: a session that changed where payouts go and within minutes sold
// two or more different holdings, from the same address (a consumer every web user shares is no session). A holder who changes their bank withdraws cash they have; one selling
// out right after changing where the money goes is what a fraud team calls about. The second: after such a
// finding, the same login name signed in from another address, and money asked out from that address soon
// after (the withdrawal, whatever destination it names), within the hours a sale takes to settle.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  accountOrSessionOf,
  joinsNamed,
  refOf,
  refusedAfterReading,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { DESTINATION_PATH, MONEY_OUT_PATH } from './money-paths'
import { orderOf } from './pump-rotation'

export interface PayoutChangeSellOffOptions {
  /** Sales this long after the payout change count… */
  readonly sellWithinMs: number
  /** …when they are at least this many different instruments. */
  readonly instruments: number
  /** A login this long before the change names whose account it was. */
  readonly loginBeforeMs: number
  /** After a finding, the login name's withdrawals from other addresses are named this long. */
  readonly followMs: number
  /** A withdrawal this long after the login name signed in from an address is that sitting's. */
  readonly withdrawAfterLoginMs: number
  readonly maxEntries: number
}

export const DEFAULT_PAYOUT_CHANGE_SELL_OFF: PayoutChangeSellOffOptions = {
  sellWithinMs: 15 * 60_000,
  instruments: 2,
  loginBeforeMs: 30 * 60_000,
  followMs: 24 * 3_600_000,
  withdrawAfterLoginMs: 15 * 60_000,
  maxEntries: 50_000,
}

/** Instruments kept per session, and addresses named per login name. */
const MAX_SOLD = 8
const MAX_NAMED = 8

interface Session {
  change: WindowRef
  changePath: string
  /** Who signed in from the change's address shortly before it (null: unknown). */
  login: string | null
  sold: Set<string>
  reported: boolean
}

interface Flagged {
  until: number
  change: WindowRef
  named: Set<string>
}

function ok(status: number): boolean {
  return status >= 200 && status < 300
}

/** Creates the payout-change-then-sell-off detector (per session, and per login name after a finding). */
export function createPayoutChangeSellOffDetector(
  opts = DEFAULT_PAYOUT_CHANGE_SELL_OFF,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  /** address → the last login that worked from it */
  const logins = createBoundedMap<string, { name: string; time: number }>(opts.maxEntries)
  const sessions = createBoundedMap<string, Session>(opts.maxEntries)
  const flagged = createBoundedMap<string, Flagged>(opts.maxEntries)
  return {
    get size() {
      return logins.size + sessions.size + flagged.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.status === null || r.ip === null) return null
      if (r.method !== 'POST' && r.method !== 'PUT' && r.method !== 'PATCH') return null
      // a login that names its user (an API key on every call of an app is no login here)
      const name = ok(r.status) && isLoginAttempt(r) ? usernameOf(r) : null
      if (name !== null) {
        logins.set(r.ip, { name, time: r.time })
        return null
      }
      if (ok(r.status) && DESTINATION_PATH.test(r.path)) {
        const account = accountOrSessionOf(r, appKeys)
        if (account === null) return null
        const login = logins.get(r.ip)
        sessions.set(account, {
          change: refOf(r),
          changePath: scrubSecrets(r.path).slice(0, 60),
          login:
            login !== undefined && r.time - login.time <= opts.loginBeforeMs ? login.name : null,
          sold: new Set(),
          reported: false,
        })
        return null
      }
      if (r.method === 'POST' && MONEY_OUT_PATH.test(r.path)) {
        if (!ok(r.status) && !refusedAfterReading(r.status)) return null
        return secondSitting(r)
      }
      // Only a session that has just changed its payouts has its order read (pump-rotation reads every
      // order's body already; nearly no session has changed anything).
      const account = accountOrSessionOf(r, appKeys)
      const s = account === null ? undefined : sessions.get(account)
      if (s === undefined || s.reported || s.change.ip !== r.ip) return null
      if (r.time - s.change.time > opts.sellWithinMs) return null
      const o = orderOf(r, appKeys)
      if (o === null || o.buy) return null
      if (s.sold.size < MAX_SOLD) s.sold.add(o.instrument)
      if (s.sold.size < opts.instruments) return null
      s.reported = true
      if (s.login !== null) {
        flagged.set(s.login, {
          until: r.time + opts.followMs,
          change: s.change,
          named: new Set([r.ip]),
        })
      }
      const minutes = Math.max(1, Math.round((r.time - s.change.time) / 60_000))
      return {
        category: 'other',
        rule: 'behaviour.payout-change-sell-off',
        severity: 'high',
        confidence: 0.75,
        summary: `${s.sold.size} different holdings sold ${minutes} min after ${s.changePath} changed where the account's payouts go, in the same session: a taken-over account being turned into cash for the new destination`,
        details: { instruments: s.sold.size, minutesAfterChange: minutes },
      }
    },
  }

  /** Money asked out from an address where a flagged login name has just signed in. */
  function secondSitting(r: RequestRecord): BehaviourSignal | null {
    const ip = r.ip as string
    const login = logins.get(ip)
    if (login === undefined || r.time - login.time > opts.withdrawAfterLoginMs) return null
    const f = flagged.get(login.name)
    if (f === undefined || r.time > f.until || !joinsNamed(f.named, ip, MAX_NAMED)) return null
    const hours = (r.time - f.change.time) / 3_600_000
    return {
      category: 'other',
      rule: 'behaviour.payout-change-sell-off',
      severity: 'high',
      confidence: 0.8,
      summary: `${r.method} ${scrubSecrets(r.path).slice(0, 60)} (${r.status}) from ${ip}, signed in as the login whose payouts were redirected and holdings sold ${hours < 1 ? 'within the hour' : `${Math.round(hours)} h`} before (${windowText(opts.followMs)} followed)`,
      details: { hoursAfterChange: Math.round(hours * 10) / 10, status: r.status as number },
      accomplices: [f.change],
    }
  }
}
