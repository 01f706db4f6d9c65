// Forged JSON Web Tokens, judged by their header (RFC 7515 §4.1), which the client writes and the server
// reads before it checks anything: `alg: none` asks a careless verifier to skip the signature (RFC 7519
// §6, the unsecured JWT), and a `kid` holding a path climb or shell / SQL characters is fed by some
// servers to a file read or a key query. A header carrying the key to check it with (`jwk`) asks a
// verifier that trusts embedded keys to take the forger's: an HMAC secret in it (`kty: oct`, or an HS
// algorithm) is never a real token's, as it would publish the secret. (A DPoP proof or an ACME request
// carries its public key so by design; a public key is not judged.) A header pointing at the key set to
// check it with (`jku`, or `x5u` for a certificate chain) asks a verifier that follows it to fetch the
// forger's keys: an issuer publishes its keys on its own domain, so a URL on another domain than the
// token's issuer (`iss`), or on an address, is the forger's. Read from the raw value: base64url is
// case-sensitive.
import { bareHost, isAddress, registrable } from './host-override'

// header.payload.signature, the header starting with `{"` (eyJ) or `{` and a line break or space (ew…).
const JWT = /\be[wy][A-Za-z0-9_-]{6,2048}\.[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,2048}/g
const KID_INJECTION = /\.\.[/\\]|['"`;|]|\$\(|\bunion\b|\bselect\b|\/dev\/|\/etc\/|%00|\0/i

export interface JwtHeaderHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

/**
 * The first token in `raw` whose header is forged (alg none, an injection in kid, its own HMAC key, a key
 * URL off its issuer), or null. `site` is the request's Host, for a token that names no issuer.
 */
export function findForgedJwt(raw: string, site: string | null = null): JwtHeaderHit | null {
  if (raw.length < 20 || (raw.indexOf('ey') < 0 && raw.indexOf('ew') < 0)) return null
  JWT.lastIndex = 0
  for (let m = JWT.exec(raw); m !== null; m = JWT.exec(raw)) {
    const token = m[0]
    const header = readSegment(token.slice(0, token.indexOf('.')))
    if (header === null) continue
    const alg = header['alg']
    if (typeof alg === 'string' && alg.trim().toLowerCase() === 'none')
      return { index: m.index, length: token.length, reason: 'unsigned JWT (alg none)' }
    const kid = header['kid']
    if (typeof kid === 'string' && KID_INJECTION.test(kid))
      return { index: m.index, length: token.length, reason: 'JWT kid with a path or injection' }
    if (carriesOwnSecret(header, alg))
      return { index: m.index, length: token.length, reason: 'JWT carrying its own HMAC key (jwk)' }
    const keyUrl = foreignKeyUrl(header, token, site)
    if (keyUrl !== null)
      return {
        index: m.index,
        length: token.length,
        reason: `JWT key set URL off its issuer (${keyUrl})`,
      }
  }
  return null
}

/** The host of a URL (`https://keys.example/jwks.json`), lower case, or null. */
function urlHost(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const m = /^\s*https?:\/\/(?:[^/?#@]*@)?([^/?#\s]{1,300})/i.exec(value)
  return m ? bareHost(m[1] ?? '') : null
}

/**
 * The header parameter (`jku` or `x5u`) whose URL points off the token's issuer: at an address, or at a
 * domain other than the registrable domain of `iss` when `iss` is a URL, else of the site the token was
 * sent to (`site`, the request's Host: a token without an issuer is the site's own). Null when neither is
 * set or there is nothing to compare with.
 */
function foreignKeyUrl(
  header: Record<string, unknown>,
  token: string,
  site: string | null,
): string | null {
  for (const name of ['jku', 'x5u']) {
    const host = urlHost(header[name])
    if (host === null) continue
    if (isAddress(host) || !host.includes('.')) return name
    const segments = token.split('.')
    const claims = segments.length > 1 ? readSegment(segments[1] ?? '') : null
    const issuer = urlHost(claims?.['iss']) ?? (claims?.['iss'] === undefined ? site : null)
    if (
      issuer !== null &&
      issuer.includes('.') &&
      !isAddress(issuer) &&
      registrable(issuer) !== registrable(host)
    )
      return name
  }
  return null
}

/** A token's segment (base64url JSON) as an object, or null. Unverified: what the client wrote. */
export function readSegment(segment: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

/** True when a header embeds a symmetric key (`jwk` of type oct, or any `jwk` with an HS algorithm). */
function carriesOwnSecret(header: Record<string, unknown>, alg: unknown): boolean {
  const jwk = header['jwk']
  if (jwk === null || typeof jwk !== 'object') return false
  const kty = (jwk as Record<string, unknown>)['kty']
  return (
    (typeof kty === 'string' && kty.toLowerCase() === 'oct') ||
    (typeof alg === 'string' && /^hs\d{3}$/i.test(alg.trim()))
  )
}
