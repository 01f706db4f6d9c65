// The IPC contract: one type map of calls, one of push events, and the zod schema of every call's input.
// Main (dispatch), preload (window.vigil) and the renderer all derive from this file; the zod schemas of
// the inputs sit beside it in call-schemas.ts (kept apart so preload and renderer bundle no zod).
// contract.test.ts snapshots the surface so every change shows in review.
import type {
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  Role,
  SourceHealth,
  ThreatLevel,
  TimelineBucket,
} from './model'

export interface AppInfo {
  readonly version: string
  readonly mode: 'demo' | 'live' | 'review'
  /** Shown in the banner: how to leave demo mode. */
  readonly demoHint: string | null
  readonly actor: string
  readonly role: Role
}

/** The detection rules in force: the built-in pack and the user's custom folder (hot-reloaded). */
export interface RulesStatus {
  readonly builtin: number
  readonly custom: number
  readonly customDir: string | null
  readonly loadedAt: number
  /** Why the last load of the custom rules was refused (file named); the previous set stays in force. */
  readonly lastError: string | null
}

export interface Overview {
  readonly threat: ThreatLevel
  readonly sources: readonly SourceHealth[]
  readonly timeline: readonly TimelineBucket[]
  readonly incidents: readonly IncidentSummary[]
}

/** Every call: its input and output. Names are `noun.verb`. */
export interface Calls {
  'app.info': { input: Record<string, never>; output: AppInfo }
  'overview.get': { input: { timelineMinutes: number }; output: Overview }
  'incidents.list': {
    input: { limit: number; status?: IncidentStatus; beforeUpdatedAt?: number }
    output: readonly IncidentSummary[]
  }
  'incidents.get': { input: { id: string }; output: IncidentDetail }
  'incidents.setStatus': {
    input: { id: string; status: IncidentStatus; reason: string }
    output: IncidentSummary
  }
  'sources.health': { input: Record<string, never>; output: readonly SourceHealth[] }
  'rules.status': { input: Record<string, never>; output: RulesStatus }
}

/** Push events, named as facts. Delivered batched, at most every 500 ms. */
export interface Events {
  'incidents.changed': readonly IncidentSummary[]
  'threat.changed': ThreatLevel
  'sources.changed': readonly SourceHealth[]
  'timeline.appended': readonly TimelineBucket[]
  'rules.changed': RulesStatus
}

export type CallName = keyof Calls
export type EventName = keyof Events
export type CallInput<K extends CallName> = Calls[K]['input']
export type CallOutput<K extends CallName> = Calls[K]['output']

export const ERROR_CODES = [
  'invalid-input',
  'unknown-call',
  'forbidden',
  'not-found',
  'conflict',
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]
export interface CallError {
  readonly code: ErrorCode
  readonly message: string
}
export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CallError }

export const CALL_NAMES: readonly CallName[] = [
  'app.info',
  'overview.get',
  'incidents.list',
  'incidents.get',
  'incidents.setStatus',
  'sources.health',
  'rules.status',
]
export const EVENT_NAMES: readonly EventName[] = [
  'incidents.changed',
  'threat.changed',
  'sources.changed',
  'timeline.appended',
  'rules.changed',
]

/** The IPC channel for a call or event; the prefix lets main refuse anything that is not Vigil's. */
export const channelOf = (name: CallName | EventName, kind: 'call' | 'event'): string =>
  `vigil:${kind}:${name}`
