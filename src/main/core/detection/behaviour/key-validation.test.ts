import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createKeyValidationDetector } from './key-validation'

const T0 = Date.UTC(2026, 8, 18, 14, 0, 0)
const KEY = [{ name: 'x-api-key', value: 'REDACTED' }]

function call(ip: string, minute: number, status: number, consumer: string | null = null) {
  return recordAt(T0, minute, {
    path: '/v2/user/profile',
    ip,
    status,
    consumer,
    headers: KEY,
  })
}

function named(reqs: RequestRecord[]) {
  const d = createKeyValidationDetector()
  const out = new Set<string | null>()
  for (const r of reqs.sort((a, b) => a.time - b.time)) {
    const s = d.observe(r)
    if (!s) continue
    expect(s.rule).toBe('behaviour.key-validation')
    out.add(r.ip)
    for (const a of s.accomplices ?? []) out.add(a.ip)
  }
  return out
}

describe('leaked key validation', () => {
  it('names every address of a /64 sorting a dump of keys', () => {
    // forty addresses of one server's /64, four keys each, one in eight accepted as another customer
    const reqs: RequestRecord[] = []
    for (let a = 0; a < 40; a++)
      for (let k = 0; k < 4; k++) {
        const n = a * 4 + k
        const ok = n % 8 === 3
        reqs.push(
          call(
            `2a01:4f8:c012:5d7e:${(a + 1).toString(16)}::9`,
            n * 1.5,
            ok ? 200 : 401,
            ok ? `cust-${n}` : null,
          ),
        )
      }
    const out = named(reqs)
    expect(out.size).toBe(40)
  })

  it('stays quiet for a cron job whose key was revoked, and for a tool acting for many users', () => {
    const cron = Array.from({ length: 150 }, (_, i) => call('44.202.70.236', i * 5, 401))
    // the tool's servers: thirty users' keys accepted all day, two users who revoked access refused
    const tool: RequestRecord[] = []
    for (let i = 0; i < 600; i++)
      tool.push(
        call('54.145.182.90', i, i % 20 < 2 ? 401 : 200, i % 20 < 2 ? null : `user-${i % 30}`),
      )
    // a developer fixing their own key
    const dev = [
      ...Array.from({ length: 25 }, (_, i) => call('2601:8af:d698:2855::e567', i, 401)),
      ...Array.from({ length: 5 }, (_, i) =>
        call('2601:8af:d698:2855::e567', 30 + i, 200, 'dev-1'),
      ),
    ]
    expect(named([...cron, ...tool, ...dev]).size).toBe(0)
  })
})
