// The "check11" set (test/fixtures/detection/make-check11-sample.py): Kong 3.x logs of a bank's
// fixed-income trading venue and treasury-payments API (RFQ JSON, FIX over HTTPS, ISO 20022 and MT103
// payments, GraphQL, a back office, SAML / OIDC), written by a separate helper during the session that
// fixed check10, without reading the rules, the detection code or the earlier samples, and without running
// the engine on it; attacks placed where this platform receives them, a benign half of payment documents,
// FIX, query languages and tickets built against the detector.
//
// Scored once, before any fix drawn from it: 89 / 101 attacks in their category (94 by any finding),
// 3 / 89 benign flagged.
//   missed: a FreeMarker ?new() Execute template and a SpEL routing-expression header (found only as
//   other), a Fastjson autoType gadget (found only as ssrf), two CVE checks (Ivanti Connect Secure's path,
//   FortiOS's Report Runner user agent with a loopback Forwarded), a NoSQL $ne / $gt filter, a blind XPath
//   probe (found as sqli), two mass assignments (self-granted roles, a payment's approval block), an open
//   redirect through /<tab>/, SAML NameID comment truncation, e-mail header injection;
//   flagged: a ticket pasting runbook shell commands (traversal), a Markdown ticket with a Python block and
//   a ../ link (other), a camt.053 statement upload (other, xss).
// Fixed in the same session from the technique (so no longer held out): FreeMarker ?new and SpEL
// getMethod("exec") as Java reflection (rce), product exploit endpoints and trusted headers (scanner),
// operands every record meets inside a filter, XPath node tests, the fields part (mass assignment and a
// preset approval), open-redirect parser tricks, SAML comment truncation, e-mail header injection; an
// uploaded XML file read as an XML body, digits in a sentence's words, CRLF markup only at the first
// break. Now 100 / 101 in category, 101 by any finding (the Fastjson gadget is found as other, by
// other.json-type-hint, and as ssrf), 0 / 89. The test keeps these floors.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 12,
  xss: 11,
  traversal: 11,
  rce: 11,
  log4shell: 11,
  ssrf: 11,
  scanner: 13,
  'other-attack': 20,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set()

describe('check11 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check11-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 89)
  }, 60_000)
})
