// Which values of a request detectors read, each with the name of where it sits (`query:q`,
// `header:user-agent`, `body:order.note`) and whether it is secret-bearing (evidence from it is trimmed).
import { PASSWORD_NAMES } from './credential-names'
import {
  base64Text,
  decodeForMatch,
  multipartFields,
  percentDecode,
  type MultipartField,
} from './decode'
import { parseCookies } from './parse-query'
import type { NamedValue, RequestRecord } from './request-record'

/**
 * `body` is a JSON value or form field; `document` a body read as a whole (XML, text); `fields` what a
 * JSON or form body sets, one `key.path=value` line per field (see fieldLines); `argv` a JSON argument list
 * (a job's command array) joined with spaces, as the program receives it.
 */
export type Part =
  | 'path'
  | 'query'
  | 'body'
  | 'document'
  | 'fields'
  | 'argv'
  | 'cookie'
  | 'header'
  | 'header-name'
  | 'method'

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
// Transfer-Encoding is read: a repeated or disguised one is how request smuggling starts.
const SKIP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'te'])
const SECRET_HEADERS =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-csrf-token|x-xsrf-token|x-amz-security-token|x-session-token|private-token)$/
/**
 * Body or parameter keys whose values are credentials: English names, a name ending in a password word
 * of another language (`senha`, `nova_senha`, `kennwort`: credential-names.ts), or starting with one
 * (`password_confirmation`, `senha_atual`).
 */
export const SECRET_KEY = new RegExp(
  `pass(?:word|wd|phrase)?$|^pwd$|secret|token|api[-_]?key|credential|^otp$|^pin$|private[-_]?key|^auth$|(?:^|[-_.])(?:${PASSWORD_NAMES})(?:$|[-_.])`,
  'i',
)

/** True for header names whose values are credentials. */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.test(name)
}

/** An XML document: a prolog, or a root element that declares a namespace. */
const XML_DOCUMENT =
  /^\s{0,8}<(?:\?xml\s|[a-z_][\w.-]{0,40}(?::[\w.-]{1,40})?\s[^<>]{0,400}\bxmlns(?::[\w.-]{1,40})?\s{0,4}=)/i

/** Cookie names that carry a session or credential: their values are not decoded as base64 text. */
const SESSION_COOKIE =
  /sess|sid|auth|token|jwt|csrf|xsrf|login|remember|identity|saml|oidc|^_?_?host-|^_?_?secure-/i

// Names made only of these are ordinary; others (`[$ne]`, `<script>`, `'or`) are inspected as values too.
const PLAIN_NAME = /^[a-z0-9_.-]{0,64}$/i
// Plain-looking names that walk a Java bean's object graph (Spring and Struts bind
// `class.module.classLoader.…` and `bootstrapStatusProvider.applicationConfig.…` parameters onto objects):
// a class-loader walk, or a path three properties deep, is inspected as a value too.
const CLASS_WALK = /(?:^|\.)class\.|classloader|^[a-z_]\w{0,40}\.[a-z_]\w{0,40}\.[a-z_]/i

// A top-level `$name` is an API's own query option (OData's $filter and $top, Socrata's $where and
// $order): its value is inspected like any other, its name says nothing. An operator smuggled into a
// query object arrives bracketed (`user[$ne]=`) or as a JSON key, and is still read.
const QUERY_OPTION = /^\$[a-z]{1,30}$/i

function inspectableName(name: string): boolean {
  return (!PLAIN_NAME.test(name) && !QUERY_OPTION.test(name)) || CLASS_WALK.test(name)
}

function cap(s: string): string {
  return s.length > MAX_VALUE_CHARS ? s.slice(0, MAX_VALUE_CHARS) : s
}

// A class, not an object literal with a getter: one hidden class for every value, and the decoding is
// done on first use only. The field name is joined on first use too: only values that make a finding need
// it. Matching makes one only for a value it has to judge or that makes a hit: repeats answered from its
// cache need no object at all.
export class LazyTarget implements Target {
  private decodedValue: string | null = null
  private fieldValue: string | null = null
  constructor(
    readonly part: Part,
    private readonly fieldPrefix: string,
    private readonly fieldName: string,
    readonly header: string,
    readonly raw: string,
    readonly secret: boolean,
    private readonly plus: boolean,
  ) {}
  get field(): string {
    return (this.fieldValue ??= this.fieldPrefix + this.fieldName)
  }
  get decoded(): string {
    return (this.decodedValue ??= decodeForMatch(this.raw, this.plus))
  }
}

