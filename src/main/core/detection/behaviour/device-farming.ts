// Accounts farmed on one device: a phone (or an emulator's image) opening account after account, each for
// a sign-up bonus or a referral reward, from a new proxy address each time so that no address opens two.
// The app sends its device identifier with every request (`x-device-id`, a sign-up's `device_id`). A
// brokerage account needs a person's identity: a family may open two on one phone in a day, nobody three.
// Every address the device opened accounts from is named.
import { createBoundedMap } from '../bounded-map'
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
import { SIGNUP_PATH } from './account-farming'

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

const DEVICE_HEADERS: ReadonlySet<string> = new Set(['x-device-id', 'device-id', 'x-device'])
const DEVICE_FIELD = /"device_?id"\s*:\s*"([^"]{6,128})"/i
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
  for (const h of r.headers) if (DEVICE_HEADERS.has(h.name) && h.value.length >= 6) return h.value
  const m = r.body === null ? null : DEVICE_FIELD.exec(r.body.slice(0, 4_096))
  return m ? (m[1] as string) : null
}

/** Creates the per-device account-farming detector. */
export function createDeviceFarmingDetector(opts = DEFAULT_DEVICE_FARMING): BehaviourDetector {
  const devices = createBoundedMap<string, Device>(opts.maxDevices)
  return {
    get size() {
      return devices.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null || r.status === null || r.method !== 'POST' || r.body === null) return null
      if (r.status < 200 || r.status >= 300 || !SIGNUP_PATH.test(r.path)) return null
      const account = NEW_ACCOUNT.exec(r.body.slice(0, 4_096))
      if (account === null) return null
      const device = deviceOf(r)
      if (device === null) return null
      let d = devices.get(device)
      if (!d) {
        d = { opened: [], quietUntil: 0, named: null }
        devices.set(device, d)
      }
      const hash = fnv1a32((account[1] as string).toLowerCase())
      if (d.opened.some((o) => o[1] === hash)) return null
      keepRecent(d.opened, r.time - opts.windowMs, MAX_KEPT, (o) => o[0])
      d.opened.push([r.time, hash, refOf(r)])
      const signal = (accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'other',
        rule: 'behaviour.device-farming',
        severity: 'medium',
        confidence: confidenceOver(d.opened.length, opts.accounts, 0.65),
        summary: `${d.opened.length} accounts opened on one device within ${windowText(opts.windowMs)} (last: ${r.method} ${scrubSecrets(r.path).slice(0, 60)}): accounts farmed for sign-up or referral rewards`,
        details: { accounts: d.opened.length },
        accomplices,
      })
      if (r.time < d.quietUntil) return joinsNamed(d.named, r.ip) ? signal([]) : null
      if (d.opened.length < opts.accounts) return null
      d.quietUntil = r.time + opts.suppressMs
      const others = otherAddresses(
        d.opened.map((o) => o[2]),
        r.ip,
      )
      d.named = new Set([r.ip, ...others.keys()])
      return signal([...others.values()])
    },
  }
}
