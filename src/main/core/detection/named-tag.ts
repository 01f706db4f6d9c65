// Is a script tag in a message only named, as a word in a sentence? People report what they see: "raw
// <script> text shows at the bottom of the help page", "the page prints <script type="text/javascript">
// and more code". A tag named so carries nothing that could run: no source, no handler, and no code after
// it. An injected script needs one of them: a call's brackets, an assignment, a template literal, a block,
// a statement's end or an escape (`alert(1)`, `location=name`, `` alert`1` ``, `{onerror=alert}`).
//
// The XSS rules that fire on a bare script tag consult this judge for message bodies: prose around the
// tag, no closing tag anywhere (a closed element is an element), and every tag in the value one such
// naming. A probe that sends `<script>` alone in a parameter is no message and stays judged.

// An opening script tag, bare or with a standard script type and nothing else.
const NAMED_TAG =
  /<script(?:\s+type\s*=\s*(["']?)(?:text|application)\/(?:java|ecma)script\1)?\s*>/g
// Any tag opener, closing tags included.
const TAG_OPEN = /<\s*\/?\s*[a-z]/g
// What code needs and prose does not: brackets of a call, an assignment, a template literal, a block, a
// statement's end, an escape.
const CODE_CHARS = /[(={`;\\]/
// Prose: three words in a row (in any script) somewhere in the message.
const PROSE = /\p{L}{2,}[,;:']?\s+\p{L}{2,}[,;:']?\s+\p{L}{2,}/u

/** True when every tag in `text` (decoded, lower case) is a script tag named in prose, with no code. */
export function isTagNamedInProse(text: string): boolean {
  if (text.length > 4000 || !PROSE.test(text)) return false
  const tags = text.match(TAG_OPEN)?.length ?? 0
  let named = 0
  let end = -1
  NAMED_TAG.lastIndex = 0
  for (let m = NAMED_TAG.exec(text); m; m = NAMED_TAG.exec(text)) {
    named++
    if (end < 0) end = m.index + m[0].length
  }
  if (named === 0 || named !== tags) return false
  // nothing after the first tag reads as code (later tags are named ones: their own `=` is no code)
  return !CODE_CHARS.test(text.slice(end).replace(NAMED_TAG, ' '))
}
