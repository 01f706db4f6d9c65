import { describe, expect, it } from 'vitest'
import { fewOpeners, firstCharsHold, normalizeLine } from './detect-format'

describe('firstCharsHold', () => {
  it('agrees with a search back from offset 511 at every position and length', () => {
    for (const len of [0, 1, 511, 512, 513, 2048]) {
      const plain = 'a'.repeat(len)
      expect(firstCharsHold(plain, '\ufffd')).toBe(plain.lastIndexOf('\ufffd', 511) >= 0)
      for (const at of [0, 1, 255, 510, 511, 512, 513, 1000, len - 1]) {
        if (at < 0 || at >= len) continue
        const s = plain.slice(0, at) + '\ufffd' + plain.slice(at + 1)
        expect(firstCharsHold(s, '\ufffd'), `len ${len} at ${at}`).toBe(
          s.lastIndexOf('\ufffd', 511) >= 0,
        )
      }
    }
  })

  it('reads a line cut from a larger string the same way', () => {
    const big = 'x'.repeat(600) + '\ufffd' + 'y'.repeat(100) + '\n' + '\ufffd' + 'z'.repeat(700)
    for (const line of big.split('\n'))
      expect(firstCharsHold(line, '\ufffd')).toBe(line.lastIndexOf('\ufffd', 511) >= 0)
  })
})

describe('fewOpeners', () => {
  it('counts opening brackets anywhere in the text, up to the depth limit', () => {
    expect(fewOpeners('')).toBe(true)
    expect(fewOpeners('{'.repeat(64))).toBe(true)
    expect(fewOpeners('{'.repeat(65))).toBe(false)
    expect(fewOpeners('{'.repeat(32) + '['.repeat(32))).toBe(true)
    expect(fewOpeners('{'.repeat(32) + '"' + '['.repeat(33) + '"')).toBe(false)
  })

  it('leaves the depth verdict to the walk when a document has many brackets', () => {
    const line = (x: string) =>
      `{"request":{"uri":"/x","method":"GET","headers":{}},"client_ip":"192.0.2.1","started_at":1,"x":${x}}`
    const reason = (text: string) => {
      const n = normalizeLine(text, 1, 'kong')
      return n.ok ? 'ok' : n.reason
    }
    // Wide, not deep: 300 sibling arrays, and brackets inside a string.
    expect(reason(line(`[${'[],'.repeat(300)}[]]`))).toBe('ok')
    expect(reason(line(JSON.stringify('{['.repeat(100))))).toBe('ok')
    // 64 levels inside the top object, with and without a wide neighbour.
    const deep = '['.repeat(64) + ']'.repeat(64)
    expect(reason(line(deep))).toBe('JSON nested deeper than 64')
    expect(reason(line(`[${'[],'.repeat(100)}${deep}]`))).toBe('JSON nested deeper than 64')
    expect(reason(line('['.repeat(63) + ']'.repeat(63)))).toBe('ok')
  })
})
