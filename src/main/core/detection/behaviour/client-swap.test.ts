import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createClientSwapDetector, productOf } from './client-swap'
import { createSharedEgress } from './shared-egress'

const T0 = Date.UTC(2026, 2, 18, 13, 0, 0)
const APP = 'IpeInvest/5.12.1 (Android 12; moto e22) okhttp/4.12.0'
const VIEW =
  'Mozilla/5.0 (Linux; Android 12; moto e22 Build/S1RXS; wv) AppleWebKit/537.36 Chrome/122.0 Mobile'
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1XzQwNzIxNTMiLCJzaWQiOiI1MzI0In0.c2lnbmF0dXJl'

const call = (
  minute: number,
  ip: string,
  agent: string,
  token = TOKEN,
  path = '/mobile/v3/carteira',
) =>
  recordAt(T0, minute, {
    ip,
    path,
    status: 200,
    headers: [
      { name: 'authorization', value: `Bearer ${token}` },
      { name: 'user-agent', value: agent },
    ],
  })

describe('session replayed by other software', () => {
  it('reads the product of a User-Agent', () => {
    expect(productOf(APP)).toBe('ipeinvest')
    expect(productOf('python-requests/2.31.0')).toBe('python-requests')
    expect(productOf('curl/8.5.0')).toBe('curl')
    expect(productOf('')).toBe('')
  })

  it('names the first request of a script on a network the session never used', () => {
    const d = createClientSwapDetector()
    expect(d.observe(call(0, '201.7.117.8', APP))).toBeNull()
    expect(d.observe(call(5, '201.7.117.8', APP))).toBeNull()
    const s = d.observe(call(20, '159.223.11.115', 'python-requests/2.31.0'))
    expect(s?.rule).toBe('behaviour.session-client-swap')
    expect(s?.summary).toContain('ipeinvest')
    expect(s?.summary).toContain('python-requests')
    // each further network the copy turns up from is named once
    expect(d.observe(call(21, '167.99.1.2', 'curl/8.5.0'))?.rule).toBe(
      'behaviour.session-client-swap',
    )
    expect(d.observe(call(22, '167.99.1.2', 'curl/8.5.0'))).toBeNull()
    expect(d.observe(call(23, '159.223.11.115', 'python-requests/2.31.0'))).toBeNull()
  })

  it("names a copy that took the app's User-Agent but not its installation's device id", () => {
    const withDevice = (minute: number, ip: string, device: string | null) => {
      const r = call(minute, ip, APP)
      return device === null
        ? r
        : { ...r, headers: [...r.headers, { name: 'x-device-id', value: device }] }
    }
    const d = createClientSwapDetector()
    for (let i = 0; i < 4; i++)
      expect(d.observe(withDevice(i, '201.7.117.8', 'a1b2c3d4e5f6'))).toBeNull()
    // the holder's phone on the carrier's network: the same device id
    expect(d.observe(withDevice(5, '189.40.12.7', 'a1b2c3d4e5f6'))).toBeNull()
    const s = d.observe(withDevice(30, '54.248.65.20', null))
    expect(s?.summary).toContain('device id')
    // an app that does not send its device id with every request tells nothing
    const mixed = createClientSwapDetector()
    expect(mixed.observe(withDevice(0, '201.7.117.9', 'f0e1d2c3b4a5'))).toBeNull()
    expect(mixed.observe(withDevice(1, '201.7.117.9', null))).toBeNull()
    for (let i = 2; i < 5; i++)
      expect(mixed.observe(withDevice(i, '201.7.117.9', 'f0e1d2c3b4a5'))).toBeNull()
    expect(mixed.observe(withDevice(30, '54.248.65.21', null))).toBeNull()
  })

  it('stays quiet on the holder moving, a web view, a second name spoken from the start, and other sessions', () => {
    const d = createClientSwapDetector()
    expect(d.observe(call(0, '201.7.117.8', APP))).toBeNull()
    // Wi-Fi to the carrier: the same app
    expect(d.observe(call(3, '189.40.12.7', APP))).toBeNull()
    // the app opens a web view with its token, on the carrier's network
    expect(d.observe(call(4, '191.250.1.9', VIEW))).toBeNull()
    // its background job says okhttp on the home network, then from the carrier: one client, two names
    expect(d.observe(call(5, '201.7.117.8', 'okhttp/4.12.0'))).toBeNull()
    expect(d.observe(call(9, '177.36.8.1', 'okhttp/4.12.0'))).toBeNull()
    // a script on the session's own network (a holder's own automation at home)
    const other = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1XzEifQ.c2lnbmF0dXJl'
    expect(d.observe(call(10, '201.7.118.8', APP, other))).toBeNull()
    expect(d.observe(call(11, '201.7.118.8', 'python-requests/2.31.0', other))).toBeNull()
  })

  it('stays quiet behind a shared egress', () => {
    const egress = createSharedEgress()
    const d = createClientSwapDetector(undefined, egress)
    for (const consumer of ['acct-1', 'acct-2', 'acct-3'])
      egress.see(recordAt(T0, 0, { ip: '203.0.113.10', path: '/mobile/v3/carteira', consumer }))
    expect(d.observe(call(0, '201.7.117.8', APP))).toBeNull()
    expect(d.observe(call(5, '203.0.113.10', 'python-requests/2.31.0'))).toBeNull()
    // the same requests without the egress's other accounts are named
    const alone = createClientSwapDetector()
    expect(alone.observe(call(0, '201.7.117.8', APP))).toBeNull()
    expect(alone.observe(call(5, '203.0.113.10', 'python-requests/2.31.0'))).not.toBeNull()
  })
})
