// Undoes the encodings attackers use against naive matching. Detectors match on the decoded, lower-cased
// form; evidence shows the raw value and the decoded fragment, so offsets into the raw text are not kept.

const MAX_ROUNDS = 4

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)
}

// Lenient UTF-8: overlong forms (%c0%af for '/') decode to the character a naive server would see;
// bytes that form no sequence stay as Latin-1 so nothing silently disappears.
function decodeBytes(bytes: readonly number[]): string {
  let out = ''
  const n = bytes.length
  const cont = (k: number): boolean => k < n && ((bytes[k] ?? 0) & 0xc0) === 0x80
  for (let i = 0; i < n;) {
    const b = bytes[i] ?? 0
    if (b < 0x80) {
      out += String.fromCharCode(b)
      i++
    } else if ((b === 0xc0 || b === 0xc1) && i + 1 < n && (bytes[i + 1] ?? 0) >= 0x80) {
      // Overlong two-byte forms, read the way lax decoders did (IIS): only the low six bits count, so
      // %c0%ae, %c0%ee and %c1%af give '.', '.', '/'; %c1%1c and %c1%9c were that server's backslash.
      const low = (bytes[i + 1] ?? 0) & 0x3f
      out += String.fromCharCode(b === 0xc1 && low === 0x1c ? 0x5c : low)
      i += 2
    } else if ((b & 0xe0) === 0xc0 && cont(i + 1)) {
      out += String.fromCharCode(((b & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f))
      i += 2
    } else if ((b & 0xf0) === 0xe0 && cont(i + 1) && cont(i + 2)) {
      out += String.fromCharCode(
        ((b & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f),
      )
      i += 3
    } else if ((b & 0xf8) === 0xf0 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
      const cp =
        ((b & 0x07) << 18) |
        (((bytes[i + 1] ?? 0) & 0x3f) << 12) |
        (((bytes[i + 2] ?? 0) & 0x3f) << 6) |
        ((bytes[i + 3] ?? 0) & 0x3f)
      out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd'
      i += 4
    } else if ((b & 0xfc) === 0xf8 && cont(i + 1) && cont(i + 2) && cont(i + 3) && cont(i + 4)) {
      // Five- and six-byte forms are invalid UTF-8 but old decoders accepted them as overlong ASCII.
      const cp = (((bytes[i + 3] ?? 0) & 0x3f) << 6) | ((bytes[i + 4] ?? 0) & 0x3f)
      out += cp < 0x80 ? String.fromCharCode(cp) : '\ufffd'
      i += 5
    } else if (
      (b & 0xfe) === 0xfc &&
      cont(i + 1) &&
      cont(i + 2) &&
      cont(i + 3) &&
      cont(i + 4) &&
      cont(i + 5)
    ) {
      const cp = (((bytes[i + 4] ?? 0) & 0x3f) << 6) | ((bytes[i + 5] ?? 0) & 0x3f)
      out += cp < 0x80 ? String.fromCharCode(cp) : '\ufffd'
      i += 6
    } else {
      // A lone overlong lead byte (%c0 before a plain char) is an evasion trick: drop it.
      if (b !== 0xc0 && b !== 0xc1) out += String.fromCharCode(b)
      i++
    }
  }
  return out
}

/** One round of percent-decoding: %XX (as UTF-8, overlong accepted), %uXXXX and, if asked, `+`. */
export function percentDecode(s: string, plus = true): string {
  if (!s.includes('%') && !(plus && s.includes('+'))) return s
  let out = ''
  let bytes: number[] = []
  const flush = (): void => {
    if (bytes.length) {
      out += decodeBytes(bytes)
      bytes = []
    }
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x25) {
      if (i + 2 < s.length + 0 && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2))) {
        bytes.push(parseInt(s.substr(i + 1, 2), 16))
        i += 2
        continue
      }
      if (
        (s[i + 1] === 'u' || s[i + 1] === 'U') &&
        isHex(s.charCodeAt(i + 2)) &&
        isHex(s.charCodeAt(i + 3)) &&
        isHex(s.charCodeAt(i + 4)) &&
        isHex(s.charCodeAt(i + 5))
      ) {
        flush()
        out += String.fromCharCode(parseInt(s.substr(i + 2, 4), 16))
        i += 5
        continue
      }
    }
    flush()
    out += plus && c === 0x2b ? ' ' : s[i]
  }
  flush()
  return out
}

