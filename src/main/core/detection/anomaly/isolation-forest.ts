// Isolation Forest (Liu, Ting & Zhou 2008) as scikit-learn implements it, so its scores can be validated
// against sklearn's (scripts/validate-iforest.py, docs/anomaly.md): each tree is grown on a subsample of
// min(256, n) rows drawn without replacement, splits on a uniformly chosen non-constant feature at a
// uniform value between the node's min and max, and stops at depth ceil(log2(sampleSize)); a row's path
// length is its leaf depth plus c(leaf size), and s = 2^(-E[h(x)] / c(sampleSize)).
// The forest is flat typed arrays (preorder nodes, left child = next node) so scoring allocates nothing and
// a snapshot is three base64 blobs small enough for a SQLite row.

import { mulberry32, randomInt } from './prng'

/** A trained forest: score rows, explain them, persist it. */
export interface IsolationForest {
  /** Number of features a row must have. */
  readonly features: number
  readonly featureNames: readonly string[]
  readonly trees: number
  readonly sampleSize: number
  readonly seed: number
  /** Anomaly score in (0, 1]: near 1 isolated quickly (anomalous), about 0.5 or below ordinary. */
  score(row: ArrayLike<number>): number
  /** The score plus each feature's share of the isolation along the row's paths (see docs/anomaly.md). */
  scoreWithContributions(row: ArrayLike<number>): ScoreWithContributions
  /** A compact JSON snapshot for loadIsolationForest. */
  toJSON(): string
}

export interface FeatureContribution {
  readonly index: number
  readonly name: string
  /** Share of the isolation credited to this feature, in [0, 1]; shares sum to 1 (or all 0). */
  readonly share: number
}

export interface ScoreWithContributions {
  readonly score: number
  /** Per feature (by column index), its share of the isolation credit. */
  readonly contributions: number[]
  /** Features with a non-zero share, largest first. */
  readonly ranked: readonly FeatureContribution[]
}

export interface IsolationForestOptions {
  /** Number of trees (sklearn n_estimators); default 100. */
  readonly trees?: number
  /** Rows per tree (sklearn max_samples); default 256, capped at the number of rows. */
  readonly sampleSize?: number
  /** PRNG seed; default 0. */
  readonly seed?: number
  /** Names used in contributions; default f0, f1, … */
  readonly featureNames?: readonly string[]
}

/** Raised by loadIsolationForest when a snapshot is not one this code wrote, or was damaged. */
export class IsolationForestSnapshotError extends Error {
  constructor(message: string) {
    super(`isolation forest snapshot: ${message}`)
    this.name = 'IsolationForestSnapshotError'
  }
}

const FORMAT = 'vigil-isolation-forest'
const VERSION = 1
// sklearn treats a feature whose max exceeds its min by no more than this as constant in a node.
const FEATURE_THRESHOLD = 1e-7
const EULER_GAMMA = 0.5772156649015329
const LEAF = -1
const MAX_FEATURES = 32767
const MAX_TREES = 100_000

/** Average path length of an unsuccessful BST search among n points: c(n) of the paper (sklearn's form). */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0
  if (n === 2) return 1
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n
}

interface Flat {
  readonly features: number
  readonly featureNames: readonly string[]
  readonly sampleSize: number
  readonly seed: number
  readonly treeNodes: Int32Array
  readonly feature: Int16Array
  /** Split threshold for an internal node, training-sample count for a leaf. */
  readonly value: Float64Array
}

interface Compiled extends Flat {
  readonly treeStart: Int32Array
  readonly right: Int32Array
  /** Training rows that reached each node. */
  readonly size: Float64Array
  /** Leaf: c(size), the expected extra depth of the unbuilt subtree. */
  readonly leafAdjust: Float64Array
}