/**
 * Receives the values of a request one by one, in the order detectors have always seen them. The
 * arguments are a target's parts (`fieldPrefix + fieldName` is its field; `plus` says whether `+` decodes
 * to a space), so a receiver that needs no target object makes none.
 */
export interface ValueSink {
  /** Returns false to stop the walk (the record's time budget is spent). */
  take(
    part: Part,
    fieldPrefix: string,
    fieldName: string,
    header: string,
    raw: string,
    secret: boolean,
    plus: boolean,
  ): boolean
}

/** Walks one request's values into a sink, applying the caps (a class, so no closure per request). */
class Walker {
  private count = 0
  truncated = false
  stopped = false
  constructor(private readonly sink: ValueSink) {}

  /** `fieldPrefix + fieldName` is the target's field. */
  push(
    part: Part,
    fieldPrefix: string,
    fieldName: string,
    raw: string,
    secret: boolean,
    header = '',
    plus = true,
  ): void {
    if (this.stopped || this.count >= MAX_TARGETS || raw === '') return
    this.count++
    if (raw.length > MAX_VALUE_CHARS) this.truncated = true
    if (!this.sink.take(part, fieldPrefix, fieldName, header, cap(raw), secret, plus))
      this.stopped = true
  }

  /**
   * A value that is base64 of text is inspected decoded too (applications decode it), and so is the
   * payload of a base64 `data:` URL (`data://text/plain;base64,…` handed to an include). One that decodes
   * to an XML document (a SAML response) is read as a document, as an XML body is: markup is what it is
   * made of, while entity declarations in it still count.
   */
  pushBase64(
    part: Part,
    fieldPrefix: string,
    fieldName: string,
    raw: string,
    secret = false,
    header = '',
  ): void {
    if (raw.length < 16) return
    const text = base64Text(dataUrlPayload(raw) ?? raw)
    if (text === null) return
    const asDocument = part !== 'cookie' && XML_DOCUMENT.test(text)
    this.push(asDocument ? 'document' : part, fieldPrefix, fieldName, text, secret, header, false)
  }
}

const DATA_BASE64 = /^\s{0,4}data:[^,]{0,120}?;base64,/i

/** The base64 payload of a `data:` URL value (percent-encoded or not), or null for any other value. */
function dataUrlPayload(raw: string): string | null {
  if ((raw.charCodeAt(0) | 0x20) !== 0x64 /* d */ && raw.charCodeAt(0) > 0x20) return null
  const v = raw.includes('%') ? percentDecode(raw, false) : raw
  const m = DATA_BASE64.exec(v)
  return m ? v.slice(m[0].length) : null
}

// Names repeat across requests (parameters, headers, JSON keys) and what is derived from a name depends on
// the name alone, so it is remembered. Memory stays bounded: long names are not kept, and a full map is
// emptied.
const MAX_REMEMBERED = 4096
const MAX_REMEMBERED_CHARS = 128

function remember<V>(map: Map<string, V>, key: string, make: (k: string) => V): V {
  if (key.length > MAX_REMEMBERED_CHARS) return make(key)
  let v = map.get(key)
  if (v === undefined) {
    v = make(key)
    if (map.size >= MAX_REMEMBERED) map.clear()
    map.set(detached(key), v)
  }
  return v
}

/**
 * A copy of `s` that does not keep the text it was cut from alive. V8 represents a slice of 13 or more
 * characters as a view into its parent, so a short query value kept in a cache would hold its whole
 * request line (up to a megabyte) in memory. Concatenating and slicing again makes V8 copy the
 * characters into a string of their own. For values kept long-term (caches), not for every value.
 */
export function detached(s: string): string {
  return (' ' + s).slice(1)
}

interface ParamName {
  /** Lower-cased, decoded when not plain. */
  readonly name: string
  readonly secret: boolean
  /** Not plain after decoding: the name is inspected as a value too. */
  readonly inspectName: boolean
}

const paramNames = new Map<string, ParamName>()
function readParamName(raw: string): ParamName {
  const name = PLAIN_NAME.test(raw) ? raw.toLowerCase() : decodeForMatch(raw)
  return { name, secret: SECRET_KEY.test(name), inspectName: inspectableName(name) }
}

