import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Finding, MinuteCounter, TimelineBucket } from '../../src/shared/model'
import { openStore } from '../../src/main/core/store/open-store'
import type { Store } from '../../src/main/core/store/store'
import { SAMPLE_T0, sampleFinding } from '../support/sample-finding'

const T0 = SAMPLE_T0
const MIN = 60_000
const ACTOR = {
  actor: 'local:test',
  action: 'incident.status',
  target: '',
  reason: 'test',
} as const

let dir: string
const open: Store[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-store-ingest-'))
})
afterEach(() => {
  for (const s of open.splice(0)) s.close()
  rmSync(dir, { recursive: true, force: true })
})

function store(name = 'vigil.db'): Store {
  const s = openStore(join(dir, name), { now: () => T0 })
  open.push(s)
  return s
}

const finding = sampleFinding

function batch(
  findings: readonly Finding[],
  over: {
    cursor?: string | null
    counters?: MinuteCounter[]
    timeline?: TimelineBucket[]
    now?: number
  } = {},
) {
  return {
    sourceId: 'file',
    findings,
    counters: over.counters ?? [],
    timeline: over.timeline ?? [],
    cursor: over.cursor ?? null,
    now: over.now ?? T0 + 10 * MIN,
  }
}

describe('ingest', () => {
  it('stores every field of a finding and links it to its incident', () => {
    const s = store()
    const f = finding(1, {
      kind: 'behaviour',
      decoded: "1' union select",
      consumer: 'desk-app',
      details: { failures: 31, window: '60s' },
    })
    const res = s.ingest(batch([f]))
    expect(res.newFindings).toBe(1)
    expect(res.changed).toHaveLength(1)
    const detail = s.getIncident(res.changed[0]!.id)
    expect(detail?.findings).toEqual([f])
    expect(detail?.incident).toEqual(res.changed[0])
  })

  it('upserts: the same findings twice leave the same counts', () => {
    const s = store()
    const fs = [finding(1), finding(2), finding(3, { category: 'xss', rule: 'xss.script' })]
    const first = s.ingest(batch(fs))
    const second = s.ingest(batch(fs, { now: T0 + 20 * MIN }))
    expect(first.newFindings).toBe(3)
    expect(second.newFindings).toBe(0)
    expect(second.changed).toEqual([])
    const incidents = s.listIncidents({ limit: 10 })
    expect(incidents).toHaveLength(2)
    expect(incidents.map((i) => i.findingCount).sort()).toEqual([1, 2])
    const sqli = incidents.find((i) => i.category === 'sqli')!
    expect(s.getIncident(sqli.id)?.findings).toHaveLength(2)
  })

  it('ignores a finding repeated within one batch', () => {
    const s = store()
    const res = s.ingest(batch([finding(1), finding(1), finding(2)]))
    expect(res.newFindings).toBe(2)
    expect(res.changed[0]!.findingCount).toBe(2)
  })

  it('extends an incident across batches within the gap window, and not beyond', () => {
    const s = store()
    const a = s.ingest(batch([finding(1)])).changed[0]!
    const b = s.ingest(batch([finding(2, { time: T0 + 20 * MIN })], { now: T0 + 21 * MIN }))
    expect(b.changed.map((i) => i.id)).toEqual([a.id])
    expect(b.changed[0]).toMatchObject({
      findingCount: 2,
      lastSeen: T0 + 20 * MIN,
      updatedAt: T0 + 21 * MIN,
    })
    const c = s.ingest(batch([finding(3, { time: T0 + 51 * MIN })]))
    expect(c.changed[0]!.id).not.toBe(a.id)
    expect(s.listIncidents({ limit: 10 })).toHaveLength(2)
  })

  it('takes a late finding into the incident whose span it falls near', () => {
    const s = store()
    const a = s.ingest(batch([finding(1, { time: T0 + 40 * MIN })])).changed[0]!
    const late = s.ingest(batch([finding(2, { time: T0 + 15 * MIN })])).changed[0]!
    expect(late.id).toBe(a.id)
    expect(late.firstSeen).toBe(T0 + 15 * MIN)
    expect(late.lastSeen).toBe(T0 + 40 * MIN)
  })

  it('opens a new incident instead of extending a resolved one', () => {
    const s = store()
    const a = s.ingest(batch([finding(1)])).changed[0]!
    s.setIncidentStatus(a.id, 'resolved', { ...ACTOR, outcome: 'done', target: a.id }, T0 + MIN)
    const b = s.ingest(batch([finding(2)])).changed[0]!
    expect(b.id).not.toBe(a.id)
    expect(b.status).toBe('open')
    expect(s.getIncident(a.id)?.incident.findingCount).toBe(1)
  })

  it('extends a contained incident and keeps it contained', () => {
    const s = store()
    const a = s.ingest(batch([finding(1)])).changed[0]!
    s.setIncidentStatus(a.id, 'contained', { ...ACTOR, outcome: 'done', target: a.id }, T0 + MIN)
    const b = s.ingest(batch([finding(2)])).changed[0]!
    expect(b).toMatchObject({ id: a.id, status: 'contained', findingCount: 2 })
  })

  it('gives the same incident ids when the same findings go into a fresh database', () => {
    const fs = Array.from({ length: 200 }, (_, n) =>
      finding(n, {
        time: T0 + n * 37_000,
        ip: `198.51.100.${n % 7}`,
        category: n % 3 === 0 ? 'xss' : 'sqli',
      }),
    )
    const ids = (s: Store) =>
      s
        .listIncidents({ limit: 1000 })
        .map((i) => i.id)
        .sort()
    const a = store('a.db')
    a.ingest(batch(fs.slice(0, 90)))
    a.ingest(batch(fs.slice(90)))
    const b = store('b.db')
    b.ingest(batch(fs))
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a).length).toBeGreaterThan(7)
  })

  it('moves the cursor with the batch, and leaves it when the batch has none', () => {
    const s = store()
    expect(s.cursor('file')).toBeNull()
    s.ingest(batch([finding(1)], { cursor: 'offset:100' }))
    expect(s.cursor('file')).toBe('offset:100')
    s.ingest(batch([finding(2)]))
    expect(s.cursor('file')).toBe('offset:100')
    expect(s.cursor('other')).toBeNull()
  })

  it('stores nothing, cursor included, when any part of a batch fails', () => {
    const s = store()
    s.ingest(batch([finding(1)], { cursor: 'offset:1' }))
    const bad = { minute: T0, entityKind: 'ip', entity: null, requests: 1, errors: 0, bytes: 0 }
    expect(() =>
      s.ingest(
        batch([finding(2), finding(3, { ip: '192.0.2.1' })], {
          cursor: 'offset:2',
          counters: [bad as unknown as MinuteCounter],
        }),
      ),
    ).toThrow()
    expect(s.cursor('file')).toBe('offset:1')
    expect(s.listIncidents({ limit: 10 })).toHaveLength(1)
    expect(s.listIncidents({ limit: 10 })[0]!.findingCount).toBe(1)
  })

  it('adds timeline buckets per minute and returns them in order', () => {
    const s = store()
    s.ingest(
      batch([], {
        timeline: [
          { start: T0 + 2 * MIN, requests: 10, byCategory: { sqli: 1 } },
          { start: T0, requests: 5, byCategory: {} },
        ],
      }),
    )
    s.ingest(
      batch([], {
        timeline: [{ start: T0 + 2 * MIN + 5_000, requests: 4, byCategory: { sqli: 2, xss: 1 } }],
      }),
    )
    expect(s.timeline(T0)).toEqual([
      { start: T0, requests: 5, byCategory: {} },
      { start: T0 + 2 * MIN, requests: 14, byCategory: { sqli: 3, xss: 1 } },
    ])
    expect(s.timeline(T0 + MIN).map((b) => b.start)).toEqual([T0 + 2 * MIN])
    expect(s.timeline(T0 + 2 * MIN + 30_000).map((b) => b.start)).toEqual([T0 + 2 * MIN])
  })

  it('adds per-minute counters per entity', () => {
    const s = store()
    const c = (minute: number, requests: number): MinuteCounter => ({
      minute,
      entityKind: 'ip',
      entity: '203.0.113.7',
      requests,
      errors: 1,
      bytes: 100 * requests,
    })
    s.ingest(batch([], { counters: [c(T0, 3), c(T0 + MIN, 1)] }))
    s.ingest(
      batch([], {
        counters: [c(T0, 2), { ...c(T0, 9), entityKind: 'route', entity: '/orders' }],
      }),
    )
    expect(s.counters({ entityKind: 'ip', entity: '203.0.113.7', since: T0 })).toEqual([
      { minute: T0, entityKind: 'ip', entity: '203.0.113.7', requests: 5, errors: 2, bytes: 500 },
      {
        minute: T0 + MIN,
        entityKind: 'ip',
        entity: '203.0.113.7',
        requests: 1,
        errors: 1,
        bytes: 100,
      },
    ])
    expect(s.counters({ entityKind: 'ip', entity: '203.0.113.7', since: T0 + MIN })).toHaveLength(1)
    expect(s.counters({ entityKind: 'route', entity: '/orders', since: 0 })[0]!.requests).toBe(9)
  })

  it('ingests 100k findings in one batch', () => {
    const s = store()
    const fs = Array.from({ length: 100_000 }, (_, n) =>
      finding(n, {
        time: T0 + n * 50,
        ip: `10.${(n >> 16) & 255}.${(n >> 8) & 15}.${n & 255}`,
        category: n % 5 === 0 ? 'scanner' : 'sqli',
      }),
    )
    const res = s.ingest(batch(fs, { cursor: 'offset:100000' }))
    expect(res.newFindings).toBe(100_000)
    const total = s.listIncidents({ limit: 1_000_000 }).reduce((sum, i) => sum + i.findingCount, 0)
    expect(total).toBe(100_000)
    expect(s.cursor('file')).toBe('offset:100000')
  })
})

