import { describe, expect, it } from 'vitest'
import {
  base64Text,
  decodeEntities,
  decodeForDisplay,
  decodeForMatch,
  foldShell,
  foldSql,
  multipartFields,
  percentDecode,
} from './decode'

describe('decodeForMatch', () => {
  it.each([
    ['%253Cscript%253E', '<script>'],
    ['a+b%20c', 'a b c'],
    ['%u003Cimg%u003E', '<img>'],
    ['%c0%af%c0%ae%c0%ae', '/..'],
    ['%e0%80%ae%e0%80%ae/', '../'],
    ['&lt;svg&gt;', '<svg>'],
    ['&#60;&#x3C;&#0000060', '<<<'],
    ['&lt;b&gt', '<b>'],
    ['\\u003cscript\\x3e', '<script>'],
    ['ＳＥＬＥＣＴ　１', 'select 1'],
    ['un%00ion', 'union'],
    ['%E3%83%88%E3%83%A8%E3%82%BF', 'トヨタ'],
  ])('%s → %s', (raw, want) => {
    expect(decodeForMatch(raw)).toBe(want)
  })

  it('stops after a bounded number of rounds', () => {
    let s = '<'
    for (let i = 0; i < 10; i++) s = encodeURIComponent(s)
    expect(decodeForMatch(s)).not.toBe('<')
  })

  it('leaves + alone when asked (paths)', () => {
    expect(percentDecode('a+b', false)).toBe('a+b')
  })

  it('keeps unknown entities and decodes known ones without semicolons', () => {
    expect(decodeEntities('AT&T &amp R&D &colon')).toBe('AT&T & R&D :')
  })
})

describe('foldSql', () => {
  it('removes inline and versioned comments and folds whitespace', () => {
    expect(foldSql('1/**/union/*!50000select*/  2')).toBe('1 union select 2')
    expect(foldSql('a /* x */ b')).toBe('a b')
  })
})

describe('decodeForDisplay', () => {
  it('decodes like the matcher but keeps the case an officer should read', () => {
    const raw = '%253CScRiPt%253Ealert(1)%253C%252FScRiPt%253E'
    expect(decodeForDisplay(raw)).toBe('<ScRiPt>alert(1)</ScRiPt>')
    expect(decodeForMatch(raw)).toBe(decodeForDisplay(raw).toLowerCase())
  })
})

describe('foldShell', () => {
  it('undoes the quoting a shell removes inside a word', () => {
    expect(foldShell('1;c\\at /e\\tc/pa\\sswd')).toBe('1;cat /etc/passwd')
    expect(foldShell("9|w'h'o'am'i")).toBe('9|whoami')
    expect(foldShell('x&&who""ami')).toBe('x&&whoami')
  })
  it('keeps \\n and \\r (read as escaped line breaks) and leaves plain text alone', () => {
    expect(foldShell('a\\nid')).toBe('a\\nid')
    expect(foldShell('rebalance; see ticket')).toBe('rebalance; see ticket')
  })
})

describe('base64Text', () => {
  it('reads base64 (standard or URL-safe, percent-encoded or not) of text', () => {
    expect(base64Text('QUNDLTknIE9SICd6Jz0neg%3D%3D')).toBe("ACC-9' OR 'z'='z")
    expect(base64Text('PHN2ZyBvbmxvYWQ9YWxlcnQoMSk-')).toBe('<svg onload=alert(1)>')
  })
  it('leaves binary blobs, words and short values alone', () => {
    expect(base64Text('AAECAwQFBgcICQoLDA0ODxAREhM=')).toBeNull()
    expect(base64Text('reconciliationsummary')).toBeNull()
    expect(base64Text('YWJj')).toBeNull()
  })
})

describe('multipartFields', () => {
  it('splits a multipart/form-data body into named fields and file names', () => {
    const body =
      '--b1\r\nContent-Disposition: form-data; name="memo"\r\n\r\nhello\r\n--b1\r\nContent-Disposition: form-data; name="doc"; filename="a b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b1--\r\n'
    expect(multipartFields(body, 'multipart/form-data; boundary=b1')).toEqual([
      { name: 'memo', filename: null, value: 'hello' },
      { name: 'doc', filename: 'a b.pdf', value: '%PDF' },
    ])
    expect(multipartFields('x=1', 'multipart/form-data')).toBeNull()
  })
})
