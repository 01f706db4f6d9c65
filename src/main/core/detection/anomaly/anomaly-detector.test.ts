import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { testRecord } from '../request-record.test-helper'
import { mulberry32 } from './prng'
import { createAnomalyDetector, type AnomalySignal } from './anomaly-detector'

const T0 = Date.UTC(2026, 10, 25, 0, 0, 0)
const WINDOW = 10 * 60_000
let line = 0

function req(ip: string, time: number, over: Partial<RequestRecord> = {}): RequestRecord {
  line++
  return testRecord({
    line,
    recordId: `r${line}`,
    time,
    path: '/api/v1/quotes',
    rawQuery: 'symbol=7203.T',
    ip,
    route: 'quotes',
    service: 'market-data',
    requestBytes: 200,
    responseBytes: 900,
    latencyMs: 25,
    ...over,
  })
}

/** Ordinary desk traffic: 120 clients, each a few requests a minute over a handful of paths. */
function ordinaryWindow(w: number, rand: () => number): RequestRecord[] {
  const out: RequestRecord[] = []
  for (let c = 0; c < 120; c++) {
    const n = 8 + Math.floor(rand() * 20)
    for (let k = 0; k < n; k++) {
      out.push(
        req(`10.20.${c >> 8}.${c & 255}`, T0 + w * WINDOW + Math.floor(rand() * (WINDOW - 1)), {
          path: `/api/v1/${['quotes', 'orders', 'positions', 'news'][Math.floor(rand() * 4)]}`,
          status: rand() < 0.03 ? 404 : 200,
          responseBytes: 600 + Math.floor(rand() * 800),
          latencyMs: 15 + Math.floor(rand() * 40),
        }),
      )
    }
  }
  return out.sort((a, b) => a.time - b.time)
}

function feed(d: ReturnType<typeof createAnomalyDetector>, reqs: RequestRecord[]): AnomalySignal[] {
  return reqs.flatMap((r) => d.observe(r))
}

describe('anomaly detector', () => {
  it('stays quiet on ordinary traffic once trained', () => {
    const rand = mulberry32(7)
    const d = createAnomalyDetector()
    const signals = feed(d, Array.from({ length: 8 }, (_, w) => ordinaryWindow(w, rand)).flat())
    expect(d.snapshot()).not.toBeNull()
    expect(signals).toEqual([])
  })

  it('reports a client whose window is unlike the baseline, naming its last request and the drivers', () => {
    const rand = mulberry32(11)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 6 }, (_, w) => ordinaryWindow(w, rand)).flat())
    // A crawler: hundreds of distinct paths, almost all 404, in one window.
    const crawl = Array.from({ length: 400 }, (_, k) =>
      req('198.51.100.77', T0 + 6 * WINDOW + k * 1000, {
        path: `/p/${k}`,
        status: 404,
        responseBytes: 120,
      }),
    )
    const signals = [
      ...feed(
        d,
        [...ordinaryWindow(6, rand), ...crawl].sort((a, b) => a.time - b.time),
      ),
      ...d.flush(),
    ]
    const mine = signals.filter((s) => s.ip === '198.51.100.77')
    expect(mine).toHaveLength(1)
    expect(mine[0]!.recordId).toBe(crawl[crawl.length - 1]!.recordId)
    expect(mine[0]!.score).toBeGreaterThanOrEqual(0.68)
    expect(mine[0]!.summary).toMatch(/distinct_paths|rate_per_min|not_found_ratio/)
    expect(Object.keys(mine[0]!.details).some((k) => k.startsWith('share:'))).toBe(true)
    expect(signals.filter((s) => s.ip !== '198.51.100.77')).toEqual([])
  })

  it('leaves a report exported page by page alone: huge, slow answers to ordinary asking', () => {
    const rand = mulberry32(17)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 6 }, (_, w) => ordinaryWindow(w, rand)).flat())
    const exportPages = Array.from({ length: 22 }, (_, k) =>
      req('10.40.9.5', T0 + 6 * WINDOW + k * 20_000, {
        path: '/bo/v1/reports/cash/export',
        rawQuery: `date=2026-04-26&page=${k + 1}`,
        responseBytes: 240_000,
        latencyMs: 6_500,
      }),
    )
    const signals = [
      ...feed(
        d,
        [...ordinaryWindow(6, rand), ...exportPages].sort((a, b) => a.time - b.time),
      ),
      ...d.flush(),
    ]
    expect(signals).toEqual([])
  })

  it("leaves a service incident's failures to the clients it failed", () => {
    const rand = mulberry32(13)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 6 }, (_, w) => ordinaryWindow(w, rand)).flat())
    // The identity provider is down for the whole window: every client's logins answer 503, slowly,
    // and one office retries hard.
    const outage = ordinaryWindow(6, rand).map((r) =>
      r.path === '/api/v1/orders' ? { ...r, status: 503, latencyMs: 3000 } : r,
    )
    const office = Array.from({ length: 150 }, (_, k) =>
      req('203.0.113.66', T0 + 6 * WINDOW + k * 3000, { status: 503, latencyMs: 3000 }),
    )
    const during = [
      ...feed(
        d,
        [...outage, ...office].sort((a, b) => a.time - b.time),
      ),
      ...d.flush(),
    ]
    expect(during).toEqual([])
    // The same client failing alone, while the service answers everyone else, is unusual.
    const alone = Array.from({ length: 150 }, (_, k) =>
      req('203.0.113.66', T0 + 8 * WINDOW + k * 3000, { status: 503, latencyMs: 3000 }),
    )
    const after = [
      ...feed(
        d,
        [...ordinaryWindow(7, rand), ...ordinaryWindow(8, rand), ...alone].sort(
          (a, b) => a.time - b.time,
        ),
      ),
      ...d.flush(),
    ]
    expect(after.map((s) => s.ip)).toEqual(['203.0.113.66'])
  })

  it('does not report before it has a baseline', () => {
    const d = createAnomalyDetector()
    const crawl = Array.from({ length: 400 }, (_, k) =>
      req('198.51.100.78', T0 + k * 1000, { path: `/p/${k}`, status: 404 }),
    )
    expect([...feed(d, crawl), ...d.flush()]).toEqual([])
  })

  it('round-trips its forest through a snapshot', () => {
    const rand = mulberry32(3)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 5 }, (_, w) => ordinaryWindow(w, rand)).flat())
    const snap = d.snapshot()
    expect(snap).not.toBeNull()
    const e = createAnomalyDetector()
    e.restore(snap!)
    expect(e.snapshot()).toBe(snap)
    expect(() => e.restore('{"not":"a forest"}')).toThrow(/isolation forest snapshot/)
  })
})

