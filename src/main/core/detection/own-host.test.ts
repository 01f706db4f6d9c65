import { describe, expect, it } from 'vitest'
import { judgeConflictingId } from './conflicting-id'
import { judgeHostNamedArchive, judgeLookalikeUrl } from './own-host'

const host = (h: string) => [{ name: 'host', value: h }]

describe('a URL weighed against the site it was sent to', () => {
  it("is a look-alike when it begins with the site's name and goes on into another domain", () => {
    const h = host('api.broker.example')
    expect(judgeLookalikeUrl('https://api.broker.example.cb-auth.click/cb', h)).not.toBeNull()
    expect(judgeLookalikeUrl('//broker.example-login.co/x', h)).not.toBeNull()
    expect(
      judgeLookalikeUrl('https://api.broker.example@198.51.100.7.example.net/', h),
    ).not.toBeNull()
    // a backslash before the @: strict parsers stop at it, lenient ones go to the host after the @
    expect(
      judgeLookalikeUrl('https://www.broker.example\\@cv-login.example.net/cb', h),
    ).not.toBeNull()
  })

  it("is a look-alike when another domain takes the site's domain or, in a redirect, its name", () => {
    const h = host('login.broker.example')
    // the domain inside the foreign host; in a redirect, with a hyphen for its dot
    expect(judgeLookalikeUrl('https://portal.broker.example.verify.top/x', h)).not.toBeNull()
    expect(
      judgeLookalikeUrl('//broker-example.sso-check.net/\\../home', h, 'query:return_to'),
    ).not.toBeNull()
    // the site's name with another suffix (a sister domain), in a parameter the browser is sent to
    const sister = 'https://portal.broker.lu.session-check.top/dashboard'
    expect(judgeLookalikeUrl(sister, h, 'query:returnTo')).not.toBeNull()
    expect(judgeLookalikeUrl(sister, h, 'body:auth.post_logout_redirect_uri')).not.toBeNull()
    // …but not in any other field: a configuration may name a provider's regional tenant
    expect(judgeLookalikeUrl(sister, h, 'body:feedback')).toBeNull()
    expect(judgeLookalikeUrl(sister, h, 'body:issuer')).toBeNull()
    // a backslash after the two slashes, which browsers read as a third slash
    expect(
      judgeLookalikeUrl(
        '//\\broker.example.secure-login.click/in',
        h,
        'query:post_logout_redirect_uri',
      ),
    ).not.toBeNull()
    // in a redirect, any company's host name run on into another domain (a partner's callback)
    const partner = 'https://app.ledger-pal.com.oauth-cb.top/callback'
    expect(judgeLookalikeUrl(partner, h, 'query:redirect_uri')).not.toBeNull()
    expect(judgeLookalikeUrl(partner, h, 'query:logo')).toBeNull()
    expect(
      judgeLookalikeUrl('https://tenant.eu.idp.example/cb', h, 'query:redirect_uri'),
    ).toBeNull()
    expect(
      judgeLookalikeUrl('https://myapp.dev.partner.example/cb', h, 'query:redirect_uri'),
    ).toBeNull()
    // a tenant named after the site on a provider's domain is no look-alike, even as a redirect
    expect(judgeLookalikeUrl('https://broker.okta.example/app', h, 'query:next')).toBeNull()
    expect(judgeLookalikeUrl('https://broker-example.helpdesk.example/hc', h)).toBeNull()
    // a name too short to be the site's is not read as it
    expect(
      judgeLookalikeUrl('https://ab.lu.example.net/x', host('www.ab.example'), 'query:next'),
    ).toBeNull()
  })

  it('is ordinary on the site, under its domain, elsewhere, or inside text', () => {
    const h = host('api.broker.example:443')
    expect(judgeLookalikeUrl('https://api.broker.example/cb', h)).toBeNull()
    expect(judgeLookalikeUrl('https://auth.broker.example/cb?x=1', h)).toBeNull()
    expect(judgeLookalikeUrl('https://login.idp.example/broker.example', h)).toBeNull()
    expect(judgeLookalikeUrl('see https://api.broker.example.evil.example/ now', h)).toBeNull()
    // without a DNS name in Host there is nothing to look like
    expect(judgeLookalikeUrl('https://10.0.0.5.evil.example/', host('10.0.0.5'))).toBeNull()
  })
})

describe('an archive asked for at the root', () => {
  it('is a probe when it is named after the site', () => {
    const h = host('www.broker.example')
    expect(judgeHostNamedArchive('/www.broker.example.zip', h)).not.toBeNull()
    expect(judgeHostNamedArchive('/broker.example.tar.gz', h)).not.toBeNull()
    expect(judgeHostNamedArchive('/broker.sql', h)).not.toBeNull()
  })

  it('is not when it has another name or sits under a path', () => {
    const h = host('www.broker.example')
    expect(judgeHostNamedArchive('/release-1.2.zip', h)).toBeNull()
    expect(judgeHostNamedArchive('/files/broker.example.zip', h)).toBeNull()
    expect(judgeHostNamedArchive('/broker.example.pdf', h)).toBeNull()
  })
})

describe('an identifier given twice', () => {
  it('conflicts when one value is the record the path names and another is not', () => {
    expect(
      judgeConflictingId('account_id', 'acc-1,acc-2', '/api/accounts/ACC-1/statements'),
    ).not.toBeNull()
    expect(judgeConflictingId('portfolioId', 'p-88,p-12', '/v2/portfolios/p-88')).not.toBeNull()
  })

  it('does not when the path names neither, the values agree, or the name is no identifier', () => {
    expect(judgeConflictingId('account_id', 'acc-1,acc-2', '/api/statements')).toBeNull()
    expect(judgeConflictingId('account_id', 'acc-1,acc-1', '/api/accounts/acc-1')).toBeNull()
    expect(judgeConflictingId('status', 'open,filled', '/api/accounts/open')).toBeNull()
  })
})
