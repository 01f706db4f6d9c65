// Baselines that adapt to an entity's own history. The EWMA follows slow drift cheaply; the median/MAD
// tracker gives a z-score that a few earlier outliers cannot inflate (a mean/sd baseline learns the attack
// it should flag). Both are bounded in memory: the EWMA is three numbers, the tracker a fixed window.

export interface Ewma {
  /** Adds an observation; returns the updated mean. */
  update(x: number): number
  /** Current mean (NaN before the first observation). */
  readonly mean: number
  /** Exponentially weighted variance around the mean (0 before the second observation). */
  readonly variance: number
  readonly count: number
}

export interface EwmaOptions {
  /** Weight of the newest observation, in (0, 1]. Give this or halfLife. */
  readonly alpha?: number
  /** Observations after which an old one's weight has halved. */
  readonly halfLife?: number
}

/** Creates an exponentially weighted moving mean (and variance) of a stream. */
export function createEwma(opts: EwmaOptions): Ewma {
  const alpha =
    opts.alpha ?? (opts.halfLife !== undefined ? 1 - Math.pow(0.5, 1 / opts.halfLife) : NaN)
  if (!(alpha > 0 && alpha <= 1)) throw new RangeError('createEwma: alpha must be in (0, 1]')
  let mean = NaN
  let variance = 0
  let count = 0
  return {
    update(x) {
      if (!Number.isFinite(x)) return mean
      count++
      if (count === 1) {
        mean = x
        return mean
      }
      // West's incremental form: the variance update uses the deviation from the old mean.
      const diff = x - mean
      const incr = alpha * diff
      mean += incr
      variance = (1 - alpha) * (variance + diff * incr)
      return mean
    },
    get mean() {
      return mean
    },
    get variance() {
      return variance
    },
    get count() {
      return count
    },
  }
}

export interface MedianMadTracker {
  /** Adds an observation, evicting the oldest once the window is full. */
  add(x: number): void
  /** Median of the window (NaN when empty). */
  readonly median: number
  /** Median absolute deviation from the median (NaN when empty). */
  readonly mad: number
  /** max(1.4826·MAD, minScale, relativeFloor·|median|): the denominator of zScore. */
  readonly scale: number
  /** (x − median) / scale; 0 while the window holds fewer than minSamples observations. */
  zScore(x: number): number
  readonly count: number
}

export interface MedianMadOptions {
  /** Observations kept (a ring buffer); default 256. */
  readonly window?: number
  /** Smallest scale, in the units of the observations, so a flat baseline does not divide by zero. */
  readonly minScale: number
  /** Scale floor as a share of |median| (default 0.05): a 1 % wobble on a steady 1000 is not 20 σ. */
  readonly relativeFloor?: number
  /** Observations needed before zScore answers (default 10): too short a history is no baseline. */
  readonly minSamples?: number
}

/** 1.4826·MAD estimates the standard deviation of normally distributed data. */
export const MAD_TO_SIGMA = 1.4826

/** Creates a median/MAD tracker over the last `window` observations. */
export function createMedianMadTracker(opts: MedianMadOptions): MedianMadTracker {
  const size = opts.window ?? 256
  const minScale = opts.minScale
  const relativeFloor = opts.relativeFloor ?? 0.05
  const minSamples = opts.minSamples ?? 10
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError('createMedianMadTracker: window must be a positive integer')
  }
  if (!(minScale > 0)) throw new RangeError('createMedianMadTracker: minScale must be positive')
  if (!(relativeFloor >= 0)) {
    throw new RangeError('createMedianMadTracker: relativeFloor must be non-negative')
  }
  const ring = new Float64Array(size)
  // Kept sorted alongside the ring, so the median is a lookup and an update is one O(window) shift.
  const sorted = new Float64Array(size)
  let count = 0
  let next = 0

  const lowerBound = (v: number): number => {
    let lo = 0
    let hi = count
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (sorted[mid]! < v) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const kth = (k: number): number => sorted[k]!
  const median = (): number => {
    if (count === 0) return NaN
    const h = count >>> 1
    return count % 2 === 1 ? kth(h) : (kth(h - 1) + kth(h)) / 2
  }
  // k-th smallest |x − m| (0-based): merge the two sorted runs of deviations that fan out from m.
  const kthDeviation = (m: number, k: number): number => {
    let left = lowerBound(m) - 1
    let right = left + 1
    let d = 0
    for (let taken = 0; taken <= k; taken++) {
      const dl = left >= 0 ? m - sorted[left]! : Infinity
      const dr = right < count ? sorted[right]! - m : Infinity
      if (dl <= dr) {
        d = dl
        left--
      } else {
        d = dr
        right++
      }
    }
    return d
  }
  const mad = (): number => {
    if (count === 0) return NaN
    const m = median()
    const h = count >>> 1
    return count % 2 === 1 ? kthDeviation(m, h) : (kthDeviation(m, h - 1) + kthDeviation(m, h)) / 2
  }
  const scale = (): number => {
    const m = median()
    const s = MAD_TO_SIGMA * mad()
    return Math.max(Number.isNaN(s) ? 0 : s, minScale, relativeFloor * Math.abs(m || 0))
  }

  return {
    add(x) {
      if (!Number.isFinite(x)) return
      if (count === size) {
        // Remove the value the ring is about to overwrite from the sorted copy.
        const old = ring[next]!
        const at = lowerBound(old)
        sorted.copyWithin(at, at + 1, count)
        count--
      }
      const at = lowerBound(x)
      sorted.copyWithin(at + 1, at, count)
      sorted[at] = x
      count++
      ring[next] = x
      next = (next + 1) % size
    },
    get median() {
      return median()
    },
    get mad() {
      return mad()
    },
    get scale() {
      return scale()
    },
    zScore(x) {
      if (count < minSamples || !Number.isFinite(x)) return 0
      return (x - median()) / scale()
    },
    get count() {
      return count
    },
  }
}
