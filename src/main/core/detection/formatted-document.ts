// Is a request body value a formatted document, markup a sanitiser would keep whole? Rich-text editors,
// e-mail and PDF templates and chart exports send HTML or SVG documents; a trading API's other values never
// carry markup, so the XSS markup rules fire on any tag and consult this judge before they report one in a
// body. It reads the value as a browser would: the tags it holds (every `<name` is read as a tag, even
// inside <title> or <style>, so no markup hides in raw text), the attributes of each (character references
// decoded, as the browser decodes them in attribute values) and the text between, which is only text:
// `&lt;script&gt;` in a <pre> block is an escaped example shown to the reader, not a tag.
//
// A document is safe when every element is formatting (text structure, tables, lists, links, images, the
// <html>/<head>/<body> wrapper with a stylesheet <link> or <meta charset>, and plain SVG drawing: shapes,
// text and gradients), every attribute is presentational, every URL it holds is http(s), mailto, tel, cid
// or relative, and no CSS loads, positions over the page or runs script. Anything else (script, frames,
// objects, forms, <base>, <svg><use>/<image>/<foreignObject>/animation, event handlers, `name`, `id` on a
// link or image (DOM clobbering), javascript:/data: URLs, conditional comments) keeps the value judged.
// The one frame allowed is a video host's embedded player or a map embed (https, their own embed paths),
// as article editors insert them; a frame of any other page, or with `srcdoc`, is not formatting. A script
// is allowed only as a data block (JSON-LD structured data: a type browsers do not run, no src, no markup
// inside), and an event handler only when it is empty (`onclick=""`, as editors leave behind).
// It must look like a document, too: it starts with a tag (after template tags) and ends with a closing
// one or a void element (an editor's note may end on an image), and has at least two elements, or is one
// paragraph of prose, so a lone `<h1>x</h1>` probe is still reported.

import { decodeEntities } from './decode'

/** A set of the space-separated words of `list`. */
function words(list: string): ReadonlySet<string> {
  return new Set(list.split(' '))
}

// Text structure and inline formatting, lists and tables, links and images, the document wrapper, and
// SVG drawing (shapes, text, gradients).
const FORMATTING = words(
  'p div span br hr h1 h2 h3 h4 h5 h6 b i u s em strong small big sub sup mark code pre kbd samp var tt ' +
    'blockquote q cite abbr dfn del ins time center font address wbr strike section article header ' +
    'footer main aside nav figure figcaption details summary caption ' +
    'ul ol li dl dt dd table thead tbody tfoot tr td th col colgroup a img ' +
    'html head body title meta link style ' +
    'svg g path rect circle ellipse line polyline polygon text tspan defs lineargradient radialgradient ' +
    'stop desc clippath symbol marker pattern mask',
)

const VOID = words('br hr img meta link col wbr')
// Elements whose end tag may be left out (the HTML standard's optional end tags).
const IMPLIED_END = words('p li dt dd tr td th thead tbody tfoot colgroup caption html head body')

// Attributes that hold a URL the browser loads or follows.
const URL_ATTRS = words(
  'href src xlink:href background poster cite longdesc usemap lowsrc dynsrc data codebase ping manifest',
)

// Attributes no formatting needs: they run markup or script, or name a node for DOM clobbering.
const DENIED_ATTRS = words('srcdoc http-equiv is name formaction action srcset')

// A URL scheme a formatted document may carry: http(s), mail and telephone links, e-mail inline parts.
const SAFE_SCHEME = /^(?:https?|mailto|tel|cid):/
// A scheme before any `/`, `?` or `#` (a relative URL has none).
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/
// Characters a browser drops from a URL before reading its scheme.
// eslint-disable-next-line no-control-regex
const URL_NOISE = /[\s\u0000-\u001f]/g

