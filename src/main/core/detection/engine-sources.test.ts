// Behaviour windows per timeline (live sources share one, each import has its own), and what the engine
// keeps across a restart.
import { describe, expect, it } from 'vitest'
import type { RawBatch, RawRecord } from '../sources/source'
import { createEngine, type Engine } from './engine'
import { builtinRulesDir, readRuleSources } from './rule-pack'

const rules = readRuleSources(builtinRulesDir())
const T0 = Date.UTC(2026, 10, 25, 9, 0, 0)
const CLIENT = '10.30.0.5'

let n = 0
function rec(ip: string, time: number): RawRecord {
  n++
  return {
    line: n,
    text: JSON.stringify({
      request: { id: `r-${n}`, uri: '/api/v1/quotes?symbols=7203.T', method: 'GET', headers: {} },
      response: { status: 200, size: 300 },
      latencies: { request: 12 },
      client_ip: ip,
      route: { name: 'quotes' },
      started_at: time,
    }),
  }
}

/** `minutes` minutes from `start`: `perMinute` requests from the client, 100 from the rest of the desk. */
function steady(start: number, minutes: number, perMinute: number): RawRecord[] {
  const out: { r: RawRecord; t: number }[] = []
  for (let m = 0; m < minutes; m++) {
    const t = start + m * 60_000
    for (let k = 0; k < perMinute; k++) {
      const at = t + Math.floor((k * 59_000) / perMinute)
      out.push({ r: rec(CLIENT, at), t: at })
    }
    for (let k = 0; k < 100; k++) {
      const at = t + k * 590
      out.push({ r: rec(`10.20.${k % 50}.${m % 200}`, at), t: at })
    }
  }
  return out.sort((a, b) => a.t - b.t).map((x) => x.r)
}

/** `count` requests from the client within one minute starting at `start`. */
function flood(start: number, count: number): RawRecord[] {
  return Array.from({ length: count }, (_, k) =>
    rec(CLIENT, start + Math.floor((k * 50_000) / count)),
  )
}

let seq = 0
/** Feeds records as batches of `sourceId`; a `file:` source is an import with a timeline of its own. */
function feed(e: Engine, sourceId: string, records: RawRecord[]) {
  const findings = []
  for (let i = 0; i < records.length; i += 1000) {
    const b: RawBatch = {
      sourceId,
      seq: ++seq,
      format: 'kong',
      records: records.slice(i, i + 1000),
      metrics: [],
      cursor: null,
      ...(sourceId.startsWith('file:') ? { timeline: sourceId } : {}),
    }
    findings.push(...e.process(b).findings)
  }
  return findings
}

const spikes = (fs: { rule: string | null; ip: string | null }[]) =>
  fs.filter((f) => f.rule === 'behaviour.rate-spike' && f.ip === CLIENT)

