import { describe, expect, it } from 'vitest'
import { isShownCode } from './shown-code'

describe('isShownCode', () => {
  it('accepts a Markdown message whose markup sits in fenced blocks or inline code', () => {
    for (const v of [
      'why does this not render?\n```html\n<div id="x"></div>\n<script>draw()</script>\n```',
      'config below, timestamps are gone:\n~~~xml\n<configuration><appenders/></configuration>\n~~~\nany idea?',
      'the tag `<br>` breaks it; full page:\n```\n<p>a</p>\n```',
    ])
      expect(isShownCode(v), v).toBe(true)
  })

  it('rejects markup outside the code, a value without a fence, or code without prose', () => {
    for (const v of [
      'see the snippet below please\n```\nx\n```\n<script>alert(1)</script>',
      '<img src=x onerror=alert(1)> and some words here',
      '```\n<script>alert(1)</script>\n```',
      'an unclosed fence starts here please\n```html\n<script>alert(1)</script>',
      'entities outside code are markup too, look: <svg/onload=alert(1)>\n```\nx\n```',
    ])
      expect(isShownCode(v), v).toBe(false)
  })
})