describe('incident queries', () => {
  it('lists by updatedAt, filters by status, pages with beforeUpdatedAt', () => {
    const s = store()
    for (let n = 0; n < 5; n++) {
      s.ingest(batch([finding(n, { ip: `192.0.2.${n}` })], { now: T0 + n * MIN }))
    }
    const all = s.listIncidents({ limit: 10 })
    expect(all.map((i) => i.entity)).toEqual([
      '192.0.2.4',
      '192.0.2.3',
      '192.0.2.2',
      '192.0.2.1',
      '192.0.2.0',
    ])
    const page = s.listIncidents({ limit: 2, beforeUpdatedAt: all[1]!.updatedAt })
    expect(page.map((i) => i.entity)).toEqual(['192.0.2.2', '192.0.2.1'])

    s.setIncidentStatus(all[0]!.id, 'false-positive', { ...ACTOR, outcome: 'done' }, T0 + 9 * MIN)
    s.setIncidentStatus(all[1]!.id, 'contained', { ...ACTOR, outcome: 'done' }, T0 + 9 * MIN)
    expect(s.listIncidents({ limit: 10, status: 'false-positive' }).map((i) => i.id)).toEqual([
      all[0]!.id,
    ])
    const active = s.activeIncidents()
    expect(active).toHaveLength(4)
    expect(active.map((i) => i.status)).toContain('contained')
  })

  it('returns incident findings newest first, capped, and null for an unknown id', () => {
    const s = store()
    const inc = s.ingest(batch([finding(1), finding(3), finding(2)])).changed[0]!
    expect(s.getIncident(inc.id, 2)?.findings.map((f) => f.id)).toEqual(['f-3', 'f-2'])
    expect(s.getIncident(inc.id, 0)?.findings).toEqual([])
    expect(s.getIncident('nope')).toBeNull()
  })
})

describe('quarantine and snapshots', () => {
  it('keeps quarantined batches per source, newest first', () => {
    const s = store()
    s.quarantine({
      sourceId: 'es',
      seq: 1,
      at: T0,
      reason: 'worker crashed',
      records: 10,
      payload: '[]',
    })
    s.quarantine({
      sourceId: 'es',
      seq: 2,
      at: T0 + 1,
      reason: 'timeout',
      records: 4,
      payload: '[]',
    })
    s.quarantine({ sourceId: 'kong', seq: 1, at: T0 + 2, reason: 'x', records: 1, payload: '[]' })
    expect(s.quarantined('es').map((q) => q.seq)).toEqual([2, 1])
    expect(s.quarantined()).toHaveLength(3)
    expect(s.quarantined('es')[0]).toEqual({
      sourceId: 'es',
      seq: 2,
      at: T0 + 1,
      reason: 'timeout',
      records: 4,
    })
  })

  it('saves and replaces snapshots by name', () => {
    const s = store()
    expect(s.loadSnapshot('detector')).toBeNull()
    s.saveSnapshot('detector', 'v1', T0)
    s.saveSnapshot('detector', 'v2', T0 + 1)
    expect(s.loadSnapshot('detector')).toBe('v2')
  })
})
