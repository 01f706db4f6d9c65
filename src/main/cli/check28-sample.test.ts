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
// Fixed the same session from the technique (traversal.remote-include; the consumer's custom_id as the
// caller in other.foreign-owner; a token without an issuer judged against the Host in other.forged-jwt;
// Greek and Turkish, a tool called by name and Markdown comments in other.prompt-injection): 114 / 115
// in category; 115 / 115 since. The introspection was found as scanner (graphql-schema-exposed: reconnaissance), not
// other, until the rule was filed as other.graphql-schema-exposed (check32, four sessions later). Still flagged: two lines of one consumer from 8 addresses in 30 min (the sample gives each line
// a random address: token-many-addresses reads them as a spread credential), and the shell snippet.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 14,
  traversal: 14,
  rce: 14,
  log4shell: 8,
  ssrf: 14,
  scanner: 14,
  other: 23,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([117, 127, 192])

describe('check28 sample (held out, then fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check28-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 126)
  }, 60_000)
})
