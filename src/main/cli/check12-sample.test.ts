// The "check12" set (test/fixtures/detection/make-check12-sample.py): Elasticsearch ECS documents of an asset
// manager's platform behind Kong (investor portal, OMS, a research data API with a restricted SQL-like query
// language, a JupyterHub notebook gateway, an LLM research assistant, a PDF renderer, SSO), in two
// pipelines' layouts (nested ECS with a headers object, and an older flat dotted one), written by a
// separate helper without reading the rules, the detection code or the earlier samples, and without
// running the engine on it. Its benign half lives where code is the payload by design: notebook cells,
// assistant pastes, the query language.
//
// Scored once, before any fix drawn from it: 91 / 94 attacks in their category (the same by any finding),
// 18 / 87 benign flagged.
//   missed: XPath with union and local-name(), an obfuscated getattr / base64 exec sent to the notebook
//   route from outside, a stacked statement creating a superuser through the query language;
//   flagged: six query-language statements and notebook SQL (UNION ALL, scalar subquery, CASE with a
//   comment, GROUP BY / HAVING, CTE with window functions, scratch-table DROP / CREATE), notebook Python
//   (subprocess aws s3 sync, ../shared dataset paths, DataFrame.eval/query, regex and glob), assistant
//   pastes (log4j2.xml, PowerShell with a UNC ..\, a traceback with ../data, an HTML/JS chart snippet, a
//   curl | jq question, a SQL performance question), a Jinja2 factsheet template and a factsheet page for
//   the PDF renderer.
// Fixed in the same session from the technique (so no longer held out): a whole read query from its
// first word (or after a question, from the start of a line) is read only in quoted contexts, stacked
// CREATE ROLE, XPath unions, rce.python-code, subprocess by argument list, `+` only as sent, pandas'
// df.eval, markup-first values are documents to the CRLF rule, code may climb to data files, fenced
// Markdown code is shown code (match.except: shown-code), a question then a documented curl … | jq call.
// Now 94 / 94, 2 / 87: the notebook's scratch DROP / CREATE script (destructive SQL, kept) and a PowerShell
// UNC path with ..\ (a backslash climb, kept).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 11,
  xss: 11,
  traversal: 11,
  rce: 11,
  log4shell: 10,
  ssrf: 11,
  scanner: 11,
  'other-attack': 18,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([41, 74])

describe('check12 sample: ECS documents (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check12-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 87)
  }, 60_000)
})
