// Synthetic identities: one address opening account after account, each on a made-up or stolen identity whose
// documents the identity check keeps refusing (a fabricated ID card, a selfie that does not match) until a
// forgery passes. A person whose document is refused retries their own, for one account; a campus or a branch
// where many people sign up sees a refused photo now and then. So: three accounts or more opened from one
// address within a day (sign-ups naming different e-mail addresses; a farm opens one every few hours, all day
// and night), and their identity documents refused at least three times, and at least half as many times as
// accounts were opened. Or three of those accounts given distinct phone numbers from one block of ten
// thousand (all but the last four digits alike: …3583, …3584, …3585, or …86 3030, …86 4476, …86 9558): a
// batch of SIM cards bought together, one per made-up person; a family's or a campus's phones were not issued
// from one block.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import {
  keepRecent,
  timeItself,
  touchRecent,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'
import { inSeries } from './allocation-farming'
import { phoneOf } from './number-walk'
import { SIGNUP_PATH } from './path-words'
import { signupEmailOf } from './signup-mailbox'

export interface SyntheticIdentitiesOptions {
  readonly windowMs: number
  /** Accounts opened from the address… */
  readonly signups: number
  /** …and identity documents refused at least this many times… */
  readonly refused: number
  /** …and at least this share of the accounts opened. */
  readonly refusedShare: number
  /** Or: accounts opened with phone numbers lying within this span of each other. */
  readonly phoneSeries: number
  readonly phoneSpan: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_SYNTHETIC_IDENTITIES: SyntheticIdentitiesOptions = {
  windowMs: 24 * 3_600_000,
  signups: 3,
  refused: 3,
  refusedShare: 0.5,
  phoneSeries: 3,
  phoneSpan: 9_999,
  suppressMs: 6 * 3_600_000,
  maxAddresses: 50_000,
}

// An identity check: e-KYC, identity documents, a selfie or liveness check, an ID's verification.
const IDENTITY_CHECK_PATH =
  /(?:^|[/_.-])(?:e?kyc|identity|id-?verification|verify-?identity|id-?documents?|documents?|selfie|liveness)(?:$|[/_.-])/i
/** Accounts and refusals kept per address: enough for the thresholds, bounded. */
const MAX_KEPT = 32

interface Address {
  /** e-mail → when its sign-up was accepted, and the phone number it gave (NaN for none) */
  readonly signups: Map<string, [number, number]>
  /** When identity documents were refused */
  readonly refusals: number[]
  quietUntil: number
}

/** Creates the synthetic-identity sign-up detector (per client address). */
export function createSyntheticIdentitiesDetector(
  opts = DEFAULT_SYNTHETIC_IDENTITIES,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.method !== 'POST' || r.ip === null || r.status === null) return null
      const ok = r.status >= 200 && r.status < 300
      const refused = r.status === 400 || r.status === 422
      if (!ok && !refused) return null
      const cutoff = r.time - opts.windowMs
      if (IDENTITY_CHECK_PATH.test(r.path)) {
        if (!refused) return null
        const a = addresses.get(r.ip)
        if (a === undefined) return null
        keepRecent(a.refusals, cutoff, MAX_KEPT, timeItself)
        a.refusals.push(r.time)
        return judge(r, a)
      }
      if (!ok || r.body === null || !SIGNUP_PATH.test(r.path)) return null
      const key = signupEmailOf(r.body)
      if (key === null) return null
      let a = addresses.get(r.ip)
      if (a === undefined) {
        a = { signups: new Map(), refusals: [], quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      const seen: [number, number] = [r.time, phoneOf(r) ?? NaN]
      touchRecent(a.signups, key, seen, cutoff, MAX_KEPT, (v) => v[0])
      return judge(r, a)
    },
  }

  function judge(r: RequestRecord, a: Address): BehaviourSignal | null {
    const cutoff = r.time - opts.windowMs
    let signups = 0
    const phones: number[] = []
    for (const [t, phone] of a.signups.values())
      if (t >= cutoff) {
        signups++
        phones.push(phone)
      }
    const refused = a.refusals.filter((t) => t >= cutoff).length
    if (r.time < a.quietUntil || signups < opts.signups) return null
    const byRefusals = refused >= opts.refused && refused >= opts.refusedShare * signups
    // distinct numbers: a parent may give one phone for the children's accounts
    const bySim = !byRefusals && inSeries([...new Set(phones)], opts.phoneSeries, opts.phoneSpan)
    if (!byRefusals && !bySim) return null
    a.quietUntil = r.time + opts.suppressMs
    return {
      category: 'other',
      rule: 'behaviour.synthetic-identities',
      severity: 'medium',
      confidence: 0.7,
      summary: byRefusals
        ? `${signups} accounts opened from ${r.ip as string} within ${windowText(opts.windowMs)}, their identity documents refused ${refused} times: identities made up or stolen, retried until a forgery passes`
        : `${signups} accounts opened from ${r.ip as string} within ${windowText(opts.windowMs)}, ${opts.phoneSeries} or more of them with phone numbers in a series: one batch of SIM cards for made-up or stolen identities`,
      details: { signups, refused, phoneSeries: bySim ? 1 : 0 },
    }
  }
}
