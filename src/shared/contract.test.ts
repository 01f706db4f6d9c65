import { describe, expect, it, vi } from 'vitest'
import { API_METHODS, createVigilApi } from './api'
import { CALL_NAMES, channelOf, EVENT_NAMES } from './contract'

describe('contract surface', () => {
  // A change to the IPC surface must show up in review: update this list on purpose.
  it('has exactly these calls and events', () => {
    expect([...CALL_NAMES].sort()).toMatchInlineSnapshot(`
      [
        "app.info",
        "incidents.get",
        "incidents.list",
        "incidents.setStatus",
        "overview.get",
        "rules.status",
        "sources.health",
      ]
    `)
    expect([...EVENT_NAMES].sort()).toMatchInlineSnapshot(`
      [
        "incidents.changed",
        "rules.changed",
        "sources.changed",
        "threat.changed",
        "timeline.appended",
      ]
    `)
  })

  it('window.vigil has one named function per call and nothing generic', () => {
    expect(Object.values(API_METHODS).sort()).toEqual([...CALL_NAMES].sort())
    const api = createVigilApi({ invoke: vi.fn(), subscribe: vi.fn() })
    expect(Object.keys(api).sort()).toEqual([...Object.keys(API_METHODS), 'on'].sort())
    expect(Object.isFrozen(api)).toBe(true)
    expect(api).not.toHaveProperty('invoke')
    expect(api).not.toHaveProperty('send')
  })

  it('calls go to their own channel and events need a known name', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: [] }))
    const unsubscribe = vi.fn()
    const subscribe = vi.fn(() => unsubscribe)
    const api = createVigilApi({ invoke, subscribe })
    await api.listIncidents({ limit: 3 })
    expect(invoke).toHaveBeenCalledWith(channelOf('incidents.list', 'call'), { limit: 3 })
    const off = api.on('threat.changed', () => undefined)
    expect(subscribe).toHaveBeenCalledWith(
      channelOf('threat.changed', 'event'),
      expect.any(Function),
    )
    off()
    expect(unsubscribe).toHaveBeenCalled()
    expect(() => api.on('nope' as never, () => undefined)).toThrow(/Unknown event/)
  })
})
