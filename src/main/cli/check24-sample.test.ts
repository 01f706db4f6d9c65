// The "check24" set (test/fixtures/detection/make-check24-sample.py): Kong log-serializer lines of a Korean
// retail securities app (domestic and US stocks, an IPO and research search with boolean syntax, a report
// builder with templates and formulas, onboarding with masked resident-registration uploads, remittance
// with free-text purposes, alert webhooks, an admin console, an LLM chat, a community Q&A, support tickets
// with pasted errors and screenshot OCR text, open banking with PAR), prose in Korean and English, written
// by a separate helper late in a session, after every other fix of it, without reading the rules, the
// detection code or the earlier samples, and without running the engine on it.
//
// Scored once (99 / 108 attacks in their category, 101 by any finding, 7 / 109 benign flagged), then fixed
// by technique in the next session, so no longer held out: 105 / 108, 1 / 109; 106 / 108 once the
// introspection answered to an outside client was filed as other (other.graphql-schema-exposed, check32).
//   fixed: Citrix Gateway's login form (scanner.middleware-console); Swagger and springdoc descriptions
//   answered 404 (scanner.admin-console-probe); a statement asked for under another customer's number in
//   `cust_id` by a consumer named like a customer (other.foreign-owner reads owner parameters and the
//   consumer); indirect prompt injection (a hidden comment to a summarising bot, OCR text posing as a system
//   note; Korean orders); an assistant's browsing tool sent to local URLs (ssrf.assistant-fetch); the actuator
//   scrape, a placeholder ${jndi:…}, code in a Korean post (shown-code and shown-sql read prose in any
//   script, and inline code alone), a boolean search of phrases, the site's own script widget quoted in a
//   question (own-widget).
//   still missed: two IDORs on
//   sequential KYC documents (nothing in the request names the owner). Still flagged: a ticket's Windows
//   log with ..\plugins (traversal).
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 13,
  traversal: 12,
  rce: 13,
  log4shell: 8,
  ssrf: 13,
  scanner: 11,
  other: 22,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([197])

describe('check24 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check24-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 109)
  }, 60_000)
})
