// `bench [--lines N] [--ips N]`: detection speed and memory, printed as ratios against baselines measured in
// the same run (machines here are shared and noisy, so absolute numbers alone mean little).
//  1. events/s of the engine on one worker thread (the app's path: batches through the detector host)
//     against a bare JSON.parse loop over the same generated Kong lines;
//  2. the same engine in-process, to show what the worker hop costs, and the normaliser alone (parse and
//     build the request record, no detection): the ceiling any detection on top of it stays under;
//     The "rough prototype" (bench-prototype.ts) is measured too, to test its premise that
//     detection is cheap next to parsing on the machine at hand;
//  3. from a file, as an import reads one: a readline + JSON.parse loop on one thread against `scan`'s
//     path (the main thread reads lines, one worker parses and detects, batches overlapping);
//  4. heap held by the behaviour windows after a million distinct client addresses.
import { createReadStream } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { createInterface } from 'node:readline'
import { createDetectorHost, type DetectorWorker } from '../core/detection/detector-host'
import { normalizeLine } from '../core/detection/detect-format'
import { createEngine } from '../core/detection/engine'
import { spawnNodeDetector } from '../core/detection/spawn-node-worker'
import { builtinRulesDir, readRuleSources } from '../core/detection/rule-pack'
import { generateKongLines } from '../core/sources/demo/generate-traffic'
import type { RawBatch } from '../core/sources/source'
import { prototypePass } from './bench-prototype'
import { scanFile } from './scan'

const BATCH = 1000

