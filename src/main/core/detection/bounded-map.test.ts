import { describe, expect, it } from 'vitest'
import { createBoundedMap } from './bounded-map'

describe('bounded map', () => {
  it('never holds more than its capacity, however many keys arrive', () => {
    const m = createBoundedMap<number, number>(1000)
    for (let i = 0; i < 100_000; i++) {
      m.set(i, i)
      expect(m.size).toBeLessThanOrEqual(1000)
    }
    expect([...m.entries()]).toHaveLength(m.size)
  })

  it('keeps a key that is read often while a flood of new keys passes through', () => {
    const m = createBoundedMap<string, number>(100)
    m.set('trader', 1)
    for (let i = 0; i < 10_000; i++) {
      m.set(`scanner-${i}`, i)
      if (i % 40 === 0) expect(m.get('trader')).toBe(1)
    }
    expect(m.get('trader')).toBe(1)
    expect(m.get('scanner-0')).toBeUndefined()
  })

  it('replaces, deletes and lists each key once', () => {
    const m = createBoundedMap<string, number>(4)
    m.set('a', 1)
    m.set('b', 2)
    m.set('c', 3) // 'a' and 'b' move to the old generation
    m.set('a', 10)
    m.delete('b')
    expect(m.get('a')).toBe(10)
    expect(m.get('b')).toBeUndefined()
    expect(new Map(m.entries())).toEqual(
      new Map([
        ['c', 3],
        ['a', 10],
      ]),
    )
    expect(m.size).toBe(2)
  })
})