const NAMED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  amp: '&',
  nbsp: ' ',
  colon: ':',
  tab: '\t',
  newline: '\n',
  lpar: '(',
  rpar: ')',
  sol: '/',
  bsol: '\\',
  semi: ';',
  equals: '=',
  plus: '+',
  num: '#',
  excl: '!',
  period: '.',
  comma: ',',
  grave: '`',
  lowbar: '_',
  dollar: '$',
  percnt: '%',
  lbrace: '{',
  rbrace: '}',
  lcub: '{',
  rcub: '}',
  lsqb: '[',
  rsqb: ']',
  lbrack: '[',
  rbrack: ']',
  quest: '?',
  ast: '*',
  verbar: '|',
  vert: '|',
  hyphen: '-',
  dash: '-',
  commat: '@',
  hat: '^',
  circ: '^',
}

/** Decodes HTML character references: named, decimal and hex, with or without the semicolon. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  return s.replace(
    /&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,10});?/g,
    (whole, body: string) => {
      if (body[0] === '#') {
        const cp =
          body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1))
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ''
      }
      const named = NAMED[body.toLowerCase()]
      return named ?? whole
    },
  )
}

/** Decodes JavaScript/CSS-style escapes (\x3c, \u003c, \u{3c}) used to hide markup and lookups. */
export function decodeJsEscapes(s: string): string {
  if (!s.includes('\\')) return s
  return s.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|u\{([0-9a-fA-F]{1,6})\})/g,
    (_w, x?: string, u?: string, b?: string) => {
      const cp = parseInt(x ?? u ?? b ?? '0', 16)
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : ''
    },
  )
}

// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/

function decodeRound(s: string, plus: boolean): string {
  let t = percentDecode(s, plus)
  t = decodeEntities(t)
  t = decodeJsEscapes(t)
  if (NON_ASCII.test(t)) t = t.normalize('NFKC')
  return t
}

// True when no decoding step can change the value: no `%`, `+` (when it means a space), `&`, `\`, NUL or
// non-ASCII character. Most values are like this, and one pass tells it instead of one per step.
function nothingToDecode(s: string, plus: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x25 || c === 0x26 || c === 0x5c || c === 0 || c > 0x7f || (plus && c === 0x2b))
      return false
  }
  return true
}

/** Decodes until stable (bounded rounds) and drops NULs, keeping case: the form shown as evidence. */
export function decodeForDisplay(raw: string, plus = true): string {
  if (nothingToDecode(raw, plus)) return raw
  let cur = raw
  for (let i = 0; i < MAX_ROUNDS; i++) {
    // `+` means a space only as sent: a `+` that decoding produced (`%2B`) is a plus sign.
    const next = decodeRound(cur, plus && i === 0)
    if (next === cur) break
    cur = next
  }
  if (cur.includes('%')) cur = dropStrayPercents(cur)
  return cur.includes('\0') ? cur.replaceAll('\0', '') : cur
}

// Classic ASP on IIS drops a `%` that starts no escape, so `%S%E%L%E%C%T` reaches the application as
// SELECT (sqlmap's percentage tamper). A value spelled like that (a stray `%` before each letter, again and
// again, letters past `f` among them) is read as the server reads it. A percentage in text ("up 5% today")
// and a nibble-encoded dot (`%%32%%65` decodes to `%2%e`, hex digits only) are left alone.
const STRAY_PERCENT_LETTER = /%[g-z](?![a-z0-9])/gi
const STRAY_PERCENT = /%(?![0-9a-f]{2})/g

function dropStrayPercents(s: string): string {
  STRAY_PERCENT_LETTER.lastIndex = 0
  let n = 0
  while (STRAY_PERCENT_LETTER.exec(s) !== null) if (++n >= 3) break
  return n >= 3 ? s.replace(STRAY_PERCENT, '') : s
}

