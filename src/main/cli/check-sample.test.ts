// The "check" set (test/fixtures/detection/make-check-sample.py): written after the dev-set fixes, with new
// variants of the techniques and new benign traps, and scored once without changing any rule afterwards:
// 40 / 43 attacks in their category, 1 / 25 benign flagged. Its misses and false positive were then fixed by
// technique (base64 in non-session cookies, middleware consoles and shell history as scanner probes, relative
// document links in prose), so it is no longer held out: this test keeps it at 43 / 43 and 0 / 25. The
// held-out figure now comes from the "check2" set (check2-sample.test.ts).
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 7, // held out: 6 (a base64 payload in a cookie)
  xss: 7,
  traversal: 5,
  rce: 6,
  log4shell: 4,
  ssrf: 7,
  scanner: 7, // held out: 5 (a WebLogic console login path; /.bash_history read as traversal only)
}

describe('check sample (held out until its misses were fixed)', () => {
  it('keeps every attack found in its category and flags no benign request', async () => {
    const s = await scoreSample('check-sample')
    // held out: one relative Markdown link (../docs/runbook.md) in a ticket, read as dot-dot climbing
    expectMeasured(s, MEASURED, new Set<number>(), 25)
  }, 60_000)
})
