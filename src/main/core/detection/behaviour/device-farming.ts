// Accounts farmed on one device: a phone (or an emulator's image) opening account after account, each for
// a sign-up bonus or a referral reward, from a new proxy address each time so that no address opens two.
// The app sends its device identifier with every request (`x-device-id`, a sign-up's `device_id`); a
// browser carries its site's first-party analytics identifier (`_ga`, Matomo's `_pk_id`, Segment's
// `ajs_anonymous_id`), set once per browser and kept for months, through every proxy. A brokerage account
// needs a person's identity: a family may open two on one device in a day, nobody three. Every address
// the device opened accounts from is named.
//
// The same person is also seen through the mailbox: Gmail ignores the dots in a name and everything after
// a `+`, so `lisa.sc.h.warz@gmail.com` and `lisaschwarz+2@gmail.com` reach one inbox, which a farmer
// uses to receive every account's confirmation. Two accounts opened on aliases of one mailbox
// (behaviour.mailbox-alias-signup) are one person's; a person retyping the same e-mail is not counted.
import { createBoundedMap, type BoundedMap } from '../bounded-map'
import { DEVICE_HEADERS } from '../api-key'
import { fnv1a32 } from '../fnv'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  joinsNamed,
  keepRecent,
  otherAddresses,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { SIGNUP_PATH } from './path-words'
import { signupEmailOf } from './signup-mailbox'

export interface DeviceFarmingOptions {
  readonly windowMs: number
  /** Accounts opened on one device in the window. */
  readonly accounts: number
  readonly suppressMs: number
  readonly maxDevices: number
}

export const DEFAULT_DEVICE_FARMING: DeviceFarmingOptions = {
  windowMs: 12 * 3_600_000,
  accounts: 3,
  suppressMs: 12 * 3_600_000,
  maxDevices: 50_000,
}

const DEVICE_FIELD = /"device_?id"\s*:\s*"([^"]{6,128})"/i
// First-party analytics identifiers a browser keeps for months (`_ga=GA1.2.<random>.<time>`).
const ANALYTICS_COOKIE =
  /(?:^|;\s*)(?:_ga|_pk_id(?:\.[\w.]{1,32})?|ajs_anonymous_id|_fbp)=("?)([^;\s"]{8,128})\1/
// Endpoints that only check whether an e-mail or phone is free: no account is opened there.
const LOOKUP =
  /(?:^|[/_.-])(?:check|available|availability|exists?|validate|verify|lookup)(?:$|[/_.-])/i
// The account a sign-up opens: its e-mail, mobile number or user name.
const NEW_ACCOUNT = /"(?:email|e-mail|mobile|phone|msisdn|username)"\s*:\s*"([^"]{3,128})"/i
/** Sign-ups kept per device: enough to judge, bounded. */
const MAX_KEPT = 32

interface Device {
  /** Accounts opened: [time, account hash, the request]. */
  opened: [number, number, WindowRef][]
  quietUntil: number
  named: Set<string> | null
}

function deviceOf(r: RequestRecord): string | null {
  let cookie = ''
  for (const h of r.headers) {
    if (DEVICE_HEADERS.has(h.name) && h.value.length >= 6) return h.value
    if (h.name === 'cookie') cookie = h.value
  }
  const m = r.body === null ? null : DEVICE_FIELD.exec(r.body.slice(0, 4_096))
  if (m) return m[1] as string
  const a = ANALYTICS_COOKIE.exec(cookie)
  return a ? `analytics\u0000${a[2] as string}` : null
}

/**
 * The inbox an e-mail reaches: without a `+` tag, and for Gmail without the dots it ignores; null for
 * what is no e-mail (a phone number, a user name).
 */
