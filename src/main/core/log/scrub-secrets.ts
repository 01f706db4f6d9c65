// Last line of defence for free text (log lines, error messages): removes anything shaped like a
// credential. Structured data is redacted field by field at the source; this catches what slips through.

const PATTERNS: readonly [RegExp, string][] = [
  // JWTs (three base64url parts, the first two starting with '{"' encoded)
  [/eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, '[jwt]'],
  [/\b(Bearer|Basic|Digest|Negotiate|ApiKey)\s+[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  [
    /((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|client[_-]?secret|authorization|cookie|session(?:id)?)\\?["']?\s*[:=]\s*\\?["']?)([^\s"'\\&,;}]{1,})/gi,
    '$1[redacted]',
  ],
  [/(redis(?:s)?:\/\/[^:/@\s]*:)([^@\s]+)@/gi, '$1[redacted]@'],
  [/(https?:\/\/[^:/@\s]+:)([^@\s]+)@/gi, '$1[redacted]@'],
]

/** Returns `text` with credentials replaced, plus every exact secret value registered with the scrubber. */
export function createSecretScrubber() {
  const known = new Set<string>()
  return {
    /** Registers a secret value loaded at run time (from the secret store, env: or file:). */
    add(secret: string): void {
      if (secret.length >= 4) known.add(secret)
    },
    scrub(text: string): string {
      let out = text
      for (const s of known) out = out.split(s).join('[redacted]')
      for (const [re, rep] of PATTERNS) out = out.replace(re, rep)
      return out
    },
  }
}

export type SecretScrubber = ReturnType<typeof createSecretScrubber>
