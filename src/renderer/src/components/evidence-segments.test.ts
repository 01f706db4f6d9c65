import { describe, expect, it } from 'vitest'
import { evidenceSegments } from './evidence-segments'

const join = (segs: { text: string }[]): string => segs.map((s) => s.text).join('')

describe('evidenceSegments', () => {
  const text = "id=1' UNION SELECT password FROM users--"

  it('marks the highlighted ranges and keeps every character', () => {
    const segs = evidenceSegments(text, [{ start: 6, end: 18 }])
    expect(segs).toEqual([
      { text: "id=1' ", marked: false },
      { text: 'UNION SELECT', marked: true },
      { text: ' password FROM users--', marked: false },
    ])
    expect(join(segs)).toBe(text)
  })

  it('merges overlapping and unsorted ranges', () => {
    const segs = evidenceSegments('abcdefgh', [
      { start: 4, end: 6 },
      { start: 1, end: 3 },
      { start: 2, end: 5 },
    ])
    expect(segs).toEqual([
      { text: 'a', marked: false },
      { text: 'bcdef', marked: true },
      { text: 'gh', marked: false },
    ])
  })

  it('clamps out-of-range offsets and ignores empty or inverted ones', () => {
    const segs = evidenceSegments('abc', [
      { start: -5, end: 1 },
      { start: 2, end: 99 },
      { start: 2, end: 2 },
      { start: 3, end: 1 },
    ])
    expect(segs).toEqual([
      { text: 'a', marked: true },
      { text: 'b', marked: false },
      { text: 'c', marked: true },
    ])
  })

  it('returns the whole text unmarked without highlights, and one segment for empty text', () => {
    expect(evidenceSegments('<img src=x onerror=alert(1)>', [])).toEqual([
      { text: '<img src=x onerror=alert(1)>', marked: false },
    ])
    expect(evidenceSegments('', [])).toEqual([{ text: '', marked: false }])
  })
})
