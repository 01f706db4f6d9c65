// The "check2" set (test/fixtures/detection/make-check2-sample.py): written after the check-sample fixes
// without running the engine on it, with new variants of every technique in places the earlier samples did
// not use (form bodies, multipart file names and contents, JSON keys and arrays, XML text, forwarding
// headers, cookies, path segments) and hard benign requests of a trading desk. Scored once, with no rule
// changed afterwards: 54 / 56 attacks in their category, 1 / 27 benign flagged. This is the honest
// generalisation figure; the test fails if it drops below it. A rule change that makes it better should
// raise the floor here, not lower it (and the set is then no longer held out). Its two misses were fixed
// after that scoring (framework config paths in scanner.probe-path; nested constructor.prototype keys), so
// the floors below are 56 / 56 now, but the held-out figure stays 54 / 56.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 8,
  xss: 7,
  traversal: 7,
  rce: 7,
  log4shell: 5,
  ssrf: 8,
  scanner: 8, // held out: 7 (Magento's /app/etc/env.php was not a known probe path)
  'other-attack': 6, // held out: 5 (nested constructor.prototype keys were not read as pollution)
}

describe('check2 sample (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check2-sample')
    // held out, line 83 was flagged: a multipart comment "ops' weekly import; see ../README.md" read as
    // dot-dot climbing, because the relative-link exception only took words separated by spaces as prose.
    // It now takes punctuation between words too: no benign line is flagged.
    expectMeasured(s, MEASURED, new Set<number>(), 27)
  }, 60_000)
})
