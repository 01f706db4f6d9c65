// The "check29" set (test/fixtures/detection/make-check29-sample.py): ECS documents of an Indonesian /
// Vietnamese online broker (IDX and HOSE/HNX equities, government bonds, funds, crypto; web, SSO, mobile,
// an algo REST API, a partner API, research and a forum, a support desk, e-KYC uploads, inbound webhooks,
// an AI assistant, a back office), +07:00 timestamps, prose in Bahasa Indonesia, Vietnamese and English,
// written by a separate helper late in a session, after every payload fix of it, without reading the
// rules, the detection code or the earlier samples, and without running the engine on it.
//
// Scored once: 108 / 117 attacks in their category, 1 / 118 benign flagged. Fixed in the next session,
// each from the technique with cases of its own: prompt injection in Indonesian / Malay and Vietnamese (and
// a heading addressed to the assistant, an order to keep the human agent out), URL-override headers
// (other.url-override), base64 files in multipart uploads read decoded (the pickle), aliased calls of a
// code-checking query field (graphql-batch), an HMAC token reusing an RSA key's kid
// (behaviour.jwt-key-confusion), and an analyst's script one folder up in prose (traversal.dot-dot).
// Now 115 / 117, 0 / 118.
//   still missed: a partner reading another client's holdings by id, and a user's statement of another
//   account: nothing in either request says whose the record is.
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
  other: 23,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check29 sample (held out: scored once, then fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check29-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 118)
  }, 60_000)
})
