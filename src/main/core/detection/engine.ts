// The detection engine: raw batches in; findings, per-minute counters and batch statistics out. Synchronous
// and pure apart from its behaviour windows, so the worker, the CLI and tests run the very same code.
import { z } from 'zod'
import type { Category, Finding, MinuteCounter, Severity } from '../../../shared/model'
import type { RawBatch } from '../sources/source'
import {
  createBehaviourStage,
  type BehaviourStage,
  type StageSnapshot,
} from './behaviour/behaviour-stage'
import { presentsCredential } from './api-key'
import { clientBehindProxies, trustedProxies } from './client-address'
import { errorText } from './error-text'
import { findingId } from './finding-id'
import type { BruteforceOptions } from './bruteforce'
import { decodeForDisplay, decodeForMatch } from './decode'
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
  /**
   * Addresses and CIDR blocks of proxies in front of the gateway that it does not resolve itself: a
   * request from one of them is attributed to the client named in X-Forwarded-For / Forwarded.
   */
  readonly trustedProxies?: readonly string[]
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
  /**
   * A timeline has ended (an import reached the end of its file): closes its windows, returns what they
   * reveal (attributed to a source of the timeline's name) and forgets them, so a later import starts
   * clean.
   */
  flush(timeline: string): Finding[]
  /**
   * What the engine has learnt per timeline (baselines, habits, the anomaly model and its training
   * baseline), for main to store and hand back at start, so a restart does not begin from nothing.
   */
  snapshot(): string
  /** Restores a snapshot; a damaged one is refused with an error, leaving the engine as it was. */
  restore(snapshot: string): void
  dispose(): void
}

const MAX_SAMPLES = 5

/**
 * Timelines whose behaviour windows are held at once (see RawBatch.timeline): the live one and the imports
 * in progress. Each holds bounded windows of its own, so the count bounds memory too; past it, the least
 * recently active timeline's windows go.
 */
const MAX_TIMELINES = 8

/** The timeline of batches that name none: every live source. */
export const LIVE_TIMELINE = 'live'

