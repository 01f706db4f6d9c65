import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runAuditVerify } from '../../src/main/cli/audit-verify'
import { GENESIS_HASH, auditHash, canonicalJson } from '../../src/main/core/store/audit-chain'
import { openStore } from '../../src/main/core/store/open-store'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

let dir: string
let file: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-store-audit-'))
  file = join(dir, 'vigil.db')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A database with `n` audit entries, closed again. */
function seed(n: number): void {
  const s = openStore(file)
  for (let i = 1; i <= n; i++) {
    s.appendAudit(
      {
        actor: 'local:officer',
        action: i % 2 === 0 ? 'response.blockIp' : 'incident.status',
        target: `203.0.113.${i}`,
        reason: `entry ${i}`,
        outcome: 'done',
        details: { ttlMs: 3_600_000, nested: { b: 2, a: [1, { z: true, y: null }] } },
      },
      T0 + i,
    )
  }
  s.close()
}

function tamper(sql: string): void {
  const db = new Database(file)
  try {
    db.exec(sql)
  } finally {
    db.close()
  }
}

function verdict() {
  const s = openStore(file)
  try {
    return s.verifyAudit()
  } finally {
    s.close()
  }
}

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runAuditVerify(args, { out: (l) => out.push(l), err: (l) => err.push(l) })
  return { code, out, err }
}

describe('audit chain', () => {
  it('links each entry to the one before, starting from 64 zeros', () => {
    const s = openStore(file)
    const a = s.appendAudit(
      { actor: 'a', action: 'x', target: 't', reason: 'r', outcome: 'info' },
      1,
    )
    const b = s.appendAudit(
      { actor: 'a', action: 'y', target: 't', reason: 'r', outcome: 'failed', details: { k: 1 } },
      2,
    )
    s.close()
    expect(a.prevHash).toBe(GENESIS_HASH)
    expect(a.details).toEqual({})
    expect(b.prevHash).toBe(a.hash)
    expect(b.hash).toBe(auditHash(a.hash, { ...b }))
    expect(b.seq).toBe(2)
  })

  it('continues across reopen and reads back in order', () => {
    seed(3)
    seed(2)
    const s = openStore(file)
    expect(s.audit({ limit: 10 }).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5])
    expect(s.audit({ limit: 2, afterSeq: 3 }).map((e) => e.reason)).toEqual(['entry 1', 'entry 2'])
    s.close()
    expect(verdict()).toEqual({ ok: true, entries: 5, brokenAt: null, why: null })
  })

  it('passes an empty chain', () => {
    openStore(file).close()
    expect(verdict()).toEqual({ ok: true, entries: 0, brokenAt: null, why: null })
  })

  it('detects an edited row', () => {
    seed(5)
    tamper("UPDATE audit SET reason = 'nothing to see' WHERE seq = 3")
    expect(verdict()).toMatchObject({ ok: false, entries: 2, brokenAt: 3 })
    expect(verdict().why).toMatch(/edited/)
  })

  it('detects edited details', () => {
    seed(4)
    tamper(`UPDATE audit SET details = '{"ttlMs":1}' WHERE seq = 2`)
    expect(verdict()).toMatchObject({ ok: false, brokenAt: 2 })
  })

  it('detects an edited row whose own hash was recomputed, at the next entry', () => {
    seed(5)
    const db = new Database(file)
    const row = db.prepare('SELECT * FROM audit WHERE seq = 3').get() as {
      prev_hash: string
      at: number
      actor: string
      action: string
      target: string
      outcome: 'done'
      details: string
    }
    const forged = auditHash(row.prev_hash, {
      seq: 3,
      at: row.at,
      actor: row.actor,
      action: row.action,
      target: row.target,
      reason: 'forged',
      outcome: row.outcome,
      details: JSON.parse(row.details) as Record<string, unknown>,
    })
    db.prepare("UPDATE audit SET reason = 'forged', hash = ? WHERE seq = 3").run(forged)
    db.close()
    expect(verdict()).toMatchObject({ ok: false, brokenAt: 4 })
  })

  it('detects a deleted row in the middle', () => {
    seed(5)
    tamper('DELETE FROM audit WHERE seq = 2')
    const v = verdict()
    expect(v).toMatchObject({ ok: false, brokenAt: 2, entries: 1 })
    expect(v.why).toMatch(/entry 2 is missing/)
  })

  it('detects deleted newest entries', () => {
    seed(5)
    tamper('DELETE FROM audit WHERE seq >= 4')
    const v = verdict()
    expect(v).toMatchObject({ ok: false, brokenAt: 4 })
    expect(v.why).toMatch(/entries 4 to 5 are missing/)
  })

  it('detects reordered rows', () => {
    seed(5)
    tamper(`
      UPDATE audit SET seq = 100 WHERE seq = 2;
      UPDATE audit SET seq = 2 WHERE seq = 3;
      UPDATE audit SET seq = 3 WHERE seq = 100;
    `)
    expect(verdict()).toMatchObject({ ok: false, brokenAt: 2 })
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"e":2,"f":1}]},"b":1}',
    )
  })
})

describe('runAuditVerify', () => {
  it('says the chain is intact and exits 0', async () => {
    seed(3)
    expect(await cli([file])).toEqual({
      code: 0,
      out: ['audit chain intact: 3 entries'],
      err: [],
    })
  })

  it('names the first broken entry and exits 1', async () => {
    seed(4)
    tamper("UPDATE audit SET actor = 'someone-else' WHERE seq = 2")
    const r = await cli([file])
    expect(r.code).toBe(1)
    expect(r.out[0]).toMatch(/^audit chain broken at entry 2: /)
  })

  it('exits 2 with a clear message on a missing file, a non-database and no argument', async () => {
    const missing = await cli([join(dir, 'nope.db')])
    expect(missing.code).toBe(2)
    expect(missing.err[0]).toMatch(/no file at .*nope\.db/)

    const junk = join(dir, 'junk.db')
    writeFileSync(junk, 'this is not sqlite at all, just some text long enough to be a header')
    const notDb = await cli([junk])
    expect(notDb.code).toBe(2)
    expect(notDb.err[0]).toMatch(/cannot verify/)

    const empty = join(dir, 'empty.db')
    new Database(empty).close()
    expect((await cli([empty])).err[0]).toMatch(/not a Vigil database/)

    expect((await cli([])).code).toBe(2)
  })

  it('does not change the file it verifies', async () => {
    seed(2)
    const before = new Database(file, { readonly: true })
    const tablesBefore = before.prepare('SELECT count(*) FROM sqlite_master').pluck().get()
    before.close()
    await cli([file])
    const after = new Database(file, { readonly: true })
    expect(after.prepare('SELECT count(*) FROM sqlite_master').pluck().get()).toBe(tablesBefore)
    after.close()
  })
})
