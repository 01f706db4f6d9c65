// SMS pumping (toll fraud): one address has the site send one-time codes to number after number, across
// many countries, and never types a code in. The numbers are premium or international ranges whose
// carriers pay the fraudster a share of every message the site pays for; a sign-up or login form that
// sends a code to any number typed in is the pump. A customer asks a code for their own number (twice if
// they mistyped it); a campus or a carrier's NAT sends codes for many numbers, but of one or two
// countries, the desk's own.
//
// Distinct numbers asked codes for from one address within the window, from three calling-code areas at
// least (the first two digits after `+`; a number written without one counts as the local area); or many
// more numbers of any area with hardly a code typed in from the address (a pump aimed at one foreign
// range: people on a campus who ask a code type it in).
import { createBoundedMap } from '../bounded-map'
import { ONE_TIME_CODE_FIELD, PHONE_NAMES } from '../credential-names'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import {
  dropBefore,
  keepRecent,
  timeItself,
  touchRecent,
  windowText,
  type BehaviourDetector,
} from './behaviour-signal'

export interface SmsPumpingOptions {
  readonly windowMs: number
  /** Distinct numbers asked a code for… */
  readonly numbers: number
  /** …in at least this many calling-code areas. */
  readonly areas: number
  /** Or at least this many distinct numbers… */
  readonly untypedNumbers: number
  /** …with fewer codes typed in from the address than this share of them. */
  readonly typedShare: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_SMS_PUMPING: SmsPumpingOptions = {
  windowMs: 3_600_000,
  numbers: 5,
  areas: 3,
  untypedNumbers: 10,
  typedShare: 0.25,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 20_000,
}

// A request that has a code sent: /otp/send, /sms/request, /verify/start, /send-code, /resend-otp.
// Also a number's own verification: /verify-phone/send, /phone-verification/start.
const SEND_PATH =
  /(?:otp|sms|code|verification|verify|2fa|mfa|pin|tan)(?:[/_-]?(?:phone|mobile|number|msisdn))?[/_-]?(?:send|request|resend|start)|(?:send|request|resend)[/_-]?(?:otp|sms|code|tan)/i
// A code typed in: a POST to a verification or confirmation path that sends nothing. A verification path
// sent a number and no code (`/mobile/verify {"mobile": …}`) is the start of one: a code goes out.
const TYPED_PATH = /verif|confirm|validat/i
// (a phone by its own field's name: a member or policy number verified is no code sent)
const PHONE_KEY = new RegExp(`(?:["']|^|&)(?:${PHONE_NAMES})["']?\\s*[:=]`, 'i')
// The number it goes to, in a JSON or form body.
const NUMBER = new RegExp(
  `["']?(?:${PHONE_NAMES}|to|number)["']?\\s*[:=]\\s*["']?(\\+?[\\d\\s().%+-]{7,24})`,
  'i',
)
/** Numbers kept per address: enough for the thresholds, bounded. */
const MAX_NUMBERS = 32

interface Address {
  /** number (hashed) → [when, area] */
  readonly numbers: Map<number, [number, string]>
  /** When codes were typed in from the address, the latest last (bounded like the numbers). */
  readonly typed: number[]
  quietUntil: number
}

/** The calling-code area of a number as typed: the two digits after `+`, or `local`. */
export function areaOf(typed: string): string {
  const n = typed.replace(/%2b/gi, '+').replace(/[^\d+]/g, '')
  return n.startsWith('+') ? n.slice(1, 3) : n.startsWith('00') ? n.slice(2, 4) : 'local'
}

/** Creates the SMS-pumping detector (per client address). */
export function createSmsPumpingDetector(opts = DEFAULT_SMS_PUMPING): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.method !== 'POST' || r.ip === null || r.body === null) return null
      const body = r.body.slice(0, 2_048)
      const typedPath = TYPED_PATH.test(r.path)
      const sends =
        SEND_PATH.test(r.path) ||
        (typedPath && PHONE_KEY.test(body) && !ONE_TIME_CODE_FIELD.test(body))
      if (!sends) {
        if (typedPath) {
          const a = addresses.get(r.ip)
          if (a !== undefined) {
            keepRecent(a.typed, r.time - opts.windowMs, MAX_NUMBERS, timeItself)
            a.typed.push(r.time)
          }
        }
        return null
      }
      const m = NUMBER.exec(body)
      if (m === null) return null
      const typed = m[1] as string
      const digits = typed.replace(/%2b/gi, '+').replace(/[^\d]/g, '')
      if (digits.length < 7) return null
      let a = addresses.get(r.ip)
      if (a === undefined) {
        a = { numbers: new Map(), typed: [], quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      const key = fnv1a32(digits) || 1
      const cutoff = r.time - opts.windowMs
      const seen: [number, string] = [r.time, areaOf(typed)]
      touchRecent(a.numbers, key, seen, cutoff, MAX_NUMBERS, (v) => v[0])
      if (r.time < a.quietUntil || a.numbers.size < opts.numbers) return null
      const areas = new Set([...a.numbers.values()].map(([, area]) => area))
      dropBefore(a.typed, cutoff)
      const untyped =
        a.numbers.size >= opts.untypedNumbers && a.typed.length < opts.typedShare * a.numbers.size
      if (areas.size < opts.areas && !untyped) return null
      a.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.sms-pumping',
        severity: 'medium',
        confidence: 0.8,
        summary: `${r.ip} had codes sent to ${a.numbers.size} numbers in ${areas.size} calling-code area(s) within ${windowText(opts.windowMs)}, ${a.typed.length} code(s) typed in: SMS pumping (toll fraud)`,
        details: { numbers: a.numbers.size, areas: areas.size, typed: a.typed.length },
      }
    },
  }
}
