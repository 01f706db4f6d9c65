// The "check16" set (test/fixtures/detection/make-check16-sample.py): Kong 3.9 logs of a private bank's
// client and adviser platform (portfolios and rebalancing rationale, adviser notes in HTML, DOCX / ODT
// templates with merge fields, SEPA and SWIFT MT103 payments, a research search and an AI summariser, KYC
// uploads and vCard / CSV imports, a mobile API with deep links, OIDC with PAR / JAR, GraphQL and SOAP),
// attack and benign lines shuffled together, written by a separate helper while check15 was being fixed,
// without reading the rules, the detection code or the earlier samples, and without running the engine
// on it.
//
// Scored once, before any fix drawn from it: 99 / 104 attacks in their category (101 by any finding),
// 6 / 95 benign flagged.
//   missed: an OIDC redirect_uri with backslash-@ host confusion, SWIFT MT103 field injection (a line
//   break in the remittance adding :57A: / :59: to change the beneficiary), a PAR request_uri pointing at
//   an outside host; found only in another category: a Struts OGNL Content-Type (other, labelled rce), a
//   Collaborator callback as an e-signature webhook (scanner, labelled ssrf);
//   flagged: three adviser notes that are one HTML paragraph of prose (Italian with emoji, Arabic with
//   dir="rtl", German) — a formatted document needs two elements, so a lone <p> reads as a probe — an
//   ODT template preview with <text:user-field-get/> merge elements, pasted pandas with a SELECT in fenced
//   code sent to the AI summariser (not a question, and not a conversation endpoint), a custom-scheme deep
//   link with utm parameters read as a single-label host.
// Fixed later in the same session from the technique (so no longer held out): a userinfo naming the site
// before a backslash and an @, other.swift-field-injection, one paragraph of prose as a formatted document,
// match.except: shown-sql, an app's custom scheme as a deep link. Now 101 / 104 in category (103 by any
// finding), 1 / 95. Still missed: the PAR request_uri to an outside host (no rule weighs a request_uri
// against the site); the OGNL Content-Type and the Collaborator webhook are found in another category.
// Still flagged: the ODT preview with namespaced <text:user-field-get/> elements.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 12,
  traversal: 13,
  rce: 11,
  log4shell: 13,
  ssrf: 12,
  scanner: 12,
  'other-attack': 14,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([129])

describe('check16 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check16-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 95)
  }, 60_000)
})
