// Request-rate spikes of one entity (a client address, a consumer, a route) against its own baseline,
// aware of the time of day without knowing the market's hours: when the rest of the gateway is busier
// than its own baseline (market open, the end of the lunch break, the close), the entity's allowance rises
// by the same factor, so a desk-wide peak is not an incident while one client suddenly sending ten times
// its usual rate is. The entity's own traffic is left out of "the rest", so a flood big enough to lift the
// whole gateway does not excuse itself. An entity's own daily habits (a batch job at 06:00 while the desk
// is empty) are remembered per hour of the day over days.
import { z } from 'zod'
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector, type BehaviourScope } from './behaviour-signal'
import {
  advanceTo,
  learntFirst,
  loadBaseline,
  newBaseline,
  saveBaseline,
  savedBaseline,
  type MinuteBaseline,
} from './minute-baseline'

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

/** A day's profile: the busiest minute of each hour of the day (UTC), remembered over days. */
const HOURS = 24
/** Each new day keeps this share of an hour's remembered peak before today's minutes are folded in. */
const PEAK_DAY_DECAY = 0.8

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
  /**
   * Time-of-day profile: the 06:00 batch job and the desk's own open are usual at their hour even after a
   * night has decayed the minute baseline to nothing. Made only for entities that get busy at all.
   */
  profile: HourProfile | null
}

/** Per hour of the day (UTC): the busiest minute on earlier days, and today's busiest so far. */
interface HourProfile {
  readonly usual: Float64Array
  readonly today: Float64Array
  readonly day: Int32Array
}

/** Folds a finished minute's count into the entity's time-of-day profile. */
function recordPeak(c: Entity, minute: number, count: number): void {
  const p = (c.profile ??= {
    usual: new Float64Array(HOURS),
    today: new Float64Array(HOURS),
    day: new Int32Array(HOURS).fill(-1),
  })
  const hour = Math.floor(minute / 3_600_000) % HOURS
  const day = Math.floor(minute / 86_400_000)
  if (p.day[hour] !== day) {
    // A new day at this hour: what the last one saw becomes part of the habit.
    p.usual[hour] = Math.max((p.usual[hour] ?? 0) * PEAK_DAY_DECAY, p.today[hour] ?? 0)
    p.today[hour] = 0
    p.day[hour] = day
  }
  if (count > (p.today[hour] ?? 0)) p.today[hour] = count
}

/**
 * The busiest usual minute around this hour of the day on earlier days (the hour either side too, for
 * daylight saving). Today's minutes are left out: a ramp this morning is not yet a habit.
 */
function usualPeak(c: Entity, minute: number): number {
  const p = c.profile
  if (!p) return 0
  const day = Math.floor(minute / 86_400_000)
  const hour = Math.floor(minute / 3_600_000) % HOURS
  let peak = 0
  for (const h of [(hour + HOURS - 1) % HOURS, hour, (hour + 1) % HOURS]) {
    const earlier = p.day[h] === day ? 0 : (p.today[h] ?? 0)
    peak = Math.max(peak, p.usual[h] ?? 0, earlier)
  }
  return peak
}

/** Entities kept in a snapshot at most: those with a time-of-day profile first, then the most recent. */
const MAX_SAVED = 20_000

const hours = z.array(z.number().finite().nonnegative()).length(HOURS)
const savedRateSpike = z.object({
  global: savedBaseline.nullable(),
  lastGlobalMinute: z.number().finite().nonnegative(),
  entities: z
    .array(
      z.tuple([
        z.string().max(512),
        savedBaseline,
        z.number().finite().nonnegative(),
        z.number().finite().nonnegative(),
        z.tuple([hours, hours, z.array(z.number().int().min(-1)).length(HOURS)]).nullable(),
      ]),
    )
    .max(MAX_SAVED),
})

function saveEntities(
  all: Iterable<[string, Entity]>,
  cap: number,
): z.input<typeof savedRateSpike>['entities'] {
  // Habits take days to learn; a minute baseline comes back within the hour.
  return learntFirst(all, cap, (c) => c.profile !== null).map(([key, c]) => [
    key,
    saveBaseline(c.b),
    c.previous,
    c.quietUntil,
    c.profile ? [[...c.profile.usual], [...c.profile.today], [...c.profile.day]] : null,
  ])
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
    save() {
      return {
        global: global ? saveBaseline(global) : null,
        lastGlobalMinute,
        entities: saveEntities(entities.entries(), Math.min(MAX_SAVED, opts.maxEntities)),
      }
    },
    load(data) {
      const s = savedRateSpike.parse(data)
      global = s.global ? loadBaseline(s.global) : null
      lastGlobalMinute = s.lastGlobalMinute
      // Least important first, so the most important end up the most recently used.
      for (let i = s.entities.length - 1; i >= 0; i--) {
        const [key, b, previous, quietUntil, p] = s.entities[i]!
        entities.set(key, {
          b: loadBaseline(b),
          previous,
          quietUntil,
          profile: p
            ? {
                usual: Float64Array.from(p[0]),
                today: Float64Array.from(p[1]),
                day: Int32Array.from(p[2]),
              }
            : null,
        })
      }
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
        c = { b: newBaseline(minute), previous: 0, quietUntil: 0, profile: null }
        entities.set(key, c)
      }
      if (minute > c.b.minute) {
        c.previous = minute - c.b.minute === 60_000 ? c.b.current : 0
        // Minutes after a spike are not learnt as a habit, or a flood would excuse itself tomorrow.
        if (c.b.current >= opts.minPerMinute / 8 && c.quietUntil <= c.b.minute)
          recordPeak(c, c.b.minute, c.b.current)
        advanceTo(c.b, minute)
      }
      // Lines arrive in completion order, so a few belong to the minute before: they still count.
      c.b.current++
      if (c.b.minutes < opts.warmupMinutes || r.time < c.quietUntil) return null
      const count = c.b.current
      if (count < opts.minPerMinute) return null
      // How busy the rest of the gateway is against its own baseline: in the last complete minute, or in
      // this minute so far (the entity's count and the rest's cover the same part of the minute, so the
      // ratio holds early on: when trading resumes after the lunch break or in the morning, every client
      // jumps within the same minute, before any complete minute shows it). Not capped: after a night the
      // baselines have decayed to almost nothing and the rest of the desk waking up is a huge ratio, which
      // is the point: absolute rises then mean nothing.
      const restMean = global.mean - c.b.mean
      const busy =
        global.minutes >= opts.warmupMinutes && restMean > 0
          ? Math.max(
              1,
              (lastGlobalMinute - c.previous) / restMean,
              (global.current - c.b.current) / restMean,
            )
          : 1
      const allowance = Math.max(
        opts.factor * c.b.mean * busy,
        c.b.mean * busy + opts.deviations * c.b.dev,
        // A minute like this entity's busiest at this hour on earlier days is its habit, not a spike.
        (opts.factor / 2) * usualPeak(c, minute),
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
