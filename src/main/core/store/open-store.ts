// Opens (or creates) a Vigil database and implements the Store over it. One connection, synchronous like
// better-sqlite3 itself; WAL lets the CLI read a database the app is writing.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import type {
  Category,
  IncidentDetail,
  IncidentSummary,
  MinuteCounter,
  TimelineBucket,
} from '../../../shared/model'
import { DEFAULT_GAP_MS } from '../correlation/correlate'
import { appendAuditEntry, readAudit, verifyAuditChain } from './audit-chain'
import { createIngest, minuteOf, prepareCursorUpsert } from './ingest-batch'
import { createSetIncidentStatus } from './incident-status'
import { applyMigrations } from './migrate'
import { MIGRATIONS } from './migrations'
import type { Migration } from './migrations/migration'
import {
  findingFromRow,
  incidentFromRow,
  toSummary,
  type FindingRow,
  type IncidentRow,
} from './rows'
import type { QuarantinedBatch, Store } from './store'

export interface OpenStoreOptions {
  /** Clock for bookkeeping the caller does not time itself (when migrations ran). */
  readonly now?: () => number
  /** Correlation's gap window, ms. */
  readonly gapMs?: number
  /** The migrations to apply; tests pass their own, the app uses the built-in list. */
  readonly migrations?: readonly Migration[]
}

// Long enough to outlast a checkpoint or the CLI's import, short enough that a stuck writer surfaces.
const BUSY_TIMEOUT_MS = 5_000
const DEFAULT_FINDING_LIMIT = 100

/** Opens the database at `path` (created if missing), applies pending migrations, returns the Store. */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const now = opts.now ?? Date.now
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path)
  try {
    // First, so that switching to WAL and migrating wait for another process instead of failing.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.pragma('journal_mode = WAL')
    // NORMAL is durable across application crashes in WAL mode; only a power loss can drop the last commit.
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    applyMigrations(db, opts.migrations ?? MIGRATIONS, now())
  } catch (err) {
    db.close()
    throw err
  }
  return createStore(db, path, opts.gapMs ?? DEFAULT_GAP_MS)
}

