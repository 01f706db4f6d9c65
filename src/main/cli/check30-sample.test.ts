// The "check30" set (test/fixtures/detection/make-check30-sample.py): Kong log lines of a Tel Aviv / Gulf
// cross-listed online broker (TASE equities, Gulf sukuk, USD/ILS and USD/AED; web, app, an introducing-
// broker partner API, a support desk with an AI summariser, KYC uploads, webhooks, GraphQL, report
// exports) on Tuesday 10 March 2026, prose in Hebrew, Arabic and English, right-to-left text percent-encoded
// as clients send it. Written by a separate helper at the start of a session, without reading the rules,
// the detection code or the earlier samples, and without running the engine on it.
//
// Scored once: 121 / 131 attacks in their category, 3 / 125 benign flagged.
//   missed: prompt injections in English, Hebrew and Arabic, one in base64, one in a hidden HTML comment
//   of a ticket; an IDOR on another account's statements; a negative order quantity; a GraphQL schema
//   introspection; a Java serialized object; a Spring class-loader binding in a form (rce).
//   flagged: a login form whose password holds a quote (sqli); an agent's internal note about an XSS
//   report, a ticket about a script tag shown as text (xss).
// Fixed the same session, from the technique with cases of its own: prompt injection in Hebrew and Arabic
// (drop all the instructions, recite the system's, a heading for the summariser), the earlier
// instructions declared void, a note for the summary assistant, an order to decode and obey, a hidden
// comment addressed to the summariser, an order not to show it to the agent; a Java object stream sent
// raw, and the gadget classes such streams carry. Now 127 / 131, 3 / 125.
//   still missed: the IDOR, the negative quantity, the introspection (answered, so not reported); the
//   Spring class-loader form is found, but as `other` (other.class-loader-binding), where the sample
//   says rce.
//   still flagged: the three above (a quote in a password; `<script>` named in prose).
// Next session, from the technique: a string left open is no condition where no quote of the query can
// close it (`Or'ly#2026--ok` as a password), and a script tag named as a word in a message, with no
// source, closing tag or code after it, is a word (`named-tag`). Now 127 / 131, 0 / 125.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 18,
  xss: 16,
  traversal: 14,
  rce: 13,
  log4shell: 12,
  ssrf: 14,
  scanner: 15,
  other: 25,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([])

describe('check30 sample (held out: scored once, then fixed in part)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check30-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 125)
  }, 60_000)
})