interface HeaderName {
  readonly skip: boolean
  readonly secret: boolean
  /** Not a standard or widespread header: the name itself is inspected as a value (part header-name). */
  readonly inspectName: boolean
}
const headerNames = new Map<string, HeaderName>()
function readHeaderName(name: string): HeaderName {
  return {
    skip: SKIP_HEADERS.has(name),
    secret: isSecretHeader(name),
    inspectName: !COMMON_HEADER.test(name),
  }
}

// Header names browsers, HTTP clients, proxies, CDNs, tracers and Kong itself send. Any other name is
// text a client chose (a scanner marks its requests with its own headers) and is read as a value too;
// what is derived from a name is remembered, so this runs once per distinct name.
const COMMON_HEADER =
  /^(?:accept(?:-[a-z]{1,20})?|authorization|cache-control|connection|content-[a-z0-9-]{1,30}|cookie|date|dnt|expect|forwarded|from|host|if-[a-z-]{1,20}|keep-alive|max-forwards|origin|pragma|priority|proxy-[a-z-]{1,30}|range|referer|sec-[a-z0-9-]{1,40}|te|trailer|transfer-encoding|upgrade|upgrade-insecure-requests|user-agent|via|warning|save-data|x-forwarded-[a-z-]{1,20}|x-real-ip|x-requested-with|x-request-id|x-request-start|x-correlation-id|traceparent|tracestate|baggage|b3|x-b3-[a-z]{1,20}|x-amzn?-[a-z0-9-]{1,40}|x-datadog-[a-z-]{1,40}|x-cloud-trace-context|x-client-ip|true-client-ip|cf-[a-z-]{1,30}|x-csrf-token|x-xsrf-token|x-api-key|api-key|apikey|x-apikey|x-http-method-override|idempotency-key|x-idempotency-key|kong-[a-z-]{1,30}|x-kong-[a-z-]{1,30}|x-consumer-[a-z-]{1,30}|x-credential-[a-z-]{1,30}|x-envoy-[a-z-]{1,40})$/

const secretKeys = new Map<string, boolean>()
function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key)
}

const ORDINARY_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'OPTIONS',
])

/**
 * HTTP parameter pollution: a name given more than once reaches many backends as one value, its values
 * joined with commas (ASP.NET, and frameworks that read a list into a string), so a payload split across
 * the repeats (`id=1 /*&id=*\/UNION/*&id=*\/SELECT …`) is whole only there. Each repeated name is
 * inspected once more, joined. Names are compared pairwise: requests have a handful of parameters.
 */
function pushJoinedRepeats(query: readonly NamedValue[], c: Walker): void {
  const n = Math.min(query.length, 64)
  for (let i = 1; i < n; i++) {
    const name = (query[i] as NamedValue).name
    let earlier = 0
    for (let j = 0; j < i && earlier < 2; j++) if ((query[j] as NamedValue).name === name) earlier++
    // only at a name's second occurrence, so each repeated name is joined once
    if (earlier !== 1) continue
    const values: string[] = []
    for (let j = 0; j < n; j++) {
      const q = query[j] as NamedValue
      if (q.name === name) values.push(q.value)
    }
    const p = remember(paramNames, name, readParamName)
    c.push('query', 'query-joined:', p.name.slice(0, 64), values.join(','), p.secret)
  }
}

/** Collects every inspectable value of a request as targets. */
export function collectTargets(r: RequestRecord): { targets: Target[]; truncated: boolean } {
  const targets: Target[] = []
  const { truncated } = visitTargets(r, {
    take(part, fieldPrefix, fieldName, header, raw, secret, plus) {
      targets.push(new LazyTarget(part, fieldPrefix, fieldName, header, raw, secret, plus))
      return true
    },
  })
  return { targets, truncated }
}

/**
 * Hands every inspectable value of a request to `sink`, stopping when it asks to. `truncated` is true
 * when a value was longer than MAX_VALUE_CHARS (it is inspected up to there).
 */
