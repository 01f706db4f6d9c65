// The audit trail as a hash chain. Each entry's hash covers its own fields and the previous entry's
// hash, so editing, deleting or reordering a stored entry breaks the chain from that point on:
//
//   hash_n = sha256(hash_{n-1} + canonicalJson({ seq, at, actor, action, target, reason, outcome, details }))
//   hash_0 = 64 zeros (the prevHash of entry 1)
//
// canonicalJson sorts object keys at every depth and has no whitespace, so the hash does not depend on how
// an object was built. The chain makes tampering evident, not impossible: whoever can write the file can
// rebuild the whole chain. Anchoring the head elsewhere (a log line, the server) is future work.
//
// `details` is stored in clear and must never hold secrets: callers pass redacted values (no tokens,
// passwords, keys or Authorization headers), because the trail is exported and shown to reviewers.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { AuditEntry } from '../../../shared/model'
import type { AuditAppend, AuditVerdict } from './store'

export const GENESIS_HASH = '0'.repeat(64)

/** JSON with object keys sorted at every depth and no whitespace; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  // The round trip applies JSON's own rules first (toJSON, undefined, NaN → null), so what is hashed is
  // exactly what can be stored and read back.
  const plain: unknown = JSON.parse(JSON.stringify(value ?? null))
  return JSON.stringify(sortKeys(plain))
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k])
    return out
  }
  return v
}

/** The hash of one entry given the previous entry's hash. */
export function auditHash(prevHash: string, e: Omit<AuditEntry, 'prevHash' | 'hash'>): string {
  const body = canonicalJson({
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target,
    reason: e.reason,
    outcome: e.outcome,
    details: e.details,
  })
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex')
}

interface AuditRow {
  seq: number
  at: number
  actor: string
  action: string
  target: string
  reason: string
  outcome: AuditEntry['outcome']
  details: string
  prev_hash: string
  hash: string
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    reason: r.reason,
    outcome: r.outcome,
    details: JSON.parse(r.details) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }
}

/** Appends one entry at the head of the chain. Call inside a write transaction so the head cannot move. */
export function appendAuditEntry(db: Database.Database, a: AuditAppend, now: number): AuditEntry {
  const head = db.prepare('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined
  const details = JSON.parse(canonicalJson(a.details ?? {})) as Record<string, unknown>
  const base = {
    seq: (head?.seq ?? 0) + 1,
    at: now,
    actor: a.actor,
    action: a.action,
    target: a.target,
    reason: a.reason,
    outcome: a.outcome,
    details,
  }
  const prevHash = head?.hash ?? GENESIS_HASH
  const entry: AuditEntry = { ...base, prevHash, hash: auditHash(prevHash, base) }
  db.prepare(
    `INSERT INTO audit (seq, at, actor, action, target, reason, outcome, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.target,
    entry.reason,
    entry.outcome,
    canonicalJson(entry.details),
    entry.prevHash,
    entry.hash,
  )
  return entry
}

/** Entries in chain order, `afterSeq` exclusive. */
export function readAudit(
  db: Database.Database,
  q: { readonly limit: number; readonly afterSeq?: number },
): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(q.afterSeq ?? 0, q.limit) as AuditRow[]
  return rows.map(toEntry)
}

/** Walks the whole chain and names the first entry where it breaks. Reads only. */
export function verifyAuditChain(db: Database.Database): AuditVerdict {
  let prevHash = GENESIS_HASH
  let expected = 1
  let entries = 0
  const broken = (seq: number, why: string): AuditVerdict => ({
    ok: false,
    entries,
    brokenAt: seq,
    why,
  })

  for (const row of db
    .prepare('SELECT * FROM audit ORDER BY seq')
    .iterate() as Iterable<AuditRow>) {
    if (row.seq !== expected) {
      return broken(expected, `entry ${expected} is missing (the next stored entry is ${row.seq})`)
    }
    if (row.prev_hash !== prevHash) {
      return broken(
        row.seq,
        `its link to the entry before does not match (that entry was changed, removed or reordered)`,
      )
    }
    let details: unknown
    try {
      details = JSON.parse(row.details)
    } catch {
      return broken(row.seq, 'its details are not valid JSON (the entry was edited)')
    }
    const recomputed = auditHash(prevHash, {
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      reason: row.reason,
      outcome: row.outcome,
      details: details as Record<string, unknown>,
    })
    if (recomputed !== row.hash) {
      return broken(row.seq, 'its contents do not match its hash (the entry was edited)')
    }
    prevHash = row.hash
    expected += 1
    entries += 1
  }

  // AUTOINCREMENT remembers the highest seq ever written, which exposes a chain cut short at the end.
  const highest = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").get() as
    { seq: number } | undefined
  if (highest !== undefined && highest.seq >= expected) {
    return broken(
      expected,
      `entries ${expected} to ${highest.seq} are missing (the newest entries were deleted)`,
    )
  }
  return { ok: true, entries, brokenAt: null, why: null }
}
