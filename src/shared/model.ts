// The domain types every process agrees on. No electron or node imports here: the renderer type-checks
// against this file too. Types are readonly because they cross process boundaries as copies.

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Rank of a severity, 0 (info) to 4 (critical), for sorting and comparisons. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s)
}

/** The finding categories of the scan contract (docs/ARCHITECTURE.md). Anything else is `other`. */
export const CATEGORIES = [
  'sqli',
  'xss',
  'traversal',
  'rce',
  'log4shell',
  'ssrf',
  'scanner',
  'bruteforce',
  'credential-stuffing',
  'enumeration',
  'rate-spike',
  'anomaly',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]

export type FindingKind = 'signature' | 'behaviour' | 'anomaly'

/** Where a finding's request came from: the source, its stable record id and, for files, its 1-based line. */
export interface RecordRef {
  readonly sourceId: string
  /** Stable id of the record within its source (Kong request id, ES _id, or `line:<n>` for files). */
  readonly recordId: string
  readonly line: number | null
}

/** Character range in `Finding.evidence` that matched, for highlighting (rendered as text, never HTML). */
export interface Highlight {
  readonly start: number
  readonly end: number
}

export interface Finding {
  /** Deterministic: hash of (sourceId, recordId, rule). Re-processing a record upserts, never duplicates. */
  readonly id: string
  readonly kind: FindingKind
  readonly ref: RecordRef
  /** Time of the request (UTC epoch ms). */
  readonly time: number
  readonly category: Category
  readonly severity: Severity
  /** Rule id, `category.slug` for signatures (`behaviour.*`, `anomaly.*` for the others). */
  readonly rule: string
  readonly ip: string | null
  readonly consumer: string | null
  readonly route: string | null
  /** Where in the request the evidence sits: `query:<name>`, `header:<name>`, `body`, `path`, `window`. */
  readonly field: string
  /** At most 200 characters, secrets redacted. */
  readonly evidence: string
  readonly highlights: readonly Highlight[]
  /** The payload after decoding (URL, entities, NFKC…), redacted; null when it equals the evidence. */
  readonly decoded: string | null
  /** 0..1: how sure the detector is. Behaviour and anomaly findings below the print threshold stay in summaries. */
  readonly confidence: number
  /** For behaviour/anomaly findings: the numbers that drove it (feature → value), else empty. */
  readonly details: Readonly<Record<string, number | string>>
}

export const INCIDENT_STATUSES = [
  'open',
  'acknowledged',
  'contained',
  'resolved',
  'false-positive',
] as const
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]

/** Allowed status transitions (the incident workflow). Reopening is explicit. */
export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  open: ['acknowledged', 'contained', 'resolved', 'false-positive'],
  acknowledged: ['open', 'contained', 'resolved', 'false-positive'],
  contained: ['open', 'resolved'],
  resolved: ['open'],
  'false-positive': ['open'],
}

/** What an incident is about: the client address when known, else the consumer, else the route. */
export type EntityKind = 'ip' | 'consumer' | 'route'

export interface IncidentSummary {
  readonly id: string
  readonly title: string
  readonly category: Category
  readonly severity: Severity
  readonly confidence: number
  readonly status: IncidentStatus
  readonly entityKind: EntityKind
  readonly entity: string
  readonly firstSeen: number
  readonly lastSeen: number
  readonly findingCount: number
  readonly rules: readonly string[]
  readonly routes: readonly string[]
  readonly updatedAt: number
}

export interface IncidentDetail {
  readonly incident: IncidentSummary
  /** Most recent first, capped (the incident's findingCount says how many exist). */
  readonly findings: readonly Finding[]
}

export const THREAT_BANDS = ['low', 'guarded', 'elevated', 'high', 'severe'] as const
export type ThreatBand = (typeof THREAT_BANDS)[number]

export interface ThreatLevel {
  /** 0..100, derived from active incidents (docs/threat-level.md gives the formula). */
  readonly score: number
  readonly band: ThreatBand
  readonly at: number
  readonly openIncidents: number
  /** The incidents that weigh most, heaviest first. */
  readonly top: readonly { readonly incidentId: string; readonly weight: number }[]
}

/** Input sources, plus `detector`: the detection worker shows in source health too, since an officer must
 * know when what arrives is not being inspected. */
export const SOURCE_KINDS = [
  'demo',
  'file',
  'kong',
  'prometheus',
  'elasticsearch',
  'detector',
] as const
export type SourceKind = (typeof SOURCE_KINDS)[number]
export type SourceState = 'starting' | 'up' | 'degraded' | 'down' | 'stopped'

export interface SourceHealth {
  readonly id: string
  readonly kind: SourceKind
  readonly name: string
  readonly state: SourceState
  /** Plain sentence, never a stack, never a secret. */
  readonly lastError: string | null
  readonly lastEventAt: number | null
  /** How far behind real time the newest processed record is, ms. */
  readonly lagMs: number | null
  readonly eventsTotal: number
  readonly malformedTotal: number
  readonly quarantinedBatches: number
  readonly nextRetryAt: number | null
}

/** Requests per category in one time bucket, for the events-per-second timeline. */
export interface TimelineBucket {
  readonly start: number
  readonly requests: number
  readonly byCategory: Readonly<Partial<Record<Category, number>>>
}

export type CounterEntity = 'ip' | 'consumer' | 'route'

/** Per-minute traffic counters per entity, kept in the store for impact previews of response actions. */
export interface MinuteCounter {
  readonly minute: number
  readonly entityKind: CounterEntity
  readonly entity: string
  readonly requests: number
  readonly errors: number
  readonly bytes: number
}

export type ActionStep = 'kong' | 'redis' | 'store'
export type ActionOutcome =
  | { readonly status: 'done'; readonly auditId: number }
  | {
      readonly status: 'partial' | 'failed'
      readonly auditId: number
      readonly failedStep: ActionStep
      readonly why: string
    }

export interface AuditEntry {
  readonly seq: number
  readonly at: number
  /** `local:<os user>` until operators sign in. */
  readonly actor: string
  readonly action: string
  readonly target: string
  readonly reason: string
  readonly outcome: 'done' | 'partial' | 'failed' | 'info'
  readonly details: Readonly<Record<string, unknown>>
  readonly prevHash: string
  readonly hash: string
}

export type Role = 'viewer' | 'responder' | 'admin'
