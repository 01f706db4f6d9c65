import { describe, expect, it } from 'vitest'
import type { IncidentSummary, Severity } from '../../../shared/model'
import { HALF_LIFE_MS, computeThreat, incidentWeight, threatBand } from './threat-level'

const NOW = Date.UTC(2026, 0, 5, 12, 0, 0)

function incident(n: number, over: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: `inc-${n}`,
    title: 'SQL injection from 203.0.113.7',
    category: 'sqli',
    severity: 'high',
    confidence: 0.9,
    status: 'open',
    entityKind: 'ip',
    entity: '203.0.113.7',
    firstSeen: NOW - 60_000,
    lastSeen: NOW,
    findingCount: 3,
    rules: ['sqli.union-select'],
    routes: ['/orders'],
    updatedAt: NOW,
    ...over,
  }
}

describe('computeThreat', () => {
  it('is low and zero with nothing active', () => {
    const t = computeThreat([], NOW)
    expect(t).toEqual({ score: 0, band: 'low', at: NOW, openIncidents: 0, top: [] })
  })

  it('never falls when an incident is added', () => {
    const list: IncidentSummary[] = []
    let last = 0
    const severities: Severity[] = ['info', 'low', 'medium', 'high', 'critical']
    for (let n = 0; n < 25; n++) {
      list.push(incident(n, { severity: severities[n % 5]!, confidence: 0.3 + (n % 7) / 10 }))
      const score = computeThreat(list, NOW).score
      expect(score).toBeGreaterThanOrEqual(last)
      last = score
    }
    expect(last).toBeLessThanOrEqual(100)
  })

  it('rises with severity and with confidence', () => {
    const severities: Severity[] = ['info', 'low', 'medium', 'high', 'critical']
    const bySeverity = severities.map(
      (s) => computeThreat([incident(1, { severity: s })], NOW).score,
    )
    expect([...bySeverity].sort((a, b) => a - b)).toEqual(bySeverity)
    const low = computeThreat([incident(1, { confidence: 0.2 })], NOW).score
    const high = computeThreat([incident(1, { confidence: 0.9 })], NOW).score
    expect(high).toBeGreaterThan(low)
  })

  it('halves an incident weight every half-life, and never grows with age', () => {
    const i = incident(1, { lastSeen: NOW })
    const fresh = incidentWeight(i, NOW)
    expect(incidentWeight(i, NOW + HALF_LIFE_MS)).toBeCloseTo(fresh / 2, 10)
    expect(incidentWeight(i, NOW + 2 * HALF_LIFE_MS)).toBeCloseTo(fresh / 4, 10)
    let prev = Infinity
    for (let m = 0; m <= 240; m += 5) {
      const score = computeThreat(
        [i, incident(2, { severity: 'critical' })],
        NOW + m * 60_000,
      ).score
      expect(score).toBeLessThanOrEqual(prev)
      prev = score
    }
    expect(prev).toBeLessThan(5)
  })

  it('treats a lastSeen in the future as fresh', () => {
    const i = incident(1, { lastSeen: NOW + 3_600_000 })
    expect(incidentWeight(i, NOW)).toBeCloseTo(0.35 * 0.9, 10)
  })

  it('weighs contained incidents half, and closed ones nothing', () => {
    const open = incidentWeight(incident(1), NOW)
    expect(incidentWeight(incident(1, { status: 'contained' }), NOW)).toBeCloseTo(open / 2, 10)
    expect(incidentWeight(incident(1, { status: 'resolved' }), NOW)).toBe(0)
    const t = computeThreat([incident(1, { status: 'false-positive' })], NOW)
    expect(t.score).toBe(0)
    expect(t.openIncidents).toBe(0)
  })

  it('follows the formula: one fresh confident critical is elevated, three are severe', () => {
    const crit = (n: number) => incident(n, { severity: 'critical', confidence: 0.9 })
    expect(computeThreat([crit(1)], NOW)).toMatchObject({ score: 54, band: 'elevated' })
    expect(computeThreat([crit(1), crit(2)], NOW)).toMatchObject({ score: 79, band: 'high' })
    expect(computeThreat([crit(1), crit(2), crit(3)], NOW).band).toBe('severe')
  })

  it('names the five heaviest incidents, heaviest first', () => {
    const list = Array.from({ length: 8 }, (_, n) => incident(n, { confidence: (n + 1) / 10 }))
    const t = computeThreat(list, NOW)
    expect(t.openIncidents).toBe(8)
    expect(t.top.map((x) => x.incidentId)).toEqual(['inc-7', 'inc-6', 'inc-5', 'inc-4', 'inc-3'])
    expect(t.top[0]!.weight).toBeCloseTo(0.35 * 0.8, 4)
  })
})

describe('threatBand', () => {
  it('cuts at 20, 40, 60 and 80', () => {
    expect([0, 19, 20, 39, 40, 59, 60, 79, 80, 100].map(threatBand)).toEqual([
      'low',
      'low',
      'guarded',
      'guarded',
      'elevated',
      'elevated',
      'high',
      'high',
      'severe',
      'severe',
    ])
  })
})
