// `npm run scan -- <file> [--format kong|combined|ecs|auto] [--json]`: streams a log file through the real
// detection worker in batches (constant memory, order kept) and prints findings per the scan contract.
import { parseCidr } from '../../shared/cidr'
import { createReadStream } from 'node:fs'
import { access, constants, stat } from 'node:fs/promises'
import { createInterface } from 'node:readline'
import type { Worker } from 'node:worker_threads'
import type { Finding } from '../../shared/model'
import type { BatchStats, FromWorker, ToWorker } from '../core/detection/messages'
import { builtinRulesDir, parseRules, readRuleSources } from '../core/detection/rule-pack'
import { spawnNodeDetector } from '../core/detection/spawn-node-worker'
import type { LogFormat, RawRecord } from '../core/sources/source'

export interface CliOutput {
  out(line: string): void
  err(line: string): void
}

export const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
}

export interface ScanSummary {
  readonly lines: number
  readonly malformed: number
  readonly overBudget: number
  readonly findings: number
  readonly byCategory: Readonly<Record<string, number>>
  readonly suppressed: Readonly<Record<string, number>>
  readonly seconds: number
  readonly eventsPerSecond: number
  readonly engineMs: number
}

export interface ScanFileOptions {
  readonly format: LogFormat | 'auto'
  readonly batchSize?: number
  readonly rulesDir?: string
  /** Custom rules loaded on top of the pack (same format). */
  readonly customRulesDir?: string | null
  /** Proxies whose X-Forwarded-For is believed (see EngineOptions.trustedProxies). */
  readonly trustedProxies?: readonly string[]
  /**
   * Inspection time per record before it is cut short (EngineOptions.recordBudgetMs). The product keeps
   * the engine's default; the labelled-sample tests raise it, so a starved CI machine cannot turn a slow
   * record into a missed detection.
   */
  readonly recordBudgetMs?: number
  /** Called in input order, once per batch. */
  readonly onBatch: (
    findings: readonly Finding[],
    stats: BatchStats,
    records: readonly RawRecord[],
  ) => void
}

const FORMATS = ['kong', 'combined', 'ecs', 'auto'] as const
const MAX_IN_FLIGHT = 2

/** Thrown for conditions the CLI reports as one line (unreadable file, bad arguments). */
export class CliError extends Error {}

/** A worker speaking the messages.ts protocol, with request/response matched by seq. */
function connect(worker: Worker): {
  send(msg: ToWorker): void
  next(seq: number): Promise<FromWorker>
  ready: Promise<number>
} {
  const waiting = new Map<number, (m: FromWorker) => void>()
  let onReady: (n: number) => void = () => undefined
  let onFail: (e: Error) => void = () => undefined
  const ready = new Promise<number>((resolve, reject) => {
    onReady = resolve
    onFail = reject
  })
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') onReady(m.ruleCount)
    else if (m.type === 'log') {
      if (m.level === 'error' || m.level === 'warn')
        process.stderr.write(`worker ${m.level}: ${m.message}\n`)
    } else {
      const w = waiting.get(m.seq)
      waiting.delete(m.seq)
      w?.(m)
    }
  })
  worker.on('error', (e) => {
    onFail(e)
    for (const w of waiting.values()) w({ type: 'failed', seq: -1, message: e.message })
    waiting.clear()
  })
  return {
    send: (msg) => worker.postMessage(msg),
    next: (seq) => new Promise((resolve) => waiting.set(seq, resolve)),
    ready,
  }
}