/** Trains a forest on `rows` (all the same length, finite numbers). */
export function trainIsolationForest(
  rows: readonly Float64Array[] | readonly (readonly number[])[],
  opts: IsolationForestOptions = {},
): IsolationForest {
  const n = rows.length
  if (n === 0) throw new RangeError('trainIsolationForest: no rows')
  const d = rows[0]!.length
  if (d < 1 || d > MAX_FEATURES) throw new RangeError(`trainIsolationForest: ${d} features`)
  const trees = opts.trees ?? 100
  const seed = opts.seed ?? 0
  if (!Number.isInteger(trees) || trees < 1 || trees > MAX_TREES) {
    throw new RangeError(`trainIsolationForest: trees must be an integer in 1..${MAX_TREES}`)
  }
  const requested = opts.sampleSize ?? 256
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError('trainIsolationForest: sampleSize must be a positive integer')
  }
  if (!Number.isInteger(seed)) throw new RangeError('trainIsolationForest: seed must be an integer')
  const featureNames = namesFor(d, opts.featureNames)
  const sampleSize = Math.min(requested, n)
  // Row-major copy: one contiguous array is faster to scan than n small ones.
  const X = new Float64Array(n * d)
  for (let i = 0; i < n; i++) {
    const row = rows[i]!
    if (row.length !== d) {
      throw new RangeError(`trainIsolationForest: row ${i} has ${row.length} values, expected ${d}`)
    }
    for (let j = 0; j < d; j++) {
      const v = row[j]!
      if (!Number.isFinite(v))
        throw new RangeError(`trainIsolationForest: row ${i} column ${j} is ${v}`)
      X[i * d + j] = v
    }
  }

  const maxDepth = Math.ceil(Math.log2(Math.max(sampleSize, 2)))
  const rand = mulberry32(seed)
  const all = new Int32Array(n)
  const sample = new Int32Array(sampleSize)
  const featOrder = new Int32Array(d)
  const outFeature: number[] = []
  const outValue: number[] = []
  const treeNodes = new Int32Array(trees)

  const grow = (lo: number, hi: number, depth: number): void => {
    const count = hi - lo
    if (depth >= maxDepth || count <= 1) {
      outFeature.push(LEAF)
      outValue.push(count)
      return
    }
    // Draw features without replacement until one varies in this node: the same distribution as
    // sklearn's random splitter with max_features=1, which skips constant features.
    for (let k = 0; k < d; k++) featOrder[k] = k
    let remaining = d
    let chosen = -1
    let min = 0
    let max = 0
    while (remaining > 0) {
      const r = randomInt(rand, remaining)
      const f = featOrder[r]!
      featOrder[r] = featOrder[remaining - 1]!
      featOrder[remaining - 1] = f
      remaining--
      min = Infinity
      max = -Infinity
      for (let k = lo; k < hi; k++) {
        const v = X[sample[k]! * d + f]!
        if (v < min) min = v
        if (v > max) max = v
      }
      if (max > min + FEATURE_THRESHOLD) {
        chosen = f
        break
      }
    }
    if (chosen < 0) {
      outFeature.push(LEAF)
      outValue.push(count)
      return
    }
    let threshold = min + rand() * (max - min)
    // Rounding can land on max, which would leave the right child empty; sklearn falls back to min too.
    if (threshold >= max) threshold = min
    let i = lo
    let j = hi - 1
    while (i <= j) {
      if (X[sample[i]! * d + chosen]! <= threshold) i++
      else {
        const t = sample[i]!
        sample[i] = sample[j]!
        sample[j] = t
        j--
      }
    }
    outFeature.push(chosen)
    outValue.push(threshold)
    grow(lo, i, depth + 1)
    grow(i, hi, depth + 1)
  }

  for (let t = 0; t < trees; t++) {
    // Partial Fisher–Yates: the first sampleSize slots are a uniform subsample without replacement.
    for (let i = 0; i < n; i++) all[i] = i
    for (let i = 0; i < sampleSize; i++) {
      const r = i + randomInt(rand, n - i)
      const tmp = all[i]!
      all[i] = all[r]!
      all[r] = tmp
      sample[i] = all[i]!
    }
    const before = outFeature.length
    grow(0, sampleSize, 0)
    treeNodes[t] = outFeature.length - before
  }

  return fromFlat(
    compile({
      features: d,
      featureNames,
      sampleSize,
      seed,
      treeNodes,
      feature: Int16Array.from(outFeature),
      value: Float64Array.from(outValue),
    }),
  )
}

