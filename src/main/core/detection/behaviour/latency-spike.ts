// Latency spikes per route: the minute's average latency far above the route's own baseline. Slow
// upstreams are mostly operations, not attacks, so this starts at a low confidence; combined with
// injection findings on the same route (time-based SQL injection) it tells the officer something. A
// minute in which the upstream is failing (a fifth of its answers 5xx: timeouts, a service down) is an
// incident, reported by the 5xx burst detector, and its slowness is not reported again here.
import { z } from 'zod'
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector } from './behaviour-signal'
import {
  advanceTo,
  learntFirst,
  loadBaseline,
  newBaseline,
  saveBaseline,
  savedBaseline,
  type MinuteBaseline,
} from './minute-baseline'

export interface LatencySpikeOptions {
  readonly warmupMinutes: number
  /** Requests in the minute before its average means anything. */
  readonly minRequests: number
  readonly factor: number
  readonly minLatencyMs: number
  readonly suppressMs: number
  readonly maxRoutes: number
}

export const DEFAULT_LATENCY_SPIKE: LatencySpikeOptions = {
  warmupMinutes: 30,
  minRequests: 20,
  factor: 5,
  minLatencyMs: 1000,
  suppressMs: 30 * 60_000,
  maxRoutes: 5_000,
}

/** Routes kept in a snapshot at most, the most recently active. */
const MAX_SAVED = 5_000

const savedRoutes = z.object({
  routes: z
    .array(z.tuple([z.string().max(512), savedBaseline, z.number().finite().nonnegative()]))
    .max(MAX_SAVED),
})

interface Route {
  b: MinuteBaseline
  quietUntil: number
  /** 5xx answers in the baseline's current minute. */
  errors: number
}

/** Share of a minute's answers that are 5xx from which the upstream is taken to be failing. */
const FAILING_SHARE = 0.2

/** Creates the per-route latency-spike detector. */
export function createLatencySpikeDetector(opts = DEFAULT_LATENCY_SPIKE): BehaviourDetector {
  const routes = createBoundedMap<string, Route>(opts.maxRoutes)
  return {
    get size() {
      return routes.size
    },
    save() {
      return {
        routes: learntFirst(routes.entries(), Math.min(MAX_SAVED, opts.maxRoutes)).map(
          ([key, s]) => [key, saveBaseline(s.b), s.quietUntil],
        ),
      }
    },
    load(data) {
      const saved = savedRoutes.parse(data).routes
      for (let i = saved.length - 1; i >= 0; i--) {
        const [key, b, quietUntil] = saved[i]!
        routes.set(key, { b: loadBaseline(b), quietUntil, errors: 0 })
      }
    },
    observe(r: RequestRecord) {
      const route = r.route ?? r.service
      if (route === null || r.latencyMs === null || r.latencyMs < 0) return null
      const minute = Math.floor(r.time / 60_000) * 60_000
      let s = routes.get(route)
      if (!s) {
        s = { b: newBaseline(minute), quietUntil: 0, errors: 0 }
        routes.set(route, s)
      }
      if (minute > s.b.minute) s.errors = 0
      advanceTo(s.b, minute, true)
      s.b.current += r.latencyMs
      s.b.n++
      if (r.status !== null && r.status >= 500) s.errors++
      if (s.b.minutes < opts.warmupMinutes || s.b.n < opts.minRequests || r.time < s.quietUntil)
        return null
      const avg = s.b.current / s.b.n
      const limit = Math.max(opts.minLatencyMs, opts.factor * s.b.mean, s.b.mean + 8 * s.b.dev)
      if (avg <= limit || s.errors >= FAILING_SHARE * s.b.n) return null
      s.quietUntil = r.time + opts.suppressMs
      return {
        scope: 'route',
        category: 'other',
        rule: 'behaviour.latency-spike',
        severity: 'low',
        confidence: confidenceOver(avg, limit, 0.4),
        summary: `route ${route} averaging ${Math.round(avg)} ms this minute against a usual ${Math.round(s.b.mean)} ms`,
        details: { averageMs: Math.round(avg), baselineMs: Math.round(s.b.mean), requests: s.b.n },
      }
    },
  }
}
