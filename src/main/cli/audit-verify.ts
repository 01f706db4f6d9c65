// `npm run audit:verify -- <db>`: checks a database's audit chain without changing the file. The database
// is opened read-only and no migration runs, so a reviewer can verify a copy handed to them as it is.
import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { verifyAuditChain } from '../core/store/audit-chain'

interface Output {
  out(line: string): void
  err(line: string): void
}

const consoleOutput: Output = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
}

/** Verifies the audit chain of the database named in `args`; 0 intact, 1 broken, 2 cannot verify. */
export async function runAuditVerify(args: string[], io: Output = consoleOutput): Promise<number> {
  const path = args.find((a) => !a.startsWith('-'))
  if (path === undefined) {
    io.err('usage: audit:verify <database file>')
    return 2
  }
  if (!existsSync(path)) {
    io.err(`cannot verify: there is no file at ${path}`)
    return 2
  }
  let db: Database.Database
  try {
    db = new Database(path, { readonly: true, fileMustExist: true })
  } catch (err) {
    io.err(`cannot verify: ${path} cannot be opened as a database (${message(err)})`)
    return 2
  }
  try {
    const hasAudit = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit'")
      .pluck()
      .get()
    if (hasAudit === undefined) {
      io.err(`cannot verify: ${path} is not a Vigil database (it has no audit table)`)
      return 2
    }
    const verdict = verifyAuditChain(db)
    if (verdict.ok) {
      io.out(`audit chain intact: ${verdict.entries} entries`)
      return 0
    }
    io.out(
      `audit chain broken at entry ${verdict.brokenAt ?? '?'}: ${verdict.why ?? 'unknown reason'}`,
    )
    return 1
  } catch (err) {
    io.err(`cannot verify: reading ${path} failed (${message(err)})`)
    return 2
  } finally {
    db.close()
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
