import { describe, expect, it } from 'vitest'
import type { IncidentSummary, TimelineBucket } from '../../../shared/model'
import { MAX_INCIDENTS, mergeIncidents, mergeTimeline } from './merge'

const incident = (id: string, updatedAt: number, title = id): IncidentSummary => ({
  id,
  title,
  category: 'sqli',
  severity: 'high',
  confidence: 0.9,
  status: 'open',
  entityKind: 'ip',
  entity: '203.0.113.7',
  firstSeen: 0,
  lastSeen: updatedAt,
  findingCount: 1,
  rules: ['sqli.union-select'],
  routes: [],
  updatedAt,
})

const bucket = (start: number, requests: number): TimelineBucket => ({
  start,
  requests,
  byCategory: {},
})

describe('mergeIncidents', () => {
  it('adds new incidents and replaces held ones by id', () => {
    const held = { a: incident('a', 1), b: incident('b', 1) }
    const next = mergeIncidents(held, [incident('b', 2, 'B2'), incident('c', 3)])
    expect(Object.keys(next).sort()).toEqual(['a', 'b', 'c'])
    expect(next.b?.title).toBe('B2')
  })

  it('never lets an older copy replace a newer one', () => {
    const next = mergeIncidents({ a: incident('a', 5, 'new') }, [incident('a', 4, 'old')])
    expect(next.a?.title).toBe('new')
  })

  it('keeps the same object when nothing arrives', () => {
    const held = { a: incident('a', 1) }
    expect(mergeIncidents(held, [])).toBe(held)
  })

  it('drops the oldest updated past the cap', () => {
    const many = Array.from({ length: MAX_INCIDENTS + 5 }, (_, i) => incident(`i${i}`, i))
    const next = mergeIncidents({}, many)
    expect(Object.keys(next)).toHaveLength(MAX_INCIDENTS)
    expect(next.i0).toBeUndefined()
    expect(next[`i${MAX_INCIDENTS + 4}`]).toBeDefined()
  })
})

describe('mergeTimeline', () => {
  it('merges by start, incoming wins, sorted', () => {
    const next = mergeTimeline(
      [bucket(60_000, 1), bucket(0, 1)],
      [bucket(60_000, 7), bucket(120_000, 2)],
    )
    expect(next.map((b) => [b.start, b.requests])).toEqual([
      [0, 1],
      [60_000, 7],
      [120_000, 2],
    ])
  })

  it('keeps only the window before the newest bucket', () => {
    const next = mergeTimeline(
      [bucket(0, 1), bucket(60_000, 1)],
      [bucket(90_000, 1), bucket(180_000, 1)],
      120_000,
    )
    expect(next.map((b) => b.start)).toEqual([90_000, 180_000])
  })
})
