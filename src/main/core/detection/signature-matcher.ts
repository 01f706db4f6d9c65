// Runs the compiled rule pack over one request's values. One hit per rule: the strongest across values.
import { foldShell, foldSql, percentDecodeForMatch } from './decode'
import type { Target } from './inspect-targets'
import { findJndiLookup } from './jndi-lookup'
import { anyOf, requirements, TextChars, type Requirements } from './required-chars'
import type { CompiledRule, DetectorName } from './rule-pack'
import { judgeSql } from './sql-tokens'
import { judgeSsrf } from './ssrf-target'
import { findTraversal } from './traversal-path'

export interface SignatureHit {
  readonly rule: CompiledRule
  readonly target: Target
  /** The matching fragment in the decoded value. */
  readonly fragment: string
  readonly index: number
  readonly confidence: number
  readonly reason: string
}

export interface MatchContext {
  readonly clientPrivate: boolean
}

interface DetectorHit {
  readonly index: number
  readonly length: number
  readonly confidence: number
  readonly reason: string
}

type Detector = (decoded: string, ctx: MatchContext) => DetectorHit | null

const DETECTOR_IMPLS: Readonly<Record<DetectorName, Detector>> = {
  'sqli-tokens': (d) => {
    const v = judgeSql(d)
    return v ? { index: v.start, length: 60, confidence: v.confidence, reason: v.reason } : null
  },
  'jndi-lookup': (d) => {
    const i = findJndiLookup(d)
    return i >= 0 ? { index: i, length: 80, confidence: 0.95, reason: 'JNDI lookup' } : null
  },
  'path-traversal': (d) => {
    const v = findTraversal(d)
    return v
      ? {
          index: Math.max(0, d.indexOf('.')),
          length: 60,
          confidence: 0.85,
          reason: `dot-dot climbing (${v.fragment.slice(0, 40)})`,
        }
      : null
  },
  'ssrf-url': (d, ctx) => {
    const v = judgeSsrf(d, ctx.clientPrivate)
    return v
      ? { index: v.index, length: v.length, confidence: v.confidence, reason: v.reason }
      : null
  },
}

function partOf(t: Target): string {
  return t.part === 'header' ? 'headers' : t.part
}

/** A rule with what the matcher derives from it once: its regexes' character requirements. */
interface IndexedRule {
  readonly rule: CompiledRule
  /** Per regex (same order), what a value must hold for the regex to have a chance. */
  readonly required: readonly Requirements[]
  /** What a value needs for any of the regexes to match: one check skips them all. */
  readonly gate: Requirements
  readonly percentView: boolean
  readonly foldSql: boolean
  readonly foldShell: boolean
  readonly detector: Detector | null
}

function indexRule(rule: CompiledRule): IndexedRule {
  // The analysis assumes the flags rule-pack compiles with (`s` only); anything else is not filtered.
  const required = rule.regexes.map((re) =>
    re.flags === 's' ? requirements(re.source) : { chars: [], pairs: [] },
  )
  return {
    rule,
    required,
    gate: anyOf(required),
    percentView: rule.def.match.view === 'percent-decoded',
    foldSql: rule.def.match.view !== 'percent-decoded' && rule.def.match.fold === 'sql',
    foldShell: rule.def.match.view !== 'percent-decoded' && rule.def.match.fold === 'shell',
    detector: rule.def.match.detector ? DETECTOR_IMPLS[rule.def.match.detector] : null,
  }
}

/** Compiled rules grouped by the values they read, with a cache of verdicts per distinct value. */
export interface RuleIndex {
  readonly rules: readonly CompiledRule[]
  /** The rules that read this kind of value and their verdict caches (by client side), in pack order. */
  kindOf(t: Target): ValueKind
  /** The cached verdict on a value of this kind seen from this side, if any. */
  recall(kind: ValueKind, side: 0 | 1, raw: string): readonly CachedHit[] | undefined
  /** Caches a verdict; past the global cap every cache is dropped (memory stays bounded). */
  keep(kind: ValueKind, side: 0 | 1, raw: string, verdict: readonly CachedHit[]): void
}

/** One kind of value (a part, or one header name): the rules reading it and cached verdicts per raw value. */
interface ValueKind {
  readonly id: number
  readonly rules: readonly IndexedRule[]
  /** [public client, private client]: only the SSRF detector depends on the side. */
  readonly caches: readonly [Map<string, Cached>, Map<string, Cached>]
}

/** A cached verdict with the value it is about (the very string the map holds as its key). */
interface Cached {
  readonly raw: string
  readonly verdict: readonly CachedHit[]
}

