// The client behind trusted proxies. When the gateway sits behind a load balancer it has not been told to
// trust (Kong's trusted_ips / real_ip_header, nginx's set_real_ip_from), every request's client address is
// the balancer's, and per-address windows would hold the whole desk as one client. With the balancer's
// addresses configured as trusted, the client is read from X-Forwarded-For (or Forwarded, RFC 7239) the
// way proxies write it: from the right, skipping trusted hops; the first address that is not a trusted
// proxy is the client. Entries further left were written by the client itself and are never believed.
import { inCidr, parseCidr, parseIp, type Cidr } from '../../../shared/cidr'
import type { RequestRecord } from './request-record'
import { isPrivateIp } from './ssrf-target'

export type TrustedProxies = (ip: string) => boolean

/** A matcher over the blocks; throws naming the first entry that is not an address or a CIDR block. */
export function trustedProxies(blocks: readonly string[]): TrustedProxies | null {
  if (blocks.length === 0) return null
  const cidrs: Cidr[] = blocks.map((b) => {
    const c = parseCidr(b)
    if (!c) throw new Error(`trusted proxy "${b.slice(0, 64)}" is not an IP address or CIDR block`)
    return c
  })
  // Requests from the same address come in runs: remember the last answer.
  let lastIp = ''
  let lastAnswer = false
  return (ip) => {
    if (ip === lastIp) return lastAnswer
    const bytes = parseIp(ip)
    lastIp = ip
    lastAnswer = bytes !== null && cidrs.some((c) => inCidr(bytes, c))
    return lastAnswer
  }
}

/** One X-Forwarded-For or Forwarded `for=` entry without port, brackets or quotes. */
function hopAddress(entry: string): string {
  let s = entry.trim()
  if (s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1)
  if (s.startsWith('[')) return s.slice(1, s.indexOf(']') < 0 ? undefined : s.indexOf(']'))
  // 192.0.2.7:4711 — an IPv4 address with a port (IPv6 without brackets has more than one colon).
  const colon = s.indexOf(':')
  if (colon >= 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon)
  return s
}

/** The hops a request passed, in order, from X-Forwarded-For, else from Forwarded's `for=` parameters. */
function hops(r: RequestRecord): string[] {
  const xff = r.headers.filter((h) => h.name === 'x-forwarded-for')
  if (xff.length > 0)
    return xff
      .flatMap((h) => h.value.split(','))
      .map(hopAddress)
      .filter((s) => s !== '')
  const out: string[] = []
  for (const h of r.headers) {
    if (h.name !== 'forwarded') continue
    for (const element of h.value.split(',')) {
      const m = /(?:^|;)\s*for\s*=\s*("[^"]*"|[^;,\s]+)/i.exec(element)
      if (m?.[1]) out.push(hopAddress(m[1]))
    }
  }
  return out
}

/**
 * The client address of a request that came from a trusted proxy: the right-most hop that is not a trusted
 * proxy. Null when there is nothing better to say (no forwarding header, or a hop that is no address: what
 * lies beyond it cannot be believed), in which case the proxy's address stays the client.
 */
export function clientBehindProxies(r: RequestRecord, trusted: TrustedProxies): string | null {
  const list = hops(r)
  for (let i = list.length - 1; i >= 0; i--) {
    const hop = list[i] as string
    if (parseIp(hop) === null) return null
    if (!trusted(hop)) return hop
  }
  // Every hop is a trusted proxy: the left-most is as close to the client as can be known.
  return list[0] ?? null
}

/**
 * The network an address egresses from, as one organisation's addresses share it: the /24 of an IPv4
 * address, the /48 of an IPv6 one (its first three groups). A firm's proxy pool or NAT gateways rotate
 * inside one such block; addresses an attacker gathers (cloud hosts, residential proxies) fall in many.
 * Private addresses are all one network, the site's own: its pods and subnets are one organisation.
 */
export function networkOf(ip: string): string {
  if (isPrivateIp(ip)) return 'private'
  if (ip.includes(':')) {
    // an IPv4-mapped address is judged as IPv4
    const v4 = ip.slice(ip.lastIndexOf(':') + 1)
    if (v4.includes('.')) return networkOf(v4)
    return ipv6Prefix(ip, 3)
  }
  const dot = ip.lastIndexOf('.')
  return dot < 0 ? ip : ip.slice(0, dot)
}

/**
 * The host behind an address: an IPv4 address itself, the /64 of an IPv6 one (its first four groups). A
 * /64 is one subscriber's network, its addresses the same machines (privacy addresses change hourly), and
 * a server rents a whole /64 to rotate through; counting per address there counts nothing.
 */
export function hostOf(ip: string): string {
  if (!ip.includes(':')) return ip
  const v4 = ip.slice(ip.lastIndexOf(':') + 1)
  if (v4.includes('.')) return v4
  return ipv6Prefix(ip, 4)
}

/** The first `n` groups of an IPv6 address, `::` expanded and leading zeros dropped (`2a01:4f8:0:5d7e`). */
export function ipv6Prefix(ip: string, n: number): string {
  const lower = ip.toLowerCase().split('%')[0] as string
  const halves = lower.split('::')
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length > 1 && halves[1] ? halves[1].split(':') : []
  const groups =
    halves.length > 1
      ? [...head, ...Array<string>(Math.max(0, 8 - head.length - tail.length)).fill('0'), ...tail]
      : head
  return groups
    .slice(0, n)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')
}
