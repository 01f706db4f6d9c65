// The "check3" set (test/fixtures/detection/make-check3-sample.py): written after the check2 fixes without
// reading the rules or running the engine on it, with new variants of every technique in many places (query,
// path segments, JSON with nested arrays, form, multipart, XML, Referer / User-Agent / X-Api-Version /
// custom headers, cookies) and encodings (double percent-encoding, %u, overlong UTF-8, entities and \u
// escapes inside JSON, full-width forms, SQL comments, quote-split words, base64), and hard benign requests
// of a trading desk. Scored once, with no rule changed afterwards: 65 / 66 attacks in their category,
// 6 / 31 benign flagged. This is the honest generalisation figure; the test fails if it gets worse. A rule
// change that makes it better should raise the floor here (and the set is then no longer held out).
// After that scoring, fixes from the technique (fenced Markdown code blocks, brace expansion as one word,
// CRLF followed by markup only, a path followed by words, Kubernetes service DNS as an internal target)
// took it to 66 / 66 and 1 / 31; the held-out figure stays 65 / 66 and 6 / 31.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 9,
  xss: 7,
  traversal: 7,
  rce: 7,
  log4shell: 7,
  ssrf: 8, // held out: 7 (https://kubernetes.default.svc/…/secrets in a webhook config was missed)
  scanner: 7,
  'other-attack': 14,
}

// Benign lines still flagged (held out, six were: fenced ```sh and ```python blocks in tickets, base64 of
// a PDF, /etc and /var/log paths in a ticket's prose, a jq filter with {id, px, qty}, and this one):
const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([
  96, // scheduler job whose command is `python3 -m desk.eod --date $(date +%F) --book FX1` (rce): real
  // shell substitution in a command field, the same shape as an injection
])

describe('check3 sample (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check3-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 31)
  }, 60_000)
})
