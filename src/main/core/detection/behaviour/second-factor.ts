// A second factor guessed by someone who has the password: the password step succeeds, then one-time code
// after code is refused, and when the challenge runs out of tries the password is entered again for a
// fresh one. Each address guesses three or four codes per challenge and a few challenges, under every
// per-address threshold, often from several addresses in turn. What tells is the account: many refused
// codes, over two challenges or more, and no code accepted. A holder who mistypes a code gets the next
// one right (and is then forgotten); a holder whose authenticator drifted fails a few times and gives up,
// or calls support.
//
// The code's request rarely names the account (a transaction id, a code): it is the account whose
// password step last succeeded from the same address, minutes before.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, SECOND_FACTOR_PATH, usernameOf } from '../bruteforce'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  dropBefore,
  keepRecent,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface SecondFactorOptions {
  readonly windowMs: number
  /** Refused codes for one account in the window… */
  readonly refused: number
  /** …over at least this many challenges (password steps that succeeded)… */
  readonly challenges: number
  /** How long after a password step a code from the same address is taken to be for its account. */
  readonly linkMs: number
  readonly suppressMs: number
  readonly maxAccounts: number
  readonly maxAddresses: number
}

export const DEFAULT_SECOND_FACTOR: SecondFactorOptions = {
  windowMs: 60 * 60_000,
  refused: 8,
  challenges: 2,
  linkMs: 10 * 60_000,
  suppressMs: 60 * 60_000,
  maxAccounts: 50_000,
  maxAddresses: 100_000,
}

const MAX_EVENTS = 64

interface Account {
  /** Refused codes in the window, with the address of each. */
  refused: WindowRef[]
  /** When password steps that succeeded came, in the window. */
  challenges: number[]
  quietUntil: number
  named: Set<string> | null
}

/** Creates the second-factor guessing detector (per account). */
export function createSecondFactorDetector(opts = DEFAULT_SECOND_FACTOR): BehaviourDetector {
  const accounts = createBoundedMap<string, Account>(opts.maxAccounts)
  /** address → the account whose password step last succeeded there, and when */
  const passed = createBoundedMap<string, { account: string; time: number }>(opts.maxAddresses)
  return {
    get size() {
      return accounts.size + passed.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null || r.status === null || r.method !== 'POST') return null
      const ok = r.status >= 200 && r.status < 300
      if (SECOND_FACTOR_PATH.test(r.path)) {
        const p = passed.get(r.ip)
        if (p === undefined || r.time - p.time > opts.linkMs) return null
        if (ok) {
          // The code was right: the holder is in, and their account is forgotten.
          accounts.delete(p.account)
          return null
        }
        if (r.status !== 400 && r.status !== 401 && r.status !== 403 && r.status !== 422)
          return null
        const a = accounts.get(p.account)
        if (a === undefined) return null
        return refusedCode(a, r, opts)
      }
      if (!ok || !isLoginAttempt(r)) return null
      const user = usernameOf(r)
      if (user === null) return null
      passed.set(r.ip, { account: user, time: r.time })
      let a = accounts.get(user)
      if (!a) {
        a = { refused: [], challenges: [], quietUntil: 0, named: null }
        accounts.set(user, a)
      }
      const cutoff = r.time - opts.windowMs
      keepRecent(a.challenges, cutoff, MAX_EVENTS, (t) => t)
      a.challenges.push(r.time)
      return null
    },
  }
}

/** Counts a refused code for the account; reports it once the account has had enough of them. */
function refusedCode(
  a: Account,
  r: RequestRecord,
  opts: SecondFactorOptions,
): BehaviourSignal | null {
  const cutoff = r.time - opts.windowMs
  keepRecent(a.refused, cutoff, MAX_EVENTS, (ref) => ref.time)
  a.refused.push(refOf(r))
  const ip = r.ip as string
  if (r.time < a.quietUntil) {
    if (a.named === null || a.named.has(ip)) return null
    a.named.add(ip)
    return signalOf(a, opts, [])
  }
  dropBefore(a.challenges, cutoff)
  if (a.refused.length < opts.refused || a.challenges.length < opts.challenges) return null
  a.quietUntil = r.time + opts.suppressMs
  const others = new Map<string, WindowRef>()
  for (const ref of a.refused) if (ref.ip !== null && ref.ip !== ip) others.set(ref.ip, ref)
  a.named = new Set([ip, ...others.keys()])
  return signalOf(a, opts, [...others.values()])
}

function signalOf(
  a: Account,
  opts: SecondFactorOptions,
  accomplices: WindowRef[],
): BehaviourSignal {
  const addresses = new Set(a.refused.map((ref) => ref.ip)).size
  return {
    category: 'bruteforce',
    rule: 'behaviour.second-factor-guessing',
    severity: 'high',
    confidence: confidenceOver(a.refused.length, opts.refused, 0.7),
    summary: `${a.refused.length} one-time codes refused for one account within ${windowText(opts.windowMs)}, over ${a.challenges.length} password steps that succeeded, from ${addresses} address(es), and none accepted: the password is known, the second factor guessed`,
    details: {
      refusedCodes: a.refused.length,
      challenges: a.challenges.length,
      addresses,
    },
    accomplices,
  }
}
