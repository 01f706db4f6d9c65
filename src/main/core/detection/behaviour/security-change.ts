// Account takeover on the way out: an account's security weakened or taken over (its e-mail or phone
// changed, a second factor added or a device removed, security alerts muted, its password changed) and,
// within the hour, money asked out of it (a withdrawal, a payout, a new withdrawal address). A thief who
// got in by SIM swap, push fatigue or a stolen session locks the holder out and silences the alerts
// before withdrawing; the holder rarely does both in one sitting. Unlike the new-network funding change,
// it needs no history of the account: the session may be the first the gateway sees of it.
//
// A withdrawal refused by a step-up check or a cooling-off period (403, 422) is counted too: it is the
// attempt that matters. Under an app's key that Kong maps to one consumer for every user (app-keys.ts), and
// for a web site's users whom the gateway knows only by their session cookie, the account is the session:
// the thief changes the contact and withdraws in one session (handed to a second machine for the cash-out,
// which is named too). Requests of the login flow itself (a password reset before signing in) are not
// account changes here, whatever session cookie they carry.
import {
  DEVICE_WORDS,
  FORGOT_WORDS,
  LIMIT_WORDS,
  SECURITY_WORDS,
  segmentRegex,
  SIGNUP_WORDS,
  STEP_UP_WORDS,
  TRANSFER_WORDS,
} from './path-words'
import { createBoundedMap } from '../bounded-map'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  accountOrSessionOf,
  joinsNamed,
  refOf,
  type BehaviourDetector,
  type WindowRef,
} from './behaviour-signal'
import { DESTINATION_PATH, MONEY_OUT_PATH } from './money-paths'

export interface SecurityChangeOptions {
  /** A withdrawal this long after a security change is reported. */
  readonly withinMs: number
  /** After a finding, the account stays quiet this long. */
  readonly suppressMs: number
  readonly maxAccounts: number
}

export const DEFAULT_SECURITY_CHANGE: SecurityChangeOptions = {
  withinMs: 60 * 60_000,
  suppressMs: 2 * 3_600_000,
  maxAccounts: 100_000,
}

// Where an account's security is changed: its second factors, recovery codes, contact e-mail and phone,
// password and security settings.
const SECURITY_PATH = new RegExp(
  `(?:^|[/_.-])(?:security|mfa|2fa|totp|authenticators?|mfa-devices|trusted-devices|recovery-codes|backup-codes|e-?mail|phone|mobile-number|contact|password|${SECURITY_WORDS})(?:$|[/_.-])`,
  'i',
)
// Alerts and notifications switched in settings (not a notification marked read).
const ALERT_SETTINGS =
  /(?:^|[/_.-])(?:settings|preferences)[/_.-](?:notifications?|alerts?)(?:$|[/_.-])/i
// A device removed from the account (not the app registering its push token on launch).
const DEVICE = segmentRegex(DEVICE_WORDS)
// The login flow, where a password is reset or a factor verified before there is a session.
const LOGIN_FLOW = segmentRegex(
  `auth|login|sessions?|oauth2?|token|forgot|signup|register|${SIGNUP_WORDS}|${FORGOT_WORDS}`,
)
// A step-up check under the security path (`/security/confirm`, `/seguranca/confirmar`): the holder
// proving presence for something else (a new payee, a withdrawal), not a change of the account's security.
const STEP_UP = new RegExp(`(?:^|[/_.-])(?:${STEP_UP_WORDS})\\/?$`, 'i')
// Money out is a withdrawal or payout (money-paths.ts), or a transfer when it follows a new destination set
// up after the change (a holder who changed their phone sends money to a payee they had; a thief to the one
// they just added).
const TRANSFER = new RegExp(`(?:^|[/_.-])(?:transfers?|${TRANSFER_WORDS})\\/?$`, 'i')
// A transfer limit raised (`PUT /pix/limites`): after a change, as good as a new destination, since the
// thief raises the limit to send more than the holder ever did.
const LIMIT = segmentRegex(LIMIT_WORDS)

/** Addresses named for one finding, at most. */
const MAX_NAMED = 8

interface Account {
  /** The latest security change. */
  change: WindowRef
  changePath: string
  /** When a destination for money was last set up (0: never). */
  destinationAt: number
  quietUntil: number
  /** While quiet after a finding, the addresses named for it: a new one asking money out is named too. */
  named: Set<string> | null
}

/** True for a successful request that changes the account's security (see the file comment). */
function securityChange(r: RequestRecord): boolean {
  if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') return false
  if (LOGIN_FLOW.test(r.path) || STEP_UP.test(r.path)) return false
  if (SECURITY_PATH.test(r.path) || ALERT_SETTINGS.test(r.path)) return true
  return r.method === 'DELETE' && DEVICE.test(r.path)
}

/** Creates the security-change-then-withdrawal detector (per consumer, or per session of an app's key). */
export function createSecurityChangeDetector(
  opts = DEFAULT_SECURITY_CHANGE,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const accounts = createBoundedMap<string, Account>(opts.maxAccounts)
  return {
    get size() {
      return accounts.size
    },
    observe(r: RequestRecord) {
      if (r.status === null) return null
      // Reads are most traffic and change nothing.
      if (r.method === 'GET' || r.method === 'HEAD' || r.method === 'OPTIONS') return null
      const account = accountOrSessionOf(r, appKeys)
      if (account === null) return null
      if (r.status >= 200 && r.status < 300 && securityChange(r)) {
        const a = accounts.get(account)
        const path = scrubSecrets(r.path).slice(0, 60)
        if (a) {
          a.change = refOf(r)
          a.changePath = path
        } else
          accounts.set(account, {
            change: refOf(r),
            changePath: path,
            destinationAt: 0,
            quietUntil: 0,
            named: null,
          })
        return null
      }
      const ok = r.status >= 200 && r.status < 300
      if (ok && (r.method === 'PUT' || r.method === 'PATCH') && LIMIT.test(r.path)) {
        const a = accounts.get(account)
        if (a) a.destinationAt = r.time
        return null
      }
      if (r.method !== 'POST' && r.method !== 'PUT') return null
      if (ok && DESTINATION_PATH.test(r.path)) {
        const a = accounts.get(account)
        if (a) a.destinationAt = r.time
        return null
      }
      // A withdrawal attempt, answered or refused (not a 401: no session, nothing asked).
      if (r.status >= 500 || r.status === 401) return null
      const withdrawal = MONEY_OUT_PATH.test(r.path)
      if (!withdrawal && !TRANSFER.test(r.path)) return null
      const a = accounts.get(account)
      if (!a) return null
      if (r.time < a.quietUntil) {
        // Reported already: the account's money asked out from yet another address (the cash-out
        // handed to a second machine) names that address too, once.
        if (r.ip === null || !joinsNamed(a.named, r.ip, MAX_NAMED)) return null
      } else {
        if (r.time - a.change.time > opts.withinMs) return null
        if (!withdrawal && a.destinationAt < a.change.time) return null
        a.quietUntil = r.time + opts.suppressMs
        a.named = r.ip === null ? new Set() : new Set([r.ip])
      }
      const minutes = Math.max(1, Math.round((r.time - a.change.time) / 60_000))
      return {
        category: 'other',
        rule: 'behaviour.security-change-withdrawal',
        severity: 'high',
        confidence: 0.8,
        summary: `${r.method} ${scrubSecrets(r.path).slice(0, 60)} (${r.status}) ${minutes} min after ${a.changePath} changed the account's security`,
        details: { minutesAfterChange: minutes, status: r.status },
        accomplices: a.change.ip !== r.ip ? [a.change] : [],
      }
    },
  }
}
