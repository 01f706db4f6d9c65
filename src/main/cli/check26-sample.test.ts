// The "check26" set (test/fixtures/detection/make-check26-sample.py): Kong log-serializer lines of a South
// African online broker and crypto-asset desk (JSE equities, unit trusts, tax-free savings, a rand-settled
// crypto desk; web, app and an adviser partner API with key-auth consumers), prose in English, Afrikaans and
// isiZulu: a community forum, an AI assistant, FICA document uploads, an adviser report builder with
// templates and formulas, webhooks, market-data search. Written by a separate helper at the start of a
// session, without reading the rules, the detection code or the earlier samples, and without running the
// engine on it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 106 / 110 attacks in their
// category (107 by any finding), 0 / 110 benign flagged.
//   missed: a protocol-relative open redirect with encoded dot-dots in `next` (found as traversal only); an
//   IDOR naming another customer in the path while the token's subject lives in a cookie; a `#` comment and
//   newline splitting UNION SELECT in a date parameter; a JWT carrying its own HS256 key in `jwk`.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 13,
  traversal: 13,
  rce: 13,
  log4shell: 8,
  ssrf: 13,
  scanner: 13,
  other: 20,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check26 sample (held out: scored once, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check26-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 110)
  }, 60_000)
})
