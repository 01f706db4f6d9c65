// Applies numbered migrations and guards the ones already applied. The sha256 of each migration's sql is
// recorded when it runs; a later open that finds a different hash refuses, because a silently edited
// migration would leave databases in the field with schemas no one can name.
import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3'
import type { Migration } from './migrations/migration'

/** sha256 (hex) of a migration's sql, as recorded in `_migrations`. */
export function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql, 'utf8').digest('hex')
}

/** Label used in messages, e.g. `0001-initial`. */
export function migrationLabel(m: { readonly id: number; readonly name: string }): string {
  return `${String(m.id).padStart(4, '0')}-${m.name}`
}

interface AppliedRow {
  id: number
  name: string
  sha256: string
}

/**
 * Checks applied migrations against `migrations` and runs the missing ones, each in its own transaction.
 * Throws when an applied migration changed, or when the database knows migrations this build does not.
 * Returns the ids it applied.
 */
export function applyMigrations(
  db: Database.Database,
  migrations: readonly Migration[],
  now: number,
): number[] {
  checkOrder(migrations)
  db.exec(`CREATE TABLE IF NOT EXISTS _migrations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`)
  const applied = db
    .prepare('SELECT id, name, sha256 FROM _migrations ORDER BY id')
    .all() as AppliedRow[]
  const known = new Map(migrations.map((m) => [m.id, m]))
  const newest = migrations.at(-1)?.id ?? 0

  for (const row of applied) {
    const m = known.get(row.id)
    if (m === undefined) {
      throw new Error(
        `The database's schema is newer than this version of Vigil: it has migration ` +
          `${migrationLabel(row)}, and this version knows migrations up to ${newest}. ` +
          `Open it with a newer Vigil.`,
      )
    }
    const hash = migrationHash(m)
    if (hash !== row.sha256) {
      throw new Error(
        `Migration ${migrationLabel(m)} was changed after it was applied to this database ` +
          `(recorded sha256 ${row.sha256.slice(0, 12)}…, this build has ${hash.slice(0, 12)}…). ` +
          `An applied migration must never be edited; add a new numbered migration instead.`,
      )
    }
  }

  const done = new Set(applied.map((r) => r.id))
  const record = db.prepare(
    'INSERT INTO _migrations (id, name, sha256, applied_at) VALUES (?, ?, ?, ?)',
  )
  const isApplied = db.prepare('SELECT 1 FROM _migrations WHERE id = ?').pluck()
  const run = db.transaction((m: Migration): boolean => {
    // Checked again under the write lock: another process opening the same new file may have run it.
    if (isApplied.get(m.id) !== undefined) return false
    db.exec(m.sql)
    record.run(m.id, m.name, migrationHash(m), now)
    // user_version mirrors the newest applied migration for tools that only read the header.
    db.pragma(`user_version = ${m.id}`)
    return true
  })
  const ran: number[] = []
  for (const m of migrations) {
    if (!done.has(m.id) && run.immediate(m)) ran.push(m.id)
  }
  return ran
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.id !== i + 1) {
      throw new Error(
        `Migration ${migrationLabel(m)} is out of sequence: expected id ${i + 1}. ` +
          `Migrations are numbered 1, 2, 3… without gaps.`,
      )
    }
  })
}
