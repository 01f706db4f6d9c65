// A small seeded generator so a forest trained with the same seed on the same rows is the same forest:
// snapshots, tests and an officer's "why was this flagged" answer must be reproducible.

/** Returns mulberry32 seeded with `seed`: uniform floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Returns a uniform integer in [0, n) drawn from `rand`. */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n)
}
