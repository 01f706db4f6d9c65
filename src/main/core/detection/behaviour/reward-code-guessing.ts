// Promotion and voucher codes guessed: an address posting code after code to the site's redeem or claim
// endpoint, nearly all refused as unknown (404, 400, 422), in the hope that one of the campaign's codes,
// or a code given to someone else, is accepted. A customer types the code from the mail, mistypes it once
// or twice, and stops.
//
// Refused POSTs (4xx but 401 and 429: the code was read, and turned down) to a reward path carrying a code
// in their body, per client address, within the window: enough distinct codes.
import { createBoundedMap } from '../bounded-map'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import {
  refusedAfterReading,
  timeItself,
  touchRecent,
  windowText,
  type BehaviourDetector,
} from './behaviour-signal'
import { REWARD_WORDS, segmentRegex } from './path-words'

export interface RewardCodeGuessingOptions {
  readonly windowMs: number
  /** Distinct codes refused from one address in the window. */
  readonly codes: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_REWARD_CODE_GUESSING: RewardCodeGuessingOptions = {
  windowMs: 60 * 60_000,
  codes: 8,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 50_000,
}

// A promotion, bonus, referral, voucher or coupon (in the desks' languages), or redeeming or claiming one.
const REWARD_PATH = segmentRegex(`${REWARD_WORDS}|redeem|claim`)
// The code a body carries: `"code"`, `"promo_code"`, `"voucher"`, `"coupon"`, `"cupom"`…
const CODE_FIELD =
  /"(?:code|promo_?code|coupon(?:_?code)?|voucher(?:_?code)?|referral_?code|cupom|cupon|codigo|kod|kupon_?kodu)"\s*:\s*"([^"]{2,64})"/i
/** Codes kept per address. */
const MAX_CODES = 16

interface Address {
  /** code → when it was last refused */
  readonly codes: Map<string, number>
  quietUntil: number
}

/** Creates the reward-code guessing detector (per client address). */
export function createRewardCodeGuessingDetector(
  opts = DEFAULT_REWARD_CODE_GUESSING,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.method !== 'POST' || r.ip === null || r.status === null || r.body === null) return null
      if (!refusedAfterReading(r.status)) return null
      if (!REWARD_PATH.test(r.path)) return null
      const code = CODE_FIELD.exec(r.body.slice(0, 2048))?.[1]
      if (code === undefined) return null
      let a = addresses.get(r.ip)
      if (a === undefined) {
        a = { codes: new Map(), quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      touchRecent(
        a.codes,
        code.trim().toUpperCase(),
        r.time,
        r.time - opts.windowMs,
        MAX_CODES,
        timeItself,
      )
      if (r.time < a.quietUntil || a.codes.size < opts.codes) return null
      a.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.reward-code-guessing',
        severity: 'medium',
        confidence: 0.7,
        summary: `${a.codes.size} different codes refused on ${r.method} ${scrubSecrets(r.path).slice(0, 60)} and the like within ${windowText(opts.windowMs)}: promotion or voucher codes guessed`,
        details: { codes: a.codes.size, status: r.status },
      }
    },
  }
}
