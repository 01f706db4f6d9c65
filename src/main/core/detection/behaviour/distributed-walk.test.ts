import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createDistributedWalkDetector } from './distributed-walk'

const T0 = Date.UTC(2026, 8, 17, 13, 0, 0)
const PROXIES = ['143.198.248.254', '172.105.211.7', '45.33.20.8', '139.162.4.1']

const read = (ip: string, minute: number, id: number, consumer: string): RequestRecord =>
  recordAt(T0, minute, { ip, path: `/m/v3/social/traders/${id}`, status: 200, consumer })

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createDistributedWalkDetector(), reqs, 'behaviour.distributed-walk')

describe('distributed walk', () => {
  it('names every proxy of a scraper reading profiles in order, a few accounts taking turns', () => {
    const reqs = Array.from({ length: 36 }, (_, i) =>
      read(PROXIES[i % 4] as string, i * 2.5, 2_031_490 + i + Math.floor(i / 5), `cust_${i % 5}`),
    )
    // people opening popular profiles meanwhile
    const people = Array.from({ length: 40 }, (_, i) =>
      read(`24.64.${i}.9`, i * 2, 1_000_000 + ((i * 7_919) % 90_000), `cust_p${i}`),
    )
    expect(named([...reqs, ...people].sort((a, b) => a.time - b.time))).toEqual(new Set(PROXIES))
  })

  it('stays quiet for owners each reading the confirmation of their own new order', () => {
    // order numbers climb as orders are placed; each owner reads theirs, one or two each
    const reqs = Array.from({ length: 60 }, (_, i) =>
      recordAt(T0, i * 0.5, {
        ip: `70.${i % 40}.3.9`,
        path: `/api/v2/orders/${880_100 + i}/confirmation`,
        status: 200,
        consumer: `cust_${i % 40}`,
      }),
    )
    expect(named(reqs).size).toBe(0)
  })

  it('breaks the chain at a pause longer than ten minutes', () => {
    const reqs = Array.from({ length: 36 }, (_, i) =>
      read(PROXIES[i % 4] as string, i * 11, 2_031_490 + i, `cust_${i % 3}`),
    )
    expect(named(reqs).size).toBe(0)
  })
})
