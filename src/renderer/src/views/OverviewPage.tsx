import { EventsTimeline } from '../components/EventsTimeline'
import { IncidentDetailPanel } from '../components/IncidentDetailPanel'
import { IncidentList } from '../components/IncidentList'
import { SourceHealthPanel } from '../components/SourceHealthPanel'
import { ThreatGauge } from '../components/ThreatGauge'

/** The first page: threat level, traffic, source health, and the live incident list with its detail. */
export function OverviewPage() {
  return (
    <main className="overview">
      <ThreatGauge />
      <EventsTimeline />
      <SourceHealthPanel />
      <IncidentList />
      <IncidentDetailPanel />
    </main>
  )
}
