// The IPC contract: one type map of calls, one of push events, and the zod schema of every call's input.
// Main (dispatch), preload (window.vigil) and the renderer all derive from this file. Adding a call here
// is the only way to add one; contract.test.ts snapshots the surface so every change shows in review.
import { z } from 'zod'
import {
  INCIDENT_STATUSES,
  type IncidentDetail,
  type IncidentStatus,
  type IncidentSummary,
  type Role,
  type SourceHealth,
  type ThreatLevel,
  type TimelineBucket,
} from './model'

export interface AppInfo {
  readonly version: string
  readonly mode: 'demo' | 'live' | 'review'
  /** Shown in the banner: how to leave demo mode. */
  readonly demoHint: string | null
  readonly actor: string
  readonly role: Role
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
}

/** Push events, named as facts. Delivered batched, at most every 500 ms. */
export interface Events {
  'incidents.changed': readonly IncidentSummary[]
  'threat.changed': ThreatLevel
  'sources.changed': readonly SourceHealth[]
  'timeline.appended': readonly TimelineBucket[]
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

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids are letters, digits and . _ : -')
const empty = z.strictObject({})

/** Input schemas. Strict objects: an unknown key is an error, so nothing unvalidated reaches the core. */
export const callSchemas = {
  'app.info': empty,
  'overview.get': z.strictObject({
    timelineMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  'incidents.list': z.strictObject({
    limit: z.number().int().min(1).max(1000),
    status: z.enum(INCIDENT_STATUSES).optional(),
    beforeUpdatedAt: z.number().int().nonnegative().optional(),
  }),
  'incidents.get': z.strictObject({ id }),
  'incidents.setStatus': z.strictObject({
    id,
    status: z.enum(INCIDENT_STATUSES),
    reason: z.string().trim().min(1).max(2000),
  }),
  'sources.health': empty,
} satisfies { [K in CallName]: z.ZodType<CallInput<K>> }

/** Which role may make each call. Checked in dispatch, so every transport gets it. */
export const callRoles: { readonly [K in CallName]: Role } = {
  'app.info': 'viewer',
  'overview.get': 'viewer',
  'incidents.list': 'viewer',
  'incidents.get': 'viewer',
  'incidents.setStatus': 'responder',
  'sources.health': 'viewer',
}

export const CALL_NAMES = Object.keys(callSchemas) as CallName[]
export const EVENT_NAMES: readonly EventName[] = [
  'incidents.changed',
  'threat.changed',
  'sources.changed',
  'timeline.appended',
]

/** The IPC channel for a call or event; the prefix lets main refuse anything that is not Vigil's. */
export const channelOf = (name: CallName | EventName, kind: 'call' | 'event'): string =>
  `vigil:${kind}:${name}`
