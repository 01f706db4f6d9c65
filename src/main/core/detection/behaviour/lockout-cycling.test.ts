import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createLockoutCyclingDetector } from './lockout-cycling'

const T0 = Date.UTC(2026, 1, 1, 4, 0, 0)

function pin(ip: string, minute: number, status: number, device = 'd-c5451c8fe54cd439') {
  return recordAt(T0, minute, {
    method: 'POST',
    path: '/mobile/v3/auth/mpin/verify',
    ip,
    status,
    body: JSON.stringify({ device_id: device, mpin: '****' }),
  })
}

/** Five wrong PINs from one address, then the lock. */
function burst(ip: string, minute: number, device?: string): RequestRecord[] {
  return [
    ...Array.from({ length: 5 }, (_, i) => pin(ip, minute + i * 0.05, 401, device)),
    pin(ip, minute + 0.3, 423, device),
  ]
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createLockoutCyclingDetector(), reqs, 'behaviour.lockout-cycling')

describe('lockout cycling', () => {
  it("names every address that guessed a stolen phone's PIN up to the lock, lock after lock", () => {
    const ips = ['2409:40f2:a889:b48e::1', '2409:40c0:b788:3cc4::2', '2409:40cd:9498:b9ff::3']
    const reqs = ips.flatMap((ip, i) => burst(ip, i * 36))
    // a fourth burst while it lasts is named too
    reqs.push(...burst('2409:40d8:f29e:abca::4', 190))
    expect(named(reqs)).toEqual(new Set([...ips, '2409:40d8:f29e:abca::4']))
  })

  it('stays quiet for a holder locked out once or twice, and for one meeting a lock at the first try', () => {
    const holder = [...burst('49.36.1.2', 0, 'd-1'), ...burst('49.36.1.2', 120, 'd-1')]
    // the guesses' victim, refused at once three times while the lock holds
    const victim = [
      ...burst('2409:40f2::1', 0, 'd-2'),
      ...burst('2409:40c0::2', 40, 'd-2'),
      pin('106.51.2.3', 41, 423, 'd-2'),
      pin('106.51.2.3', 42, 423, 'd-2'),
      pin('106.51.2.3', 43, 423, 'd-2'),
    ]
    expect(named([...holder, ...victim]).size).toBe(0)
  })
})