export function visitTargets(r: RequestRecord, sink: ValueSink): { truncated: boolean } {
  const c = new Walker(sink)
  // The method only when it is not one a REST API takes (WebDAV, CONNECT, TRACE, junk): no value per
  // ordinary request.
  if (!ORDINARY_METHODS.has(r.method)) c.push('method', 'method', '', r.method, false, '', false)
  c.push('path', 'path', '', r.path, false, '', false)
  for (const q of r.query) {
    const p = remember(paramNames, q.name, readParamName)
    c.push('query', 'query:', p.name.slice(0, 64), q.value, p.secret)
    if (!p.secret) c.pushBase64('query', 'query-b64:', p.name.slice(0, 64), q.value)
    if (p.inspectName) c.push('query', 'query-name:', p.name.slice(0, 64), q.name, false)
  }
  if (r.query.length > 1) pushJoinedRepeats(r.query, c)
  let contentType: string | null = null
  for (const h of r.headers) {
    if (contentType === null && h.name === 'content-type') contentType = h.value
    const hn = remember(headerNames, h.name, readHeaderName)
    if (hn.skip) continue
    if (hn.inspectName) c.push('header-name', 'header-name:', h.name, h.name, false)
    if (h.name === 'cookie') {
      for (const ck of parseCookies(h.value)) {
        c.push('cookie', 'cookie:', ck.name.slice(0, 64), ck.value, true, 'cookie')
        // Preferences and state an application keeps base64-encoded are decoded like query values; session
        // and token cookies are not (often base64 of serialized objects, noise as text). Still secret.
        if (!SESSION_COOKIE.test(ck.name))
          c.pushBase64('cookie', 'cookie-b64:', ck.name.slice(0, 64), ck.value, true, 'cookie')
        if (!PLAIN_NAME.test(ck.name))
          c.push('cookie', 'cookie-name:', ck.name.slice(0, 64), ck.name, false, 'cookie')
      }
      continue
    }
    c.push('header', 'header:', h.name, h.value, hn.secret, h.name, false)
  }
  if (r.body !== null && r.body !== '' && !c.stopped) bodyTargets(r.body, contentType ?? '', c)
  return { truncated: c.truncated }
}

/** `rawContentType` as sent: a multipart boundary is case-sensitive (RFC 2046 §5.1.1). */
function bodyTargets(body: string, rawContentType: string, c: Walker): void {
  const contentType = rawContentType.toLowerCase()
  const t = body.trimStart()
  if ((t.startsWith('{') || t.startsWith('[')) && !contentType.includes('xml')) {
    let doc: unknown
    try {
      doc = JSON.parse(t)
    } catch {
      doc = undefined
    }
    if (doc !== undefined) {
      walkJson(doc, '', 0, c)
      if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
        const lines: string[] = []
        fieldLines(doc as Record<string, unknown>, '', 0, lines)
        c.push('fields', 'body-fields', '', lines.join('\n'), false, '', false)
      }
      return
    }
  }
  if (
    contentType.includes('x-www-form-urlencoded') ||
    (/^[^<{\s=&]{1,64}=/.test(t) && !contentType.includes('xml') && !contentType.includes('json'))
  ) {
    const lines: string[] = []
    for (const pair of body.split('&')) {
      const eq = pair.indexOf('=')
      const rawName = eq < 0 ? pair : pair.slice(0, eq)
      const name = decodeForMatch(rawName)
      const secret = remember(secretKeys, name, isSecretKey)
      c.push('body', 'body:', name.slice(0, 64), eq < 0 ? '' : pair.slice(eq + 1), secret)
      if (eq >= 0 && !secret)
        c.pushBase64('body', 'body-b64:', name.slice(0, 64), pair.slice(eq + 1))
      if (inspectableName(name)) c.push('body', 'body-key:', name.slice(0, 64), rawName, false)
      if (lines.length < MAX_FIELDS)
        lines.push(
          fieldLine(
            name,
            secret ? SECRET_MARK : JSON.stringify(decodeForMatch(pair.slice(eq + 1))),
          ),
        )
    }
    c.push('fields', 'body-fields', '', lines.join('\n'), false, '', false)
    return
  }
  if (contentType.includes('multipart/form-data')) {
    for (const f of multipartFields(body, rawContentType) ?? []) {
      const name = f.name.toLowerCase()
      // An uploaded XML document (a statement, a confirmation) is read as an XML body is: whole, and its
      // text nodes and attributes as values, not as one value full of markup. SVG and HTML files stay
      // values: their markup is what an upload attack carries.
      if (f.filename !== null && isXmlFile(f)) {
        c.push('document', 'body:', name.slice(0, 64), f.value, false, '', false)
        xmlValues(f.value, c)
      } else {
        const secret = isSecretKey(name)
        c.push('body', 'body:', name.slice(0, 64), f.value, secret, '', false)
        // An uploaded file sent as base64 text (a model, a saved session) is read decoded as well, as a
        // base64 query or form value is.
        if (!secret) c.pushBase64('body', 'body-b64:', name.slice(0, 64), f.value.trim())
      }
      if (f.filename) c.push('body', 'body-file:', name.slice(0, 64), f.filename, false, '', false)
    }
  }
  // XML and anything else: the body as text, without `+` → space (it is not form-encoded).
  c.push('document', 'body', '', body, false, '', false)
  if (t.startsWith('<') || contentType.includes('xml')) xmlValues(body, c)
}

