// A record of another customer's, asked for by a customer: the path names an identifier of the caller's
// own kind (`/investors/INV-20988/tax-packs`, `/customers/CUS-0048211/documents`) while the caller is
// INV-20931 or CUS-1990021. An API that takes the owner from the path and checks only that the caller
// is signed in hands the record over (insecure direct object reference, OWASP API1:2023). Only the
// caller's identity tells this from the caller's own request, so it is read from what the gateway
// vouches for: the subject of the bearer token, or of a JWT the app keeps in a cookie or its own token
// header (decoded, not verified: Vigil holds no keys; a forged token is another rule's business), and the
// identity headers Kong's authentication plugins set (X-Authenticated-Userid, X-Consumer-Custom-ID).
//
// An identifier is "of the caller's kind" when it has the same letters, separator and a number
// (`inv-`, `cus-`, `u_`): staff (`rm.0917`, `agent-7`) and apps have other shapes and are passed over,
// as are numeric identities, which a path shares with order numbers and dates. A path that names the
// caller anywhere (`/customers/CUS-1/payees/CUS-2`) is about the caller's own record.
//
// A parameter can name the owner too (`?cust_id=10000001`, `{"customerId":"CUS-0048211"}`). There the
// name says what the value is, so a bare number counts when it has as many digits as the caller's own
// number (`cust-33018275` asking for `10000001`). The consumer Kong authenticated is an identity as well,
// when it is named like one (a customer as `cust-33018275`; partners and apps have no number).
import { decodeJwt } from 'jose'
import { bearerToken } from './api-key'
import { parseCookies } from './parse-query'
import type { NamedValue } from './request-record'

export interface ForeignOwnerHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

// Letters, an optional separator, digits: `inv-20931`, `cus_0048211`, `u88120`.
const ID_SHAPE = /^([a-z]{1,8})([-_.]?)(\d{3,12})$/
const IDENTITY_HEADERS: ReadonlySet<string> = new Set([
  'x-authenticated-userid',
  'x-consumer-custom-id',
])

/** An identity as an identifier: lower case, without a realm (`inv-1@portal`) or a provider (`idp|u-1`). */
function asIdentifier(value: string): string {
  const v = value.trim().toLowerCase()
  const bar = v.lastIndexOf('|')
  const at = v.indexOf('@')
  return v.slice(bar + 1, at > bar ? at : v.length)
}

// A JWT as a header or cookie value: a JSON header in base64url, then the claims and a signature.
const JWT_SHAPE = /^\s*eyJ[\w-]{8,}\.[\w-]{8,}\.[\w-]*\s*$/

const ORGANISATION_CLAIMS = [
  'member',
  'org',
  'org_id',
  'organization',
  'organisation',
  'tenant',
  'tenant_id',
  'tid',
  'firm',
  'company',
]

/** A token's subject as an identifier (decoded, not verified), or null for an opaque token. */
function subjectOf(token: string): string | null {
  try {
    const claims = decodeJwt(token.trim())
    // A user of a member firm or tenant: its administrators keep their colleagues' profiles, so a
    // record of another user of the same kind is no sign of someone else's.
    for (const k of ORGANISATION_CLAIMS) if (claims[k] !== undefined) return null
    const sub = claims.sub
    return typeof sub === 'string' ? asIdentifier(sub) : null
  } catch {
    // not a JWT: an opaque token names no one
    return null
  }
}

/** The caller's identities that have an identifier's shape. */
function callerIds(
  headers: readonly NamedValue[],
  consumer: string | null,
  customId: string | null = null,
): string[] {
  const out: string[] = []
  // the consumer's name, and its custom_id (what Kong sends upstream as X-Consumer-Custom-ID)
  for (const c of [consumer, customId]) {
    if (c === null) continue
    const id = asIdentifier(c)
    if (ID_SHAPE.test(id)) out.push(id)
  }
  for (const h of headers) {
    let id: string | null = null
    if (IDENTITY_HEADERS.has(h.name)) id = asIdentifier(h.value)
    else if (h.name === 'authorization') {
      const token = bearerToken(h.value)
      if (token !== null) id = subjectOf(token)
    } else if (h.name === 'cookie') {
      // a web app's access token kept in a cookie (`kt_at=eyJ…`)
      for (const c of parseCookies(h.value)) {
        const sub = JWT_SHAPE.test(c.value) ? subjectOf(c.value) : null
        if (sub !== null && ID_SHAPE.test(sub)) out.push(sub)
      }
    } else if (JWT_SHAPE.test(h.value)) id = subjectOf(h.value) // an app's own token header
    if (id !== null && ID_SHAPE.test(id)) out.push(id)
  }
  return out
}

/**
 * Judges a request path (decoded, lower case) against the caller's identity in the request's headers:
 * a segment of the caller's kind that is not the caller.
 */
export function judgeForeignOwner(
  path: string,
  headers: readonly NamedValue[],
  consumer: string | null = null,
  customId: string | null = null,
): ForeignOwnerHit | null {
  const segments = path.split('/')
  return (
    judgeCallerOwner(path, segments, headers, consumer, customId) ??
    judgeDeclaredOwner(path, segments, headers)
  )
}

