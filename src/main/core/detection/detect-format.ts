// Per-line format detection for `--format auto`: cheap checks on the first characters and top-level keys.
import type { LogFormat } from '../sources/source'
import { normalizeCombined } from './normalize-combined'
import { normalizeEcs } from './normalize-ecs'
import { normalizeKong } from './normalize-kong'
import { malformed, type Normalized } from './normalize-result'

/** Longest line read; anything longer is counted malformed rather than parsed. */
export const MAX_LINE_CHARS = 1_000_000
const MAX_JSON_DEPTH = 64

/** Decides the format of a parsed JSON object: Kong's serializer or ECS. */
export function jsonFormat(doc: unknown): LogFormat | null {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null
  const o = doc as Record<string, unknown>
  if (typeof o.request === 'object' && ('started_at' in o || 'client_ip' in o)) return 'kong'
  if ('@timestamp' in o || 'ecs' in o || 'http' in o || 'url' in o || 'ecs.version' in o)
    return 'ecs'
  // ECS written with flat dotted keys only ("url.original", "http.request.method").
  for (const k in o) if (k.startsWith('url.') || k.startsWith('http.')) return 'ecs'
  return null
}

/** Guesses a line's format without parsing it: JSON lines are Kong or ECS, the rest combined. */
export function detectLineFormat(text: string): LogFormat {
  const t = text.trimStart()
  if (!t.startsWith('{')) return 'combined'
  const head = t.slice(0, 4096)
  if (head.includes('"@timestamp"') || head.includes('"ecs"')) return 'ecs'
  return 'kong'
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\ufffd]/

function looksBinary(text: string): boolean {
  // Most lines have no control characters at all: one native test clears them.
  if (!CONTROL.test(text.length > 512 ? text.slice(0, 512) : text)) return false
  const n = Math.min(text.length, 512)
  let bad = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === 0) return true
    if ((c < 0x20 && c !== 9) || c === 0xfffd) bad++
  }
  return bad > 8 && bad * 10 > n
}

// Deep documents are a hostile-input pattern and are counted as malformed. V8's JSON.parse is iterative
// (a 200,000-deep array parses fine), so the depth is checked on the parsed document: walking its
// containers right after parsing costs about half of scanning the text for brackets with indexOf.
// A document deeper than the limit is one with a container at depth MAX_JSON_DEPTH + 1 (the top is 1).
function nestedDeeper(v: object, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return true
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i]
      if (typeof x === 'object' && x !== null && nestedDeeper(x, depth + 1)) return true
    }
    return false
  }
  const o = v as Record<string, unknown>
  // for-in: JSON.parse objects have no inherited enumerable keys, and no key array is built.
  for (const k in o) {
    const x = o[k]
    if (typeof x === 'object' && x !== null && nestedDeeper(x, depth + 1)) return true
  }
  return false
}

/**
 * True when the text holds at most MAX_JSON_DEPTH opening brackets (in strings or not). Every container
 * of a parsed document starts at one, so such a document cannot nest past the limit.
 */
export function fewOpeners(text: string): boolean {
  let opens = 0
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1))
    if (++opens > MAX_JSON_DEPTH) return false
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1))
    if (++opens > MAX_JSON_DEPTH) return false
  return true
}

// For text that did not parse: the same limit by a linear scan outside strings, so a deep broken
// document is still reported as deep. Fewer opening brackets than the limit cannot nest past it.
function jsonTooDeep(text: string): boolean {
  if (fewOpeners(text)) return false
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c) i++
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) return true
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return false
}

/** True when `c` occurs among the first 512 characters of `text` (the span looksBinary reads). */
export function firstCharsHold(text: string, c: string): boolean {
  return (text.length > 512 ? text.slice(0, 512) : text).includes(c)
}

function tooDeep(text: string): Normalized {
  return malformed(looksBinary(text) ? 'binary data' : `JSON nested deeper than ${MAX_JSON_DEPTH}`)
}

/** Turns one raw line into a request record, or a malformed reason. Never throws. */
export function normalizeLine(text: string, line: number, format: LogFormat | 'auto'): Normalized {
  if (text.length > MAX_LINE_CHARS)
    return malformed(`line longer than ${MAX_LINE_CHARS} characters`)
  // A line starting with a visible ASCII character is not blank; only the others need trimming to tell.
  const first = text.charCodeAt(0)
  if (!(first > 0x20 && first < 0x7f) && text.trim() === '') return malformed('blank line')
  const fmt = format === 'auto' ? detectLineFormat(text) : format
  if (fmt === 'combined' && looksBinary(text)) return malformed('binary data')
  try {
    if (fmt === 'combined') return normalizeCombined(text, line)
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch {
      if (jsonTooDeep(text)) return tooDeep(text)
      return malformed(looksBinary(text) ? 'binary data' : `${fmt}: invalid JSON`)
    }
    // Counting the brackets (~17 in a Kong line) is cheaper than walking the document (0.45 against
    // 0.56 µs a line); only text with more than the limit is walked.
    if (typeof doc === 'object' && doc !== null && !fewOpeners(text) && nestedDeeper(doc, 1))
      return tooDeep(text)
    // For JSON the binary check runs only when needed: valid JSON holds no raw control characters, so
    // only U+FFFD among the first 512 characters can make it look binary. A forward search of that
    // prefix costs a third of `lastIndexOf(…, 511)` (which is slow on a line cut from a larger string).
    if (firstCharsHold(text, '\ufffd') && looksBinary(text)) return malformed('binary data')
    const actual = format === 'auto' ? (jsonFormat(doc) ?? fmt) : fmt
    const n = actual === 'ecs' ? normalizeEcs(doc, line) : normalizeKong(doc, line)
    if (n.ok) return n
    // A source declared as one JSON format can carry the other: Kong's log shipped through Logstash into
    // an index read as ECS, ECS documents in a file imported as Kong. A document the declared reader
    // refuses is read as the other when it has that format's shape; otherwise its reason stands.
    const other = jsonFormat(doc)
    if (other !== null && other !== actual) {
      const m = other === 'ecs' ? normalizeEcs(doc, line) : normalizeKong(doc, line)
      if (m.ok) return m
    }
    return n
  } catch (err) {
    return malformed(`${fmt}: ${err instanceof Error ? err.message.slice(0, 120) : 'unreadable'}`)
  }
}
