// One signed-in session moving money for many of the broker's accounts, refused account after account: a
// session the site issued to one customer asking deposits, withdrawals or transfers for other customers'
// accounts. Guessed one-time payment codes (a BLIK code a stranger generated in their bank app, tried
// against account after account in the hope one is live), a broken access check probed with other
// people's account numbers, a stolen session used to try every account of a list. A customer moves
// money for their own account or two (a sub-account, a joint one), and a payment refused during a
// provider's outage is retried for the same account.
//
// Money-moving POSTs or PUTs (a deposit, a top-up, a withdrawal, a transfer, a payment) carrying an
// account in their body, per session (a cookie, a bearer token the gateway logged readable: sessionKey),
// within the window: enough distinct accounts, most of them refused (4xx other than 401 and 429: the
// request was read, and turned down). Partners and robo-advisers act for many accounts under their API
// key, with no session, and are not read here; nor are back-office consoles' reads.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import {
  joinsNamed,
  refusedAfterReading,
  touchRecent,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'
import { MONEY_IN_WORDS, MONEY_OUT_WORDS, PAYMENT_WORDS, TRANSFER_WORDS } from './path-words'

export interface AccountSpreadOptions {
  readonly windowMs: number
  /** Distinct accounts named by one session's money-moving requests in the window… */
  readonly accounts: number
  /** …this many of them refused every time. */
  readonly refused: number
  readonly suppressMs: number
  readonly maxSessions: number
}

export const DEFAULT_ACCOUNT_SPREAD: AccountSpreadOptions = {
  windowMs: 60 * 60_000,
  accounts: 6,
  refused: 5,
  suppressMs: 3 * 3_600_000,
  maxSessions: 50_000,
}

// Money moved in or out: a deposit or top-up (in the desks' languages: depósito, Einzahlung, wpłata,
// yatırma, setoran…), a withdrawal or payout, a transfer, a payment.
const MONEY_PATH = new RegExp(
  `(?:^|[/_.-])(?:${MONEY_IN_WORDS}|fund(?:ing)?|withdraw(?:al)?s?|payouts?|transfers?|payments?|blik|${MONEY_OUT_WORDS}|${TRANSFER_WORDS}|${PAYMENT_WORDS})(?:$|[/?_.-])`,
  'i',
)
// The account a body names: `"account": "1011892-01"`, `accountId`, `account_no`, `konto`, `hesap`…
const ACCOUNT_FIELD =
  /"(?:account|account_?id|account_?no|account_?number|acct|konto|numer_?konta|hesap|hesap_?no|conta|cuenta|compte|conto|rekening)"\s*:\s*"?([A-Za-z0-9][\w./-]{2,39})/i

/** Addresses named for one session's finding, at most. */
const MAX_NAMED = 16
/** Accounts kept per session. */
const MAX_ACCOUNTS = 16

interface Session {
  /** account → [last seen, refused every time so far] */
  readonly accounts: Map<string, [number, boolean]>
  quietUntil: number
  named: Set<string> | null
}

const timeOf = (v: [number, boolean]): number => v[0]

/** Creates the many-accounts-per-session payment detector. */
export function createAccountSpreadDetector(opts = DEFAULT_ACCOUNT_SPREAD): BehaviourDetector {
  const sessions = createBoundedMap<number, Session>(opts.maxSessions)
  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if ((r.method !== 'POST' && r.method !== 'PUT') || r.status === null || r.body === null)
        return null
      if (r.ip === null || !MONEY_PATH.test(r.path)) return null
      const account = ACCOUNT_FIELD.exec(r.body.slice(0, 2048))?.[1]
      if (account === undefined) return null
      const key = sessionKey(r)
      if (key === 0) return null
      let s = sessions.get(key)
      if (s === undefined) {
        s = { accounts: new Map(), quietUntil: 0, named: null }
        sessions.set(key, s)
      }
      if (r.time < s.quietUntil) {
        // the session found so, used from yet another address: named too, once
        if (!joinsNamed(s.named, r.ip, MAX_NAMED)) return null
        return {
          category: 'other',
          rule: 'behaviour.payments-for-many-accounts',
          severity: 'high',
          confidence: 0.7,
          summary: `a session already found asking payments for many accounts, used from another address (${s.named!.size} named)`,
          details: { accounts: s.accounts.size },
        }
      }
      const refused = refusedAfterReading(r.status)
      const before = s.accounts.get(account)
      touchRecent(
        s.accounts,
        account,
        [r.time, refused && (before === undefined || before[1])],
        r.time - opts.windowMs,
        MAX_ACCOUNTS,
        timeOf,
      )
      if (s.accounts.size < opts.accounts) return null
      let refusedAccounts = 0
      for (const [, wasRefused] of s.accounts.values()) if (wasRefused) refusedAccounts++
      if (refusedAccounts < opts.refused) return null
      s.quietUntil = r.time + opts.suppressMs
      s.named = new Set([r.ip])
      return {
        category: 'other',
        rule: 'behaviour.payments-for-many-accounts',
        severity: 'high',
        confidence: 0.75,
        summary: `one session asked payments for ${s.accounts.size} different accounts within ${windowText(opts.windowMs)}, ${refusedAccounts} of them refused every time`,
        details: { accounts: s.accounts.size, refusedAccounts },
      }
    },
  }
}
