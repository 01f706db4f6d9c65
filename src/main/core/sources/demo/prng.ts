// A small seeded PRNG (mulberry32) so the demo replays the same traffic for the same seed on every
// machine; Math.random would make demo screenshots, tests and benchmarks differ run to run.

/** A deterministic random stream with the few draws the traffic generator needs. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by relative weight: `[[value, weight], …]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T
  /** Exponential with the given mean (Poisson inter-arrival times). */
  exp(mean: number): number
  /** Log-normal around a median: most values near it, a long tail above. */
  logNormal(median: number, sigma: number): number
  /** `count` lower-case hex digits. */
  hex(count: number): string
  bytes(count: number): Uint8Array
}

/** Creates a mulberry32 stream; the same seed always yields the same sequence. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const u32 = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
  const next = (): number => u32() / 4294967296
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)]
      if (item === undefined) throw new Error('pick needs a non-empty list')
      return item
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0
      for (const [, w] of items) total += w
      let r = next() * total
      for (const [value, w] of items) {
        r -= w
        if (r < 0) return value
      }
      const last = items[items.length - 1]
      if (last === undefined) throw new Error('weighted needs a non-empty list')
      return last[0]
    },
    exp: (mean) => -Math.log(1 - next()) * mean,
    logNormal(median, sigma) {
      // Box-Muller; 1 - next() keeps the logarithm away from zero.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next())
      return median * Math.exp(sigma * z)
    },
    hex(count) {
      let out = ''
      while (out.length < count) out += u32().toString(16).padStart(8, '0')
      return out.slice(0, count)
    },
    bytes(count) {
      const out = new Uint8Array(count)
      for (let i = 0; i < count; i++) out[i] = u32() & 0xff
      return out
    },
  }
  return rng
}

/** A stable 32-bit FNV-1a hash of a string, for ids that must not depend on the seed. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A UUID-shaped id derived from a name, so routes and consumers keep their ids across runs. */
export function uuidFrom(name: string): string {
  const hex = [0, 1, 2, 3]
    .map((salt) => fnv1a(`${salt}:${name}`).toString(16).padStart(8, '0'))
    .join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
