// Bursts of server errors on a route (an upstream failing, or being knocked over) and of 429s to one
// client (it is hammering the rate limiter). Counted per minute against the entity's own traffic, so a
// busy route with its usual trickle of errors stays quiet.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector, type BehaviourScope } from './behaviour-signal'

export interface StatusBurstOptions {
  readonly windowMs: number
  /** Errors in the window that make a burst… */
  readonly minErrors: number
  /** …when they are at least this share of the entity's requests in it. */
  readonly minShare: number
  readonly suppressMs: number
  readonly maxEntities: number
}

export const DEFAULT_SERVER_ERRORS: StatusBurstOptions = {
  windowMs: 60_000,
  minErrors: 30,
  minShare: 0.5,
  suppressMs: 15 * 60_000,
  maxEntities: 10_000,
}

export const DEFAULT_RATE_LIMITED: StatusBurstOptions = {
  windowMs: 60_000,
  minErrors: 30,
  minShare: 0.5,
  suppressMs: 15 * 60_000,
  maxEntities: 100_000,
}

/**
 * A client held at the rate limiter for minutes: a limit of 30 a minute answers a burst with a 429 for
 * every request past 30, so a client driving orders at twice the limit gets some 30 429s a minute, spread
 * under the one-minute threshold, but over ten minutes they add up. A client backing off as it should (1,
 * 2, 4, 8 s) collects a handful.
 */
export const DEFAULT_RATE_LIMITED_SUSTAINED: StatusBurstOptions = {
  windowMs: 10 * 60_000,
  minErrors: 30,
  minShare: 0.25,
  suppressMs: 30 * 60_000,
  maxEntities: 100_000,
}

interface Window {
  all: number[]
  errors: number[]
  quietUntil: number
}

function burstDetector(
  opts: StatusBurstOptions,
  /** Confidence at the threshold: server errors often have innocent causes, so they start lower. */
  base: number,
  entityOf: (r: RequestRecord) => string | null,
  isError: (status: number) => boolean,
  signal: (entity: string, errors: number, share: number) => { rule: string; summary: string },
  scope: BehaviourScope,
): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxEntities)
  const cap = opts.minErrors * 20
  const trim = (a: number[], cutoff: number) => {
    let i = 0
    while (i < a.length && (a[i] ?? 0) < cutoff) i++
    if (i) a.splice(0, i)
    if (a.length > cap) a.splice(0, a.length - cap)
  }
  return {
    get size() {
      return windows.size
    },
    observe(r) {
      const entity = entityOf(r)
      if (entity === null || r.status === null) return null
      const bad = isError(r.status)
      let w = windows.get(entity)
      if (!w) {
        if (!bad) return null
        w = { all: [], errors: [], quietUntil: 0 }
        windows.set(entity, w)
      }
      const cutoff = r.time - opts.windowMs
      w.all.push(r.time)
      trim(w.all, cutoff)
      if (!bad) return null
      w.errors.push(r.time)
      trim(w.errors, cutoff)
      if (r.time < w.quietUntil || w.errors.length < opts.minErrors) return null
      const share = w.errors.length / Math.max(1, w.all.length)
      if (share < opts.minShare) return null
      w.quietUntil = r.time + opts.suppressMs
      const s = signal(entity, w.errors.length, share)
      return {
        scope,
        category: 'other',
        rule: s.rule,
        severity: 'medium',
        confidence: confidenceOver(w.errors.length, opts.minErrors, base),
        summary: s.summary,
        details: { errors: w.errors.length, share: Math.round(share * 100) / 100 },
      }
    },
  }
}

/** 5xx bursts per route (or service, when the route is unknown). */
export function createServerErrorBurstDetector(opts = DEFAULT_SERVER_ERRORS): BehaviourDetector {
  return burstDetector(
    opts,
    0.45,
    (r) => r.route ?? r.service,
    (s) => s >= 500 && s <= 599,
    (route, n, share) => ({
      rule: 'behaviour.server-error-burst',
      summary: `${n} server errors on route ${route} within ${opts.windowMs / 1000} s (${Math.round(share * 100)}% of its requests)`,
    }),
    'route',
  )
}

/** 429 bursts per client address (`rule` names the window: a minute's burst, or ten minutes' worth). */
export function createRateLimitedBurstDetector(
  opts = DEFAULT_RATE_LIMITED,
  rule = 'behaviour.rate-limited-burst',
): BehaviourDetector {
  const within =
    opts.windowMs < 120_000 ? `${opts.windowMs / 1000} s` : `${opts.windowMs / 60_000} min`
  return burstDetector(
    opts,
    0.55,
    (r) => r.ip,
    (s) => s === 429,
    (ip, n, share) => ({
      rule,
      summary: `${n} requests from ${ip} refused by rate limiting within ${within} (${Math.round(share * 100)}% of its requests)`,
    }),
    'ip',
  )
}
