import { describe, expect, it } from 'vitest'
import { fnv1a32 } from './fnv'

describe('fnv1a32', () => {
  it('gives the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })

  it('reads no further than its limit', () => {
    expect(fnv1a32('foobar', 1)).toBe(fnv1a32('f'))
    expect(fnv1a32('foo', 512)).toBe(fnv1a32('foo'))
  })
})
