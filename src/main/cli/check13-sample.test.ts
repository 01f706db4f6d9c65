// The "check13" set (test/fixtures/detection/make-check13-sample.py): Kong 3.x logs of a retail broker's
// multi-asset trading platform (orders and options, a community feed with Markdown posts, a learning CMS,
// a partner onboarding API with CSV and XML files, support tickets, OAuth / WebAuthn / SAML, internal
// services, a Next.js front end), attack and benign lines shuffled together, written by a separate helper
// at the end of the session that fixed check12, without reading the rules, the detection code or the
// earlier samples, and without running the engine on it.
//
// Scored once, before any fix drawn from it: 89 / 95 attacks in their category (the same by any finding),
// 8 / 86 benign flagged. (Its first scoring ran against that session's unfinished consumer-spread change,
// which flagged every consumer seen from five single-use addresses; that change was corrected before it
// was committed, and this is the figure after it.)
//   missed: a LaTeX \immediate\write18 shell escape in a PDF export, mass assignment of KYC status /
//   options level / margin tier on an account, GraphQL introspection by graphql-cop, an IDOR through a
//   repeated account_id, a site-backup archive named after the host, an OAuth redirect_uri on a look-alike
//   suffix domain;
//   flagged: a CMS article with a YouTube-nocookie iframe, a learner's search about ../ paths, a post
//   warning about a phishing site with defanged URLs, a comment with a <details> block, a ticket pasting
//   curl … | jq with $TOKEN, a Hugo-style {{< chart >}} shortcode, a regex and grep pipeline, a partner XML
//   file with a comment and CDATA.
// Fixed in the next session from the technique (so no longer held out): rce.latex-shell-escape, nested
// kyc.status and other.self-granted-trading-privilege, GraphQL auditors' user agents, rules weighed
// against the request itself (other.lookalike-redirect, scanner.host-named-archive,
// other.conflicting-identifier); a video host's embed player and <details> as formatting, a lone `../ `
// in prose, defanged URLs, Markdown shortcodes, a documented curl with $TOKEN and a literal body, a grep
// alternation that is not concatenated SQL, CDATA read as text. Now 95 / 95, 0 / 86.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 11,
  xss: 12,
  traversal: 10,
  rce: 12,
  log4shell: 10,
  ssrf: 11,
  scanner: 11,
  'other-attack': 18,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set()

describe('check13 sample (scored once, then fixed by technique)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check13-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 86)
  }, 60_000)
})
