import { useEffect } from 'react'
import { DemoBanner } from './components/DemoBanner'
import { ErrorStrip } from './components/ErrorStrip'
import { TopBar } from './components/TopBar'
import { useT } from './i18n'
import { loadAppInfo, loadOverview, loadRulesStatus, reportError } from './state/actions'
import { useVigil } from './state/store'
import { wireEvents } from './state/wire-events'
import { OverviewPage } from './views/OverviewPage'

export function App() {
  const t = useT()
  const loaded = useVigil((s) => s.loaded)

  useEffect(() => {
    let unwire = (): void => {}
    try {
      // Subscribe before loading, so nothing pushed while the overview is in flight is lost.
      unwire = wireEvents(window.vigil)
    } catch (err) {
      reportError(err instanceof Error ? err.message : String(err))
    }
    void loadAppInfo()
    void loadOverview()
    void loadRulesStatus()
    return unwire
  }, [])

  return (
    <div className="app" aria-busy={!loaded}>
      <TopBar />
      <DemoBanner />
      <ErrorStrip />
      <OverviewPage />
      {!loaded && <div className="loading-line">{t('app.loading')}</div>}
    </div>
  )
}