/** A segment of the caller's kind that is not the caller, the caller known from what the gateway vouches for. */
function judgeCallerOwner(
  path: string,
  segments: readonly string[],
  headers: readonly NamedValue[],
  consumer: string | null,
  customId: string | null,
): ForeignOwnerHit | null {
  const candidates = segments.filter((s) => ID_SHAPE.test(s))
  if (candidates.length === 0) return null
  const callers = callerIds(headers, consumer, customId)
  if (callers.length === 0 || candidates.some((s) => callers.includes(s))) return null
  for (const caller of callers) {
    const own = ID_SHAPE.exec(caller) as RegExpExecArray
    for (const s of candidates) {
      const m = ID_SHAPE.exec(s) as RegExpExecArray
      if (m[1] !== own[1] || m[2] !== own[2]) continue
      return {
        index: Math.max(0, path.indexOf(s)),
        length: s.length,
        reason: `${s} asked for by ${caller}`,
      }
    }
  }
  return null
}

// A web or mobile app's own header saying whose record the screen is on: the customer the app signed in
// (`x-wvb-client-context: 100234`, `x-customer-id`, `x-app-investor-no`). The client writes it, so it is no
// identity the gateway vouches for; but the app writes it and the path from one session, and they agree.
// A path under the same noun's collection (`/clients/100235/…`) naming another record of the same shape is
// a request edited by hand: the walk to a neighbour's record that an IDOR needs. `x-client-id` is OAuth's
// name for an app, and users (`x-user-id`) are also staff in their own consoles, so neither is read.
const DECLARED_OWNER_HEADER =
  /^x-(?:[a-z0-9]{1,16}-){0,3}(client|customer|investor|holder)-(?:id|no|num|number|context|ref)$/
const NUMBER_OR_ID = /^(?:[a-z]{1,8}[-_.]?)?\d{3,12}$/

/** The path's record of the declared owner's collection that is not the declared owner's, or null. */
function judgeDeclaredOwner(
  path: string,
  segments: readonly string[],
  headers: readonly NamedValue[],
): ForeignOwnerHit | null {
  for (const h of headers) {
    if (h.name === 'x-client-id') continue
    const m = DECLARED_OWNER_HEADER.exec(h.name)
    if (m === null) continue
    const own = h.value.trim().toLowerCase()
    if (!NUMBER_OR_ID.test(own) || path.includes(own)) continue
    const collection = `${m[1]}s`
    for (let i = 0; i + 1 < segments.length; i++) {
      const s = segments[i + 1] as string
      if (segments[i] !== collection || s.length !== own.length || !NUMBER_OR_ID.test(s)) continue
      if (s.replace(/\d/g, '0') !== own.replace(/\d/g, '0')) continue
      return {
        index: Math.max(0, path.indexOf(`/${s}`) + 1),
        length: s.length,
        reason: `${collection}/${s} asked for under ${h.name}: ${own}`,
      }
    }
  }
  return null
}

// Parameter names that say the value is the owner's identifier: a customer, user, member, investor or
// account holder's id or number (`cust_id`, `customerId`, `user-no`, `holderNumber`), the last key of a
// body's path. An OAuth `client_id` names an app, and is not one.
const OWNER_PARAM =
  /^(?:cust(?:omer)?|user|member|investor|(?:account_?)?holder|owner|subscriber|kunde|cliente)[-_]?(?:id|no|num|number|code|ref)$/i
const OWNER_VALUE = /^\s{0,4}[a-z]{0,8}[-_.]?\d{3,12}\s{0,4}$/i

/** Whether a parameter's name and raw value could name an owner: cheap, before any decoding. */
export function ownerParamGate(name: string, raw: string): boolean {
  return OWNER_VALUE.test(raw) && OWNER_PARAM.test(name.slice(name.lastIndexOf('.') + 1))
}

/**
 * Judges a parameter naming an owner's identifier (`field` as `query:cust_id` or `body:a.customerId`,
 * `value` decoded) against the caller's identity: one of the caller's kind, or a number as long as the
 * caller's, that is not the caller's.
 */
export function judgeForeignOwnerParam(
  field: string,
  value: string,
  headers: readonly NamedValue[],
  consumer: string | null,
  customId: string | null = null,
): ForeignOwnerHit | null {
  const name = field.slice(field.lastIndexOf(':') + 1)
  if (!ownerParamGate(name, value)) return null
  const v = value.trim()
  const m = ID_SHAPE.exec(v) ?? /^()()(\d{3,12})$/.exec(v)
  if (!m) return null
  for (const caller of callerIds(headers, consumer, customId)) {
    const own = ID_SHAPE.exec(caller) as RegExpExecArray
    const sameKind =
      m[1] === '' ? m[3]?.length === own[3]?.length : m[1] === own[1] && m[2] === own[2]
    if (!sameKind || m[3] === own[3]) continue
    return { index: 0, length: value.length, reason: `${name}=${v} asked for by ${caller}` }
  }
  return null
}
