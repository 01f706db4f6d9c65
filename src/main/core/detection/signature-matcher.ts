// Runs the compiled rule pack over one request's values. One hit per rule: the strongest across values.
import { foldShell, foldSql, percentDecodeForMatch } from './decode'
import {
  detached,
  LazyTarget,
  visitTargets,
  type Part,
  type Target,
  type ValueSink,
} from './inspect-targets'
import { findJndiLookup } from './jndi-lookup'
import { isDocumentInProse, isFormattedDocument } from './formatted-document'
import { isShownCode, outsideShownCode } from './shown-code'
import { isTagNamedInProse } from './named-tag'
import { findForgedJwt } from './jwt-header'
import { judgeHostOverride, requestHost } from './host-override'
import { judgeUrlOverride } from './url-override'
import { findAliasBatch, findCyclicNesting } from './graphql-batch'
import {
  anyOf,
  requirements,
  textMask,
  textPairs,
  type CharMask,
  type PairMask,
  type Requirements,
} from './required-chars'
import type { NamedValue, RequestRecord } from './request-record'
import type { CompiledRule, DetectorName, ExceptionName } from './rule-pack'
import { judgeSql } from './sql-tokens'
import { judgeAssistantUrl, judgeSsrf } from './ssrf-target'
import { judgeConflictingId } from './conflicting-id'
import { isConversationMessage, isConversationQuestion } from './conversation'
import { judgeForeignOwner, judgeForeignOwnerParam, ownerParamGate } from './foreign-owner'
import { isPublishedCode } from './published-code'
import { isQuotedXmlData } from './quoted-xml'
import { judgeHostNamedArchive, judgeLookalikeUrl, quotesOwnWidget } from './own-host'
import { findTraversal, resolvesInside } from './traversal-path'

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
  /** The request's headers, for a detector that weighs one header against another (its Host). */
  readonly headers: readonly NamedValue[]
  /** The request's path as logged, for a detector that weighs a parameter against it. */
  readonly path: string
  /** The consumer the gateway authenticated, for a detector that weighs a value against the caller. */
  readonly consumer: string | null
  /** The consumer's custom_id, when logged: the caller's own id in the business's system. */
  readonly consumerCustomId?: string | null
}

interface DetectorHit {
  readonly index: number
  readonly length: number
  readonly confidence: number
  readonly reason: string
}

type Detector = (decoded: string, ctx: MatchContext, t: Target) => DetectorHit | null

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
  'host-override': (d, ctx, t) => {
    const v = judgeHostOverride(d, t.header, ctx.headers)
    return v ? { index: v.index, length: v.length, confidence: 0.75, reason: v.reason } : null
  },
  'url-override': (d, ctx) => {
    const v = judgeUrlOverride(d, ctx.path)
    return v ? { index: v.index, length: v.length, confidence: 0.8, reason: v.reason } : null
  },
  'lookalike-url': (d, ctx, t) => {
    const v = judgeLookalikeUrl(d, ctx.headers, t.field)
    return v ? { index: v.index, length: v.length, confidence: 0.8, reason: v.reason } : null
  },
  'host-named-archive': (d, ctx) => {
    const v = judgeHostNamedArchive(d, ctx.headers)
    return v ? { index: v.index, length: v.length, confidence: 0.8, reason: v.reason } : null
  },
  'foreign-owner': (d, ctx, t) => {
    const v =
      t.part === 'path'
        ? judgeForeignOwner(d, ctx.headers, ctx.consumer, ctx.consumerCustomId ?? null)
        : judgeForeignOwnerParam(
            t.field,
            d,
            ctx.headers,
            ctx.consumer,
            ctx.consumerCustomId ?? null,
          )
    return v ? { index: v.index, length: v.length, confidence: 0.75, reason: v.reason } : null
  },
  // (only for the joined values of a repeated parameter: its gate below)
  'conflicting-id': (d, ctx, t) => {
    const v = judgeConflictingId(t.field.slice('query-joined:'.length), d, ctx.path)
    return v ? { index: v.index, length: v.length, confidence: 0.8, reason: v.reason } : null
  },
  'graphql-batch': (d) => {
    const v = findAliasBatch(d)
    return v
      ? {
          index: v.index,
          length: 80,
          confidence: 0.85,
          reason: `${v.calls} aliased calls of ${v.field} in one request`,
        }
      : null
  },
  'graphql-depth': (d) => {
    const v = findCyclicNesting(d)
    return v
      ? {
          index: v.index,
          length: 80,
          confidence: 0.85,
          reason: `a query nested ${v.depth} deep, ${v.field} opened ${v.repeats} times along one path`,
        }
      : null
  },
  'forged-jwt': (raw, ctx) => {
    const v = findForgedJwt(raw, requestHost(ctx.headers) || null)
    return v ? { index: v.index, length: v.length, confidence: 0.9, reason: v.reason } : null
  },
  'ssrf-url': (d, ctx) => {
    const v = judgeSsrf(d, ctx.clientPrivate)
    return v
      ? { index: v.index, length: v.length, confidence: v.confidence, reason: v.reason }
      : null
  },
  'assistant-url': (d, ctx, t) => {
    const v = t.part === 'body' ? judgeAssistantUrl(ctx.path, t.field, d, ctx.clientPrivate) : null
    return v
      ? { index: v.index, length: v.length, confidence: v.confidence, reason: v.reason }
      : null
  },
}