const MARKUP_FILE = /\.(?:svg|svgz|html?|xhtml|xht|xsl|xslt)$/i

/** A file part that is an XML document: declared as XML (not SVG or XHTML), or opening with `<?xml`. */
function isXmlFile(f: MultipartField): boolean {
  if (MARKUP_FILE.test(f.filename ?? '') || /svg|html/.test(f.contentType)) return false
  return /[/+]xml$/.test(f.contentType) || /^\s{0,8}<\?xml\s/.test(f.value)
}

// Text nodes and attribute values of an XML body are values like JSON strings: injections inside them are
// judged the same way, without the surrounding markup.
const XML_TEXT = /<([a-z_][\w:.-]{0,60})[^<>]{0,2000}>([^<]{1,4096})</gi
const XML_ATTR = /\s([a-z_][\w:.-]{0,60})\s*=\s*"([^"<]{1,4096})"/gi
// A CDATA section is text, whatever it holds (`Risk: <moderate>` is not an element): its content is the
// value of the element it sits in, and it is taken out before elements are read.
const XML_CDATA =
  /(?:<([a-z_][\w:.-]{0,60})[^<>]{0,2000}>\s{0,200})?<!\[CDATA\[([\s\S]{0,65536}?)\]\]>/gi

function xmlValues(xml: string, c: Walker): void {
  let n = 0
  let body = xml
  if (xml.includes('<![')) {
    body = xml.replace(XML_CDATA, (_, name: string | undefined, text: string) => {
      // A CDATA section that carries an XML document of its own (FIXML inside a SOAP envelope) is read
      // as a document, as an XML body is.
      if (++n <= 200 && text.trim() !== '')
        c.push(
          XML_DOCUMENT.test(text) ? 'document' : 'body',
          'body:',
          name ?? 'cdata',
          text,
          false,
          '',
          false,
        )
      return name === undefined ? ' ' : `<${name}> `
    })
  }
  for (const m of body.matchAll(XML_TEXT)) {
    if (++n > 200) return
    if ((m[2] ?? '').trim() !== '')
      c.push('body', 'body:', m[1] ?? '', m[2] ?? '', false, '', false)
  }
  for (const m of body.matchAll(XML_ATTR)) {
    if (++n > 200) return
    c.push('body', 'body:@', m[1] ?? '', m[2] ?? '', false, '', false)
  }
}

const ARRAY_INDEX_END = /\[\d+\]$/

const MAX_FIELDS = 200
const MAX_FIELD_DEPTH = 4
// Stands for the value of a secret-bearing field in the fields text: evidence never shows a secret.
const SECRET_MARK = '"*"'

function fieldLine(path: string, value: string): string {
  return `${path.slice(0, 96)}=${value.length > 80 ? value.slice(0, 80) : value}`
}

/**
 * What a JSON body sets, one `key.path=value` line per field: scalars JSON-encoded (`isadmin=true`,
 * `role="admin"`), arrays of scalars whole (`roles=["ops","approver"]`), objects walked to a few levels.
 * Rules read it to judge what a request sets, not what a value says: a sign-up that grants itself a role.
 */
