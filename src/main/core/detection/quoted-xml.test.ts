import { describe, expect, it } from 'vitest'
import { isQuotedXmlData } from './quoted-xml'

describe('XML data quoted in a message', () => {
  it('is data when every element is unknown to browsers and acts on nothing', () => {
    expect(
      isQuotedXmlData(
        'is <chrgbr>slev</chrgbr> mandatory, and may we set <instrprty>high</instrprty>?',
      ),
    ).toBe(true)
    expect(
      isQuotedXmlData(
        'their it sent this config, is it right?\n<endpoint name="ta" url="https://ta.example/soap" timeout="30000"><auth type="mtls" keystore="c:\\\\certs\\\\x.p12"/></endpoint>',
      ),
    ).toBe(true)
    expect(
      isQuotedXmlData(
        '<?xml version="1.0" encoding="utf-8"?><ns2:document><ns2:nm>a</ns2:nm></ns2:document> ok?',
      ),
    ).toBe(true)
    // comparisons are no tags
    expect(isQuotedXmlData('why is bid < ask in <quote side="b">1</quote>?')).toBe(true)
  })

  it('is not when an element or attribute acts in a browser, or the markup cannot be read', () => {
    expect(isQuotedXmlData('is <x onmouseover="alert(1)">this</x> right?')).toBe(false)
    expect(isQuotedXmlData('is <x style="position:fixed;inset:0">this</x> right?')).toBe(false)
    expect(isQuotedXmlData('is <endpoint/><img src=x> right?')).toBe(false)
    expect(isQuotedXmlData('is <svg:svg><svg:script>1</svg:script></svg:svg> right?')).toBe(false)
    expect(isQuotedXmlData('is <xsl:value-of select="system-property(\'x\')"/> right?')).toBe(false)
    expect(isQuotedXmlData('is <!-- x --> <a>b</a> right?')).toBe(false)
    expect(isQuotedXmlData('is <endpoint url="a>b"> right?')).toBe(false)
    expect(isQuotedXmlData('no markup here?')).toBe(false)
  })
})
