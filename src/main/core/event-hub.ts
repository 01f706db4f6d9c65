// One emit path for push events. Events are coalesced and flushed at most every 500 ms, so a burst of
// batches becomes one update per event type instead of a flood over IPC.
import { channelOf, type EventName, type Events } from '../../shared/contract'
import type { IncidentSummary, TimelineBucket } from '../../shared/model'

export type EventListener = (channel: string, payload: unknown) => void

export interface EventHub {
  /** Queues an event; merged with pending ones of the same name and sent on the next flush. */
  emit<E extends EventName>(name: E, payload: Events[E]): void
  subscribe(listener: EventListener): () => void
  /** Sends whatever is pending now (tests, shutdown). */
  flush(): void
  dispose(): void
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
}

function mergeById(
  a: readonly IncidentSummary[],
  b: readonly IncidentSummary[],
): IncidentSummary[] {
  const m = new Map(a.map((i) => [i.id, i]))
  for (const i of b) m.set(i.id, i)
  return [...m.values()]
}

function mergeByStart(
  a: readonly TimelineBucket[],
  b: readonly TimelineBucket[],
): TimelineBucket[] {
  const m = new Map(a.map((x) => [x.start, x]))
  for (const x of b) m.set(x.start, x)
  return [...m.values()].sort((x, y) => x.start - y.start)
}

/** Creates the hub; `intervalMs` is the minimum gap between flushes. */
export function createEventHub(intervalMs = 500, timers: Timers = realTimers): EventHub {
  const listeners = new Set<EventListener>()
  const pending = new Map<EventName, unknown>()
  let timer: unknown = null
  let lastFlush = 0
  let disposed = false

  const flush = (): void => {
    if (timer !== null) timers.clearTimeout(timer)
    timer = null
    lastFlush = Date.now()
    const batch = [...pending.entries()]
    pending.clear()
    for (const [name, payload] of batch) {
      for (const l of listeners) l(channelOf(name, 'event'), payload)
    }
  }

  return {
    emit(name, payload) {
      if (disposed) return
      const prev = pending.get(name)
      if (prev !== undefined && name === 'incidents.changed') {
        pending.set(name, mergeById(prev as IncidentSummary[], payload as IncidentSummary[]))
      } else if (prev !== undefined && name === 'timeline.appended') {
        pending.set(name, mergeByStart(prev as TimelineBucket[], payload as TimelineBucket[]))
      } else pending.set(name, payload)
      if (timer === null) {
        const wait = Math.max(0, intervalMs - (Date.now() - lastFlush))
        timer = timers.setTimeout(flush, wait)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    flush,
    dispose() {
      disposed = true
      if (timer !== null) timers.clearTimeout(timer)
      timer = null
      pending.clear()
      listeners.clear()
    },
  }
}
