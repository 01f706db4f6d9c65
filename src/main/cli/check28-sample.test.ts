// The "check28" set (test/fixtures/detection/make-check28-sample.py): Kong log-serializer lines of a
// Turkish / Greek broker (Borsa Istanbul and Athens equities, eurobonds, FX, VIOP futures; web, app, an
// algo REST API, a partner API for tax software, research with comments, support tickets, KYC uploads,
// report templates, price-alert webhooks, an AI assistant, a back office), prose in Turkish, Greek and
// English, written by a separate helper at the start of a session, without reading the rules, the
// detection code or the earlier samples, and without running the engine on it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 108 / 115 attacks in
// their category, 3 / 126 benign flagged.
//   missed: a remote file inclusion in a `lang` parameter (traversal); an algo key reading another
//   customer's positions; a JWT whose jku points at an attacker's key set (its issuer is not a URL); a
//   Greek prompt injection ordering a transfer; an indirect injection hidden in a research comment; a
//   full GraphQL introspection from outside.
//   flagged: Turkish apostrophe suffixes with an `or` (other), a eurobond filter with `>`, `<` and `;`
//   (other), a ticket quoting a shell snippet with variable expansion (rce).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 14,
  traversal: 13,
  rce: 14,
  log4shell: 8,
  ssrf: 14,
  scanner: 14,
  other: 18,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([117, 127, 192])

describe('check28 sample (held out: scored once, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check28-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 126)
  }, 60_000)
})
