// Host-override headers (X-Forwarded-Host, X-Host, X-Original-Host, X-HTTP-Host-Override, Forwarded's
// host=) tell an application which host the client asked for, and applications build absolute links from
// them: a password-reset or invitation link, a redirect, a cached page. A client that sets one to a host
// of its own gets the application to send users there (reset poisoning, cache poisoning). A proxy or CDN
// in front sets the same headers to the name it received, which shares the site's domain; so a claimed
// host is suspect when it is somewhere an attacker can receive traffic (a public address, a public name
// outside the domain of the request's Host) where Host is a DNS name, or carries characters no host name
// has. Private addresses and internal names (desk-backend.internal, *.svc.cluster.local) are where a proxy
// chain points, not where a poisoned link could take anyone.
import { isPrivateIp } from './ssrf-target'
import type { NamedValue } from './request-record'

export interface HostOverrideHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

const NOT_HOST = /[\s/\\@<>"'`{}|^%]/
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/
// Second-level labels under which a country's registrable names sit (example.co.jp, example.com.au).
const SECOND_LEVEL: ReadonlySet<string> = new Set([
  'co',
  'com',
  'net',
  'org',
  'ac',
  'go',
  'ne',
  'or',
  'gov',
  'edu',
  'ltd',
  'plc',
  'gr',
  'lg',
  'ad',
  'ed',
])

/** Host without port or IPv6 brackets, lower case, no trailing dot. */
export function bareHost(h: string): string {
  let s = h.trim().toLowerCase()
  if (s.startsWith('[')) {
    const end = s.indexOf(']')
    return end > 0 ? s.slice(1, end) : s
  }
  const colon = s.indexOf(':')
  if (colon >= 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon)
  return s.endsWith('.') ? s.slice(0, -1) : s
}

const INTERNAL_NAME =
  /(?:^|\.)(?:internal|local|localhost|localdomain|lan|corp|intranet|svc|home\.arpa)$/

export function isAddress(h: string): boolean {
  return IPV4.test(h) || h.includes(':')
}

/** The registrable domain of a DNS name: its last two labels, three under a country's second level. */
export function registrable(h: string): string {
  const labels = h.split('.')
  const n = labels.length
  const tld = labels[n - 1] ?? ''
  const second = labels[n - 2] ?? ''
  const take = n >= 3 && tld.length === 2 && SECOND_LEVEL.has(second) ? 3 : 2
  return labels.slice(-take).join('.')
}

/** The request's Host header as a bare host name ('' without one). */
export function requestHost(headers: readonly NamedValue[]): string {
  for (const h of headers) if (h.name === 'host') return bareHost(h.value)
  return ''
}

/** The host names a header value claims: each comma-separated entry, or Forwarded's host= parameters. */
function claimedHosts(value: string, forwarded: boolean): { host: string; index: number }[] {
  const out: { host: string; index: number }[] = []
  if (forwarded) {
    const re = /(?:^|[;,\s])host\s*=\s*("?)([^;,"]{0,300})\1/g
    for (let m = re.exec(value); m !== null && out.length < 8; m = re.exec(value))
      out.push({ host: m[2] ?? '', index: m.index })
    return out
  }
  let at = 0
  for (const part of value.split(',').slice(0, 8)) {
    out.push({ host: part, index: at })
    at += part.length + 1
  }
  return out
}

/**
 * Judges one host-override header value against the request's Host header (from `headers`). `name` is
 * the header's lower-case name (Forwarded is read for its host= parameters).
 */
export function judgeHostOverride(
  value: string,
  name: string,
  headers: readonly NamedValue[],
): HostOverrideHit | null {
  const host = requestHost(headers)
  const hostIsName = host.includes('.') && !isAddress(host)
  for (const c of claimedHosts(value, name === 'forwarded')) {
    const raw = c.host.trim()
    if (raw === '') continue
    if (NOT_HOST.test(raw))
      return {
        index: c.index,
        length: raw.length + 1,
        reason: 'host override with characters no host has',
      }
    const claimed = bareHost(raw)
    if (claimed === host || !hostIsName) continue
    if (isAddress(claimed)) {
      if (isPrivateIp(claimed)) continue
      return {
        index: c.index,
        length: raw.length + 1,
        reason: 'host override naming a public address',
      }
    }
    if (!claimed.includes('.') || INTERNAL_NAME.test(claimed)) continue
    if (registrable(claimed) !== registrable(host))
      return {
        index: c.index,
        length: raw.length + 1,
        reason: 'host override naming another domain',
      }
  }
  return null
}
