// Stores one processed batch: findings, the incidents they form, counters, timeline and cursor, in one
// transaction.
//
// Findings are idempotent: their id is deterministic, a replayed finding is upserted and never counted or
// correlated twice. Counters and timeline buckets are deltas that the upsert *adds*, so they are not
// idempotent on their own: replaying a batch would count its requests twice. What keeps them right is
// the pipeline's contract: a batch is ingested once, after it is processed, and the source's cursor moves
// in this same transaction. Either the batch is stored with its cursor, or nothing is, and after a crash
// the source resumes after the last stored batch.
import type Database from 'better-sqlite3'
import type { Category, Finding, MinuteCounter, TimelineBucket } from '../../../shared/model'
import {
  DEFAULT_GAP_MS,
  correlate,
  entityOf,
  type CorrelationState,
} from '../correlation/correlate'
import { findingParams, incidentFromRow, incidentParams, toSummary, type IncidentRow } from './rows'
import type { IngestResult, Store } from './store'

export type IngestInput = Parameters<Store['ingest']>[0]

const MINUTE = 60_000

/** The statement that records how far a source has been stored; shared by ingest and quarantine. */
export function prepareCursorUpsert(db: Database.Database): Database.Statement {
  return db.prepare(
    `INSERT INTO cursors (source_id, cursor, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
  )
}

/** Start of the UTC minute holding `t`. */
export function minuteOf(t: number): number {
  return Math.floor(t / MINUTE) * MINUTE
}

/** Builds the ingest function over prepared statements; `gapMs` is correlation's gap window. */
export function createIngest(
  db: Database.Database,
  gapMs: number = DEFAULT_GAP_MS,
): (input: IngestInput) => IngestResult {
  const findingExists = db.prepare('SELECT 1 FROM findings WHERE id = ?').pluck()
  const incidentExists = db.prepare('SELECT 1 FROM incidents WHERE id = ?').pluck()
  const candidates = db.prepare(
    `SELECT * FROM incidents
     WHERE entity_kind = ? AND entity = ? AND category = ?
       AND status IN ('open', 'acknowledged', 'contained')
       AND last_seen >= ? AND first_seen <= ?`,
  )
  const upsertIncident = db.prepare(
    `INSERT INTO incidents (id, title, category, severity, confidence, status, entity_kind, entity,
       first_seen, last_seen, finding_count, rule_confidence, routes, created_at, updated_at)
     VALUES (@id, @title, @category, @severity, @confidence, @status, @entity_kind, @entity,
       @first_seen, @last_seen, @finding_count, @rule_confidence, @routes, @created_at, @updated_at)
     ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, confidence = excluded.confidence,
       first_seen = excluded.first_seen, last_seen = excluded.last_seen,
       finding_count = excluded.finding_count, rule_confidence = excluded.rule_confidence,
       routes = excluded.routes, updated_at = excluded.updated_at`,
  )
  // A replay refreshes what the detector says about the finding but keeps its incident and first ingest.
  const upsertFinding = db.prepare(
    `INSERT INTO findings (id, incident_id, kind, source_id, record_id, line, time, category, severity,
       rule, ip, consumer, route, field, evidence, highlights, decoded, confidence, details, ingested_at)
     VALUES (@id, @incident_id, @kind, @source_id, @record_id, @line, @time, @category, @severity,
       @rule, @ip, @consumer, @route, @field, @evidence, @highlights, @decoded, @confidence, @details,
       @ingested_at)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, severity = excluded.severity,
       field = excluded.field, evidence = excluded.evidence, highlights = excluded.highlights,
       decoded = excluded.decoded, confidence = excluded.confidence, details = excluded.details`,
  )
  const addCounter = db.prepare(
    `INSERT INTO minute_counters (minute, entity_kind, entity, requests, errors, bytes)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (entity_kind, entity, minute) DO UPDATE SET requests = requests + excluded.requests,
       errors = errors + excluded.errors, bytes = bytes + excluded.bytes`,
  )
  const addRequests = db.prepare(
    `INSERT INTO timeline (minute, requests) VALUES (?, ?)
     ON CONFLICT (minute) DO UPDATE SET requests = requests + excluded.requests`,
  )
  const addCategory = db.prepare(
    `INSERT INTO timeline_categories (minute, category, count) VALUES (?, ?, ?)
     ON CONFLICT (minute, category) DO UPDATE SET count = count + excluded.count`,
  )
  const setCursor = prepareCursorUpsert(db)

  function loadCandidates(fresh: readonly Finding[]): CorrelationState[] {
    const spans = new Map<string, { key: [string, string, Category]; min: number; max: number }>()
    for (const f of fresh) {
      const { entityKind, entity } = entityOf(f)
      const k = `${entityKind}\u0000${entity}\u0000${f.category}`
      const span = spans.get(k)
      if (span === undefined)
        spans.set(k, { key: [entityKind, entity, f.category], min: f.time, max: f.time })
      else {
        span.min = Math.min(span.min, f.time)
        span.max = Math.max(span.max, f.time)
      }
    }
    const out: CorrelationState[] = []
    for (const { key, min, max } of spans.values()) {
      for (const row of candidates.all(...key, min - gapMs, max + gapMs) as IncidentRow[]) {
        out.push(incidentFromRow(row))
      }
    }
    return out
  }

  const run = db.transaction((input: IngestInput): IngestResult => {
    const fresh: Finding[] = []
    const replayed: Finding[] = []
    const inBatch = new Set<string>()
    for (const f of input.findings) {
      if (inBatch.has(f.id)) continue
      inBatch.add(f.id)
      if (findingExists.get(f.id) === undefined) fresh.push(f)
      else replayed.push(f)
    }

    const result = correlate({
      incidents: loadCandidates(fresh),
      findings: fresh,
      now: input.now,
      gapMs,
      idTaken: (id) => incidentExists.get(id) !== undefined,
    })
    for (const inc of result.incidents) upsertIncident.run(incidentParams(inc, input.now))
    const incidentOf = new Map(result.links.map((l) => [l.findingId, l.incidentId]))
    for (const f of fresh)
      upsertFinding.run(findingParams(f, incidentOf.get(f.id) ?? null, input.now))
    for (const f of replayed) upsertFinding.run(findingParams(f, null, input.now))

    writeCounters(input.counters)
    writeTimeline(input.timeline)
    if (input.cursor !== null) setCursor.run(input.sourceId, input.cursor, input.now)
    return { changed: result.incidents.map(toSummary), newFindings: fresh.length }
  })

  function writeCounters(counters: readonly MinuteCounter[]): void {
    for (const c of counters) {
      addCounter.run(minuteOf(c.minute), c.entityKind, c.entity, c.requests, c.errors, c.bytes)
    }
  }

  function writeTimeline(buckets: readonly TimelineBucket[]): void {
    for (const b of buckets) {
      const minute = minuteOf(b.start)
      addRequests.run(minute, b.requests)
      for (const [category, count] of Object.entries(b.byCategory)) {
        if (count !== undefined && count !== 0) addCategory.run(minute, category, count)
      }
    }
  }

  // IMMEDIATE: the batch reads incidents and then writes them; taking the write lock first avoids a
  // second writer (the CLI importing into the same file) slipping in between.
  return (input) => run.immediate(input)
}
