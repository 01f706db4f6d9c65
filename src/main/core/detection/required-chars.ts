// A prefilter computed from a rule's regex: sets of characters of which every match must contain at least
// one each. A value whose characters miss one of the sets cannot match, so the regex is not run on it. Most
// values in traffic (ids, symbols, plain paths) hold none of the punctuation an injection needs, and running
// ~100 regexes on each new value costs more than parsing the line it came in.
//
// The analysis is conservative: anything it does not fully understand adds no requirement, so a prefilter
// can only ever let through more than the regex would match, never less.

/** A set of characters: four 32-bit words for ASCII, one flag for any character above U+007F. */
export type CharMask = readonly [number, number, number, number, number]

const NON_ASCII_WORD = 4
const EMPTY: CharMask = [0, 0, 0, 0, 0]
const FULL: CharMask = [-1, -1, -1, -1, 1]

/** The characters of a text as a mask (the set the requirements are checked against). */
export function textMask(text: string): CharMask {
  let w0 = 0
  let w1 = 0
  let w2 = 0
  let w3 = 0
  let hi = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 32) w0 |= 1 << c
    else if (c < 64) w1 |= 1 << (c - 32)
    else if (c < 96) w2 |= 1 << (c - 64)
    else if (c < 128) w3 |= 1 << (c - 96)
    else hi = 1
  }
  return [w0, w1, w2, w3, hi]
}

/** True when the text (as a mask) meets every requirement: shares at least one character with each set. */
export function meets(text: CharMask, required: readonly CharMask[]): boolean {
  for (const r of required) {
    if (
      (text[0] & r[0]) === 0 &&
      (text[1] & r[1]) === 0 &&
      (text[2] & r[2]) === 0 &&
      (text[3] & r[3]) === 0 &&
      (text[4] & r[4]) === 0
    )
      return false
  }
  return true
}

/** Pairs of adjacent characters, as buckets of a 1024-bit table (collisions only ever let more through). */
export type PairMask = number[]

function pairBucket(a: number, b: number): number {
  return Math.imul((a << 16) ^ b, 0x9e3779b1) >>> 22
}

/** The adjacent character pairs of a text as a mask. */
export function textPairs(text: string): PairMask {
  // A plain array literal: allocating a typed array costs more than filling this one for a short value.
  // prettier-ignore
  const m = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
  let prev = text.charCodeAt(0)
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const b = pairBucket(prev, c)
    m[b >> 5] = (m[b >> 5] as number) | (1 << (b & 31))
    prev = c
  }
  return m
}

/** True when the text holds, for each set, at least one of its pairs. */
export function meetsPairs(text: PairMask, required: readonly (readonly number[])[]): boolean {
  for (const set of required) {
    let found = false
    for (const b of set) {
      if (((text[b >> 5] ?? 0) >>> (b & 31)) & 1) {
        found = true
        break
      }
    }
    if (!found) return false
  }
  return true
}

/** What a regex needs of a value: characters (one of each set) and adjacent pairs (one of each set). */
export interface Requirements {
  readonly chars: readonly CharMask[]
  readonly pairs: readonly (readonly number[])[]
}

/** A text's characters and adjacent pairs (each computed on first use), checked against requirements. */
export class TextChars {
  private charMask: CharMask | null = null
  private pairMask: PairMask | null = null
  constructor(private readonly text: string) {}

  /** False when the text cannot match a regex with these requirements. */
  allows(req: Requirements): boolean {
    if (req.chars.length > 0 && !meets((this.charMask ??= textMask(this.text)), req.chars))
      return false
    if (req.pairs.length > 0 && !meetsPairs((this.pairMask ??= textPairs(this.text)), req.pairs))
      return false
    return true
  }
}

/**
 * What a value needs for any of several regexes to match: a character from one set of each, and a pair
 * from one set of each (when every regex has such sets). Lets a rule's regexes be skipped with one check.
 */
