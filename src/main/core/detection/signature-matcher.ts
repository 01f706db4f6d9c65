// Runs the compiled rule pack over one request's values. One hit per rule: the strongest across values.
import { foldSql, percentDecodeForMatch } from './decode'
import type { Target } from './inspect-targets'
import { findJndiLookup } from './jndi-lookup'
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

/** Compiled rules grouped by the values they read, with a cache of verdicts per distinct value. */
export interface RuleIndex {
  readonly rules: readonly CompiledRule[]
  /** The rules that read this kind of value and their verdict caches (by client side), in pack order. */
  kindOf(t: Target): ValueKind
  /** Counts a new cache entry; past the global cap every cache is dropped (memory stays bounded). */
  noteCached(): void
}

/** One kind of value (a part, or one header name): the rules reading it and cached verdicts per raw value. */
interface ValueKind {
  readonly rules: readonly CompiledRule[]
  /** [public client, private client]: only the SSRF detector depends on the side. */
  readonly caches: readonly [Map<string, readonly CachedHit[]>, Map<string, readonly CachedHit[]>]
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

/** Indexes the rules' `match.in` lists. */
export function indexRules(rules: readonly CompiledRule[]): RuleIndex {
  const parts = new Map<string, ValueKind>()
  const headers = new Map<string, ValueKind>()
  const make = (t: Target): ValueKind => ({
    rules: rules.filter((r) => {
      const ins = r.def.match.in
      return ins.includes(partOf(t)) || (t.part === 'header' && ins.includes(`header:${t.header}`))
    }),
    caches: [new Map(), new Map()],
  })
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
    noteCached() {
      // Dropping everything at once is crude but cheap and rare; hot values come back within a batch.
      if (++entries > CACHE_ENTRIES) {
        for (const k of [...parts.values(), ...headers.values()]) {
          k.caches[0].clear()
          k.caches[1].clear()
        }
        entries = 0
      }
    },
  }
}

const NO_HITS: readonly CachedHit[] = []

function verdicts(index: RuleIndex, t: Target, ctx: MatchContext): readonly CachedHit[] {
  const kind = index.kindOf(t)
  if (kind.rules.length === 0) return NO_HITS
  const cache = t.raw.length <= CACHE_VALUE_CHARS ? kind.caches[ctx.clientPrivate ? 1 : 0] : null
  if (cache) {
    const hit = cache.get(t.raw)
    if (hit) return hit
  }
  let out: CachedHit[] | null = null
  const folded = { value: null as string | null }
  for (const rule of kind.rules) {
    const h = matchOne(rule, t, ctx, folded)
    if (h) (out ??= []).push(h)
  }
  const result = out ?? NO_HITS
  if (cache) {
    cache.set(t.raw, result)
    index.noteCached()
  }
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
  const found = best
  const hits = index.rules.flatMap((r) => {
    const h = found.get(r)
    return h ? [h] : []
  })
  return { hits, complete }
}

// Per-record cache of the percent-decoded view; keyed by target object, dropped with the record.
const percentViews = new WeakMap<Target, string>()

function matchOne(
  rule: CompiledRule,
  t: Target,
  ctx: MatchContext,
  folded: { value: string | null },
): CachedHit | null {
  let text = t.decoded
  if (rule.def.match.view === 'percent-decoded') {
    let p = percentViews.get(t)
    if (p === undefined) {
      p = percentDecodeForMatch(t.raw)
      percentViews.set(t, p)
    }
    text = p
  } else if (rule.def.match.fold === 'sql') {
    folded.value ??= foldSql(text)
    text = folded.value
  }
  let hit: DetectorHit | null = null
  const detector = rule.def.match.detector
  if (detector) hit = DETECTOR_IMPLS[detector](text, ctx)
  if (!hit) {
    for (const re of rule.regexes) {
      const m = re.exec(text)
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
  for (const re of rule.unless) if (re.test(text)) return null
  return {
    rule,
    fragment: text.slice(hit.index, hit.index + Math.min(hit.length, 120)),
    index: hit.index,
    confidence:
      detector && hit.reason !== 'pattern'
        ? Math.min(hit.confidence, rule.def.confidence + 0.1)
        : hit.confidence,
    reason: hit.reason,
  }
}
