// Is the markup in a message only XML data, quoted to ask about it? People paste the elements of a
// payment file (`<ChrgBr>SLEV</ChrgBr>`), a partner's configuration (`<endpoint url="…" timeout="30"/>`)
// or a log4j2.xml line into a question for a colleague or an assistant. Such elements are none a browser
// knows: shown as HTML they are unknown elements that render their text and run nothing, and their
// attributes (`url`, `type`, `timeout`) mean nothing to it either.
//
// The markup rule consults this judge only for a question in a conversation (conversation.ts), where a
// person asks about what they pasted. It holds when every tag is an element of no HTML, SVG or MathML
// name and without the attributes that act on any element (event handlers, `style`, `is`), the only other
// markup being an XML declaration. One known element (`<img>`, `<svg>`, `<a>`), a comment, CDATA or a
// doctype keeps the message judged, as does any tag the reader below cannot follow.

// Every element name a browser gives behaviour or rendering to: HTML's (obsolete ones included), SVG's
// and MathML's, as the markup rule lists them.
const KNOWN = new Set(
  (
    'a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink ' +
    'blockquote body br button canvas caption center cite code col colgroup data datalist dd del details ' +
    'dfn dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 ' +
    'h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend ' +
    'li link listing main map mark marquee math menu menuitem meta meter multicol nav nextid nobr noembed ' +
    'noframes noscript object ol optgroup option output p param picture plaintext pre progress q rb rp ' +
    'rt rtc ruby s samp script search section select slot small source spacer span strike strong style ' +
    'sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var ' +
    'video wbr xmp animate animatemotion animatetransform set use foreignobject desc mtext mglyph ' +
    'annotation-xml g defs symbol path rect circle ellipse line polyline polygon text tspan textpath ' +
    'filter pattern mask marker clippath lineargradient radialgradient stop view switch handler ' +
    'listener discard mi mo mn ms mrow mfrac msqrt mroot mstyle merror mpadded mphantom mtable mtr mtd ' +
    'semantics annotation maction'
  ).split(' '),
)
// Prefixes that put an element into a language with behaviour (an XSLT program, inline SVG or XHTML).
const ACTIVE_PREFIX = /^(?:svg|xsl|xslt|xhtml|html|math|mathml|xlink|xi):/
// Attributes that act on any element, known or not.
const ACTIVE_ATTR = /^(?:on|style$|is$)/

const TAG =
  /<(\/?)([a-z][a-z0-9:._-]{0,60})((?:\s+[^\s"'<>/=]{1,60}(?:\s*=\s*(?:"[^"<>]{0,400}"|'[^'<>]{0,400}'|[^\s"'<>]{1,100}))?){0,20})\s*(\/?)>/y
const ATTR =
  /\s+([^\s"'<>/=]{1,60})(?:\s*=\s*(?:"[^"<>]{0,400}"|'[^'<>]{0,400}'|[^\s"'<>]{1,100}))?/g
const DECLARATION = /<\?xml(?:\s+[a-z]{1,20}\s*=\s*(?:"[^"<>?]{0,60}"|'[^'<>?]{0,60}')){0,3}\s*\?>/y

/** True when `text` (decoded, lower case) holds markup and all of it is XML data elements. */
export function isQuotedXmlData(text: string): boolean {
  let tags = 0
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const next = text.charCodeAt(i + 1)
    // `a < b`, `<5`: no tag opens there
    const opens = next === 0x2f || next === 0x21 || next === 0x3f || (next >= 0x61 && next <= 0x7a)
    if (!opens) continue
    DECLARATION.lastIndex = i
    if (DECLARATION.test(text)) continue
    TAG.lastIndex = i
    const m = TAG.exec(text)
    if (!m) return false
    const name = m[2] as string
    if (KNOWN.has(name) || ACTIVE_PREFIX.test(name)) return false
    for (const a of (m[3] as string).matchAll(ATTR))
      if (ACTIVE_ATTR.test(a[1] as string)) return false
    tags++
  }
  return tags > 0
}
