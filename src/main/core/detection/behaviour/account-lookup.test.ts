import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt, testRecord } from '../request-record.test-helper'
import { createAccountLookupDetector, DEFAULT_ACCOUNT_LOOKUP } from './account-lookup'
import { createSharedEgress } from './shared-egress'

const T0 = Date.UTC(2026, 5, 10, 2, 0, 0)
const MIN = 60_000

function forgot(
  ip: string,
  minute: number,
  login: string,
  status: number,
  over: Partial<RequestRecord> = {},
): RequestRecord {
  return recordAt(T0, minute, {
    method: 'POST',
    path: '/v1/auth/password/forgot',
    body: JSON.stringify({ login_id: login, channel: 'email' }),
    ip,
    status,
    ...over,
  })
}

function signals(reqs: RequestRecord[], seeEgress = false) {
  const egress = createSharedEgress()
  const d = createAccountLookupDetector(DEFAULT_ACCOUNT_LOOKUP, egress)
  return reqs
    .sort((a, b) => a.time - b.time)
    .map((r) => {
      if (seeEgress) egress.see(r)
      return d.observe(r)
    })
    .filter((s) => s !== null)
}

describe('account lookup enumeration', () => {
  it('reads a find-my-ID form (id-chatgi, id-wasure) by the person its body describes', () => {
    const find = (
      ip: string,
      minute: number,
      body: object,
      status: number,
      path = '/web/kr/id-chatgi',
    ) => recordAt(T0, minute, { method: 'POST', path, body: JSON.stringify(body), ip, status })
    const people = Array.from({ length: 7 }, (_, i) =>
      find(
        '203.0.113.77',
        3 * i,
        { name: '김민수', rrn: `8${i}0612-1******`, phone_last4: `40${i}7` },
        i === 3 ? 200 : 404,
      ),
    )
    expect(signals(people)).toHaveLength(1)
    // a customer who forgot their ID tries twice, once mistyping the birth date
    const customer = [
      find(
        '198.51.100.23',
        0,
        { name: '이서연', rrn: '920311-2******', phone_last4: '1188' },
        404,
        '/web/jp/id-wasure',
      ),
      find(
        '198.51.100.23',
        2,
        { name: '이서연', rrn: '920313-2******', phone_last4: '1188' },
        200,
        '/web/jp/id-wasure',
      ),
    ]
    expect(signals(customer)).toHaveLength(0)
    // a name alone names no one
    const names = Array.from({ length: 7 }, (_, i) =>
      find('198.51.100.24', i, { name: `user ${i}` }, 404),
    )
    expect(signals(names)).toHaveLength(0)
  })

  it('reads a sign-up check of national identity numbers (PESEL, T.C. kimlik) as a lookup', () => {
    const check = (minute: number, kind: string, id: string, status: number) =>
      recordAt(T0, minute, {
        method: 'GET',
        path: `/api/web/signup/check-${kind}`,
        rawQuery: `${kind}=${id}`,
        query: [{ name: kind, value: id }],
        ip: '177.37.140.230',
        status,
      })
    const ids = ['00321851767', '78031487482', '90090193410', '93032052093', '90060785708']
    const s = signals([
      ...ids.map((id, i) => check(i * 3, 'pesel', id, i % 2 ? 200 : 409)),
      check(20, 'tckn', '44944198980', 200),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.details).toMatchObject({ accounts: 6 })
  })

  it("reads a sign-up's identity-number check on the KYC step (kyc/pan/verify) as a lookup", () => {
    const verify = (minute: number, pan: string, status: number, ip = '103.48.196.21') =>
      recordAt(T0, minute, {
        method: 'POST',
        path: '/app/v3/kyc/pan/verify',
        body: JSON.stringify({ pan, dob: '1990-01-01' }),
        ip,
        status,
      })
    // (masked past the first three letters, as the gateway logs it)
    const pans = Array.from(
      { length: 13 },
      (_, i) => `AB${String.fromCharCode(67 + i)}XX${4100 + i * 7}K`,
    )
    expect(signals(pans.map((p, i) => verify(i * 4, p, i % 3 === 0 ? 409 : 200)))).toHaveLength(1)
    // a customer verifying their own number, mistyped once
    expect(
      signals([
        verify(0, 'KMPXX7712Q', 422, '49.36.7.1'),
        verify(1, 'KMPXX7721Q', 200, '49.36.7.1'),
      ]),
    ).toHaveLength(0)
  })

  it("forgets a check followed by the sign-up it was for: a campus's sign-up day", () => {
    const check = (minute: number, email: string) =>
      recordAt(T0, minute, {
        method: 'GET',
        path: '/api/web/signup/check-email',
        rawQuery: `email=${encodeURIComponent(email)}`,
        query: [{ name: 'email', value: encodeURIComponent(email) }],
        ip: '149.156.244.106',
        status: 200,
      })
    const signUp = (minute: number, email: string) =>
      recordAt(T0, minute, {
        method: 'POST',
        path: '/api/web/signup',
        body: JSON.stringify({ email, phone: '+48 523 028 099', country: 'PL' }),
        ip: '149.156.244.106',
        status: 201,
      })
    const students = Array.from({ length: 14 }, (_, i) => `student${i}.kowalska@uni.example`)
    expect(signals(students.flatMap((e, i) => [check(i * 9, e), signUp(i * 9 + 3, e)]))).toEqual([])
    // the same checks with no sign-up after them are a list being built
    expect(signals(students.map((e, i) => check(i * 9, e)))).toHaveLength(1)
  })

  it('names an address asking patiently about many accounts, most of them unknown', () => {
    // one request every eight minutes, e-mail after e-mail, 404 for those that are not customers
    const reqs = Array.from({ length: 12 }, (_, i) =>
      forgot('34.173.22.90', i * 8, `person.${i}@mail.example`, i % 4 === 2 ? 200 : 404),
    )
    const s = signals(reqs)
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({
      category: 'enumeration',
      rule: 'behaviour.account-lookup-enumeration',
    })
    expect(s[0]!.details).toMatchObject({ accounts: 6, unknownAccounts: 5 })
    expect(s[0]!.confidence).toBeGreaterThanOrEqual(0.6)
    expect(s[0]!.summary).not.toContain('person.')
  })

  it('reads an availability check by GET, the account in its query', () => {
    const reqs = Array.from({ length: 8 }, (_, i) =>
      testRecord({
        time: T0 + i * 3 * MIN,
        method: 'GET',
        path: '/api/signup/check-email',
        query: [{ name: 'email', value: `t${i}@corp.example` }],
        rawQuery: `email=t${i}%40corp.example`,
        ip: '18.195.19.4',
        status: i % 3 === 0 ? 200 : 404,
      }),
    )
    expect(signals(reqs)).toHaveLength(1)
  })

  it('reads a payee check asked about IBAN after IBAN as a lookup; one payee checked stays quiet', () => {
    const check = (ip: string, minute: number, i: number): RequestRecord =>
      testRecord({
        time: T0 + minute * MIN,
        method: 'POST',
        path: '/v1/virements/verification-beneficiaire',
        headers: [{ name: 'cookie', value: 'sid=Qw3rTy' }],
        body: JSON.stringify({
          iban: `FR76300060000${String(11234567890 + i * 7919)}`,
          nom: `Nom ${i}`,
        }),
        ip,
        status: 200,
      })
    const sorting = Array.from({ length: 14 }, (_, i) => check('89.90.59.152', i * 0.3, i))
    expect(signals(sorting)).toHaveLength(1)
    // customers each adding a payee, one behind a carrier address checking twice
    const customers = [
      check('90.1.2.3', 0, 1),
      check('90.1.2.4', 1, 2),
      check('92.184.7.7', 2, 3),
      check('92.184.7.7', 3, 3),
    ]
    expect(signals(customers)).toHaveLength(0)
    expect(
      ['/api/v1/payees/verify', '/cop/confirmation-of-payee', '/pay/iban-name-check'].every(
        (p) =>
          signals(Array.from({ length: 14 }, (_, i) => ({ ...check('5.6.7.8', i, i), path: p })))
            .length === 1,
      ),
    ).toBe(true)
  })

  it('reads a reset form and an availability check named in French, Dutch or German', () => {
    for (const [path, ip] of [
      ['/v1/auth/mot-de-passe/reinitialisation', '82.65.78.76'],
      ['/nl/wachtwoord-herstellen', '84.197.1.9'],
      ['/v1/inscription/email-disponible', '14.176.29.115'],
      ['/de/registrierung/e-mail-verfuegbar', '88.64.2.1'],
    ]) {
      const reqs = Array.from({ length: 8 }, (_, i) =>
        testRecord({
          time: T0 + i * 3 * MIN,
          method: 'POST',
          path: path as string,
          body: JSON.stringify({ email: `k${i}.client@mail.example` }),
          ip: ip as string,
          status: i % 3 === 0 ? 200 : 404,
        }),
      )
      expect(signals(reqs), path).toHaveLength(1)
    }
  })

  it("reads a sign-up's check-availability (of the e-mail or phone in its query) and check-identity", () => {
    const avail = Array.from({ length: 14 }, (_, i) =>
      testRecord({
        time: T0 + i * 40_000,
        method: 'GET',
        path: '/api/onboarding/check-availability',
        query: [
          i % 3
            ? { name: 'phone', value: `+8477${5240036 + i * 7919}` }
            : { name: 'email', value: `p${i * 31}@mail.example` },
        ],
        rawQuery: 'x',
        ip: '177.134.113.200',
        status: 200,
      }),
    )
    expect(signals(avail)).toHaveLength(1)
    const identity = Array.from({ length: 8 }, (_, i) =>
      recordAt(T0, i * 1.5, {
        method: 'POST',
        path: '/v2/onboarding/check-identity',
        body: JSON.stringify({ id_type: 'NIK', id_number: `317404******00${10 + i * 3}` }),
        ip: '182.52.159.214',
        status: 404,
      }),
    )
    expect(signals(identity)).toHaveLength(1)
    // one person checking their own e-mail, then their phone, then signing up
    const own = [
      testRecord({
        time: T0,
        method: 'GET',
        path: '/api/onboarding/check-availability',
        query: [{ name: 'email', value: 'an.nguyen@mail.example' }],
        rawQuery: 'x',
        ip: '14.160.1.2',
        status: 200,
      }),
      testRecord({
        time: T0 + MIN,
        method: 'GET',
        path: '/api/onboarding/check-availability',
        query: [{ name: 'phone', value: '+84912345678' }],
        rawQuery: 'x',
        ip: '14.160.1.2',
        status: 200,
      }),
    ]
    expect(signals(own)).toHaveLength(0)
  })

  it('reads a sign-up check answering a taken e-mail 409 and a free one 200', () => {
    const check = (i: number, ip: string, status: number) =>
      testRecord({
        time: T0 + i * 2 * MIN,
        method: 'GET',
        path: '/api/onboarding/check-email',
        query: [{ name: 'email', value: `p${i}@mail.example` }],
        rawQuery: `email=p${i}%40mail.example`,
        ip,
        status,
      })
    // six addresses asked, three taken: three customers found, three names with no account
    const reqs = Array.from({ length: 6 }, (_, i) => check(i, '46.184.227.106', i % 2 ? 409 : 200))
    expect(signals(reqs)).toHaveLength(1)
    // a newcomer whose e-mail was taken tries another of their own
    expect(signals([check(1, '2.51.33.190', 409), check(2, '2.51.33.190', 200)])).toEqual([])
  })

  it('reads a sign-up check of mobile numbers answered 200 either way (only the size differs)', () => {
    const check = (i: number, ip = '2409:40cd:c516:a7e:d0be:b4c5:a85e:5b7b') =>
      testRecord({
        time: T0 + i * 0.2 * MIN,
        method: 'GET',
        path: '/signup/v1/check-mobile',
        query: [{ name: 'mobile', value: String(9445771023 + i * 7) }],
        rawQuery: `mobile=${9445771023 + i * 7}`,
        ip,
        status: 200,
      })
    expect(signals(Array.from({ length: 14 }, (_, i) => check(i)))).toHaveLength(1)
    // a newcomer checking their number, then their other one
    expect(
      signals([check(0, '49.36.1.2'), check(1, '49.36.1.2'), check(1, '49.36.1.2')]),
    ).toHaveLength(0)
  })

  it('reads a "find my ID" form asked about name after name', () => {
    const find = (i: number, ip = '1.252.234.236', phone = `010****${1000 + i * 37}`) =>
      testRecord({
        time: T0 + i * 4 * MIN,
        method: 'POST',
        path: '/api/v2/auth/id/find',
        body: JSON.stringify({ name: '김*호', birth: '******', phone }),
        ip,
        status: i % 2 ? 200 : 404,
      })
    expect(signals(Array.from({ length: 8 }, (_, i) => find(i)))).toHaveLength(1)
    // a customer who forgot their ID, trying their own details three times
    expect(signals([0, 1, 2].map((i) => find(i, '49.36.1.2', '010****4977')))).toHaveLength(0)
  })

  it('names a reset flood over many known accounts, whatever the answers', () => {
    const reqs = Array.from({ length: 14 }, (_, i) =>
      forgot('76.116.45.19', i * 2, `vip-${i}`, 200, { path: '/v1/auth/password/reset' }),
    )
    expect(signals(reqs)).toHaveLength(1)
  })

  it('stays quiet for customers: one account tried over and over, a family sharing an address', () => {
    const reqs = [
      forgot('81.2.69.160', 0, 'mary.chan@hotmail.example', 404),
      forgot('81.2.69.160', 1, 'mary.chan@hotmial.example', 404),
      forgot('81.2.69.160', 2, 'mary.chan@hotmail.example', 200),
      forgot('81.2.69.160', 30, 'mary.chan@hotmail.example', 200),
      forgot('81.2.69.160', 40, 'peter.chan@outlook.example', 404),
      forgot('81.2.69.160', 41, '7781245', 200),
      forgot('81.2.69.160', 90, 'kid.chan@gmail.example', 200),
    ]
    expect(signals(reqs)).toEqual([])
  })

  it('does not count answers that tell nothing, nor a logged-in help desk', () => {
    const refused = Array.from({ length: 20 }, (_, i) =>
      forgot('90.200.242.75', i, `vip-${i}`, 429),
    )
    const helpDesk = Array.from({ length: 20 }, (_, i) =>
      forgot('10.20.0.14', i * 5, `customer-${i}`, i % 2 ? 200 : 404, {
        path: '/v1/backoffice/password/reset',
        consumer: 'helpdesk-7',
        headers: [{ name: 'authorization', value: 'REDACTED' }],
      }),
    )
    expect(signals([...refused, ...helpDesk])).toEqual([])
  })

  it('asks twice as much of an address many accounts come from (a campus NAT)', () => {
    const campus = '137.189.4.20'
    // students logged in behind the NAT make it shared egress
    const logins = ['s1', 's2', 's3', 's4'].map((c, i) =>
      testRecord({
        time: T0 + i * 1000,
        path: '/v1/accounts',
        ip: campus,
        consumer: c,
        status: 200,
      }),
    )
    const resets = Array.from({ length: 8 }, (_, i) =>
      forgot(campus, 10 + i * 15, `student${i}@campus.example`, i % 2 ? 200 : 404),
    )
    expect(signals([...logins, ...resets], true)).toEqual([])
    // the same resets from an address nobody else uses are a list being built
    expect(signals(resets.map((r) => ({ ...r, ip: '35.160.172.4' })))).toHaveLength(1)
  })
})
