// Actions are module functions over the store (zustand's "no store actions" practice). Every call goes
// through run(): a { ok: false } result or a broken transport becomes an error line, never a throw.
import type { CallName, Result } from '../../../shared/contract'
import type { IncidentStatus } from '../../../shared/model'
import { LOCALES, t, type Locale } from '../i18n'
import { mergeIncidents, mergeTimeline } from './merge'
import { useVigil, type StatusFilter, type Theme } from './store'

const TIMELINE_MINUTES = 30
const MAX_ERRORS = 5
let nextErrorId = 1

/** Adds a line to the error strip; the same message again only moves its time (no flood). */
export function reportError(message: string): void {
  useVigil.setState((s) => {
    const last = s.errors[s.errors.length - 1]
    const rest = last?.message === message ? s.errors.slice(0, -1) : s.errors
    const entry = {
      id: last?.message === message ? last.id : nextErrorId++,
      message,
      at: Date.now(),
    }
    return { errors: [...rest, entry].slice(-MAX_ERRORS) }
  })
}

export function dismissError(id: number): void {
  useVigil.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }))
}

/** Runs one call; returns its value, or null after reporting why it failed. */
async function run<T>(call: CallName, invoke: () => Promise<Result<T>>): Promise<T | null> {
  try {
    const result = await invoke()
    if (result.ok) return result.value
    reportError(t('error.call', { call, message: result.error.message }))
  } catch (err) {
    reportError(
      t('error.transport', { call, message: err instanceof Error ? err.message : String(err) }),
    )
  }
  return null
}

export async function loadAppInfo(): Promise<void> {
  const info = await run('app.info', () => window.vigil.appInfo({}))
  if (info) useVigil.setState({ info })
}

export async function loadRulesStatus(): Promise<void> {
  const rules = await run('rules.status', () => window.vigil.getRulesStatus({}))
  if (rules) useVigil.setState({ rules })
}

/** Loads threat, sources, timeline and incidents in one call; pushed data that is newer is kept. */
export async function loadOverview(): Promise<void> {
  const overview = await run('overview.get', () =>
    window.vigil.getOverview({ timelineMinutes: TIMELINE_MINUTES }),
  )
  if (!overview) {
    useVigil.setState({ loaded: true })
    return
  }
  useVigil.setState((s) => ({
    loaded: true,
    threat: s.threat && s.threat.at > overview.threat.at ? s.threat : overview.threat,
    sources: overview.sources,
    // Buckets pushed while the call was in flight are newer than the overview's.
    timeline: mergeTimeline(overview.timeline, s.timeline),
    incidents: mergeIncidents(s.incidents, overview.incidents),
  }))
}

/** Loads one incident's findings into the detail panel, unless the selection moved on meanwhile. */
export async function loadIncident(id: string): Promise<void> {
  useVigil.setState((s) => ({ detailLoading: s.detail?.incident.id !== id }))
  const detail = await run('incidents.get', () => window.vigil.getIncident({ id }))
  if (useVigil.getState().selectedId !== id) return
  useVigil.setState((s) => ({
    detail: detail ?? s.detail,
    detailLoading: false,
    incidents: detail ? mergeIncidents(s.incidents, [detail.incident]) : s.incidents,
  }))
}

/** Moves an incident through the workflow; the reason goes to the audit trail. True when it was saved. */
export async function setIncidentStatus(
  id: string,
  status: IncidentStatus,
  reason: string,
): Promise<boolean> {
  const updated = await run('incidents.setStatus', () =>
    window.vigil.setIncidentStatus({ id, status, reason }),
  )
  if (!updated) return false
  useVigil.setState((s) => ({
    incidents: mergeIncidents(s.incidents, [updated]),
    detail: s.detail?.incident.id === id ? { ...s.detail, incident: updated } : s.detail,
  }))
  return true
}

export function selectIncident(id: string | null): void {
  if (useVigil.getState().selectedId === id) return
  useVigil.setState({ selectedId: id, detail: null, detailLoading: id !== null })
  if (id !== null) void loadIncident(id)
}

export function setIncidentFilter(filter: {
  readonly query?: string
  readonly status?: StatusFilter
}): void {
  useVigil.setState((s) => ({
    incidentQuery: filter.query ?? s.incidentQuery,
    incidentStatus: filter.status ?? s.incidentStatus,
  }))
}

const PREFS_KEY = 'vigil.prefs'

function savePreferences(): void {
  const { locale, theme } = useVigil.getState()
  try {
    localStorage.setItem(PREFS_KEY, JSON.stringify({ locale, theme }))
  } catch {
    // Preferences are a convenience; storage may be unavailable.
  }
}

export function setLocale(locale: Locale): void {
  useVigil.setState({ locale })
  document.documentElement.lang = locale
  savePreferences()
}

export function setTheme(theme: Theme): void {
  useVigil.setState({ theme })
  document.documentElement.classList.toggle('theme-light', theme === 'light')
  savePreferences()
}

/** Applies the language and theme saved earlier; English and dark when none were. */
export function restorePreferences(): void {
  let saved: { locale?: unknown; theme?: unknown } = {}
  try {
    saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as typeof saved
  } catch {
    saved = {}
  }
  setLocale(LOCALES.includes(saved.locale as Locale) ? (saved.locale as Locale) : 'en')
  setTheme(saved.theme === 'light' ? 'light' : 'dark')
}
