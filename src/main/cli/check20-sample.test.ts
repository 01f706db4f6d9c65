// The "check20" set (test/fixtures/detection/make-check20-sample.py): Kong log-serializer lines of a Nordic
// energy and commodities exchange's member API (power and gas futures, intraday power, emissions, clearing
// margin; a GraphQL member portal, a FIX-over-HTTP bridge, settlement statement uploads, member webhooks, a
// knowledge base and support chat, a BI export with user-defined filters, a market-surveillance search
// tool), attack and benign requests over one trading day, written by a separate helper at the start of
// the session, without reading the rules, the detection code or the earlier samples, and without running
// the engine on it.
//
// Scored once, before any fix drawn from it: 99 / 104 attacks in their category (102 by any finding),
// 6 / 92 benign flagged.
//   missed: Struts OGNL running a ProcessBuilder in Content-Type (found only as expression language), an
//   open redirect to the exchange's name with a hyphen for its dot plus a /\.. trick (found as
//   traversal), GraphQL alias batching of eight logins, an IDOR between members (no per-line sign), a
//   blind SSRF probe to an out-of-band domain in a webhook test (found only as scanner);
//   flagged: a support agent's `curl … | grep` instruction, a KB article in HTML with an escaped
//   <script> example in <pre><code>, a log4j2.xml line pasted into a support question, a KB article
//   naming the refused metadata address and `file://` / `gopher://` schemes, and two surveillance
//   analysts' searches for "<script>" and "' OR 1=1" (internal staff looking for abuse).
// Fixed afterwards in the same session from the technique (so no longer held out): an escaped example in a
// formatted document is text for script-sink too; a URL to an interaction service in a value the server
// fetches is a blind SSRF probe; a scheme named in prose with nothing after it is no target; four aliased
// calls of a mutation taking a password are guessing; a fully qualified ProcessBuilder or
// @java.lang.Runtime@getRuntime( is a process started. Now 102 / 104 in category (103 by any finding),
// 4 / 92. Still missed: the hyphenated look-alike of the exchange's domain (found only as traversal), the
// IDOR. Still flagged: the agent's curl | grep with 2>&1 and a code span after it, the pasted log4j2.xml
// line (markup rules fire on any element with attributes, even one no browser knows), and the two
// surveillance searches.
// A later session's fixes (look-alikes in redirect parameters, the quoted-xml exception) took the
// hyphenated look-alike (now also as other) and cleared the log4j2.xml line: 103 / 104 in category, 3 / 92.
// The IDOR stays missed: the member's identity (vistula-energia) has no identifier's shape to compare.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 15,
  xss: 15,
  traversal: 15,
  rce: 15,
  log4shell: 7,
  ssrf: 15,
  scanner: 10,
  other: 11,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([57, 150, 151])

describe('check20 sample (scored held out, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check20-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 92)
  }, 60_000)
})
