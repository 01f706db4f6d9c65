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
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import { isPrivateIp } from '../ssrf-target'
import { userAgentOf, type BehaviourDetector } from './behaviour-signal'
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
  reported: boolean
}

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
      const s = sessions.get(key)
      if (s === undefined) {
        sessions.set(key, { nets: [net], products: [product], reported: false })
        return null
      }
      const newNet = !s.nets.includes(net)
      const newProduct = !s.products.includes(product)
      if (newNet) {
        s.nets.push(net)
        if (s.nets.length > opts.maxNetworks) s.nets.shift()
      }
      if (newProduct) {
        s.products.push(product)
        if (s.products.length > opts.maxProducts) s.products.shift()
      }
      if (!newNet || !newProduct || s.reported) return null
      if (product === '' || BROWSER_PRODUCTS.has(product)) return null
      if (egress?.shared(r.ip)) return null
      s.reported = true
      const before = s.products.slice(0, -1).join(', ')
      return {
        category: 'other',
        rule: 'behaviour.session-client-swap',
        severity: 'high',
        confidence: 0.8,
        summary: `a session used by ${before.slice(0, 80)} came back from a network new to it as ${product.slice(0, 40)}: a session replayed by other software`,
        details: { networks: s.nets.length, product: product.slice(0, 40) },
      }
    },
  }
}