const SNAPSHOT_VERSION = 2

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
  const proxies = trustedProxies(options.trustedProxies ?? [])
  let index: RuleIndex = indexRules(compiled)
  const newStage = (): BehaviourStage => createBehaviourStage(1, { bruteforce: options.bruteforce })
  let stages = new Map<string, BehaviourStage>()
  // A forest from a snapshot written before timelines had windows of their own: every timeline starts
  // from it.
  let sharedForest: string | null = null
  /** A timeline's windows, made on its first batch; the map's order is least recently active first. */
  const stageFor = (timeline: string): BehaviourStage => {
    let stage = stages.get(timeline)
    if (stage) {
      stages.delete(timeline)
    } else {
      stage = newStage()
      if (sharedForest) stage.restoreForest(sharedForest)
      if (stages.size >= MAX_TIMELINES) stages.delete(stages.keys().next().value as string)
    }
    stages.set(timeline, stage)
    return stage
  }
  const holds = (rule: CompiledRule, r: RequestRecord, clientPrivate: boolean): boolean => {
    const when = rule.def.when
    if (!when) return true
    return (
      (when.status === undefined || (r.status !== null && when.status.includes(r.status))) &&
      (when.client === undefined || (when.client === 'private') === clientPrivate) &&
      (when.method === undefined || when.method.includes(r.method)) &&
      (rule.whenPath === null || rule.whenPath.test(decodeForMatch(r.path, false))) &&
      (when.credentials === undefined ||
        (when.credentials === 'present') === (hasConsumer(r) || presentsCredential(r)))
    )
  }
  const hasConsumer = (r: RequestRecord): boolean => r.consumer !== null && r.consumer !== ''
  const keep = (f: Finding, out: Finding[], suppressed: Record<string, number>): void => {
    if (f.confidence >= printThreshold) out.push(f)
    else suppressed[f.category] = (suppressed[f.category] ?? 0) + 1
  }

  const inspect = (
    sourceId: string,
    behaviour: BehaviourStage,
    r: RequestRecord,
    out: Finding[],
    suppressed: Record<string, number>,
  ): boolean => {
    const clientPrivate = isPrivateIp(r.ip)
    const { hits, complete, truncated } = matchRequest(
      index,
      r,
      {
        clientPrivate,
        headers: r.headers,
        path: r.path,
        consumer: r.consumer,
        consumerCustomId: r.consumerCustomId ?? null,
      },
      performance.now() + recordBudgetMs,
    )
    let details: Record<string, string | number> | null = null
    for (const h of hits) {
      if (!holds(h.rule, r, clientPrivate)) continue
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
      const behaviour = stageFor(batch.timeline ?? LIVE_TIMELINE)
      for (const raw of batch.records) {
        const n = normalizeLine(raw.text, raw.line, batch.format)
        if (!n.ok) {
          malformed++
          if (samples.length < MAX_SAMPLES) samples.push({ line: raw.line, reason: n.reason })
          continue
        }
        let r = n.record
        if (proxies !== null && r.ip !== null && proxies(r.ip)) {
          const client = clientBehindProxies(r, proxies)
          if (client !== null) r = { ...r, ip: client }
        }
        counters.add(r)
        const before = findings.length
        if (!inspect(batch.sourceId, behaviour, r, findings, suppressed)) overBudget++
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
      const behaviour = stageFor(LIVE_TIMELINE)
      for (const r of records) inspect(sourceId, behaviour, r, out, {})
      return out
    },
    reload(rules) {
      const next = indexRules(parseRules(rules))
      index = next
      return next.rules.length
    },
    flush(timeline) {
      const stage = stages.get(timeline)
      if (!stage) return []
      stages.delete(timeline)
      const out: Finding[] = []
      for (const f of stage.flush(timeline)) keep(f, out, {})
      return out
    },
    snapshot() {
      const sources: Record<string, StageSnapshot> = {}
      const windows: Record<string, Record<string, number>> = {}
      for (const [id, stage] of stages) {
        sources[id] = stage.snapshot()
        windows[id] = stage.sizes()
      }
      return JSON.stringify({
        version: SNAPSHOT_VERSION,
        rules: index.rules.length,
        sources,
        windows,
      })
    },
    restore(snapshot) {
      let raw: unknown
      try {
        raw = JSON.parse(snapshot)
      } catch {
        throw new Error('engine snapshot: not JSON')
      }
      const version = (raw as { version?: unknown } | null)?.version
      if (version !== 1 && version !== SNAPSHOT_VERSION)
        throw new Error(`engine snapshot: unknown version ${String(version).slice(0, 20)}`)
      const parsed = engineSnapshot.parse(raw)
      // Everything is read before anything is replaced.
      if (parsed.version === 1) {
        if (parsed.anomalyForest) newStage().restoreForest(parsed.anomalyForest)
        sharedForest = parsed.anomalyForest ?? null
        stages = new Map()
        return
      }
      const next = new Map<string, BehaviourStage>()
      for (const [id, saved] of Object.entries(parsed.sources).slice(-MAX_TIMELINES)) {
        const stage = newStage()
        try {
          stage.restore(saved)
        } catch (err) {
          throw new Error(`engine snapshot, timeline ${id.slice(0, 80)}: ${errorText(err)}`, {
            cause: err,
          })
        }
        next.set(id, stage)
      }
      stages = next
      sharedForest = null
    },
    dispose() {
      index = indexRules([])
      stages.clear()
    },
  }
}

const engineSnapshot = z.discriminatedUnion('version', [
  z.object({ version: z.literal(1), anomalyForest: z.string().nullable().optional() }),
  z.object({ version: z.literal(SNAPSHOT_VERSION), sources: z.record(z.string(), z.unknown()) }),
])

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
