// API keys guessed slowly: one address presents key after key, each refused, a few an hour over hours,
// none ever accepted. A generator of key-shaped strings (a live prefix and random hex), or a list of keys
// scraped from public repositories, is tried against the partner API below every rate limit and every
// per-window count. A partner whose key was rotated sends its one old key again and again; a developer
// mistypes one or two.
//
// Distinct readable keys (an API-key header or parameter, not redacted by the gateway) refused (401, 403)
// from one address within the window, with no request of the address accepted meanwhile.
import { presentedKey } from '../api-key'
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { readable } from '../session-key'
import { timeItself, touchRecent, windowText, type BehaviourDetector } from './behaviour-signal'

export interface KeyGuessingOptions {
  readonly windowMs: number
  /** Distinct keys refused in the window. */
  readonly keys: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_KEY_GUESSING: KeyGuessingOptions = {
  windowMs: 6 * 3_600_000,
  keys: 8,
  suppressMs: 6 * 3_600_000,
  maxAddresses: 50_000,
}

/** Keys kept per address: enough for the threshold, bounded. */
const MAX_KEYS = 16

interface Address {
  /** key (hashed) → when last refused */
  readonly keys: Map<number, number>
  quietUntil: number
}

/** Creates the slow API-key guessing detector (per client address). */
export function createKeyGuessingDetector(opts = DEFAULT_KEY_GUESSING): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      const key = presentedKey(r)
      if (key === null || !readable(key)) return null
      const refused = r.status === 401 || r.status === 403
      let a = addresses.get(r.ip)
      if (!refused) {
        // an accepted key: the address holds a working credential, and starts afresh
        if (a !== undefined && r.status < 400) a.keys.clear()
        return null
      }
      if (a === undefined) {
        a = { keys: new Map(), quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      const h = fnv1a32(key) || 1
      touchRecent(a.keys, h, r.time, r.time - opts.windowMs, MAX_KEYS, timeItself)
      if (a.keys.size < opts.keys || r.time < a.quietUntil) return null
      a.quietUntil = r.time + opts.suppressMs
      return {
        category: 'bruteforce',
        rule: 'behaviour.slow-key-guessing',
        severity: 'medium',
        confidence: 0.75,
        summary: `${r.ip} presented ${a.keys.size} different API keys within ${windowText(opts.windowMs)}, every one refused: keys guessed below the rate limits`,
        details: { keys: a.keys.size },
      }
    },
  }
}
