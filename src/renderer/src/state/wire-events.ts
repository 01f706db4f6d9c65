// The one place push events reach the store. Returns a function that unsubscribes them all.
import type { VigilApi } from '../../../shared/api'
import { loadIncident, reportError } from './actions'
import { mergeIncidents, mergeTimeline } from './merge'
import { useVigil } from './store'

/** Subscribes the store to the core's push events. */
export function wireEvents(api: VigilApi): () => void {
  const offs = [
    api.on('incidents.changed', (changed) => {
      useVigil.setState((s) => ({ incidents: mergeIncidents(s.incidents, changed) }))
      // The open detail panel follows its incident: new findings show without reselecting.
      const selected = useVigil.getState().selectedId
      if (selected !== null && changed.some((i) => i.id === selected)) void loadIncident(selected)
    }),
    api.on('threat.changed', (threat) => useVigil.setState({ threat })),
    api.on('sources.changed', (sources) => useVigil.setState({ sources })),
    api.on('rules.changed', (rules) => useVigil.setState({ rules })),
    api.on('timeline.appended', (buckets) =>
      useVigil.setState((s) => ({ timeline: mergeTimeline(s.timeline, buckets) })),
    ),
  ]
  return () => {
    for (const off of offs) {
      try {
        off()
      } catch (err) {
        reportError(err instanceof Error ? err.message : String(err))
      }
    }
  }
}
