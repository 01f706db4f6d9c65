import { describe, expect, it } from 'vitest'
import { judgeForeignOwner } from './foreign-owner'

const jwt = (claims: object): string =>
  `Bearer eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`
const as = (name: string, value: string) => [{ name, value }]

describe("a path naming a record of the caller's kind", () => {
  it('is another customer when the identifier is not the caller', () => {
    const v = judgeForeignOwner(
      '/v1/customers/cus-0048211/documents',
      as('authorization', jwt({ sub: 'CUS-1990021' })),
    )
    expect(v?.reason).toBe('cus-0048211 asked for by cus-1990021')
    expect(
      judgeForeignOwner(
        '/api/investors/inv-20988/k1.pdf',
        as('x-authenticated-userid', 'inv-20931@portal'),
      ),
    ).not.toBeNull()
    // a provider's prefix on the subject (`idp|u_88120`)
    expect(
      judgeForeignOwner(
        '/users/u_77001/settings',
        as('authorization', jwt({ sub: 'idp|u_88120' })),
      ),
    ).not.toBeNull()
  })

  it("is the caller's own business when the path names the caller, or ids of another kind", () => {
    const caller = as('x-consumer-custom-id', 'CUS-1990021')
    expect(judgeForeignOwner('/v1/customers/cus-1990021/documents', caller)).toBeNull()
    expect(judgeForeignOwner('/v1/customers/cus-1990021/payees/cus-0048211', caller)).toBeNull()
    expect(judgeForeignOwner('/v1/orders/ord-7781220', caller)).toBeNull()
    // another separator is another kind (`cus0048211`)
    expect(judgeForeignOwner('/v1/customers/cus0048211', caller)).toBeNull()
  })

  it('has nothing to weigh without an identity of that shape', () => {
    const path = '/v1/customers/cus-0048211/documents'
    expect(judgeForeignOwner(path, [])).toBeNull()
    expect(judgeForeignOwner(path, as('authorization', jwt({ sub: '1990021' })))).toBeNull()
    expect(judgeForeignOwner(path, as('authorization', 'Bearer opaque-token-value'))).toBeNull()
    expect(judgeForeignOwner(path, as('authorization', 'Bearer aaaa.bbbb.cccc'))).toBeNull()
    // an identity header the client wrote is not one the gateway vouches for
    expect(judgeForeignOwner(path, as('x-user-id', 'cus-1990021'))).toBeNull()
  })
})
