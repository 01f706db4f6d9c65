// The rule pack: YAML files under resources/rules/<category>/<slug>.yaml, validated with zod at load.
// A bad rule fails the whole pack with a message naming its file, so a typo never silently disables a rule.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { CATEGORIES, SEVERITIES } from '../../../shared/model'
import type { RuleSource } from './messages'
import { unsafeRegexReason } from './regex-safety'

export const DETECTORS = [
  'sqli-tokens',
  'jndi-lookup',
  'ssrf-url',
  'path-traversal',
  'forged-jwt',
  'host-override',
  'graphql-batch',
  'graphql-depth',
  'lookalike-url',
  'host-named-archive',
  'conflicting-id',
  'foreign-owner',
  'assistant-url',
  'url-override',
] as const
export type DetectorName = (typeof DETECTORS)[number]

/** Judges that cancel a rule's hit on a value of a benign kind, named by `match.except`. */
export const EXCEPTIONS = [
  'formatted-document',
  'shown-code',
  'conversation',
  'resolves-inside',
  'shown-sql',
  'quoted-xml',
  'published-code',
  'message-text',
  'own-widget',
  'named-tag',
] as const
export type ExceptionName = (typeof EXCEPTIONS)[number]

const PART = z
  .string()
  .regex(
    /^(?:path|query|body|document|fields|argv|cookie|headers|header-name|method|header:[a-z0-9*-]+)$/,
    'a part is path, query, body, document, fields, argv, cookie, headers, header-name, method or header:<name> (* for any characters)',
  )

const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/, 'id must be <category>.<slug>'),
    category: z.enum(CATEGORIES),
    severity: z.enum(SEVERITIES),
    description: z.string().min(8),
    references: z
      .array(
        z
          .string()
          .regex(
            /^(?:cwe\.CWE-\d+|attack\.T\d{4}(?:\.\d{3})?|capec\.CAPEC-\d+|atlas\.AML\.T\d{4}(?:\.\d{3})?)$/,
            'references look like cwe.CWE-89, attack.T1190, capec.CAPEC-66 or atlas.AML.T0051 (MITRE ATLAS)',
          ),
      )
      .min(1),
    match: z
      .object({
        in: z.array(PART).min(1),
        regex: z.array(z.string().min(1)).optional(),
        detector: z.enum(DETECTORS).optional(),
        /** Fold SQL comments and whitespace, or shell escapes and word-splitting quotes, before the regexes run. */
        fold: z.enum(['sql', 'shell']).optional(),
        /**
         * What the regexes read: the fully decoded value (default), only percent-decoded (to see entities,
         * \x escapes, UTF-7), or the raw value as logged (case kept: base64, tokens).
         */
        view: z.enum(['decoded', 'percent-decoded', 'raw']).default('decoded'),
        /** Regexes that, when they match the same value, cancel the rule for that value. */
        unless: z.array(z.string().min(1)).optional(),
        /**
         * Judges that, when they find the value to be of a benign kind, cancel the rule for it:
         * `formatted-document` is a body value that is a whole document of markup a sanitiser keeps;
         * `shown-code` a Markdown message whose markup all sits in fenced blocks or inline code.
         */
        except: z.array(z.enum(EXCEPTIONS)).optional(),
      })
      .strict()
      .refine(
        (m) => (m.regex?.length ?? 0) > 0 || m.detector !== undefined,
        'match needs regex or detector',
      ),
    /**
     * Conditions on the response and the client: the rule fires only when they all hold (e.g. a probe
     * that found nothing; a probe from outside, where the desk's own hosts have innocent reasons).
     */
    when: z
      .object({
        status: z.array(z.number().int().min(100).max(599)).min(1).optional(),
        client: z.enum(['public', 'private']).optional(),
        /** Request methods (upper case) the rule fires for. */
        method: z
          .array(z.string().regex(/^[A-Z]{3,10}$/))
          .min(1)
          .optional(),
        /** A regex the request's decoded, lower-cased path must match (checked for safety like any). */
        path: z.string().min(1).optional(),
        /**
         * `none`: the request presented no credential (no Authorization, API key, session header or
         * cookie, and Kong named no consumer); `present`: it did.
         */
        credentials: z.enum(['none', 'present']).optional(),
      })
      .strict()
      .refine(
        (w) =>
          w.status !== undefined ||
          w.client !== undefined ||
          w.method !== undefined ||
          w.path !== undefined ||
          w.credentials !== undefined,
        'when needs status, client, method, path or credentials',
      )
      .optional(),
    confidence: z.number().min(0).max(1).default(0.8),
    cases: z
      .object({ positive: z.array(z.string()).min(1), negative: z.array(z.string()).default([]) })
      .strict(),
  })
  .strict()
  .refine((r) => r.id.startsWith(`${r.category}.`), 'the id must start with the category')

