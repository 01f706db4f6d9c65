// Scores a hand-labelled sample (test/fixtures/detection/<name>.kong.jsonl, .ecs.jsonl or .combined.log, and
// <name>.labels.csv with one label per line: benign or an attack category) through the real scan path:
// which attack lines got a finding of their own category, and which benign lines got any finding.
import { existsSync, readFileSync } from 'node:fs'
import { expect } from 'vitest'
import { scanFile } from './scan'

// The samples measure what the engine detects, not how fast: a record cut short by the engine's per-record
// budget (50 ms, a safeguard against hostile input) on a starved CI machine would read as a miss. A
// fresh-clone CI run beside a benchmark lost one traversal line of check13 that way.
const SAMPLE_RECORD_BUDGET_MS = 5_000

/** Corpus labels whose finding category has another name. */
const CATEGORY_OF: Readonly<Record<string, string>> = { 'other-attack': 'other' }

export interface SampleScore {
  /** Per attack label: [found in its category, total]. */
  readonly recall: Readonly<Record<string, readonly [number, number]>>
  /** Attack lines not found in their category, as `line label (technique)`. */
  readonly misses: readonly string[]
  /** Benign lines with any finding, as `line (technique): categories`. */
  readonly falsePositives: readonly string[]
  readonly benign: number
}

/**
 * A sample's log: Kong log-serializer lines, ECS documents as Elasticsearch holds them, or nginx
 * `combined` lines.
 */
function logOf(base: string): string {
  for (const ext of ['.ecs.jsonl', '.combined.log']) if (existsSync(base + ext)) return base + ext
  return `${base}.kong.jsonl`
}

