// A stolen session replayed by other software: a session (its cookie, session header or readable bearer
// token) issued to a browser or to the broker's app goes on from a network it was never used from, and
// at that moment the client introduces itself as something else: a scripting library (python-requests,
// Go-http-client), a bare HTTP stack (okhttp without the app's name), curl. An infostealer's buyer loads
// the cookie or token into a script; the holder's own browser or app keeps its name wherever it goes.
//
// What it is not:
// - the holder on the move: a phone leaving the home Wi-Fi keeps its session and its app's name.
// - an app opening a web view with its token (the view says `Mozilla/5.0 (…)`): a browser is never the
//   stranger here, and the view opens on the same network as the app.
// - software the session already spoke through: an app whose background jobs introduce themselves as
//   okhttp from the start is one client with two names.
// - a shared egress (a corporate proxy many accounts come from).
// The product is the User-Agent's first token (`IpeInvest/5.12.1 (…)` → ipeinvest). Networks are
// client-address.ts networkOf (a /24, an IPv6 /48).
//
// An app that names its installation in every request (`x-device-id`) tells a copy of its token apart
// even when the thief copies its User-Agent too: a session whose every request so far (three at least)
// carried one device id, back from a network new to it without that id (none, or another), is replayed
// by other software as well.
import { namedDevice } from '../api-key'
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import { isPrivateIp } from '../ssrf-target'
import { joinsNamed, userAgentOf, type BehaviourDetector } from './behaviour-signal'
import type { SharedEgress } from './shared-egress'

export interface ClientSwapOptions {
  readonly maxSessions: number
  /** Networks and products remembered per session. */
  readonly maxNetworks: number
  readonly maxProducts: number
}

export const DEFAULT_CLIENT_SWAP: ClientSwapOptions = {
  maxSessions: 200_000,
  maxNetworks: 8,
  maxProducts: 4,
}

interface Session {
  readonly nets: string[]
  readonly products: string[]
  /** The device id every request so far carried (null: not every one carried the same). */
  device: string | null
  /** Requests seen, up to the few the device id needs. */
  seen: number
  /** The addresses named since the session was reported (null before). */
  named: Set<string> | null
}

/** Requests of a session that must all carry one device id before its absence tells. */
const DEVICE_REQUESTS = 3
/** Addresses named per session. */
const MAX_NAMED = 8

/** The User-Agent's product name, lower case ('' for none): its first token before `/`, space or `(`. */
export function productOf(agent: string): string {
  const m = /^\s*([^/\s;(]{1,64})/.exec(agent)
  return m ? (m[1] as string).toLowerCase() : ''
}

// Browsers and web views all open with Mozilla/ (Opera's old form too).
const BROWSER_PRODUCTS: ReadonlySet<string> = new Set(['mozilla', 'opera'])

/** Creates the session-client-swap detector (per session). */
export function createClientSwapDetector(
  opts = DEFAULT_CLIENT_SWAP,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const sessions = createBoundedMap<number, Session>(opts.maxSessions)
  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || isPrivateIp(r.ip)) return null
      const key = sessionKey(r)
      if (key === 0) return null
      const product = productOf(userAgentOf(r))
      const net = networkOf(r.ip)
      const device = namedDevice(r)
      const s = sessions.get(key)
      if (s === undefined) {
        sessions.set(key, { nets: [net], products: [product], device, seen: 1, named: null })
        return null
      }
      const newNet = !s.nets.includes(net)
      const newProduct = !s.products.includes(product)
      // an app's installation id, carried by every request until it was established, missing or changed
      const established = s.device !== null && s.seen >= DEVICE_REQUESTS
      const lostDevice = established && device !== s.device
      if (!established) {
        if (device !== s.device) s.device = null
        else s.seen++
      }
      if (newNet) {
        s.nets.push(net)
        if (s.nets.length > opts.maxNetworks) s.nets.shift()
      }
      if (newProduct) {
        s.products.push(product)
        if (s.products.length > opts.maxProducts) s.products.shift()
      }
      if (!newNet) return null
      const swapped = newProduct && product !== '' && !BROWSER_PRODUCTS.has(product)
      if (!swapped && !lostDevice) return null
      if (egress?.shared(r.ip)) return null
      // once reported, each further network the copy turns up from is named too
      if (s.named === null) s.named = new Set([r.ip])
      else if (!joinsNamed(s.named, r.ip, MAX_NAMED)) return null
      const before = s.products.slice(0, -1).join(', ')
      return {
        category: 'other',
        rule: 'behaviour.session-client-swap',
        severity: 'high',
        confidence: 0.8,
        summary: swapped
          ? `a session used by ${before.slice(0, 80)} came back from a network new to it as ${product.slice(0, 40)}: a session replayed by other software`
          : `a session whose every request carried one app installation's device id came back from a network new to it ${device === null ? 'without one' : 'with another'}: a session replayed by other software`,
        details: { networks: s.nets.length, product: product.slice(0, 40) },
      }
    },
  }
}
