// The "check15" set (test/fixtures/detection/make-check15-sample.py): Elastic Common Schema documents of an
// energy and metals trading house's Kong 3.10 gateway (deal capture with free-text clauses, logistics with
// bill-of-lading XML and webhooks, a Grafana-like dashboard API taking SQL / PromQL / Flux, a document
// library with WebDAV, Kubernetes-style model jobs, a desk chat and an AI copilot, OIDC / SAML / SCIM),
// attack and benign documents shuffled together, written by a separate helper at the end of the session
// that fixed check14, without reading the rules, the detection code or the earlier samples, and without
// running the engine on it.
//
// Scored once, before any fix drawn from it: 98 / 105 attacks in their category (100 by any finding),
// 7 / 92 benign flagged.
//   missed: GraphQL introspection from an unauthenticated Go client, an IDOR across counterparty ids, a
//   PowerShell -enc cradle split across a command array's items, a Docker registry /v2/_catalog probe, a
//   PHP data:// include (found only as ssrf and traversal), Host poisoning through X-Forwarded-Host on a
//   password reset, a Burp Collaborator callback in a SAML metadata URL (found only as scanner);
//   flagged: an MSSQL dashboard query with DECLARE and a /* */ comment, a schema browser's query of
//   information_schema.columns, a Markdown annotation with a <details> block holding a link, two
//   library moves with ../ that stay inside the library (one a WebDAV Destination header), a job's
//   `sh -c` with $(date …) and &&, a copilot question about dangerouslySetInnerHTML with <script>.
// Fixed later in the same session from the technique (so no longer held out): the ECS normaliser restores
// Host from url.domain and reads kong.consumer / kong.source, the argv part (a JSON argument list joined),
// data: URL payloads decoded, refused GraphQL introspection, /v2/_catalog, match.except: resolves-inside,
// an https <a href> in Markdown prose. Now 103 / 105 in category (104 by any finding), 4 / 92. Still
// missed: the IDOR across counterparty ids; the Collaborator callback is found only as scanner. Still
// flagged: the MSSQL DECLARE and the information_schema query sent to the dashboard's query editor (a
// query endpoint by design: Vigil has no per-deployment list of them yet), the job's `sh -c` with $(date),
// the copilot question quoting <script> outside code.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 13,
  traversal: 13,
  rce: 13,
  log4shell: 13,
  ssrf: 12,
  scanner: 13,
  'other-attack': 13,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([30, 95, 144, 190])

describe('check15 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check15-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 92)
  }, 60_000)
})
