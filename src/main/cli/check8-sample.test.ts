// The "check8" set (test/fixtures/detection/make-check8-sample.py): a retail brokerage / crypto exchange API
// behind Kong 2.8 (its log layout; bodies only on the routes a custom serializer logs), written by a separate
// helper after every fix of this round (check5 to check7) without reading the rules, the detection code or
// the earlier samples, and without running the engine on it: the honest figure after those fixes. Attacks
// in path segments, query names and values, nested JSON, GraphQL, forms, multipart values, names and file
// contents, XML and many headers, with evasions (NFKC look-alikes, entities without semicolons, MySQL
// version comments, quote-splitting, $IFS, carets, base64 in JSON in a form field, a UNION split across two
// parameters). Hard benign traffic: wallet addresses and hashes, memos, price-alert expressions, support
// chat in three languages with code, KYC uploads, webhooks, OAuth device flow and PKCE, JSON Schema.
//
// Scored once, held out (categories must match): 74 / 80 attacks (75 by any finding), 4 / 61 benign flagged.
//   missed: `;c'a't$IFS/e"t"c/pa''sswd`, a Node sandbox escape (constructor.constructor → child_process),
//   `& w^h^o^a^m^i` (found only as traversal), `https://hooks.slack.com\@10.0.0.12:9200/` (backslash-@
//   parser confusion), CL.TE request smuggling, GraphQL alias batching of an OTP mutation;
//   flagged: two KYC multipart uploads (CRLF on their own part headers: mixed-case boundaries were split
//   lower-cased), a support chat quoting `echo $X | base64 -d` as inline code, a back-office note quoting
//   'select * from my orders'.
// Fixed afterwards from the technique (so no longer held out): boundaries kept as sent; $IFS and cmd.exe
// carets in the shell fold; rce.js-code; a backslash before `@` read both ways in URLs; Transfer-Encoding
// read, with other.transfer-encoding and other.request-smuggling; other.graphql-batching (aliased calls of
// one mutation); inline code spans in prose for rce.command-chain. Now 80 / 80 and 1 / 61: the quoted
// 'select * from my orders' after a break-out is a SELECT that SQL Server runs without a separator.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 11,
  xss: 10,
  traversal: 9,
  rce: 9, // held out: 6
  log4shell: 9,
  ssrf: 9, // held out: 8
  scanner: 9,
  'other-attack': 14, // held out: 12
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([127])

describe('check8 sample: Kong 2.8 layout (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check8-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 61)
  }, 60_000)
})
