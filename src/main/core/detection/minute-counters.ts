// Per-minute traffic counters per ip, consumer and route, accumulated over one batch and handed out with it.
import type { CounterEntity, MinuteCounter } from '../../../shared/model'
import type { RequestRecord } from './request-record'

export interface MinuteCounters {
  add(r: RequestRecord): void
  /** Returns the counters gathered since the last drain and starts afresh. */
  drain(): MinuteCounter[]
}

/** Creates an accumulator of per-minute counters. */
export function createMinuteCounters(): MinuteCounters {
  let acc = new Map<
    string,
    {
      minute: number
      entityKind: CounterEntity
      entity: string
      requests: number
      errors: number
      bytes: number
    }
  >()
  const bump = (
    minute: number,
    kind: CounterEntity,
    entity: string | null,
    r: RequestRecord,
  ): void => {
    if (entity === null || entity === '') return
    const key = `${minute}|${kind}|${entity}`
    let c = acc.get(key)
    if (!c) {
      c = { minute, entityKind: kind, entity, requests: 0, errors: 0, bytes: 0 }
      acc.set(key, c)
    }
    c.requests++
    if (r.status !== null && r.status >= 400) c.errors++
    c.bytes += (r.requestBytes ?? 0) + (r.responseBytes ?? 0)
  }
  return {
    add(r) {
      const minute = Math.floor(r.time / 60_000) * 60_000
      bump(minute, 'ip', r.ip, r)
      bump(minute, 'consumer', r.consumer, r)
      bump(minute, 'route', r.route, r)
    },
    drain() {
      const out = [...acc.values()]
      acc = new Map()
      return out
    },
  }
}
