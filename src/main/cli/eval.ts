// `npm run eval -- <corpus dir> [--json]`: scores detection on a labelled corpus (requests.kong.jsonl +
// labels.csv): per-label recall, benign false positives, the label × category confusion table, brute force
// per client address, and throughput. Scoring follows DESIGN.md: a line is detected when any finding names it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { CliError, consoleOutput, scanFile, type CliOutput } from './scan'

export interface EvalReport {
  readonly lines: number
  readonly malformed: number
  readonly recall: Readonly<Record<string, { total: number; detected: number; recall: number }>>
  readonly benign: { total: number; flagged: number; rate: number }
  readonly confusion: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly bruteforce: {
    labelledAddresses: number
    found: number
    missed: string[]
    falseAlarms: string[]
  }
  readonly falsePositiveRules: Readonly<Record<string, number>>
  readonly eventsPerSecond: number
  readonly engineEventsPerSecond: number
}

const BEHAVIOUR = new Set(['bruteforce', 'credential-stuffing'])

/** Reads labels.csv (`line_number,label,source,part`) into label per line. */
export function readLabels(path: string): Map<number, string> {
  const labels = new Map<number, string>()
  const text = readFileSync(path, 'utf8')
  for (const row of text.split('\n').slice(1)) {
    if (row === '') continue
    const [line, label] = row.split(',')
    if (line && label) labels.set(Number(line), label)
  }
  return labels
}

const CLIENT_IP = /"client_ip":"([^"]*)"/

/** Scores the engine over a corpus directory. */
export async function evaluateCorpus(dir: string): Promise<EvalReport> {
  const labelsPath = join(dir, 'labels.csv')
  let labels: Map<number, string>
  try {
    labels = readLabels(labelsPath)
  } catch {
    throw new CliError(`cannot read ${labelsPath}`)
  }
  const detectedCats = new Map<number, Set<string>>()
  const lineRules = new Map<number, Set<string>>()
  const ipOfLine = new Map<number, string>()
  const behaviourIps = new Set<string>()
  const summary = await scanFile(join(dir, 'requests.kong.jsonl'), {
    format: 'kong',
    onBatch: (findings, _stats, records) => {
      for (const r of records) {
        const label = labels.get(r.line)
        if (label === 'bruteforce' || label === 'benign') {
          const m = CLIENT_IP.exec(r.text)
          if (m?.[1]) ipOfLine.set(r.line, m[1])
        }
      }
      for (const f of findings) {
        const line = f.ref.line
        if (line === null) continue
        let s = detectedCats.get(line)
        if (!s) detectedCats.set(line, (s = new Set()))
        s.add(f.category)
        let rs = lineRules.get(line)
        if (!rs) lineRules.set(line, (rs = new Set()))
        rs.add(f.rule)
        if (BEHAVIOUR.has(f.category) && f.ip) behaviourIps.add(f.ip)
      }
    },
  })
  const recall: Record<string, { total: number; detected: number; recall: number }> = {}
  const confusion: Record<string, Record<string, number>> = {}
  const fpRules: Record<string, number> = {}
  let benignTotal = 0
  let benignFlagged = 0
  const bfIps = new Set<string>()
  const benignIps = new Set<string>()
  for (const [line, label] of labels) {
    const cats = detectedCats.get(line)
    const row = (confusion[label] ??= {})
    if (!cats || cats.size === 0) row.none = (row.none ?? 0) + 1
    else for (const c of cats) row[c] = (row[c] ?? 0) + 1
    const ip = ipOfLine.get(line)
    if (label === 'benign') {
      benignTotal++
      if (cats && cats.size) {
        benignFlagged++
        for (const r of lineRules.get(line) ?? []) fpRules[r] = (fpRules[r] ?? 0) + 1
      }
      if (ip) benignIps.add(ip)
      continue
    }
    if (label === 'bruteforce' && ip) bfIps.add(ip)
    const rec = (recall[label] ??= { total: 0, detected: 0, recall: 0 })
    rec.total++
    if (cats && cats.size) rec.detected++
  }
  for (const r of Object.values(recall)) r.recall = r.total ? r.detected / r.total : 0
  const attackerIps = new Set(bfIps)
  return {
    lines: summary.lines,
    malformed: summary.malformed,
    recall,
    benign: {
      total: benignTotal,
      flagged: benignFlagged,
      rate: benignTotal ? benignFlagged / benignTotal : 0,
    },
    confusion,
    bruteforce: {
      labelledAddresses: bfIps.size,
      found: [...bfIps].filter((ip) => behaviourIps.has(ip)).length,
      missed: [...bfIps].filter((ip) => !behaviourIps.has(ip)),
      falseAlarms: [...behaviourIps].filter((ip) => benignIps.has(ip) && !attackerIps.has(ip)),
    },
    falsePositiveRules: fpRules,
    eventsPerSecond: summary.eventsPerSecond,
    engineEventsPerSecond:
      summary.engineMs > 0 ? Math.round(summary.lines / (summary.engineMs / 1000)) : 0,
  }
}

function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`
}

/** Renders the report as text tables. */
export function reportText(r: EvalReport): string {
  const out: string[] = []
  out.push(`lines ${r.lines}, malformed ${r.malformed}`)
  out.push('', 'recall per label (line detected by any finding):')
  for (const [label, v] of Object.entries(r.recall).sort()) {
    out.push(
      `  ${label.padEnd(14)} ${String(v.detected).padStart(5)} / ${String(v.total).padEnd(5)} ${v.recall.toFixed(3)}`,
    )
  }
  out.push(
    '',
    `benign false positives: ${r.benign.flagged} / ${r.benign.total} = ${pct(r.benign.rate, 3)}`,
  )
  const fp = Object.entries(r.falsePositiveRules).sort((a, b) => b[1] - a[1])
  if (fp.length) out.push(`  by rule: ${fp.map(([k, v]) => `${k} ${v}`).join(', ')}`)
  const cats = [...new Set(Object.values(r.confusion).flatMap((row) => Object.keys(row)))].sort()
  out.push('', 'confusion (label × finding category, lines):')
  out.push(`  ${'label'.padEnd(14)}${cats.map((c) => c.slice(0, 10).padStart(11)).join('')}`)
  for (const [label, row] of Object.entries(r.confusion).sort()) {
    out.push(`  ${label.padEnd(14)}${cats.map((c) => String(row[c] ?? 0).padStart(11)).join('')}`)
  }
  const b = r.bruteforce
  out.push(
    '',
    `brute force by client address: ${b.found} / ${b.labelledAddresses} found, false alarms ${b.falseAlarms.length}`,
  )
  if (b.missed.length) out.push(`  missed: ${b.missed.join(', ')}`)
  if (b.falseAlarms.length) out.push(`  false alarms: ${b.falseAlarms.join(', ')}`)
  out.push(
    '',
    `throughput: ${r.eventsPerSecond} events/s end to end (worker engine alone ${r.engineEventsPerSecond} events/s)`,
  )
  return out.join('\n')
}

/** Runs `eval`; returns the exit code. */
export async function runEval(
  args: readonly string[],
  io: CliOutput = consoleOutput,
): Promise<number> {
  const json = args.includes('--json')
  const dir = args.find((a) => !a.startsWith('-'))
  if (!dir) {
    io.err('usage: eval <corpus dir> [--json]')
    return 2
  }
  try {
    const report = await evaluateCorpus(dir)
    io.out(json ? JSON.stringify(report) : reportText(report))
    return 0
  } catch (err) {
    io.err(`eval: ${err instanceof CliError ? err.message : (err as Error).message.split('\n')[0]}`)
    return 1
  }
}
