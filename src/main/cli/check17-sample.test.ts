// The "check17" set (test/fixtures/detection/make-check17-sample.py): Kong 3.10 logs of a clearing house's
// member portal and API (trade registration with FIXML and ISO 20022, margin calls and what-if scenarios,
// collateral and settlement instructions, templated reports and a member file drop, default-management
// auction bids, member administration with certificates and roles, a support knowledge base, SOAP, GraphQL,
// a WebSocket stream, a CSV trade upload), attack and benign lines shuffled together, written by a
// separate helper while check16 was being fixed, without reading the rules, the detection code or the
// earlier samples, and without running the engine on it.
//
// Scored once, before any fix drawn from it: 95 / 100 attacks in their category (96 by any finding),
// 4 / 90 benign flagged.
//   missed: an IDOR (one member's credential reading another member's margin calls), full GraphQL
//   introspection by a member's own credential (answered), mass assignment of a CCP staff role, a wildcard
//   member id and isCcpStaff on a user PATCH that is not a self-service path, a negative-quantity position
//   transfer pulling lots from another member; found only in another category: a Collaborator callback in
//   a webhook test (scanner, labelled ssrf);
//   flagged: a knowledge-base search quoting "../" (quoted, not followed by a space), a SOAP trade
//   registration with FIXML inside CDATA in a SOAP field, an sftp:// delivery URL to the house's own host
//   (the sftp scheme counts as dangerous whatever the host), a knowledge-base search quoting a FIXML tag.
// Fixed later in the same session from the technique (so no longer held out): FIXML in CDATA read as a
// document, a quoted "../" as notation. Now 95 / 100, 2 / 90: the knowledge-base search quoting a FIXML tag
// with an attribute stays flagged (a tag with attributes in a parameter is the markup rule's), and so does
// the sftp:// delivery URL (judging sftp by its host instead lost an SSRF probe of the development corpus,
// sftp to an outside host on an odd port: sftp stays a dangerous scheme); the misses stand: they need an
// account's own records, its role or the meaning of a quantity, which no single request shows.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 12,
  traversal: 12,
  rce: 12,
  log4shell: 12,
  ssrf: 12,
  scanner: 11,
  'other-attack': 11,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([98, 103])

describe('check17 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check17-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 90)
  }, 60_000)
})
