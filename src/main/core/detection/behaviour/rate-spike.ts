// Request-rate spikes of one entity (a client address, a consumer, a route) against its own baseline,
// aware of the time of day without knowing the market's hours: when the rest of the gateway is busier
// than its own baseline (market open, the close), the entity's allowance rises by the same factor, so a
// desk-wide peak is not an incident while one client suddenly sending ten times its usual rate is. The
// entity's own traffic is left out of "the rest", so a flood big enough to lift the whole gateway does
// not excuse itself.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector, type BehaviourScope } from './behaviour-signal'
import { advanceTo, newBaseline, type MinuteBaseline } from './minute-baseline'

export interface RateSpikeOptions {
  /** Complete minutes of history an entity needs before it can spike. */
  readonly warmupMinutes: number
  /** Below this many requests in a minute nothing is a spike. */
  readonly minPerMinute: number
  /** The minute must exceed the (scaled) baseline this many times… */
  readonly factor: number
  /** …and the baseline plus this many deviations. */
  readonly deviations: number
  readonly suppressMs: number
  readonly maxEntities: number
  /** Confidence at the threshold (it grows with how far past it the minute is). */
  readonly baseConfidence: number
}

/** Per client address. */
export const DEFAULT_RATE_SPIKE: RateSpikeOptions = {
  warmupMinutes: 30,
  minPerMinute: 300,
  factor: 8,
  deviations: 10,
  suppressMs: 15 * 60_000,
  maxEntities: 50_000,
  baseConfidence: 0.5,
}

/** Per consumer: a credential driven far harder than its owner ever drives it (a leaked key in a bot). */
export const DEFAULT_CONSUMER_RATE_SPIKE: RateSpikeOptions = { ...DEFAULT_RATE_SPIKE }

/**
 * Per route: a flood on one route from many addresses, none of which spikes on its own (a distributed
 * scrape, a retry storm). Operations cause these too, so it starts below the print threshold.
 */
export const DEFAULT_ROUTE_RATE_SPIKE: RateSpikeOptions = {
  ...DEFAULT_RATE_SPIKE,
  minPerMinute: 600,
  factor: 6,
  maxEntities: 5_000,
  baseConfidence: 0.4,
}

const RULE: Readonly<Record<BehaviourScope, string>> = {
  ip: 'behaviour.rate-spike',
  consumer: 'behaviour.consumer-rate-spike',
  route: 'behaviour.route-rate-spike',
}

const SUBJECT: Readonly<Record<BehaviourScope, string>> = {
  ip: 'from',
  consumer: 'by consumer',
  route: 'on route',
}

interface Entity {
  b: MinuteBaseline
  /** Requests in the last complete minute (0 when the entity was quiet then). */
  previous: number
  quietUntil: number
}

function entityOf(r: RequestRecord, scope: BehaviourScope): string | null {
  if (scope === 'ip') return r.ip
  if (scope === 'consumer') return r.consumer
  return r.route ?? r.service
}

/** Creates a rate-spike detector over one kind of entity (client addresses unless told otherwise). */
export function createRateSpikeDetector(
  opts = DEFAULT_RATE_SPIKE,
  scope: BehaviourScope = 'ip',
): BehaviourDetector {
  const entities = createBoundedMap<string, Entity>(opts.maxEntities)
  let global: MinuteBaseline | null = null
  let lastGlobalMinute = 0
  return {
    get size() {
      return entities.size
    },
    observe(r: RequestRecord) {
      const minute = Math.floor(r.time / 60_000) * 60_000
      if (!global) global = newBaseline(minute)
      if (minute > global.minute) {
        lastGlobalMinute = minute - global.minute === 60_000 ? global.current : 0
        advanceTo(global, minute)
      }
      if (minute === global.minute) global.current++
      const key = entityOf(r, scope)
      if (key === null) return null
      let c = entities.get(key)
      if (!c) {
        c = { b: newBaseline(minute), previous: 0, quietUntil: 0 }
        entities.set(key, c)
      }
      if (minute > c.b.minute) {
        c.previous = minute - c.b.minute === 60_000 ? c.b.current : 0
        advanceTo(c.b, minute)
      }
      // Lines arrive in completion order, so a few belong to the minute before: they still count.
      c.b.current++
      if (c.b.minutes < opts.warmupMinutes || r.time < c.quietUntil) return null
      const count = c.b.current
      if (count < opts.minPerMinute) return null
      // How busy the rest of the gateway was in the last complete minute against its own baseline.
      const restMean = global.mean - c.b.mean
      const busy =
        global.minutes >= opts.warmupMinutes && restMean > 0
          ? Math.min(5, Math.max(1, (lastGlobalMinute - c.previous) / restMean))
          : 1
      const allowance = Math.max(
        opts.factor * c.b.mean * busy,
        c.b.mean * busy + opts.deviations * c.b.dev,
      )
      if (count <= allowance) return null
      c.quietUntil = r.time + opts.suppressMs
      return {
        category: 'rate-spike',
        rule: RULE[scope],
        severity: 'medium',
        scope,
        confidence: confidenceOver(count, Math.max(allowance, 1), opts.baseConfidence),
        summary: `${count} requests ${SUBJECT[scope]} ${key} this minute against a usual ${c.b.mean.toFixed(1)}/min (rest of the gateway at ${busy.toFixed(1)}x its usual load)`,
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
