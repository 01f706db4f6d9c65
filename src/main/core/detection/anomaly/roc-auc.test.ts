import { describe, expect, it } from 'vitest'
import { rocAuc } from './roc-auc'

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for all ties', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1)
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0)
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5)
  })

  it('counts a tie between a positive and a negative as one half', () => {
    // Pairs (pos, neg): (0.5 vs 0.5) = 0.5, (0.5 vs 0.1) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1.
    expect(rocAuc([0.5, 0.1, 0.5, 0.9], [0, 0, 1, 1])).toBe(3.5 / 4)
  })

  it('matches a pairwise count on an unordered sample', () => {
    const scores = [0.3, 0.7, 0.7, 0.2, 0.9, 0.3, 0.5, 0.7]
    const labels = [0, 1, 0, 0, 1, 1, 0, 1]
    let wins = 0
    let pairs = 0
    scores.forEach((p, i) => {
      if (labels[i] !== 1) return
      scores.forEach((q, j) => {
        if (labels[j] !== 0) return
        pairs++
        wins += p > q ? 1 : p === q ? 0.5 : 0
      })
    })
    expect(rocAuc(scores, labels)).toBeCloseTo(wins / pairs, 12)
  })

  it('needs both classes and equal lengths', () => {
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(/positive and one negative/)
    expect(() => rocAuc([1, 2], [1])).toThrow(/length/)
  })
})
