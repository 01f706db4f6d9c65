// The "check23" set (test/fixtures/detection/make-check23-sample.py): Elastic Common Schema documents at
// -03:00 of a Brazilian retail and institutional brokerage behind Kong (B3 orders and FIXML batches, news
// and fundamentals search, a formula screener, recurring fund plans with KYC uploads, statement templates,
// alert webhooks, a developer portal with code samples, a Markdown forum, an LLM assistant, OIDC / SAML, an
// internal admin route, support tickets with pasted errors), prose in Portuguese and English, written by a
// separate helper at the start of a session without reading the rules, the detection code or the earlier
// samples, and without running the engine on it.
//
// Scored once, before any fix of it: 105 / 107 attacks in
// their category (105 by any finding), **9 / 108 benign flagged**.
//   missed: a GraphQL introspection query for the schema; an open redirect with a backslash on logout;
//   flagged: a forum question about a screener formula's operators (sqli), the developer portal's Postman
//   {{baseUrl}} snippet (other), a parametrised SQL snippet (sqli), a TypeScript snippet with ../ imports
//   and ${…} (traversal), a curl | jq snippet (rce); a ticket's Windows log with a relative path
//   (traversal) and a pasted 502 HTML error page (other, xss); a forum post's <details> table (other, xss);
//   a forum post explaining SQL injection that quotes ' OR '1'='1 (sqli).
// Fixed the same session from the techniques (so no longer held out): a backslash after a look-alike
// URL's two slashes; scanner.graphql-schema-exposed (introspection answered to a client without
// credentials: found, as scanner, not in its labelled category; now other.graphql-schema-exposed); conversation endpoint and field names in
// Portuguese and four other languages; published-code (a developer portal's snippets); a formatted
// document with prose around it; message-text for CRLF; accented prose for html-markup. Now 106 / 107 in
// category (107 by any finding), 1 / 108: the ticket's app log with ./assets/../locales/… is still read as
// traversal.
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
  'other-attack': 20,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([101])

describe('check23 sample (scored held out, fixed since)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check23-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 108)
  }, 60_000)
})