export function anyOf(all: readonly Requirements[]): Requirements {
  if (all.length === 0) return { chars: [], pairs: [] }
  let chars: CharMask | null = EMPTY
  let pairs: Set<number> | null = new Set<number>()
  for (const r of all) {
    const c = best([...r.chars])
    chars = chars && c ? union(chars, c) : null
    let pick: readonly number[] | null = null
    for (const p of r.pairs) if (!pick || p.length < pick.length) pick = p
    if (pairs && pick) for (const b of pick) pairs.add(b)
    else pairs = null
  }
  return {
    chars: chars && !isFull(chars) ? [chars] : [],
    pairs: pairs && pairs.size <= MAX_PAIR_UNION ? [[...pairs].sort((a, b) => a - b)] : [],
  }
}

function mutable(): number[] {
  return [0, 0, 0, 0, 0]
}

function addChar(m: number[], c: number): void {
  if (c >= 128) m[NON_ASCII_WORD] = 1
  else m[c >> 5] = (m[c >> 5] ?? 0) | (1 << (c & 31))
}

function addRange(m: number[], from: number, to: number): void {
  for (let c = from; c <= Math.min(to, 127); c++) addChar(m, c)
  if (to >= 128) m[NON_ASCII_WORD] = 1
}

function union(a: CharMask, b: CharMask): CharMask {
  return [a[0] | b[0], a[1] | b[1], a[2] | b[2], a[3] | b[3], a[4] | b[4]]
}

function complement(m: readonly number[]): CharMask {
  // Any set of non-ASCII characters leaves others out, so the complement always has the non-ASCII flag.
  return [~(m[0] ?? 0), ~(m[1] ?? 0), ~(m[2] ?? 0), ~(m[3] ?? 0), 1]
}

function isFull(m: CharMask): boolean {
  return m[0] === -1 && m[1] === -1 && m[2] === -1 && m[3] === -1 && m[4] === 1
}

const DIGIT = ((): CharMask => {
  const m = mutable()
  addRange(m, 0x30, 0x39)
  return m as unknown as CharMask
})()
const WORD = ((): CharMask => {
  const m = mutable()
  addRange(m, 0x30, 0x39)
  addRange(m, 0x41, 0x5a)
  addRange(m, 0x61, 0x7a)
  addChar(m, 0x5f)
  return m as unknown as CharMask
})()
// \s also matches Unicode spaces (U+00A0, U+FEFF, U+2028…): the non-ASCII flag stands for them.
const SPACE = ((): CharMask => {
  const m = mutable()
  addRange(m, 0x09, 0x0d)
  addChar(m, 0x20)
  m[NON_ASCII_WORD] = 1
  return m as unknown as CharMask
})()

// How often a character turns up in ordinary values: letters, digits and the usual separators are common,
// other punctuation rare. Only used to choose which requirements to keep; soundness does not depend on it.
function weight(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return 1
  if (c >= 0x30 && c <= 0x39) return 1
  if (c >= 0x41 && c <= 0x5a) return 0.2
  if (c === 0x2e || c === 0x2f || c === 0x2d || c === 0x5f || c === 0x20 || c === 0x2c) return 1
  if (c === 0x3a || c === 0x3d || c === 0x26 || c === 0x3b || c === 0x2b || c === 0x25) return 0.5
  return 0.05
}

function score(m: CharMask): number {
  let s = m[NON_ASCII_WORD] ? 0.5 : 0
  for (let c = 0; c < 128; c++) if (((m[c >> 5] ?? 0) >>> (c & 31)) & 1) s += weight(c)
  return s
}

/** Requirements of a piece of pattern: conjunctions of sets; empty lists mean none. */
interface PairReq {
  readonly buckets: readonly number[]
  readonly score: number
}
interface Need {
  chars: CharMask[]
  pairs: PairReq[]
}
type Req = CharMask[]

const NONE = (): Need => ({ chars: [], pairs: [] })

/** An atom read from the pattern: what it needs, and the characters it consumes when it is exactly one. */
interface Atom {
  readonly need: Need
  readonly one: CharMask | null
  readonly zeroWidth: boolean
}

function asciiMembers(m: CharMask): number[] | null {
  if (m[NON_ASCII_WORD]) return null
  const out: number[] = []
  for (let c = 0; c < 128; c++) if (((m[c >> 5] ?? 0) >>> (c & 31)) & 1) out.push(c)
  return out
}

const MAX_PAIRS = 16
const MAX_PAIR_UNION = 64
const MAX_PAIR_SETS = 3

