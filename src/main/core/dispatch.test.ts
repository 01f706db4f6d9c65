import { describe, expect, it, vi } from 'vitest'
import { CALL_NAMES, type CallName } from '../../shared/contract'
import { callSchemas } from '../../shared/call-schemas'
import { CallFailure, createDispatch, type CallContext, type Handlers } from './dispatch'

const admin: CallContext = { actor: 'local:test', role: 'admin' }

function spyHandlers() {
  const reached: string[] = []
  const handlers = Object.fromEntries(
    CALL_NAMES.map((n) => [
      n,
      (input: unknown) => {
        reached.push(n)
        return { echoed: input }
      },
    ]),
  ) as unknown as Handlers
  return { handlers, reached }
}

/** A payload each call accepts, to mutate from. */
const valid: { readonly [K in CallName]: unknown } = {
  'app.info': {},
  'overview.get': { timelineMinutes: 30 },
  'incidents.list': { limit: 50 },
  'incidents.get': { id: 'inc-1' },
  'incidents.setStatus': { id: 'inc-1', status: 'acknowledged', reason: 'looking into it' },
  'sources.health': {},
  'rules.status': {},
}

function deep(levels: number): unknown {
  let v: unknown = { x: 1 }
  for (let i = 0; i < levels; i++) v = { nested: v }
  return v
}

const hostile = (base: unknown): unknown[] => {
  const b = (base ?? {}) as Record<string, unknown>
  const firstKey = Object.keys(b)[0]
  const withProto = JSON.parse(
    `{"__proto__": {"polluted": true}, ${JSON.stringify(b).slice(1)}`.replace(', }', '}'),
  )
  return [
    undefined,
    null,
    42,
    'a string',
    true,
    [],
    [b],
    () => 1,
    Symbol('s'),
    new Date(),
    { ...b, extra: 1 },
    withProto,
    { ...b, constructor: { prototype: { polluted: true } } },
    { ...b, prototype: {} },
    ...(firstKey ? [{ ...b, [firstKey]: undefined }] : []),
    ...(firstKey ? [{ ...b, [firstKey]: 'x'.repeat(1_000_000) }] : []),
    ...(firstKey ? [{ ...b, [firstKey]: { $gt: '' } }] : []),
    ...(firstKey ? [{ ...b, [firstKey]: [1, 2, 3] }] : []),
    ...(firstKey ? [{ ...b, [firstKey]: NaN }] : []),
    ...(firstKey ? [{ ...b, [firstKey]: -Infinity }] : []),
    deep(10_000),
    { ...b, blob: 'x'.repeat(5_000_000) },
    Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i])),
  ]
}

describe('dispatch', () => {
  it('accepts the valid payload of every call and returns a typed result', async () => {
    const { handlers, reached } = spyHandlers()
    const d = createDispatch(handlers, () => undefined)
    for (const n of CALL_NAMES) {
      const r = await d(n, valid[n], admin)
      expect(r.ok, n).toBe(true)
    }
    expect(reached).toEqual([...CALL_NAMES])
  })

  it('has a schema for exactly the calls of the contract', () => {
    expect(Object.keys(callSchemas).sort()).toEqual([...CALL_NAMES].sort())
  })

  describe.each(CALL_NAMES.filter((n) => Object.keys(valid[n] as object).length > 0))(
    '%s',
    (name) => {
      it('answers every hostile payload with invalid-input and never reaches the handler', async () => {
        const { handlers, reached } = spyHandlers()
        const internal = vi.fn()
        const d = createDispatch(handlers, internal)
        for (const p of hostile(valid[name])) {
          const r = await d(name, p, admin)
          expect(r.ok, `payload ${String(p).slice(0, 40)}`).toBe(false)
          if (!r.ok) {
            expect(r.error.code).toBe('invalid-input')
            expect(r.error.message.length).toBeLessThanOrEqual(300)
          }
        }
        expect(reached).toEqual([])
        expect(internal).not.toHaveBeenCalled()
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      })
    },
  )

  it('refuses extra keys on calls that take no input', async () => {
    const { handlers, reached } = spyHandlers()
    const d = createDispatch(handlers, () => undefined)
    for (const n of ['app.info', 'sources.health', 'rules.status'] as const) {
      const r = await d(n, { sneaky: 1 }, admin)
      expect(r.ok).toBe(false)
    }
    expect(reached).toEqual([])
  })

  it('refuses unknown and prototype-named calls', async () => {
    const { handlers } = spyHandlers()
    const d = createDispatch(handlers, () => undefined)
    for (const n of [
      'nope',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      '',
      'incidents.list ',
    ])
      expect(await d(n, {}, admin)).toEqual({
        ok: false,
        error: { code: 'unknown-call', message: 'unknown call' },
      })
  })

  it('checks the role before the handler runs', async () => {
    const { handlers, reached } = spyHandlers()
    const d = createDispatch(handlers, () => undefined)
    const r = await d('incidents.setStatus', valid['incidents.setStatus'], {
      actor: 'x',
      role: 'viewer',
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(reached).toEqual([])
    expect((await d('incidents.list', { limit: 5 }, { actor: 'x', role: 'viewer' })).ok).toBe(true)
  })

  it('turns a thrown error into a typed error without a stack', async () => {
    const { handlers } = spyHandlers()
    const internal = vi.fn()
    const d = createDispatch(
      {
        ...handlers,
        'incidents.get': () => {
          throw new Error('SQLITE_CORRUPT at /home/officer/.config/vigil/vigil.db')
        },
        'incidents.list': () => {
          throw new CallFailure('unavailable', 'store is busy')
        },
      },
      internal,
    )
    const r = await d('incidents.get', { id: 'a' }, admin)
    expect(r).toEqual({
      ok: false,
      error: { code: 'internal', message: 'internal error; see the app log' },
    })
    expect(internal).toHaveBeenCalledOnce()
    expect(await d('incidents.list', { limit: 1 }, admin)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'store is busy' },
    })
  })
})