/** Decodes until stable (bounded rounds), drops NULs and lower-cases: the form detectors match. */
export function decodeForMatch(raw: string, plus = true): string {
  return decodeForDisplay(raw, plus).toLowerCase()
}

/** Percent-decoding only (no `+`, entities or escapes), bounded rounds, lower-cased. */
export function percentDecodeForMatch(raw: string): string {
  let cur = raw
  for (let i = 0; i < MAX_ROUNDS; i++) {
    const next = percentDecode(cur, false)
    if (next === cur) break
    cur = next
  }
  return cur.toLowerCase()
}

const LINE_COMMENT = /(?:#|--)[^\n]{0,200}\n/g

/**
 * Folds SQL comments and whitespace games: `/**\/` and versioned `/*!50000 … *\/` become one space, and
 * so does a line comment with more text after its line.
 */
export function foldSql(s: string): string {
  // A line comment (`#` in MySQL, `--` anywhere) ends at the line's end, and the statement goes on after
  // it: `union#x\nselect` is UNION SELECT.
  const lineComments = s.includes('\n') && (s.includes('#') || s.includes('--'))
  if (!s.includes('/*') && !/\s\s/.test(s) && !lineComments) return s
  return (lineComments ? s.replace(LINE_COMMENT, ' ') : s)
    .replace(/\/\*!\d{0,6}/g, ' ')
    .replace(/\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//g, ' ')
    .replace(/\*\//g, ' ')
    .replace(/\s+/g, ' ')
}

// A shell drops a backslash before an ordinary character and the quotes around pieces of a word, so
// `c\at /e\tc/pa\sswd`, `w'h'o'am'i` and `wh""oami` run cat and whoami. `\n` and `\r` stay: rules read
// them as the line breaks an application unescapes.
const SHELL_BACKSLASH = /\\(?=[a-mo-qs-z0-9/._-])/g
const SHELL_EMPTY_QUOTES = /''|""/g
const SHELL_INNER_QUOTE = /(?<=[a-z0-9_/.-])['"](?=[a-z0-9_/.-])/g
// The shell's field separator written as a variable is a space to the shell (`cat$IFS/etc/passwd`,
// `cat${IFS}x`, `$IFS$9`), and cmd.exe drops a caret between letters (`w^h^o^a^m^i`).
const SHELL_IFS = /\$\{?ifs\}?(?:\$[0-9])?/g
const CMD_CARET = /(?<=[a-z0-9])\^(?=[a-z0-9^])/g
// A whole word in quotes is the word (`;"curl" …`, `|'sh'`).
const SHELL_WORD_QUOTE = /(['"])([a-z0-9_/.-]{1,64})\1/g
// Bash's ANSI-C quoting, $'…': escapes inside are decoded by the shell (`$'\x63\x75\x72\x6c'` and
// `$'\143\165\162\154'` are curl), and $"…" (locale translation) is the text itself.
const SHELL_ANSI_C = /\$'((?:[^'\\]|\\.){0,256})'|\$"([^"\\]{0,256})"/g
const ANSI_C_ESCAPE = /\\(?:x([0-9a-f]{1,2})|u([0-9a-f]{4})|([0-7]{1,3})|(.))/g
const ANSI_C_SIMPLE: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  e: '\x1b',
  a: '\x07',
}

function ansiC(body: string): string {
  return body.replace(ANSI_C_ESCAPE, (_m, hex: string, uni: string, oct: string, ch: string) =>
    hex
      ? String.fromCharCode(parseInt(hex, 16))
      : uni
        ? String.fromCharCode(parseInt(uni, 16))
        : oct
          ? String.fromCharCode(parseInt(oct, 8) & 0xff)
          : (ANSI_C_SIMPLE[ch] ?? ch),
  )
}

/** Folds shell quoting games (escaped letters, quotes inside a word) into the word the shell runs. */
export function foldShell(s: string): string {
  if (
    !s.includes('\\') &&
    !s.includes("'") &&
    !s.includes('"') &&
    !s.includes('$') &&
    !s.includes('^')
  )
    return s
  const expanded = s.includes('$')
    ? s.replace(SHELL_ANSI_C, (_m, c: string | undefined, l: string | undefined) =>
        c !== undefined ? ansiC(c) : (l ?? ''),
      )
    : s
  return expanded
    .replace(SHELL_IFS, ' ')
    .replace(CMD_CARET, '')
    .replace(SHELL_BACKSLASH, '')
    .replace(SHELL_EMPTY_QUOTES, '')
    .replace(SHELL_INNER_QUOTE, '')
    .replace(SHELL_WORD_QUOTE, '$2')
}

const BASE64_VALUE = /^[A-Za-z0-9+/_-]{16,8192}={0,2}$/

// 1 for the characters a base64 value may hold (either alphabet, padding), and `%`, which may escape one.
const BASE64_CHAR = new Uint8Array(128)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-=%')
  BASE64_CHAR[c.charCodeAt(0)] = 1

/**
 * True when percent-decoding `raw` once cannot give a base64 value, read in one pass without decoding:
 * a character other than the alphabet, `=` and `%` is copied through by percentDecode (escapes consume
 * only hex digits and `u`), and an escape `%XX` below 0x80 always decodes to that one character, which
 * must be in the alphabet too. Ordinary values (symbol lists, dates with `%3A`, prose) stop at their
 * first such character; percent-decoding them cost about 1.4 µs each. False means only "maybe".
 */
export function notBase64(raw: string): boolean {
  const n = raw.length
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i)
    if (c > 0x7f || BASE64_CHAR[c] === 0) return true
    if (c === 0x25 && i + 2 < n) {
      const h = raw.charCodeAt(i + 1)
      const l = raw.charCodeAt(i + 2)
      if (h >= 0x30 && h <= 0x37 && isHex(l)) {
        const b = ((h - 0x30) << 4) | parseInt(raw.charAt(i + 2), 16)
        if (b === 0x25 || BASE64_CHAR[b] === 0) return true
      }
    }
  }
  return false
}
// Tab, line breaks and printable characters; anything else means the bytes were not text.
// eslint-disable-next-line no-control-regex
const NOT_TEXT = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]/