describe('anomaly detector across a restart', () => {
  const crawlWindow = (rand: () => number) =>
    [
      ...ordinaryWindow(6, rand),
      ...Array.from({ length: 400 }, (_, k) =>
        req('198.51.100.79', T0 + 6 * WINDOW + k * 1000, { path: `/q/${k}`, status: 404 }),
      ),
    ].sort((a, b) => a.time - b.time)

  it('keeps the forest and the baseline it judges by: the same window gets the same verdict', () => {
    const rand = mulberry32(5)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 6 }, (_, w) => ordinaryWindow(w, rand)).flat())
    // Open windows are not kept (ten minutes are quickly seen again); closed ones are what it learnt.
    d.flush()
    const saved = JSON.parse(JSON.stringify(d.save())) as unknown
    const restarted = createAnomalyDetector()
    restarted.load(saved)
    const next = crawlWindow(rand)
    const original = [...feed(d, next), ...d.flush()]
    const afterRestart = [...feed(restarted, next), ...restarted.flush()]
    expect(original.filter((s) => s.ip === '198.51.100.79')).toHaveLength(1)
    expect(afterRestart).toEqual(original)

    // The forest alone is not enough: without the baseline's statistics nothing is far out yet.
    const forestOnly = createAnomalyDetector()
    forestOnly.restore(d.snapshot()!)
    expect([...feed(forestOnly, next), ...forestOnly.flush()]).toEqual([])
  })

  it('refuses a damaged save and stays as it was', () => {
    const rand = mulberry32(9)
    const d = createAnomalyDetector()
    feed(d, Array.from({ length: 6 }, (_, w) => ordinaryWindow(w, rand)).flat())
    const saved = d.save()
    const target = createAnomalyDetector()
    target.load(saved)
    expect(() => target.load({ ...saved, baseline: saved.baseline.slice(0, 20) })).toThrow(
      /truncated rows/,
    )
    expect(() => target.load({ ...saved, forest: '{}' })).toThrow(/isolation forest snapshot/)
    expect(() => target.load({ ...saved, trainings: -1 })).toThrow()
    expect(target.save()).toEqual(saved)
  })
})