/** A judge of the value alone: part of the verdict cached per value. */
type Exception = (views: Views, t: Target) => boolean
/** A judge that weighs where the value was sent (path, field): made per request, after the cache. */
type RequestException = (t: Target, ctx: MatchContext) => boolean

const EXCEPTION_IMPLS: Readonly<
  Record<ExceptionName, { readonly value: Exception } | { readonly request: RequestException }>
> = {
  // Rich text, templates and drawings arrive as request bodies; a parameter, header, cookie or path never
  // carries a document. Read with character references kept: escaped markup in its text is text.
  'formatted-document': {
    value: (views, t) => {
      if (t.part !== 'body' && t.part !== 'document') return false
      const text = views.of(View.Percent).text
      return isFormattedDocument(text) || isDocumentInProse(text)
    },
  },
  // Snippets pasted into a ticket or a chat message, shown by a Markdown renderer as text.
  'shown-code': { value: (views) => isShownCode(views.of(View.Decoded).text) },
  // SQL pasted into fenced code in a Markdown message (a note for an AI summariser, a ticket): the
  // message outside the code holds no SQL of its own.
  'shown-sql': {
    value: (views) => {
      const outside = outsideShownCode(views.of(View.Decoded).text)
      return outside !== null && judgeSql(outside) === null
    },
  },
  // A question about a paste, in a message field sent to a conversation endpoint.
  conversation: {
    request: (t, ctx) => t.part === 'body' && isConversationQuestion(ctx.path, t.field, t.decoded),
  },
  // A message's text (a post, a ticket's description): lines by design, never copied into a header.
  'message-text': {
    request: (t, ctx) => t.part === 'body' && isConversationMessage(ctx.path, t.field),
  },
  // Code published for readers: a developer portal's snippet, a knowledge base's example.
  'published-code': {
    request: (t, ctx) => t.part === 'body' && isPublishedCode(ctx.path, t.field),
  },
  // …whose markup is all XML data elements: a payment file's fields, a partner's configuration.
  'quoted-xml': {
    request: (t, ctx) =>
      t.part === 'body' &&
      isConversationQuestion(ctx.path, t.field, t.decoded) &&
      isQuotedXmlData(t.decoded),
  },
  // …whose markup is all the site's own script widget, quoted to ask how to embed it.
  'own-widget': {
    request: (t, ctx) =>
      t.part === 'body' &&
      isConversationQuestion(ctx.path, t.field, t.decoded) &&
      quotesOwnWidget(t.decoded, ctx.headers),
  },
  // A script tag named in a message's sentence, with no source, closing tag or code after it.
  'named-tag': {
    value: (views, t) =>
      (t.part === 'body' || t.part === 'document') &&
      isTagNamedInProse(views.of(View.Decoded).text),
  },
  // A path in a value (a move's target, a WebDAV Destination) whose dot-dots step back over its own
  // folders; the request's own path is never excused (clients normalise theirs before sending).
  'resolves-inside': {
    value: (views, t) => t.part !== 'path' && resolvesInside(views.of(View.Decoded).text),
  },
}

