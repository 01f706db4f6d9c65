import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createKeyConfusionDetector } from './key-confusion'

const T0 = Date.UTC(2026, 3, 14, 2, 0, 0)
const b64u = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')

/** A token with the given header and claims (the signature is never checked here). */
const token = (header: Record<string, string>, sub = 'trader.7') =>
  `${b64u(header)}.${b64u({ iss: 'https://sso.desk.example', sub, role: 'viewer' })}.c2lnbmF0dXJl`

const call = (minute: number, ip: string, jwt: string, header = 'authorization') =>
  recordAt(T0, minute, {
    ip,
    path: '/api/v1/positions',
    status: 200,
    headers: [{ name: header, value: header === 'authorization' ? `Bearer ${jwt}` : jwt }],
  })

const RS = { alg: 'RS256', typ: 'JWT', kid: 'desk-2026-04' }

describe('JWT algorithm confusion', () => {
  it('names an HMAC token that reuses the kid of the issuer’s RSA key', () => {
    const d = createKeyConfusionDetector()
    expect(d.observe(call(0, '198.51.100.4', token(RS, 'a')))).toBeNull()
    expect(d.observe(call(1, '198.51.100.5', token(RS, 'b')))).toBeNull()
    const forged = d.observe(
      call(2, '203.0.113.9', token({ alg: 'HS256', typ: 'JWT', kid: 'desk-2026-04' }, 'ops.root')),
    )
    expect(forged?.rule).toBe('behaviour.jwt-key-confusion')
    expect(forged?.summary).toContain('HS256')
    expect(forged?.summary).toContain('desk-2026-04')
    // in a token header of its own name as well
    const again = d.observe(
      call(3, '203.0.113.9', token({ alg: 'hs512', kid: 'desk-2026-04' }), 'x-session-token'),
    )
    expect(again?.rule).toBe('behaviour.jwt-key-confusion')
  })

  it('stays quiet on HMAC keys of their own, kids seen once, and tokens without a kid', () => {
    const d = createKeyConfusionDetector()
    // a service signing its own HMAC tokens under its own kid, beside the issuer's RSA tokens
    for (let i = 0; i < 5; i++) {
      expect(d.observe(call(i, '198.51.100.4', token(RS)))).toBeNull()
      expect(d.observe(call(i, '10.2.0.7', token({ alg: 'HS256', kid: 'svc-hmac-1' })))).toBeNull()
    }
    // a kid seen on one RSA token only is not yet known to name a public key
    expect(d.observe(call(6, '198.51.100.9', token({ alg: 'ES256', kid: 'edge-1' })))).toBeNull()
    expect(d.observe(call(7, '198.51.100.9', token({ alg: 'HS256', kid: 'edge-1' })))).toBeNull()
    // no kid: nothing to tie the token to a key
    expect(d.observe(call(8, '198.51.100.9', token({ alg: 'HS256' })))).toBeNull()
    // not a JWT at all
    expect(d.observe(call(9, '198.51.100.9', 'opaque-token-9f2c'))).toBeNull()
    // (only kids of asymmetric tokens are kept)
    expect(d.size).toBe(2)
  })
})
