// One credential (a bearer token, an API key or a web session's cookie) used from many client addresses:
// a stolen session or a leaked key replayed from elsewhere. A trader's token moves between the office, the
// VPN and a phone (two or three addresses); a leaked one spreads.
//
// Kong logs Authorization as REDACTED, so the token itself is often not there to read; the consumer it
// authenticated is. A consumer then stands for its credentials, counted over public addresses only (an
// internal service's pods share one identity by design). A consumer seen from three times the threshold
// in one window is an identity shared by design (an app's key on every phone), not a person's session,
// and is not reported again.
//
// A credential has an owner when the address that used it first of all used it alone (from its own
// network) for a whole window before any other network did: a session is its user's before a thief
// replays it, an API client's key its client's before it leaks. One used from many addresses from the
// start is either deployed that way (a fund's servers behind a cloud NAT gateway rotate one key over
// addresses scattered across the provider's blocks, request by request, all day) or replayed where its
// owner is not seen (a leaked partner key used from one address after another, each for a while). Without
// an owner, only the second shape counts: addresses that take turns in runs, not a rotation that changes
// address on most requests.
//
// Addresses are counted by network (client-address.ts networkOf: the /24, or an IPv6 /48): a firm's
// egress proxy pool or its NAT gateways rotate one client's requests over a block of neighbouring
// addresses all day, and a newcomer in the owner's network is the owner again. Addresses a thief gathers
// (cloud hosts, residential proxies, a VPN) fall in many networks.
import { API_KEY_HEADERS, bearerSpan, MIN_TOKEN, namedDevice, namedPerson } from '../api-key'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { ipv6Prefix, networkOf } from '../client-address'
import { isPrivateIp } from '../ssrf-target'
import {
  confidenceOver,
  refOf,
  timeItself,
  touchRecent,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { DEFAULT_RELAY, RelayLog, type RelayOptions, type RelayVerdict } from './credential-relay'
import type { SharedEgress } from './shared-egress'
import type { AppKeys } from './app-keys'
import { sessionCookie, sessionKey } from '../session-key'

export interface TokenSpreadOptions {
  readonly windowMs: number
  readonly distinctAddresses: number
  readonly suppressMs: number
  readonly maxTokens: number
  /** Network after network over hours (credential-relay.ts). */
  readonly relay: RelayOptions
}

export const DEFAULT_TOKEN_SPREAD: TokenSpreadOptions = {
  windowMs: 30 * 60_000,
  distinctAddresses: 5,
  suppressMs: 60 * 60_000,
  maxTokens: 100_000,
  relay: DEFAULT_RELAY,
}

interface Window {
  /** address → last time seen, oldest first */
  seen: Map<string, number>
  /**
   * address → a request of it inside the window, to name it in a finding. Refreshed when the address
   * changes or its request is half a window old, so a token used over and over from one address makes
   * no new object per request.
   */
  refs: Map<string, WindowRef>
  /** The address of the newest entry in `seen`. */
  lastIp: string
  quietUntil: number
  /** A consumer seen from so many addresses that it is an identity shared by design: never reported. */
  shared: boolean
  /** The network of the address that used the credential first, and when. */
  ownerNet: string
  ownerSince: number
  /** When another network first used it (Infinity while only the owner's has). */
  spreadAt: number
  /** Uses of the credential, and how many of them came from another address than the one before. */
  uses: number
  switches: number
  /** The networks over hours, once a second network used the credential (null before). */
  relay: RelayLog | null
  /** Accounts (hashed) the logins made with a consumer's credentials named, up to a few. */
  accounts: number[]
  /** For a consumer: the sessions its requests carried lately (session → last seen), null before one. */
  sessions: Map<number, number> | null
  /** Whether its sessions showed the consumer to be an app's key (then no longer counted). */
  appKey: boolean
  /**
   * For a web session found spread: addresses named since (bounded), and until when newcomers are named
   * one by one (0 before a finding).
   */
  named: Set<string> | null
  followUntil: number
  /**
   * For a person's credential (a web session, a user's token under an app's key): the address blocks it
   * was used from over the last hours, noted from the first use by a second network on (null before;
   * so the owner's block counts from then, which only delays a finding), and until when it is not
   * reported again.
   */
  blocks: Map<string, Block> | null
  heldUntil: number
}

/** A /16 (an IPv6 /32) a person's credential was used from: when first and last, and a request to name. */
interface Block {
  first: number
  last: number
  ref: WindowRef
}

/**
 * A person's credential held at once from several unrelated networks, for hours: a session or a user's
 * token shared out (a premium login resold to a group of scrapers, each polling from home or a cloud
 * host). One session or token lives in one browser or one installation, which is on one network at a
 * time, or flips between two (Wi-Fi and the carrier's); a person's other devices hold sessions of their
 * own. A company's egress pool, which may rotate every request over many addresses, keeps to one or two
 * /16s. So: three /16 blocks or more, each in use for the last 90 minutes and used within the last 30.
 */
const HELD_BLOCKS = 3
const HELD_SINCE_MS = 90 * 60_000
const HELD_RECENT_MS = 30 * 60_000
const HELD_HORIZON_MS = 3 * 3_600_000
const MAX_BLOCKS = 16

/** The /16 of an IPv4 address, the /32 of an IPv6 one. */
function blockOf(ip: string): string {
  if (ip.includes(':')) {
    const v4 = ip.slice(ip.lastIndexOf(':') + 1)
    if (v4.includes('.')) return blockOf(v4)
    return ipv6Prefix(ip, 2)
  }
  const second = ip.indexOf('.', ip.indexOf('.') + 1)
  return second < 0 ? ip : ip.slice(0, second)
}

/** Newcomers named one by one after a web session was found spread, at most. */
const MAX_FOLLOWED = 64

/** Accounts a consumer's logins must name for it to be an app's identity, shared by its users. */
const SHARED_LOGIN_ACCOUNTS = 3
/** Sessions of a consumer open at once (within the window) that make it an app's shared identity. */
const SHARED_SESSIONS = 4

/**
 * Notes the request's session (else the person its console names, `x-agent-id`, else the device its app
 * names, `x-device-id`) for a consumer's window;
 * true once the window holds several at once.
 */
function manySessions(w: Window, r: RequestRecord, cutoff: number): boolean {
  let s = sessionKey(r)
  if (s === 0) {
    // else the person a console names, else the device an app names (a person has a phone and a tablet,
    // not four installations at once)
    const person = namedPerson(r)
    const device = person === null ? namedDevice(r) : null
    if (person === null && device === null) return false
    s = fnv1a32(person !== null ? `person\u0000${person}` : `device\u0000${device}`) || 1
  }
  const sessions = (w.sessions ??= new Map())
  touchRecent(sessions, s, r.time, cutoff, 4 * SHARED_SESSIONS, timeItself)
  return sessions.size >= SHARED_SESSIONS
}

const firstOf = (v: [number, string]): number => v[0]

/** How many addresses the tokens of `tokens` were last used from. */
function addressCount(tokens: Map<number, [number, string]>): number {
  const ips = new Set<string>()
  for (const [, ip] of tokens.values()) ips.add(ip)
  return ips.size
}

/** Characters hashed from each end of a long token (see tokenKey). */
const KEY_SPAN = 48

interface Credential {
  readonly kind: 'bearer' | 'api-key' | 'consumer' | 'session'
  readonly value: string
  readonly start: number
  readonly end: number
}

/**
 * The credential a request presents: a bearer token, else an API-key header, else the consumer Kong
 * authenticated, else a web session's cookie; null for none.
 */
function credentialOf(r: RequestRecord): Credential | null {
  let apiKey: string | null = null
  let cookie: string | null = null
  for (const h of r.headers) {
    if (h.name === 'cookie') cookie = h.value
    if (h.name === 'authorization') {
      const span = bearerSpan(h.value)
      if (span) return { kind: 'bearer', value: h.value, start: span.start, end: span.end }
    } else if (apiKey === null && API_KEY_HEADERS.has(h.name) && h.value.length >= MIN_TOKEN)
      apiKey = h.value
  }
  if (apiKey !== null) return { kind: 'api-key', value: apiKey, start: 0, end: apiKey.length }
  // The consumer the gateway authenticated, when it logged no readable credential, from outside only.
  if (r.consumer !== null && r.consumer !== '' && r.ip !== null && !isPrivateIp(r.ip)) {
    const value = `consumer\u0000${r.consumer}`
    return { kind: 'consumer', value, start: 0, end: value.length }
  }
  // A web user's session cookie, where the gateway authenticates no one and the site's own service
  // checks the cookie: stolen from a browser (an infostealer's log), it is replayed from elsewhere.
  const session = cookie === null ? null : sessionCookie(cookie, MIN_TOKEN)
  if (session !== null) return { kind: 'session', value: session, start: 0, end: session.length }
  return null
}

/**
 * 53-bit FNV-1a-style hash of `text[start, end)`: a compact numeric map key, so tokens themselves are
 * never held in memory. A long token is hashed by its length and both ends: a JWT ends in its signature,
 * which differs between any two tokens, and opaque tokens are random throughout, so the middle would add
 * only time.
 */
function hashSpan(text: string, start: number, end: number): number {
  const n = end - start
  let h1 = 0x811c9dc5 ^ n
  let h2 = 0x01000193
  const headEnd = n <= 2 * KEY_SPAN ? end : start + KEY_SPAN
  for (let i = start; i < headEnd; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  }
  for (let i = Math.max(headEnd, end - KEY_SPAN); i < end; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
  }
  return (h1 >>> 0) * 0x200000 + (h2 >>> 11)
}

/** The key of a token as shown in a finding's details (base 36 of its 53-bit hash). */
export function tokenKey(token: string): string {
  return hashSpan(token, 0, token.length).toString(36)
}

/** "consumer c-1's token", "one API key": whose credential a finding is about. */
function holderOf(r: RequestRecord, kind: Credential['kind']): string {
  const what =
    kind === 'bearer'
      ? 'token'
      : kind === 'api-key'
        ? 'API key'
        : kind === 'session'
          ? 'session cookie'
          : 'credentials'
  return r.consumer ? `consumer ${r.consumer}'s ${what}` : `one ${what}`
}

/** The finding for a credential handed on from network to network (credential-relay.ts). */
function relaySignal(
  r: RequestRecord,
  kind: Credential['kind'],
  key: number,
  v: RelayVerdict,
  o: RelayOptions,
): BehaviourSignal {
  const who = holderOf(r, kind)
  const hours = o.horizonMs / 3_600_000
  return {
    category: 'other',
    rule: 'behaviour.credential-relay',
    severity: 'high',
    confidence: v.followUp ? 0.7 : confidenceOver(v.left + v.active, o.networks, 0.65),
    summary: v.followUp
      ? `${who} used from yet another network after it was found handed on (${v.networks} networks within ${hours} h)`
      : `${who} handed on: ${v.networks} networks besides its first within ${hours} h, ${v.left} used for a stretch and gone, ${v.active} in use at once`,
    details: {
      networks: v.networks,
      activeNetworks: v.active,
      leftNetworks: v.left,
      tokenKey: key.toString(36),
    },
    accomplices: v.accomplices,
  }
}

/** The finding for one more address replaying a web session already found spread. */
function followSignal(
  r: RequestRecord,
  key: number,
  w: Window,
  opts: TokenSpreadOptions,
): BehaviourSignal {
  return {
    category: 'other',
    rule: 'behaviour.token-many-addresses',
    severity: 'high',
    confidence: 0.7,
    summary: `one session cookie, already found used from many networks, used from yet another address (${w.named?.size ?? 0} named within ${opts.relay.followMs / 3_600_000} h)`,
    details: { distinctAddresses: w.seen.size, tokenKey: key.toString(36) },
  }
}

/**
 * Notes the request's block, and on a change of address judges the blocks: their requests when enough
 * are held at once (HELD_BLOCKS), else null.
 */
function heldAtOnce(w: Window, r: RequestRecord, fresh: boolean): WindowRef[] | null {
  const blocks = (w.blocks ??= new Map())
  const block = blockOf(r.ip as string)
  const seen: Block = blocks.get(block) ?? { first: r.time, last: r.time, ref: refOf(r) }
  seen.last = r.time
  touchRecent(blocks, block, seen, r.time - HELD_HORIZON_MS, MAX_BLOCKS, (v) => v.last)
  // (a credential is nearly always used again from the address that used it last: only a change of
  // address can change the picture)
  return fresh ? heldNow(w, r) : null
}

/** The blocks held at once now, when they are enough and the credential was not reported lately. */
function heldNow(w: Window, r: RequestRecord): WindowRef[] | null {
  if (w.blocks === null || w.blocks.size < HELD_BLOCKS || r.time < w.heldUntil) return null
  const held: WindowRef[] = []
  for (const v of w.blocks.values())
    if (v.first <= r.time - HELD_SINCE_MS && v.last >= r.time - HELD_RECENT_MS) held.push(v.ref)
  if (held.length < HELD_BLOCKS) return null
  w.heldUntil = r.time + HELD_HORIZON_MS
  return held
}

/** The finding for a person's credential held from several networks at once. */
function heldSignal(
  r: RequestRecord,
  kind: Credential['kind'],
  key: number,
  held: readonly WindowRef[],
): BehaviourSignal {
  return {
    category: 'other',
    rule: 'behaviour.credential-held-at-once',
    severity: 'high',
    confidence: confidenceOver(held.length, HELD_BLOCKS, 0.65),
    summary: `${holderOf(r, kind)} in use from ${held.length} unrelated networks at once for ${HELD_SINCE_MS / 60_000} min or more: one person's login shared out`,
    details: { networks: held.length, tokenKey: key.toString(36) },
    accomplices: held.filter((ref) => ref.ip !== r.ip),
  }
}

/** Creates the token-from-many-addresses detector. */
export function createTokenSpreadDetector(
  opts = DEFAULT_TOKEN_SPREAD,
  egress: SharedEgress | null = null,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const windows = createBoundedMap<number, Window>(opts.maxTokens)
  // consumer → its bearer tokens seen lately (token → [last use, address]), until it is found an app's key
  const consumerTokens = createBoundedMap<string, Map<number, [number, string]>>(4_096)
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null) return null
      const credential = credentialOf(r)
      if (credential === null) return null
      const key = hashSpan(credential.value, credential.start, credential.end)
      // A consumer Kong maps every user's token to (an app's JWT issuer) carries many people's tokens at
      // once from many networks; a person or a bot holds one or two at a time, from its own address.
      if (
        credential.kind === 'bearer' &&
        appKeys !== null &&
        r.consumer !== null &&
        r.consumer !== '' &&
        !appKeys.has(r.consumer)
      ) {
        let tokens = consumerTokens.get(r.consumer)
        if (!tokens) consumerTokens.set(r.consumer, (tokens = new Map()))
        // (only a new token, or one used from another address, can change the verdict)
        const seen = tokens.get(key)
        const cutoff = r.time - opts.windowMs
        touchRecent(tokens, key, [r.time, r.ip], cutoff, 4 * SHARED_SESSIONS, firstOf)
        if (seen?.[1] !== r.ip && tokens.size >= SHARED_SESSIONS && addressCount(tokens) >= 2) {
          appKeys.note(r.consumer)
          consumerTokens.delete(r.consumer)
        }
      }
      let w = windows.get(key)
      if (!w) {
        w = {
          seen: new Map(),
          refs: new Map(),
          lastIp: '',
          quietUntil: 0,
          shared: false,
          ownerNet: networkOf(r.ip),
          ownerSince: r.time,
          spreadAt: Infinity,
          uses: 0,
          switches: 0,
          relay: null,
          accounts: [],
          sessions: null,
          appKey: false,
          named: null,
          followUntil: 0,
          blocks: null,
          heldUntil: 0,
        }
        windows.set(key, w)
      }
      // A token is nearly always used again from the address that used it last: its entry is already
      // the newest, so only the time changes (a Map keeps a key's place when its value is replaced).
      w.uses++
      const fresh = w.lastIp !== r.ip
      if (fresh) {
        w.switches++
        if (w.spreadAt === Infinity && networkOf(r.ip) !== w.ownerNet) w.spreadAt = r.time
        w.seen.delete(r.ip)
        w.lastIp = r.ip
        w.refs.set(r.ip, refOf(r))
      } else {
        const ref = w.refs.get(r.ip)
        if (ref === undefined || ref.time < r.time - opts.windowMs / 2) w.refs.set(r.ip, refOf(r))
      }
      w.seen.set(r.ip, r.time)
      const cutoff = r.time - opts.windowMs
      for (const [ip, t] of w.seen) {
        if (t >= cutoff) break
        w.seen.delete(ip)
        w.refs.delete(ip)
      }
      if (w.seen.size > opts.distinctAddresses * 8) {
        const oldest = w.seen.keys().next()
        if (!oldest.done) {
          w.seen.delete(oldest.value)
          w.refs.delete(oldest.value)
        }
      }
      // A consumer whose requests carry the sessions of several people at once is an app's key: a person
      // has a session or two open, not four within the window. Its users' sessions are visible, so a
      // request of it without one was made before a login (app-keys.ts). Read until it is found so, even
      // once the consumer is known to be shared otherwise.
      if (credential.kind === 'consumer' && !w.appKey && manySessions(w, r, cutoff)) {
        w.appKey = true
        w.sessions = null
        w.shared = true
        if (r.consumer !== null) appKeys?.note(r.consumer)
      }
      if (credential.kind === 'consumer' && !w.shared) {
        if (w.seen.size >= 3 * opts.distinctAddresses) w.shared = true
        // An app's key that Kong maps to one consumer for all its users: the logins made with it name
        // many accounts, where a person's credentials never log in as someone else.
        else if (r.method === 'POST' && isLoginAttempt(r)) {
          const user = usernameOf(r)
          if (user !== null) {
            const id = fnv1a32(user)
            if (!w.accounts.includes(id)) w.accounts.push(id)
            if (w.accounts.length >= SHARED_LOGIN_ACCOUNTS) w.shared = true
          }
        }
      }
      // A person's credential held from several unrelated networks at once, for hours.
      if (
        (credential.kind === 'session' || credential.kind === 'bearer') &&
        (r.consumer === null || r.consumer === '' || (appKeys?.has(r.consumer) ?? false)) &&
        !w.shared &&
        w.spreadAt !== Infinity &&
        !isPrivateIp(r.ip) &&
        !(egress?.shared(r.ip) ?? false)
      ) {
        const held = heldAtOnce(w, r, fresh)
        if (held !== null) return heldSignal(r, credential.kind, key, held)
      }
      // A credential handed on over hours: followed once a second network used it, leaving out the
      // holders behind shared egress.
      if (w.spreadAt !== Infinity && !w.shared && !(egress?.shared(r.ip) ?? false)) {
        w.relay ??= new RelayLog(w.ownerNet, opts.relay)
        const relayed = w.relay.observe(networkOf(r.ip), r, fresh)
        if (relayed) return relaySignal(r, credential.kind, key, relayed, opts.relay)
      }
      // A person's web session found spread goes on being replayed: each newcomer is named as it comes
      // (a browser's cookie is no app's key on every phone, so newcomers stay few).
      if (fresh && w.named !== null && r.time < w.followUntil && !w.named.has(r.ip)) {
        const owner = w.spreadAt - w.ownerSince >= opts.windowMs && networkOf(r.ip) === w.ownerNet
        if (w.named.size < MAX_FOLLOWED && !owner && !(egress?.shared(r.ip) ?? false)) {
          w.named.add(r.ip)
          return followSignal(r, key, w, opts)
        }
      }
      // (Networks are never more than addresses: most requests stop here, before any is counted.)
      if (w.shared || r.time < w.quietUntil || w.seen.size < opts.distinctAddresses) return null
      // The owner (the user whose session was stolen, the client whose key leaked) and its network's
      // addresses are never named nor tip the window, however long its pauses. Only newcomers are named.
      // Without an owner, a rotation that changes address on most requests is a deployment.
      const owned = w.spreadAt - w.ownerSince >= opts.windowMs
      if (!owned && 2 * w.switches > w.uses) return null
      // An address many accounts come from (a corporate proxy, a cloud security service's egress) is the
      // holder behind it, as the owner's network is.
      const established = (ip: string): boolean =>
        (owned && networkOf(ip) === w.ownerNet) || (egress?.shared(ip) ?? false)
      if (established(r.ip)) return null
      const networks = new Set<string>()
      for (const ip of w.seen.keys()) if (!egress?.shared(ip)) networks.add(networkOf(ip))
      if (networks.size < opts.distinctAddresses) return null
      w.quietUntil = r.time + opts.suppressMs
      // The other addresses in the window are named too, the newest first and at most twice the
      // threshold: a key every copy of an app carries (a mobile app's key) spreads over thousands of
      // addresses all day, and must cost a handful of findings an hour, not one per phone. Addresses
      // that join later are not named for the same reason (distributed login failures are).
      const accomplices: WindowRef[] = []
      const refs = [...w.refs]
      for (
        let i = refs.length - 1;
        i >= 0 && accomplices.length < 2 * opts.distinctAddresses;
        i--
      ) {
        const [ip, ref] = refs[i] as [string, WindowRef]
        if (ip !== r.ip && !established(ip)) accomplices.push(ref)
      }
      if (credential.kind === 'session') {
        w.named = new Set([r.ip, ...accomplices.flatMap((a) => (a.ip === null ? [] : [a.ip]))])
        w.followUntil = r.time + opts.relay.followMs
      }
      const who = holderOf(r, credential.kind)
      return {
        category: 'other',
        rule: 'behaviour.token-many-addresses',
        severity: 'high',
        confidence: confidenceOver(networks.size, opts.distinctAddresses),
        summary: `${who} used from ${w.seen.size} addresses in ${networks.size} networks within ${opts.windowMs / 60_000} min`,
        details: {
          distinctAddresses: w.seen.size,
          distinctNetworks: networks.size,
          tokenKey: key.toString(36),
        },
        accomplices: accomplices.reverse(),
      }
    },
  }
}
