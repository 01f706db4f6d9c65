// The "check18" set (test/fixtures/detection/make-check18-sample.py): Elastic Common Schema documents of an
// algorithmic-trading SaaS and strategy marketplace (strategy code in a Python-like DSL and Pine-like
// scripts, backtests with a filter language, charting-platform alert webhooks with {{placeholders}},
// broker connections, hosted notebooks with a file browser, a Markdown community, billing), in a pipeline
// layout of its own (flat dotted keys with some nested objects, headers under `kong.request.headers`, a
// -04:00 offset), attack and benign documents shuffled together, written by a separate helper while
// check17 was being fixed, without reading the rules, the detection code or the earlier samples, and
// without running the engine on it.
//
// Scored once, before any fix drawn from it: 93 / 104 attacks in their category (94 by any finding), 4 / 93 benign flagged.
//   missed: every attack that lived only in a header or a cookie (Log4Shell in Referer, X-Api-Version,
//   X-Trace-Id and a session cookie; SQL injection in a cookie and a header; Shellshock in a header, found
//   only as other; X-Forwarded-Host poisoning; an alg:none JWT in a cookie): the ECS normaliser read
//   headers only from http.request.headers, and this pipeline kept them under kong.request.headers. Also
//   missed: mass assignment of a unit price and an org_owner role on a subscription update, JSON injection
//   in an alert comment adding order fields downstream;
//   flagged: a notebook file-browser path with ../ that stays inside the workspace, a notebook's Markdown
//   notes saved as a file, a community post mentioning <b> in inline code (read as SQL), a strategy's
//   getattr dispatcher and DSL eval.
// Fixed in the same session from the technique (so no longer held out): the ECS normaliser reads headers
// from kong.request.headers and the other places pipelines keep them; resolves-inside takes relative paths
// from a named folder. Now 102 / 104, 3 / 93. Still missed: the over-posted unit price and org_owner role
// (not a self-service path), the JSON injection into a downstream order. Still flagged: the Markdown notes
// naming a symlink ../data, <b> in inline code next to '#.##' read as SQL, the getattr dispatcher.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 13,
  xss: 13,
  traversal: 13,
  rce: 13,
  log4shell: 13,
  ssrf: 13,
  scanner: 13,
  'other-attack': 11,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([82, 181, 191])

describe('check18 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check18-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 93)
  }, 60_000)
})