function createStore(db: Database.Database, path: string, gapMs: number): Store {
  const ingest = createIngest(db, gapMs)
  const setIncidentStatus = createSetIncidentStatus(db)
  const cursorOf = db.prepare('SELECT cursor FROM cursors WHERE source_id = ?').pluck()
  const incidentById = db.prepare('SELECT * FROM incidents WHERE id = ?')
  const findingsOf = db.prepare(
    'SELECT * FROM findings WHERE incident_id = ? ORDER BY time DESC, id DESC LIMIT ?',
  )
  const active = db.prepare(
    `SELECT * FROM incidents WHERE status IN ('open', 'acknowledged', 'contained')
     ORDER BY updated_at DESC, id DESC`,
  )
  const timelineRows = db.prepare(
    'SELECT minute, requests FROM timeline WHERE minute >= ? ORDER BY minute',
  )
  const timelineCategories = db.prepare(
    'SELECT minute, category, count FROM timeline_categories WHERE minute >= ?',
  )
  const counterRows = db.prepare(
    `SELECT minute, entity_kind, entity, requests, errors, bytes FROM minute_counters
     WHERE entity_kind = ? AND entity = ? AND minute >= ? ORDER BY minute`,
  )
  const putQuarantine = db.prepare(
    `INSERT OR REPLACE INTO quarantine (source_id, seq, at, reason, records, payload)
     VALUES (?, ?, ?, ?, ?, ?)`,
  )
  const quarantineColumns = 'SELECT source_id, seq, at, reason, records FROM quarantine'
  const quarantineAll = db.prepare(`${quarantineColumns} ORDER BY at DESC, seq DESC`)
  const quarantineOf = db.prepare(
    `${quarantineColumns} WHERE source_id = ? ORDER BY at DESC, seq DESC`,
  )
  const putSnapshot = db.prepare(
    `INSERT INTO snapshots (name, data, at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET data = excluded.data, at = excluded.at`,
  )
  const snapshotOf = db.prepare('SELECT data FROM snapshots WHERE name = ?').pluck()
  const putCursor = prepareCursorUpsert(db)
  // The batch is set aside and the source moves past it in one transaction: a crash in between would
  // otherwise feed the same poisoned batch to the detector again.
  const quarantineWithCursor = db.transaction((b: Parameters<Store['quarantine']>[0]) => {
    putQuarantine.run(b.sourceId, b.seq, b.at, b.reason, b.records, b.payload)
    if (b.cursor !== undefined && b.cursor !== null) putCursor.run(b.sourceId, b.cursor, b.at)
  })
  // IMMEDIATE takes the write lock before reading the chain's head, so two writers cannot both extend it.
  const appendAudit = db.transaction(appendAuditEntry.bind(null, db))

  const summaries = (rows: unknown[]): IncidentSummary[] =>
    (rows as IncidentRow[]).map((r) => toSummary(incidentFromRow(r)))

  return {
    path,
    ingest,
    cursor: (sourceId) => (cursorOf.get(sourceId) as string | undefined) ?? null,

    listIncidents(q) {
      const where: string[] = []
      const params: unknown[] = []
      if (q.status !== undefined) {
        where.push('status = ?')
        params.push(q.status)
      }
      if (q.beforeUpdatedAt !== undefined) {
        where.push('updated_at < ?')
        params.push(q.beforeUpdatedAt)
      }
      const sql =
        'SELECT * FROM incidents' +
        (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
        ' ORDER BY updated_at DESC, id DESC LIMIT ?'
      return summaries(db.prepare(sql).all(...params, Math.max(0, Math.floor(q.limit))))
    },

    activeIncidents: () => summaries(active.all()),

    getIncident(id, findingLimit = DEFAULT_FINDING_LIMIT): IncidentDetail | null {
      const row = incidentById.get(id) as IncidentRow | undefined
      if (row === undefined) return null
      const findings = (findingsOf.all(id, Math.max(0, findingLimit)) as FindingRow[]).map(
        findingFromRow,
      )
      return { incident: toSummary(incidentFromRow(row)), findings }
    },

    setIncidentStatus,

    timeline(since) {
      const from = minuteOf(since)
      const byMinute = new Map<number, Partial<Record<Category, number>>>()
      for (const r of timelineCategories.all(from) as {
        minute: number
        category: Category
        count: number
      }[]) {
        const m = byMinute.get(r.minute) ?? {}
        m[r.category] = r.count
        byMinute.set(r.minute, m)
      }
      return (timelineRows.all(from) as { minute: number; requests: number }[]).map(
        (r): TimelineBucket => ({
          start: r.minute,
          requests: r.requests,
          byCategory: byMinute.get(r.minute) ?? {},
        }),
      )
    },

    counters(q) {
      return (
        counterRows.all(q.entityKind, q.entity, minuteOf(q.since)) as {
          minute: number
          entity_kind: MinuteCounter['entityKind']
          entity: string
          requests: number
          errors: number
          bytes: number
        }[]
      ).map((r) => ({
        minute: r.minute,
        entityKind: r.entity_kind,
        entity: r.entity,
        requests: r.requests,
        errors: r.errors,
        bytes: r.bytes,
      }))
    },

    quarantine(b) {
      quarantineWithCursor(b)
    },

    quarantined(sourceId) {
      const rows = (sourceId === undefined ? quarantineAll.all() : quarantineOf.all(sourceId)) as {
        source_id: string
        seq: number
        at: number
        reason: string
        records: number
      }[]
      return rows.map((r): QuarantinedBatch => ({
        sourceId: r.source_id,
        seq: r.seq,
        at: r.at,
        reason: r.reason,
        records: r.records,
      }))
    },

    appendAudit: (entry, at) => appendAudit.immediate(entry, at),
    audit: (q) => readAudit(db, q),
    verifyAudit: () => verifyAuditChain(db),
    saveSnapshot(name, data, at) {
      putSnapshot.run(name, data, at)
    },
    loadSnapshot: (name) => (snapshotOf.get(name) as string | undefined) ?? null,
    close() {
      if (db.open) db.close()
    },
  }
}
