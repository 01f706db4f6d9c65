// Bonus abuse: one address opening account after account, each new account claiming the welcome bonus,
// the promotion or the referral reward, and doing little else. A sign-up bot behind rotating proxies
// opens two or three accounts per address in a few hours; a person opens one. Each request is ordinary:
// a sign-up, a login, a claim, perhaps the deposit the offer asks for.
//
// What it is not: a carrier's NAT or a library's network where several people sign up on launch day
// carries established accounts too, and few of them claim anything. So the claiming accounts must be at
// least half of the accounts seen at the address since its first sign-up, and an address that already
// carried several accounts before it (shared egress, shared-egress.ts) must show three times the numbers.
// A sign-up frenzy without claims (a new listing) is left to the other detectors.
import { CLAIM_WORDS, REWARD_WORDS, segmentRegex, SIGNUP_PATH } from './path-words'
import { createBoundedMap } from '../bounded-map'
import { usernameOf } from '../bruteforce'
import type { RequestRecord } from '../request-record'
import { scrubSecrets } from '../redact'
import { confidenceOver, type BehaviourDetector } from './behaviour-signal'
import type { SharedEgress } from './shared-egress'

export interface AccountFarmingOptions {
  readonly windowMs: number
  /** Accounts opened from the address in the window… */
  readonly signups: number
  /** …and accounts claiming a reward from it, at least this many… */
  readonly claimers: number
  /** …being at least this share of the accounts seen at the address in the window. */
  readonly minShare: number
  /** How much more an address already carrying several accounts must show. */
  readonly sharedFactor: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_ACCOUNT_FARMING: AccountFarmingOptions = {
  windowMs: 6 * 3_600_000,
  signups: 2,
  claimers: 2,
  minShare: 0.5,
  sharedFactor: 3,
  suppressMs: 6 * 3_600_000,
  maxAddresses: 50_000,
}

// A reward (promotion, bonus, referral, voucher, coupon, offer, cashback) being claimed or redeemed.
const REWARD_PATH = segmentRegex(`${REWARD_WORDS}|cashback`)
const CLAIM_PATH = segmentRegex(CLAIM_WORDS)

/** Accounts kept per address and window: enough to judge, bounded under a flood. */
const MAX_KEPT = 64

interface Window {
  /** Accounts opened (names as the sign-up gave them), with when. */
  signups: { name: string; time: number }[]
  /** Consumers seen at the address, with when each was last seen (oldest first). */
  seen: Map<string, number>
  /** Consumers that claimed a reward, with when. */
  claims: Map<string, number>
  /** The address carried several accounts before its first sign-up. */
  shared: boolean
  quietUntil: number
}

/** Creates the per-address account-farming detector. */
export function createAccountFarmingDetector(
  opts = DEFAULT_ACCOUNT_FARMING,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxAddresses)
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      let w = windows.get(r.ip)
      const signup =
        r.method === 'POST' && r.status >= 200 && r.status < 300 && SIGNUP_PATH.test(r.path)
      // Only an address that opened an account is followed.
      if (!w && !signup) return null
      const name = signup ? usernameOf(r) : null
      if (!w) {
        if (name === null) return null
        const shared = egress?.shared(r.ip) ?? false
        w = { signups: [], seen: new Map(), claims: new Map(), shared, quietUntil: 0 }
        windows.set(r.ip, w)
      }
      const cutoff = r.time - opts.windowMs
      if (name !== null && !w.signups.some((s) => s.name === name)) {
        w.signups.push({ name, time: r.time })
        if (w.signups.length > MAX_KEPT) w.signups.shift()
      }
      while (w.signups.length && (w.signups[0]?.time ?? 0) < cutoff) w.signups.shift()
      if (r.consumer !== null && r.consumer !== '') {
        w.seen.delete(r.consumer)
        w.seen.set(r.consumer, r.time)
        if (w.seen.size > MAX_KEPT) w.seen.delete(w.seen.keys().next().value as string)
        const claimed =
          (r.method === 'POST' || r.method === 'PUT') &&
          ((r.status >= 200 && r.status < 300) || r.status === 409) &&
          REWARD_PATH.test(r.path) &&
          CLAIM_PATH.test(r.path)
        if (claimed && !w.claims.has(r.consumer)) {
          w.claims.set(r.consumer, r.time)
          if (w.claims.size > MAX_KEPT) w.claims.delete(w.claims.keys().next().value as string)
        }
      }
      for (const [c, t] of w.seen) {
        if (t >= cutoff) break
        w.seen.delete(c)
      }
      for (const [c, t] of w.claims) {
        if (t >= cutoff) break
        w.claims.delete(c)
      }
      if (w.signups.length === 0 && w.claims.size === 0) {
        windows.delete(r.ip)
        return null
      }
      if (r.time < w.quietUntil) return null
      const claimers = w.claims.size
      const factor = w.shared ? opts.sharedFactor : 1
      if (w.signups.length < opts.signups * factor || claimers < opts.claimers * factor) return null
      if (claimers < opts.minShare * w.seen.size) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.account-farming',
        severity: 'medium',
        confidence: confidenceOver(claimers, opts.claimers, 0.65),
        summary: `${w.signups.length} accounts opened from ${r.ip} within ${opts.windowMs / 3_600_000} h, ${claimers} of them claiming a reward (last: ${r.method} ${scrubSecrets(r.path).slice(0, 60)})`,
        details: { signups: w.signups.length, claimers, accountsSeen: w.seen.size },
      }
    },
  }
}
