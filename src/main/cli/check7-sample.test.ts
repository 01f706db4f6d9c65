// The "check7" set (test/fixtures/detection/make-check7-sample.py): nginx `combined` lines of a Tokyo equities
// desk's gateway, written by a separate helper after the check6 fixes without reading the rules, the
// detection code or the earlier samples, and without running the engine on it. A combined log has only the
// request line, the Referer and the User-Agent, so every attack sits there, in nginx's own \xHH escaping;
// it also holds what the JSON logs never do: other protocols spoken to the HTTP port, WebDAV / CONNECT /
// TRACE methods, absolute-form proxy requests, a request line without a protocol.
//
// Scored once, held out (categories must match, and by any finding alike): 66 / 72 attacks, 3 / 54 benign
// flagged, every line read.
//   missed: the six protocol-level probes (a TLS ClientHello, an SSH banner, an RDP cookie, PROPFIND,
//   CONNECT, an absolute-URI proxy probe);
//   flagged: a Windows path under the user's AppData naming an application's own config (traversal), a
//   knowledge-base search for `curl -s https://… | jq '.bid'` (rce), a search for `"delete from watchlist"
//   greyed out` (sqli).
// Fixed afterwards from the technique (so no longer held out): scanner.protocol-probe (other protocols'
// openings, WebDAV / TRACE / CONNECT methods through a new `method` part, absolute-form targets; public
// clients only, with a new `when: client` condition), AppData counts only for credential stores, and a
// documented curl call into a JSON or text viewer is no command line. Now 72 / 72 and 1 / 54: the quoted
// `"delete from watchlist" greyed out` stays flagged, since after a break-out from a quoted context it is
// a DELETE that SQL Server runs without a separator (the prose after it reads as an alias).
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 9,
  xss: 9,
  traversal: 8,
  rce: 9,
  log4shell: 8,
  ssrf: 8,
  scanner: 11, // held out: 5
  'other-attack': 10,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([107])

describe('check7 sample: nginx combined lines (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check7-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 54)
  }, 60_000)
})
