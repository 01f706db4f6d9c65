// The "check15" set (test/fixtures/detection/make-check15-sample.py): Elastic Common Schema documents of an
// energy and metals trading house's Kong 3.10 gateway (deal capture with free-text clauses, logistics with
// bill-of-lading XML and webhooks, a Grafana-like dashboard API taking SQL / PromQL / Flux, a document
// library with WebDAV, Kubernetes-style model jobs, a desk chat and an AI copilot, OIDC / SAML / SCIM),
// attack and benign documents shuffled together, written by a separate helper at the end of the session
// that fixed check14, without reading the rules, the detection code or the earlier samples, and without
// running the engine on it.
//
// Scored once, and NOT fixed: the open, honest generalisation figure for the next round. 98 / 105 attacks
// in their category (100 by any finding), 7 / 92 benign flagged.
//   missed: GraphQL introspection from an unauthenticated Go client, an IDOR across counterparty ids, a
//   PowerShell -enc cradle split across a command array's items, a Docker registry /v2/_catalog probe, a
//   PHP data:// include (found only as ssrf and traversal), Host poisoning through X-Forwarded-Host on a
//   password reset, a Burp Collaborator callback in a SAML metadata URL (found only as scanner);
//   flagged: an MSSQL dashboard query with DECLARE and a /* */ comment, a schema browser's query of
//   information_schema.columns, a Markdown annotation with a <details> block holding a link, two
//   library moves with ../ that stay inside the library (one a WebDAV Destination header), a job's
//   `sh -c` with $(date …) and &&, a copilot question about dangerouslySetInnerHTML with <script>.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 13,
  traversal: 13,
  rce: 11,
  log4shell: 13,
  ssrf: 12,
  scanner: 11,
  'other-attack': 12,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([30, 47, 72, 95, 136, 144, 190])

describe('check15 sample (held out: scored, not yet fixed)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check15-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 92)
  }, 60_000)
})
