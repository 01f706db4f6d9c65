// Derived views of the store. Components select the least they need; arrays go through useShallow.
import type { IncidentSummary } from '../../../shared/model'
import type { StatusFilter, VigilState } from './store'

const byNewestUpdate = (a: IncidentSummary, b: IncidentSummary): number =>
  b.updatedAt - a.updatedAt || b.lastSeen - a.lastSeen || (a.id < b.id ? -1 : 1)

const matchesStatus = (i: IncidentSummary, filter: StatusFilter): boolean =>
  filter === 'all' ||
  (filter === 'active' ? i.status === 'open' || i.status === 'acknowledged' : i.status === filter)

const matchesQuery = (i: IncidentSummary, q: string): boolean =>
  q === '' ||
  [i.title, i.entity, i.category, ...i.rules, ...i.routes].some((f) => f.toLowerCase().includes(q))

/** Incident ids that pass the list's filters, newest updated first. Use with useShallow. */
export const selectIncidentIds = (s: VigilState): string[] => {
  const q = s.incidentQuery.trim().toLowerCase()
  return Object.values(s.incidents)
    .filter((i) => matchesStatus(i, s.incidentStatus) && matchesQuery(i, q))
    .sort(byNewestUpdate)
    .map((i) => i.id)
}

/** How many incidents the store holds, filtered or not. */
export const selectIncidentTotal = (s: VigilState): number => Object.keys(s.incidents).length

export const selectIncident =
  (id: string) =>
  (s: VigilState): IncidentSummary | undefined =>
    s.incidents[id]

export const selectLatestError = (s: VigilState) => s.errors[s.errors.length - 1] ?? null

/** Attack categories present in the timeline window, in a stable order (for series and colours). */
export const selectTimelineCategories = (s: VigilState): string[] => {
  const seen = new Set<string>()
  for (const b of s.timeline) for (const [c, n] of Object.entries(b.byCategory)) if (n) seen.add(c)
  return [...seen].sort()
}
