// Per-minute traffic counters per ip, consumer and route, accumulated over one batch and handed out with it.
import type { CounterEntity, MinuteCounter } from '../../../shared/model'
import type { RequestRecord } from './request-record'

export interface MinuteCounters {
  add(r: RequestRecord): void
  /** Returns the counters gathered since the last drain and starts afresh. */
  drain(): MinuteCounter[]
}

type Counter = {
  minute: number
  entityKind: CounterEntity
  entity: string
  requests: number
  errors: number
  bytes: number
}

/** One minute's counters, by entity name for each kind (no key strings built per request). */
interface MinuteSlot {
  readonly ip: Map<string, Counter>
  readonly consumer: Map<string, Counter>
  readonly route: Map<string, Counter>
}

/** Creates an accumulator of per-minute counters. */
export function createMinuteCounters(): MinuteCounters {
  // Counters in order of first appearance (the order drain hands them out), and the lookup beside them.
  let out: Counter[] = []
  let minutes = new Map<number, MinuteSlot>()
  let lastMinute = NaN
  let last: MinuteSlot | null = null
  const bump = (
    slot: Map<string, Counter>,
    minute: number,
    kind: CounterEntity,
    entity: string | null,
    r: RequestRecord,
  ): void => {
    if (entity === null || entity === '') return
    let c = slot.get(entity)
    if (!c) {
      c = { minute, entityKind: kind, entity, requests: 0, errors: 0, bytes: 0 }
      slot.set(entity, c)
      out.push(c)
    }
    c.requests++
    if (r.status !== null && r.status >= 400) c.errors++
    c.bytes += (r.requestBytes ?? 0) + (r.responseBytes ?? 0)
  }
  return {
    add(r) {
      const minute = Math.floor(r.time / 60_000) * 60_000
      let slot = minute === lastMinute ? last : minutes.get(minute)
      if (!slot) {
        slot = { ip: new Map(), consumer: new Map(), route: new Map() }
        minutes.set(minute, slot)
      }
      lastMinute = minute
      last = slot
      bump(slot.ip, minute, 'ip', r.ip, r)
      bump(slot.consumer, minute, 'consumer', r.consumer, r)
      bump(slot.route, minute, 'route', r.route, r)
    },
    drain() {
      const drained = out
      out = []
      minutes = new Map()
      lastMinute = NaN
      last = null
      return drained
    },
  }
}
