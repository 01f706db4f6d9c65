// The renderer's one store, in slices (zustand's flux-inspired practice). No actions live here: they are
// module functions in actions.ts, and push events reach the store only through wire-events.ts.
import { create } from 'zustand'
import type { AppInfo, RulesStatus } from '../../../shared/contract'
import type {
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  SourceHealth,
  ThreatLevel,
  TimelineBucket,
} from '../../../shared/model'
import type { Locale } from '../i18n'

export interface AppSlice {
  /** null until app.info answers. */
  readonly info: AppInfo | null
  /** True once the first overview has arrived (or failed): the page stops showing placeholders. */
  readonly loaded: boolean
}

export interface ThreatSlice {
  readonly threat: ThreatLevel | null
}

export interface SourcesSlice {
  readonly sources: readonly SourceHealth[]
  /** The detection rules in force; null until rules.status answers. */
  readonly rules: RulesStatus | null
}

export interface TimelineSlice {
  /** Sorted by start, oldest first, trimmed to the last 30 minutes of data. */
  readonly timeline: readonly TimelineBucket[]
}

export interface IncidentsSlice {
  /** By id; the display order is a selector (newest updated first), not a second copy. */
  readonly incidents: Readonly<Record<string, IncidentSummary>>
}

export interface SelectionSlice {
  readonly selectedId: string | null
  readonly detail: IncidentDetail | null
  readonly detailLoading: boolean
}

export interface UiError {
  readonly id: number
  readonly message: string
  readonly at: number
}

export interface ErrorsSlice {
  /** Newest last; shown as a non-blocking line, never as a dialog. */
  readonly errors: readonly UiError[]
}

export type Theme = 'dark' | 'light'

/** Which incidents the list shows: 'active' is open and acknowledged (what the threat level counts). */
export type StatusFilter = 'all' | 'active' | IncidentStatus

export interface UiSlice {
  readonly locale: Locale
  readonly theme: Theme
  readonly incidentQuery: string
  readonly incidentStatus: StatusFilter
}

export type VigilState = AppSlice &
  ThreatSlice &
  SourcesSlice &
  TimelineSlice &
  IncidentsSlice &
  SelectionSlice &
  ErrorsSlice &
  UiSlice

const appSlice: AppSlice = { info: null, loaded: false }
const threatSlice: ThreatSlice = { threat: null }
const sourcesSlice: SourcesSlice = { sources: [], rules: null }
const timelineSlice: TimelineSlice = { timeline: [] }
const incidentsSlice: IncidentsSlice = { incidents: {} }
const selectionSlice: SelectionSlice = { selectedId: null, detail: null, detailLoading: false }
const errorsSlice: ErrorsSlice = { errors: [] }
const uiSlice: UiSlice = { locale: 'en', theme: 'dark', incidentQuery: '', incidentStatus: 'all' }

export const initialState: VigilState = {
  ...appSlice,
  ...threatSlice,
  ...sourcesSlice,
  ...timelineSlice,
  ...incidentsSlice,
  ...selectionSlice,
  ...errorsSlice,
  ...uiSlice,
}

export const useVigil = create<VigilState>()(() => initialState)
