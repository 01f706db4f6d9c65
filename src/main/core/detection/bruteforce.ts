// Authentication failures over a sliding window per client address: many failures is brute force, many
// distinct usernames among them is credential stuffing (or spraying). Windows live in a bounded LRU map.
import { PASSWORD_NAMES, USER_NAMES } from './credential-names'
import { presentedKey } from './api-key'
import { createBoundedMap, type BoundedMap } from './bounded-map'
import { fnv1a32 } from './fnv'
import type { BehaviourDetector } from './behaviour/behaviour-signal'
import { scrubSecrets } from './redact'
import type { RequestRecord } from './request-record'

export interface BruteforceOptions {
  readonly windowMs: number
  /**
   * A login endpoint that answered 5xx to this many distinct addresses within `outageMs` is failing
   * itself (its identity provider is down): the refusals it gives meanwhile are not counted.
   */
  readonly outageAddresses: number
  readonly outageMs: number
  /**
   * An account that logged in from an address within this long is its holder's there: failures of that
   * account from that address are a stale credential (a rotated client secret still configured on a
   * node) or a typo, not guessing.
   */
  readonly knownLoginMs: number
  /** Failures within the window that make a brute-force finding. */
  readonly failures: number
  /** Distinct usernames among those failures that make it credential stuffing. */
  readonly distinctUsers: number
  /** After a finding, the address stays quiet this long (counting goes on). */
  readonly suppressMs: number
  readonly maxAddresses: number
  /**
   * Low and slow: guessing paced under the fast threshold (one try every two minutes stays below ten in
   * fifteen). Over this longer window, this many failures…
   */
  readonly slowWindowMs: number
  readonly slowFailures: number
  /** …that are at least this share of the address's logins in it (an office NAT mostly succeeds). */
  readonly slowFailureShare: number
  /**
   * A slow spray: over the long window, this many failures, each for another account, at the same share
   * (one login every quarter of an hour, each against a different customer, never twenty in two hours).
   */
  readonly slowSprayAccounts: number
}

export const DEFAULT_BRUTEFORCE: BruteforceOptions = {
  windowMs: 15 * 60_000,
  outageAddresses: 3,
  outageMs: 5 * 60_000,
  knownLoginMs: 24 * 3_600_000,
  failures: 10,
  distinctUsers: 6,
  suppressMs: 30 * 60_000,
  maxAddresses: 100_000,
  slowWindowMs: 2 * 3_600_000,
  slowFailures: 20,
  slowFailureShare: 0.8,
  slowSprayAccounts: 8,
}

export interface BruteforceSignal {
  readonly category: 'bruteforce' | 'credential-stuffing'
  readonly rule: string
  readonly confidence: number
  readonly failures: number
  readonly distinctUsers: number
  readonly windowMs: number
  /** What the last failure presented: a password, or an API key (key guessing). */
  readonly credential: 'password' | 'api-key'
}

interface Window {
  times: number[]
  users: string[]
  /** Successful logins in the window: a shared gateway (Citrix, VPN) has many, a brute-forcer few. */
  successes: number[]
  /**
   * The API keys refused in the window (keyId), so that each distinct key counts once: a client retrying
   * one revoked key is not guessing, an address trying a new key on every request is.
   */
  keys: number[]
  quietUntil: number
}

/** Entries of an ascending array of times at or after `from` (counted from the end: the tail is short). */
function countSince(times: readonly number[], from: number): number {
  let n = 0
  for (let i = times.length - 1; i >= 0 && (times[i] ?? 0) >= from; i--) n++
  return n
}

/** Failures must be at least this share of the window's login attempts. */
const MIN_FAILURE_SHARE = 0.5

// Paths that take credentials: login and session endpoints, token endpoints (OAuth, OpenID Connect),
// Java's form login, and second factors (guessing a one-time code is brute force too).
const LOGIN_PATH =
  /(?:^|[/_.-])(?:log[io]n|sign-?in|sign_in|sign-?on|token|oauth2?|auth|authenticate|session|sessions|j_security_check|mfa|2fa|otp)(?:$|[/_.?-])/i