export function mailboxOf(account: string): string | null {
  const at = account.lastIndexOf('@')
  if (at < 1) return null
  let user = account.slice(0, at).toLowerCase()
  let domain = account.slice(at + 1).toLowerCase()
  const plus = user.indexOf('+')
  if (plus > 0) user = user.slice(0, plus)
  if (domain === 'googlemail.com') domain = 'gmail.com'
  if (domain === 'gmail.com') user = user.replaceAll('.', '')
  return `${user}@${domain}`
}

/** How accounts are grouped: by device, or by mailbox. */
interface Grouping {
  readonly groups: BoundedMap<string, Device>
  /** Accounts opened in one group that make it a farm. */
  readonly threshold: number
  readonly rule: string
  /** Where they were opened, for the summary ("on one device"). */
  readonly where: string
}

/** Creates the per-device account-farming detector (and the per-mailbox one beside it). */
export function createDeviceFarmingDetector(opts = DEFAULT_DEVICE_FARMING): BehaviourDetector {
  const devices = createBoundedMap<string, Device>(opts.maxDevices)
  const mailboxes = createBoundedMap<string, Device>(opts.maxDevices)
  const byDevice: Grouping = {
    groups: devices,
    threshold: opts.accounts,
    rule: 'behaviour.device-farming',
    where: 'on one device',
  }
  // two accounts on aliases of one mailbox are already one person's farm
  const byMailbox: Grouping = {
    groups: mailboxes,
    threshold: 2,
    rule: 'behaviour.mailbox-alias-signup',
    where: 'on aliases of one mailbox',
  }

  /** Notes an account (hashed) opened from `ip` in the group `key`, and judges the group. */
  function judge(
    g: Grouping,
    key: string,
    account: number,
    r: RequestRecord,
    ip: string,
  ): BehaviourSignal | null {
    let d = g.groups.get(key)
    if (!d) {
      d = { opened: [], quietUntil: 0, named: null }
      g.groups.set(key, d)
    }
    if (d.opened.some((o) => o[1] === account)) return null
    keepRecent(d.opened, r.time - opts.windowMs, MAX_KEPT, (o) => o[0])
    d.opened.push([r.time, account, refOf(r)])
    const opened = d.opened.length
    const signal = (accomplices: WindowRef[]): BehaviourSignal => ({
      category: 'other',
      rule: g.rule,
      severity: 'medium',
      confidence: confidenceOver(opened, g.threshold, 0.65),
      summary: `${opened} accounts opened ${g.where} within ${windowText(opts.windowMs)} (last: ${r.method} ${scrubSecrets(r.path).slice(0, 60)}): accounts farmed for sign-up or referral rewards`,
      details: { accounts: opened },
      accomplices,
    })
    if (r.time < d.quietUntil) return joinsNamed(d.named, ip) ? signal([]) : null
    if (opened < g.threshold) return null
    d.quietUntil = r.time + opts.suppressMs
    const others = otherAddresses(
      d.opened.map((o) => o[2]),
      ip,
    )
    d.named = new Set([ip, ...others.keys()])
    return signal([...others.values()])
  }

  return {
    get size() {
      return devices.size + mailboxes.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null || r.status === null || r.method !== 'POST' || r.body === null) return null
      if (r.status < 200 || r.status >= 300 || !SIGNUP_PATH.test(r.path)) return null
      const account = NEW_ACCOUNT.exec(r.body.slice(0, 4_096))
      if (account === null) return null
      const name = (account[1] as string).toLowerCase()
      const hash = fnv1a32(name)
      const device = deviceOf(r)
      const farmed = device === null ? null : judge(byDevice, device, hash, r, r.ip)
      if (farmed !== null || LOOKUP.test(r.path)) return farmed
      // (the e-mail, wherever it sits: a sign-up naming the mobile number first still gives one)
      const email = name.includes('@') ? name : signupEmailOf(r.body)
      if (email === null) return null
      const mailbox = mailboxOf(email)
      return mailbox === null
        ? null
        : judge(byMailbox, mailbox, fnv1a32(email.toLowerCase()), r, r.ip)
    },
  }
}
