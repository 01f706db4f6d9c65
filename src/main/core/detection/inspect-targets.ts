// Which values of a request detectors read, each with the name of where it sits (`query:q`,
// `header:user-agent`, `body:order.note`) and whether it is secret-bearing (evidence from it is trimmed).
import { decodeForMatch } from './decode'
import { parseCookies } from './parse-query'
import type { RequestRecord } from './request-record'

/** `body` is a JSON value or form field; `document` a body read as a whole (XML, text). */
export type Part = 'path' | 'query' | 'body' | 'document' | 'cookie' | 'header'

export interface Target {
  readonly part: Part
  /** Where the value sits: `path`, `query:<name>`, `header:<name>`, `cookie:<name>`, `body`, `body:<key path>`. */
  readonly field: string
  /** Lower-case header name for header targets, else ''. */
  readonly header: string
  readonly raw: string
  readonly decoded: string
  readonly secret: boolean
}

/** Longest value inspected; longer values are inspected up to here and counted over budget. */
export const MAX_VALUE_CHARS = 65_536
const MAX_TARGETS = 400
const MAX_BODY_DEPTH = 32

// Framing headers carry no attacker text a detector could use, and the gateway rewrites them.
const SKIP_HEADERS = new Set([
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
])
const SECRET_HEADERS =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token|x-amz-security-token|x-session-token|private-token)$/
/** Body or parameter keys whose values are credentials. */
export const SECRET_KEY =
  /pass(?:word|wd|phrase)?$|^pwd$|secret|token|api[-_]?key|credential|^otp$|^pin$|private[-_]?key|^auth$/i

/** True for header names whose values are credentials. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.test(name)
}

// Names made only of these are ordinary; others (`[$ne]`, `<script>`, `'or`) are inspected as values too.
const PLAIN_NAME = /^[a-z0-9_.-]{0,64}$/i

function cap(s: string): string {
  return s.length > MAX_VALUE_CHARS ? s.slice(0, MAX_VALUE_CHARS) : s
}

// A class, not an object literal with a getter: one hidden class for every value, and the decoding is
// done on first use only (most values are answered from the matcher's cache without decoding).
class LazyTarget implements Target {
  private decodedValue: string | null = null
  constructor(
    readonly part: Part,
    readonly field: string,
    readonly header: string,
    readonly raw: string,
    readonly secret: boolean,
    private readonly plus: boolean,
  ) {}
  get decoded(): string {
    return (this.decodedValue ??= decodeForMatch(this.raw, this.plus))
  }
}

/** Collects every inspectable value of a request. */
export function collectTargets(r: RequestRecord): { targets: Target[]; truncated: boolean } {
  const targets: Target[] = []
  let truncated = false
  const push = (
    part: Part,
    field: string,
    raw: string,
    secret: boolean,
    header = '',
    plus = true,
  ): void => {
    if (targets.length >= MAX_TARGETS || raw === '') return
    if (raw.length > MAX_VALUE_CHARS) truncated = true
    targets.push(new LazyTarget(part, field, header, cap(raw), secret, plus))
  }
  push('path', 'path', r.path, false, '', false)
  for (const q of r.query) {
    const name = PLAIN_NAME.test(q.name) ? q.name.toLowerCase() : decodeForMatch(q.name)
    const secret = SECRET_KEY.test(name)
    push('query', `query:${name.slice(0, 64)}`, q.value, secret)
    if (!PLAIN_NAME.test(name)) push('query', `query-name:${name.slice(0, 64)}`, q.name, false)
  }
  for (const h of r.headers) {
    if (SKIP_HEADERS.has(h.name)) continue
    if (h.name === 'cookie') {
      for (const c of parseCookies(h.value)) {
        push('cookie', `cookie:${c.name.slice(0, 64)}`, c.value, true, 'cookie')
        if (!PLAIN_NAME.test(c.name))
          push('cookie', `cookie-name:${c.name.slice(0, 64)}`, c.name, false, 'cookie')
      }
      continue
    }
    push('header', `header:${h.name}`, h.value, isSecretHeader(h.name), h.name, false)
  }
  if (r.body !== null && r.body !== '') {
    const contentType = r.headers.find((h) => h.name === 'content-type')?.value.toLowerCase() ?? ''
    bodyTargets(r.body, contentType, push)
  }
  return { targets, truncated }
}

type Push = (
  part: Part,
  field: string,
  raw: string,
  secret: boolean,
  header?: string,
  plus?: boolean,
) => void

function bodyTargets(body: string, contentType: string, push: Push): void {
  const t = body.trimStart()
  if ((t.startsWith('{') || t.startsWith('[')) && !contentType.includes('xml')) {
    let doc: unknown
    try {
      doc = JSON.parse(t)
    } catch {
      doc = undefined
    }
    if (doc !== undefined) {
      walkJson(doc, '', 0, push)
      return
    }
  }
  if (
    contentType.includes('x-www-form-urlencoded') ||
    (/^[^<{\s=&]{1,64}=/.test(t) && !contentType.includes('xml') && !contentType.includes('json'))
  ) {
    for (const pair of body.split('&')) {
      const eq = pair.indexOf('=')
      const rawName = eq < 0 ? pair : pair.slice(0, eq)
      const name = decodeForMatch(rawName)
      push(
        'body',
        `body:${name.slice(0, 64)}`,
        eq < 0 ? '' : pair.slice(eq + 1),
        SECRET_KEY.test(name),
      )
      if (!PLAIN_NAME.test(name)) push('body', `body-key:${name.slice(0, 64)}`, rawName, false)
    }
    return
  }
  // XML and anything else: the body as text, without `+` → space (it is not form-encoded).
  push('document', 'body', body, false, '', false)
  if (t.startsWith('<') || contentType.includes('xml')) xmlValues(body, push)
}

// Text nodes and attribute values of an XML body are values like JSON strings: injections inside them are
// judged the same way, without the surrounding markup.
const XML_TEXT = /<([a-z_][\w:.-]{0,60})[^<>]{0,2000}>([^<]{1,4096})</gi
const XML_ATTR = /\s([a-z_][\w:.-]{0,60})\s*=\s*"([^"<]{1,4096})"/gi

function xmlValues(body: string, push: Push): void {
  let n = 0
  for (const m of body.matchAll(XML_TEXT)) {
    if (++n > 200) return
    if ((m[2] ?? '').trim() !== '') push('body', `body:${m[1] ?? ''}`, m[2] ?? '', false, '', false)
  }
  for (const m of body.matchAll(XML_ATTR)) {
    if (++n > 200) return
    push('body', `body:@${m[1] ?? ''}`, m[2] ?? '', false, '', false)
  }
}

function walkJson(v: unknown, path: string, depth: number, push: Push): void {
  if (depth > MAX_BODY_DEPTH) return
  if (typeof v === 'string') {
    const key = path.slice(path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '')
    push('body', path ? `body:${path.slice(0, 96)}` : 'body', v, SECRET_KEY.test(key), '', false)
  } else if (Array.isArray(v)) {
    v.slice(0, 200).forEach((item, i) => walkJson(item, `${path}[${i}]`, depth + 1, push))
  } else if (v !== null && typeof v === 'object') {
    for (const [k, item] of Object.entries(v as Record<string, unknown>).slice(0, 200)) {
      const p = path ? `${path}.${k}` : k
      if (!PLAIN_NAME.test(k) || k.startsWith('$') || k.startsWith('__'))
        push('body', `body-key:${p.slice(0, 96)}`, k, false, '', false)
      walkJson(item, p, depth + 1, push)
    }
  }
}
