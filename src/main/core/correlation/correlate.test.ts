import { describe, expect, it } from 'vitest'
import {
  DEFAULT_GAP_MS,
  correlate,
  entityOf,
  incidentConfidence,
  incidentId,
  type CorrelationState,
} from './correlate'
import { incidentTitle } from './incident-title'
import { SAMPLE_T0, sampleFinding } from '../../../../test/support/sample-finding'

const T0 = SAMPLE_T0
const MIN = 60_000

const finding = sampleFinding

describe('entityOf', () => {
  it('prefers the ip, then the consumer, then the route', () => {
    expect(entityOf(finding(1))).toEqual({ entityKind: 'ip', entity: '203.0.113.7' })
    expect(entityOf(finding(1, { ip: null, consumer: 'alice' }))).toEqual({
      entityKind: 'consumer',
      entity: 'alice',
    })
    expect(entityOf(finding(1, { ip: null }))).toEqual({ entityKind: 'route', entity: '/orders' })
    expect(entityOf(finding(1, { ip: null, route: null }))).toEqual({
      entityKind: 'route',
      entity: 'unknown',
    })
  })
})

describe('correlate', () => {
  it('groups findings of one key into one incident with a human title', () => {
    const r = correlate({ incidents: [], findings: [finding(1), finding(2), finding(3)], now: 5 })
    expect(r.incidents).toHaveLength(1)
    const inc = r.incidents[0]!
    expect(inc.title).toBe('SQL injection from 203.0.113.7')
    expect(inc.findingCount).toBe(3)
    expect(inc.firstSeen).toBe(T0 + 1000)
    expect(inc.lastSeen).toBe(T0 + 3000)
    expect(inc.updatedAt).toBe(5)
    expect(inc.status).toBe('open')
    expect(inc.id).toBe(incidentId('ip', '203.0.113.7', 'sqli', T0 + 1000))
    expect(r.links.map((l) => l.incidentId)).toEqual([inc.id, inc.id, inc.id])
  })

  it('separates keys by entity and by category', () => {
    const r = correlate({
      incidents: [],
      findings: [
        finding(1),
        finding(2, { ip: '198.51.100.9' }),
        finding(3, { category: 'xss', rule: 'xss.script-tag' }),
      ],
      now: 0,
    })
    expect(r.incidents).toHaveLength(3)
  })

  it('opens a new incident after a gap longer than the window', () => {
    const r = correlate({
      incidents: [],
      findings: [
        finding(1),
        finding(2, { time: T0 + 29 * MIN }),
        finding(3, { time: T0 + 29 * MIN + DEFAULT_GAP_MS + 1 }),
      ],
      now: 0,
    })
    expect(r.incidents.map((i) => i.findingCount)).toEqual([2, 1])
  })

  it('honours a custom gap window', () => {
    const r = correlate({
      incidents: [],
      findings: [finding(1), finding(2, { time: T0 + 10 * MIN })],
      now: 0,
      gapMs: 5 * MIN,
    })
    expect(r.incidents).toHaveLength(2)
  })

  it('takes the maximum severity and lists distinct rules and routes', () => {
    const r = correlate({
      incidents: [],
      findings: [
        finding(1, { severity: 'medium' }),
        finding(2, { severity: 'critical', rule: 'sqli.stacked', route: '/login' }),
        finding(3, { severity: 'low', route: '/orders' }),
      ],
      now: 0,
    })
    const inc = r.incidents[0]!
    expect(inc.severity).toBe('critical')
    expect(inc.rules).toEqual(['sqli.union-select', 'sqli.stacked'])
    expect(inc.routes).toEqual(['/orders', '/login'])
  })

  it('caps the listed rules and routes at 20', () => {
    const findings = Array.from({ length: 30 }, (_, n) =>
      finding(n, { rule: `sqli.r${n}`, route: `/r${n}` }),
    )
    const inc = correlate({ incidents: [], findings, now: 0 }).incidents[0]!
    expect(inc.rules).toHaveLength(20)
    expect(inc.routes).toHaveLength(20)
    expect(inc.ruleConfidence).toHaveLength(30)
  })

  it('does not depend on input order', () => {
    const fs = [finding(3), finding(1), finding(2, { time: T0 + 2 * DEFAULT_GAP_MS })]
    const a = correlate({ incidents: [], findings: fs, now: 0 })
    const b = correlate({ incidents: [], findings: [...fs].reverse(), now: 0 })
    expect(a.incidents.map((i) => i.id)).toEqual(b.incidents.map((i) => i.id))
  })

  it('counts a finding repeated in the input once', () => {
    const inc = correlate({ incidents: [], findings: [finding(1), finding(1)], now: 0 })
      .incidents[0]!
    expect(inc.findingCount).toBe(1)
  })

  it('extends an active incident handed in, and never a resolved one', () => {
    const first = correlate({ incidents: [], findings: [finding(1)], now: 0 }).incidents[0]!
    const extended = correlate({ incidents: [first], findings: [finding(2)], now: 9 })
    expect(extended.incidents[0]!.id).toBe(first.id)
    expect(extended.incidents[0]!.findingCount).toBe(2)
    expect(extended.incidents[0]!.updatedAt).toBe(9)

    const resolved: CorrelationState = { ...first, status: 'resolved' }
    const fresh = correlate({
      incidents: [resolved],
      findings: [finding(2)],
      now: 9,
      idTaken: (id) => id === first.id,
    })
    expect(fresh.incidents[0]!.id).not.toBe(first.id)
    expect(fresh.incidents[0]!.findingCount).toBe(1)
  })

  it('extends contained and acknowledged incidents', () => {
    const first = correlate({ incidents: [], findings: [finding(1)], now: 0 }).incidents[0]!
    for (const status of ['acknowledged', 'contained'] as const) {
      const r = correlate({ incidents: [{ ...first, status }], findings: [finding(2)], now: 1 })
      expect(r.incidents[0]!.id).toBe(first.id)
      expect(r.incidents[0]!.status).toBe(status)
    }
  })

  it('resolves id collisions deterministically', () => {
    const id = incidentId('ip', '203.0.113.7', 'sqli', T0 + 1000)
    const r = correlate({ incidents: [], findings: [finding(1)], now: 0, idTaken: (x) => x === id })
    expect(r.incidents[0]!.id).toBe(incidentId('ip', '203.0.113.7', 'sqli', T0 + 1000, 2))
  })
})

describe('incidentConfidence', () => {
  it('combines distinct rules as independent evidence', () => {
    expect(incidentConfidence([['a', 0.5]], 1)).toBe(0.5)
    expect(
      incidentConfidence(
        [
          ['a', 0.5],
          ['b', 0.5],
        ],
        2,
      ),
    ).toBeCloseTo(1 - 0.25 * 0.95, 4)
  })

  it('rises with the count, up to a point, and is capped at 0.99', () => {
    const one = incidentConfidence([['a', 0.5]], 1)
    const ten = incidentConfidence([['a', 0.5]], 10)
    const many = incidentConfidence([['a', 0.5]], 21)
    expect(ten).toBeGreaterThan(one)
    expect(many).toBeGreaterThan(ten)
    expect(incidentConfidence([['a', 0.5]], 1000)).toBe(many)
    expect(incidentConfidence([['a', 1]], 1)).toBe(0.99)
  })
})

describe('incidentTitle', () => {
  it('reads as a sentence for each entity kind', () => {
    expect(incidentTitle('bruteforce', 'consumer', 'alice')).toBe('Brute force by consumer alice')
    expect(incidentTitle('rate-spike', 'route', '/login')).toBe('Rate spike on route /login')
  })
})
