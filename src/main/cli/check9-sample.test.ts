// The "check9" set (test/fixtures/detection/make-check9-sample.py): Kong 3.x logs of an interest-rate swaps
// and repo desk, written by a separate helper after the check8 fixes without reading the rules, the
// detection code or the earlier samples, and without running the engine on it, asked for evasions a
// detector might not expect: parameter pollution, \u escapes of keywords in JSON, tab / vertical-tab /
// form-feed whitespace, MySQL version comments, glob-spelled programs, ${HOME:0:1} slicing, Unicode slashes,
// wildcard-DNS names, IPv6 zone ids, an open redirect to the gateway's admin port, Log4j lookups through
// ${main:}, ${sys:} and base64, appliance management paths. Hard benign traffic of a rates desk: FpML and
// ISO 20022 with schema locations, curve names, formulas, saved SQL reports, a Hibernate stack trace,
// runbooks, e-mail templates, Markdown with <kbd>, tickets quoting shell, JWTs, OAuth, SAML, CJK text.
//
// Scored once, held out (categories must match, and by any finding alike): 81 / 85 attacks, 5 / 64 benign
// flagged: the honest figure after this round's fixes.
//   missed: a UNION split across three repeats of one parameter, `|/???/??t /???/p??s??`, a callback
//   header naming app.10.0.0.12.sslip.io, BIG-IP's iControl REST login path;
//   flagged: an FpML schemaLocation naming two schemas (one beside the document), an HTML e-mail template
//   inside <html><body> with inline styles, a ticket quoting `curl … | jq` and `grep … | tail` (rce,
//   traversal), a scheduler job's command line from an internal host (rce), a Markdown comment with <kbd>.
// Fixed afterwards from the technique (so no longer held out): repeated parameters read joined; programs
// spelled as globs; URL-named headers (header:*url* and the like) read for SSRF, and wildcard-DNS names with
// labels before the address; edge-appliance management paths; schema-location pairs without a climb; e-mail
// HTML (html/body wrappers, inline styles without loading or positioning CSS, https images); inline
// formatting tags in prose. Now 85 / 85 and 2 / 64: the ticket pasting live pipelines and the scheduler's
// command line read exactly as command injection does, and stay flagged.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 10, // held out: 9
  xss: 11,
  traversal: 9,
  rce: 11, // held out: 10
  log4shell: 9,
  ssrf: 9, // held out: 8
  scanner: 10, // held out: 9
  'other-attack': 16,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([101, 127])

describe('check9 sample (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check9-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 64)
  }, 60_000)
})
