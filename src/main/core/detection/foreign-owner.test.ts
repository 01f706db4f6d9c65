import { describe, expect, it } from 'vitest'
import { judgeForeignOwner, judgeForeignOwnerParam } from './foreign-owner'

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

  it("reads the subject of a JWT kept in a cookie or in the app's own token header", () => {
    const token = jwt({ sub: 'KT-6690132' }).slice('Bearer '.length)
    const path = '/api/v1/accounts/kt-0000017/statements'
    expect(judgeForeignOwner(path, as('cookie', `kt_lang=en; kt_at=${token}`))?.reason).toBe(
      'kt-0000017 asked for by kt-6690132',
    )
    expect(judgeForeignOwner(path, as('x-kt-access-token', token))).not.toBeNull()
    // a member firm's user (the token names the firm): its administrators keep colleagues' profiles
    const firm = jwt({ sub: 'u-38710', member: '0387' }).slice('Bearer '.length)
    expect(judgeForeignOwner('/members/users/u-38722', as('cookie', `kccp_at=${firm}`))).toBeNull()
    expect(
      judgeForeignOwner('/api/v1/accounts/kt-6690132/statements', as('cookie', `kt_at=${token}`)),
    ).toBeNull()
  })

  it("reads the consumer's custom_id, the customer id Kong passes upstream", () => {
    // an algo key's consumer is named for the bot; its custom_id is the customer's
    expect(
      judgeForeignOwner('/v2/accounts/tr-109882/positions', [], 'algo-ozkan-bot', 'TR-109881')
        ?.reason,
    ).toBe('tr-109882 asked for by tr-109881')
    expect(
      judgeForeignOwner('/v2/accounts/tr-109881/positions', [], 'algo-ozkan-bot', 'TR-109881'),
    ).toBeNull()
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

describe("a path under the collection of the app's declared owner", () => {
  it("is a neighbour's record when it names another of the same shape", () => {
    const v = judgeForeignOwner(
      '/api/clients/100235/documents/tax-residency',
      as('x-wvb-client-context', '100234'),
    )
    expect(v?.reason).toBe('clients/100235 asked for under x-wvb-client-context: 100234')
    expect(
      judgeForeignOwner('/v2/customers/c-88120/limits', as('x-customer-id', 'C-88121')),
    ).not.toBeNull()
  })

  it("is the owner's own, or no owner's, otherwise", () => {
    const owner = as('x-wvb-client-context', '100234')
    expect(judgeForeignOwner('/api/clients/100234/documents', owner)).toBeNull()
    // the owner named elsewhere in the path; another collection; another length; OAuth's app id; a staff user
    expect(judgeForeignOwner('/api/clients/100234/payees/100235', owner)).toBeNull()
    expect(judgeForeignOwner('/api/orders/100235', owner)).toBeNull()
    expect(judgeForeignOwner('/api/clients/1002351/documents', owner)).toBeNull()
    expect(judgeForeignOwner('/api/clients/100235', as('x-client-id', '100234'))).toBeNull()
    expect(judgeForeignOwner('/admin/users/100235', as('x-user-id', '100234'))).toBeNull()
  })
})

describe('a parameter naming an owner', () => {
  it("is another customer's when it is of the caller's kind, or a number as long as the caller's", () => {
    expect(judgeForeignOwnerParam('query:cust_id', '10000001', [], 'cust-33018275')?.reason).toBe(
      'cust_id=10000001 asked for by cust-33018275',
    )
    expect(
      judgeForeignOwnerParam(
        'body:filter.customerId',
        'cus-0048211',
        as('x-consumer-custom-id', 'CUS-1990021'),
        null,
      ),
    ).not.toBeNull()
  })

  it("is the caller's own, or no owner at all, otherwise", () => {
    expect(judgeForeignOwnerParam('query:cust_id', '33018275', [], 'cust-33018275')).toBeNull()
    // another length of number, another name, an app's client id, no identity
    expect(judgeForeignOwnerParam('query:cust_id', '1000001', [], 'cust-33018275')).toBeNull()
    expect(judgeForeignOwnerParam('query:order_no', '10000001', [], 'cust-33018275')).toBeNull()
    expect(judgeForeignOwnerParam('query:client_id', '10000001', [], 'cust-33018275')).toBeNull()
    expect(judgeForeignOwnerParam('query:cust_id', '10000001', [], 'ledgerly-budget')).toBeNull()
    expect(judgeForeignOwnerParam('query:cust_id', '10000001', [], null)).toBeNull()
  })
})