/**
 * The text inside a value that is base64 (standard or URL-safe alphabet) of readable text, else null.
 * Applications decode such parameters (filters, state, serialized settings), so payloads ride in them.
 * Random tokens, hashes and binary blobs decode to bytes that are not text and are left alone.
 */
export function base64Text(raw: string): string | null {
  if (notBase64(raw)) return null
  const v = raw.includes('%') ? percentDecode(raw, false) : raw
  if (!BASE64_VALUE.test(v) || v.length % 4 === 1) return null
  // A value with no digit and no case change is a word, not base64 (e.g. a long identifier).
  if (!/[A-Z]/.test(v) || !/[a-z0-9]/.test(v)) return null
  let text: string
  try {
    text = Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8')
  } catch {
    return null
  }
  if (text.length < 8 || NOT_TEXT.test(text)) return null
  return text
}

export interface MultipartField {
  readonly name: string
  readonly filename: string | null
  /** The part's own Content-Type, lower case, without parameters ('' when it has none). */
  readonly contentType: string
  readonly value: string
}

const MAX_MULTIPART_FIELDS = 100

/** The fields of a multipart/form-data body (name, file name, text value), or null if it is not one. */
export function multipartFields(body: string, contentType: string): MultipartField[] | null {
  const m = /boundary\s*=\s*(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) return null
  const out: MultipartField[] = []
  for (const part of body.split('--' + boundary)) {
    if (out.length >= MAX_MULTIPART_FIELDS) break
    const sep = part.search(/\r?\n\r?\n/)
    if (sep < 0) continue
    const head = part.slice(0, sep)
    const disp = /content-disposition:[^\r\n]*/i.exec(head)?.[0]
    if (!disp) continue
    const name = /\bname\s*=\s*"([^"]{0,200})"/i.exec(disp)?.[1] ?? ''
    const filename = /\bfilename\s*=\s*"([^"]{0,1000})"/i.exec(disp)?.[1] ?? null
    const contentType = (/^content-type:\s*([^\r\n;]{0,100})/im.exec(head)?.[1] ?? '')
      .trim()
      .toLowerCase()
    const value = part
      .slice(sep)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n$/, '')
    out.push({ name, filename, contentType, value })
  }
  return out.length ? out : null
}
