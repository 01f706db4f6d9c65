import { createHash } from 'node:crypto'

/** Deterministic finding id: short SHA-256 of (sourceId, recordId, rule), so a replay upserts. */
export function findingId(sourceId: string, recordId: string, rule: string): string {
  return createHash('sha256')
    .update(`${sourceId}\u0000${recordId}\u0000${rule}`)
    .digest('hex')
    .slice(0, 20)
}
