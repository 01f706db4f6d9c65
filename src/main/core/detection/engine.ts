// The detection engine: raw batches in; findings, per-minute counters and batch statistics out. Synchronous
// and pure apart from its behaviour windows, so the worker, the CLI and tests run the very same code.
import type { Category, Finding, MinuteCounter, Severity } from '../../../shared/model'
import type { RawBatch } from '../sources/source'
import { createBehaviourStage } from './behaviour/behaviour-stage'
import { findingId } from './finding-id'
import type { BruteforceOptions } from './bruteforce'
import { decodeForDisplay } from './decode'
import { normalizeLine } from './detect-format'
import type { BatchStats, RuleSource } from './messages'
import { createMinuteCounters } from './minute-counters'
import { buildEvidence, clip, scrubSecrets, summarizeAuthorization } from './redact'
import type { RequestRecord } from './request-record'
import { parseRules, type CompiledRule } from './rule-pack'
import { indexRules, matchRequest, type RuleIndex, type SignatureHit } from './signature-matcher'
import { isPrivateIp } from './ssrf-target'

export interface EngineOptions {
  /** Inspection time per record before it is cut short and counted in stats.overBudget. */
  readonly recordBudgetMs?: number
  /** Behaviour findings below this confidence are counted in stats.suppressed instead of reported. */
  readonly printThreshold?: number
  readonly bruteforce?: BruteforceOptions
}

export interface BatchResult {
  readonly findings: Finding[]
  readonly counters: MinuteCounter[]
  readonly stats: BatchStats
}

export interface Engine {
  process(batch: RawBatch): BatchResult
  /** Runs already-normalised records (rule cases, tests) through detection. */
  processRecords(sourceId: string, records: readonly RequestRecord[]): Finding[]
  /** Replaces the rule set; throws (keeping the old rules) when the new one is invalid. */
  reload(rules: readonly RuleSource[]): number
  readonly ruleCount: number
  /** Closes windows still open (end of a file, shutdown) and returns what they reveal. */
  flush(sourceId: string): Finding[]
  /** The models to persist (the anomaly forest); main stores it and hands it back at start. */
  snapshot(): string
  /** Restores a snapshot; a damaged one is refused with an error and the engine trains afresh. */
  restore(snapshot: string): void
  dispose(): void
}

const MAX_SAMPLES = 5

interface MinuteBucket {
  minute: number
  requests: number
  byCategory: Record<string, number>
}

export { findingId }

/** Creates an engine over rule texts; throws a RuleError naming the file of the first bad rule. */
export function createEngine(rules: readonly RuleSource[], options: EngineOptions = {}): Engine {
  return createEngineFromCompiled(parseRules(rules), options)
}

