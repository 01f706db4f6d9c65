import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrationHash } from '../../src/main/core/store/migrate'
import { MIGRATIONS } from '../../src/main/core/store/migrations'
import type { Migration } from '../../src/main/core/store/migrations/migration'
import { openStore } from '../../src/main/core/store/open-store'

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-store-migrations-'))
  file = join(dir, 'vigil.db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** Runs `fn` on a plain connection to the file, as an outside tool (or an attacker) would. */
function raw<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(file)
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

const tables = () =>
  raw((db) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all(),
  )

describe('migrations', () => {
  it('apply on a new file and are recorded with their hash', () => {
    openStore(file, { now: () => 1234 }).close()
    expect(tables()).toEqual(
      expect.arrayContaining([
        '_migrations',
        'audit',
        'cursors',
        'findings',
        'incidents',
        'minute_counters',
        'quarantine',
        'snapshots',
        'timeline',
        'timeline_categories',
      ]),
    )
    const rows = raw((db) => db.prepare('SELECT * FROM _migrations').all())
    expect(rows).toEqual([
      { id: 1, name: 'initial', sha256: migrationHash(MIGRATIONS[0]!), applied_at: 1234 },
    ])
    expect(raw((db) => db.pragma('user_version', { simple: true }))).toBe(1)
    expect(raw((db) => db.pragma('journal_mode', { simple: true }))).toBe('wal')
  })

  it('reopen idempotently and keep the data', () => {
    const s = openStore(file, { now: () => 1 })
    s.saveSnapshot('detector', '{"trees":[]}', 5)
    s.close()
    const again = openStore(file, { now: () => 2 })
    expect(again.loadSnapshot('detector')).toBe('{"trees":[]}')
    again.close()
    openStore(file, { now: () => 3 }).close()
    expect(raw((db) => db.prepare('SELECT id, applied_at FROM _migrations').all())).toEqual([
      { id: 1, applied_at: 1 },
    ])
  })

  it('refuse a database whose applied migration changed, naming it', () => {
    openStore(file).close()
    raw((db) => db.prepare("UPDATE _migrations SET sha256 = 'abc' WHERE id = 1").run())
    expect(() => openStore(file)).toThrow(/Migration 0001-initial was changed after it was applied/)
  })

  it('refuse when this build edited an applied migration', () => {
    openStore(file).close()
    const edited: Migration[] = [{ ...MIGRATIONS[0]!, sql: MIGRATIONS[0]!.sql + '\n-- edited' }]
    expect(() => openStore(file, { migrations: edited })).toThrow(/0001-initial was changed/)
  })

  it('refuse a database with a newer schema than the code knows', () => {
    openStore(file).close()
    raw((db) =>
      db
        .prepare(
          "INSERT INTO _migrations (id, name, sha256, applied_at) VALUES (2, 'future', 'x', 0)",
        )
        .run(),
    )
    expect(() => openStore(file)).toThrow(/newer than this version of Vigil.*0002-future/)
  })

  it('run a later migration on an existing database', () => {
    openStore(file).close()
    const next: Migration = { id: 2, name: 'notes', sql: 'CREATE TABLE notes (body TEXT)' }
    openStore(file, { migrations: [...MIGRATIONS, next] }).close()
    expect(tables()).toContain('notes')
    expect(raw((db) => db.pragma('user_version', { simple: true }))).toBe(2)
  })

  it('roll back a migration that fails, leaving nothing half-applied', () => {
    openStore(file).close()
    const broken: Migration = {
      id: 2,
      name: 'broken',
      sql: 'CREATE TABLE half (x TEXT); CREATE TABLE oops (',
    }
    expect(() => openStore(file, { migrations: [...MIGRATIONS, broken] })).toThrow()
    expect(tables()).not.toContain('half')
    expect(raw((db) => db.prepare('SELECT max(id) FROM _migrations').pluck().get())).toBe(1)
  })

  it('refuse a list with gaps in its numbering', () => {
    const gap: Migration = { id: 3, name: 'skipped', sql: 'SELECT 1' }
    expect(() => openStore(file, { migrations: [...MIGRATIONS, gap] })).toThrow(/out of sequence/)
  })
})