/** The judges a rule names (`match.except`): of the value alone, and per request. */
function exceptionsOf(rule: CompiledRule): { value: Exception[]; request: RequestException[] } {
  const out = { value: [] as Exception[], request: [] as RequestException[] }
  for (const e of rule.def.match.except ?? []) {
    const impl = EXCEPTION_IMPLS[e]
    if ('value' in impl) out.value.push(impl.value)
    else out.request.push(impl.request)
  }
  return out
}

// Only the SSRF detector's verdict depends on the client's side (a private address asked for from inside
// is ordinary); values of kinds no such rule reads share one cache whatever the side.
const SIDED_DETECTORS: ReadonlySet<DetectorName> = new Set<DetectorName>(['ssrf-url'])
/** Whether a contextual rule can hold for a value, from its raw text and field alone. */
type ContextGate = (raw: string, fieldPrefix: string, fieldName: string) => boolean

// Detectors that weigh a value against the request itself (its Host header, its path): their verdicts
// are not cached, so each has a test of the raw value that passes over, without decoding it, what it can
// never report.
const CONTEXTUAL_DETECTORS: Partial<Record<DetectorName, ContextGate>> = {
  'host-override': () => true,
  'url-override': (raw) => raw.includes('/'),
  // a URL: two slashes, or an encoded slash, backslash or percent sign
  'lookalike-url': (raw) => raw.includes('//') || encodedSlash(raw),
  // a file at the root: the one slash is the first character
  'host-named-archive': (raw) => raw.lastIndexOf('/') <= 0 && raw.includes('.'),
  // the values of a repeated parameter, joined
  'conflicting-id': (_, fieldPrefix) => fieldPrefix === 'query-joined:',
  // a URL in a body value: two slashes, or an encoded slash
  'assistant-url': (raw, fieldPrefix) =>
    fieldPrefix === 'body:' && (raw.includes('//') || encodedSlash(raw)),
  // an identifier's shape in the path (letters, then digits) or a record under a customers' collection,
  // or a parameter naming an owner's id
  'foreign-owner': (raw, fieldPrefix, fieldName) =>
    fieldPrefix === 'path' ? ID_IN_PATH.test(raw) : ownerParamGate(fieldName, raw),
}

const ID_IN_PATH = /\/[a-z]{1,8}[-_.]?\d{3}|\/(?:client|customer|investor|holder)s\/\w/i

/** True when `raw` holds %2f, %5c or %25 (any case): a slash or backslash encoded once or more. */
function encodedSlash(raw: string): boolean {
  for (let i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
    const a = raw.charCodeAt(i + 1)
    const b = raw.charCodeAt(i + 2) | 0x20
    if ((a === 0x32 && (b === 0x66 || b === 0x35)) || (a === 0x35 && b === 0x63)) return true
  }
  return false
}

/** Which text of a value a rule reads. */
const enum View {
  Decoded = 0,
  Percent = 1,
  Folded = 2,
  Shell = 3,
  Raw = 4,
}

/**
 * What a value's text must hold for a regex to have a chance (see required-chars): one character of each
 * mask, and one adjacent pair of each pair set. A pair set is kept as the non-zero words of its 1024-bit
 * bucket mask (word index, bits, word index, bits…), so a set of sixty pairs costs at most as many ANDs
 * as it has words, not one lookup per pair.
 */
interface Gate {
  readonly chars: readonly CharMask[]
  readonly pairs: readonly Int32Array[]
}

function gateOf(req: Requirements): Gate {
  return { chars: req.chars, pairs: req.pairs.map(pairWords) }
}

function pairWords(set: readonly number[]): Int32Array {
  const words = new Array<number>(32).fill(0)
  for (const b of set) words[b >> 5] = (words[b >> 5] as number) | (1 << (b & 31))
  const out: number[] = []
  words.forEach((bits, w) => {
    if (bits !== 0) out.push(w, bits)
  })
  return Int32Array.from(out)
}