/** Creates an engine over an already compiled rule set. */
export function createEngineFromCompiled(
  compiled: readonly CompiledRule[],
  options: EngineOptions = {},
): Engine {
  const recordBudgetMs = options.recordBudgetMs ?? 50
  const printThreshold = options.printThreshold ?? 0.6
  let index: RuleIndex = indexRules(compiled)
  const behaviour = createBehaviourStage(1, { bruteforce: options.bruteforce })
  const keep = (f: Finding, out: Finding[], suppressed: Record<string, number>): void => {
    if (f.confidence >= printThreshold) out.push(f)
    else suppressed[f.category] = (suppressed[f.category] ?? 0) + 1
  }

  const inspect = (
    sourceId: string,
    r: RequestRecord,
    out: Finding[],
    suppressed: Record<string, number>,
  ): boolean => {
    const { hits, complete, truncated } = matchRequest(
      index,
      r,
      { clientPrivate: isPrivateIp(r.ip) },
      performance.now() + recordBudgetMs,
    )
    let details: Record<string, string | number> | null = null
    for (const h of hits) {
      const when = h.rule.def.when
      if (when && (r.status === null || !when.status.includes(r.status))) continue
      details ??= tokenDetails(r)
      out.push(signatureFinding(sourceId, r, h, details))
    }
    for (const f of behaviour.observe(sourceId, r)) keep(f, out, suppressed)
    return complete && !truncated
  }

  return {
    get ruleCount() {
      return index.rules.length
    },
    process(batch) {
      const started = performance.now()
      const findings: Finding[] = []
      const counters = createMinuteCounters()
      const byCategory: Record<string, number> = {}
      const perMinute = new Map<number, MinuteBucket>()
      const suppressed: Record<string, number> = {}
      const samples: { line: number; reason: string }[] = []
      let lastBucket: MinuteBucket | null = null
      let malformed = 0
      let overBudget = 0
      for (const raw of batch.records) {
        const n = normalizeLine(raw.text, raw.line, batch.format)
        if (!n.ok) {
          malformed++
          if (samples.length < MAX_SAMPLES) samples.push({ line: raw.line, reason: n.reason })
          continue
        }
        const r = n.record
        counters.add(r)
        const before = findings.length
        if (!inspect(batch.sourceId, r, findings, suppressed)) overBudget++
        const minute = Math.floor(r.time / 60_000) * 60_000
        // Records arrive in time order, so the bucket of the last record is nearly always the one.
        let bucket: MinuteBucket | undefined =
          lastBucket !== null && lastBucket.minute === minute ? lastBucket : perMinute.get(minute)
        if (!bucket) {
          bucket = { minute, requests: 0, byCategory: {} }
          perMinute.set(minute, bucket)
        }
        lastBucket = bucket
        bucket.requests++
        if (findings.length === before) continue
        const cats = new Set<Category>()
        for (let i = before; i < findings.length; i++) cats.add((findings[i] as Finding).category)
        for (const c of cats) {
          byCategory[c] = (byCategory[c] ?? 0) + 1
          bucket.byCategory[c] = (bucket.byCategory[c] ?? 0) + 1
        }
      }
      return {
        findings,
        counters: counters.drain(),
        stats: {
          records: batch.records.length,
          malformed,
          malformedSamples: samples,
          durationMs: performance.now() - started,
          byCategory,
          perMinute: [...perMinute.values()].sort((a, b) => a.minute - b.minute),
          suppressed,
          overBudget,
        },
      }
    },
    processRecords(sourceId, records) {
      const out: Finding[] = []
      for (const r of records) inspect(sourceId, r, out, {})
      return out
    },
    reload(rules) {
      const next = indexRules(parseRules(rules))
      index = next
      return next.rules.length
    },
    flush(sourceId) {
      const out: Finding[] = []
      for (const f of behaviour.flush(sourceId)) keep(f, out, {})
      return out
    },
    snapshot() {
      return JSON.stringify({
        version: 1,
        rules: index.rules.length,
        anomalyForest: behaviour.snapshot(),
        windows: behaviour.sizes(),
      })
    },
    restore(snapshot) {
      const parsed = JSON.parse(snapshot) as { version?: number; anomalyForest?: string | null }
      if (parsed.version !== 1) throw new Error('engine snapshot: unknown version')
      if (parsed.anomalyForest) behaviour.restore(parsed.anomalyForest)
    },
    dispose() {
      index = indexRules([])
    },
  }
}

function tokenDetails(r: RequestRecord): Record<string, string | number> {
  const auth = r.headers.find((h) => h.name === 'authorization')
  if (!auth || auth.value === 'REDACTED') return {}
  const s = summarizeAuthorization(auth.value)
  const d: Record<string, string | number> = {
    'token.scheme': s.scheme,
    'token.sha256': s.sha256,
    'token.unverified': 'true',
  }
  if (s.claims?.iss) d['token.iss'] = s.claims.iss
  if (s.claims?.sub) d['token.sub'] = s.claims.sub
  if (s.claims?.jti) d['token.jti'] = s.claims.jti
  if (s.claims?.exp !== undefined) d['token.exp'] = s.claims.exp
  return d
}

function signatureFinding(
  sourceId: string,
  r: RequestRecord,
  h: SignatureHit,
  details: Record<string, string | number>,
): Finding {
  const t = h.target
  // Show the value as sent when the match is visible in it; else decoded but in its own case (an officer
  // reads `<ScRiPt>` as written); the matcher's lower-cased form only as a last resort.
  const frag = h.fragment.slice(0, 40)
  let shown = t.raw
  let index = t.raw.toLowerCase().indexOf(frag)
  if (index < 0) {
    const display = decodeForDisplay(t.raw)
    const at = display.toLowerCase().indexOf(frag)
    shown = at >= 0 ? display : t.decoded
    index = at >= 0 ? at : h.index
  }
  const { evidence, highlight } = buildEvidence(t.field, t.secret, shown, h.fragment, index)
  let decoded: string | null = null
  if (!t.secret && shown === t.raw && shown !== t.decoded) {
    const start = Math.max(0, h.index - 40)
    decoded = clip(scrubSecrets(t.decoded.slice(start, start + 400)))
    if (decoded === evidence) decoded = null
  }
  const severity: Severity = h.rule.def.severity
  return {
    id: findingId(sourceId, r.recordId, h.rule.def.id),
    kind: 'signature',
    ref: { sourceId, recordId: r.recordId, line: r.line },
    time: r.time,
    category: h.rule.def.category,
    severity,
    rule: h.rule.def.id,
    ip: r.ip,
    consumer: r.consumer,
    route: r.route,
    field: t.field,
    evidence,
    highlights: highlight ? [highlight] : [],
    decoded,
    confidence: Math.round(h.confidence * 100) / 100,
    details: h.reason !== 'pattern' ? { ...details, reason: h.reason } : details,
  }
}
