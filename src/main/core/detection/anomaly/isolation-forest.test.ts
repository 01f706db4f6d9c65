import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  averagePathLength,
  IsolationForestSnapshotError,
  loadIsolationForest,
  trainIsolationForest,
} from './isolation-forest'
import { mulberry32 } from './prng'
import { rocAuc } from './roc-auc'
import { WINDOW_FEATURE_NAMES } from './window-features'

// The committed tables written by scripts/validate-iforest.py; the corpus itself is never read here.
const FIXTURES = new URL('../../../../../test/fixtures/iforest/', import.meta.url)
// Vigil's figure is the mean AUC over these seeds: one forest's AUC moves by about its sd between seeds
// (0.002–0.006 on these sets), and the mean of five keeps that well inside the 0.02 tolerance.
const SEEDS = [1, 2, 3, 4, 5]
const TOLERANCE = 0.02
const UPDATE = process.env.UPDATE_IFOREST === '1'

interface Table {
  readonly columns: string[]
  readonly rows: number[][]
  readonly labels: number[]
}

/** Reads a fixture CSV: numeric feature columns, a trailing `label`, `skip` leading id columns. */
function readTable(name: string, skip: number): Table {
  const lines = readFileSync(new URL(name, FIXTURES), 'utf8').trim().split('\n')
  const header = lines[0]!.split(',')
  expect(header.at(-1)).toBe('label')
  const rows: number[][] = []
  const labels: number[] = []
  for (const line of lines.slice(1)) {
    const cells = line.split(',')
    rows.push(cells.slice(skip, -1).map(Number))
    labels.push(Number(cells.at(-1)))
  }
  return { columns: header.slice(skip, -1), rows, labels }
}

interface DataSetFigures {
  readonly sklearnAuc: number
}
interface Reference {
  readonly sklearnVersion: string
  readonly dataSets: Record<string, DataSetFigures>
}
interface VigilFigures {
  readonly seeds: number[]
  readonly dataSets: Record<string, { auc: number; perSeed: number[]; sklearnAuc: number }>
}

const DATA_SETS = [
  { file: 'corpus-ip-windows.csv', skip: 2 },
  { file: 'breast-cancer.csv', skip: 0 },
] as const

function vigilAuc(table: Table): { auc: number; perSeed: number[] } {
  const perSeed = SEEDS.map((seed) => {
    const forest = trainIsolationForest(table.rows, { trees: 100, sampleSize: 256, seed })
    return rocAuc(
      table.rows.map((r) => forest.score(r)),
      table.labels,
    )
  })
  return { auc: perSeed.reduce((a, b) => a + b, 0) / perSeed.length, perSeed }
}

const round = (x: number): number => Number(x.toFixed(6))

describe('isolation forest against scikit-learn', () => {
  const reference = JSON.parse(
    readFileSync(new URL('reference.json', FIXTURES), 'utf8'),
  ) as Reference
  const measured: VigilFigures = { seeds: SEEDS, dataSets: {} }

  afterAll(() => {
    // Only a full, green run may rewrite the committed figures.
    if (!UPDATE || Object.keys(measured.dataSets).length !== DATA_SETS.length) return
    const out = {
      ...measured,
      params: { trees: 100, sampleSize: 256, aucIs: 'mean ROC AUC over the seeds' },
      note: 'Written by UPDATE_IFOREST=1 npx vitest run src/main/core/detection/anomaly/isolation-forest.test.ts',
    }
    writeFileSync(new URL('vigil-auc.json', FIXTURES), `${JSON.stringify(out, null, 2)}\n`)
  })

  for (const { file, skip } of DATA_SETS) {
    it(`${file}: AUC within ${TOLERANCE} of sklearn and of the committed figure`, () => {
      const table = readTable(file, skip)
      if (file === 'corpus-ip-windows.csv') expect(table.columns).toEqual([...WINDOW_FEATURE_NAMES])
      const vigil = vigilAuc(table)
      const sklearn = reference.dataSets[file]!.sklearnAuc
      expect(Math.abs(vigil.auc - sklearn)).toBeLessThanOrEqual(TOLERANCE)
      if (UPDATE) {
        measured.dataSets[file] = {
          auc: round(vigil.auc),
          perSeed: vigil.perSeed.map(round),
          sklearnAuc: sklearn,
        }
        return
      }
      const committed = JSON.parse(
        readFileSync(new URL('vigil-auc.json', FIXTURES), 'utf8'),
      ) as VigilFigures
      expect(committed.seeds).toEqual(SEEDS)
      expect(Math.abs(vigil.auc - committed.dataSets[file]!.auc)).toBeLessThanOrEqual(TOLERANCE)
    })
  }
})

