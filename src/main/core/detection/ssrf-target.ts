// Judges URLs found in request values as server-side request forgery targets: dangerous schemes, cloud
// metadata, loopback, addresses written in encoded forms, and private ranges when the client is outside.
import { isConversationMessage, isConversationQuestion } from './conversation'

export interface SsrfVerdict {
  readonly index: number
  readonly length: number
  readonly reason: string
  readonly confidence: number
}

const URL_RE = /([a-z][a-z0-9+.-]{1,15}):\/\/([^/?#\s'"<>\\]{0,255})/g
const DEFANGED_SCHEME = /^h[x*]{2}ps?$/
const DEFANGED_HOST = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\[:\]/
const DANGEROUS_SCHEMES = new Set([
  'gopher',
  'dict',
  'file',
  'jar',
  'ldap',
  'ldaps',
  'sftp',
  'tftp',
  'netdoc',
  'expect',
  'phar',
  'php',
])
// Schemes a server's own client fetches (the dangerous ones above aside). An app's custom scheme
// (`broker://research/r-1`) opens the mobile app on a phone; no server resolves its "host".
const FETCHED_SCHEMES = new Set([
  'http',
  'https',
  'ftp',
  'ftps',
  'ws',
  'wss',
  'smb',
  'nfs',
  'rtsp',
  'rtmp',
  'imap',
  'pop3',
  'smtp',
  'telnet',
  'scp',
])
const METADATA_HOSTS =
  /^(?:metadata(?:\.[a-z0-9-]+)*|192\.0\.0\.192|metadata\.google\.internal|metadata\.goog|instance-data|instance-data\.ec2\.internal|metadata\.azure\.com|100\.100\.100\.200|169\.254\.169\.254|169\.254\.170\.2|fd00:ec2::254)$/
// Wildcard DNS services answer with the address written in the name, with or without labels before it
// (10.0.0.12.nip.io, app.10.0.0.12.sslip.io, app-10-0-0-12.sslip.io).
const REBIND =
  /^(?:[a-z0-9-]{0,63}?[a-z][a-z0-9]{0,62}[.-]){0,3}?(?:(\d{1,3}(?:[.-]\d{1,3}){3})[.-])?[a-z0-9-]*\.?(?:nip\.io|xip\.io|sslip\.io|localtest\.me|lvh\.me|vcap\.me|traefik\.me)$/

// DNS-rebinding services (rbndr.us and its kind) answer with addresses written as 8-hex-digit labels at
// the front of the name, alternating between them: 7f000001.a9fea9fe.rbndr.us answers 127.0.0.1 and
// 169.254.169.254 in turn, so a check that resolved it once to a harmless address is passed on the next
// lookup. Two such labels are the rebinding form; one alone counts only for loopback or the metadata
// address, since short hex labels also name ordinary hosts.
const HEX_LABELS = /^([0-9a-f]{8})\.(?:([0-9a-f]{8})\.)?[a-z0-9-]{1,63}\.[a-z0-9.-]{2,}$/
const HEX_LABEL_ALONE: ReadonlySet<string> = new Set(['7f000001', 'a9fea9fe'])

function hexLabelAddress(label: string): string {
  const n = parseInt(label, 16)
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

/** Parses an IPv4 address in any form a resolver accepts (decimal, hex, octal, short), or null. */
export function parseLooseIpv4(host: string): { octets: number[]; encoded: boolean } | null {
  const parts = host.split('.')
  if (parts.length < 1 || parts.length > 4) return null
  const nums: number[] = []
  let encoded = parts.length !== 4
  for (const p of parts) {
    let v: number
    if (/^0x[0-9a-f]+$/.test(p)) {
      v = parseInt(p.slice(2), 16)
      encoded = true
    } else if (/^0[0-7]+$/.test(p)) {
      v = parseInt(p, 8)
      encoded = true
    } else if (/^\d+$/.test(p)) v = Number(p)
    else return null
    if (!Number.isFinite(v)) return null
    nums.push(v)
  }
  const last = nums.pop() ?? 0
  const octets = [...nums]
  if (octets.some((o) => o > 255)) return null
  const remaining = 4 - octets.length
  if (last >= 2 ** (8 * remaining)) return null
  for (let k = remaining - 1; k >= 0; k--) octets.push(Math.floor(last / 2 ** (8 * k)) % 256)
  return { octets, encoded }
}

/** Offsets of the first two dots when the text is four runs of digits joined by dots, else null. */
function dottedQuad(s: string): [number, number] | null {
  let dots = 0
  let first = -1
  let second = -1
  let run = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x30 && c <= 0x39) run++
    else if (c === 0x2e && run > 0 && dots < 3) {
      if (dots === 0) first = i
      else if (dots === 1) second = i
      dots++
      run = 0
    } else return null
  }
  return dots === 3 && run > 0 ? [first, second] : null
}

/** True for RFC 1918, loopback, link-local, CGNAT and unique-local addresses. */
export function isPrivateIp(ip: string | null): boolean {
  if (!ip) return false
  // Called for every request: a dotted quad is read by hand rather than with a capturing regex.
  const dots = dottedQuad(ip)
  if (dots) {
    const a = Number(ip.slice(0, dots[0]))
    const b = Number(ip.slice(dots[0] + 1, dots[1]))
    return (
      a === 10 ||
      a === 127 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    )
  }
  const l = ip.toLowerCase()
  return l === '::1' || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('fe80')
}

function judgeHost(
  hostRaw: string,
  clientPrivate: boolean,
): { reason: string; confidence: number } | null {
  let host = hostRaw
  const at = host.lastIndexOf('@')
  if (at >= 0) host = host.slice(at + 1)
  if (host.startsWith('[')) {
    const end = host.indexOf(']')
    host = host.slice(1, end < 0 ? undefined : end)
  } else {
    const colon = host.indexOf(':')
    if (colon >= 0 && host.indexOf(':', colon + 1) < 0) host = host.slice(0, colon)
  }
  // Parsers disagree on where a host ends (`127.0.0.1!/`, `[::1` without `]`); read only host characters.
  host = (/^[a-z0-9.:_%-]*/.exec(host)?.[0] ?? '').replace(/\.$/, '')
  if (host === '') return null
  if (METADATA_HOSTS.test(host)) return { reason: 'cloud metadata endpoint', confidence: 0.95 }
  if (
    /^(?:localhost|localhost\.localdomain|ip6-localhost|ip6-loopback|loopback)$/.test(host) ||
    host.endsWith('.localhost')
  ) {
    return { reason: 'loopback target', confidence: 0.9 }
  }
  // IPv6 forms: ::1, ::, ::ffff:127.0.0.1, 0:0:0:0:0:ffff:7f00:1
  if (host.includes(':')) return judgeIpv6(host, clientPrivate)
  const rebind = REBIND.exec(host)
  if (rebind) {
    const embedded = rebind[1]?.replace(/-/g, '.')
    return embedded
      ? (judgeHost(embedded, clientPrivate) ?? { reason: 'wildcard DNS name', confidence: 0.7 })
      : { reason: 'wildcard DNS name for a local address', confidence: 0.8 }
  }
  const hex = HEX_LABELS.exec(host)
  if (hex) {
    const labels = hex[2]
      ? [hex[1] ?? '', hex[2]]
      : HEX_LABEL_ALONE.has(hex[1] ?? '')
        ? [hex[1] ?? '']
        : []
    for (const label of labels) {
      const v = judgeHost(hexLabelAddress(label), clientPrivate)
      if (v) return { reason: `DNS-rebinding name (${v.reason})`, confidence: 0.85 }
    }
  }
  const ip = parseLooseIpv4(host)
  if (!ip) {
    // Integers past 32 bits still reach an address in parsers that wrap; no real name looks like this.
    if (/^(?:\d{9,}|0x[0-9a-f]{9,})$/.test(host))
      return { reason: 'IP address in encoded form', confidence: 0.8 }
    // A bare single-label name (http://redis:6379/, http://intranet/) only resolves inside a network.
    if (/^[a-z][a-z0-9_-]{0,62}$/.test(host) && !clientPrivate)
      return { reason: 'internal single-label host', confidence: 0.7 }
    // Names only a cluster's or a home network's resolver answers: Kubernetes service DNS
    // (kubernetes.default.svc, redis.desk.svc.cluster.local) and the reserved local zones. Not *.internal
    // or *.local: desks name their own services there, and register webhooks to them.
    if (INTERNAL_ZONE.test(host) && !clientPrivate)
      return { reason: 'internal DNS name requested from outside', confidence: 0.75 }
    return null
  }
  const [a, b] = ip.octets
  if (a === 169 && b === 254) return { reason: 'link-local (metadata) address', confidence: 0.95 }
  if (a === 127 || (a === 0 && ip.octets.every((o) => o === 0)) || a === 0)
    return { reason: 'loopback target', confidence: 0.9 }
  if (ip.encoded) return { reason: 'IP address in encoded form', confidence: 0.85 }
  const priv = isPrivateIp(ip.octets.join('.'))
  if (priv && !clientPrivate)
    return { reason: 'private address requested from outside', confidence: 0.75 }
  return null
}

function judgeIpv6(
  host: string,
  clientPrivate: boolean,
): { reason: string; confidence: number } | null {
  let h = host
  let tailV4: string | null = null
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(h)
  if (v4?.[1]) {
    tailV4 = v4[1]
    h = h.slice(0, -v4[1].length) + '0:0'
  }
  const halves = h.split('::')
  if (halves.length > 2) return null
  const head = halves[0] ? halves[0].split(':') : []
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : []
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0
  const groups = [...head, ...Array<string>(Math.max(0, fill)).fill('0'), ...tail].map((g) =>
    parseInt(g || '0', 16),
  )
  if (groups.length !== 8 || groups.some((g) => !Number.isFinite(g) || g > 0xffff)) return null
  const zeros6 = groups.slice(0, 5).every((g) => g === 0)
  if (zeros6 && groups[5] === 0 && groups[6] === 0 && (groups[7] === 1 || groups[7] === 0))
    return { reason: 'IPv6 loopback', confidence: 0.9 }
  if (zeros6 && (groups[5] === 0xffff || groups[5] === 0)) {
    const v4s =
      tailV4 ??
      `${(groups[6] ?? 0) >> 8}.${(groups[6] ?? 0) & 255}.${(groups[7] ?? 0) >> 8}.${(groups[7] ?? 0) & 255}`
    return judgeHost(v4s, clientPrivate) ?? { reason: 'IPv4-mapped IPv6 address', confidence: 0.75 }
  }
  const first = groups[0] ?? 0
  if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80)
    return clientPrivate ? null : { reason: 'private IPv6 target', confidence: 0.7 }
  return null
}

