// Request-rate spikes of one client against its own baseline, aware of the time of day without knowing
// the market's hours: when the whole gateway is busier than its own baseline (market open, the close),
// every client's allowance rises by the same factor, so a desk-wide peak is not an incident while one
// client suddenly sending ten times its usual rate is.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector } from './behaviour-signal'
import { advanceTo, newBaseline, type MinuteBaseline } from './minute-baseline'

export interface RateSpikeOptions {
  /** Complete minutes of history a client needs before it can spike. */
  readonly warmupMinutes: number
  /** Below this many requests in a minute nothing is a spike. */
  readonly minPerMinute: number
  /** The minute must exceed the (scaled) baseline this many times… */
  readonly factor: number
  /** …and the baseline plus this many deviations. */
  readonly deviations: number
  readonly suppressMs: number
  readonly maxClients: number
}

export const DEFAULT_RATE_SPIKE: RateSpikeOptions = {
  warmupMinutes: 30,
  minPerMinute: 300,
  factor: 8,
  deviations: 10,
  suppressMs: 15 * 60_000,
  maxClients: 50_000,
}

interface Client {
  b: MinuteBaseline
  quietUntil: number
}

/** Creates the per-address rate-spike detector. */
export function createRateSpikeDetector(opts = DEFAULT_RATE_SPIKE): BehaviourDetector {
  const clients = createBoundedMap<string, Client>(opts.maxClients)
  let global: MinuteBaseline | null = null
  let lastGlobalMinute = 0
  return {
    get size() {
      return clients.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null) return null
      const minute = Math.floor(r.time / 60_000) * 60_000
      if (!global) global = newBaseline(minute)
      if (minute > global.minute) {
        lastGlobalMinute = global.current
        advanceTo(global, minute)
      }
      if (minute === global.minute) global.current++
      let c = clients.get(r.ip)
      if (!c) {
        c = { b: newBaseline(minute), quietUntil: 0 }
        clients.set(r.ip, c)
      }
      advanceTo(c.b, minute)
      // Lines arrive in completion order, so a few belong to the minute before: they still count.
      c.b.current++
      if (c.b.minutes < opts.warmupMinutes || r.time < c.quietUntil) return null
      const count = c.b.current
      if (count < opts.minPerMinute) return null
      // How busy the whole gateway is against its own baseline, from the last complete minute.
      const busy =
        global.minutes >= opts.warmupMinutes && global.mean > 0
          ? Math.min(5, Math.max(1, lastGlobalMinute / global.mean))
          : 1
      const allowance = Math.max(
        opts.factor * c.b.mean * busy,
        c.b.mean * busy + opts.deviations * c.b.dev,
      )
      if (count <= allowance) return null
      c.quietUntil = r.time + opts.suppressMs
      return {
        category: 'rate-spike',
        rule: 'behaviour.rate-spike',
        severity: 'medium',
        confidence: confidenceOver(count, Math.max(allowance, 1), 0.5),
        summary: `${count} requests from ${r.ip} this minute against a usual ${c.b.mean.toFixed(1)}/min (gateway at ${busy.toFixed(1)}x its usual load)`,
        details: {
          perMinute: count,
          baseline: Math.round(c.b.mean * 10) / 10,
          deviation: Math.round(c.b.dev * 10) / 10,
          gatewayLoad: Math.round(busy * 100) / 100,
        },
      }
    },
  }
}
