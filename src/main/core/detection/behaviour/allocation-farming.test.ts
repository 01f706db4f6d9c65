import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createAllocationFarmingDetector, inSeries, seriesNumber } from './allocation-farming'

const T0 = Date.UTC(2026, 4, 12, 1, 0, 0)

const login = (ip: string, minute: number, name: string): RequestRecord =>
  recordAt(T0, minute, {
    method: 'POST',
    path: '/web/auth/login',
    ip,
    status: 200,
    body: `login_id=${encodeURIComponent(name)}&password=x1`,
  })

function enter(
  ip: string,
  minute: number,
  session: string,
  body: object = { qty: 100, price: 'upper' },
  path = '/web/api/ipo/4421/lottery-entry',
): RequestRecord {
  return recordAt(T0, minute, {
    method: 'POST',
    path,
    ip,
    status: 201,
    headers: [{ name: 'cookie', value: `SID=${session}` }],
    body: JSON.stringify(body),
  })
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createAllocationFarmingDetector(), reqs, 'behaviour.allocation-farming')

const session = (i: number): string => `${'0123456789abcdef'.repeat(2).slice(i, i + 16)}${i}`

describe('allocation farming', () => {
  it('reads the series number an identifier carries', () => {
    expect(seriesNumber('mei.ogawa036@example.jp')).toBe(36)
    expect(seriesNumber('promo18.tanaka@example.com')).toBe(18)
    expect(seriesNumber('1049229-01')).toBe(1049229)
    expect(seriesNumber('kenji@example.jp')).toBeNaN()
    expect(inSeries([1049229, 1049232, 1049235], 3, 12)).toBe(true)
    expect(inSeries([1015889, 1015375, 1015601], 3, 12)).toBe(false)
  })

  it('names an address entering one IPO for accounts whose login names run in a series', () => {
    const reqs: RequestRecord[] = []
    const names = ['mei.ogawa036@example.jp', 'yuki.sasaki037@example.jp', 'mei.sato038@example.jp']
    names.forEach((n, i) => {
      reqs.push(login('203.0.113.9', 2 * i, n))
      reqs.push(enter('203.0.113.9', 2 * i + 1, session(i)))
    })
    expect(named(reqs)).toEqual(new Set(['203.0.113.9']))
  })

  it('names one entering for account numbers in a series named in the bodies', () => {
    const reqs = ['1049229-01', '1049232-01', '1049235-01'].map((acct, i) =>
      enter('198.51.100.4', i, session(i), { account: acct, shares: 2500 }, '/m/v2/ipo/BOW/zapisy'),
    )
    expect(named(reqs)).toEqual(new Set(['198.51.100.4']))
  })

  it('names one signing in as account after account to enter, whatever their numbers', () => {
    const names = [
      'bayu.g499@mail.example',
      '+62 813-5383-5784',
      'hendra_s@mail.example',
      '058I21',
      'eko.s575@mail.example',
    ]
    const reqs: RequestRecord[] = []
    names.forEach((n, i) => {
      reqs.push(login('203.0.113.20', i, n))
      reqs.push(
        enter('203.0.113.20', i + 0.5, session(i), {
          account: `058I${[797580, 466180, 980908, 649227, 784346][i]}`,
          lots: 1,
        }),
      )
    })
    expect(named(reqs)).toEqual(new Set(['203.0.113.20']))
  })

  it('stays quiet for a carrier NAT at an IPO opening: several enter, most signed in since the morning', () => {
    const reqs: RequestRecord[] = []
    // six customers enter within ten minutes; two of them sign in first
    for (let i = 0; i < 6; i++) {
      if (i < 2) reqs.push(login('203.0.113.21', 2 * i, `cust${i}-${i * 7919}@mail.example`))
      reqs.push(
        enter('203.0.113.21', 2 * i + 0.5, session(i), { account: `${1_015_000 + i * 977}-01` }),
      )
    }
    // five logins at an internet café, but only two of them enter
    for (let i = 0; i < 5; i++) reqs.push(login('203.0.113.22', i, `guest${i * 37}@mail.example`))
    reqs.push(enter('203.0.113.22', 5, session(11), { account: '1015889-01' }))
    reqs.push(enter('203.0.113.22', 6, session(12), { account: '1019377-01' }))
    expect(named(reqs).size).toBe(0)
  })

  it('stays quiet for a family, a carrier NAT at the opening, and one customer entering twice', () => {
    const family = ['taro.yamada@example.jp', 'hanako.yamada@example.jp', 'ken.yamada88@example.jp']
    const reqs: RequestRecord[] = []
    family.forEach((n, i) => {
      reqs.push(login('203.0.113.10', 3 * i, n))
      reqs.push(enter('203.0.113.10', 3 * i + 1, session(i)))
    })
    // accounts opened years apart, behind one carrier address
    ;['1015889-01', '1015375-01', '1015601-01', '1017557-01'].forEach((acct, i) =>
      reqs.push(
        enter('203.0.113.11', i, session(i + 4), { account: acct }, '/m/v2/ipo/BOW/zapisy'),
      ),
    )
    // numbered names, but two accounts only
    reqs.push(login('203.0.113.12', 0, 'user01@example.jp'), enter('203.0.113.12', 1, session(9)))
    reqs.push(login('203.0.113.12', 2, 'user02@example.jp'), enter('203.0.113.12', 3, session(10)))
    expect(named(reqs).size).toBe(0)
  })

  /** `ip` signs in as three accounts, one after another a minute apart from `minute`, each entering. */
  function rotation(ip: string, minute: number, salt: number): RequestRecord[] {
    const reqs: RequestRecord[] = []
    for (let i = 0; i < 3; i++) {
      const n = salt * 10 + i
      reqs.push(login(ip, minute + i, `${['amal', 'reem', 'omar'][i]}.k${n * 7919}@mail.example`))
      reqs.push(
        enter(ip, minute + i + 0.5, session(n % 16), { account: `${1_000_000 + n * 4099}` }),
      )
    }
    return reqs
  }

  it('names the addresses of a ring, each rotating three accounts into one IPO, four within the hour', () => {
    const ring = ['198.51.100.31', '198.51.100.77', '2001:db8:5::1', '203.0.113.140']
    const reqs = ring.flatMap((ip, k) => rotation(ip, 12 * k, k))
    // a fifth joining half an hour later is named too; the first three rotated before the ring showed
    reqs.push(...rotation('192.0.2.58', 50, 9))
    const byTime = reqs.sort((a, b) => a.time - b.time)
    expect(named(byTime)).toEqual(new Set(['203.0.113.140', '192.0.2.58']))
  })

  it('stays quiet for rotations too few, too far apart, or too slow to be a ring', () => {
    // three addresses rotating within the hour: a ring needs four
    const three = ['198.51.100.31', '198.51.100.77', '203.0.113.140'].flatMap((ip, k) =>
      rotation(ip, 10 * k, k),
    )
    // four, but hours apart (families, each on their own schedule)
    const apart = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'].flatMap((ip, k) =>
      rotation(ip, 600 + 90 * k, k + 4),
    )
    // four within the hour, each passing the phone round every five minutes (three in ten)
    const slow: RequestRecord[] = []
    ;['192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14'].forEach((ip, k) => {
      for (let i = 0; i < 3; i++) {
        const n = 90 + 3 * k + i
        slow.push(login(ip, 1200 + 5 * k + 5 * i, `member${n * 31}@mail.example`))
        slow.push(enter(ip, 1200 + 5 * k + 5 * i + 1, session(n % 16), { account: `${n * 7717}` }))
      }
    })
    const reqs = [...three, ...apart, ...slow].sort((a, b) => a.time - b.time)
    expect(named(reqs).size).toBe(0)
  })
})
