// The "dev" set: hand-written requests (test/fixtures/detection/make-dev-sample.py) with techniques,
// encodings and places the other-gateway sample lacks, written before the rules were read and then used to
// fix misses and false positives by technique. Every attack must be found in its category and no benign
// line flagged (the last one, a support ticket quoting a shell pipeline in Markdown backticks, is read as
// Markdown since rce.backtick-substitution and the backtick separator of rce.command-chain tell prose apart).
import { describe, expect, it } from 'vitest'
import { scoreSample } from './labelled-sample.test-helper'

describe('dev sample (rules fixed against it)', () => {
  it('finds every attack in its category and flags no benign request', async () => {
    const s = await scoreSample('dev-sample')
    expect(s.misses).toEqual([])
    expect(s.falsePositives).toEqual([])
    expect(s.benign).toBe(57)
  }, 60_000)
})
