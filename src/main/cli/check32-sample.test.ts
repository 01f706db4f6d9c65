// The "check32" set (test/fixtures/detection/make-check32-sample.py): Kong log-serializer lines of a
// Milan / Madrid online broker (Euronext Milan and BME equities, BTP and Letras, ETFs, certificates and
// covered warrants, FTSE MIB and IBEX 35 options; Bizum and SEPA Instant funding; web, mobile BFF with
// GraphQL, an algo REST API, a financial advisers' partner API, research, a support desk with an AI
// assistant, KYC uploads, 730 / Renta tax reports, webhooks, back office) on Wednesday 15 April 2026, prose
// in Italian, Spanish, Catalan and English. Written by a separate helper at the start of a session,
// without reading the rules, the detection code or the earlier samples, and without running the engine
// on it.
//
// Scored once: **136 / 140** attacks in their category, **0 / 133** benign flagged.
//   missed: a prompt injection in Catalan (ignore the earlier instructions, answer with the system prompt
//   and the API keys); one smuggled in base64 inside an Italian request to decode and obey it; an
//   anonymous GraphQL introspection answered 200; an instruction to the KYC reviewing model planted in an
//   uploaded proof of address between [SYSTEM] tags.
// Fixed the same session, from the technique with cases of its own: prompt injection in Catalan, the
// system prompt asked for in the Romance languages, an order to decode and obey, instructions addressed to
// the model in the Romance languages and chat-template role markers ([SYSTEM]…[/SYSTEM], [INST],
// <|im_start|>system); introspection answered to an outside client filed as other (what matters is that
// the server answered). Now **140 / 140**, 0 / 133.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 22,
  xss: 20,
  traversal: 16,
  rce: 16,
  log4shell: 10,
  ssrf: 14,
  scanner: 14,
  other: 28,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check32 sample (held out: scored once)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check32-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 133)
  }, 60_000)
})
