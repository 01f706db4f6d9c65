// The incident workflow: a status change is checked against INCIDENT_TRANSITIONS and written together
// with its audit entry, so the trail never misses a change and never records one that did not happen.
import type Database from 'better-sqlite3'
import {
  INCIDENT_TRANSITIONS,
  type IncidentStatus,
  type IncidentSummary,
} from '../../../shared/model'
import { appendAuditEntry } from './audit-chain'
import { incidentFromRow, toSummary, type IncidentRow } from './rows'
import type { AuditAppend } from './store'

/** Thrown when an incident id is unknown. */
export class IncidentNotFoundError extends Error {
  readonly code = 'not-found'
  constructor(id: string) {
    super(`There is no incident ${id}.`)
    this.name = 'IncidentNotFoundError'
  }
}

/** Thrown on a move the workflow forbids; the dispatch layer reports it as a conflict. */
export class IncidentTransitionError extends Error {
  readonly code = 'conflict'
  constructor(id: string, from: IncidentStatus, to: IncidentStatus) {
    const allowed = INCIDENT_TRANSITIONS[from]
    super(
      `Incident ${id} cannot move from ${from} to ${to}; from ${from} it can move to ` +
        `${allowed.length > 0 ? allowed.join(', ') : 'nothing'}.`,
    )
    this.name = 'IncidentTransitionError'
  }
}

/** Builds the status-change function; it records `{ from, to }` in the audit entry's details too. */
export function createSetIncidentStatus(
  db: Database.Database,
): (id: string, status: IncidentStatus, audit: AuditAppend, now: number) => IncidentSummary {
  const load = db.prepare('SELECT * FROM incidents WHERE id = ?')
  const update = db.prepare('UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?')
  const change = db.transaction(
    (id: string, status: IncidentStatus, audit: AuditAppend, now: number): IncidentSummary => {
      const row = load.get(id) as IncidentRow | undefined
      if (row === undefined) throw new IncidentNotFoundError(id)
      const current = incidentFromRow(row)
      if (!INCIDENT_TRANSITIONS[current.status].includes(status)) {
        throw new IncidentTransitionError(id, current.status, status)
      }
      update.run(status, now, id)
      appendAuditEntry(
        db,
        { ...audit, details: { ...audit.details, from: current.status, to: status } },
        now,
      )
      return toSummary({ ...current, status, updatedAt: now })
    },
  )
  return (id, status, audit, now) => change.immediate(id, status, audit, now)
}
