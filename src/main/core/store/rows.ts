// Mapping between SQLite rows and the domain types. JSON columns are parsed here and nowhere else.
import type {
  Category,
  EntityKind,
  Finding,
  FindingKind,
  Highlight,
  IncidentStatus,
  IncidentSummary,
  Severity,
} from '../../../shared/model'
import { MAX_LISTED, type CorrelationState } from '../correlation/correlate'

export interface IncidentRow {
  id: string
  title: string
  category: string
  severity: string
  confidence: number
  status: string
  entity_kind: string
  entity: string
  first_seen: number
  last_seen: number
  finding_count: number
  rule_confidence: string
  routes: string
  created_at: number
  updated_at: number
}

export interface FindingRow {
  id: string
  incident_id: string | null
  kind: string
  source_id: string
  record_id: string
  line: number | null
  time: number
  category: string
  severity: string
  rule: string
  ip: string | null
  consumer: string | null
  route: string | null
  field: string
  evidence: string
  highlights: string
  decoded: string | null
  confidence: number
  details: string
  ingested_at: number
}

/** Row → the incident with what correlation needs. */
export function incidentFromRow(r: IncidentRow): CorrelationState {
  const ruleConfidence = JSON.parse(r.rule_confidence) as [string, number][]
  return {
    id: r.id,
    title: r.title,
    category: r.category as Category,
    severity: r.severity as Severity,
    confidence: r.confidence,
    status: r.status as IncidentStatus,
    entityKind: r.entity_kind as EntityKind,
    entity: r.entity,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    findingCount: r.finding_count,
    rules: ruleConfidence.slice(0, MAX_LISTED).map(([rule]) => rule),
    routes: JSON.parse(r.routes) as string[],
    updatedAt: r.updated_at,
    ruleConfidence,
  }
}

/** Drops correlation's extra fields, leaving what crosses IPC. */
export function toSummary(s: CorrelationState): IncidentSummary {
  return {
    id: s.id,
    title: s.title,
    category: s.category,
    severity: s.severity,
    confidence: s.confidence,
    status: s.status,
    entityKind: s.entityKind,
    entity: s.entity,
    firstSeen: s.firstSeen,
    lastSeen: s.lastSeen,
    findingCount: s.findingCount,
    rules: s.rules,
    routes: s.routes,
    updatedAt: s.updatedAt,
  }
}

/** Named parameters for the incident upsert. */
export function incidentParams(s: CorrelationState, now: number): Record<string, unknown> {
  return {
    id: s.id,
    title: s.title,
    category: s.category,
    severity: s.severity,
    confidence: s.confidence,
    status: s.status,
    entity_kind: s.entityKind,
    entity: s.entity,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    finding_count: s.findingCount,
    rule_confidence: JSON.stringify(s.ruleConfidence),
    routes: JSON.stringify(s.routes),
    created_at: now,
    updated_at: s.updatedAt,
  }
}

/** Named parameters for the finding upsert. */
export function findingParams(
  f: Finding,
  incidentId: string | null,
  now: number,
): Record<string, unknown> {
  return {
    id: f.id,
    incident_id: incidentId,
    kind: f.kind,
    source_id: f.ref.sourceId,
    record_id: f.ref.recordId,
    line: f.ref.line,
    time: f.time,
    category: f.category,
    severity: f.severity,
    rule: f.rule,
    ip: f.ip,
    consumer: f.consumer,
    route: f.route,
    field: f.field,
    evidence: f.evidence,
    highlights: JSON.stringify(f.highlights),
    decoded: f.decoded,
    confidence: f.confidence,
    details: JSON.stringify(f.details),
    ingested_at: now,
  }
}

/** Row → Finding. */
export function findingFromRow(r: FindingRow): Finding {
  return {
    id: r.id,
    kind: r.kind as FindingKind,
    ref: { sourceId: r.source_id, recordId: r.record_id, line: r.line },
    time: r.time,
    category: r.category as Category,
    severity: r.severity as Severity,
    rule: r.rule,
    ip: r.ip,
    consumer: r.consumer,
    route: r.route,
    field: r.field,
    evidence: r.evidence,
    highlights: JSON.parse(r.highlights) as Highlight[],
    decoded: r.decoded,
    confidence: r.confidence,
    details: JSON.parse(r.details) as Record<string, number | string>,
  }
}
