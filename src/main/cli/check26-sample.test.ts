// The "check26" set (test/fixtures/detection/make-check26-sample.py): Kong log-serializer lines of a South
// African online broker and crypto-asset desk (JSE equities, unit trusts, tax-free savings, a rand-settled
// crypto desk; web, app and an adviser partner API with key-auth consumers), prose in English, Afrikaans and
// isiZulu: a community forum, an AI assistant, FICA document uploads, an adviser report builder with
// templates and formulas, webhooks, market-data search. Written by a separate helper at the start of a
// session, without reading the rules, the detection code or the earlier samples, and without running the
// engine on it.
//
// Scored once: 106 / 110 attacks in their category (107 by any finding), 0 / 110 benign flagged. Fixed the
// same session from the techniques, so no longer held out: 110 / 110, 0 / 110 (a line comment ending at its
// line in SQL; the caller's JWT read from a cookie or the app's own token header for IDOR; a JWT carrying
// its own HMAC key; a domain of the site's name and a word as a look-alike redirect).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 13,
  traversal: 13,
  rce: 13,
  log4shell: 8,
  ssrf: 13,
  scanner: 13,
  other: 23,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check26 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check26-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 110)
  }, 60_000)
})