/** A rule's verdict on one value, independent of the request it came from. */
interface CachedHit {
  readonly rule: CompiledRule
  readonly fragment: string
  readonly index: number
  readonly confidence: number
  readonly reason: string
}

// Traffic repeats (user agents, accept headers, symbols): verdicts are cached per distinct value, at most
// CACHE_ENTRIES values of at most CACHE_VALUE_CHARS (about 50 MB in the worst case).
const CACHE_VALUE_CHARS = 1024
const CACHE_ENTRIES = 50_000

// In front of the maps, a direct-mapped table placed by a few sampled characters: a value that repeats is
// recognised with one string comparison. A Map hashes every character of every fresh string it is asked
// about, and hashing a request's values (a 500-character bearer token among them) cost more than matching.
const FRONT_SLOTS = 4096

// An entry points at the map's own record, so the table holds no string the maps do not already hold.
interface FrontEntry {
  kind: ValueKind | null
  side: number
  cached: Cached
}

const NO_ENTRY: Cached = { raw: '', verdict: [] }

function sampleHash(s: string, salt: number): number {
  const n = s.length
  if (n === 0) return salt
  let h = Math.imul(n ^ salt, 0x9e3779b1)
  h = Math.imul(h ^ s.charCodeAt(n - 1), 0x85ebca6b)
  h = Math.imul(h ^ s.charCodeAt(n >> 1), 0xc2b2ae35)
  h = Math.imul(h ^ s.charCodeAt(n - 1 - (n >> 2)), 0x27d4eb2f)
  h = Math.imul(h ^ s.charCodeAt(n >> 2), 0x165667b1)
  h = Math.imul(h ^ s.charCodeAt(n > 8 ? n - 8 : 0), 0x9e3779b1)
  h = Math.imul(h ^ s.charCodeAt(n > 3 ? n - 3 : 0), 0x85ebca6b)
  return h ^ (h >>> 15)
}

/** Indexes the rules' `match.in` lists. */
export function indexRules(rules: readonly CompiledRule[]): RuleIndex {
  const indexed = rules.map(indexRule)
  const parts = new Map<string, ValueKind>()
  const headers = new Map<string, ValueKind>()
  let kinds = 0
  const make = (t: Target): ValueKind => ({
    id: ++kinds,
    rules: indexed.filter(({ rule: r }) => {
      const ins = r.def.match.in
      return ins.includes(partOf(t)) || (t.part === 'header' && ins.includes(`header:${t.header}`))
    }),
    caches: [new Map(), new Map()],
  })
  const front: FrontEntry[] = []
  for (let i = 0; i < FRONT_SLOTS; i++) front.push({ kind: null, side: 0, cached: NO_ENTRY })
  const slotOf = (kind: ValueKind, side: number, raw: string): FrontEntry =>
    front[sampleHash(raw, kind.id * 2 + side) & (FRONT_SLOTS - 1)] as FrontEntry
  let entries = 0
  return {
    rules,
    kindOf(t) {
      const map = t.part === 'header' ? headers : parts
      const key = t.part === 'header' ? t.header : t.part
      let k = map.get(key)
      if (!k) {
        k = make(t)
        // Attackers can invent header names; beyond a few hundred, kinds are rebuilt rather than kept.
        if (map.size < 512) map.set(key, k)
      }
      return k
    },
    recall(kind, side, raw) {
      const e = slotOf(kind, side, raw)
      if (e.kind === kind && e.side === side && e.cached.raw === raw) return e.cached.verdict
      const c = kind.caches[side].get(raw)
      if (!c) return undefined
      e.kind = kind
      e.side = side
      e.cached = c
      return c.verdict
    },
    keep(kind, side, raw, verdict) {
      // Only the map: a value enters the table when it comes again, so one-off values (ids, timestamps)
      // do not push repeating ones out.
      kind.caches[side].set(raw, { raw, verdict })
      // Dropping everything at once is crude but cheap and rare; hot values come back within a batch.
      if (++entries > CACHE_ENTRIES) {
        for (const k of [...parts.values(), ...headers.values()]) {
          k.caches[0].clear()
          k.caches[1].clear()
        }
        for (const f of front) {
          f.kind = null
          f.cached = NO_ENTRY
        }
        entries = 0
      }
    },
  }
}

const NO_HITS: readonly CachedHit[] = []

