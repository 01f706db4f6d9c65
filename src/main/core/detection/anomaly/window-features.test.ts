import { describe, expect, it } from 'vitest'
import {
  computeWindowFeatures,
  hasSpecialQueryCharacters,
  WINDOW_FEATURE_NAMES,
  type WindowRequest,
} from './window-features'

const T0 = Date.UTC(2026, 2, 10, 0, 0, 0)
const req = (over: Partial<WindowRequest>): WindowRequest => ({
  time: T0,
  ip: '10.0.0.1',
  path: '/api/v1/quotes',
  status: 200,
  bytes: 100,
  latencyMs: 10,
  query: '',
  ...over,
})

describe('computeWindowFeatures', () => {
  it('computes every feature for one window', () => {
    const rows = computeWindowFeatures([
      req({ query: 'symbol=ABC&limit=10' }),
      req({ path: '/api/v1/orders', status: 404, bytes: 300, latencyMs: 30, query: 'q=a%20b' }),
      req({
        path: '/api/v1/orders',
        status: 500,
        bytes: null,
        latencyMs: null,
        time: T0 + 599_999,
      }),
      req({ status: 401, bytes: 200, latencyMs: 20, query: 'note=x+y' }),
    ])
    expect(rows).toHaveLength(1)
    const r = rows[0]!
    expect(r.ip).toBe('10.0.0.1')
    expect(r.windowStart).toBe(T0)
    expect(r.requests).toBe(4)
    const byName = Object.fromEntries(WINDOW_FEATURE_NAMES.map((n, i) => [n, r.values[i]]))
    expect(byName).toEqual({
      rate_per_min: 0.4,
      error_ratio: 0.75,
      distinct_paths: 2,
      distinct_path_ratio: 0.5,
      mean_bytes: 200,
      mean_latency_ms: 20,
      special_query_share: 0.5,
      not_found_ratio: 0.25,
    })
  })

  it('splits by ip and epoch-aligned window, ordered by window then ip', () => {
    const rows = computeWindowFeatures(
      [
        req({ ip: '10.0.0.9', time: T0 + 61_000 }),
        req({ ip: '10.0.0.2', time: T0 + 60_000 }),
        req({ ip: '10.0.0.2', time: T0 - 1 }),
      ],
      { windowMs: 60_000 },
    )
    expect(rows.map((r) => [r.ip, r.windowStart - T0])).toEqual([
      ['10.0.0.2', -60_000],
      ['10.0.0.2', 60_000],
      ['10.0.0.9', 60_000],
    ])
    expect(rows[0]!.values[0]).toBe(1)
  })

  it('uses 0 for means when no request has the value, and rejects a bad window', () => {
    const [r] = computeWindowFeatures([req({ bytes: null, latencyMs: null, status: null })])
    expect(r!.values[4]).toBe(0)
    expect(r!.values[5]).toBe(0)
    expect(r!.values[1]).toBe(0)
    expect(() => computeWindowFeatures([], { windowMs: 0 })).toThrow(/windowMs/)
    expect(computeWindowFeatures([])).toEqual([])
  })
})

describe('hasSpecialQueryCharacters', () => {
  it('treats letters, digits, = & - . _ ~ as plain and anything else as special', () => {
    expect(hasSpecialQueryCharacters('')).toBe(false)
    expect(hasSpecialQueryCharacters('a=1&b=x-y_z.w~v')).toBe(false)
    for (const q of ['a=%41', 'a=b+c', "a='", 'a=(1)', 'a=<', 'a=b c', 'a=\u00e9', 'a=/x']) {
      expect(hasSpecialQueryCharacters(q)).toBe(true)
    }
  })
})
