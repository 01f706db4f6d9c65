// The store's interface: everything Vigil keeps, in one SQLite file (better-sqlite3, WAL). Synchronous
// like better-sqlite3 itself; every write method runs in one transaction.
import type {
  AuditEntry,
  Finding,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  MinuteCounter,
  TimelineBucket,
} from '../../../shared/model'

export interface AuditAppend {
  /** `local:<os user>` until operators sign in. */
  readonly actor: string
  readonly action: string
  readonly target: string
  readonly reason: string
  readonly outcome: AuditEntry['outcome']
  readonly details?: Readonly<Record<string, unknown>>
}

export interface AuditVerdict {
  readonly ok: boolean
  readonly entries: number
  /** seq of the first entry whose hash or link does not hold. */
  readonly brokenAt: number | null
  readonly why: string | null
}

export interface QuarantinedBatch {
  readonly sourceId: string
  readonly seq: number
  readonly at: number
  readonly reason: string
  readonly records: number
}

export interface IngestResult {
  /** Incidents created or changed by this ingest (for the push to the renderer). */
  readonly changed: readonly IncidentSummary[]
  readonly newFindings: number
}

export interface Store {
  readonly path: string
  /**
   * Stores a processed batch at once: findings (upserted by id), the incidents they form or extend,
   * per-minute counters, timeline buckets, and the source's cursor. All or nothing.
   * Findings are idempotent; counters and timeline buckets are added, so ingest each batch exactly once
   * (its cursor moves in the same transaction, which is what makes that hold across crashes).
   */
  ingest(input: {
    readonly sourceId: string
    readonly findings: readonly Finding[]
    readonly counters: readonly MinuteCounter[]
    readonly timeline: readonly TimelineBucket[]
    readonly cursor: string | null
    readonly now: number
  }): IngestResult
  cursor(sourceId: string): string | null
  listIncidents(q: {
    readonly limit: number
    readonly status?: IncidentStatus
    readonly beforeUpdatedAt?: number
  }): IncidentSummary[]
  /** Open, acknowledged and contained incidents (what the threat level is derived from). */
  activeIncidents(): IncidentSummary[]
  getIncident(id: string, findingLimit?: number): IncidentDetail | null
  /** Changes status and appends the audit entry in the same transaction. Throws on a forbidden transition. */
  setIncidentStatus(
    id: string,
    status: IncidentStatus,
    audit: AuditAppend,
    now: number,
  ): IncidentSummary
  timeline(since: number): TimelineBucket[]
  counters(q: {
    readonly entityKind: MinuteCounter['entityKind']
    readonly entity: string
    readonly since: number
  }): MinuteCounter[]
  /** Sets a batch aside and, when given, moves the source's cursor past it, in one transaction. */
  quarantine(
    batch: QuarantinedBatch & { readonly payload: string; readonly cursor?: string | null },
  ): void
  quarantined(sourceId?: string): QuarantinedBatch[]
  appendAudit(entry: AuditAppend, now: number): AuditEntry
  audit(q: { readonly limit: number; readonly afterSeq?: number }): AuditEntry[]
  verifyAudit(): AuditVerdict
  /** Model snapshots handed over by the worker (Isolation Forest, baselines). */
  saveSnapshot(name: string, data: string, now: number): void
  loadSnapshot(name: string): string | null
  close(): void
}
