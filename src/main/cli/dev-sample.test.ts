// The "dev" set: hand-written requests (test/fixtures/detection/make-dev-sample.py) with techniques,
// encodings and places the other-gateway sample lacks, written before the rules were read and then used to
// fix misses and false positives by technique. Every attack must be found in its category; the one benign
// line still flagged is a support ticket quoting a shell pipeline in Markdown backticks, which reads exactly
// like backtick command substitution (see resources/rules/README.md, known limits).
import { describe, expect, it } from 'vitest'
import { scoreSample } from './labelled-sample.test-helper'

describe('dev sample (rules fixed against it)', () => {
  it('finds every attack in its category and flags no benign request but the known one', async () => {
    const s = await scoreSample('dev-sample')
    expect(s.misses).toEqual([])
    expect(s.falsePositives.map((f) => f.split(' ')[0])).toEqual(['98'])
    expect(s.benign).toBe(57)
  }, 60_000)
})
