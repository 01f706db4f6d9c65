// The "check21" set (test/fixtures/detection/make-check21-sample.py): Elastic Common Schema documents of a
// Japanese / Singaporean digital bank and securities app's public API (yen and SGD accounts, FX, orders,
// robo-advice, card controls, QR payments, bill payment with free-text remittance, a chatbot, document
// uploads, an open-banking consent API with request objects, a CMS for marketing pages, a search query
// language), timestamps at +09:00, prose in Japanese, English, Chinese and Malay, written by a separate
// helper late in a session, without reading the rules, the detection code or the earlier samples, and
// without running the engine on it.
//
// Scored once, before any fix drawn from it: 100 / 102 attacks in their category (100 by any finding),
// 5 / 93 benign flagged.
//   missed: an IDOR (another customer's id in the path: only the token's subject tells), an OAuth
//   redirect_uri whose host ends like a registered partner's;
//   flagged: an Android log line naming a thread "OkHttp https://api…/..." (an ellipsis read as a
//   dot-dot), three CMS page saves (an empty onclick="" on a link, a video embed with a JSON-LD
//   <script type="application/ld+json">, a Google Maps embed), a support ticket quoting a browser's
//   "Unexpected token '<', "<!DOCTYPE "..." error.
// Fixed afterwards in the same session from the technique (so no longer held out): a run of three dots at
// the end of a value is an ellipsis; a formatted document may carry a map embed, a JSON-LD data block and
// an empty handler. Now 100 / 102, 1 / 93 (the quoted browser error still reads as SQL and markup).
// A later session's fixes took the two misses: the partner's callback host run on into another domain (a
// look-alike in a redirect parameter) and the IDOR (the token's subject against the path's customer id):
// 102 / 102.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 14,
  xss: 14,
  traversal: 14,
  rce: 14,
  log4shell: 7,
  ssrf: 14,
  scanner: 11,
  other: 14,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([172])

describe('check21 sample (scored held out, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check21-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 93)
  }, 60_000)
})
