// Redaction on the way out of the engine: detectors saw raw values, but what is stored, shown, exported or
// logged never carries a credential. Bearer JWTs are kept only as unverified claims plus a SHA-256.
import { createHash } from 'node:crypto'
import { decodeJwt } from 'jose'
import { detached, isSecretHeader, SECRET_KEY } from './inspect-targets'

export const MAX_EVIDENCE = 200

/** SHA-256 of a token, hex, for correlating without keeping it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

export interface TokenSummary {
  readonly scheme: string
  readonly sha256: string
  /** Claims read without verifying the signature; never trust them for decisions. */
  readonly claims: {
    readonly iss?: string
    readonly sub?: string
    readonly jti?: string
    readonly exp?: number
  } | null
  readonly unverified: true
}

// A session sends the same token with every request, and every request with a finding is summarised:
// the hash and the JWT decoding are remembered per value (bounded: a full table is emptied, long values
// are not kept). Summaries are read-only, so one object can be handed out again.
const MAX_SUMMARIES = 1024
const MAX_SUMMARY_CHARS = 8192
const summaries = new Map<string, TokenSummary>()

/** Summarises an Authorization value: scheme, SHA-256 and, for a JWT, its unverified iss/sub/jti/exp. */
export function summarizeAuthorization(value: string): TokenSummary {
  if (value.length > MAX_SUMMARY_CHARS) return summarize(value)
  let s = summaries.get(value)
  if (s === undefined) {
    s = summarize(value)
    if (summaries.size >= MAX_SUMMARIES) summaries.clear()
    summaries.set(detached(value), s)
  }
  return s
}

function summarize(value: string): TokenSummary {
  const m = /^\s*(\S+)\s+(\S+)/.exec(value)
  const scheme = m?.[1] ?? 'unknown'
  const token = m?.[2] ?? value.trim()
  let claims: TokenSummary['claims'] = null
  if (/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) {
    try {
      const c = decodeJwt(token)
      claims = {
        ...(typeof c.iss === 'string' ? { iss: c.iss.slice(0, 120) } : {}),
        ...(typeof c.sub === 'string' ? { sub: c.sub.slice(0, 120) } : {}),
        ...(typeof c.jti === 'string' ? { jti: c.jti.slice(0, 120) } : {}),
        ...(typeof c.exp === 'number' ? { exp: c.exp } : {}),
      }
    } catch {
      claims = null
    }
  }
  return { scheme, sha256: tokenHash(token), claims, unverified: true }
}

const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g
const BEARER = /\b(bearer|basic|digest|token|apikey)(\s+|%20|\+)[^\s"',;&]{6,}/gi
const SECRET_PAIR =
  /((?:^|[?&;,{\s"'])"?(?:[a-z_-]*(?:pass(?:word|wd)?|pwd|secret|token|api[-_]?key|apikey|session(?:id)?|sid|jsessionid|phpsessid|auth)[a-z_-]*)"?\s*[=:]\s*"?)([^&;,"'\s}]{1,})/gi

/** Scrubs credential-looking substrings from free text (evidence, decoded payloads, log lines). */
export function scrubSecrets(text: string): string {
  return text
    .replace(JWT, (t) => `[jwt sha256:${tokenHash(t).slice(0, 12)}]`)
    .replace(BEARER, (_w, scheme: string, sep: string) => `${scheme}${sep}[redacted]`)
    .replace(SECRET_PAIR, (_w, prefix: string, value: string) =>
      value === '[redacted]' || /^\*+$/.test(value) ? `${prefix}${value}` : `${prefix}[redacted]`,
    )
}

/** True when a value's field name marks it as secret-bearing. */
export function isSecretField(field: string): boolean {
  const colon = field.indexOf(':')
  const kind = colon < 0 ? field : field.slice(0, colon)
  const name = colon < 0 ? '' : field.slice(colon + 1)
  if (kind === 'cookie' || kind === 'cookie-b64') return true
  if (kind === 'header') return isSecretHeader(name)
  const key = name.slice(name.lastIndexOf('.') + 1)
  return SECRET_KEY.test(key)
}

/** Truncates to MAX_EVIDENCE characters, marking the cut. */
export function clip(text: string, max = MAX_EVIDENCE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/**
 * Builds evidence for a match. From a secret-bearing field only the field name and the matched fragment
 * appear; otherwise a window of the value around the match, scrubbed of anything credential-like.
 */
export function buildEvidence(
  field: string,
  secret: boolean,
  value: string,
  fragment: string,
  index: number,
): { evidence: string; highlight: { start: number; end: number } | null } {
  const frag = scrubSecrets(fragment.slice(0, 120))
  if (secret || isSecretField(field)) {
    const prefix = `${field}: …`
    const ev = clip(`${prefix}${frag}…`)
    return {
      evidence: ev,
      highlight: { start: prefix.length, end: Math.min(prefix.length + frag.length, ev.length) },
    }
  }
  const clean = scrubSecrets(value)
  let start = 0
  if (clean.length > MAX_EVIDENCE)
    start = Math.max(0, Math.min(index - 40, clean.length - MAX_EVIDENCE))
  const ev = clip(start > 0 ? `…${clean.slice(start + 1)}` : clean)
  const at = ev.toLowerCase().indexOf(frag.slice(0, 40).toLowerCase())
  return {
    evidence: ev,
    highlight:
      at >= 0 && frag.length > 0 ? { start: at, end: Math.min(at + frag.length, ev.length) } : null,
  }
}
