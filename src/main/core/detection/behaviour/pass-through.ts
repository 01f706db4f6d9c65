// Money passing through: an address puts money in (a deposit, a top-up, a bank transfer's virtual
// account) and takes it straight out again, trading nothing in between, time after time in a day. It is
// the mule's pattern (a layering step in laundering terms): the account exists to receive money from
// others and pass it on, so what arrives leaves within the hour, to one registered bank account, and the
// operator does it again when the next payment lands, in one account or the next on the same phone.
// A client who funds an account trades with it; one who deposits and withdraws the same day does it
// once (the wrong amount, a changed mind), not three times. A carrier's NAT mixes many users' deposits
// and withdrawals, so addresses many accounts come from (shared-egress.ts) are left out.
//
// A pass is a withdrawal (2xx) within the hour after the first deposit since the last withdrawal or
// order; an order placed in between makes the money the client's own. Setting up where money goes is not
// a withdrawal here: the takeover detectors watch that.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { keepRecent, windowText, type BehaviourDetector } from './behaviour-signal'
import { MONEY_IN_PATH, MONEY_OUT_PATH } from './money-paths'
import { placesOrder } from './pump-rotation'
import type { SharedEgress } from './shared-egress'

export interface PassThroughOptions {
  /** From a deposit to the withdrawal that takes it out, at most. */
  readonly passMs: number
  readonly windowMs: number
  /** Passes from one address in the window. */
  readonly passes: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_PASS_THROUGH: PassThroughOptions = {
  passMs: 3_600_000,
  windowMs: 24 * 3_600_000,
  passes: 3,
  suppressMs: 12 * 3_600_000,
  maxAddresses: 50_000,
}

/** Passes kept per address: enough for the threshold, bounded under a flood. */
const MAX_PASSES = 16

interface Address {
  /** When money first went in since the last withdrawal or order; 0 when none is waiting. */
  inAt: number
  /** Withdrawals that took deposited money straight out: their times. */
  passes: number[]
  quietUntil: number
}

/** Creates the money-passing-through detector (per client address). */
export function createPassThroughDetector(
  opts = DEFAULT_PASS_THROUGH,
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
      if (MONEY_OUT_PATH.test(r.path)) {
        const a = addresses.get(r.ip)
        if (!a || a.inAt === 0) return null
        const pass = r.time - a.inAt <= opts.passMs
        a.inAt = 0
        if (!pass) return null
        keepRecent(a.passes, r.time - opts.windowMs, MAX_PASSES, (t) => t)
        a.passes.push(r.time)
        if (a.passes.length < opts.passes || r.time < a.quietUntil) return null
        if (egress?.shared(r.ip) ?? false) return null
        a.quietUntil = r.time + opts.suppressMs
        return {
          category: 'other',
          rule: 'behaviour.pass-through',
          severity: 'high',
          confidence: Math.min(0.9, 0.6 + 0.1 * (a.passes.length - opts.passes)),
          summary: `${r.ip} put money in and took it straight out again ${a.passes.length} times within ${windowText(opts.windowMs)}, trading nothing in between: an account passing money on`,
          details: { passes: a.passes.length },
        }
      }
      if (MONEY_IN_PATH.test(r.path)) {
        const a = addresses.get(r.ip)
        if (!a) addresses.set(r.ip, { inAt: r.time, passes: [], quietUntil: 0 })
        else if (a.inAt === 0) a.inAt = r.time
        return null
      }
      if (placesOrder(r)) {
        const a = addresses.get(r.ip)
        if (a) a.inAt = 0
      }
      return null
    },
  }
}
