// A record of another customer's, asked for by a customer: the path names an identifier of the caller's
// own kind (`/investors/INV-20988/tax-packs`, `/customers/CUS-0048211/documents`) while the caller is
// INV-20931 or CUS-1990021. An API that takes the owner from the path and checks only that the caller
// is signed in hands the record over (insecure direct object reference, OWASP API1:2023). Only the
// caller's identity tells this from the caller's own request, so it is read from what the gateway
// vouches for: the subject of the bearer token (decoded, not verified: Vigil holds no keys; a forged
// token is another rule's business) and the identity headers Kong's authentication plugins set
// (X-Authenticated-Userid, X-Consumer-Custom-ID).
//
// An identifier is "of the caller's kind" when it has the same letters, separator and a number
// (`inv-`, `cus-`, `u_`): staff (`rm.0917`, `agent-7`) and apps have other shapes and are passed over,
// as are numeric identities, which a path shares with order numbers and dates. A path that names the
// caller anywhere (`/customers/CUS-1/payees/CUS-2`) is about the caller's own record.
import { decodeJwt } from 'jose'
import { bearerToken } from './api-key'
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

/** The caller's identities that have an identifier's shape. */
function callerIds(headers: readonly NamedValue[]): string[] {
  const out: string[] = []
  for (const h of headers) {
    let id: string | null = null
    if (IDENTITY_HEADERS.has(h.name)) id = asIdentifier(h.value)
    else if (h.name === 'authorization') {
      const token = bearerToken(h.value)
      if (token !== null) {
        try {
          const sub = decodeJwt(token).sub
          if (typeof sub === 'string') id = asIdentifier(sub)
        } catch {
          // not a JWT: an opaque token names no one
        }
      }
    }
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
): ForeignOwnerHit | null {
  const segments = path.split('/')
  const candidates = segments.filter((s) => ID_SHAPE.test(s))
  if (candidates.length === 0) return null
  const callers = callerIds(headers)
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
