// Builds `window.vigil` from a transport. Preload passes Electron's ipcRenderer, the E2E page a binding to
// the same dispatch: one function, so the two cannot drift. Named functions only, never a generic invoke.
import {
  channelOf,
  EVENT_NAMES,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type Events,
  type Result,
} from './contract'

export interface Transport {
  invoke(channel: string, payload: unknown): Promise<unknown>
  /** Returns an unsubscribe function. The listener gets the payload only, never the transport's event. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/** The method names on window.vigil, each bound to one call of the contract. */
export const API_METHODS = {
  appInfo: 'app.info',
  getOverview: 'overview.get',
  listIncidents: 'incidents.list',
  getIncident: 'incidents.get',
  setIncidentStatus: 'incidents.setStatus',
  getSourceHealth: 'sources.health',
  getRulesStatus: 'rules.status',
} as const satisfies Record<string, CallName>

type Methods = {
  readonly [M in keyof typeof API_METHODS]: (
    input: CallInput<(typeof API_METHODS)[M]>,
  ) => Promise<Result<CallOutput<(typeof API_METHODS)[M]>>>
}

export interface VigilApi extends Methods {
  on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void
}

/** Creates the renderer-facing API over a transport. */
export function createVigilApi(transport: Transport): VigilApi {
  const methods = Object.fromEntries(
    Object.entries(API_METHODS).map(([method, call]) => [
      method,
      (input: unknown) => transport.invoke(channelOf(call, 'call'), input),
    ]),
  ) as unknown as Methods
  return Object.freeze({
    ...methods,
    on<E extends EventName>(name: E, listener: (payload: Events[E]) => void): () => void {
      if (!EVENT_NAMES.includes(name)) throw new Error(`Unknown event "${String(name)}"`)
      return transport.subscribe(channelOf(name, 'event'), (p) => listener(p as Events[E]))
    },
  })
}