const PASSWORD_FIELD = new RegExp(
  `(?:^|[{,&?\\s"])(?:${PASSWORD_NAMES}|pin|otp|one_time_code)["']?\\s*[:=]`,
  'i',
)
// The account a login names, as JSON key or form field: user, username, user_name, userId, login,
// loginId, email, mail, emailAddress, account, accountName, principal, uid, client_id (OAuth clients),
// identifier (identity servers' one field for an e-mail, a phone or a username), phone, mobile, and the
// national ids and words for "user" other languages log in with (credential-names.ts).
const USER_FIELD = new RegExp(
  `(?:^|[{,&?\\s])"?(?:${USER_NAMES})"?\\s*[:=]\\s*"?([^"&,}]{1,128})`,
  'i',
)
// Whatever a login form calls its field, an e-mail address in it is the account it is for.
const EMAIL_FIELD =
  /(?:^|[{,&?\s])"?[a-z][a-z0-9_.-]{0,40}"?\s*[:=]\s*"?([a-z0-9._%+-]{1,64}(?:@|%40)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}\.[a-z]{2,24})(?=["&,}\s]|$)/i

// The second step of a login: a one-time code, an authenticator's code, a step-up challenge.
export const SECOND_FACTOR_PATH =
  /(?:^|[/_.-])(?:otp|mfa|2fa|totp|one-?time-?(?:code|password)|second-?factor|two-?factor|step-?up|verify-?code)(?:$|[/_.?-])/i

/** The scheme of an Authorization header that carries a password (Basic), with the credentials. */
const BASIC = /^\s*basic\s+([a-z0-9+/=_-]{4,512})\s*$/i

function basicCredentials(r: RequestRecord): string | null {
  for (const h of r.headers) {
    if (h.name !== 'authorization') continue
    const m = BASIC.exec(h.value)
    return m?.[1] ?? null
  }
  return null
}

/**
 * True when the request sent an Authorization header and the 401 asked for a password (Basic or Digest).
 * Kong logs Authorization as "REDACTED", so the credentials cannot be read; the challenge says what kind
 * they were. A 401 asking for a Bearer token (an expired or revoked token, RFC 6750) is not a guess.
 */
function refusedPasswordHeader(r: RequestRecord): boolean {
  if (r.authChallenge !== 'basic' && r.authChallenge !== 'digest') return false
  for (const h of r.headers) if (h.name === 'authorization') return true
  return false
}

/** A key's hash: enough to tell keys apart within one address's window, and no copy of it. */
const keyId = (key: string): number => fnv1a32(key, 512)

/** True when the request presents a password: a password field in its body, or Basic credentials. */
function carriesPassword(r: RequestRecord): boolean {
  return (r.body !== null && PASSWORD_FIELD.test(r.body)) || basicCredentials(r) !== null
}

/**
 * True for requests that look like a login: a login-like path, a POST carrying a password field, any
 * request presenting Basic credentials (a failed one is a wrong password, whatever the path), a redacted
 * Authorization answered with a password challenge, or an API key.
 */
export function isLoginAttempt(r: RequestRecord): boolean {
  if (LOGIN_PATH.test(r.path)) return r.method === 'POST' || r.method === 'PUT' || r.body !== null
  if (r.method === 'POST' && r.body !== null && PASSWORD_FIELD.test(r.body)) return true
  return basicCredentials(r) !== null || refusedPasswordHeader(r) || presentedKey(r) !== null
}

// The password a login carries, as a JSON string or a form field.
const PASSWORD_VALUE = new RegExp(
  `(?:^|[{,&?\\s"])"?(?:${PASSWORD_NAMES})"?\\s*[:=]\\s*(?:"((?:[^"\\\\]|\\\\.){1,256})"|([^"&,}\\s]{1,256}))`,
  'i',
)

