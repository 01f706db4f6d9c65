import { describe, expect, it } from 'vitest'
import { findForgedJwt } from './jwt-header'

const seg = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
const token = (header: unknown, sig = 'c2ln') => `${seg(header)}.${seg({ sub: 'u-1' })}.${sig}`

describe('forged JWT headers', () => {
  it('finds alg none in any case or spacing, signed or not', () => {
    for (const alg of ['none', 'None', 'NONE', ' none '])
      expect(findForgedJwt(`t=${token({ alg, typ: 'JWT' }, '')}`), alg).toMatchObject({
        reason: 'unsigned JWT (alg none)',
        index: 2,
      })
  })

  it('finds a kid that climbs or carries shell or SQL characters', () => {
    for (const kid of ['../../dev/null', "k1' union select 'x", 'k|id', '$(id)', '/etc/hostname'])
      expect(findForgedJwt(token({ alg: 'HS256', kid })), kid).not.toBeNull()
  })

  it('finds a header carrying its own HMAC key', () => {
    const secret = { kty: 'oct', kid: 'web-2026-02', k: 'a3VkdS1hdHRhY2tlcg' }
    expect(findForgedJwt(token({ alg: 'HS256', typ: 'JWT', jwk: secret }))?.reason).toBe(
      'JWT carrying its own HMAC key (jwk)',
    )
    // a DPoP proof carries its public key by design
    const pub = {
      kty: 'EC',
      crv: 'P-256',
      x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
      y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    }
    expect(findForgedJwt(token({ alg: 'ES256', typ: 'dpop+jwt', jwk: pub }))).toBeNull()
  })

  it("leaves issuers' tokens and look-alikes alone", () => {
    expect(findForgedJwt(token({ alg: 'RS256', kid: 'desk-2026q3', typ: 'JWT' }))).toBeNull()
    expect(findForgedJwt(token({ alg: 'ES256', kid: 'a1b2c3/rotating-key_7' }))).toBeNull()
    expect(findForgedJwt('eyes.on.the.prize and eyJ.not.a.token')).toBeNull()
    // a header that is no JSON object: base64 of garbage, an array, a string
    expect(findForgedJwt(`eyJub3QganNvbg.${seg({})}.x`)).toBeNull()
    expect(findForgedJwt(`${seg(['none'])}.${seg({})}.x`)).toBeNull()
    expect(findForgedJwt(`${seg('alg none')}.${seg({})}.x`)).toBeNull()
  })

  it('reads the second token when the first is an honest one', () => {
    const v = `${token({ alg: 'RS256' })} ${token({ alg: 'none' }, '')}`
    expect(findForgedJwt(v)?.index).toBeGreaterThan(10)
  })
})