/** Restores a forest from toJSON() output; throws IsolationForestSnapshotError on anything malformed. */
export function loadIsolationForest(json: string): IsolationForest {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (err) {
    throw new IsolationForestSnapshotError(`not JSON (${(err as Error).message})`)
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new IsolationForestSnapshotError('not an object')
  }
  const o = raw as Record<string, unknown>
  if (o.format !== FORMAT) throw new IsolationForestSnapshotError(`format is not ${FORMAT}`)
  if (o.version !== VERSION) {
    throw new IsolationForestSnapshotError(`version ${String(o.version)} (expected ${VERSION})`)
  }
  const features = intField(o, 'features', 1, MAX_FEATURES)
  const sampleSize = intField(o, 'sampleSize', 1, 2 ** 31 - 1)
  const seed = intField(o, 'seed', -(2 ** 53), 2 ** 53)
  if (!Array.isArray(o.featureNames) || o.featureNames.length !== features) {
    throw new IsolationForestSnapshotError(`featureNames must list ${features} names`)
  }
  if (!o.featureNames.every((x): x is string => typeof x === 'string')) {
    throw new IsolationForestSnapshotError('featureNames must be strings')
  }
  if (!Array.isArray(o.treeNodes) || o.treeNodes.length < 1 || o.treeNodes.length > MAX_TREES) {
    throw new IsolationForestSnapshotError('treeNodes must be a non-empty array')
  }
  const treeNodes = new Int32Array(o.treeNodes.length)
  let total = 0
  for (let t = 0; t < o.treeNodes.length; t++) {
    const c: unknown = o.treeNodes[t]
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 2 ** 24) {
      throw new IsolationForestSnapshotError(`treeNodes[${t}] is not a node count`)
    }
    treeNodes[t] = c
    total += c
  }
  const featureBytes = base64Field(o, 'nodeFeature', total * 2)
  const valueBytes = base64Field(o, 'nodeValue', total * 8)
  const expected = checksum([featureBytes, valueBytes])
  if (o.checksum !== expected) {
    throw new IsolationForestSnapshotError('checksum mismatch: the node arrays were altered')
  }
  const fv = new DataView(featureBytes.buffer, featureBytes.byteOffset, featureBytes.byteLength)
  const vv = new DataView(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength)
  const feature = new Int16Array(total)
  const value = new Float64Array(total)
  for (let i = 0; i < total; i++) {
    feature[i] = fv.getInt16(i * 2, true)
    value[i] = vv.getFloat64(i * 8, true)
  }
  const flat: Flat = {
    features,
    featureNames: o.featureNames,
    sampleSize,
    seed,
    treeNodes,
    feature,
    value,
  }
  return fromFlat(compile(flat))
}

function namesFor(d: number, names: readonly string[] | undefined): readonly string[] {
  if (names === undefined) return Array.from({ length: d }, (_, i) => `f${i}`)
  if (names.length !== d) {
    throw new RangeError(`trainIsolationForest: ${names.length} feature names for ${d} features`)
  }
  return [...names]
}

/** Derives right-child links and node sizes, checking the preorder structure as it goes. */
function compile(flat: Flat): Compiled {
  const total = flat.feature.length
  const treeStart = new Int32Array(flat.treeNodes.length + 1)
  const right = new Int32Array(total).fill(-1)
  const size = new Float64Array(total)
  const leafAdjust = new Float64Array(total)
  const maxDepth = Math.ceil(Math.log2(Math.max(flat.sampleSize, 2)))
  let pos = 0
  // Returns the index after the subtree rooted at `pos`; depth is bounded by maxDepth, so a hostile
  // snapshot cannot recurse deeply.
  const walk = (end: number, depth: number): number => {
    if (pos >= end) throw new IsolationForestSnapshotError('a tree ends before its last node')
    const node = pos++
    const f = flat.feature[node]!
    const v = flat.value[node]!
    if (f === LEAF) {
      if (!Number.isInteger(v) || v < 1 || v > flat.sampleSize) {
        throw new IsolationForestSnapshotError(`node ${node}: leaf size ${v} is not valid`)
      }
      size[node] = v
      leafAdjust[node] = averagePathLength(v)
      return pos
    }
    if (f < 0 || f >= flat.features) {
      throw new IsolationForestSnapshotError(`node ${node}: feature ${f} out of range`)
    }
    if (!Number.isFinite(v)) throw new IsolationForestSnapshotError(`node ${node}: bad threshold`)
    if (depth >= maxDepth) throw new IsolationForestSnapshotError(`node ${node}: tree too deep`)
    walk(end, depth + 1)
    right[node] = pos
    walk(end, depth + 1)
    size[node] = size[node + 1]! + size[right[node]!]!
    return pos
  }
  for (let t = 0; t < flat.treeNodes.length; t++) {
    treeStart[t] = pos
    const end = pos + flat.treeNodes[t]!
    walk(end, 0)
    if (pos !== end) throw new IsolationForestSnapshotError(`tree ${t}: node count does not match`)
    if (size[treeStart[t]!] !== flat.sampleSize) {
      throw new IsolationForestSnapshotError(`tree ${t}: leaf sizes do not add up to sampleSize`)
    }
  }
  treeStart[flat.treeNodes.length] = pos
  return { ...flat, treeStart, right, size, leafAdjust }
}

