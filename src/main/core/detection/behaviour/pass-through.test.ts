import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createPassThroughDetector, DEFAULT_PASS_THROUGH } from './pass-through'
import { createSharedEgress } from './shared-egress'

const T0 = Date.UTC(2026, 8, 14, 2, 0, 0)
const IP = '103.47.18.220'

const post = (minute: number, path: string, body: object, status = 200, ip = IP) =>
  recordAt(T0, minute, { ip, method: 'POST', path, status, body: JSON.stringify(body) })
const topUp = (minute: number, ip = IP) =>
  post(minute, '/app/v3/wallet/topup/bank-transfer', { amount: 250_000, bank: 'MANDIRI' }, 201, ip)
const withdraw = (minute: number, ip = IP, status = 202) =>
  post(
    minute,
    '/app/v3/wallet/withdrawals',
    { amount: 745_000, bank_account_id: 'ba_71c' },
    status,
    ip,
  )
const buy = (minute: number) =>
  post(minute, '/app/v3/orders', { symbol: 'BBRI', side: 'BUY', qty: 300, type: 'LIMIT' }, 201)

/** Three deposits then the withdrawal that empties them, starting at `minute`. */
const cycle = (minute: number, ip = IP) => [
  topUp(minute, ip),
  topUp(minute + 4, ip),
  topUp(minute + 9, ip),
  withdraw(minute + 35, ip),
]

function run(reqs: RequestRecord[], egressFrom: RequestRecord[] = []) {
  const egress = createSharedEgress()
  for (const r of egressFrom) egress.see(r)
  const d = createPassThroughDetector(DEFAULT_PASS_THROUGH, egress)
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('money passing through', () => {
  it('names an address that puts money in and takes it straight out three times in a day', () => {
    const s = run([...cycle(0), ...cycle(95), ...cycle(300)])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.pass-through')
    expect(s[0]!.details['passes']).toBe(3)
    expect(s[0]!.summary).toContain(IP)
  })

  it('counts passes made in different accounts from the same phone', () => {
    // (the operator signs into one mule account, then the next: the address is what they share)
    const login = (minute: number, user: string) =>
      post(minute, '/app/v3/auth/login', { login: user, password: '********' })
    const s = run([
      login(0, 'rina.putri@mail.example'),
      ...cycle(1),
      login(120, 'dewi.putri@mail.example'),
      ...cycle(121),
      login(250, 'rina.putri@mail.example'),
      ...cycle(251),
    ])
    expect(s.map((x) => x.rule)).toEqual(['behaviour.pass-through'])
  })

  it('leaves alone a client who trades between funding and withdrawing', () => {
    const s = run([
      ...cycle(0),
      topUp(95),
      buy(100),
      withdraw(130),
      topUp(300),
      buy(301),
      withdraw(330),
    ])
    expect(s).toEqual([])
  })

  it('leaves alone money withdrawn more than an hour after it went in', () => {
    // (a client who funded in the morning and changed their mind after lunch, three days' worth)
    const s = run([topUp(0), withdraw(75), topUp(200), withdraw(290), topUp(400), withdraw(470)])
    expect(s).toEqual([])
  })

  it('leaves alone withdrawals that were refused, and two passes in a day', () => {
    const refused = [topUp(200), withdraw(220, IP, 422)]
    expect(run([...cycle(0), ...cycle(95), ...refused])).toEqual([])
  })

  it("leaves alone a carrier's NAT, where many users' deposits and withdrawals mix", () => {
    const accounts = ['mobile-app', 'web-portal', 'partner-robo'].map((consumer, i) =>
      recordAt(T0, i, { ip: IP, consumer }),
    )
    expect(run([...cycle(0), ...cycle(95), ...cycle(300)], accounts)).toEqual([])
  })

  it('forgets passes older than the window', () => {
    const day = 24 * 60
    expect(run([...cycle(0), ...cycle(95), ...cycle(day + 100)])).toEqual([])
  })
})