/** A rule with what the matcher derives from it once: its regexes' character requirements. */
interface IndexedRule {
  readonly rule: CompiledRule
  /** Per regex (same order), what a value must hold for the regex to have a chance. */
  readonly required: readonly Gate[]
  /** What a value needs for any of the regexes to match: one check skips them all. */
  readonly gate: Gate
  readonly view: View
  readonly detector: Detector | null
  /** Judges that cancel a hit on a value of a benign kind (`match.except`). */
  readonly exceptions: readonly Exception[]
  /** The verdict depends on the client's side (MatchContext.clientPrivate). */
  readonly sided: boolean
  /**
   * The verdict depends on the request itself (its Host header, its path), so it is never cached: a
   * test of the raw value before the rule is judged. Null for every other rule.
   */
  readonly contextual: ContextGate | null
  /**
   * For a rule that is only regexes over the decoded text: the characters one of which a value needs
   * for any of them, checked inline before the rule is even looked at (most values fail it).
   */
  readonly quickChars: CharMask | null
}

function indexRule(rule: CompiledRule): IndexedRule {
  // The analysis assumes the flags rule-pack compiles with (`s` only); anything else is not filtered.
  const required = rule.regexes.map((re) =>
    re.flags === 's' ? requirements(re.source) : { chars: [], pairs: [] },
  )
  const match = rule.def.match
  const gate = anyOf(required)
  const view =
    match.view === 'percent-decoded'
      ? View.Percent
      : match.view === 'raw'
        ? View.Raw
        : match.fold === 'sql'
          ? View.Folded
          : match.fold === 'shell'
            ? View.Shell
            : View.Decoded
  return {
    rule,
    required: required.map(gateOf),
    gate: gateOf(gate),
    view,
    detector: match.detector ? DETECTOR_IMPLS[match.detector] : null,
    exceptions: exceptionsOf(rule).value,
    sided: match.detector !== undefined && SIDED_DETECTORS.has(match.detector),
    contextual: (match.detector && CONTEXTUAL_DETECTORS[match.detector]) || null,
    quickChars:
      view === View.Decoded && !match.detector && rule.regexes.length > 0 && gate.chars.length === 1
        ? (gate.chars[0] as CharMask)
        : null,
  }
}

