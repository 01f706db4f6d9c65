import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VigilApi } from '../../../shared/api'
import type { Overview } from '../../../shared/contract'
import type { IncidentSummary } from '../../../shared/model'
import { loadIncident, loadOverview, selectIncident } from './actions'
import { initialState, useVigil } from './store'

const incident: IncidentSummary = {
  id: 'inc-1',
  title: 'SQL injection from 203.0.113.7',
  category: 'sqli',
  severity: 'high',
  confidence: 0.9,
  status: 'open',
  entityKind: 'ip',
  entity: '203.0.113.7',
  firstSeen: 1,
  lastSeen: 2,
  findingCount: 1,
  rules: ['sqli.union-select'],
  routes: [],
  updatedAt: 2,
}

const overview: Overview = {
  threat: { score: 40, band: 'elevated', at: 5, openIncidents: 1, top: [] },
  sources: [],
  timeline: [{ start: 0, requests: 60, byCategory: { sqli: 1 } }],
  incidents: [incident],
}

function install(api: Partial<VigilApi>): void {
  ;(globalThis as { window?: unknown }).window = { vigil: api }
}

describe('actions', () => {
  beforeEach(() => useVigil.setState(initialState, true))
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window
  })

  it('loads the overview into the store', async () => {
    install({ getOverview: async () => ({ ok: true, value: overview }) })
    await loadOverview()
    const s = useVigil.getState()
    expect(s.loaded).toBe(true)
    expect(s.threat?.score).toBe(40)
    expect(s.incidents['inc-1']?.title).toBe(incident.title)
    expect(s.errors).toEqual([])
  })

  it('turns { ok: false } into an error line and keeps going', async () => {
    install({
      getOverview: async () => ({
        ok: false,
        error: { code: 'unavailable', message: 'store is busy' },
      }),
    })
    await loadOverview()
    const s = useVigil.getState()
    expect(s.loaded).toBe(true)
    expect(s.errors.map((e) => e.message)).toEqual(['overview.get failed: store is busy'])
  })

  it('turns a broken transport into an error line, never a throw', async () => {
    install({
      getIncident: async () => {
        throw new Error('channel closed')
      },
    })
    useVigil.setState({ selectedId: 'inc-1' })
    await expect(loadIncident('inc-1')).resolves.toBeUndefined()
    expect(useVigil.getState().errors[0]?.message).toContain('channel closed')
    expect(useVigil.getState().detailLoading).toBe(false)
  })

  it('ignores an answer for an incident that is no longer selected', async () => {
    let answer: (v: unknown) => void = () => {}
    install({
      getIncident: () =>
        new Promise((resolve) => {
          answer = resolve as (v: unknown) => void
        }),
    })
    selectIncident('inc-1')
    selectIncident('inc-2')
    answer({ ok: true, value: { incident, findings: [] } })
    await Promise.resolve()
    expect(useVigil.getState().selectedId).toBe('inc-2')
    expect(useVigil.getState().detail).toBeNull()
  })

  it('does not flood the error strip with the same message', async () => {
    install({
      getOverview: async () => ({ ok: false, error: { code: 'unavailable', message: 'busy' } }),
    })
    await loadOverview()
    await loadOverview()
    expect(useVigil.getState().errors).toHaveLength(1)
  })
})
