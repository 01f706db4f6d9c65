import { describe, expect, it } from 'vitest'
import { unsafeRegexReason } from './regex-safety'

describe('unsafeRegexReason', () => {
  it.each(['(a+)+$', '(?:\\w+\\s?)*x', '(a|ab)*c', '(.|x)+', '(?:a|)+'])('rejects %s', (p) => {
    expect(unsafeRegexReason(p)).not.toBeNull()
  })
  it.each(['<\\s*script\\b', '(?:union|select)\\s+', '(?:ab|cd)+', '[a-z]{1,30}=', '(?:x[0-9])+'])(
    'accepts %s',
    (p) => {
      expect(unsafeRegexReason(p)).toBeNull()
    },
  )
})
