// The "check29" set (test/fixtures/detection/make-check29-sample.py): ECS documents of an Indonesian /
// Vietnamese online broker (IDX and HOSE/HNX equities, government bonds, funds, crypto; web, SSO, mobile,
// an algo REST API, a partner API, research and a forum, a support desk, e-KYC uploads, inbound webhooks,
// an AI assistant, a back office), +07:00 timestamps, prose in Bahasa Indonesia, Vietnamese and English,
// written by a separate helper late in a session, after every payload fix of it, without reading the
// rules, the detection code or the earlier samples, and without running the engine on it.
//
// Scored once and NOT fixed: the open, honest payload figure for the next round. 108 / 117 attacks in
// their category, 1 / 118 benign flagged.
//   missed (all `other`): a partner enumerating client ids; prompt injections in Indonesian and
//   Vietnamese (reveal the system prompt and other clients, exfiltrate API keys); an IDOR on another
//   account's statement; a JWT with a tampered role claim (HS256); a pickle in a strategy upload; an
//   X-Original-URL override to an admin path; an indirect injection in a ticket attachment's text; a
//   GraphQL introspection with alias-batched OTP guesses.
//   flagged: a ticket with a relative path and an environment variable (traversal).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 14,
  traversal: 14,
  rce: 14,
  log4shell: 8,
  ssrf: 14,
  scanner: 14,
  other: 16,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([159])

describe('check29 sample (held out: scored once, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check29-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 118)
  }, 60_000)
})
