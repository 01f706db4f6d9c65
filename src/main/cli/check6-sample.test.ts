// The "check6" set (test/fixtures/detection/make-check6-sample.py): ECS documents as an Elasticsearch index of
// gateway access logs holds them (Filebeat's nginx module nested, Elastic Agent's Envoy pipeline with flat
// dotted keys, Kong through Logstash mixing both; url.original or only url.path + url.query; headers only
// where a custom pipeline keeps them), written by a separate helper after the check5 fixes without reading
// the rules, the detection code or the earlier samples, and without running the engine on it. An FX and
// fixed-income gateway; hard benign traffic of a rates desk and its back office (SWIFT and ISO 20022, FIX,
// saved SQL reports, Markdown runbooks, HTML e-mail templates, KQL / PromQL, CJK text, JWTs, OAuth).
//
// Scored once, held out (categories must match, and by any finding alike): 71 / 72 attacks, 3 / 55 benign
// flagged, 0 documents unreadable.
//   missed: a command spelled in bash ANSI-C quoting, `;$'\x63\x75\x72\x6c' -s http://…|$'sh'`;
//   flagged: a saved report that is one SELECT over the desk's own tables (sqli), a Markdown runbook
//   linking `../../runbooks/README.md` (traversal), an HTML e-mail template with inline styles and an
//   https image (xss).
// Fixed afterwards from the technique (so no longer held out): the shell fold expands $'…' escapes and
// unquotes quoted words; a value that is one plain SELECT from its first word over the application's own
// tables is SQL the endpoint takes by design (comments, second statements, UNION, INTO, nested SELECTs,
// identity / delay / error functions and system tables keep it judged); a run of up to four `../` in prose
// leading to a document is a relative link. Now 72 / 72 and 1 / 55. The e-mail template stayed flagged
// then (inline styles can build an overlay); after check9 held a second one, html-markup's rich-text
// exemption takes inline styles unless their CSS loads, positions over the page or runs script: 0 / 55.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 9,
  xss: 9,
  traversal: 9,
  rce: 9, // held out: 8
  log4shell: 7,
  ssrf: 8,
  scanner: 8,
  'other-attack': 13,
}

// Benign lines allowed to be flagged: none any more (see above).
const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set<number>([])

describe('check6 sample: ECS documents (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check6-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 55)
  }, 60_000)
})