/** The texts rules read from one value, each made (with its characters) on first use. */
class Views {
  private percentText: string | null = null
  private foldedText: string | null = null
  private decodedChars: TextChars | null = null
  private percentChars: TextChars | null = null
  private foldedChars: TextChars | null = null
  private shellText: string | null = null
  private shellChars: TextChars | null = null
  constructor(private readonly t: Target) {}

  text(r: IndexedRule): string {
    if (r.percentView) return (this.percentText ??= percentDecodeForMatch(this.t.raw))
    if (r.foldSql) return (this.foldedText ??= foldSql(this.t.decoded))
    if (r.foldShell) return (this.shellText ??= foldShell(this.t.decoded))
    return this.t.decoded
  }

  chars(r: IndexedRule): TextChars {
    if (r.percentView) return (this.percentChars ??= this.charsOf(this.text(r)))
    if (r.foldSql) return (this.foldedChars ??= this.charsOf(this.text(r)))
    if (r.foldShell) return (this.shellChars ??= this.charsOf(this.text(r)))
    return this.decodedTextChars()
  }

  private decodedTextChars(): TextChars {
    return (this.decodedChars ??= new TextChars(this.t.decoded))
  }

  // Most values read the same in every view (nothing to decode or fold): their characters are read once.
  private charsOf(text: string): TextChars {
    return text === this.t.decoded ? this.decodedTextChars() : new TextChars(text)
  }
}

function verdicts(index: RuleIndex, t: Target, ctx: MatchContext): readonly CachedHit[] {
  const kind = index.kindOf(t)
  if (kind.rules.length === 0) return NO_HITS
  const cacheable = t.raw.length <= CACHE_VALUE_CHARS
  const side = ctx.clientPrivate ? 1 : 0
  if (cacheable) {
    const hit = index.recall(kind, side, t.raw)
    if (hit) return hit
  }
  let out: CachedHit[] | null = null
  const views = new Views(t)
  for (const rule of kind.rules) {
    const h = matchOne(rule, views, ctx)
    if (h) (out ??= []).push(h)
  }
  const result = out ?? NO_HITS
  if (cacheable) index.keep(kind, side, t.raw, result)
  return result
}

/**
 * Matches every rule against the targets. `deadline` (performance.now() ms) stops inspection early;
 * the caller counts the record as over budget when `complete` is false.
 */
export function matchSignatures(
  index: RuleIndex,
  targets: readonly Target[],
  ctx: MatchContext,
  deadline: number,
): { hits: SignatureHit[]; complete: boolean } {
  let best: Map<CompiledRule, SignatureHit> | null = null
  let complete = true
  for (let i = 0; i < targets.length; i++) {
    const t = targets[i] as Target
    // Reading the clock is not free; every few values is often enough for a budget in milliseconds.
    if ((i & 3) === 0 && performance.now() > deadline) {
      complete = false
      break
    }
    for (const v of verdicts(index, t, ctx)) {
      best ??= new Map()
      const prev = best.get(v.rule)
      if (!prev || v.confidence > prev.confidence) best.set(v.rule, { ...v, target: t })
    }
  }
  if (!best) return { hits: [], complete }
  // Report in pack order so output is stable whatever the order of values.
  const hits: SignatureHit[] = []
  for (const r of index.rules) {
    const h = best.get(r)
    if (h) hits.push(h)
  }
  return { hits, complete }
}

function matchOne(entry: IndexedRule, views: Views, ctx: MatchContext): CachedHit | null {
  const rule = entry.rule
  let hit: DetectorHit | null = null
  if (entry.detector) hit = entry.detector(views.text(entry), ctx)
  // A value without the characters (or pairs) a regex needs cannot match it; the gate covers them all.
  if (!hit && rule.regexes.length > 0 && views.chars(entry).allows(entry.gate)) {
    const regexes = rule.regexes
    const chars = views.chars(entry)
    for (let i = 0; i < regexes.length; i++) {
      if (!chars.allows(entry.required[i] as Requirements)) continue
      const m = (regexes[i] as RegExp).exec(views.text(entry))
      if (m) {
        hit = {
          index: m.index,
          length: Math.max(m[0].length, 1),
          confidence: rule.def.confidence,
          reason: 'pattern',
        }
        break
      }
    }
  }
  if (!hit) return null
  const text = views.text(entry)
  for (const re of rule.unless) if (re.test(text)) return null
  return {
    rule,
    fragment: text.slice(hit.index, hit.index + Math.min(hit.length, 120)),
    index: hit.index,
    confidence:
      entry.detector && hit.reason !== 'pattern'
        ? Math.min(hit.confidence, rule.def.confidence + 0.1)
        : hit.confidence,
    reason: hit.reason,
  }
}
