// The "check24" set (test/fixtures/detection/make-check24-sample.py): Kong log-serializer lines of a Korean
// retail securities app (domestic and US stocks, an IPO and research search with boolean syntax, a report
// builder with templates and formulas, onboarding with masked resident-registration uploads, remittance
// with free-text purposes, alert webhooks, an admin console, an LLM chat, a community Q&A, support tickets
// with pasted errors and screenshot OCR text, open banking with PAR), prose in Korean and English, written
// by a separate helper late in a session, after every other fix of it, without reading the rules, the
// detection code or the earlier samples, and without running the engine on it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 99 / 108 attacks in their
// category (101 by any finding), **7 / 109 benign flagged**.
//   missed: a Citrix NetScaler auth probe and an /v3/api-docs enumeration (scanner); GraphQL introspection
//   by an outside client (found as scanner only); two IDORs on sequential KYC documents and one on another
//   account's statement; two indirect prompt injections (a hidden HTML comment in a post, found as xss
//   only; a ticket's OCR text); an LLM browsing tool sent to localhost and the Kubernetes API (ssrf);
//   flagged: an internal actuator scrape from a private address (scanner), a community post on Log4Shell
//   with ${jndi:…} and an ellipsis (log4shell), a post explaining SQL injection with parameterised code and
//   a boolean search with a wildcard (sqli), the official chat widget's <script> tag and a post on React's
//   dangerouslySetInnerHTML (xss), a ticket's Windows log with ..\plugins (traversal).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 13,
  traversal: 12,
  rce: 13,
  log4shell: 8,
  ssrf: 12,
  scanner: 9,
  other: 18,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([4, 64, 107, 135, 143, 185, 197])

describe('check24 sample (held out: scored once, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check24-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 109)
  }, 60_000)
})
