// The "check33" set (test/fixtures/detection/make-check33-sample.py): Elastic Common Schema documents at
// +08:00 of a Hong Kong / Singapore online broker (HKEX main board and GEM, Stock Connect, SGX, US stocks
// through a partner, HK and SG government bonds, REITs, warrants and CBBCs; FPS, PayNow and eDDA funding;
// web, mobile BFF, an algo API, a partner API for advisers and family offices, research, a support desk
// with an AI assistant, KYC uploads, IR56 / IRAS tax forms, webhooks, back office) on Wednesday 18 March
// 2026, prose in Traditional and Simplified Chinese, written Cantonese, Malay and English; some documents
// with flat dotted keys. Written by a separate helper at the start of a session, without reading the
// rules, the detection code or the earlier samples, and without running the engine on it.
//
// Scored once: **135 / 140** attacks in their category, **0 / 130** benign flagged.
//   missed: prompt injections to the support assistant in Simplified Chinese (ignore the instructions,
//   call the transfer tool), Traditional Chinese (ignore the system rules, developer mode, print the
//   system prompt) and written Cantonese (ignore the rules, admin mode, show other clients' API keys); a
//   "[SYSTEM OVERRIDE]" telling the assistant to append an image whose URL carries the session token; a
//   tautology closing a report filter's parenthesis in a JSON body (`status = 'OPEN') OR 1=1 -- `).
// Fixed the same session, from the technique with cases of its own: prompt injection in Chinese and
// written Cantonese (drop the system's or earlier rules, instructions said to the model, a mode without
// them, recite the prompt; a client's own trading instruction taken back is left alone), a forged
// "[SYSTEM OVERRIDE]"-style heading, an image whose address carries a placeholder for the assistant to
// fill; and a comparison closing a bracket the value never opened, then a condition. Now **140 / 140**,
// 0 / 130.
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

describe('check33 sample (held out: scored once)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check33-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 130)
  }, 60_000)
})
