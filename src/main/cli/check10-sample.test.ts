// The "check10" set (test/fixtures/detection/make-check10-sample.py): Kong 3.x logs of an equity research /
// stock-screener platform with a retail brokerage front, written by a separate helper after the check9
// fixes without reading the rules, the detection code or the earlier samples, and without running the
// engine on it; asked for 2025-2026 tool and attacker styles and a benign half built against the detector
// (screener filter DSLs that read like SQL, chart scripts, rich-text research notes, templates).
//
// Scored once at the end of the session that wrote it: 74 / 87 attacks in their category (77 by any
// finding), 8 / 75 benign flagged.
//   missed: sqlmap's percentage tamper on an ASP page (%-prefixed letters), PostgreSQL JSONB containment
//   as an always-true, nginx alias off-by-slash (/static../.env), Freemarker ObjectConstructor and Velocity
//   reflection templates (labelled rce), a DNS-rebinding host (7f000001.a9fea9fe…), five CVE checks that
//   carry no payload (Next.js x-middleware-subrequest, Citrix Bleed's oversized Host, Confluence
//   server-info setupComplete, TeamCity /hax?jsp=…;.jsp, SAP NetWeaver metadatauploader), verb tampering
//   through X-HTTP-Method-Override: DELETE, mass assignment of isAdmin / role;
//   flagged: a SoQL $where, a Pine-like chart script (ssrf), a rich-text note with target=_blank, an escaped
//   <script> in <pre><code>, a Markdown note with ../ links, an SVG export with &amp;, a PDF render with
//   <img> / <link> to the public CDN, a Handlebars digest template.
// Fixed in the next session from the technique (so no longer held out): stray-% decoding as IIS does,
// PostgreSQL casts and containment operators, a formatted-document judge for rich text, templates, SVG
// and escaped markup, code line comments, Markdown link prose, top-level $ query options, the fields part
// with other.mass-assignment, Java reflection in templates, hex-label rebinding names, scanner checks
// without payload, method override (DELETE, not the PATCH tunnelling of its benign half). Now 87 / 87,
// 0 / 75.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 10,
  xss: 9,
  traversal: 9,
  rce: 11,
  log4shell: 9,
  ssrf: 9,
  scanner: 11,
  'other-attack': 19,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set()

describe('check10 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check10-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 75)
  }, 60_000)
})
