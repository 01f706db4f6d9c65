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

// Parameters whose URL the browser is sent on to after a login or a payment: where a look-alike carries
// the user, or a code or token, away. Their names end in one of these words (`returnTo`, `next_url`,
// `redirect_uri`, `RelayState`, `successUrl`), whole or after a separator (`post_logout_redirect_uri`, but
// not `feedback`).
const REDIRECT_FIELD =
  /^(?:[a-z0-9_-]*[-_])?(?:return|redirect|next|continue|goto|dest(?:ination)?|callback|relay|forward|success|cancel|back|target|landing)(?:[-_]?(?:to|url|uri|page|path|state))?$/i

/** True when a parameter's name (`query:returnTo`, `body:auth.redirect_uri`) names a redirect target. */
function isRedirectField(field: string): boolean {
  const name = field.slice(Math.max(field.lastIndexOf(':'), field.lastIndexOf('.')) + 1)
  return REDIRECT_FIELD.test(name)
}

/**
 * Where a foreign host (not the site's domain) takes the site's name: its domain run on into another one
 * (`broker.example.cb-auth.click`, `portal.broker.example.verify.top`), or, in a redirect parameter only,
 * the domain with a hyphen for its dot as a label (`broker-example.verify.top`), a domain of the site's
 * name and a word (`broker-secure.top`, `login-broker.com`), the site's name and some
 * other suffix (`broker.lu.verify.top`: a sister domain of the site's, or a guess at one), or any other
 * company's host name so run on (`app.partner.com.cb-verify.top`: a partner's registered callback, passed
 * by a check that its host starts with the partner's). Outside a
 * redirect, a provider's tenant may be named so (`broker-example.helpdesk.example`, a regional
 * `broker.eu.idp.example` in a configuration); a tenant named plainly after the site
 * (`broker.okta.example`) is never a look-alike: the name is followed straight by the foreign domain.
 */
function takesOwnName(
  host: string,
  own: { host: string; domain: string },
  redirect: boolean,
): boolean {
  const names = [own.host, own.domain]
  if (names.some((n) => host.startsWith(`${n}.`) || host.startsWith(`${n}-`))) return true
  const foreign = registrable(host)
  const name = own.domain.split('.')[0] ?? ''
  // in a redirect, a domain of the site's name and a word (`kudutrade-secure.top`, `login-kudutrade.com`)
  if (redirect && name.length >= 4) {
    const label = foreign.split('.')[0] ?? ''
    if (label.startsWith(`${name}-`) || label.endsWith(`-${name}`)) return true
  }
  const sub = host.slice(0, Math.max(0, host.length - foreign.length - 1))
  if (sub === '') return false
  if (`.${sub}.`.includes(`.${own.domain}.`)) return true
  if (!redirect) return false
  const labels = sub.split('.')
  if (labels.includes(own.domain.replaceAll('.', '-'))) return true
  const at = labels.indexOf(name)
  if (name.length >= 4 && at >= 0 && at < labels.length - 1) return true
  return holdsDomain(labels)
}

// Generic top-level domains that end the names of companies' sites: a label pair such as `partner.com` in
// front of another domain is a whole host name run on into that domain. Country codes are not read as
// such, since providers' regional names use them (`tenant.eu.idp.example`), nor are the newer ones that
// are also everyday subdomain words (`app`, `dev`, `cloud`: `myapp.dev.partner.example` is a partner's
// development host).
const GENERIC_TLDS: ReadonlySet<string> = new Set('com net org info biz io example'.split(' '))

/** True when a host's labels before its registrable domain end a host name of their own. */
function holdsDomain(labels: readonly string[]): boolean {
  for (let i = 1; i < labels.length; i++)
    if (GENERIC_TLDS.has(labels[i] as string) && (labels[i - 1] as string).length >= 3) return true
  return false
}

/**
 * Judges a value (decoded, lower case) that may be a URL against the request's Host. `field` is where the
 * value was sent (`query:returnTo`).
 */
export function judgeLookalikeUrl(
  value: string,
  headers: readonly NamedValue[],
  field = '',
): OwnHostHit | null {
  if (!value.includes('//')) return null
  const m = ONE_URL.exec(value)
  if (!m) return null
  const own = ownNames(headers)
  if (!own) return null
  // The host after the last `@` is where a lenient parser goes (`https://site.example\\@evil.example`);
  // before it, up to a backslash or a port, where a strict one does.
  // Browsers read a backslash as a slash in http(s) URLs: `//\evil.example` goes to evil.example.
  const authority = (m[1] ?? '').replace(/^[\\/]+/, '')
  const at = authority.lastIndexOf('@')
  const userinfo = at < 0 ? '' : authority.slice(0, at)
  const host = bareHost((at < 0 ? authority : authority.slice(at + 1)).split('\\')[0] ?? '')
  if (host === own.host || !host.includes('.') || isAddress(host)) return null
  if (registrable(host) === own.domain) return null
  if (takesOwnName(host, own, isRedirectField(field)))
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

// A script element and its attributes: `<script src="https://widget.site.example/v2/ticker.js"
// data-symbols="…" async></script>`, as a site's embed guide prints it.
const TAG = /<\/?([a-z][a-z0-9-]{0,30})\b([^<>]{0,600})>|<[!?]/g
const ATTRIBUTE =
  /([a-z][a-z0-9_:-]{0,40})(?:\s{0,4}=\s{0,4}(?:"([^"]{0,400})"|'([^']{0,400})'|([^\s"'=<>`]{1,400})))?/g
const WIDGET_ATTRIBUTES =
  /^(?:src|async|defer|type|charset|crossorigin|integrity|id|referrerpolicy|data-[a-z0-9_-]{1,40})$/
const SCRIPT_PAIR = /<script\b[^<>]{0,600}>\s{0,8}<\/script\s{0,4}>/g

/**
 * True when every piece of markup in `text` (decoded, lower case) is a script element, empty, that loads
 * a script file over https from the site's own domain, with only the attributes an embed snippet has (no
 * event handler, no inline code): the site's own published widget, quoted by a customer asking how to
 * embed it. A script from any other host, or any other markup, keeps the value judged.
 */
export function quotesOwnWidget(text: string, headers: readonly NamedValue[]): boolean {
  const own = ownNames(headers)
  if (!own || !text.includes('<script')) return false
  // every script element is empty: its opening and closing tags are adjacent
  const rest = text.replace(SCRIPT_PAIR, ' ')
  if (/<[a-z!?/]/.test(rest)) return false
  TAG.lastIndex = 0
  for (let m = TAG.exec(text); m !== null; m = TAG.exec(text)) {
    if (m[1] !== 'script') return false
    if (m[0].startsWith('</')) continue
    let src = ''
    ATTRIBUTE.lastIndex = 0
    const attrs = m[2] ?? ''
    for (let a = ATTRIBUTE.exec(attrs); a !== null; a = ATTRIBUTE.exec(attrs)) {
      const name = a[1] ?? ''
      if (!WIDGET_ATTRIBUTES.test(name)) return false
      if (name === 'src') src = a[2] ?? a[3] ?? a[4] ?? ''
    }
    const url =
      /^https:\/\/([a-z0-9.-]{1,253})(?::443)?\/[a-z0-9._~/-]{1,200}\.js(?:\?[a-z0-9=&._-]{0,60})?$/.exec(
        src,
      )
    if (!url || /callback|jsonp/.test(src)) return false
    const host = url[1] ?? ''
    if (host !== own.host && registrable(host) !== own.domain) return false
  }
  return true
}
