import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
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

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createKeyValidationDetector(), reqs, 'behaviour.key-validation')

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

  it('names a host sorting stolen sessions, however long it stays in the ones that work', () => {
    // Authorization logged redacted and a session header, 24 refused; five that worked, each used for a
    // profile, the holdings and the funds after it
    const session = (i: number) => [
      { name: 'authorization', value: 'REDACTED' },
      { name: 'x-app-session', value: `h:${(i * 7919).toString(16).padStart(12, '0')}` },
    ]
    const reqs: RequestRecord[] = []
    let m = 0
    for (let i = 0; i < 29; i++) {
      const ok = i % 6 === 5
      reqs.push({
        ...call('64.227.150.126', m++, ok ? 200 : 401, ok ? `DR${i}` : null),
        headers: session(i),
      })
      if (ok)
        for (let k = 0; k < 2; k++)
          reqs.push({ ...call('64.227.150.126', m++, 200, `DR${i}`), headers: session(i) })
    }
    expect(named(reqs)).toEqual(new Set(['64.227.150.126']))
  })

  it('counts live keys that the service refused as the customers they belong to', () => {
    // Kong knew every key (it named the consumer); the service refused them all
    const reqs = Array.from({ length: 22 }, (_, i) =>
      call('20.207.124.110', i, 403, `connect:k${i}`),
    )
    expect(named(reqs)).toEqual(new Set(['20.207.124.110']))
  })

  it('stays quiet for an office where one browser polls all night with its expired session', () => {
    const office = '81.2.69.160'
    const reqs: RequestRecord[] = []
    // five colleagues at work, each accepted
    for (let i = 0; i < 50; i++)
      reqs.push({
        ...call(office, i * 2, 200, `staff-${i % 5}`),
        headers: [{ name: 'authorization', value: 'REDACTED' }],
      })
    // a dashboard left open, refused every 30 s: behind a redacted Authorization, then with the
    // gateway logging its (one) session fingerprint
    for (let i = 0; i < 120; i++)
      reqs.push({
        ...call(office, i * 0.5, 401),
        headers: [{ name: 'authorization', value: 'REDACTED' }],
      })
    for (let i = 0; i < 120; i++)
      reqs.push({
        ...call(office, 60 + i * 0.5, 401),
        headers: [
          { name: 'authorization', value: 'REDACTED' },
          { name: 'x-session-fp', value: 'c45b88f0399b9eb8' },
        ],
      })
    expect(named(reqs).size).toBe(0)
  })

  it('stays quiet for a carrier NAT whose many customers mistype now and then', () => {
    const reqs: RequestRecord[] = []
    for (let i = 0; i < 900; i++)
      reqs.push(
        call('174.205.12.86', i / 8, i % 30 === 0 ? 401 : 200, i % 30 === 0 ? null : `c-${i % 70}`),
      )
    expect(named(reqs).size).toBe(0)
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