/** The pairs `a` then `b` can form, when few enough to be worth checking. */
function pairReq(a: CharMask, b: CharMask): PairReq | null {
  const xs = asciiMembers(a)
  const ys = asciiMembers(b)
  if (!xs || !ys || xs.length === 0 || ys.length === 0 || xs.length * ys.length > MAX_PAIRS)
    return null
  const buckets = new Set<number>()
  let score = 0
  for (const x of xs)
    for (const y of ys) {
      buckets.add(pairBucket(x, y))
      score += weight(x) * weight(y)
    }
  return { buckets: [...buckets].sort((p, q) => p - q), score }
}

function prunePairs(pairs: PairReq[]): PairReq[] {
  if (pairs.length <= MAX_PAIR_SETS) return pairs
  return [...pairs].sort((a, b) => a.score - b.score).slice(0, MAX_PAIR_SETS)
}

class Unsupported extends Error {}

const MAX_KEPT = 4

function best(req: Req): CharMask | null {
  let pick: CharMask | null = null
  let pickScore = Infinity
  for (const m of req) {
    const s = score(m)
    if (s < pickScore) {
      pick = m
      pickScore = s
    }
  }
  return pick
}

function prune(req: Req): Req {
  const useful = req.filter((m) => !isFull(m))
  if (useful.length <= MAX_KEPT) return useful
  return useful
    .map((m) => ({ m, s: score(m) }))
    .sort((a, b) => a.s - b.s)
    .slice(0, MAX_KEPT)
    .map((x) => x.m)
}

/** Parses a pattern (no `u`/`i`/`v` flags, Annex B syntax) into its requirements. */
class Analyzer {
  private i = 0
  constructor(private readonly src: string) {}

  run(): Need {
    const r = this.alternation()
    if (this.i !== this.src.length) throw new Unsupported('trailing input')
    return { chars: prune(r.chars), pairs: prunePairs(r.pairs) }
  }

  private peek(k = 0): string {
    return this.src[this.i + k] ?? ''
  }

  private alternation(): Need {
    const branches: Need[] = [this.sequence()]
    while (this.peek() === '|') {
      this.i++
      branches.push(this.sequence())
    }
    if (branches.length === 1) return branches[0] ?? NONE()
    // Every branch must bring a requirement; the union of one set from each is then required.
    const out = NONE()
    let u: CharMask = EMPTY
    let charsOk = true
    for (const b of branches) {
      const m = best(b.chars)
      if (!m) {
        charsOk = false
        break
      }
      u = union(u, m)
    }
    if (charsOk && !isFull(u)) out.chars.push(u)
    const buckets = new Set<number>()
    let score = 0
    let pairsOk = true
    for (const b of branches) {
      let pick: PairReq | null = null
      for (const p of b.pairs) if (!pick || p.score < pick.score) pick = p
      if (!pick) {
        pairsOk = false
        break
      }
      for (const x of pick.buckets) buckets.add(x)
      score += pick.score
    }
    if (pairsOk && buckets.size <= MAX_PAIR_UNION)
      out.pairs.push({ buckets: [...buckets].sort((p, q) => p - q), score })
    return out
  }

  private sequence(): Need {
    const out = NONE()
    // The last atom consumed exactly one character of this set (at the end of its run), or null.
    let prev: CharMask | null = null
    while (this.i < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom()
      const min = this.quantifier()
      // Zero-width atoms consume nothing: the characters on both sides stay adjacent.
      if (atom.zeroWidth) continue
      if (min > 0) {
        out.chars.push(...atom.need.chars)
        out.pairs.push(...atom.need.pairs)
      }
      // A one-character atom taken at least once: its first character follows the previous atom's last,
      // and its last character precedes the next atom's first.
      const one = min > 0 ? atom.one : null
      if (one && prev) {
        const p = pairReq(prev, one)
        if (p) out.pairs.push(p)
      }
      prev = one
    }
    return { chars: prune(out.chars), pairs: prunePairs(out.pairs) }
  }