/** Rows of independent, roughly normal features (mean of four uniforms: mean 0.5, sd about 0.14). */
function synthetic(n: number, d: number, seed: number): number[][] {
  const rand = mulberry32(seed)
  return Array.from({ length: n }, () =>
    Array.from({ length: d }, () => (rand() + rand() + rand() + rand()) / 4),
  )
}

describe('isolation forest', () => {
  const rows = synthetic(600, 5, 7)

  it('is deterministic for a seed and differs across seeds', () => {
    const a = trainIsolationForest(rows, { seed: 11 })
    const b = trainIsolationForest(rows, { seed: 11 })
    const c = trainIsolationForest(rows, { seed: 12 })
    expect(a.toJSON()).toBe(b.toJSON())
    expect(a.toJSON()).not.toBe(c.toJSON())
    expect(rows.map((r) => a.score(r))).toEqual(rows.map((r) => b.score(r)))
  })

  it('accepts Float64Array rows and gives the same forest', () => {
    const a = trainIsolationForest(rows, { seed: 3 })
    const b = trainIsolationForest(
      rows.map((r) => Float64Array.from(r)),
      { seed: 3 },
    )
    expect(a.toJSON()).toBe(b.toJSON())
  })

  it('uses sklearn defaults: 100 trees, min(256, n) rows per tree', () => {
    const f = trainIsolationForest(rows)
    expect(f.trees).toBe(100)
    expect(f.sampleSize).toBe(256)
    expect(trainIsolationForest(rows.slice(0, 50)).sampleSize).toBe(50)
  })

  it('scores an outlier above ordinary rows', () => {
    const f = trainIsolationForest(rows, { seed: 1 })
    const outlier = [5, 5, 5, 5, 5]
    const typical = rows.map((r) => f.score(r)).sort((x, y) => x - y)
    expect(f.score(outlier)).toBeGreaterThan(0.6)
    expect(f.score(outlier)).toBeGreaterThan(typical.at(-1)!)
    expect(typical[typical.length >> 1]!).toBeLessThan(0.5)
  })

  it('c(n) matches the paper: 0, 1, then 2H(n−1) − 2(n−1)/n', () => {
    expect(averagePathLength(1)).toBe(0)
    expect(averagePathLength(2)).toBe(1)
    expect(averagePathLength(256)).toBeCloseTo(10.2448, 3)
  })

  it('round-trips through a snapshot with identical scores', () => {
    const f = trainIsolationForest(rows, { seed: 5, featureNames: ['a', 'b', 'c', 'd', 'e'] })
    const json = f.toJSON()
    const g = loadIsolationForest(json)
    expect(g.toJSON()).toBe(json)
    expect(g.featureNames).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(g.seed).toBe(5)
    const probe = [...rows.slice(0, 50), [9, -3, 0.5, 0.5, 0.5]]
    for (const r of probe) {
      expect(g.score(r)).toBe(f.score(r))
      expect(g.scoreWithContributions(r)).toEqual(f.scoreWithContributions(r))
    }
    // Compact: base64 node arrays, well under 20 bytes a node for 100 trees of ≤ 511 nodes.
    expect(json.length).toBeLessThan(100 * 511 * 20)
  })

  it('rejects a corrupt snapshot with a clear error', () => {
    const json = trainIsolationForest(rows, { seed: 5 }).toJSON()
    const o = JSON.parse(json) as Record<string, unknown>
    const bad = (patch: Record<string, unknown>): string => JSON.stringify({ ...o, ...patch })
    const cases: [string, RegExp][] = [
      [json.slice(0, json.length / 2), /not JSON/],
      ['[]', /not an object/],
      [bad({ format: 'other' }), /format/],
      [bad({ version: 2 }), /version/],
      [bad({ features: 0 }), /features/],
      [bad({ featureNames: ['x'] }), /featureNames/],
      [bad({ nodeFeature: 'not base64!' }), /nodeFeature is not base64/],
      [bad({ nodeValue: (o.nodeValue as string).slice(0, -8) }), /nodeValue holds/],
      [bad({ nodeValue: flipOneChar(o.nodeValue as string) }), /checksum/],
      [bad({ treeNodes: shiftOneNode(o.treeNodes as number[]) }), /tree 0|node/],
      [bad({ treeNodes: 'x' }), /treeNodes/],
    ]
    for (const [text, message] of cases) {
      expect(() => loadIsolationForest(text)).toThrow(IsolationForestSnapshotError)
      expect(() => loadIsolationForest(text)).toThrow(message)
    }
  })

  it('names the feature a row is extreme in first', () => {
    const d = 6
    const base = synthetic(800, d, 21)
    const f = trainIsolationForest(base, {
      seed: 2,
      featureNames: ['rate', 'errors', 'paths', 'bytes', 'latency', 'special'],
    })
    const scores = base.map((r) => f.score(r)).sort((x, y) => x - y)
    // A value beyond the training range isolates like the range's edge, so a row extreme in one of six
    // features scores above the median row, not above every edge row: the ranking is what is checked.
    const median = scores[scores.length >> 1]!
    for (let j = 0; j < d; j++) {
      const row = Array.from({ length: d }, () => 0.5)
      row[j] = 40
      const { score, contributions, ranked } = f.scoreWithContributions(row)
      expect(score).toBeGreaterThan(median)
      expect(ranked[0]!.index).toBe(j)
      expect(ranked[0]!.name).toBe(f.featureNames[j])
      expect(ranked[0]!.share).toBeGreaterThan(2 * ranked[1]!.share)
      expect(contributions.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
    }
  })

  it('names the inflated feature on real window features', () => {
    const table = readTable('corpus-ip-windows.csv', 2)
    const benign = table.rows.filter((_, i) => table.labels[i] === 0)
    const f = trainIsolationForest(benign, { seed: 9, featureNames: table.columns })
    // A benign window whose request rate jumps 50-fold, everything else unchanged.
    const base = benign[Math.floor(benign.length / 2)]!
    for (const [name, factor] of [
      ['rate_per_min', 50],
      ['mean_latency_ms', 50],
    ] as const) {
      const j = table.columns.indexOf(name)
      const row = base.map((v, k) => (k === j ? Math.max(v, 1) * factor : v))
      const { ranked } = f.scoreWithContributions(row)
      expect(ranked[0]!.name).toBe(name)
    }
  })

  it('validates its input', () => {
    expect(() => trainIsolationForest([])).toThrow(/no rows/)
    expect(() => trainIsolationForest([[1, 2], [3]])).toThrow(/row 1/)
    expect(() => trainIsolationForest([[1, NaN]])).toThrow(/column 1/)
    expect(() => trainIsolationForest(rows, { trees: 0 })).toThrow(/trees/)
    expect(() => trainIsolationForest(rows, { featureNames: ['a'] })).toThrow(/feature names/)
    expect(() => trainIsolationForest(rows).score([1, 2])).toThrow(/expected 5/)
  })

  it('handles constant data and a single row', () => {
    const flat = Array.from({ length: 30 }, () => [1, 1])
    const f = trainIsolationForest(flat, { seed: 1 })
    expect(f.score([1, 1])).toBeCloseTo(f.score([100, -100]), 12)
    expect(f.scoreWithContributions([1, 1]).ranked).toEqual([])
    const one = trainIsolationForest([[1, 2]])
    expect(one.score([1, 2])).toBe(1)
    expect(loadIsolationForest(one.toJSON()).score([1, 2])).toBe(1)
  })
})

function flipOneChar(b64: string): string {
  const i = b64.length >> 1
  return b64.slice(0, i) + (b64[i] === 'A' ? 'B' : 'A') + b64.slice(i + 1)
}

// Moves one node from tree 1 to tree 0: the totals (and checksum) still match, the trees do not.
function shiftOneNode(counts: number[]): number[] {
  return counts.map((c, i) => (i === 0 ? c + 1 : i === 1 ? c - 1 : c))
}
