// The "check27" set (test/fixtures/detection/make-check27-sample.py): ECS documents of a Polish / Czech
// online broker (GPW and Prague equities, IKE/IKZE, FX and CFDs; web, app, an algo REST API with strategy
// uploads, a partner API for accounting software, a research portal, a forum, an AI research assistant,
// document uploads, report templates, price-alert webhooks, a back office), +01:00 timestamps, prose in
// Polish, Czech and English, written by a separate helper late in a session, after every payload fix of it,
// without reading the rules, the detection code or the earlier samples, and without running the engine on
// it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 107 / 112 attacks in their
// category (108 by any finding), 0 / 117 benign flagged.
//   missed: CensysInspect fetching `/` (scanner); an IDOR whose caller is named only in an app header
//   (x-wvb-client-context); a direct prompt injection in Polish ("service mode", dump the system prompt,
//   call a tool); a JWT whose jku points at an attacker's key set; an indirect prompt injection in a forum
//   post's hidden comment (found as xss only).
// Fixed the next session from the technique (scanner.survey-crawler; an app's declared owner against the
// path in other.foreign-owner; Polish and Czech, and a hidden comment naming an AI in any language, in
// other.prompt-injection; a jku / x5u off the issuer's domain in other.forged-jwt): 112 / 112, 0 / 117.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 14,
  traversal: 13,
  rce: 13,
  log4shell: 8,
  ssrf: 13,
  scanner: 15,
  other: 22,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check27 sample (held out, then fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check27-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 117)
  }, 60_000)
})