const SCHEME_RELATIVE = /^\s*[\\/]{2}([^/?#\s'"<>\\]{1,255})/

/**
 * Looks for URLs whose scheme or target is an SSRF target; decoded text in, first verdict out. A local
 * URL mentioned in a sentence is passed over unless `mentions` is set (for a reader that follows links
 * in sentences: an assistant with a browsing tool).
 */
export function judgeSsrf(
  decoded: string,
  clientPrivate: boolean,
  mentions = false,
): SsrfVerdict | null {
  // A value that is a scheme-relative URL (//127.0.0.1/x) is fetched with the server's own scheme.
  const rel = SCHEME_RELATIVE.exec(decoded)
  if (rel) {
    const v = judgeHost(rel[1] ?? '', clientPrivate)
    // `\\fs01\desk\eod.csv` is how Windows users write a file-share path, and `// note` or
    // `//@version=5` opens a line comment in code: a single-label server name counts only in a value that
    // is one URL, not a UNC path or text running on after it. An address, loopback or metadata host
    // always counts.
    const unc = rel[0].trimStart().startsWith('\\')
    const oneToken = !/\s/.test(decoded.trim())
    if (v && !((unc || !oneToken) && v.reason === 'internal single-label host'))
      return { index: rel.index, length: rel[0].length, ...v }
  }
  if (!decoded.includes('://')) return null
  URL_RE.lastIndex = 0
  let m: RegExpExecArray | null
  let count = 0
  while ((m = URL_RE.exec(decoded)) !== null && count++ < 20) {
    const scheme = m[1] ?? ''
    // The URL inside a JNDI lookup is Log4Shell's callback, reported by its own rule.
    if (/jndi:\s*$/.test(decoded.slice(Math.max(0, m.index - 8), m.index))) continue
    // A defanged URL (`hxxps://`, `host[.]example`), as warnings and threat reports write one so nobody
    // follows it, is no URL any client fetches.
    if (DEFANGED_SCHEME.test(scheme) || DEFANGED_HOST.test(m[2] ?? '')) continue
    if (DANGEROUS_SCHEMES.has(scheme) && !fileTransfer(scheme, decoded, m)) {
      // A scheme named in prose (``such as `file://` or `gopher://` ``) has no target: neither a host
      // nor a path after its slashes.
      const host = m[2] ?? ''
      const next = decoded.charAt(m.index + m[0].length)
      if (!/[a-z0-9[%@_-]/.test(host) && next !== '/' && next !== '\\') continue
      return {
        index: m.index,
        length: m[0].length,
        reason: `${scheme}:// scheme`,
        confidence: 0.85,
      }
    }
    if (!FETCHED_SCHEMES.has(scheme) && scheme !== 'sftp') continue
    const v =
      judgeHost(m[2] ?? '', clientPrivate) ??
      interactionHost(m[2] ?? '') ??
      backslashAuthority(decoded, m, clientPrivate)
    if (
      v &&
      !(
        !mentions &&
        MENTIONABLE.test(v.reason) &&
        PLAIN_HOST.test(m[2] ?? '') &&
        mentionedInSentence(decoded, m.index)
      )
    )
      return { index: m.index, length: m[0].length, ...v }
  }
  return null
}

// An SFTP URL naming a directory or file on its host (`sftp://sftp.fund.example:2222/in/broker/`) is
// where a partner has reports delivered or feeds collected: judged by its host, like an FTP one. One
// naming no path (`sftp://listener.example:11111/`) transfers nothing; it makes the server's client
// connect and show its SSH banner to the listener, the probe that tells an attacker which fetcher (and
// which schemes) the server has.
const TRANSFER_PATH = /^\/[^\s'"<>?#]*[a-z0-9_.~-]/i

function fileTransfer(scheme: string, decoded: string, m: RegExpExecArray): boolean {
  return scheme === 'sftp' && TRANSFER_PATH.test(decoded.slice(m.index + m[0].length))
}

// Out-of-band interaction services (Burp Collaborator, interactsh's oast.* domains, and the like), with
// the unique label a tester plants in front: a URL to one in a value the server fetches (a webhook test,
// a preview, an import) is a blind SSRF probe, waiting for the server's callback. Anywhere else the same
// host is the scanner's marker (scanner/oast-callback.yaml holds the same list).
const INTERACTION_HOST =
  /(?:^|@)[a-z0-9][a-z0-9-]{2,62}\.(?:[a-z0-9-]{1,63}\.){0,4}(?:oastify\.com|burpcollaborator\.net|oast\.(?:pro|live|site|online|fun|me)|interact\.sh|interactsh\.com|dnslog\.cn|ceye\.io|bxss\.me)\.?(?::\d{1,5})?$/

function interactionHost(host: string): { reason: string; confidence: number } | null {
  return INTERACTION_HOST.test(host)
    ? { reason: 'out-of-band interaction host (blind SSRF probe)', confidence: 0.85 }
    : null
}

// `https://allowed.example\@10.0.0.12/…`: a WHATWG parser (and so an allow-list check written with one)
// reads `\` as the end of the host, `allowed.example`; many HTTP clients read everything up to the next
// `/` as the authority and fetch from the host after its last `@`. Both readings are judged.
const AFTER_BACKSLASH = /^\\[^/?#\s'"<>]{0,255}/

function backslashAuthority(
  decoded: string,
  m: RegExpExecArray,
  clientPrivate: boolean,
): { reason: string; confidence: number } | null {
  const rest = AFTER_BACKSLASH.exec(decoded.slice(m.index + m[0].length))
  if (!rest) return null
  const authority = (m[2] ?? '') + rest[0]
  const at = authority.lastIndexOf('@')
  if (at < 0) return null
  const v = judgeHost(authority.slice(at + 1), clientPrivate)
  return v ? { reason: `${v.reason} behind a backslash and @`, confidence: v.confidence } : null
}

/** What people write in notes about their own setup; metadata hosts and encoded addresses are not. */
const MENTIONABLE =
  /^(?:loopback target|IPv6 loopback|internal single-label host|internal DNS name requested from outside|private (?:address requested from outside|IPv6 target))$/

const INTERNAL_ZONE =
  /^[a-z0-9_-]{1,63}(?:\.[a-z0-9_-]{1,63}){0,6}\.(?:svc|svc\.cluster\.local|cluster\.local|localdomain|home\.arpa)$/

/** A host as people write it: a name, or an address in dotted decimal, with an optional port. */
const PLAIN_HOST =
  /^(?:[a-z][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){0,8}|(?:\d{1,3}\.){3}\d{1,3})(?::\d{1,5})?$/

const SENTENCE_WORDS =
  /(?:^|\s)[a-z\u00c0-\uffff][a-z\u00c0-\uffff'\u2019-]{1,30}[,.;:!?)]?(?=\s|$)/g

/**
 * A URL written in a sentence ("http://localhost:3000 works for me locally but not in UAT") is talked
 * about, not fetched: a server cannot fetch a value with words around the URL. True when the URL stands
 * after a space (or at the start) in a value of four or more plain words with no markup in it (an <img
 * src=…> in a document is fetched by whatever renders it); a URL right after `=` is an assignment. Only
 * ordinary local targets are excused (MENTIONABLE): dangerous schemes, metadata hosts and encoded
 * addresses are not what people write in notes.
 */
function mentionedInSentence(decoded: string, at: number): boolean {
  if (at > 0 && !/\s/.test(decoded[at - 1] ?? '')) return false
  if (/[<>]/.test(decoded)) return false
  SENTENCE_WORDS.lastIndex = 0
  let words = 0
  while (SENTENCE_WORDS.exec(decoded) !== null) if (++words >= 4) return true
  return false
}

// Endpoints of an AI assistant (a chatbot, a copilot, a research bot): its model reads the message, and
// where it has a browsing or fetching tool it follows the links in it, from inside the network.
const ASSISTANT_PATH =
  /(?:^|\/)(?:assistants?|assist|copilot|chatbot|bot|ai|llm|gpt|genai)(?:\/|$)/i

/**
 * A URL to a local target (loopback, a cluster-internal name, a private address) mentioned in a message
 * to an AI assistant ("summarise http://localhost:9090/api/v1/status/config"): the assistant's fetching
 * tool is the server that is asked to call it. A question about something pasted ("does this location
 * shadow /internal/?" over a proxy configuration) is not such an order. Only what `judgeSsrf` passes
 * over as a mention is reported here; a URL it reports anyway is its rule's.
 */
export function judgeAssistantUrl(
  path: string,
  field: string,
  decoded: string,
  clientPrivate: boolean,
): SsrfVerdict | null {
  if (!ASSISTANT_PATH.test(path) || !isConversationMessage(path, field)) return null
  // a question about a paste (a proxy configuration with its upstream on loopback) asks about it
  if (isConversationQuestion(path, field, decoded)) return null
  const v = judgeSsrf(decoded, clientPrivate, true)
  return v && judgeSsrf(decoded, clientPrivate) === null
    ? { ...v, reason: `${v.reason} in a message to an assistant` }
    : null
}
