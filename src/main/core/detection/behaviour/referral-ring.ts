// A referral ring: one referrer's code redeemed by a run of brand-new accounts, each opened from another
// address (a mobile proxy rotating per sign-up) by the same tool on the same device build, so that the
// referrer collects a bonus per account and each account takes its welcome offer. Every request is a
// customer's ordinary sign-up and claim, and each address opens one account, so account-farming.ts (per
// address) sees nothing.
//
// What tells is the sameness across addresses. People who share a code (a campaign's, an influencer's)
// sign up over the day on every phone and browser there is; a ring's accounts come in minutes apart from
// one app build on one device model. So: one code claimed within two hours by accounts from at least eight
// addresses, four in five of them sending the very same app user agent (device model, OS and app version).
// Browsers' user agents are shared by millions and are not read as a device.
//
// Or the mailboxes: one code redeemed within two hours by three new accounts or more opened on throwaway
// mailboxes (see signup-mailbox.ts), from any addresses. A ring that rotates devices and proxies still
// needs an inbox per account, and takes the ones that cost nothing. People who share a code sign up with
// the mailbox they keep. Once the code is named, each later account opened on it with a throwaway mailbox
// is named too while the finding lasts (the farm works through the day, a pair of accounts at a time).
import { REWARD_WORDS, segmentRegex, SIGNUP_SLUGS } from './path-words'
import { isThrowawayMailbox, signupEmailOf } from './signup-mailbox'
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  fromBrowser,
  keepRecent,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
  userAgentOf,
} from './behaviour-signal'

export interface ReferralRingOptions {
  readonly windowMs: number
  /** Addresses that redeemed the code in the window… */
  readonly addresses: number
  /** …this share of them with the same app user agent. */
  readonly sameDevice: number
  /** Or: accounts opened on throwaway mailboxes that redeemed the code in the window. */
  readonly throwaway: number
  readonly suppressMs: number
  readonly maxCodes: number
}

export const DEFAULT_REFERRAL_RING: ReferralRingOptions = {
  windowMs: 2 * 3_600_000,
  addresses: 8,
  sameDevice: 0.8,
  throwaway: 3,
  suppressMs: 6 * 3_600_000,
  maxCodes: 10_000,
}

