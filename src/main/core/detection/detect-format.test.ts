import { describe, expect, it } from 'vitest'
import { firstCharsHold } from './detect-format'

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
