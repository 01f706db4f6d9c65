// The "check35" set (test/fixtures/detection/make-check35-sample.py): ECS documents, as Filebeat ships
// Kong's access logs to Elasticsearch, of a Stockholm / Warsaw online broker serving the Nordics, Poland
// and the Baltics (Nasdaq Stockholm, Helsinki, Copenhagen, Oslo Børs, GPW and NewConnect, Nasdaq Baltic,
// US stocks through a partner, bonds, ETFs, certificates and warrants, ISK and IKE/IKZE accounts; BLIK,
// Swish, MobilePay, Trustly and SEPA funding; web, mobile BFF, an algo API, a partner API for advisers, a
// pension fund and a robo-adviser, research, a support desk with an AI assistant, KYC uploads, K4 / KU
// and PIT-38 tax forms, webhooks, back office) on Tuesday 17 March 2026, prose in Swedish, Polish,
// Finnish, Norwegian, Danish, Estonian, Latvian, Lithuanian and English. Written by a separate helper at
// the start of a session, without reading the rules, the detection code or the earlier samples, and
// without running the engine on it.
//
// Scored once: **134 / 140** attacks in their category, **0 / 132** benign flagged.
//   missed: ThinkPHP's invokefunction call in the query (rce); prompt injections to the support
//   assistant in Latvian (developer mode), Finnish (list your tools), Danish (show the system prompt),
//   Estonian (send clients' personal data) and Norwegian (approve a withdrawal).
// Fixed the same session, from the technique with cases of its own: a framework dispatcher handed a
// callable by name (a fully qualified PHP class as a route segment with its method after it, or a
// parameter whose whole value is call_user_func_array and its kin) → rce 16 / 16; prompt injection in
// Swedish, Danish, Norwegian, Finnish, Estonian, Latvian and Lithuanian (drop the earlier instructions,
// you are now DAN or in a developer or admin mode, show or print your system prompt); instructions the
// writer calls their own are left alone → **140 / 140**, 0 / 132.
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

describe('check35 sample (held out: scored once)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check35-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 132)
  }, 60_000)
})