/** One kind of value (a part, or one header name): the rules reading it and cached verdicts per raw value. */
interface ValueKind {
  readonly id: number
  /** The rules whose verdicts are cached per value. */
  readonly rules: readonly IndexedRule[]
  /** Some rule's verdict depends on the client's side: verdicts are cached per side. */
  readonly sided: boolean
  /** The rules whose verdict depends on the request itself (Host, path): judged for every value. */
  readonly contextual: readonly IndexedRule[]
  /** [public client, private client] (only the first is used when the kind is not sided). */
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

// Values judged once, by sampled hash (256 kB): 46,684 of the 48,280 distinct values in 100k demo lines
// come once; 65,536 slots remember the last ~100k lines' worth of them.
const DOOR_SLOTS = 1 << 16
const DOOR_SALT = 0x5bd1e995

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

const WARM_UP = 'warm-up <a> 1=1 ../ ${x} $(y) `z`'

const PARTS: readonly Exclude<Part, 'header'>[] = [
  'path',
  'query',
  'body',
  'document',
  'fields',
  'cookie',
  'header-name',
  'argv',
  'method',
]

/**
 * True when a rule's `in` entry reads the header `name`: `headers`, `header:<name>`, or a name pattern
 * with `*` for any run of characters (`header:*url*`). Decided once per header name.
 */
function readsHeader(entry: string, name: string): boolean {
  if (entry === 'headers') return true
  if (!entry.startsWith('header:')) return false
  const pattern = entry.slice(7)
  if (!pattern.includes('*')) return pattern === name
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.-]/g, '\\$&'))
      .join('.*')}$`,
  )
  return re.test(name)
}

/** Compiled rules grouped by the values they read, with a cache of verdicts per distinct value. */
export class RuleIndex {
  private readonly indexed: readonly IndexedRule[]
  private readonly parts = new Map<Part, ValueKind>()
  private readonly headers = new Map<string, ValueKind>()
  private kinds = 0
  private readonly front: FrontEntry[] = []
  private entries = 0
  /** Sampled hashes of values judged once and not kept (see keep). */
  private readonly door = new Int32Array(DOOR_SLOTS)
  /** The judges of rules whose hits are weighed per request, after the verdict cache. */
  readonly requestExceptions = new Map<CompiledRule, readonly RequestException[]>()

  constructor(readonly rules: readonly CompiledRule[]) {
    this.indexed = rules.map(indexRule)
    for (const r of rules) {
      const judges = exceptionsOf(r).request
      if (judges.length > 0) this.requestExceptions.set(r, judges)
    }
    for (const part of PARTS)
      this.parts.set(
        part,
        this.makeKind((ins) => ins.includes(part)),
      )
    for (let i = 0; i < FRONT_SLOTS; i++) this.front.push({ kind: null, side: 0, cached: NO_ENTRY })
    // V8 compiles a regular expression on its first run. Running each once here puts that cost in the
    // load, not in the time budget of the first request that reaches the rule.
    for (const r of rules) for (const re of [...r.regexes, ...r.unless]) re.test(WARM_UP)
  }

  /** The rules that read values of a part other than headers, and their verdict caches. */
  partKind(part: Part): ValueKind {
    return this.parts.get(part) as ValueKind
  }

  /** The rules that read one header's values, and their verdict caches. */
  headerKind(name: string): ValueKind {
    let k = this.headers.get(name)
    if (!k) {
      k = this.makeKind((ins) => ins.some((p) => readsHeader(p, name)))
      // Attackers can invent header names; beyond a few hundred, kinds are rebuilt rather than kept.
      if (this.headers.size < 512) this.headers.set(name, k)
    }
    return k
  }

  /** The cached verdict on a value of this kind seen from this side, if any. */
  recall(kind: ValueKind, side: number, raw: string): readonly CachedHit[] | undefined {
    const e = this.slotOf(kind, side, raw)
    if (e.kind === kind && e.side === side && e.cached.raw === raw) return e.cached.verdict
    const c = kind.caches[side as 0 | 1].get(raw)
    if (!c) return undefined
    e.kind = kind
    e.side = side
    e.cached = c
    return c.verdict
  }

  /** Caches a verdict; past the global cap every cache is dropped (memory stays bounded). */
  keep(kind: ValueKind, side: number, raw: string, verdict: readonly CachedHit[]): void {
    // Only a value judged before is kept: most values judged are one-offs (order ids, symbol lists), and
    // keeping them cost a copy, a map entry that lives on to be scanned by the collector, and a full
    // cache that is dropped every ~100k lines. A value's first judgement leaves its sampled hash in the
    // door table; a value that comes again is judged once more and kept. A slot shared by two values at
    // most keeps one of them early or judges one once more: verdicts are the same either way.
    const mark = sampleHash(raw, kind.id * 2 + side + DOOR_SALT)
    const slot = mark & (DOOR_SLOTS - 1)
    if (this.door[slot] !== mark) {
      this.door[slot] = mark
      return
    }
    // Only the map: a value enters the table when it comes again, so one-off values (ids, timestamps)
    // do not push repeating ones out.
    const key = detached(raw)
    kind.caches[side as 0 | 1].set(key, { raw: key, verdict })
    // Dropping everything at once is crude but cheap and rare; hot values come back within a batch.
    if (++this.entries > CACHE_ENTRIES) {
      for (const k of [...this.parts.values(), ...this.headers.values()]) {
        k.caches[0].clear()
        k.caches[1].clear()
      }
      for (const f of this.front) {
        f.kind = null
        f.cached = NO_ENTRY
      }
      this.entries = 0
    }
  }

  private makeKind(reads: (ins: readonly string[]) => boolean): ValueKind {
    const rules = this.indexed.filter((r) => reads(r.rule.def.match.in))
    return {
      id: ++this.kinds,
      rules: rules.filter((r) => !r.contextual),
      sided: rules.some((r) => r.sided),
      contextual: rules.filter((r) => r.contextual),
      caches: [new Map(), new Map()],
    }
  }

  private slotOf(kind: ValueKind, side: number, raw: string): FrontEntry {
    return this.front[sampleHash(raw, kind.id * 2 + side) & (FRONT_SLOTS - 1)] as FrontEntry
  }
}

/** Indexes the rules' `match.in` lists. */
export function indexRules(rules: readonly CompiledRule[]): RuleIndex {
  return new RuleIndex(rules)
}

const NO_HITS: readonly CachedHit[] = []

/** The characters and adjacent pairs of one text, each computed on first use. */
class ViewText {
  private charMask: CharMask | null = null
  private pairMask: PairMask | null = null
  constructor(readonly text: string) {}

  /** The text's characters as a mask. */
  chars(): CharMask {
    return (this.charMask ??= textMask(this.text))
  }

  /** False when the text cannot match a regex with these requirements. */
  allows(g: Gate): boolean {
    if (g.chars.length > 0) {
      const m = this.chars()
      for (const r of g.chars) {
        if (
          (m[0] & r[0]) === 0 &&
          (m[1] & r[1]) === 0 &&
          (m[2] & r[2]) === 0 &&
          (m[3] & r[3]) === 0 &&
          (m[4] & r[4]) === 0
        )
          return false
      }
    }
    if (g.pairs.length > 0) {
      const p = (this.pairMask ??= textPairs(this.text))
      for (const set of g.pairs) if (!sharesBit(p, set)) return false
    }
    return true
  }
}

function sharesBit(pairs: PairMask, set: Int32Array): boolean {
  for (let i = 0; i < set.length; i += 2)
    if (((pairs[set[i] as number] as number) & (set[i + 1] as number)) !== 0) return true
  return false
}

/** The texts rules read from one value, each made (with its characters) on first use. */
class Views {
  private decodedView: ViewText | null = null
  private percentView: ViewText | null = null
  private foldedView: ViewText | null = null
  private shellView: ViewText | null = null
  private rawView: ViewText | null = null
  constructor(private readonly t: Target) {}

  of(view: View): ViewText {
    if (view === View.Percent)
      return (this.percentView ??= this.viewOf(percentDecodeForMatch(this.t.raw)))
    if (view === View.Folded) return (this.foldedView ??= this.viewOf(foldSql(this.t.decoded)))
    if (view === View.Shell) return (this.shellView ??= this.viewOf(foldShell(this.t.decoded)))
    if (view === View.Raw) return (this.rawView ??= this.viewOf(this.t.raw))
    return this.decoded()
  }

  private decoded(): ViewText {
    return (this.decodedView ??= new ViewText(this.t.decoded))
  }

  // Most values read the same in every view (nothing to decode or fold): their characters are read once.
  private viewOf(text: string): ViewText {
    return text === this.t.decoded ? this.decoded() : new ViewText(text)
  }
}

/** Every rule of a kind on one value: the verdict cached for the value. */
function judge(rules: readonly IndexedRule[], t: Target, ctx: MatchContext): readonly CachedHit[] {
  let out: CachedHit[] | null = null
  const views = new Views(t)
  // The decoded text's characters, read once: most rules are regexes over it, and a value holding none
  // of the characters a rule's regexes need is passed over here, in a few ANDs per rule.
  const m = views.of(View.Decoded).chars()
  const m0 = m[0]
  const m1 = m[1]
  const m2 = m[2]
  const m3 = m[3]
  const m4 = m[4]
  for (const rule of rules) {
    const g = rule.quickChars
    if (
      g !== null &&
      (m0 & g[0]) === 0 &&
      (m1 & g[1]) === 0 &&
      (m2 & g[2]) === 0 &&
      (m3 & g[3]) === 0 &&
      (m4 & g[4]) === 0
    )
      continue
    const h = matchOne(rule, views, ctx, t)
    if (h) (out ??= []).push(h)
  }
  return out ?? NO_HITS
}

// OAuth's redirect_uri and OIDC's post_logout_redirect_uri are followed by the user's browser, never
// fetched by the server, and a loopback one is how native apps receive the code (RFC 8252 §7.3). Verdicts
// are cached per value, whatever its field, so this is decided here, per field. request_uri, jwks_uri and
// the like are fetched by the server and keep their verdicts.
const BROWSER_REDIRECT_PARAMS: ReadonlySet<string> = new Set([
  'redirect_uri',
  'post_logout_redirect_uri',
])
const LOOPBACK_REASONS: ReadonlySet<string> = new Set(['loopback target', 'IPv6 loopback'])

function nativeAppRedirect(v: CachedHit, part: Part, fieldName: string): boolean {
  return (
    (part === 'query' || part === 'body') &&
    v.rule.def.category === 'ssrf' &&
    LOOPBACK_REASONS.has(v.reason) &&
    BROWSER_REDIRECT_PARAMS.has(fieldName)
  )
}

/**
 * Matching of one request, fed value by value: a repeated value costs a cache lookup and makes no
 * target object; one per rule, the strongest hit across values is kept.
 */
class RequestMatch implements ValueSink {
  private best: Map<CompiledRule, SignatureHit> | null = null
  private seen = 0
  complete = true

  constructor(
    private readonly index: RuleIndex,
    private readonly ctx: MatchContext,
    private readonly deadline: number,
  ) {}

  take(
    part: Part,
    fieldPrefix: string,
    fieldName: string,
    header: string,
    raw: string,
    secret: boolean,
    plus: boolean,
  ): boolean {
    // Reading the clock is not free; every few values is often enough for a budget in milliseconds.
    if ((this.seen++ & 3) === 0 && performance.now() > this.deadline) {
      this.complete = false
      return false
    }
    const index = this.index
    const kind = part === 'header' ? index.headerKind(header) : index.partKind(part)
    let target: Target | null = null
    if (kind.rules.length > 0) {
      const side = kind.sided && this.ctx.clientPrivate ? 1 : 0
      const cacheable = raw.length <= CACHE_VALUE_CHARS
      let verdict = cacheable ? index.recall(kind, side, raw) : undefined
      if (verdict === undefined) {
        target = new LazyTarget(part, fieldPrefix, fieldName, header, raw, secret, plus)
        verdict = judge(kind.rules, target, this.ctx)
        if (cacheable) index.keep(kind, side, raw, verdict)
      }
      if (verdict.length > 0) {
        target ??= new LazyTarget(part, fieldPrefix, fieldName, header, raw, secret, plus)
        for (const v of verdict) this.record(v, target, part, fieldName)
      }
    }
    // Rules that weigh the value against the request itself: judged every time, past their test of the
    // raw value.
    let views: Views | null = null
    for (const r of kind.contextual) {
      if (!(r.contextual as ContextGate)(raw, fieldPrefix, fieldName)) continue
      target ??= new LazyTarget(part, fieldPrefix, fieldName, header, raw, secret, plus)
      views ??= new Views(target)
      const h = matchOne(r, views, this.ctx, target)
      if (h) this.record(h, target, part, fieldName)
    }
    return true
  }

  private record(v: CachedHit, target: Target, part: Part, fieldName: string): void {
    if (nativeAppRedirect(v, part, fieldName)) return
    const judges = this.index.requestExceptions.get(v.rule)
    if (judges?.some((j) => j(target, this.ctx))) return
    const best = (this.best ??= new Map())
    const prev = best.get(v.rule)
    if (!prev || v.confidence > prev.confidence) best.set(v.rule, { ...v, target })
  }

  /** The hits in pack order, so output is stable whatever the order of values. */
  hits(): SignatureHit[] {
    const best = this.best
    if (!best) return []
    const hits: SignatureHit[] = []
    for (const r of this.index.rules) {
      const h = best.get(r)
      if (h) hits.push(h)
    }
    return hits
  }
}

/**
 * Matches every rule against a request's values. `deadline` (performance.now() ms) stops inspection
 * early: `complete` is then false. `truncated` is true when a value was too long to be inspected whole.
 * The caller counts the record as over budget in either case.
 */
export function matchRequest(
  index: RuleIndex,
  r: RequestRecord,
  ctx: MatchContext,
  deadline: number,
): { hits: SignatureHit[]; complete: boolean; truncated: boolean } {
  const m = new RequestMatch(index, ctx, deadline)
  const { truncated } = visitTargets(r, m)
  return { hits: m.hits(), complete: m.complete, truncated }
}

function matchOne(
  entry: IndexedRule,
  views: Views,
  ctx: MatchContext,
  t: Target,
): CachedHit | null {
  const rule = entry.rule
  const view = views.of(entry.view)
  const text = view.text
  let hit: DetectorHit | null = null
  if (entry.detector) hit = entry.detector(text, ctx, t)
  // A value without the characters (or pairs) a regex needs cannot match it; the gate covers them all.
  const regexes = rule.regexes
  if (!hit && regexes.length > 0 && view.allows(entry.gate)) {
    for (let i = 0; i < regexes.length; i++) {
      if (!view.allows(entry.required[i] as Gate)) continue
      const m = (regexes[i] as RegExp).exec(text)
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
  for (const ex of entry.exceptions) if (ex(views, t)) return null
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
