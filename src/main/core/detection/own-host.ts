// Two probes that only make sense against the site they are sent to, told by comparing a value with the
// request's own Host header.
//
// A look-alike URL: a redirect_uri, return URL or callback whose host begins with the site's own name
// and goes on into someone else's domain (`api.broker.example.cb-auth.click`, `broker.example-login.co`),
// or names the site in the userinfo before an `@`. Redirect checks that test "starts with our host" pass
// it, and the browser then carries a code or token to the attacker. A URL on the site itself or on any
// other domain is not judged here: partners' and single sign-on hosts are ordinary.
//
// A backup archive named after the site: scanners ask for `/<host>.zip`, `/<domain>.tar.gz` or
// `/<name>.sql` at the root, where a careless deploy leaves one.
import { bareHost, isAddress, registrable, requestHost } from './host-override'
import type { NamedValue } from './request-record'

export interface OwnHostHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

// A value that is one absolute or scheme-relative http(s) URL, and its authority (up to the first `/`, `?`
// or `#`: a backslash inside it is where parsers disagree, so it is kept).
const ONE_URL = /^\s{0,4}(?:https?:)?\/\/([^/?#\s]{1,400})[^\s]{0,4000}$/

/** The site's host name and its registrable domain, when the Host header names a DNS name. */
function ownNames(headers: readonly NamedValue[]): { host: string; domain: string } | null {
  const host = requestHost(headers)
  if (!host.includes('.') || isAddress(host)) return null
  return { host, domain: registrable(host) }
}

/** Judges a value (decoded, lower case) that may be a URL against the request's Host. */
export function judgeLookalikeUrl(
  value: string,
  headers: readonly NamedValue[],
): OwnHostHit | null {
  if (!value.includes('//')) return null
  const m = ONE_URL.exec(value)
  if (!m) return null
  const own = ownNames(headers)
  if (!own) return null
  // The host after the last `@` is where a lenient parser goes (`https://site.example\\@evil.example`);
  // before it, up to a backslash or a port, where a strict one does.
  const authority = m[1] ?? ''
  const at = authority.lastIndexOf('@')
  const userinfo = at < 0 ? '' : authority.slice(0, at)
  const host = bareHost((at < 0 ? authority : authority.slice(at + 1)).split('\\')[0] ?? '')
  if (host === own.host || !host.includes('.') || isAddress(host)) return null
  if (registrable(host) === own.domain) return null
  const names = [own.host, own.domain]
  if (names.some((n) => host.startsWith(`${n}.`) || host.startsWith(`${n}-`)))
    return { index: 0, length: m[0].length, reason: "a look-alike of the site's own host" }
  // the site as the userinfo (`site.example@`, `site.example:443@`, `www.site.example\\@`)
  const named = bareHost(userinfo.replace(/[\\/]+$/, ''))
  if (userinfo !== '' && named.includes('.') && registrable(named) === own.domain)
    return {
      index: 0,
      length: m[0].length,
      reason: 'the site named as userinfo before another host',
    }
  return null
}

const ARCHIVE =
  /^\/([a-z0-9.-]{1,255}?)\.(?:zip|tar|tgz|tar\.gz|tar\.bz2|tar\.xz|7z|rar|gz|bak|sql|sql\.gz)$/

/** Judges a request path (decoded, lower case) against the request's Host. */
export function judgeHostNamedArchive(
  path: string,
  headers: readonly NamedValue[],
): OwnHostHit | null {
  const m = ARCHIVE.exec(path)
  if (!m) return null
  const own = ownNames(headers)
  if (!own) return null
  const name = m[1] ?? ''
  // the host, its domain, or the domain's name without the suffix (broker.example → broker)
  const label = own.domain.split('.')[0] ?? ''
  const withoutWww = own.host.startsWith('www.') ? own.host.slice(4) : own.host
  if (
    name === own.host ||
    name === withoutWww ||
    name === own.domain ||
    (label.length >= 3 && name === label)
  )
    return { index: 0, length: path.length, reason: 'a backup archive named after the site' }
  return null
}
