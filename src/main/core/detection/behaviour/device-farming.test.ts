import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createDeviceFarmingDetector } from './device-farming'

const T0 = Date.UTC(2026, 2, 26, 19, 0, 0)

const signup = (ip: string, minute: number, device: string, email: string): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/v1/onboarding/applications',
    status: 201,
    headers: [{ name: 'x-device-id', value: device }],
    body: JSON.stringify({ email, phone: '+525534148165', first_name: 'A' }),
  })

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createDeviceFarmingDetector(), reqs, 'behaviour.device-farming')

describe('device farming', () => {
  it('names every address one device opened three accounts from', () => {
    const ips = ['148.240.152.30', '189.147.188.151', '187.190.4.2']
    const reqs = ips.map((ip, i) => signup(ip, i * 40, 'dd9765f84f2b', `farm${i}@yopmail.com`))
    expect(named(reqs)).toEqual(new Set(ips))
  })

  it('stays quiet for a family opening two accounts on one phone, and a retried sign-up', () => {
    const reqs = [
      signup('201.175.2.9', 0, 'c00dc9eb6765', 'mama@gmail.com'),
      signup('201.175.2.9', 20, 'c00dc9eb6765', 'hijo@gmail.com'),
      signup('201.175.2.9', 21, 'c00dc9eb6765', 'hijo@gmail.com'),
    ]
    expect(named(reqs).size).toBe(0)
  })
})
