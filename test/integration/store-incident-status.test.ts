import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  INCIDENT_STATUSES,
  INCIDENT_TRANSITIONS,
  type Finding,
  type IncidentStatus,
} from '../../src/shared/model'
import {
  IncidentNotFoundError,
  IncidentTransitionError,
} from '../../src/main/core/store/incident-status'
import { openStore } from '../../src/main/core/store/open-store'
import type { AuditAppend, Store } from '../../src/main/core/store/store'

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

let dir: string
let s: Store
let incidentId: string

function finding(): Finding {
  return {
    id: 'f-1',
    kind: 'signature',
    ref: { sourceId: 'file', recordId: 'line:1', line: 1 },
    time: T0,
    category: 'traversal',
    severity: 'medium',
    rule: 'traversal.dot-dot-slash',
    ip: '203.0.113.7',
    consumer: null,
    route: '/files',
    field: 'path',
    evidence: '/files/../../etc/passwd',
    highlights: [],
    decoded: null,
    confidence: 0.7,
    details: {},
  }
}

const audit = (reason: string): AuditAppend => ({
  actor: 'local:officer',
  action: 'incident.status',
  target: incidentId,
  reason,
  outcome: 'done',
  details: { ticket: 'SEC-42' },
})

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-store-status-'))
  s = openStore(join(dir, 'vigil.db'))
  const res = s.ingest({
    sourceId: 'file',
    findings: [finding()],
    counters: [],
    timeline: [],
    cursor: null,
    now: T0,
  })
  incidentId = res.changed[0]!.id
})
afterEach(() => {
  s.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Puts the incident in `status` through allowed moves. */
function reach(status: IncidentStatus): void {
  if (status !== 'open') s.setIncidentStatus(incidentId, status, audit('setup'), T0 + 1)
}

describe('setIncidentStatus', () => {
  it('changes the status, updatedAt, and appends the audit entry with from and to', () => {
    const updated = s.setIncidentStatus(incidentId, 'acknowledged', audit('looking'), T0 + 5000)
    expect(updated).toMatchObject({ id: incidentId, status: 'acknowledged', updatedAt: T0 + 5000 })
    expect(s.getIncident(incidentId)?.incident).toEqual(updated)
    const [entry] = s.audit({ limit: 10 })
    expect(entry).toMatchObject({
      seq: 1,
      at: T0 + 5000,
      actor: 'local:officer',
      action: 'incident.status',
      target: incidentId,
      reason: 'looking',
      outcome: 'done',
      details: { ticket: 'SEC-42', from: 'open', to: 'acknowledged' },
    })
    expect(s.verifyAudit().ok).toBe(true)
  })

  for (const from of INCIDENT_STATUSES) {
    for (const to of INCIDENT_STATUSES) {
      const allowed = INCIDENT_TRANSITIONS[from].includes(to)
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        reach(from)
        const entriesBefore = s.audit({ limit: 100 }).length
        if (allowed) {
          expect(s.setIncidentStatus(incidentId, to, audit('move'), T0 + 9).status).toBe(to)
          expect(s.audit({ limit: 100 })).toHaveLength(entriesBefore + 1)
        } else {
          expect(() => s.setIncidentStatus(incidentId, to, audit('move'), T0 + 9)).toThrow(
            IncidentTransitionError,
          )
          expect(s.getIncident(incidentId)?.incident.status).toBe(from)
          expect(s.audit({ limit: 100 })).toHaveLength(entriesBefore)
        }
      })
    }
  }

  it('says which moves are allowed when it refuses one', () => {
    reach('resolved')
    expect(() => s.setIncidentStatus(incidentId, 'contained', audit('x'), T0 + 9)).toThrow(
      /cannot move from resolved to contained; from resolved it can move to open/,
    )
  })

  it('refuses an unknown incident without writing to the audit trail', () => {
    expect(() => s.setIncidentStatus('inc-missing', 'resolved', audit('x'), T0)).toThrow(
      IncidentNotFoundError,
    )
    expect(s.audit({ limit: 10 })).toEqual([])
  })

  it('lets a reopened incident absorb new findings again', () => {
    reach('resolved')
    s.setIncidentStatus(incidentId, 'open', audit('reopen'), T0 + 10)
    const res = s.ingest({
      sourceId: 'file',
      findings: [{ ...finding(), id: 'f-2', time: T0 + 60_000 }],
      counters: [],
      timeline: [],
      cursor: null,
      now: T0 + 20,
    })
    expect(res.changed.map((i) => i.id)).toEqual([incidentId])
    expect(s.verifyAudit()).toMatchObject({ ok: true, entries: 2 })
  })
})