function fromFlat(c: Compiled): IsolationForest {
  const trees = c.treeNodes.length
  // c(sampleSize) is 0 for a one-row forest; any positive normaliser gives the same (constant) scores.
  const norm = averagePathLength(c.sampleSize) || 1
  const check = (row: ArrayLike<number>): void => {
    if (row.length !== c.features) {
      throw new RangeError(`isolation forest: row has ${row.length} values, expected ${c.features}`)
    }
  }
  const score = (row: ArrayLike<number>): number => {
    check(row)
    let sum = 0
    for (let t = 0; t < trees; t++) {
      let node = c.treeStart[t]!
      let depth = 0
      for (let f = c.feature[node]!; f !== LEAF; f = c.feature[node]!) {
        // NaN compares false and goes right, like sklearn's `<=` test.
        node = row[f]! <= c.value[node]! ? node + 1 : c.right[node]!
        depth++
      }
      sum += depth + c.leafAdjust[node]!
    }
    return 2 ** (-sum / trees / norm)
  }
  const scoreWithContributions = (row: ArrayLike<number>): ScoreWithContributions => {
    const s = score(row)
    const credit = new Array<number>(c.features).fill(0)
    for (let t = 0; t < trees; t++) {
      let node = c.treeStart[t]!
      for (let f = c.feature[node]!; f !== LEAF; f = c.feature[node]!) {
        const child = row[f]! <= c.value[node]! ? node + 1 : c.right[node]!
        // Bits of isolation this split achieved for the row: how much it shrank the set of training
        // rows the row is still indistinguishable from. Along a path they sum to log2(sampleSize / leaf).
        credit[f]! += Math.log2(c.size[node]! / c.size[child]!)
        node = child
      }
    }
    let total = 0
    for (const v of credit) total += v
    const contributions = credit.map((v) => (total > 0 ? v / total : 0))
    const ranked = contributions
      .map((share, index) => ({ index, name: c.featureNames[index]!, share }))
      .filter((x) => x.share > 0)
      .sort((a, b) => b.share - a.share || a.index - b.index)
    return { score: s, contributions, ranked }
  }
  const toJSON = (): string => {
    const fb = new Uint8Array(c.feature.length * 2)
    const vb = new Uint8Array(c.value.length * 8)
    const fv = new DataView(fb.buffer)
    const vv = new DataView(vb.buffer)
    // Explicit little-endian so a snapshot moves between machines unchanged.
    for (let i = 0; i < c.feature.length; i++) fv.setInt16(i * 2, c.feature[i]!, true)
    for (let i = 0; i < c.value.length; i++) vv.setFloat64(i * 8, c.value[i]!, true)
    return JSON.stringify({
      format: FORMAT,
      version: VERSION,
      features: c.features,
      featureNames: c.featureNames,
      sampleSize: c.sampleSize,
      seed: c.seed,
      treeNodes: Array.from(c.treeNodes),
      nodeFeature: Buffer.from(fb).toString('base64'),
      nodeValue: Buffer.from(vb).toString('base64'),
      checksum: checksum([fb, vb]),
    })
  }
  return {
    features: c.features,
    featureNames: c.featureNames,
    trees,
    sampleSize: c.sampleSize,
    seed: c.seed,
    score,
    scoreWithContributions,
    toJSON,
  }
}

function intField(o: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = o[key]
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new IsolationForestSnapshotError(`${key} must be an integer in ${min}..${max}`)
  }
  return v
}

function base64Field(o: Record<string, unknown>, key: string, bytes: number): Uint8Array {
  const v = o[key]
  // Buffer.from silently skips characters outside the alphabet, so check the text first.
  if (typeof v !== 'string' || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) {
    throw new IsolationForestSnapshotError(`${key} is not base64`)
  }
  const buf = Buffer.from(v, 'base64')
  if (buf.length !== bytes) {
    throw new IsolationForestSnapshotError(`${key} holds ${buf.length} bytes, expected ${bytes}`)
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
}

/** FNV-1a (32 bit) over the node arrays: catches truncation and bit flips, not tampering. */
function checksum(parts: readonly Uint8Array[]): string {
  let h = 0x811c9dc5
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      h ^= p[i]!
      h = Math.imul(h, 0x01000193)
    }
  }
  return (h >>> 0).toString(16).padStart(8, '0')
}
