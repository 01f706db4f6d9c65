// The "check14" set (test/fixtures/detection/make-check14-sample.py): Kong 3.9 logs of a prime broker and
// market-data vendor (market data and reference-data search, a risk engine with a scenario expression
// language and Lucene / PromQL monitor queries, a client portal with templates and uploads, an LLM
// research assistant, FIX session admin over REST, OAuth / OIDC / SAML, an internal-only admin route),
// attack and benign lines shuffled together, written by a separate helper while check13 was being fixed,
// without reading the rules, the detection code or the earlier samples, and without running the engine on
// it.
//
// Scored once, held out: 101 / 103 attacks in their category (the same by any finding), 16 / 91 benign
// flagged. The benign half is where code and queries are the payload by design, as in check12.
//   missed: an outside probe of a Kong-Admin-style /consumers listing on the internal-only route (403), a
//   DDE formula (=cmd|…) in a CSV cell of an uploaded trade-notes file;
//   flagged: assistant questions with SQL (a concatenated query shown as the bad example, WHERE 1=1 AND
//   … IN (…)), a Windows path with ..\ and a Python traceback with ../ pasted into the assistant, a
//   regex instrument filter (=~ '^(ES|NQ)…'), a Lucene query with escaped slashes, a document path with
//   encoded spaces and parentheses, pasted curl | jq with $(…), curl --data-raw, a docker-compose
//   `sh -c … && sleep 5`, a log4j2.xml with ${sys:…}, a Mongo query and an LDAP filter asked about in
//   chat, a rich-text note with a table and a link, a scenario with if/then/else, an HTML table with
//   onclick pasted to debug an export page.
// Fixed in the same session from the technique (so no longer held out): match.except: conversation (a
// question about something pasted into a chat, assistant or ticket, for rules on injections a server
// runs), T-SQL's IF shape, regex classes and questions before a query in the SQL tokenizer, shallow
// console probes, notes that end on an image, rce.powershell-cradle, DDE arguments with pipes,
// scanner.gateway-admin-probe. Now 103 / 103, 4 / 91: a Lucene query naming /var/log, a support message
// with $(…) and no question, and two markup pastes to the assistant (markup rules keep firing in
// conversations: a message is shown to people).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 13,
  traversal: 12,
  rce: 13,
  log4shell: 12,
  ssrf: 13,
  scanner: 12,
  'other-attack': 14,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([9, 26, 109, 192])

describe('check14 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check14-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 91)
  }, 60_000)
})
