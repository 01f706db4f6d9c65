// Forged payment callbacks: someone posts to the site's inbound webhook (a mobile-money provider's
// result URL, a card processor's notification) to mark their own deposit paid. The gateway lets only the
// provider's addresses through, so the forger is refused, and tries the path spelled otherwise — a
// trailing slash, a query string, another case, a doubled slash — hoping one spelling slips past the
// allow-list or the route's match. The provider posts one spelling, and is not refused; when its address
// changes and the gateway refuses it, it retries that same spelling.
//
// Or it posts as several providers in turn (a QR payment's callback, then an e-wallet's, then a virtual
// account's), with whatever client it has: a provider's notifier posts to its own path, with one client.
//
// Refused (401, 403) POSTs to webhook paths from one address within the window: three or more to one path
// in two spellings at least, or three or more to two paths or more sent by two clients (User-Agents) or
// more.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import {
  userAgentOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'

export interface WebhookForgeryOptions {
  readonly windowMs: number
  /** Refused posts to one webhook path… */
  readonly refused: number
  /** …in at least this many spellings of it. */
  readonly spellings: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_WEBHOOK_FORGERY: WebhookForgeryOptions = {
  windowMs: 30 * 60_000,
  refused: 3,
  spellings: 2,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 20_000,
}

// An inbound notification endpoint: hooks, webhooks, callbacks, IPN, a provider's result or confirmation.
const WEBHOOK_PATH =
  /(?:^|\/)(?:hooks?|webhooks?|callbacks?|ipn|notify|notifications?\/(?:payment|provider)|stk[-_]?(?:result|callback)|c2b|b2c|confirmation|validation)(?:\/|$|[-_])/i
/** Refusals kept per address. */
const MAX_KEPT = 16

interface Address {
  /** [when, the path as spelled, the path as matched, the User-Agent] */
  readonly refusals: [number, string, string, string][]
  quietUntil: number
}

/** The path as a route matches it: lower case, slashes collapsed, no trailing slash. */
function matchedPath(path: string): string {
  return path
    .toLowerCase()
    .replace(/\/{2,}/g, '/')
    .replace(/\/+$/, '')
}

/** Creates the forged-callback detector (per client address). */
export function createWebhookForgeryDetector(opts = DEFAULT_WEBHOOK_FORGERY): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.method !== 'POST' || r.ip === null || (r.status !== 401 && r.status !== 403))
        return null
      if (!WEBHOOK_PATH.test(r.path)) return null
      let a = addresses.get(r.ip)
      if (a === undefined) {
        a = { refusals: [], quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      const cutoff = r.time - opts.windowMs
      while (
        a.refusals.length > 0 &&
        ((a.refusals[0] as [number, string, string, string])[0] < cutoff ||
          a.refusals.length >= MAX_KEPT)
      )
        a.refusals.shift()
      const matched = matchedPath(r.path)
      const spelled = r.rawQuery === '' ? r.path : `${r.path}?${r.rawQuery}`
      a.refusals.push([r.time, spelled, matched, userAgentOf(r)])
      if (r.time < a.quietUntil) return null
      const same = a.refusals.filter((x) => x[2] === matched)
      const spellings = new Set(same.map((x) => x[1])).size
      if (same.length >= opts.refused && spellings >= opts.spellings) {
        a.quietUntil = r.time + opts.suppressMs
        return {
          category: 'other',
          rule: 'behaviour.webhook-forgery',
          severity: 'high',
          confidence: 0.8,
          summary: `${r.ip} posted to the webhook ${matched.slice(0, 60)} ${same.length} times within ${windowText(opts.windowMs)}, refused each time, in ${spellings} spellings: a payment callback forged past the allow-list`,
          details: { refused: same.length, spellings },
        }
      }
      if (a.refusals.length < opts.refused) return null
      const paths = new Set(a.refusals.map((x) => x[2])).size
      const clients = new Set(a.refusals.map((x) => x[3])).size
      if (paths < opts.spellings || clients < opts.spellings) return null
      a.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.webhook-forgery',
        severity: 'high',
        confidence: 0.75,
        summary: `${r.ip} posted to ${paths} providers' webhooks ${a.refusals.length} times within ${windowText(opts.windowMs)}, refused each time, from ${clients} different clients: payment callbacks forged as several providers`,
        details: { refused: a.refusals.length, paths, clients },
      }
    },
  }
}