// What log pipelines write instead of a password: one character repeated (********, xxxx), or a word
// in place of it. Every login would share it, so it says nothing about which password was tried.
const MASKED_PASSWORD =
  /^(?:([^a-z0-9])\1{2,}|x{3,}|[[<({]?(?:redacted|filtered|hidden|masked|removed|secret|omitted|null|undefined|none|password)[\]>)}]?)$/i

/**
 * A 32-bit hash of the password a failed login carried (body field, else Basic credentials), or null:
 * enough to tell one password tried against many accounts (spraying) from users mistyping their own.
 * The password itself is never kept, and the hash never leaves the detector.
 */
export function passwordHashOf(r: RequestRecord): number | null {
  let pw: string | null = null
  if (r.body !== null) {
    const m = PASSWORD_VALUE.exec(r.body.slice(0, 4096))
    // a form field is percent-encoded: a masked one reads `%2A%2A%2A%2A` until decoded
    pw = m?.[1] ?? (m?.[2] === undefined ? null : formDecoded(m[2]))
  }
  if (pw === null) {
    const basic = basicCredentials(r)
    if (basic !== null) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      pw = colon < 0 ? null : decoded.slice(colon + 1)
    }
  }
  if (pw === null || pw === '' || MASKED_PASSWORD.test(pw)) return null
  return fnv1a32(pw)
}

/** A form field's value percent-decoded (`+` as a space), or as it is when it is no valid encoding. */
function formDecoded(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '))
  } catch {
    return v
  }
}

// An identifier written in digits with a formatting of the user's choice: a CPF typed 123.456.789-09 or
// 12345678909, a phone with spaces and dashes. One account whichever way it was typed.
const FORMATTED_NUMBER = /^\+?[\d\s.()/-]{4,40}$/

/** A login name as an account: trimmed, lower case; a formatted number by its digits alone. */
function accountKey(v: string): string {
  const t = v.trim().toLowerCase()
  if (!FORMATTED_NUMBER.test(t) || !/[\s.()/-]/.test(t)) return t
  const digits = t.replace(/\D/g, '')
  return digits.length >= 4 ? digits : t
}

/** The username a login names (body field, else Basic credentials), lower-cased, or null. */
export function usernameOf(r: RequestRecord): string | null {
  if (r.body !== null) {
    const head = r.body.slice(0, 4096)
    const m = USER_FIELD.exec(head) ?? EMAIL_FIELD.exec(head)
    if (m?.[1]) return accountKey(formDecoded(m[1]))
  }
  const basic = basicCredentials(r)
  if (basic === null) return null
  // Only the user part is kept; the password after ':' is dropped here and never leaves.
  const decoded = Buffer.from(basic, 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  const user = (colon < 0 ? '' : decoded.slice(0, colon)).trim().toLowerCase()
  return user === '' ? null : user.slice(0, 128)
}

// The device a PIN or biometric login names, when it names no user: a phone's own login.
const DEVICE_FIELD =
  /"(?:device_?id|deviceid|device)"\s*:\s*"([^"\\]{4,128})"|(?:^|&)device_?id=([^&]{4,128})/i

/**
 * Whose login this is: the username it names, else the device a PIN login names (`device:<id>`, lower
 * case), else null.
 */
export function loginIdentityOf(r: RequestRecord): string | null {
  const user = usernameOf(r)
  if (user !== null || r.body === null) return user
  const m = DEVICE_FIELD.exec(r.body.slice(0, 2048))
  const device = m?.[1] ?? m?.[2]
  return device === undefined ? null : `device:${device.toLowerCase()}`
}

// A login name that is a number as people type it (a phone, a national id, an account number): digits,
// spaces, dashes, dots, brackets, a leading + or 00.
const NUMBER_LOGIN = /^\+?[\d\s().-]{6,24}$/

/** A login name that is a number (a phone, a national id, an account number), not an e-mail or a name. */
export function isNumberLogin(name: string): boolean {
  return NUMBER_LOGIN.test(name)
}