  /** Reads a quantifier after an atom, if any; returns its minimum count (1 when there is none). */
  private quantifier(): number {
    const c = this.peek()
    let min = 1
    if (c === '*' || c === '?') {
      min = 0
      this.i++
    } else if (c === '+') {
      this.i++
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(this.src.slice(this.i))
      if (!m) return 1 // a brace that is no quantifier is a literal (Annex B); the next atom reads it
      min = Number(m[1])
      this.i += m[0].length
    } else return 1
    if (this.peek() === '?') this.i++
    const next = this.peek()
    if (next === '*' || next === '+' || next === '?') throw new Unsupported('double quantifier')
    return min
  }

  private atom(): Atom {
    const c = this.peek()
    switch (c) {
      case '(':
        return this.group()
      case '[': {
        const m = this.charClass()
        return { need: { chars: [m], pairs: [] }, one: m, zeroWidth: false }
      }
      case '.':
        this.i++
        return { need: NONE(), one: FULL, zeroWidth: false } // with the `s` flag: any character
      case '^':
      case '$':
        this.i++
        return { need: NONE(), one: null, zeroWidth: true }
      case '\\': {
        const m = this.classEscape(false)
        return m === null
          ? { need: NONE(), one: null, zeroWidth: true }
          : { need: { chars: [m], pairs: [] }, one: m, zeroWidth: false }
      }
      case '*':
      case '+':
      case '?':
        throw new Unsupported('nothing to repeat')
      case '{': {
        if (/^\{\d+(?:,\d*)?\}/.test(this.src.slice(this.i)))
          throw new Unsupported('nothing to repeat')
        this.i++
        const m = single(0x7b)
        return { need: { chars: [m], pairs: [] }, one: m, zeroWidth: false }
      }
      default: {
        const m = single(this.src.charCodeAt(this.i))
        this.i++
        return { need: { chars: [m], pairs: [] }, one: m, zeroWidth: false }
      }
    }
  }

  private group(): Atom {
    this.i++ // (
    let zeroWidth = false
    if (this.peek() === '?') {
      const k = this.peek(1)
      if (k === ':') this.i += 2
      else if (k === '=' || k === '!') {
        this.i += 2
        zeroWidth = true
      } else if (k === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.i += 3
        zeroWidth = true
      } else if (k === '<') {
        const end = this.src.indexOf('>', this.i)
        if (end < 0) throw new Unsupported('group name')
        this.i = end + 1
      } else throw new Unsupported(`group (?${k}`)
    }
    const inner = this.alternation()
    if (this.peek() !== ')') throw new Unsupported('unclosed group')
    this.i++
    return zeroWidth
      ? { need: NONE(), one: null, zeroWidth: true }
      : { need: inner, one: null, zeroWidth: false }
  }

