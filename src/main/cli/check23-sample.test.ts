// The "check23" set (test/fixtures/detection/make-check23-sample.py): Elastic Common Schema documents at
// -03:00 of a Brazilian retail and institutional brokerage behind Kong (B3 orders and FIXML batches, news
// and fundamentals search, a formula screener, recurring fund plans with KYC uploads, statement templates,
// alert webhooks, a developer portal with code samples, a Markdown forum, an LLM assistant, OIDC / SAML, an
// internal admin route, support tickets with pasted errors), prose in Portuguese and English, written by a
// separate helper at the start of a session without reading the rules, the detection code or the earlier
// samples, and without running the engine on it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 105 / 107 attacks in
// their category (105 by any finding), **9 / 108 benign flagged**.
//   missed: a GraphQL introspection query for the schema; an open redirect with a backslash on logout;
//   flagged: a forum question about a screener formula's operators (sqli), the developer portal's Postman
//   {{baseUrl}} snippet (other), a parametrised SQL snippet (sqli), a TypeScript snippet with ../ imports
//   and ${…} (traversal), a curl | jq snippet (rce); a ticket's Windows log with a relative path
//   (traversal) and a pasted 502 HTML error page (other, xss); a forum post's <details> table (other, xss);
//   a forum post explaining SQL injection that quotes ' OR '1'='1 (sqli).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 15,
  traversal: 13,
  rce: 13,
  log4shell: 8,
  ssrf: 13,
  scanner: 11,
  'other-attack': 19,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([
  59, 85, 101, 119, 133, 139, 174, 190, 205,
])

describe('check23 sample (held out: scored once, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check23-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 108)
  }, 60_000)
})