/**
 * Whether two login names other than e-mails (an account number, a customer or national id, a phone) are
 * one keystroke apart: a character dropped or doubled past the first, as a hand typing its own number
 * does (`058C71934` for `058C719344`, `+84 94 851 4510` for `+84 94 851 451`), eight characters or more.
 * Not a character changed: neighbouring numbers are a walk's or a list's next account.
 */
function oneKeystrokeApart(a: string, b: string): boolean {
  if (a.includes('@') || b.includes('@')) return false
  const key = (s: string) => s.toLowerCase().replace(/[\s().-]/g, '')
  let [x, y] = [key(a), key(b)]
  if (x.length > y.length) [x, y] = [y, x]
  if (x.length < 8 || y.length !== x.length + 1) return false
  let i = 0
  while (i < x.length && x.charCodeAt(i) === y.charCodeAt(i)) i++
  return i > 0 && y.slice(i + 1) === x.slice(i)
}

/**
 * Whether two login names (as usernameOf gives them) can be one person looking for their own login: two
 * spellings of one e-mail (`bolaji_chukwu36@…`, `bolaji.chukwu@…`: the same letters before the @, five
 * or more, whatever the provider, and the same digits or none in one of them), or of one phone number
 * (`+48519299294`, `+48 519 299 294`, `519299294`, `0712…` and `+254712…`: the same last nine digits,
 * or eight), or one number typed with a keystroke dropped or doubled (oneKeystrokeApart). A combination
 * list's accounts are strangers to each other. (An e-mail and then a phone number is
 * no such sign: slow pools mix account numbers and e-mails from one address and one device id.)
 */
export function sameHolderLogins(a: string, b: string): boolean {
  if (a === b) return true
  if (oneKeystrokeApart(a, b)) return true
  if (isNumberLogin(a) && isNumberLogin(b)) {
    const [da, db] = [a.replace(/\D/g, ''), b.replace(/\D/g, '')]
    // the subscriber's number is the last digits; a country code, `00` or a trunk `0` comes before them
    const n = Math.min(9, da.length, db.length)
    return n >= 8 && Math.abs(da.length - db.length) <= 4 && da.slice(-n) === db.slice(-n)
  }
  const atA = a.indexOf('@')
  const atB = b.indexOf('@')
  if (atA < 1 || atB < 1) return false
  const letters = (s: string) => s.replace(/[^\p{L}]/gu, '')
  const digits = (s: string) => s.replace(/\D/g, '')
  const [localA, localB] = [a.slice(0, atA), b.slice(0, atB)]
  const la = letters(localA)
  if (la.length < 5 || la !== letters(localB)) return false
  // `name36` and `name` are one person's spellings; `user0` and `user1` are a list's two accounts
  const [da, db] = [digits(localA), digits(localB)]
  return da === db || da === '' || db === ''
}

/**
 * True for the second step of a login (a code for a challenge the password step opened) that names no
 * account and carries no password: it says whether the holder has the phone, not which account was tried.
 */
export function secondFactorStep(r: RequestRecord): boolean {
  if (!SECOND_FACTOR_PATH.test(r.path) || basicCredentials(r) !== null) return false
  if (r.body !== null && PASSWORD_VALUE.test(r.body.slice(0, 4096))) return false
  return usernameOf(r) === null
}

export interface BruteforceDetector {
  observe(r: RequestRecord): BruteforceSignal | null
  readonly size: number
}

/**
 * True when a response status refuses a login, if the request was one. 429 counts: rate limiting on a
 * login endpoint is itself the sign of too many attempts; so does 423, an account locked by them. 400 and 422 count when the request carried a
 * password: OAuth 2.0 answers a wrong password with 400 invalid_grant (RFC 6749 §5.2), and many frameworks
 * answer a failed form login with 422.
 */
export function refusedLoginStatus(r: RequestRecord, status: number): boolean {
  return (
    status === 401 ||
    status === 403 ||
    status === 423 ||
    status === 429 ||
    ((status === 400 || status === 422) && carriesPassword(r))
  )
}

/**
 * Whether the last `n` of `users` are all named and all different accounts (no two spellings of one
 * e-mail or phone number: sameHolderLogins): a list, each account tried once.
 */
