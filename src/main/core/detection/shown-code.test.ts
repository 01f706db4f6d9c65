import { describe, expect, it } from 'vitest'
import { isShownCode } from './shown-code'

describe('isShownCode', () => {
  it('accepts a Markdown message whose markup sits in fenced blocks or inline code', () => {
    for (const v of [
      'why does this not render?\n```html\n<div id="x"></div>\n<script>draw()</script>\n```',
      'config below, timestamps are gone:\n~~~xml\n<configuration><appenders/></configuration>\n~~~\nany idea?',
      'the tag `<br>` breaks it; full page:\n```\n<p>a</p>\n```',
      // an inline span alone, in a question of any script
      '`<div dangerouslySetInnerHTML={{ __html: post.body }} />` 이렇게 하면 xss 위험 있다고 들었는데, 괜찮나요?',
      '신입 분이 질문하셔서 정리합니다.\n```python\ncur.execute("<b>" + uid + "</b>")\n```\n입력에 작은따옴표가 들어가면 구조가 바뀌어요.',
    ])
      expect(isShownCode(v), v).toBe(true)
  })

  it('rejects markup outside the code, a value without code, or code without prose', () => {
    for (const v of [
      'a plain message with <b>markup</b> and no code at all',
      '`<img src=x onerror=alert(1)>`',
      'see the snippet below please\n```\nx\n```\n<script>alert(1)</script>',
      '<img src=x onerror=alert(1)> and some words here',
      '```\n<script>alert(1)</script>\n```',
      'an unclosed fence starts here please\n```html\n<script>alert(1)</script>',
      'entities outside code are markup too, look: <svg/onload=alert(1)>\n```\nx\n```',
    ])
      expect(isShownCode(v), v).toBe(false)
  })
})
