import { describe, expect, it } from 'vitest'
import { channelOf } from '../../shared/contract'
import type { IncidentSummary } from '../../shared/model'
import { createEventHub, type Timers } from './event-hub'

function manualTimers() {
  const due: (() => void)[] = []
  const timers: Timers = { setTimeout: (fn) => due.push(fn), clearTimeout: () => undefined }
  return { timers, fire: () => due.splice(0).forEach((f) => f()), pending: () => due.length }
}

const inc = (id: string, count: number) =>
  ({ id, findingCount: count }) as unknown as IncidentSummary

describe('event hub', () => {
  it('coalesces a burst into one delivery per event, merged', () => {
    const t = manualTimers()
    const hub = createEventHub(500, t.timers)
    const got: [string, unknown][] = []
    hub.subscribe((c, p) => got.push([c, p]))
    hub.emit('incidents.changed', [inc('a', 1), inc('b', 1)])
    hub.emit('incidents.changed', [inc('a', 2)])
    hub.emit('threat.changed', { score: 10 } as never)
    hub.emit('threat.changed', { score: 20 } as never)
    hub.emit('timeline.appended', [{ start: 2, requests: 1, byCategory: {} }])
    hub.emit('timeline.appended', [
      { start: 1, requests: 5, byCategory: {} },
      { start: 2, requests: 9, byCategory: {} },
    ])
    expect(got).toEqual([])
    expect(t.pending()).toBe(1)
    t.fire()
    expect(got).toHaveLength(3)
    const byChannel = Object.fromEntries(got)
    expect(byChannel[channelOf('incidents.changed', 'event')]).toEqual([inc('a', 2), inc('b', 1)])
    expect(byChannel[channelOf('threat.changed', 'event')]).toEqual({ score: 20 })
    expect(byChannel[channelOf('timeline.appended', 'event')]).toEqual([
      { start: 1, requests: 5, byCategory: {} },
      { start: 2, requests: 9, byCategory: {} },
    ])
  })

  it('stops delivering after unsubscribe and after dispose', () => {
    const t = manualTimers()
    const hub = createEventHub(500, t.timers)
    const got: unknown[] = []
    const off = hub.subscribe((_c, p) => got.push(p))
    off()
    hub.emit('threat.changed', { score: 1 } as never)
    t.fire()
    expect(got).toEqual([])
    hub.dispose()
    hub.emit('threat.changed', { score: 2 } as never)
    expect(t.pending()).toBe(0)
  })
})
