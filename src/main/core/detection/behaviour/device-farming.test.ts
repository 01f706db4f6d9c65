import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createDeviceFarmingDetector, mailboxOf } from './device-farming'

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

describe("a browser's analytics identifier as its device", () => {
  const web = (
    ip: string,
    minute: number,
    email: string,
    ga = '_pk_id.3.f1c2=45442ab5563edade.1776102331',
  ) =>
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: '/api/v2/signup',
      status: 201,
      headers: [{ name: 'cookie', value: `ww_consent=necessary; ${ga}` }],
      body: JSON.stringify({ email, password: '********', country: 'DE' }),
    })

  it('names the addresses one browser opened three accounts from', () => {
    const reqs = [
      web('79.243.108.65', 0, 'anna.k@mail.example'),
      web('80.187.88.251', 30, 'ben.w@mail.example'),
      web('91.52.168.59', 60, 'clara.s@mail.example'),
    ]
    expect(named(reqs)).toEqual(new Set(['79.243.108.65', '80.187.88.251', '91.52.168.59']))
  })

  it('stays quiet for two browsers, each opening one account', () => {
    const reqs = [
      web('79.243.108.65', 0, 'anna.k@mail.example', '_ga=GA1.2.1111111111.1776102331'),
      web('80.187.88.251', 30, 'ben.w@mail.example', '_ga=GA1.2.2222222222.1776102331'),
      web('91.52.168.59', 60, 'clara.s@mail.example', '_ga=GA1.2.3333333333.1776102331'),
    ]
    expect(named(reqs).size).toBe(0)
  })
})

describe('accounts opened on aliases of one mailbox', () => {
  const open = (ip: string, minute: number, email: string, path = '/api/v2/signup') =>
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path,
      status: 201,
      body: JSON.stringify({ email, password: '********' }),
    })
  const byMailbox = (reqs: RequestRecord[]) =>
    namedBy(createDeviceFarmingDetector(), reqs, 'behaviour.mailbox-alias-signup')

  it('names two accounts opened on dotted and tagged forms of one Gmail inbox', () => {
    expect(mailboxOf('Lisa.Sc.H.warz+promo@googlemail.com')).toBe('lisaschwarz@gmail.com')
    expect(
      byMailbox([
        open('79.243.108.65', 0, 'lisa.sc.h.warz@gmail.com'),
        open('80.187.88.251', 45, 'l.isaschwar.z@gmail.com'),
      ]),
    ).toEqual(new Set(['79.243.108.65', '80.187.88.251']))
  })

  it('reads the e-mail of a sign-up that names the mobile number first', () => {
    const signup = (ip: string, minute: number, mobile: string, email: string) =>
      recordAt(T0, minute, {
        ip,
        method: 'POST',
        path: '/api/v2/onboarding/signup',
        status: 201,
        body: JSON.stringify({ mobile, email, referral_code: 'FRIEND25' }),
      })
    expect(
      byMailbox([
        signup('106.220.14.9', 0, '+919812200431', 'anita.rao+7@gmail.com'),
        signup('49.37.190.2', 70, '+919733318020', 'anitarao+8@gmail.com'),
      ]),
    ).toEqual(new Set(['106.220.14.9', '49.37.190.2']))
  })

  it('stays quiet for a person checking the address both ways and opening one account', () => {
    expect(
      byMailbox([
        open('187.144.14.151', 0, 'sofia.cervantes10@gmail.com', '/v1/onboarding/check-email'),
        open('187.144.14.151', 1, 'sofiacervantes10@gmail.com', '/v1/onboarding/check-email'),
        open('187.144.14.151', 3, 'sofia.cervantes10@gmail.com', '/v1/onboarding/applications'),
        // another provider keeps its dots: two people
        open('187.144.20.7', 9, 'jan.novak@mail.example', '/v1/onboarding/applications'),
        open('187.144.20.8', 9, 'jannovak@mail.example', '/v1/onboarding/applications'),
      ]).size,
    ).toBe(0)
  })
})
