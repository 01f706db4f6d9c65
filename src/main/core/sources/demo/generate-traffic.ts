// The demo's traffic generator: benign desk traffic as a Poisson stream with a slow swell, attack
// campaigns scheduled early and then periodically, every request rendered as a Kong log line. It is
// driven by time (advance(toMs)), so the live source and the benchmarks produce the same lines for the
// same seed and the same sequence of times.
import {
  type CampaignKind,
  CAMPAIGN_KINDS,
  type ScheduledRequest,
  buildCampaign,
} from './attack-campaigns'
import { createBenignTraffic } from './benign-traffic'
import { renderKongEntry, toCjson } from './kong-entry'
import { createRng } from './prng'

/** Default seed of the demo (7203 is a TSE stock code): the same seed replays the same traffic. */
export const DEFAULT_DEMO_SEED = 7203

export interface TrafficOptions {
  readonly seed?: number
  /** Start of the replay, ms epoch. */
  readonly startMs?: number
  /** Mean benign requests per second (the swell moves it ±25 %). */
  readonly ratePerSecond?: number
  /** Mean gap between the starts of two attack campaigns. */
  readonly attackEverySeconds?: number
  /** When the first campaign starts, after startMs. */
  readonly firstAttackAfterMs?: number
}

/** One Kong log line and when its request completed (the order a gateway writes its log). */
export interface GeneratedLine {
  readonly text: string
  readonly time: number
}

export interface TrafficGenerator {
  /** Every line whose request completed by `toMs`, in completion order. */
  advance(toMs: number): GeneratedLine[]
  /** Drops the time between the last advance and `toMs` (a sleeping laptop), without a backlog. */
  skipTo(toMs: number): void
}

export const DEFAULT_RATE_PER_SECOND = 60
export const DEFAULT_ATTACK_EVERY_SECONDS = 15
const SWELL_PERIOD_MS = 120_000

interface Pending {
  readonly text: string
  readonly time: number
  /** Tie-breaker, so equal completion times keep their start order on every engine. */
  readonly n: number
}

/** Creates a generator; nothing is produced before `startMs`. */
export function createTrafficGenerator(opts: TrafficOptions = {}): TrafficGenerator {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED
  const startMs = opts.startMs ?? Date.UTC(2026, 10, 25, 0, 0, 0)
  const rate = opts.ratePerSecond ?? DEFAULT_RATE_PER_SECOND
  const attackEveryMs = (opts.attackEverySeconds ?? DEFAULT_ATTACK_EVERY_SECONDS) * 1000
  // Separate streams: the attacks stay the same whatever the benign rate.
  const rng = createRng(seed)
  const attackRng = createRng((seed ^ 0x9e3779b9) >>> 0)
  const benign = createBenignTraffic(rng, startMs)

  const meanGapAt = (t: number): number =>
    1000 / (rate * (1 + 0.25 * Math.sin((2 * Math.PI * (t - startMs)) / SWELL_PERIOD_MS)))

  let nextBenignAt = startMs + rng.exp(meanGapAt(startMs))
  let nextCampaignAt = startMs + (opts.firstAttackAfterMs ?? 1200)
  let campaignIndex = 0
  let scheduled: ScheduledRequest[] = []
  let pending: Pending[] = []
  let started = 0

  const render = (spec: ScheduledRequest['spec'], at: number): void => {
    const { entry, endMs } = renderKongEntry(spec, Math.round(at), rng)
    pending.push({ text: toCjson(entry), time: endMs, n: started++ })
  }

  function startCampaign(): void {
    const kind: CampaignKind = CAMPAIGN_KINDS[campaignIndex % CAMPAIGN_KINDS.length] ?? 'sqli'
    campaignIndex++
    scheduled = [...scheduled, ...buildCampaign(kind, attackRng, nextCampaignAt)].sort(
      (a, b) => a.at - b.at,
    )
    // Jitter keeps campaigns from lining up with chart buckets.
    nextCampaignAt += attackEveryMs * (0.8 + 0.4 * attackRng.next())
  }

  return {
    advance(toMs) {
      for (;;) {
        const attack = scheduled[0]
        const t = Math.min(nextBenignAt, nextCampaignAt, attack?.at ?? Infinity)
        if (t > toMs) break
        if (t === nextCampaignAt) startCampaign()
        else if (attack !== undefined && t === attack.at) {
          scheduled.shift()
          render(attack.spec, attack.at)
        } else {
          render(benign.next(nextBenignAt), nextBenignAt)
          nextBenignAt += rng.exp(meanGapAt(nextBenignAt))
        }
      }
      pending.sort((a, b) => a.time - b.time || a.n - b.n)
      const cut = pending.findIndex((p) => p.time > toMs)
      const done = cut < 0 ? pending : pending.slice(0, cut)
      pending = cut < 0 ? [] : pending.slice(cut)
      return done.map(({ text, time }) => ({ text, time }))
    },
    skipTo(toMs) {
      const shift = toMs - Math.min(nextBenignAt, nextCampaignAt)
      if (shift <= 0) return
      nextBenignAt += shift
      nextCampaignAt += shift
      scheduled = scheduled.map((s) => ({ at: s.at + shift, spec: s.spec }))
    },
  }
}

/**
 * Yields `count` Kong log lines of the demo traffic (for benchmarks and tests), one simulated second
 * at a time; the same arguments always yield the same lines.
 */
export function* generateKongLines(
  count: number,
  seed: number = DEFAULT_DEMO_SEED,
  startMs: number = Date.UTC(2026, 10, 25, 0, 0, 0),
  options: Omit<TrafficOptions, 'seed' | 'startMs'> = {},
): Generator<string> {
  const gen = createTrafficGenerator({ ...options, seed, startMs })
  let produced = 0
  for (let t = startMs + 1000; produced < count; t += 1000) {
    for (const line of gen.advance(t)) {
      if (produced >= count) return
      produced++
      yield line.text
    }
  }
}