export async function scoreSample(name: string): Promise<SampleScore> {
  const base = `test/fixtures/detection/${name}`
  const labels = readFileSync(`${base}.labels.csv`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [line, label, ...rest] = l.split(',')
      return { line: Number(line), label: label ?? '', technique: rest.join(',').replace(/"/g, '') }
    })
  const categories = new Map<number, Set<string>>()
  await scanFile(logOf(base), {
    format: 'auto',
    recordBudgetMs: SAMPLE_RECORD_BUDGET_MS,
    onBatch: (findings) => {
      for (const f of findings) {
        if (f.ref.line === null) continue
        const s = categories.get(f.ref.line) ?? new Set<string>()
        s.add(f.category)
        categories.set(f.ref.line, s)
      }
    },
  })
  const recall: Record<string, [number, number]> = {}
  const misses: string[] = []
  const falsePositives: string[] = []
  let benign = 0
  for (const { line, label, technique } of labels) {
    const got = categories.get(line)
    if (label === 'benign') {
      benign++
      if (got) falsePositives.push(`${line} (${technique}): ${[...got].join(',')}`)
      continue
    }
    const r = (recall[label] ??= [0, 0])
    r[1]++
    if (got?.has(CATEGORY_OF[label] ?? label)) r[0]++
    else misses.push(`${line} ${label} (${technique})`)
  }
  return { recall, misses, falsePositives, benign }
}

/**
 * Asserts that a sample still scores what was measured: at least `floors[label]` attack lines found in
 * their category, no benign line flagged besides the line numbers in `allowedFalsePositives`, and the
 * expected number of benign lines (so a regenerated sample cannot shrink the test).
 */
export function expectMeasured(
  s: SampleScore,
  floors: Readonly<Record<string, number>>,
  allowedFalsePositives: ReadonlySet<number>,
  benign: number,
): void {
  for (const [label, floor] of Object.entries(floors)) {
    expect(s.recall[label]?.[0] ?? 0, `${label}: ${s.misses.join('; ')}`).toBeGreaterThanOrEqual(
      floor,
    )
  }
  expect(
    s.falsePositives.filter((f) => !allowedFalsePositives.has(Number(f.split(' ')[0]))),
    'benign lines flagged besides the measured ones',
  ).toEqual([])
  expect(s.benign).toBe(benign)
}

/**
 * A behaviour sample's measured floors: at least `found` of its `attackers` addresses named, and no benign
 * address with a finding besides the measured ones.
 */
export function expectBehaviourMeasured(
  s: BehaviourScore,
  found: number,
  attackers: number,
  allowedFalseAlarms: ReadonlySet<string>,
): void {
  expect(s.found.length, `missed: ${s.missed.join(' ')}`).toBeGreaterThanOrEqual(found)
  expect(s.found.length + s.missed.length).toBe(attackers)
  expect(
    s.falseAlarms.filter((ip) => !allowedFalseAlarms.has(ip)),
    'benign addresses with any finding',
  ).toEqual([])
}

export interface BehaviourScore {
  /** Attacker addresses (every line labelled as an attack) with a finding that counts. */
  readonly found: readonly string[]
  readonly missed: readonly string[]
  /** Benign addresses with a finding that counts: the "false alarms". */
  readonly falseAlarms: readonly string[]
  /** Benign lines with any finding at all, as `line (technique): rule`. */
  readonly flaggedBenignLines: readonly string[]
}

const BRUTE_FORCE_CATEGORIES: ReadonlySet<string> = new Set(['bruteforce', 'credential-stuffing'])

export interface BehaviourScoring {
  /** The label of attacker lines (default `bruteforce`). */
  readonly attackLabel?: string
  /** Which finding categories count (default bruteforce and credential-stuffing, as the issue scores). */
  readonly counts?: (category: string) => boolean
}

/**
 * Scores a behaviour sample per client address, as the issue scores brute force: an address is found
 * when a finding that counts names one of its lines (a behaviour finding names the line that tipped it,
 * whose address is the client's). Every address must be wholly attacker or wholly benign in the labels.
 */
export async function scoreBehaviourSample(
  name: string,
  scoring: BehaviourScoring = {},
): Promise<BehaviourScore> {
  const attackLabel = scoring.attackLabel ?? 'bruteforce'
  const counts = scoring.counts ?? ((c: string) => BRUTE_FORCE_CATEGORIES.has(c))
  const base = `test/fixtures/detection/${name}`
  const lines = readFileSync(`${base}.kong.jsonl`, 'utf8').split('\n')
  const rows = readFileSync(`${base}.labels.csv`, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','))
  const ipOf = (n: number): string =>
    (JSON.parse(lines[n - 1] ?? '{}') as { client_ip?: string }).client_ip ?? '?'
  const labelOf = new Map<string, string>()
  for (const [n, label] of rows) {
    const ip = ipOf(Number(n))
    const before = labelOf.get(ip)
    if (before !== undefined && before !== label)
      throw new Error(`${name}: ${ip} is labelled both ways`)
    labelOf.set(ip, label ?? '')
  }
  const flagged = new Set<string>()
  const flaggedBenignLines: string[] = []
  await scanFile(`${base}.kong.jsonl`, {
    format: 'auto',
    recordBudgetMs: SAMPLE_RECORD_BUDGET_MS,
    onBatch: (findings) => {
      for (const f of findings) {
        if (f.ref.line === null) continue
        const ip = ipOf(f.ref.line)
        if (counts(f.category)) flagged.add(ip)
        const row = rows[f.ref.line - 1]
        if (row?.[1] === 'benign')
          flaggedBenignLines.push(`${f.ref.line} (${row.slice(2).join(',')}): ${f.rule}`)
      }
    },
  })
  const attackers = [...labelOf].filter(([, l]) => l === attackLabel).map(([ip]) => ip)
  return {
    found: attackers.filter((ip) => flagged.has(ip)),
    missed: attackers.filter((ip) => !flagged.has(ip)),
    falseAlarms: [...flagged].filter((ip) => labelOf.get(ip) !== attackLabel),
    flaggedBenignLines,
  }
}
