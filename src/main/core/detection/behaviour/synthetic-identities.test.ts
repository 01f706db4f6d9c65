import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createSyntheticIdentitiesDetector } from './synthetic-identities'

const T0 = Date.UTC(2026, 6, 2, 6, 0, 0)

const signup = (ip: string, minute: number, email: string): RequestRecord =>
  recordAt(T0, minute, {
    method: 'POST',
    path: '/web/api/signup/start',
    ip,
    status: 201,
    body: JSON.stringify({ email, phone: '+81 50-1234-0000', country: 'JP' }),
  })
const idCheck = (ip: string, minute: number, status: number): RequestRecord =>
  recordAt(T0, minute, {
    method: 'POST',
    path: '/web/api/signup/ekyc',
    ip,
    status,
    body: '--b\r\nContent-Disposition: form-data; name="document_type"\r\n\r\nmy_number_card\r\n--b--',
  })

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createSyntheticIdentitiesDetector(), reqs, 'behaviour.synthetic-identities')

describe('synthetic identities', () => {
  it('names an address opening accounts whose identity documents keep being refused', () => {
    const reqs: RequestRecord[] = []
    for (let i = 0; i < 4; i++) {
      reqs.push(signup('203.0.113.60', 30 * i, `s.kato${i * 7}@example.jp`))
      reqs.push(idCheck('203.0.113.60', 30 * i + 3, 422))
      reqs.push(idCheck('203.0.113.60', 30 * i + 6, 202))
    }
    expect(named(reqs)).toEqual(new Set(['203.0.113.60']))
  })

  it('names an address opening an account every few hours through the day, each refused', () => {
    const reqs: RequestRecord[] = []
    for (const [i, minute] of [0, 300, 1050, 1170].entries()) {
      reqs.push(signup('2001:db8:861:c750::1', minute, `marie.martin${1990 + i}@example.fr`))
      reqs.push(idCheck('2001:db8:861:c750::1', minute + 1, 422))
    }
    // a couple opening their two accounts, one selfie refused twice
    const couple = [
      signup('198.51.100.80', 0, 'paul@example.fr'),
      idCheck('198.51.100.80', 1, 422),
      idCheck('198.51.100.80', 2, 422),
      signup('198.51.100.80', 600, 'lea@example.fr'),
      idCheck('198.51.100.80', 601, 202),
    ]
    expect(named([...reqs, ...couple].sort((a, b) => a.time - b.time))).toEqual(
      new Set(['2001:db8:861:c750::1']),
    )
  })

  it('names an address opening accounts with phone numbers in a series, one batch of SIM cards', () => {
    const open = (ip: string, i: number, email: string, phone: string) =>
      recordAt(T0, 20 * i, {
        method: 'POST',
        path: '/api/onboarding/signup',
        ip,
        status: 201,
        body: JSON.stringify({ email, phone, id_type: 'CCCD' }),
      })
    const sims = ['dodung1990', 'tranhuong1991', 'dangtuan1992'].map((name, i) =>
      open('27.76.170.169', i, `${name}@mail.example`, `+84 97 573 ${3583 + i}`),
    )
    expect(named(sims)).toEqual(new Set(['27.76.170.169']))
    // a batch spread over its block rather than numbered in a row
    const block = ['+91 73928 63030', '+91 73928 64476', '+91 73928 69558'].map((phone, i) =>
      open('165.22.14.8', i, `user${i}@mail.example`, phone),
    )
    expect(named(block)).toEqual(new Set(['165.22.14.8']))
    // a family: three accounts, the parent's phone on each; a campus: unrelated numbers
    const family = [0, 1, 2].map((i) =>
      open('14.160.20.30', i, `kid${i}.tran@mail.example`, '+84 91 234 5678'),
    )
    const campus = ['+84 90 234 5678', '+84 91 771 1204', '+84 92 905 3391'].map((phone, i) =>
      open('14.160.20.31', i, `student${i}@uni.example`, phone),
    )
    // one carrier's series in one region, but not one block
    const office = ['+91 98468 12345', '+91 98461 77210', '+91 98469 30402'].map((phone, i) =>
      open('14.160.20.32', i, `staff${i}@firm.example`, phone),
    )
    expect(named([...family, ...campus, ...office]).size).toBe(0)
  })

  it('stays quiet for a campus sign-up day with a refused photo now and then, and one person retrying', () => {
    const campus: RequestRecord[] = []
    for (let i = 0; i < 12; i++) {
      campus.push(signup('198.51.100.70', 5 * i, `student${i}@uni.example.ac.jp`))
      if (i % 4 === 0) campus.push(idCheck('198.51.100.70', 5 * i + 2, 422))
      campus.push(idCheck('198.51.100.70', 5 * i + 3, 202))
    }
    const person = [
      signup('198.51.100.71', 0, 'mari@example.jp'),
      idCheck('198.51.100.71', 2, 422),
      idCheck('198.51.100.71', 4, 422),
      idCheck('198.51.100.71', 6, 422),
      idCheck('198.51.100.71', 9, 202),
    ]
    expect(named([...campus, ...person]).size).toBe(0)
  })
})
