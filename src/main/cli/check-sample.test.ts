// The "check" set (test/fixtures/detection/make-check-sample.py): written after the dev-set fixes, with new
// variants of the techniques and new benign traps, and scored once without changing any rule afterwards.
// Its score is the honest generalisation figure; this test fails if it drops below what was measured then
// (40 / 43 attacks in their category, 1 / 25 benign flagged). A rule change that makes it better should
// raise the floor here, not lower it.
import { describe, expect, it } from 'vitest'
import { scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 6, // of 7: a base64 payload in a cookie (cookies are not base64-decoded)
  xss: 7,
  traversal: 5,
  rce: 6,
  log4shell: 4,
  ssrf: 7,
  scanner: 5, // of 7: a WebLogic console login path; /.bash_history is reported as traversal
}

describe('check sample (held out from the rule fixes)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check-sample')
    for (const [label, floor] of Object.entries(MEASURED)) {
      expect(s.recall[label]?.[0] ?? 0, `${label}: ${s.misses.join('; ')}`).toBeGreaterThanOrEqual(
        floor,
      )
    }
    // measured: one relative Markdown link (../docs/runbook.md) in a ticket, read as dot-dot climbing
    expect(
      s.falsePositives.filter((f) => !f.startsWith('53 ')),
      'benign lines flagged besides the measured one',
    ).toEqual([])
    expect(s.benign).toBe(25)
  }, 60_000)
})
