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
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 10,
  xss: 11,
  traversal: 11,
  rce: 10,
  log4shell: 10,
  ssrf: 11,
  scanner: 11,
  'other-attack': 17,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([
  17, 20, 31, 39, 41, 53, 54, 72, 74, 88, 94, 102, 117, 130, 151, 154, 158, 173,
])

describe('check12 sample: ECS documents (held out: scored once)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check12-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 87)
  }, 60_000)
})
