import { describe, expect, it } from 'vitest'
import { createEwma, createMedianMadTracker, MAD_TO_SIGMA } from './robust-stats'
import { mulberry32 } from './prng'

/** Median and MAD by sorting, to check the incremental tracker against. */
function naive(values: number[]): { median: number; mad: number } {
  const med = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b)
    const h = s.length >> 1
    return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2
  }
  const m = med(values)
  return { median: m, mad: med(values.map((v) => Math.abs(v - m))) }
}

describe('createEwma', () => {
  it('starts at the first value and moves by alpha towards each new one', () => {
    const e = createEwma({ alpha: 0.5 })
    expect(Number.isNaN(e.mean)).toBe(true)
    expect(e.update(10)).toBe(10)
    expect(e.update(20)).toBe(15)
    expect(e.update(15)).toBe(15)
    expect(e.count).toBe(3)
    expect(e.variance).toBeGreaterThan(0)
  })

  it('converts a half-life to alpha', () => {
    const e = createEwma({ halfLife: 1 })
    e.update(0)
    expect(e.update(8)).toBeCloseTo(4, 12)
  })

  it('converges to a steady level with variance near zero, and ignores non-finite input', () => {
    const e = createEwma({ alpha: 0.2 })
    for (let i = 0; i < 200; i++) e.update(7)
    e.update(NaN)
    e.update(Infinity)
    expect(e.mean).toBeCloseTo(7, 12)
    expect(e.variance).toBeCloseTo(0, 12)
    expect(e.count).toBe(200)
  })

  it('tracks the variance of a noisy stream', () => {
    const rand = mulberry32(9)
    const e = createEwma({ alpha: 0.01 })
    for (let i = 0; i < 20_000; i++) e.update(rand())
    expect(e.mean).toBeCloseTo(0.5, 1)
    // Uniform [0, 1): variance 1/12.
    expect(e.variance).toBeGreaterThan(0.06)
    expect(e.variance).toBeLessThan(0.11)
  })

  it('rejects a bad alpha', () => {
    expect(() => createEwma({})).toThrow(/alpha/)
    expect(() => createEwma({ alpha: 0 })).toThrow(/alpha/)
    expect(() => createEwma({ alpha: 1.5 })).toThrow(/alpha/)
  })
})

describe('createMedianMadTracker', () => {
  it('matches a sort-based median and MAD over a sliding window', () => {
    const rand = mulberry32(4)
    const t = createMedianMadTracker({ window: 17, minScale: 1e-9 })
    const seen: number[] = []
    for (let i = 0; i < 300; i++) {
      // Integers in a small range give plenty of ties, the tricky case for the deviation merge.
      const x = Math.floor(rand() * 12)
      t.add(x)
      seen.push(x)
      const expected = naive(seen.slice(-17))
      expect(t.count).toBe(Math.min(i + 1, 17))
      expect(t.median).toBe(expected.median)
      expect(t.mad).toBe(expected.mad)
    }
  })

  it('gives a robust z-score that one earlier outlier does not move', () => {
    const t = createMedianMadTracker({ window: 101, minScale: 0.001, relativeFloor: 0 })
    for (let i = 0; i < 100; i++) t.add(10 + (i % 5) - 2) // 8..12: median 10, MAD 1
    t.add(10_000)
    expect(t.median).toBe(10)
    expect(t.mad).toBe(1)
    expect(t.zScore(10 + 3 * MAD_TO_SIGMA)).toBeCloseTo(3, 9)
    expect(t.zScore(10)).toBe(0)
  })

  it('floors the scale so a flat baseline does not divide by zero', () => {
    const t = createMedianMadTracker({ window: 50, minScale: 0.5, relativeFloor: 0 })
    for (let i = 0; i < 50; i++) t.add(3)
    expect(t.mad).toBe(0)
    expect(t.scale).toBe(0.5)
    expect(t.zScore(4)).toBe(2)
    const rel = createMedianMadTracker({ window: 50, minScale: 0.5, relativeFloor: 0.05 })
    for (let i = 0; i < 50; i++) rel.add(1000)
    expect(rel.scale).toBe(50)
    expect(rel.zScore(1010)).toBeCloseTo(0.2, 12)
  })

  it('answers 0 until it has minSamples observations', () => {
    const t = createMedianMadTracker({ minScale: 1, minSamples: 3 })
    expect(Number.isNaN(t.median)).toBe(true)
    t.add(1)
    t.add(1)
    expect(t.zScore(100)).toBe(0)
    t.add(1)
    expect(t.zScore(100)).toBe(99)
  })

  it('ignores non-finite observations and rejects bad options', () => {
    const t = createMedianMadTracker({ minScale: 1 })
    t.add(NaN)
    t.add(-Infinity)
    expect(t.count).toBe(0)
    expect(() => createMedianMadTracker({ minScale: 0 })).toThrow(/minScale/)
    expect(() => createMedianMadTracker({ minScale: 1, window: 0 })).toThrow(/window/)
  })
})
