// JWT algorithm confusion (RS256 → HS256): a verifier that takes the algorithm from the token's header
// and looks the key up by `kid` can be handed an HMAC token "signed" with the public key it would use for
// RS256, which anyone can fetch from the issuer's key set; the forger then writes whatever claims it
// likes (a role, another subject). A key id names one key, and a key is either an asymmetric pair or a
// shared secret, so one kid seen on RSA / EC / EdDSA tokens and then on an HMAC token is the forgery: no
// issuer signs with both under one name. The detector learns which family each kid signs with from the
// tokens it sees (two asymmetric tokens before one counts as known) and names the request whose HMAC
// token reuses an asymmetric kid. Only the header segment is read (base64url JSON, unverified), and each
// distinct header is read once.
import { createBoundedMap } from '../bounded-map'
import { readSegment } from '../jwt-header'
import type { RequestRecord } from '../request-record'
import type { BehaviourDetector } from './behaviour-signal'

export interface KeyConfusionOptions {
  /** Asymmetric tokens seen with a kid before it is known to name a public key. */
  readonly asymmetricSightings: number
  readonly maxKids: number
  readonly maxHeaders: number
}

export const DEFAULT_KEY_CONFUSION: KeyConfusionOptions = {
  asymmetricSightings: 2,
  maxKids: 4096,
  maxHeaders: 4096,
}

const enum Family {
  None = 0,
  Asymmetric = 1,
  Hmac = 2,
}

interface Header {
  readonly kid: string
  readonly family: Family
  readonly alg: string
}

const NO_HEADER: Header = { kid: '', family: Family.None, alg: '' }

/** A JWT's header segment (`eyJ…` up to the first dot) in a header value, or null. */
function headerSegment(value: string): string | null {
  let v = value
  if (v.length > 7 && (v.charCodeAt(0) | 0x20) === 0x62 /* b */ && /^bearer\s+/i.test(v))
    v = v.replace(/^bearer\s+/i, '')
  if (v.charCodeAt(0) !== 0x65 /* e */ || v.charCodeAt(1) !== 0x79 /* y */) return null
  const dot = v.indexOf('.')
  if (dot < 8 || dot > 2048 || v.indexOf('.', dot + 1) < 0) return null
  return v.slice(0, dot)
}

function readHeader(segment: string): Header {
  const h = readSegment(segment)
  if (h === null) return NO_HEADER
  const { alg, kid } = h
  if (typeof alg !== 'string' || typeof kid !== 'string' || kid === '' || kid.length > 256)
    return NO_HEADER
  const a = alg.trim().toUpperCase()
  const family = /^HS\d{3}$/.test(a)
    ? Family.Hmac
    : /^(?:RS|PS|ES)\d{3}K?$|^EDDSA$|^ES256K$/.test(a)
      ? Family.Asymmetric
      : Family.None
  return { kid, family, alg: a }
}

/** The request's bearer token header: Authorization, or a header whose name says it holds a token. */
function tokenHeader(r: RequestRecord): string | null {
  for (const h of r.headers) {
    if (h.name === 'authorization' || (h.name.includes('token') && h.value.startsWith('ey')))
      return headerSegment(h.value)
  }
  return null
}

/** Creates the algorithm-confusion detector (per key id, across every client). */
export function createKeyConfusionDetector(opts = DEFAULT_KEY_CONFUSION): BehaviourDetector {
  const headers = createBoundedMap<string, Header>(opts.maxHeaders)
  // kid → asymmetric tokens seen with it (counted up to the threshold)
  const kids = createBoundedMap<string, number>(opts.maxKids)
  return {
    get size() {
      return kids.size
    },
    observe(r: RequestRecord) {
      const segment = tokenHeader(r)
      if (segment === null) return null
      let h = headers.get(segment)
      if (h === undefined) {
        h = readHeader(segment)
        headers.set(segment, h)
      }
      if (h.family === Family.None) return null
      const seen = kids.get(h.kid) ?? 0
      if (h.family === Family.Asymmetric) {
        if (seen < opts.asymmetricSightings) kids.set(h.kid, seen + 1)
        return null
      }
      if (seen < opts.asymmetricSightings) return null
      return {
        category: 'other',
        rule: 'behaviour.jwt-key-confusion',
        severity: 'high',
        confidence: 0.85,
        summary: `an ${h.alg} token names key ${JSON.stringify(h.kid.slice(0, 64))}, which signs asymmetric tokens: a token forged with the public key as an HMAC secret (algorithm confusion)`,
        details: { alg: h.alg },
      }
    },
  }
}