/** Checks that a path is a readable regular file; throws CliError with a one-line reason. */
export async function assertReadableFile(path: string): Promise<void> {
  try {
    const s = await stat(path)
    if (!s.isFile()) throw new CliError(`cannot read ${path}: not a regular file`)
    await access(path, constants.R_OK)
  } catch (err) {
    if (err instanceof CliError) throw err
    const code = (err as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : (code ?? 'unreadable')
    throw new CliError(`cannot read ${path}: ${why}`)
  }
}

/** Streams a file through a detection worker; calls onBatch in order and returns totals. */
export async function scanFile(path: string, opts: ScanFileOptions): Promise<ScanSummary> {
  await assertReadableFile(path)
  const rules = readRuleSources(opts.rulesDir ?? builtinRulesDir())
  if (opts.customRulesDir) {
    try {
      rules.push(...readRuleSources(opts.customRulesDir))
    } catch {
      throw new CliError(`cannot read custom rules folder ${opts.customRulesDir}`)
    }
  }
  try {
    // Validate here too: the worker would fall back to no rules, which must not pass for a clean scan.
    parseRules(rules)
  } catch (err) {
    throw new CliError(`rule pack refused: ${(err as Error).message}`)
  }
  const started = performance.now()
  const worker = spawnNodeDetector()
  const link = connect(worker)
  const batchSize = opts.batchSize ?? 1000
  let lines = 0
  let malformed = 0
  let overBudget = 0
  let findingCount = 0
  let engineMs = 0
  const byCategory: Record<string, number> = {}
  const suppressed: Record<string, number> = {}
  try {
    link.send({
      type: 'init',
      rules,
      modelSnapshot: null,
      trustedProxies: opts.trustedProxies ?? [],
      ...(opts.recordBudgetMs === undefined ? {} : { recordBudgetMs: opts.recordBudgetMs }),
    })
    await link.ready
    const inFlight: { seq: number; records: RawRecord[]; done: Promise<FromWorker> }[] = []
    let seq = 0
    const settle = async (): Promise<void> => {
      const head = inFlight.shift()
      if (!head) return
      const m = await head.done
      if (m.type !== 'result')
        throw new CliError(`detection failed: ${m.type === 'failed' ? m.message : m.type}`)
      malformed += m.stats.malformed
      overBudget += m.stats.overBudget
      engineMs += m.stats.durationMs
      findingCount += m.findings.length
      for (const f of m.findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1
      for (const [k, v] of Object.entries(m.stats.suppressed))
        suppressed[k] = (suppressed[k] ?? 0) + v
      opts.onBatch(m.findings, m.stats, head.records)
    }
    const send = async (records: RawRecord[]): Promise<void> => {
      seq++
      const done = link.next(seq)
      link.send({
        type: 'batch',
        seq,
        batch: {
          sourceId: `file:${path}`,
          // The file is a timeline of its own, ended by the flush below.
          timeline: `file:${path}`,
          seq,
          format: opts.format,
          records,
          metrics: [],
          cursor: null,
        },
      })
      inFlight.push({ seq, records, done })
      if (inFlight.length >= MAX_IN_FLIGHT) await settle()
    }
    const rl = createInterface({
      input: createReadStream(path, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    })
    let batch: RawRecord[] = []
    for await (const text of rl) {
      lines++
      batch.push({ line: lines, text })
      if (batch.length >= batchSize) {
        await send(batch)
        batch = []
      }
    }
    if (batch.length) await send(batch)
    // The end of the file closes every open window: anomalies of the last minutes are judged too.
    seq++
    inFlight.push({ seq, records: [], done: link.next(seq) })
    link.send({ type: 'flush', seq, timeline: `file:${path}` })
    while (inFlight.length) await settle()
  } finally {
    await worker.terminate()
  }
  const seconds = (performance.now() - started) / 1000
  return {
    lines,
    malformed,
    overBudget,
    findings: findingCount,
    byCategory,
    suppressed,
    seconds,
    eventsPerSecond: seconds > 0 ? Math.round(lines / seconds) : 0,
    engineMs,
  }
}

/** The six fields of the scan contract, in contract order. */
export function contractLine(f: Finding): string {
  return JSON.stringify({
    line: f.ref.line,
    category: f.category,
    severity: f.severity,
    rule: f.rule,
    ip: f.ip,
    evidence: f.evidence,
  })
}

function tableRow(f: Finding): string {
  const ev = f.evidence.replace(/[\r\n\t]+/g, ' ')
  return [
    String(f.ref.line ?? '-').padStart(7),
    f.category.padEnd(19),
    f.severity.padEnd(8),
    f.rule.padEnd(30),
    (f.ip ?? '-').padEnd(16),
    ev.length > 90 ? `${ev.slice(0, 89)}…` : ev,
  ].join(' ')
}

export interface ScanArgs {
  readonly file: string
  readonly format: LogFormat | 'auto'
  readonly json: boolean
  readonly rules: string | null
  readonly trustedProxies: readonly string[]
}

/** Parses scan's arguments; throws CliError on a bad one. */
export function parseScanArgs(args: readonly string[]): ScanArgs {
  let file: string | null = null
  let format: LogFormat | 'auto' = 'auto'
  let json = false
  let rules: string | null = null
  const trustedProxies: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--json') json = true
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!FORMATS.includes(v as (typeof FORMATS)[number])) {
        throw new CliError(`--format must be one of ${FORMATS.join(', ')}`)
      }
      format = v as LogFormat | 'auto'
    } else if (a === '--rules' || a.startsWith('--rules=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!v) throw new CliError('--rules needs a folder of custom rules')
      rules = v
    } else if (a === '--trusted-proxy' || a.startsWith('--trusted-proxy=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]
      if (!v || parseCidr(v) === null)
        throw new CliError('--trusted-proxy takes an IP address or a CIDR block (10.40.0.0/16)')
      trustedProxies.push(v)
    } else if (a === '--db') throw new CliError('--db is not supported by this build yet')
    else if (a.startsWith('-')) throw new CliError(`unknown option ${a}`)
    else if (file === null) file = a
    else throw new CliError(`unexpected argument ${a}`)
  }
  if (file === null)
    throw new CliError(
      'usage: scan <file> [--format kong|combined|ecs|auto] [--json] [--rules <custom rules dir>] [--trusted-proxy <cidr>]…',
    )
  return { file, format, json, rules, trustedProxies }
}

/** Formats the stderr summary line(s). */
export function summaryText(s: ScanSummary): string {
  const cats = Object.entries(s.byCategory)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  const supp = Object.entries(s.suppressed)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')
  return (
    `scanned ${s.lines} lines (${s.malformed} malformed skipped${s.overBudget ? `, ${s.overBudget} over time budget` : ''}) ` +
    `in ${s.seconds.toFixed(2)} s, ${s.eventsPerSecond} events/s\n` +
    `findings: ${s.findings}${cats ? ` (${cats})` : ''}${supp ? `; below print threshold: ${supp}` : ''}`
  )
}

/** Runs `scan`; returns the exit code (0 ok, 1 file unreadable or detection failed, 2 bad arguments). */
export async function runScan(
  args: readonly string[],
  io: CliOutput = consoleOutput,
): Promise<number> {
  let parsed: ScanArgs
  try {
    parsed = parseScanArgs(args)
  } catch (err) {
    io.err(`scan: ${(err as Error).message}`)
    return 2
  }
  try {
    await assertReadableFile(parsed.file)
    if (!parsed.json) {
      io.out(
        [
          '   line',
          'category'.padEnd(19),
          'severity',
          'rule'.padEnd(30),
          'ip'.padEnd(16),
          'evidence',
        ].join(' '),
      )
    }
    const summary = await scanFile(parsed.file, {
      format: parsed.format,
      customRulesDir: parsed.rules,
      trustedProxies: parsed.trustedProxies,
      onBatch: (findings) => {
        const sorted = [...findings].sort((a, b) => (a.ref.line ?? 0) - (b.ref.line ?? 0))
        for (const f of sorted) io.out(parsed.json ? contractLine(f) : tableRow(f))
      },
    })
    io.err(summaryText(summary))
    return 0
  } catch (err) {
    io.err(
      `scan: ${err instanceof CliError ? err.message : `failed: ${(err as Error).message.split('\n')[0]}`}`,
    )
    return 1
  }
}