export type RuleDefinition = z.infer<typeof ruleSchema>

export interface CompiledRule {
  readonly def: RuleDefinition
  readonly file: string
  readonly regexes: readonly RegExp[]
  readonly unless: readonly RegExp[]
  /** `when.path`, compiled. */
  readonly whenPath: RegExp | null
}

export class RuleError extends Error {}

function compile(pattern: string, file: string, id: string): RegExp {
  const unsafe = unsafeRegexReason(pattern)
  if (unsafe) throw new RuleError(`${file}: rule ${id}: regex /${pattern}/ rejected: ${unsafe}`)
  try {
    // Values are lower-cased before matching, so patterns are written in lower case; `s` lets . cross lines.
    return new RegExp(pattern, 's')
  } catch (err) {
    throw new RuleError(
      `${file}: rule ${id}: invalid regex /${pattern}/: ${(err as Error).message}`,
    )
  }
}

/** Parses and validates rule texts (one rule per file); throws a RuleError naming the first bad file. */
export function parseRules(sources: readonly RuleSource[]): CompiledRule[] {
  const out: CompiledRule[] = []
  const seen = new Map<string, string>()
  for (const src of sources) {
    let doc: unknown
    try {
      doc = parseYaml(src.text)
    } catch (err) {
      throw new RuleError(`${src.file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`)
    }
    const parsed = ruleSchema.safeParse(doc)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? issue.path.join('.') : 'rule'
      throw new RuleError(`${src.file}: ${where}: ${issue?.message ?? 'invalid rule'}`)
    }
    const def = parsed.data
    const prev = seen.get(def.id)
    if (prev !== undefined)
      throw new RuleError(`${src.file}: rule id ${def.id} already defined in ${prev}`)
    seen.set(def.id, src.file)
    out.push({
      def,
      file: src.file,
      regexes: (def.match.regex ?? []).map((p) => compile(p, src.file, def.id)),
      unless: (def.match.unless ?? []).map((p) => compile(p, src.file, def.id)),
      whenPath: def.when?.path !== undefined ? compile(def.when.path, src.file, def.id) : null,
    })
  }
  return out
}

/** Reads every `*.yaml` rule under a directory (recursively) as rule texts, sorted by path. */
export function readRuleSources(dir: string): RuleSource[] {
  const files: string[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (name.endsWith('.yaml') || name.endsWith('.yml')) files.push(p)
    }
  }
  walk(dir)
  return files.map((f) => ({
    file: relative(process.cwd(), f) || f,
    text: readFileSync(f, 'utf8'),
  }))
}

/** Loads a rule pack directory, plus an optional custom-rules directory on top. */
export function loadRulePack(dir: string, customDir?: string): CompiledRule[] {
  const sources = readRuleSources(dir)
  if (customDir) sources.push(...readRuleSources(customDir))
  return parseRules(sources)
}

/** The built-in rule pack's directory (resources/rules), found from this file's location. */
export function builtinRulesDir(): string {
  // __dirname, not import.meta: Playwright's and tsx's CommonJS loaders run this file too.
  return join(__dirname, '../../../../resources/rules')
}
