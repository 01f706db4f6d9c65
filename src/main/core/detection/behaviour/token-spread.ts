// One bearer token used from many client addresses: a stolen session replayed from elsewhere. A trader's
// token moves between the office, the VPN and a phone (two or three addresses); a leaked one spreads.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector } from './behaviour-signal'

export interface TokenSpreadOptions {
  readonly windowMs: number
  readonly distinctAddresses: number
  readonly suppressMs: number
  readonly maxTokens: number
}

export const DEFAULT_TOKEN_SPREAD: TokenSpreadOptions = {
  windowMs: 30 * 60_000,
  distinctAddresses: 5,
  suppressMs: 60 * 60_000,
  maxTokens: 100_000,
}

interface Window {
  /** address → last time seen */
  seen: Map<string, number>
  quietUntil: number
}

const BEARER = /^\s*bearer\s+(\S{16,})/i

/** 53-bit FNV-1a-style hash: a compact map key, so tokens themselves are never held in memory. */
export function tokenKey(token: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  }
  return (h1 >>> 0).toString(36) + ':' + (h2 >>> 0).toString(36)
}

/** Creates the token-from-many-addresses detector. */
export function createTokenSpreadDetector(opts = DEFAULT_TOKEN_SPREAD): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxTokens)
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null) return null
      const auth = r.headers.find((h) => h.name === 'authorization')
      const m = auth ? BEARER.exec(auth.value) : null
      if (!m?.[1]) return null
      const key = tokenKey(m[1])
      let w = windows.get(key)
      if (!w) {
        w = { seen: new Map(), quietUntil: 0 }
        windows.set(key, w)
      }
      w.seen.delete(r.ip)
      w.seen.set(r.ip, r.time)
      const cutoff = r.time - opts.windowMs
      for (const [ip, t] of w.seen) {
        if (t >= cutoff) break
        w.seen.delete(ip)
      }
      if (w.seen.size > opts.distinctAddresses * 8) {
        const oldest = w.seen.keys().next()
        if (!oldest.done) w.seen.delete(oldest.value)
      }
      if (r.time < w.quietUntil || w.seen.size < opts.distinctAddresses) return null
      w.quietUntil = r.time + opts.suppressMs
      const who = r.consumer ? `consumer ${r.consumer}'s token` : 'one bearer token'
      return {
        category: 'other',
        rule: 'behaviour.token-many-addresses',
        severity: 'high',
        confidence: confidenceOver(w.seen.size, opts.distinctAddresses),
        summary: `${who} used from ${w.seen.size} addresses within ${opts.windowMs / 60_000} min`,
        details: { distinctAddresses: w.seen.size, tokenKey: key },
      }
    },
  }
}
