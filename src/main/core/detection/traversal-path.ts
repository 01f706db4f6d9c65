// Dot-dot traversal after the separator games fuzzers play: literal `0x2f`, look-alike slashes (U+2215,
// U+2216, full-width, private-use code points), invalid escapes left as junk, `?` standing for a dot.
// Separators are folded first; then a segment made only of dots counts as climbing.

const HEX_LITERAL = /0x(?:2e|2f|5c)/g
const SENSITIVE_AFTER =
  /^(?:etc|windows|winnt|boot\.ini|win\.ini|system32|proc|var|usr|root|home|inetpub|boot|opt|tmp|users|program files|windows\.ini)\b/

// Escapes a decoder could not read (%c1%8s, %bg%qf, %%32) are left as text; they stand between dots.
const JUNK_ESCAPE = /%[0-9a-z]{0,2}/g
const DOT_PAIR = /[.?][.?]/

function fold(decoded: string): string {
  const t = decoded
    .replace(HEX_LITERAL, (h) => (h === '0x2e' ? '.' : '/'))
    .replace(JUNK_ESCAPE, '/')
  let out = ''
  let sep = false
  for (const ch of t) {
    const c = ch.codePointAt(0) ?? 0
    const keep =
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      ch === '.' ||
      ch === '_' ||
      ch === '-' ||
      ch === '~'
    if (keep) {
      out += ch
      sep = false
    } else if (ch === '?') {
      out += '.'
      sep = false
    } else if (!sep) {
      out += '/'
      sep = true
    }
  }
  return out
}

/** Finds dot-dot climbing in a decoded value; returns the folded fragment or null. */
export function findTraversal(decoded: string): { fragment: string } | null {
  // Climbing needs two dots in a row after folding. Folding turns `?` and `0x2e` into dots and every
  // other change into a separator, so without `0x2e` such a pair must already be adjacent in the input.
  if (!decoded.includes('0x2e') && !DOT_PAIR.test(decoded)) return null
  const f = fold(decoded)
  const segs = f.split('/')
  let climbs = 0
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i] ?? ''
    if (s === '') continue
    if (!(s.length >= 2 && /^\.+$/.test(s))) {
      climbs = 0
      continue
    }
    {
      climbs++
      const rest = segs.slice(i + 1).join('/')
      if (climbs >= 2 || SENSITIVE_AFTER.test(rest))
        return { fragment: segs.slice(Math.max(0, i - 1), i + 4).join('/') }
    }
  }
  return null
}
