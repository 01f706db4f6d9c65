// An entity's usual per-minute level, learnt as an exponentially weighted mean and mean absolute
// deviation of complete minutes (minutes with nothing count as zero), so the baseline follows slow drift
// while one busy minute cannot move it much.
import { z } from 'zod'

export interface MinuteBaseline {
  minute: number
  /** Sum (or count) in the current, incomplete minute. */
  current: number
  /** Requests in the current minute (for averages). */
  n: number
  mean: number
  dev: number
  /** Complete minutes folded in so far. */
  minutes: number
}

const ALPHA = 0.05
/** Past this many empty minutes the baseline is simply decayed to zero in one step. */
const MAX_GAP = 240

/** A fresh baseline starting at `minute`. */
export function newBaseline(minute: number): MinuteBaseline {
  return { minute, current: 0, n: 0, mean: 0, dev: 0, minutes: 0 }
}

function fold(b: MinuteBaseline, value: number): void {
  if (b.minutes === 0) {
    b.mean = value
    b.dev = 0
  } else {
    const d = value - b.mean
    b.mean += ALPHA * d
    b.dev += ALPHA * (Math.abs(d) - b.dev)
  }
  b.minutes++
}

/**
 * Moves the baseline to `minute`: the finished minute's value (its sum, or its average when `average`)
 * is folded in, then each skipped minute as zero (not for averages: no requests means no latency).
 */
export function advanceTo(b: MinuteBaseline, minute: number, average = false): void {
  if (minute <= b.minute) return
  fold(b, average ? (b.n > 0 ? b.current / b.n : b.mean) : b.current)
  const gap = Math.min(MAX_GAP, Math.round((minute - b.minute) / 60_000) - 1)
  if (!average) for (let i = 0; i < gap; i++) fold(b, 0)
  b.minute = minute
  b.current = 0
  b.n = 0
}

/** A baseline as saved: [minute, current, n, mean, dev, minutes]. */
export type SavedBaseline = [number, number, number, number, number, number]

const finite = z.number().finite()

/** Validates a saved baseline (throws on anything else). */
export const savedBaseline = z.tuple([
  finite,
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
  finite.nonnegative(),
  z.number().int().nonnegative(),
])

export function saveBaseline(b: MinuteBaseline): SavedBaseline {
  return [b.minute, b.current, b.n, b.mean, b.dev, b.minutes]
}

export function loadBaseline(s: SavedBaseline): MinuteBaseline {
  return { minute: s[0], current: s[1], n: s[2], mean: s[3], dev: s[4], minutes: s[5] }
}

/**
 * The entries worth saving: those that have learnt at least one minute, `first` ones ahead (if given),
 * then the most recently active, at most `cap`.
 */
export function learntFirst<K, V extends { readonly b: MinuteBaseline }>(
  entries: Iterable<[K, V]>,
  cap: number,
  first: (v: V) => boolean = () => false,
): [K, V][] {
  const learnt = [...entries].filter(([, v]) => v.b.minutes > 0)
  learnt.sort(([, a], [, b]) => Number(first(b)) - Number(first(a)) || b.b.minute - a.b.minute)
  return learnt.slice(0, cap)
}
