import { describe, expect, it } from 'vitest'
import { isTagNamedInProse } from './named-tag'

describe('isTagNamedInProse', () => {
  it('takes a script tag named in a sentence, in any script, as a word', () => {
    expect(
      isTagNamedInProse(
        'customer reported a possible xss on /help (raw <script> text visible). forwarded to appsec.',
      ),
    ).toBe(true)
    expect(
      isTagNamedInProse(
        'בדף העזרה מופיע בתחתית טקסט גולמי: <script type="text/javascript"> ועוד קוד. צילום מסך מצורף.',
      ),
    ).toBe(true)
  })

  it('keeps a tag with code after it, a source, a closing tag or another element', () => {
    const prose = 'please look at the help page, '
    expect(isTagNamedInProse(prose + '<script>alert(1)')).toBe(false)
    expect(isTagNamedInProse(prose + '<script>location=name')).toBe(false)
    expect(isTagNamedInProse(prose + '<script>alert`1`')).toBe(false)
    expect(isTagNamedInProse(prose + '<script>{onerror=alert}throw 1')).toBe(false)
    expect(isTagNamedInProse(prose + '<script src="//x.example/a.js"> it shows')).toBe(false)
    expect(isTagNamedInProse(prose + '<script>x</script> it shows')).toBe(false)
    expect(isTagNamedInProse(prose + '<script> text <img src=x> shows')).toBe(false)
    expect(isTagNamedInProse(prose + '<script type="module"> text shows')).toBe(false)
  })

  it('keeps a probe that is no message', () => {
    expect(isTagNamedInProse('<script>')).toBe(false)
    expect(isTagNamedInProse('x <script> y')).toBe(false)
  })
})