describe('behaviour windows per timeline', () => {
  it('live sources share windows: a brute force spread over two gateway nodes is one', () => {
    const e = createEngine(rules)
    let k = 0
    const login = (node: string) =>
      feed(e, node, [
        {
          line: ++k,
          text: JSON.stringify({
            request: {
              id: `bf-${k}`,
              uri: '/auth/login',
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: `{"username":"ops","password":"guess${k}"}`,
            },
            response: { status: 401 },
            client_ip: '203.0.113.99',
            started_at: T0 + k * 20_000,
          }),
        },
      ])
    const found = []
    // Twelve wrong passwords, alternating between the access logs of two nodes: six on each.
    for (let i = 0; i < 12; i++) found.push(...login(i % 2 === 0 ? 'kong-node-a' : 'kong-node-b'))
    expect(found.filter((f) => f.category === 'bruteforce')).toHaveLength(1)
  })

  it('an imported file does not count into the live minute of the same client', () => {
    const e = createEngine(rules)
    // Live: the client's usual 20 a minute for 40 minutes.
    expect(spikes(feed(e, 'kong', steady(T0, 40, 20)))).toEqual([])
    // Meanwhile the officer imports yesterday's log, where the same client sent 700 requests in a
    // minute (yesterday's spike is yesterday's business: that file has no baseline for it).
    expect(spikes(feed(e, 'file:/logs/yesterday.jsonl', flood(T0 - 86_400_000, 700)))).toEqual([])
    // Live goes on undisturbed: its current minute did not absorb the file's 700.
    expect(spikes(feed(e, 'kong', steady(T0 + 40 * 60_000, 2, 20)))).toEqual([])
    // And a real live spike is still seen.
    expect(spikes(feed(e, 'kong', flood(T0 + 42 * 60_000, 700)))).toHaveLength(1)
  })

  it('flush ends a source: its windows are forgotten, so a later import starts clean', () => {
    const e = createEngine(rules)
    feed(e, 'file:a', steady(T0, 40, 20))
    expect(JSON.parse(e.snapshot()).sources).toHaveProperty(['file:a'])
    e.flush('file:a')
    expect(JSON.parse(e.snapshot()).sources).not.toHaveProperty(['file:a'])
    // Without the file's baseline, the client is new again: no spike can be judged.
    expect(spikes(feed(e, 'file:a', flood(T0 + 40 * 60_000, 700)))).toEqual([])
  })
})

describe('engine snapshot', () => {
  it('a restart keeps what the windows learnt: the client is not new again', () => {
    const before = createEngine(rules)
    feed(before, 'kong', steady(T0, 40, 20))
    const snap = before.snapshot()

    const restarted = createEngine(rules)
    restarted.restore(snap)
    expect(spikes(feed(restarted, 'kong', flood(T0 + 40 * 60_000, 700)))).toHaveLength(1)

    // Without the snapshot, the first half hour after a restart is blind to the same flood.
    const fresh = createEngine(rules)
    expect(spikes(feed(fresh, 'kong', flood(T0 + 40 * 60_000, 700)))).toEqual([])
  })

  it('keeps timelines apart in the snapshot', () => {
    const e = createEngine(rules)
    feed(e, 'kong', steady(T0, 35, 20))
    feed(e, 'file:/logs/a.jsonl', steady(T0, 2, 5))
    const restored = createEngine(rules)
    restored.restore(e.snapshot())
    const { sources } = JSON.parse(restored.snapshot()) as { sources: Record<string, unknown> }
    expect(Object.keys(sources).sort()).toEqual(['file:/logs/a.jsonl', 'live'])
    // Only the timeline with a baseline long enough can see a spike.
    expect(spikes(feed(restored, 'file:/logs/a.jsonl', flood(T0 + 3 * 60_000, 700)))).toEqual([])
    expect(spikes(feed(restored, 'kong', flood(T0 + 35 * 60_000, 700)))).toHaveLength(1)
  })

  it('refuses a damaged snapshot with a clear error and keeps what it had', () => {
    const e = createEngine(rules)
    feed(e, 'kong', steady(T0, 40, 20))
    const good = JSON.parse(e.snapshot()) as {
      sources: Record<string, { detectors: Record<string, { entities: unknown[][] }> }>
    }
    const damaged = structuredClone(good)
    damaged.sources['live']!.detectors['rateSpike']!.entities[0]![1] = ['x']
    expect(() => e.restore(JSON.stringify(damaged))).toThrow(/timeline live: rateSpike: entities/)
    expect(() => e.restore('{"version":99}')).toThrow(/unknown version/)
    expect(() => e.restore('not json')).toThrow(/not JSON/)
    // Still the engine it was: its baseline sees the flood.
    expect(spikes(feed(e, 'kong', flood(T0 + 40 * 60_000, 700)))).toHaveLength(1)
  })

  it('still reads a snapshot from before sources had windows of their own (forest only)', () => {
    const e = createEngine(rules)
    expect(() => e.restore('{"version":1,"anomalyForest":null}')).not.toThrow()
    expect(() => e.restore('{"version":1,"anomalyForest":"garbage"}')).toThrow()
  })
})
