import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createKeyGuessingDetector } from './key-guessing'

const T0 = Date.UTC(2026, 2, 24, 8, 40, 0)

const call = (minute: number, ip: string, key: string, status: number) =>
  recordAt(T0, minute, {
    ip,
    path: '/partner/v1/accounts/MZKE0000001/balances',
    status,
    headers: [{ name: 'apikey', value: key }],
  })
const key = (i: number) => `pk_live_${(0xf01b1a3b + i * 7919).toString(16)}1543f9fdde83a846`

function named(reqs: ReturnType<typeof call>[]) {
  const d = createKeyGuessingDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('slow API-key guessing', () => {
  it('names an address presenting key after key, each refused, a few an hour', () => {
    const s = named(Array.from({ length: 10 }, (_, i) => call(i * 15, '51.77.136.44', key(i), 401)))
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.slow-key-guessing')
    expect(s[0]!.category).toBe('bruteforce')
  })

  it('stays quiet for a partner sending its rotated key, a redacted key, and an address whose key works', () => {
    expect(
      named([
        ...Array.from({ length: 20 }, (_, i) => call(i * 5, '196.201.1.1', key(0), 401)),
        ...Array.from({ length: 10 }, (_, i) => call(i * 5, '196.201.1.2', 'REDACTED', 401)),
        // a partner's job trying its keys, one of them the live one, before every run
        ...Array.from({ length: 12 }, (_, i) =>
          call(i * 5, '196.201.1.3', i % 4 === 3 ? key(99) : key(i % 4), i % 4 === 3 ? 200 : 401),
        ),
      ]),
    ).toEqual([])
  })
})
