import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createSessionAfterLogoutDetector } from './session-after-logout'

const T0 = Date.UTC(2026, 3, 26, 0, 0, 0)

const req = (
  ip: string,
  minute: number,
  sid: string,
  path: string,
  method = 'GET',
  status = 200,
): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    method,
    path,
    status,
    headers: [{ name: 'cookie', value: `dc_sid=${sid}; lang=ar` }],
  })

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createSessionAfterLogoutDetector(), reqs, 'behaviour.session-after-logout')

describe('session after logout', () => {
  it('names the address presenting a signed-out session minutes later from another network', () => {
    const reqs = [
      req('188.48.54.248', 0, 'P_Fafv1Ex8q', '/api/v1/portfolio/summary'),
      req('188.48.54.248', 3, 'P_Fafv1Ex8q', '/api/v1/auth/logout', 'POST', 204),
      req('185.220.101.246', 13, 'P_Fafv1Ex8q', '/api/v1/portfolio/cash'),
      req('185.220.101.246', 14, 'P_Fafv1Ex8q', '/api/v1/withdrawals', 'POST', 202),
      // a token revoked for real, tried anyway
      req('2a02:cb80:1:2::9', 0, 'Zq81mNvT0aa', '/api/v1/sessions/current', 'DELETE', 204),
      req('167.99.218.126', 20, 'Zq81mNvT0aa', '/api/v1/accounts/me', 'GET', 401),
    ]
    expect(named(reqs)).toEqual(new Set(['185.220.101.246', '167.99.218.126']))
  })

  it('stays quiet for the same network, for sessions never signed out, and after the hour', () => {
    const reqs = [
      // the app's last poll racing the sign-out, from the next address of the carrier's pool
      req('37.42.56.10', 0, 'aB3dE5fG7hJ', '/api/v1/auth/logout', 'POST', 200),
      req('37.42.56.11', 0.1, 'aB3dE5fG7hJ', '/api/v1/notifications/count'),
      // a session moving with its holder, never signed out
      req('37.42.9.1', 0, 'kL9mN1pQ3rS', '/api/v1/portfolio'),
      req('94.99.3.7', 30, 'kL9mN1pQ3rS', '/api/v1/portfolio'),
      // a sign-out the site did not honour, the browser back the next day elsewhere
      req('46.152.3.3', 0, 'tU5vW7xY9zA', '/api/v1/auth/logout', 'POST', 204),
      req('176.44.8.8', 600, 'tU5vW7xY9zA', '/api/v1/portfolio'),
      // a sign-out refused changes nothing
      req('46.152.3.4', 0, 'cD2eF4gH6iJ', '/api/v1/auth/logout', 'POST', 403),
      req('176.44.8.9', 5, 'cD2eF4gH6iJ', '/api/v1/portfolio'),
    ]
    expect(named(reqs).size).toBe(0)
  })
})
