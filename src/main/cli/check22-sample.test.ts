// The "check22" set (test/fixtures/detection/make-check22-sample.py): Kong log-serializer lines of a Swiss /
// Luxembourg private-markets and fund-administration platform (subscriptions and redemptions, NAV,
// capital calls, an investor portal, a transfer-agent API, an ISO 20022 payments gateway, a report service
// rendering templates with formulas, an assistant for relationship managers, an admin console, webhooks,
// an OCR pipeline), prose in German, French, Italian and English, written by a separate helper at the end
// of a session, after every other fix of it, without reading the rules, the detection code or the earlier
// samples, and without running the engine on it.
//
// Scored once and left unfixed for a session as the open payload figure: 98 / 102 attacks in their
// category (98 by any finding), 3 / 90 benign flagged.
//   missed: an open redirect to the platform's sister domain (.lu) run into another domain, from a login
//   on the .ch one; a lone quote probe on an ISIN parameter (answered 500); a prompt injection asking the
//   assistant for its instructions and investors' IBANs; an IDOR on a tax pack;
//   flagged: two relationship managers' questions quoting XML (a gateway config, pain.001 elements), a
//   report template's =HYPERLINK to the platform's own portal.
// Fixed the next session from the techniques (so no longer held out): look-alike hosts in redirect
// parameters (the site's name with another suffix, any company's host name run on into another domain),
// sqli.quote-break, other.prompt-injection, other.foreign-owner (the caller's identity against the path),
// and the quoted-xml exception. 102 / 102, 1 / 90: the =HYPERLINK to the sister domain (.lu) is still
// flagged, as a look-alike of the site's name cannot be told from its sister there.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 16,
  xss: 15,
  traversal: 14,
  rce: 13,
  log4shell: 6,
  ssrf: 14,
  scanner: 10,
  other: 14,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([52])

describe('check22 sample (scored held out, fixed since)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check22-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 90)
  }, 60_000)
})