function fieldLines(o: Record<string, unknown>, path: string, depth: number, out: string[]): void {
  for (const k of Object.keys(o)) {
    if (out.length >= MAX_FIELDS) return
    const p = path ? `${path}.${k.toLowerCase()}` : k.toLowerCase()
    const v = o[k]
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (depth < MAX_FIELD_DEPTH) fieldLines(v as Record<string, unknown>, p, depth + 1, out)
      continue
    }
    if (remember(secretKeys, k, isSecretKey)) {
      out.push(fieldLine(p, SECRET_MARK))
      continue
    }
    if (Array.isArray(v)) {
      // A list of objects is walked by the body part; a long list of scalars is read by its head.
      const head = v.slice(0, 20)
      if (head.some((e) => e !== null && typeof e === 'object')) continue
      out.push(fieldLine(p, JSON.stringify(head).toLowerCase()))
      continue
    }
    // A long string is read by its head: what a field sets shows in its first characters.
    out.push(fieldLine(p, JSON.stringify(typeof v === 'string' ? v.slice(0, 80) : v).toLowerCase()))
  }
}

// A string operand that matches anything as a pattern, or the empty string.
const MATCH_ALL = /^[.*+^$]{0,4}$/

/**
 * `=<operand>` for an operand that can make a query operator hold for every record (null, a number or a
 * boolean, the empty string, a match-anything pattern, an empty list); '' for any other value, whose text
 * is read as a value of its own.
 */
function operand(v: unknown): string {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return `=${String(v)}`
  if (typeof v === 'string') return MATCH_ALL.test(v) ? `=${JSON.stringify(v)}` : ''
  return Array.isArray(v) && v.length === 0 ? '=[]' : ''
}

// A program as the first word of an argument list: a name or path, `.exe` at most.
const PROGRAM = /^(?:[a-z]:\\|\/)?(?:[\w.-]{1,64}[\\/]){0,8}[a-z][\w.-]{0,40}$/i

/**
 * An argument list (a job's `command`, Docker's exec form, a subprocess call): a few strings, the first a
 * program, an option among the rest. Read once more joined with spaces, as the program receives them, so
 * a command split into its arguments (`["powershell.exe","-enc","…"]`) is whole somewhere. A list of
 * symbols or tags has no option.
 */
function isArgv(v: readonly unknown[]): v is string[] {
  if (v.length < 2 || v.length > 64) return false
  let option = false
  for (let i = 0; i < v.length; i++) {
    const e = v[i]
    if (typeof e !== 'string' || e.length > 4096) return false
    if (i > 0 && e.charCodeAt(0) === 0x2d /* - */) option = true
  }
  return option && PROGRAM.test(v[0] as string)
}

function walkJson(v: unknown, path: string, depth: number, c: Walker): void {
  if (depth > MAX_BODY_DEPTH) return
  if (typeof v === 'string') {
    const key = path.slice(path.lastIndexOf('.') + 1)
    const bare = key.endsWith(']') ? key.replace(ARRAY_INDEX_END, '') : key
    const secret = path ? remember(secretKeys, bare, isSecretKey) : isSecretKey(bare)
    c.push('body', path ? 'body:' : 'body', path.slice(0, 96), v, secret, '', false)
    if (!secret) c.pushBase64('body', 'body-b64:', path.slice(0, 96), v)
  } else if (Array.isArray(v)) {
    const n = Math.min(v.length, 200)
    for (let i = 0; i < n; i++) walkJson(v[i], `${path}[${i}]`, depth + 1, c)
    if (isArgv(v)) c.push('argv', 'argv:', path.slice(0, 96), v.join(' '), false, '', false)
  } else if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>
    const keys = Object.keys(o)
    const n = Math.min(keys.length, 200)
    for (let i = 0; i < n; i++) {
      const k = keys[i] as string
      const p = path ? `${path}.${k}` : k
      // An operator key is read with its path ({"filter":{"qty":{"$gt":1}}} is a query language by
      // design, {"username":{"$ne":null}} an injection) with the operand when it could hold for every
      // record (`filter.client.$ne=null`, `$gt=""`), other odd keys alone.
      if (k.startsWith('$'))
        c.push('body', 'body-key:', p.slice(0, 96), p.slice(-200) + operand(o[k]), false, '', false)
      else if (!PLAIN_NAME.test(k) || k.startsWith('__'))
        c.push('body', 'body-key:', p.slice(0, 96), k, false, '', false)
      // {"constructor":{"prototype":{…}}} reaches Object.prototype as surely as __proto__ does: the key
      // path is what tells, so it is inspected as a value.
      else if (k === 'prototype') c.push('body', 'body-key:', p.slice(0, 96), p, false, '', false)
      walkJson(o[k], p, depth + 1, c)
    }
  }
}