// CSS that loads a resource, positions over the page (an overlay asking to log in again) or runs script,
// or that hides its words behind escapes (`u\72 l(`) or comments (`exp/**/ression(`).
const UNSAFE_CSS =
  /url\s*\(|@import|expression\s*\(|behaviou?r\s*:|-moz-binding|javascript\s*:|position\s*:\s*(?:fixed|absolute)|<\/|\\|\/\*/

// The embedded players of the video hosts rich-text editors offer (their embed dialogs write these URLs):
// an <iframe> of one shows a video in the host's own origin and reaches nothing of the page.
const EMBED_PLAYER =
  /^https:\/\/(?:www\.youtube(?:-nocookie)?\.com\/embed\/|player\.vimeo\.com\/video\/|fast\.wistia\.net\/embed\/iframe\/)[\w-]{1,64}(?:\?[\w=&;%.-]{0,200})?$/
// …and the map embeds a branch or event page carries (Google Maps' embed URL, OpenStreetMap's export).
const EMBED_MAP =
  /^https:\/\/(?:www\.google\.com\/maps\/embed\?pb=[\w!.%-]{1,1000}|www\.openstreetmap\.org\/export\/embed\.html\?[\w=&;%.,-]{1,300})$/

// A script element that holds data, not code: structured data for search engines (JSON-LD) and JSON a
// page reads. Browsers do not run a script of a type that is not JavaScript (the HTML standard's data
// block).
const DATA_SCRIPT_TYPE = /^application\/(?:ld\+)?json$/

// A note that is one paragraph of prose (an adviser's note from an editor: `<p>Client pleased with …</p>`)
// is a document too; a lone heading or a paragraph of one word (`<h1>x</h1>`, `<p>probe</p>`) is not.
const PARAGRAPH = words('p div blockquote')
const PROSE =
  /\p{L}{2,}[\s,;:'"«»„“”()-]{1,4}\p{L}{2,}[\s,;:'"«»„“”()-]{1,4}\p{L}{2,}[\s,;:'"«»„“”()-]{1,4}\p{L}{2,}/u

const CLOSING_TAG_AT_END = /<\/[a-z][a-z0-9-]{0,30}\s*>$/
const TEMPLATE_TAG = /\{\{\{?[^{}]{0,400}\}?\}\}|\{%[^%]{0,400}%\}/g
const NAME = /[a-z][a-z0-9-]{0,30}/y
const ATTR_NAME = /[^\s"'>/=]{1,60}/y
const SPACE = /[\s/]*/y

/**
 * True when `text` (as for isFormattedDocument) is a formatted document with prose before or after it and
 * no markup there: a page pasted into a message ("the app shows this: <html>…502 Bad Gateway…</html>").
 * The prose adds nothing a browser acts on, so the value is as safe as the document.
 */
export function isDocumentInProse(text: string): boolean {
  const first = text.indexOf('<')
  const last = text.lastIndexOf('>')
  if (first < 0 || last < first) return false
  const before = text.slice(0, first)
  const after = text.slice(last + 1)
  if (before.includes('>') || after.includes('<')) return false
  if (!PROSE.test(`${before} ${after}`)) return false
  return isFormattedDocument(text.slice(first, last + 1))
}

/**
 * True when `text` (percent-decoded, lower case, character references kept) is a whole formatted
 * document: every element and attribute one a sanitiser keeps. See the file comment.
 */
export function isFormattedDocument(text: string): boolean {
  const s = text.includes('{') ? text.replace(TEMPLATE_TAG, '') : text
  const body = s.trim()
  if (!body.startsWith('<') || !body.endsWith('>')) return false
  let elements = 0
  let first = ''
  let endsWithVoid = false
  let closed = 0
  const open: string[] = []
  let i = 0
  for (;;) {
    const lt = body.indexOf('<', i)
    if (lt < 0) break
    const next = body.charCodeAt(lt + 1)
    // `<` before a space, digit or operator is text ("bid < ask").
    if (body.startsWith('<!--', lt)) {
      const end = body.indexOf('-->', lt + 4)
      // A comment is a note to the editor; a conditional one (`<!--[if mso]>`) carries markup for Outlook.
      if (end < 0 || /[<>[]/.test(body.slice(lt + 4, end))) return false
      i = end + 3
      continue
    }
    if (body.startsWith('<!doctype html>', lt)) {
      i = lt + 15
      continue
    }
    if (body.startsWith('<?xml', lt)) {
      const end = body.indexOf('?>', lt)
      if (end < 0 || body.slice(lt, end).includes('<', 1)) return false
      i = end + 2
      continue
    }
    if (next === 0x2f /* / */) {
      NAME.lastIndex = lt + 2
      const m = NAME.exec(body)
      if (!m) {
        i = lt + 1
        continue
      }
      if (!FORMATTING.has(m[0]) && m[0] !== 'iframe' && m[0] !== 'script') return false
      const gt = body.indexOf('>', NAME.lastIndex)
      if (gt < 0 || body.slice(NAME.lastIndex, gt).trim() !== '') return false
      // A closing tag ends its element and any left open inside it (a <p> or <li> closes implicitly);
      // one that closes nothing open is markup breaking out of the field it was put in.
      const at = open.lastIndexOf(m[0])
      if (at < 0) return false
      open.length = at
      closed++
      i = gt + 1
      continue
    }
    NAME.lastIndex = lt + 1
    const m = NAME.exec(body)
    if (!m) {
      i = lt + 1
      continue
    }
    const name = m[0]
    if (!FORMATTING.has(name) && name !== 'iframe' && name !== 'script') return false
    const end = readAttributes(body, NAME.lastIndex, name)
    if (end < 0) return false
    if (elements++ === 0) first = name
    i = end
    endsWithVoid = VOID.has(name) && end === body.length
    if (!VOID.has(name) && body.charCodeAt(end - 2) !== 0x2f /* / */) open.push(name)
    if (name === 'script') {
      // A data block is read as text up to its closing tag, and holds no markup.
      const close = body.indexOf('</script', i)
      if (close < 0 || body.slice(i, close).includes('<')) return false
      i = close
    }
    if (name === 'style') {
      // A stylesheet is CSS up to its closing tag: it must not load, position or run anything either.
      const close = body.indexOf('</style', i)
      if (close < 0 || body.slice(i, close).includes('<') || UNSAFE_CSS.test(body.slice(i, close)))
        return false
      i = close
    }
  }
  // Every element is closed, but those whose end tag HTML lets a writer leave out.
  return (
    (elements >= 2 || (elements === 1 && PARAGRAPH.has(first) && PROSE.test(body))) &&
    (CLOSING_TAG_AT_END.test(body) || (endsWithVoid && closed > 0)) &&
    open.every((n) => IMPLIED_END.has(n))
  )
}

/** Reads a tag's attributes from `i`; returns the index after its `>`, or -1 when one is not safe. */
function readAttributes(s: string, i: number, element: string): number {
  let rel = ''
  let href = ''
  let src = ''
  let type = ''
  for (;;) {
    SPACE.lastIndex = i
    SPACE.exec(s)
    i = SPACE.lastIndex
    if (i >= s.length) return -1
    if (s[i] === '>') break
    ATTR_NAME.lastIndex = i
    const a = ATTR_NAME.exec(s)
    if (!a) return -1
    const attr = a[0]
    i = ATTR_NAME.lastIndex
    let value = ''
    while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i++
    if (s[i] === '=') {
      i++
      while (s[i] === ' ' || s[i] === '\t' || s[i] === '\n') i++
      const q = s[i]
      if (q === '"' || q === "'") {
        const close = s.indexOf(q, i + 1)
        if (close < 0) return -1
        value = s.slice(i + 1, close)
        i = close + 1
      } else {
        const start = i
        while (i < s.length && !/[\s>]/.test(s[i] as string)) i++
        value = s.slice(start, i)
      }
    }
    if (!attributeIsSafe(attr, decodeEntities(value), element)) return -1
    if (attr === 'rel') rel = value
    if (attr === 'href') href = value
    if (attr === 'src') src = decodeEntities(value)
    if (attr === 'type') type = decodeEntities(value).trim()
  }
  // A <link> only brings in a stylesheet or an icon over https; a <meta> only states the charset or
  // describes the page (http-equiv, a refresh, is denied above).
  if (
    element === 'link' &&
    (!/^(?:stylesheet|icon)$/.test(rel.trim()) || !href.startsWith('https://'))
  )
    return -1
  // The one frame an article editor inserts: a video host's embedded player, which runs in its own origin.
  if (element === 'iframe' && !EMBED_PLAYER.test(src.trim()) && !EMBED_MAP.test(src.trim()))
    return -1
  // A script only as a data block, with nothing to load.
  if (element === 'script' && (!DATA_SCRIPT_TYPE.test(type) || src !== '')) return -1
  return i + 1
}

function attributeIsSafe(attr: string, value: string, element: string): boolean {
  // An empty handler (`onclick=""`, as some editors leave behind) runs nothing.
  if (attr.startsWith('on')) return value.trim() === ''
  if (DENIED_ATTRS.has(attr)) return attr === 'name' && element === 'meta'
  // An id on a link or image is how DOM clobbering names a global the page's script then reads.
  if (attr === 'id' && (element === 'a' || element === 'img')) return false
  if (attr === 'style') return !UNSAFE_CSS.test(value)
  if (URL_ATTRS.has(attr)) {
    // Browsers drop control characters and spaces inside a scheme (`java\tscript:`).
    const url = value.replace(URL_NOISE, '')
    // A scheme-relative `//host` (or `/\host`, which browsers read the same) points at another site
    // without saying so; editors write full https URLs.
    if (/^[/\\][/\\]/.test(url)) return false
    return !HAS_SCHEME.test(url) || SAFE_SCHEME.test(url)
  }
  // SVG paints by reference (`fill="url(#grad)"`); a reference to anything outside the document loads it.
  if (/url\s*\(\s*['"]?(?!#)/.test(value)) return false
  // SVG animation and <use> are not formatting elements; `values`/`to`/`from` only matter to them.
  return /^[a-z][a-z0-9:-]{0,40}$/.test(attr)
}