function option(args: readonly string[], name: string, fallback: number): number {
  const i = args.indexOf(name)
  const v = i >= 0 ? Number(args[i + 1]) : fallback
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} takes a positive number`)
  return Math.floor(v)
}

function batches(lines: readonly string[], sourceId: string): RawBatch[] {
  const out: RawBatch[] = []
  for (let i = 0; i < lines.length; i += BATCH) {
    out.push({
      sourceId,
      seq: out.length + 1,
      format: 'kong',
      records: lines.slice(i, i + BATCH).map((text, j) => ({ line: i + j + 1, text })),
      metrics: [],
      cursor: null,
    })
  }
  return out
}

/**
 * Lines per second of the best of three passes of `pass` over the lines (best, to dodge a noisy
 * neighbour). `pass` returns a number built from what it read, so its loop cannot be optimised away.
 */
function bestRate(lines: readonly string[], pass: (lines: readonly string[]) => number): number {
  let best = 0
  for (let round = 0; round < 3; round++) {
    const t0 = performance.now()
    const sink = pass(lines)
    if (sink === -1) console.log('')
    best = Math.max(best, lines.length / ((performance.now() - t0) / 1000))
  }
  return best
}

/** Bare parse loop: the floor any log-reading tool pays. */
function bareParse(lines: readonly string[]): number {
  let sink = 0
  for (const l of lines) sink += (JSON.parse(l) as { started_at?: number }).started_at ?? 0
  return sink
}

/** Parsing and normalising alone, as the engine does: the ceiling of any detection on top. */
function normaliseOnly(lines: readonly string[]): number {
  let sink = 0
  for (let i = 0; i < lines.length; i++) {
    const n = normalizeLine(lines[i] as string, i + 1, 'kong')
    if (n.ok) sink += n.record.time
  }
  return sink
}

/** Reading a file line by line and parsing each: the floor of any tool importing a log. Best of two. */
async function readlineParseRate(path: string): Promise<number> {
  let best = 0
  for (let round = 0; round < 2; round++) {
    const t0 = performance.now()
    let n = 0
    let sink = 0
    const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })
    for await (const l of rl) {
      sink += (JSON.parse(l) as { started_at?: number }).started_at ?? 0
      n++
    }
    if (sink === -1) console.log('')
    best = Math.max(best, n / ((performance.now() - t0) / 1000))
  }
  return best
}

/** Writes the lines to a temporary file and measures both ways of importing it. */
async function fileRates(
  lines: readonly string[],
): Promise<{ fileParse: number; fileScan: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'vigil-bench-'))
  try {
    const file = join(dir, 'lines.jsonl')
    await writeFile(file, lines.join('\n') + '\n')
    const fileParse = await readlineParseRate(file)
    const summary = await scanFile(file, { format: 'kong', onBatch: () => undefined })
    return { fileParse, fileScan: summary.lines / summary.seconds }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Synthetic failed logins from `count` distinct addresses, in batches, for the memory measurement. */
function* distinctIpBatches(count: number): Generator<RawBatch> {
  const t = Date.UTC(2026, 10, 25, 0, 0, 0)
  for (let start = 0, seq = 1; start < count; start += BATCH, seq++) {
    const records = []
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
      records.push({
        line: i + 1,
        text: JSON.stringify({
          request: {
            id: i.toString(16).padStart(32, '0'),
            uri: '/auth/login',
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': 'bench' },
            body: `{"username":"user${i % 5000}","password":"x"}`,
          },
          response: { status: 401 },
          client_ip: ip,
          started_at: t + i,
          route: { name: 'auth' },
        }),
      })
    }
    yield { sourceId: 'bench-ips', seq, format: 'kong', records, metrics: [], cursor: null }
  }
}

const heapMb = (): number => {
  ;(globalThis as { gc?: () => void }).gc?.()
  return process.memoryUsage().heapUsed / 1024 / 1024
}

/** Runs the benchmark and prints its figures; returns the exit code. */
export async function runBench(args: readonly string[]): Promise<number> {
  const n = option(args, '--lines', 200_000)
  const ipCount = option(args, '--ips', 1_000_000)
  const rules = readRuleSources(builtinRulesDir())
  process.stderr.write(`generating ${n} Kong lines (demo generator, seed 7203)…\n`)
  const lines = [...generateKongLines(n)]
  const mb = lines.reduce((a, l) => a + l.length, 0) / 1024 / 1024

  const parse = bestRate(lines, bareParse)

  const host = createDetectorHost({
    spawn: spawnNodeDetector as unknown as () => DetectorWorker,
    rules,
    log: () => undefined,
  })
  // Warm-up: worker start, rule compilation and JIT should not count against the engine.
  await host.process(batches(lines.slice(0, 5000), 'warmup')[0]!)
  let findings = 0
  const t0 = performance.now()
  for (const b of batches(lines, 'bench')) {
    const out = await host.process(b)
    if (!out.ok) throw new Error(`batch ${b.seq} failed: ${out.reason}`)
    findings += out.result.findings.length
  }
  const workerRate = n / ((performance.now() - t0) / 1000)
  await host.dispose()

  const engine = createEngine(rules)
  engine.process(batches(lines.slice(0, 5000), 'warmup')[0]!)
  const t1 = performance.now()
  for (const b of batches(lines, 'bench-inproc')) engine.process(b)
  const inprocRate = n / ((performance.now() - t1) / 1000)
  engine.dispose()

  const normalised = bestRate(lines, normaliseOnly)
  const prototype = bestRate(lines, prototypePass)
  const { fileParse, fileScan } = await fileRates(lines)

  const windows = createEngine(rules)
  const before = heapMb()
  let peak = before
  for (const b of distinctIpBatches(ipCount)) {
    windows.process(b)
    if (b.seq % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024)
  }
  const after = heapMb()
  peak = Math.max(peak, after)
  windows.dispose()

  const fmt = (x: number) => Math.round(x).toLocaleString('en-US')
  console.log(
    `lines                      ${fmt(n)} (${mb.toFixed(1)} MB of Kong JSON), ${findings} findings`,
  )
  console.log(`bare JSON.parse loop       ${fmt(parse)} lines/s   (baseline 1.00x)`)
  console.log(
    `engine on one worker       ${fmt(workerRate)} lines/s   ${(workerRate / parse).toFixed(2)}x bare parse   (goal >= 0.70x)`,
  )
  console.log(
    `engine in-process          ${fmt(inprocRate)} lines/s   ${(inprocRate / parse).toFixed(2)}x bare parse`,
  )
  console.log(
    `normaliser alone           ${fmt(normalised)} lines/s   ${(normalised / parse).toFixed(2)}x bare parse   (no detection: the ceiling)`,
  )
  console.log(
    `rough prototype            ${fmt(prototype)} lines/s   ${(prototype / parse).toFixed(2)}x bare parse   (parse, URL-decode, NFKC, 30 regexes, per-IP windows: the issue's premise)`,
  )
  console.log(
    `from a file: readline + JSON.parse ${fmt(fileParse)} lines/s; scan (reader + one worker) ${fmt(fileScan)} lines/s   ${(fileScan / fileParse).toFixed(2)}x`,
  )
  console.log(
    `behaviour windows, ${fmt(ipCount)} distinct IPs: heap ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after, peak ${peak.toFixed(0)} MB` +
      ` (${(after - before).toFixed(0)} MB retained${(globalThis as { gc?: unknown }).gc ? '' : '; run with --expose-gc for exact figures'})`,
  )
  return 0
}
