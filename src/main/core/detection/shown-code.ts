// Is markup in a value only code shown to a reader? Tickets, chat messages to an assistant and wiki notes
// are Markdown, and people paste snippets into them inside fenced blocks (```html … ```) or inline code
// spans: a Markdown renderer shows those as text. The XSS rules consult this judge before they report a
// value whose markup all sits inside such code, in a message that is prose outside it.
//
// It is a judgement about how the value is displayed: an application that put the same text into a page
// as raw HTML would run the snippet. Vigil cannot see the renderer, so the value must read as a Markdown
// message (prose around a fenced block), and any markup outside the code keeps it judged.

// A fenced block: an opening fence of three or more backticks or tildes (with an optional info string),
// the code, and a closing fence of the same characters.
const FENCE =
  /(?:^|\n)[ \t]{0,3}(`{3,8}|~{3,8})[^\n`]{0,40}\n[\s\S]{0,65536}?\n[ \t]{0,3}\1[ \t]{0,8}(?=\n|$)/g
const INLINE_CODE = /`[^`\n]{1,400}`/g
const MARKUP = /<[a-z!/?]/
// Prose: two pairs of words (in any script) somewhere outside the code.
const PROSE = /\p{L}{2,}[,;:']?\s+\p{L}{2,}[\s\S]{0,4000}?\p{L}{2,}[,;:']?\s+\p{L}{2,}/u

/**
 * For a Markdown message (decoded, lower case) with code in it (a fenced block or an inline span, as a
 * question quotes a tag: "is `<div dangerouslySetInnerHTML=…>` safe?") and prose outside its code, the
 * text outside the code (fenced blocks and inline spans taken out); null for any other value.
 */
export function outsideShownCode(text: string): string | null {
  if (!text.includes('`') && !text.includes('~~~')) return null
  FENCE.lastIndex = 0
  const withoutBlocks = text.replace(FENCE, '\n')
  const outside = withoutBlocks.replace(INLINE_CODE, ' ')
  if (outside.length === text.length) return null
  return PROSE.test(outside) ? outside : null
}

/** True when `text` (decoded, lower case) holds code and markup only inside it. */
export function isShownCode(text: string): boolean {
  const outside = outsideShownCode(text)
  return outside !== null && !MARKUP.test(outside)
}