  /**
   * Reads an escape at `\`; returns its characters, or null for zero-width or unknown-width escapes
   * (assertions, back-references), which add no requirement.
   */
  private classEscape(inClass: boolean): CharMask | null {
    this.i++ // backslash
    const c = this.peek()
    if (c === '') throw new Unsupported('trailing backslash')
    this.i++
    switch (c) {
      case 'd':
        return DIGIT
      case 'D':
        return complement(DIGIT)
      case 'w':
        return WORD
      case 'W':
        return complement(WORD)
      case 's':
        return SPACE
      case 'S':
        return complement(SPACE)
      case 'b':
        return inClass ? single(0x08) : null
      case 'B':
        if (inClass) throw new Unsupported('\\B in class')
        return null
      case 't':
        return single(0x09)
      case 'n':
        return single(0x0a)
      case 'v':
        return single(0x0b)
      case 'f':
        return single(0x0c)
      case 'r':
        return single(0x0d)
      case 'x': {
        const h = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i))
        if (!h) return single(0x78) // Annex B: `\x` without two hex digits is the letter
        this.i += 2
        return single(parseInt(h[0], 16))
      }
      case 'u': {
        const h = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i))
        if (!h) return single(0x75)
        this.i += 4
        return single(parseInt(h[0], 16))
      }
      case 'c': {
        const l = this.peek()
        if (!/^[a-zA-Z]$/.test(l)) throw new Unsupported('\\c')
        this.i++
        return single(l.charCodeAt(0) % 32)
      }
      case '0':
        if (/^[0-9]$/.test(this.peek())) throw new Unsupported('octal escape')
        return single(0)
      case 'k':
        if (this.peek() === '<') throw new Unsupported('named back-reference')
        return single(0x6b)
      default:
        // Back-references (and Annex B octal escapes, which read the same) are not analysed.
        if (/^[1-9]$/.test(c)) throw new Unsupported('back-reference')
        return single(c.charCodeAt(0))
    }
  }

  private charClass(): CharMask {
    this.i++ // [
    let negate = false
    if (this.peek() === '^') {
      negate = true
      this.i++
    }
    const m = mutable()
    let first = true
    for (;;) {
      const c = this.peek()
      if (c === '') throw new Unsupported('unclosed class')
      if (c === ']') {
        this.i++
        break
      }
      first = false
      const lo = this.classAtom()
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '' && lo.code >= 0) {
        const save = this.i
        this.i++ // -
        const hi = this.classAtom()
        if (hi.code >= 0) {
          if (hi.code < lo.code) throw new Unsupported('range out of order')
          addRange(m, lo.code, hi.code)
          continue
        }
        // `[\w-x]`-like shapes: Annex B reads the dash literally
        this.i = save
      }
      if (lo.code >= 0) addChar(m, lo.code)
      else if (lo.set) for (let k = 0; k < 5; k++) m[k] = (m[k] ?? 0) | (lo.set[k] ?? 0)
    }
    void first
    const set = m as unknown as CharMask
    return negate ? complement(m) : set
  }

  /** One item of a class: a single character (code ≥ 0) or a class escape (set). */
  private classAtom(): { code: number; set: CharMask | null } {
    const c = this.peek()
    if (c === '\\') {
      const start = this.i
      const nextCh = this.peek(1)
      const set = this.classEscape(true)
      if (set === null) throw new Unsupported('assertion in class')
      // Single-character escapes can bound a range; class escapes cannot.
      if ('dDwWsS'.includes(nextCh)) return { code: -1, set }
      const code = soleChar(set)
      if (code < 0) {
        this.i = start
        throw new Unsupported('class escape')
      }
      return { code, set: null }
    }
    const code = this.src.charCodeAt(this.i)
    this.i++
    return { code, set: null }
  }
}

function single(code: number): CharMask {
  const m = mutable()
  if (code >= 128) {
    // A non-ASCII character only sets the flag; keep its code in the side table for soleChar.
    m[NON_ASCII_WORD] = 1
    const mask = m as unknown as CharMask
    nonAsciiCode.set(mask, code)
    return mask
  }
  addChar(m, code)
  return m as unknown as CharMask
}

const nonAsciiCode = new WeakMap<CharMask, number>()

function soleChar(m: CharMask): number {
  const hiCode = nonAsciiCode.get(m)
  if (hiCode !== undefined) return hiCode
  let found = -1
  for (let c = 0; c < 128; c++) {
    if (((m[c >> 5] ?? 0) >>> (c & 31)) & 1) {
      if (found >= 0) return -1
      found = c
    }
  }
  return m[NON_ASCII_WORD] ? -1 : found
}

/**
 * The requirements of a pattern compiled with flags `s` only (values are lower-cased before matching, so
 * rules carry no `i`): an empty list when none can be derived.
 */
export function requiredChars(pattern: string): readonly CharMask[] {
  return requirements(pattern).chars
}

/** Character and pair requirements of a pattern compiled with flags `s` only; empty when none. */
export function requirements(pattern: string): Requirements {
  let r = analysed.get(pattern)
  if (!r) {
    r = analyse(pattern)
    if (analysed.size >= 10_000) analysed.clear()
    analysed.set(pattern, r)
  }
  return r
}

// Engines are made per worker start, rule reload and test; the same patterns are analysed once.
const analysed = new Map<string, Requirements>()

function analyse(pattern: string): Requirements {
  try {
    const need = new Analyzer(pattern).run()
    return { chars: need.chars, pairs: need.pairs.map((p) => p.buckets) }
  } catch (err) {
    if (err instanceof Unsupported) return { chars: [], pairs: [] }
    throw err
  }
}

/** The empty mask and the full one, for tests. */
export const MASKS = { EMPTY, FULL }