function eachOnce(users: readonly string[], n: number): boolean {
  const last = users.slice(-n)
  for (let i = 0; i < last.length; i++) {
    if (last[i] === '') return false
    for (let j = 0; j < i; j++)
      if (sameHolderLogins(last[i] as string, last[j] as string)) return false
  }
  return true
}

/** An account name's hash, as the known-login table holds it (no copy of the name). */
const userId = (user: string): number => fnv1a32(user)

/** Creates the per-address authentication-failure detector. */
export function createBruteforceDetector(
  opts: BruteforceOptions = DEFAULT_BRUTEFORCE,
): BruteforceDetector {
  const windows: BoundedMap<string, Window> = createBoundedMap(opts.maxAddresses)
  // login path → recent 5xx answers (time, address), newest last: is the endpoint itself failing?
  const outages: BoundedMap<string, { time: number; ip: string }[]> = createBoundedMap(1_000)
  // address → accounts that logged in from it (hash → last time): whose credentials are known there.
  const knownLogins: BoundedMap<string, Map<number, number>> = createBoundedMap(opts.maxAddresses)
  const failingEndpoint = (path: string, now: number): boolean => {
    const recent = outages.get(path)
    if (!recent) return false
    const ips = new Set<string>()
    for (let i = recent.length - 1; i >= 0; i--) {
      const e = recent[i] as { time: number; ip: string }
      if (e.time < now - opts.outageMs) break
      ips.add(e.ip)
    }
    return ips.size >= opts.outageAddresses
  }
  return {
    get size() {
      return windows.size
    },
    observe(r) {
      if (r.ip === null || r.status === null) return null
      if (r.status >= 500 && r.status <= 504) {
        if (isLoginAttempt(r)) {
          let recent = outages.get(r.path)
          if (!recent) outages.set(r.path, (recent = []))
          recent.push({ time: r.time, ip: r.ip })
          if (recent.length > 64) recent.splice(0, recent.length - 64)
        }
        return null
      }
      const failed = refusedLoginStatus(r, r.status)
      const succeeded = r.status >= 200 && r.status < 400
      if (!failed && !succeeded) return null
      // A login that succeeds (a POST to a login path naming an account) makes the account known at the
      // address. Reads are most traffic and never logins, so they stop at the method.
      if (succeeded && r.method === 'POST' && LOGIN_PATH.test(r.path)) {
        const user = usernameOf(r)
        if (user !== null) {
          let known = knownLogins.get(r.ip)
          if (!known) knownLogins.set(r.ip, (known = new Map()))
          known.delete(userId(user))
          known.set(userId(user), r.time)
          if (known.size > 64) known.delete(known.keys().next().value as number)
        }
      }
      // A success matters only to an address already failing (most requests succeed, from addresses
      // that never failed): the window lookup is cheaper than telling whether it was a login.
      let w = windows.get(r.ip)
      if (!w && !failed) return null
      if (!isLoginAttempt(r)) return null
      if (!w) {
        w = { times: [], users: [], successes: [], keys: [], quietUntil: 0 }
        windows.set(r.ip, w)
      }
      // Both arrays hold the longer (slow) window; the fast one is their tail.
      const cutoff = r.time - Math.max(opts.windowMs, opts.slowWindowMs)
      const cap = 4 * Math.max(opts.failures, opts.slowFailures) + 100
      while (w.successes.length && (w.successes[0] ?? 0) < cutoff) w.successes.shift()
      if (succeeded) {
        if (w.successes.length < cap) w.successes.push(r.time)
        return null
      }
      while (w.times.length && (w.times[0] ?? 0) < cutoff) {
        w.times.shift()
        w.users.shift()
      }
      const user = usernameOf(r)
      if (user !== null) {
        const at = knownLogins.get(r.ip)?.get(userId(user))
        if (at !== undefined && at >= r.time - opts.knownLoginMs) return null
      }
      if (failingEndpoint(r.path, r.time)) return null
      const key = user === null ? presentedKey(r) : null
      if (key !== null) {
        const id = keyId(key)
        if (w.keys.includes(id)) return null
        w.keys.push(id)
        if (w.keys.length > cap) w.keys.splice(0, w.keys.length - cap)
      }
      w.times.push(r.time)
      w.users.push(user ?? '')
      // Keep a window's memory bounded even under a flood.
      if (w.times.length > cap) {
        w.times.splice(0, w.times.length - cap)
        w.users.splice(0, w.users.length - cap)
      }
      if (r.time < w.quietUntil) return null
      const fastFrom = r.time - opts.windowMs
      const fast = countSince(w.times, fastFrom)
      const fastOk =
        fast >= opts.failures &&
        fast >= MIN_FAILURE_SHARE * (fast + countSince(w.successes, fastFrom))
      const all = w.times.length
      const slowShare = all >= opts.slowFailureShare * (all + w.successes.length)
      const slowOk = !fastOk && all >= opts.slowFailures && slowShare
      // (slow: its failures span more than the fast window, or the fast count would have told)
      const sprayOk =
        !fastOk &&
        !slowOk &&
        slowShare &&
        all >= opts.slowSprayAccounts &&
        r.time - (w.times[0] ?? r.time) > opts.windowMs &&
        new Set(w.users.filter((u) => u !== '')).size >= opts.slowSprayAccounts
      // A combination list walked: in the fast window, failures for as many accounts as a stuffing
      // finding names, each tried once and never again, from an address where no login has worked in
      // the slow window and none is known (a customer retries their own account; a carrier's NAT, busy
      // enough for six strangers to fail at once, has their logins that work too)
      const listOk =
        !fastOk &&
        !slowOk &&
        !sprayOk &&
        fast >= opts.distinctUsers &&
        w.successes.length === 0 &&
        (knownLogins.get(r.ip)?.size ?? 0) === 0 &&
        eachOnce(w.users, fast)
      if (!fastOk && !slowOk && !sprayOk && !listOk) return null
      const failures = fastOk || listOk ? fast : all
      const windowMs = fastOk || listOk ? opts.windowMs : opts.slowWindowMs
      const distinct = new Set(w.users.slice(-failures).filter((u) => u !== '')).size
      w.quietUntil = r.time + opts.suppressMs
      const stuffing = distinct >= opts.distinctUsers
      const over = failures / (fastOk || listOk ? opts.failures : opts.slowFailures)
      return {
        category: stuffing ? 'credential-stuffing' : 'bruteforce',
        rule: stuffing ? 'behaviour.credential-stuffing' : 'behaviour.login-failures',
        confidence: Math.min(0.99, 0.6 + 0.2 * over),
        failures,
        distinctUsers: distinct,
        windowMs,
        credential: key !== null ? 'api-key' : 'password',
      }
    },
  }
}

/** The brute-force detector in the shape of the other window detectors (behaviour/), with its evidence. */
export function createBruteforceBehaviour(
  opts: BruteforceOptions = DEFAULT_BRUTEFORCE,
): BehaviourDetector {
  const d = createBruteforceDetector(opts)
  return {
    get size() {
      return d.size
    },
    observe(r) {
      const bf = d.observe(r)
      if (!bf) return null
      return {
        category: bf.category,
        rule: bf.rule,
        severity: bf.category === 'credential-stuffing' ? 'high' : 'medium',
        confidence: bf.confidence,
        summary:
          `${bf.failures} ${bf.credential === 'api-key' ? 'refused API keys' : 'failed logins'} from ${r.ip ?? '?'} within ${Math.round(bf.windowMs / 60_000)} min` +
          (bf.distinctUsers > 1 ? `, ${bf.distinctUsers} distinct usernames` : '') +
          ` (last: ${r.method} ${scrubSecrets(r.path).slice(0, 60)} → ${r.status ?? '?'})`,
        details: {
          failures: bf.failures,
          distinctUsers: bf.distinctUsers,
          windowMs: bf.windowMs,
          credential: bf.credential,
        },
      }
    },
  }
}