// Sign-ups (which may carry the code) and claims or redemptions of a referral, promotion or invitation.
const SIGNUP_PATH = segmentRegex(`${SIGNUP_SLUGS}|applications?`)
const REWARD_PATH = segmentRegex(`${REWARD_WORDS}|invites?|invitations?`)
// The code in a JSON or form body: `referral_code`, `referralCode`, `promo_code`, `inviteCode`, or a bare
// `code` sent to a reward endpoint.
const NAMED_CODE =
  /["&]?(?:(?:referral|referrer|ref|promo|promotion|invite|invitation|bonus|voucher|coupon)[_-]?code|(?:codigo|cod)[_-]?(?:indicacao|convite|promocional|promo|cupom|referido|invitacion|cupon)|cupom|cupon|gutschein[_-]?code|code[_-]?(?:parrainage|promo)|codice[_-]?(?:invito|promo)|kod[_-]?(?:polecajacy|promocyjny)|davet[_-]?kodu|kode[_-]?(?:referal|promo))"?\s*[:=]\s*"?([a-z0-9][a-z0-9_-]{2,39})/i
const BARE_CODE = /(?:^|[{,&])\s*"?code"?\s*[:=]\s*"?([a-z0-9][a-z0-9_-]{2,39})/i
/** Redemptions kept per code: enough to judge, bounded under a flood. */
const MAX_KEPT = 64

interface Redemption {
  readonly ref: WindowRef
  readonly device: string
  /** The throwaway mailbox's domain the account was opened on, else null. */
  readonly throwaway: string | null
}

interface Code {
  redemptions: Redemption[]
  quietUntil: number
  named: Set<string> | null
  /** Until when later throwaway accounts on the code are named (see the mailboxes form). */
  throwawayUntil: number
}

/** The referral or promotion code a sign-up or a claim sends, upper case, or null. */
export function redeemedCode(r: RequestRecord): string | null {
  if (r.method !== 'POST' && r.method !== 'PUT') return null
  if (r.body === null || r.status === null || r.status < 200 || r.status >= 300) return null
  const reward = REWARD_PATH.test(r.path)
  if (!reward && !SIGNUP_PATH.test(r.path)) return null
  const body = r.body.slice(0, 4_096)
  const m = NAMED_CODE.exec(body) ?? (reward ? BARE_CODE.exec(body) : null)
  return m ? (m[1] as string).toUpperCase() : null
}

/** Creates the per-code referral-ring detector. */
export function createReferralRingDetector(opts = DEFAULT_REFERRAL_RING): BehaviourDetector {
  const codes = createBoundedMap<string, Code>(opts.maxCodes)
  return {
    get size() {
      return codes.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null) return null
      const code = redeemedCode(r)
      if (code === null) return null
      let c = codes.get(code)
      if (!c) {
        c = { redemptions: [], quietUntil: 0, named: null, throwawayUntil: 0 }
        codes.set(code, c)
      }
      keepRecent(c.redemptions, r.time - opts.windowMs, MAX_KEPT, (x) => x.ref.time)
      const email = r.body === null ? null : signupEmailOf(r.body)
      const throwaway =
        email !== null && isThrowawayMailbox(email) ? email.slice(email.lastIndexOf('@') + 1) : null
      // a browser's user agent is nobody's device
      c.redemptions.push({ ref: refOf(r), device: fromBrowser(r) ? '' : userAgentOf(r), throwaway })
      if (throwaway !== null) {
        const farmed = throwawayRing(c, r, throwaway, opts)
        if (farmed) return farmed
      }
      const signal = (
        addresses: number,
        same: number,
        accomplices: WindowRef[],
      ): BehaviourSignal => ({
        category: 'other',
        rule: 'behaviour.referral-ring',
        severity: 'medium',
        confidence: confidenceOver(same, opts.addresses, 0.65),
        summary: `referral code redeemed from ${addresses} addresses within ${windowText(opts.windowMs)}, ${same} of them by the same app build on the same device model: new accounts farming one referrer's bonus`,
        details: { addresses, sameDevice: same },
        accomplices,
      })
      if (r.time < c.quietUntil) {
        // an address joining the ring while it lasts, on the ring's device
        if (c.named === null || c.named.has(r.ip)) return null
        const device = c.redemptions[c.redemptions.length - 1]?.device ?? ''
        if (device === '' || !c.redemptions.some((x) => x.device === device && x.ref.ip !== r.ip))
          return null
        c.named.add(r.ip)
        return signal(c.named.size, c.named.size, [])
      }
      // Addresses per device, and in all.
      const byDevice = new Map<string, Map<string, WindowRef>>()
      const all = new Set<string>()
      for (const x of c.redemptions) {
        if (x.ref.ip === null) continue
        all.add(x.ref.ip)
        if (x.device === '') continue
        let m = byDevice.get(x.device)
        if (!m) byDevice.set(x.device, (m = new Map()))
        m.set(x.ref.ip, x.ref)
      }
      if (all.size < opts.addresses) return null
      let ring: Map<string, WindowRef> | null = null
      for (const m of byDevice.values()) if (!ring || m.size > ring.size) ring = m
      if (!ring || ring.size < opts.addresses || ring.size < opts.sameDevice * all.size) return null
      // The tipping request is one of the ring's (another's redemption may tip it next).
      if (!ring.has(r.ip)) return null
      c.quietUntil = r.time + opts.suppressMs
      c.named = new Set(ring.keys())
      const accomplices = [...ring.values()].filter((x) => x.ip !== r.ip)
      return signal(all.size, ring.size, accomplices)
    },
  }
}

/**
 * The mailboxes form: a finding when the code's accounts on throwaway mailboxes in the window reach the
 * threshold, or when one more joins a code already named; else null.
 */
function throwawayRing(
  c: Code,
  r: RequestRecord,
  domain: string,
  opts: ReferralRingOptions,
): BehaviourSignal | null {
  const farmed = c.redemptions.filter((x) => x.throwaway !== null)
  const joining = r.time < c.throwawayUntil
  if (!joining && farmed.length < opts.throwaway) return null
  let accomplices: WindowRef[] = []
  if (!joining) {
    c.throwawayUntil = r.time + opts.suppressMs
    const others = new Map<string, WindowRef>()
    for (const x of farmed) if (x.ref.ip !== null && x.ref.ip !== r.ip) others.set(x.ref.ip, x.ref)
    accomplices = [...others.values()]
  }
  return {
    category: 'other',
    rule: 'behaviour.referral-ring',
    severity: 'medium',
    confidence: confidenceOver(farmed.length, opts.throwaway, 0.65),
    summary: joining
      ? `another account opened on a throwaway mailbox (${domain}) redeemed a referral code already farmed: new accounts farming one referrer's bonus`
      : `referral code redeemed by ${farmed.length} accounts opened on throwaway mailboxes (${[...new Set(farmed.map((x) => x.throwaway))].slice(0, 3).join(', ')}) within ${windowText(opts.windowMs)}: new accounts farming one referrer's bonus`,
    details: { throwaway: farmed.length },
    accomplices,
  }
}
