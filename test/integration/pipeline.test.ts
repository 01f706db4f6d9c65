// The pipeline end to end with real parts: the detection worker (worker_threads, via tsx), the rule pack,
// a real SQLite file, the demo source. Faults: a dying worker, a poisoned batch, a replayed batch.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createVigilCore, type VigilCore } from '../../src/main/core/app'
import type { DetectorWorker } from '../../src/main/core/detection/detector-host'
import type { ToWorker } from '../../src/main/core/detection/messages'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import type { RawBatch } from '../../src/main/core/sources/source'
import { createHandFedSource } from '../support/hand-fed-source'
import { until } from '../support/until'
import type { SourceHealth } from '../../src/shared/model'
import { channelOf } from '../../src/shared/contract'

const cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

function tempHome(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-pipeline-'))
  cleanup.push(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** One Kong log-serializer line, hand-written for these tests. */
function kongLine(n: number, query: string, ip = '203.0.113.50'): string {
  return JSON.stringify({
    request: {
      id: n.toString(16).padStart(32, '0'),
      uri: `/api/v1/orders?${query}`,
      method: 'GET',
      querystring: {},
      headers: { host: 'api.desk.example', 'user-agent': 'python-requests/2.32.3' },
      size: 200,
    },
    response: { status: 200, size: 500, headers: {} },
    latencies: { kong: 1, proxy: 10, request: 11 },
    route: { name: 'orders' },
    service: { name: 'trading-api' },
    client_ip: ip,
    started_at: Date.now() - 1000,
    source: 'upstream',
  })
}

const batch = (seq: number, lines: string[]): Omit<RawBatch, 'sourceId'> => ({
  seq,
  format: 'kong',
  records: lines.map((text, i) => ({ line: seq * 100 + i + 1, text })),
  metrics: [],
  cursor: `pos-${seq}`,
})

/** Wraps the real worker spawner: kills a worker when it is sent a batch that matches `kill`. */
function killingSpawner(kill: (m: ToWorker, spawnNo: number) => boolean) {
  let spawned = 0
  return {
    spawns: () => spawned,
    spawn: (): DetectorWorker => {
      const n = ++spawned
      const w = spawnNodeDetector()
      const post = w.postMessage.bind(w)
      w.postMessage = ((m: ToWorker) => {
        post(m)
        if (kill(m, n)) void w.terminate()
      }) as typeof w.postMessage
      return w as unknown as DetectorWorker
    },
  }
}

function start(home: string, opts: Partial<Parameters<typeof createVigilCore>[0]> = {}): VigilCore {
  const core = createVigilCore({
    home,
    resourcesDir: 'resources',
    spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
    actor: 'local:test',
    ...opts,
  })
  cleanup.push(() => core.dispose())
  return core
}

const SQLI = 'id=1%27%20UNION%20SELECT%20username%2Cpassword%20FROM%20accounts--'

describe('pipeline', () => {
  it('turns the demo replay into incidents, a threat level and pushes, in demo.db only', async () => {
    const home = tempHome()
    const core = start(home, { mode: 'demo' })
    const events = new Map<string, unknown>()
    core.onEvent((channel, payload) => events.set(channel, payload))
    await core.start()
    const incidents = await until('an incident', () => {
      const l = core.store.listIncidents({ limit: 10 })
      return l.length > 0 && l
    })
    expect(incidents[0]!.findingCount).toBeGreaterThan(0)
    const overview = await core.dispatch(
      'overview.get',
      { timelineMinutes: 30 },
      { actor: 'local:test', role: 'viewer' },
    )
    expect(overview.ok).toBe(true)
    if (overview.ok) {
      const v = overview.value as {
        threat: { score: number }
        sources: SourceHealth[]
        timeline: unknown[]
      }
      expect(v.threat.score).toBeGreaterThan(0)
      expect(v.sources.find((s) => s.id === 'demo')?.state).toBe('up')
      expect(v.timeline.length).toBeGreaterThan(0)
    }
    await until('pushed incidents', () => events.has(channelOf('incidents.changed', 'event')))
    expect(events.has(channelOf('threat.changed', 'event'))).toBe(true)
    expect(existsSync(join(home, 'demo.db'))).toBe(true)
    expect(existsSync(join(home, 'vigil.db'))).toBe(false)
  }, 60_000)

  it('restarts a worker that dies mid-batch and processes that batch again, once', async () => {
    const home = tempHome()
    const src = createHandFedSource('manual')
    // The first worker dies as soon as it is handed its first batch.
    const spawner = killingSpawner((m, n) => m.type === 'batch' && n === 1)
    const core = start(home, { sources: () => [src], spawnDetector: spawner.spawn })
    await core.start()
    await src.deliver(batch(1, [kongLine(1, SQLI), kongLine(2, 'symbol=7203.T')]))
    expect(spawner.spawns()).toBe(2)
    const [inc] = core.store.listIncidents({ limit: 5 })
    expect(inc).toMatchObject({ category: 'sqli', entity: '203.0.113.50', findingCount: 1 })
    expect(core.store.cursor('manual')).toBe('pos-1')
    // A replay of the same records (a source re-reading after a restart) upserts: no duplicates.
    await src.deliver(batch(1, [kongLine(1, SQLI), kongLine(2, 'symbol=7203.T')]))
    expect(core.store.listIncidents({ limit: 5 })).toHaveLength(1)
    expect(core.store.getIncident(inc!.id)!.incident.findingCount).toBe(1)
  }, 60_000)

  it('quarantines a batch that kills the worker twice, shows it in health and moves on', async () => {
    const home = tempHome()
    const src = createHandFedSource('manual')
    const spawner = killingSpawner(
      (m) => m.type === 'batch' && m.batch.records.some((r) => r.text.includes('poison-pill')),
    )
    const core = start(home, { sources: () => [src], spawnDetector: spawner.spawn })
    await core.start()
    await src.deliver(batch(1, [kongLine(1, 'note=poison-pill')]))
    expect(core.store.quarantined('manual')).toMatchObject([{ seq: 1, records: 1 }])
    expect(core.store.cursor('manual')).toBe('pos-1')
    await src.deliver(batch(2, [kongLine(3, SQLI)]))
    expect(core.store.listIncidents({ limit: 5 })).toHaveLength(1)
    const health = await core.dispatch(
      'sources.health',
      {},
      { actor: 'local:test', role: 'viewer' },
    )
    expect(health.ok).toBe(true)
    const rows = health.ok ? (health.value as SourceHealth[]) : []
    expect(rows.find((r) => r.id === 'manual')).toMatchObject({
      state: 'degraded',
      quarantinedBatches: 1,
    })
    expect(rows.find((r) => r.id === 'detector')).toMatchObject({ kind: 'detector', state: 'up' })
  }, 60_000)

  it('shows a broken config.json as an error instead of falling back to demo data', async () => {
    const home = tempHome()
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(home, 'config.json'), '{"kong": {"adminUrl": "not a url"}}')
    const core = start(home)
    await core.start()
    expect(core.mode).toBe('live')
    const info = await core.dispatch('app.info', {}, { actor: 'local:test', role: 'viewer' })
    expect(info).toMatchObject({ ok: true, value: { mode: 'live' } })
    const health = await core.dispatch(
      'sources.health',
      {},
      { actor: 'local:test', role: 'viewer' },
    )
    const rows = health.ok ? (health.value as SourceHealth[]) : []
    const config = rows.find((r) => r.id === 'config')
    expect(config).toMatchObject({ state: 'down' })
    expect(config?.lastError).toMatch(/kong\.adminUrl/)
  }, 30_000)
})

describe('a restart of the app', () => {
  const CLIENT = '203.0.113.77'
  // On a minute boundary: the flood must fall within one clock minute (a flood split over two minutes
  // is a different, weaker signal, and the test would depend on the time it runs).
  const T = Math.floor((Date.now() - 3 * 3_600_000) / 60_000) * 60_000
  const line = (n: number, ip: string, at: number) =>
    JSON.stringify({
      request: { id: `rs-${n}`, uri: '/api/v1/quotes?symbols=7203.T', method: 'GET', headers: {} },
      response: { status: 200, size: 300 },
      route: { name: 'quotes' },
      client_ip: ip,
      started_at: at,
    })
  /** 40 minutes of the client's usual 20 a minute among 100 a minute from the rest of the desk. */
  const usual = (): string[] => {
    const out: { t: number; l: string }[] = []
    let n = 0
    for (let m = 0; m < 40; m++) {
      for (let k = 0; k < 20; k++) {
        const at = T + m * 60_000 + k * 2_900
        out.push({ t: at, l: line(++n, CLIENT, at) })
      }
      for (let k = 0; k < 100; k++) {
        const at = T + m * 60_000 + k * 590
        out.push({ t: at, l: line(++n, `10.20.${k % 50}.${m}`, at) })
      }
    }
    return out.sort((a, b) => a.t - b.t).map((x) => x.l)
  }
  const flood = (): string[] =>
    Array.from({ length: 700 }, (_, k) => line(100_000 + k, CLIENT, T + 40 * 60_000 + k * 70))

  async function feedAll(src: ReturnType<typeof createHandFedSource>, lines: string[]) {
    for (let i = 0; i < lines.length; i += 1000) await src.feed(lines.slice(i, i + 1000))
  }
  const spikeIncidents = (core: VigilCore) =>
    core.store.listIncidents({ limit: 50 }).filter((i) => i.category === 'rate-spike')

  it('keeps what the detector learnt: a client is not new again after the restart', async () => {
    const home = tempHome()
    const before = createHandFedSource('gateway')
    const first = createVigilCore({
      home,
      resourcesDir: 'resources',
      spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
      actor: 'local:test',
      sources: () => [before],
    })
    await first.start()
    await feedAll(before, usual())
    // Shutdown stores the detector's snapshot in the database.
    await first.dispose()

    const after = createHandFedSource('gateway')
    const second = start(home, { sources: () => [after] })
    await second.start()
    await feedAll(after, flood())
    expect(spikeIncidents(second)).toMatchObject([{ entity: CLIENT }])

    // The same flood on a fresh install: no baseline for the client, nothing to compare against.
    const fresh = createHandFedSource('gateway')
    const other = start(tempHome(), { sources: () => [fresh] })
    await other.start()
    await feedAll(fresh, flood())
    expect(spikeIncidents(other)).toEqual([])
  }, 90_000)
})
