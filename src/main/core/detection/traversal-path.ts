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

// First folders of a server's own file system (Unix and Windows), and of web roots.
const SYSTEM_ROOT =
  /^(?:etc|proc|sys|dev|boot|root|home|var|usr|opt|srv|tmp|bin|sbin|lib|lib64|mnt|media|run|app|apps|www|htdocs|inetpub|windows|winnt|users|programdata|[a-z]:)$/

/**
 * True when `decoded` is one path (absolute, relative from a named folder) or http(s) URL whose dot-dot
 * segments resolve inside it: each `..` steps back over a folder the same path named, and the path never
 * rises to its first two folders (`/Shared/Ops/Runbooks/../Archive`, a WebDAV Destination
 * `…/Metals/Archive/../2026/x.pdf`, a notebook's `workspace/u_1/research/../data/x.parquet`; not
 * `workspace/u_1/../u_2/…`, another user's folder). A document
 * library's move and rename operations write such paths; climbing needs a `..` with nothing of the path's
 * own to step back over. A path in the server's own file system (`/var/www/app/uploads/../config/db.yml`
 * passes a check that it starts with the uploads folder, and leaves it) is judged whatever it resolves
 * to, and so is one naming a hidden file or folder (`.env`, `.git`). Backslashes, dot runs other than `.`
 * and `..`, and escapes left undecoded keep the value judged too.
 */
export function resolvesInside(decoded: string): boolean {
  let s = decoded.trim()
  const scheme = /^https?:\/\/[^/?#\s]{1,255}/.exec(s)
  if (scheme) s = s.slice(scheme[0].length)
  // absolute, or relative from a named folder (`workspace/u_1/research/../data`), never from `..`
  if (s.startsWith('.') || /[\\%\s]/.test(s)) return false
  const q = s.search(/[?#]/)
  if (q >= 0) s = s.slice(0, q)
  let depth = 0
  let climbs = 0
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue
    if (depth === 0 && SYSTEM_ROOT.test(seg)) return false
    if (seg.startsWith('.') && seg !== '..') return false
    if (seg === '..') {
      // stepping back may not reach the first two folders: `workspace/u_1/../u_2` is another user's
      if (depth < 3) return false
      depth--
      climbs++
    } else if (/^\.+$/.test(seg)) return false
    else depth++
  }
  return climbs > 0
}
