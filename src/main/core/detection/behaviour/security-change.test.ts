import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { AppKeys } from './app-keys'
import { createSecurityChangeDetector, DEFAULT_SECURITY_CHANGE } from './security-change'

const T0 = Date.UTC(2026, 8, 18, 18, 0, 0)

function at(
  minute: number,
  method: string,
  path: string,
  status: number,
  over: Partial<RequestRecord> = {},
) {
  return recordAt(T0, minute, {
    method,
    path,
    status,
    ip: '2607:fb96:316e:e08::9',
    consumer: 'cust_44187698',
    ...over,
  })
}

function run(reqs: RequestRecord[]) {
  const d = createSecurityChangeDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('security change, then money out', () => {
  it('names a SIM swap: contact changed, a device removed, a withdrawal refused by step-up', () => {
    const s = run([
      at(0, 'PATCH', '/m/v3/account/contact', 200),
      at(1, 'DELETE', '/m/v3/account/devices/7003FCC7', 200),
      at(2, 'PUT', '/m/v3/devices/push-token', 200),
      at(3, 'POST', '/m/v3/orders', 201),
      at(25, 'POST', '/m/v3/transfers/withdrawals', 403),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]).toMatchObject({ category: 'other', rule: 'behaviour.security-change-withdrawal' })
    expect(s[0]!.summary).toContain('/m/v3/account/devices/7003FCC7')
    expect(s[0]!.confidence).toBeGreaterThanOrEqual(0.6)
  })

  it('follows a customer known only by the subject an OpenID Connect plugin vouched for', () => {
    const oidc = { consumer: null, subject: 'fff72c77-f24d-40d1' }
    const s = run([
      at(0, 'PATCH', '/api/v2/profile/contact', 200, oidc),
      at(1, 'POST', '/api/v2/funding/linked-banks', 201, oidc),
      at(2, 'POST', '/api/v2/funding/withdrawals', 202, oidc),
    ])
    expect(s).toHaveLength(1)
    // another customer's withdrawal is not the changed account's
    expect(
      run([
        at(0, 'PATCH', '/api/v2/profile/contact', 200, oidc),
        at(2, 'POST', '/api/v2/funding/withdrawals', 202, {
          consumer: null,
          subject: 'a0c1-other',
        }),
      ]),
    ).toHaveLength(0)
  })

  it('reads a linked bank as a destination: a transfer to it after the change counts', () => {
    expect(
      run([
        at(0, 'PATCH', '/api/v2/profile/contact', 200),
        at(1, 'POST', '/api/v2/funding/linked-banks', 201),
        at(2, 'POST', '/api/v2/funding/transfers', 202),
      ]),
    ).toHaveLength(1)
    // a transfer with no destination set up since the change is the holder paying a payee they had
    expect(
      run([
        at(0, 'PATCH', '/api/v2/profile/contact', 200),
        at(2, 'POST', '/api/v2/funding/transfers', 202),
      ]),
    ).toHaveLength(0)
  })

  it('follows a web user known only by a session cookie, to another address that withdraws', () => {
    const web = (ip: string, sid: string) => ({
      consumer: null,
      ip,
      headers: [{ name: 'cookie', value: `lang=sw; mz_sid=${sid}` }],
    })
    const s = run([
      at(0, 'PUT', '/api/v1/accounts/me/contact', 200, web('185.216.152.35', 'b6d3d1217a')),
      at(1, 'POST', '/api/v1/wallet/payout-destinations', 201, web('185.216.152.35', 'b6d3d1217a')),
      at(18, 'POST', '/api/v1/wallet/withdrawals', 202, web('143.198.228.141', 'b6d3d1217a')),
      at(19, 'POST', '/api/v1/wallet/withdrawals', 202, web('143.198.228.141', 'b6d3d1217a')),
    ])
    // the new payout destination readies the way out; the withdrawal from a second address is reported,
    // once, with the address that changed the account
    expect(s).toHaveLength(1)
    expect(s[0]!.accomplices?.map((a) => a.ip)).toEqual(['185.216.152.35'])
    // another browser's session is another person's account
    expect(
      run([
        at(0, 'PUT', '/api/v1/accounts/me/contact', 200, web('41.90.8.1', 'b6d3d1217a')),
        at(3, 'POST', '/api/v1/wallet/withdrawals', 202, web('41.90.8.1', '0fcc792dc6')),
      ]),
    ).toEqual([])
  })

  it('reads a transfer limit raised after the change as a new destination', () => {
    const s = run([
      at(0, 'PUT', '/mobile/v3/conta/celular', 200),
      at(1, 'PUT', '/mobile/v3/pix/limites', 202),
      at(4, 'POST', '/mobile/v3/pix/transferencias', 201),
    ])
    expect(s).toHaveLength(1)
    // a limit read (GET) or raised before the change is not one
    expect(
      run([
        at(0, 'PUT', '/mobile/v3/pix/limites', 202),
        at(1, 'PUT', '/mobile/v3/conta/celular', 200),
        at(2, 'GET', '/mobile/v3/pix/limites', 200),
        at(4, 'POST', '/mobile/v3/pix/transferencias', 201),
      ]),
    ).toEqual([])
  })

  it('names the address that changed the account too, when another one withdraws', () => {
    const s = run([
      at(0, 'PATCH', '/api/account/settings/notifications', 200, { ip: '66.190.130.233' }),
      at(4, 'POST', '/api/crypto/withdrawal-addresses', 201, { ip: '203.0.113.50' }),
    ])
    expect(s).toHaveLength(1)
    expect(s[0]!.accomplices?.map((a) => a.ip)).toEqual(['66.190.130.233'])
  })

  it('stays quiet for what holders do', () => {
    expect(
      run([
        // the app registering its push token on launch, a notification marked read, then a withdrawal
        at(0, 'PUT', '/m/v3/devices/push-token', 200),
        at(1, 'PATCH', '/api/notifications/8812', 200),
        at(2, 'POST', '/api/transfers/withdrawals', 202),
      ]),
    ).toEqual([])
    expect(
      run([
        // a password reset in the login flow (no session yet), then a withdrawal once signed in
        at(0, 'POST', '/m/v3/auth/password/reset', 200, { consumer: null }),
        at(5, 'POST', '/api/transfers/withdrawals', 202),
      ]),
    ).toEqual([])
    expect(
      run([
        // a new phone number in the morning, a withdrawal in the afternoon
        at(0, 'PUT', '/api/account/phone', 200),
        at(180, 'POST', '/api/transfers/withdrawals', 202),
      ]),
    ).toEqual([])
    expect(
      run([
        // a new customer adding a second factor and the bank account to fund from
        at(0, 'POST', '/api/account/security/mfa-devices', 201),
        at(3, 'POST', '/api/transfers/bank-accounts', 201),
        at(5, 'POST', '/api/transfers/deposits', 201),
      ]),
    ).toEqual([])
  })
})

describe("under an app's key every user shares", () => {
  const app = 'nuri-mts-ios'
  const as = (session: string, minute: number, method: string, path: string, status = 200) =>
    at(minute, method, path, status, {
      consumer: app,
      headers: [{ name: 'x-session-fp', value: session }],
    })
  const detector = () => {
    const keys = new AppKeys()
    keys.note(app)
    return createSecurityChangeDetector(DEFAULT_SECURITY_CHANGE, keys)
  }
  const runWith = (reqs: RequestRecord[]) => {
    const d = detector()
    return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
  }

  it('follows one session: contact changed, a payee added, money transferred to it', () => {
    const s = runWith([
      as('c6de0442e64fd18f', 0, 'PATCH', '/api/v2/me/contact'),
      as('c6de0442e64fd18f', 1, 'POST', '/api/v2/payees'),
      as('c6de0442e64fd18f', 2, 'POST', '/api/v2/transfers'),
    ])
    expect(s).toHaveLength(1)
  })

  it("does not join two users' sessions, nor a holder paying a payee they had after a phone change", () => {
    expect(
      runWith([
        as('c6de0442e64fd18f', 0, 'PATCH', '/api/v2/me/contact'),
        as('77aa0e9c41d2f00d', 5, 'POST', '/api/v2/withdrawals'),
      ]),
    ).toEqual([])
    expect(
      runWith([
        as('f120198037007dff', 0, 'PATCH', '/api/v2/me/contact'),
        as('f120198037007dff', 6, 'POST', '/api/v2/transfers'),
      ]),
    ).toEqual([])
  })
})
