// The "check3" set (test/fixtures/detection/make-check3-sample.py): written after the check2 fixes without
// reading the rules or running the engine on it, with new variants of every technique in many places (query,
// path segments, JSON with nested arrays, form, multipart, XML, Referer / User-Agent / X-Api-Version /
// custom headers, cookies) and encodings (double percent-encoding, %u, overlong UTF-8, entities and \u
// escapes inside JSON, full-width forms, SQL comments, quote-split words, base64), and hard benign requests
// of a trading desk. Scored once, with no rule changed afterwards: 65 / 66 attacks in their category,
// 6 / 31 benign flagged. This is the honest generalisation figure; the test fails if it gets worse. A rule
// change that makes it better should raise the floor here (and the set is then no longer held out).
import { describe, expect, it } from 'vitest'
import { scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 9,
  xss: 7,
  traversal: 7,
  rce: 7,
  log4shell: 7,
  ssrf: 7, // of 8: https://kubernetes.default.svc/api/v1/.../secrets in a webhook config was not an internal target
  scanner: 7,
  'other-attack': 14,
}

// Benign lines flagged when scored (line number: what it was, category):
const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([
  68, // ticket with a fenced ```sh block: `curl -s https://grafana… | jq .database` (rce)
  69, // ticket with a fenced ```python block calling subprocess.run(['./eod.sh', …]) (rce)
  81, // JSON attachment: base64 of a small ordinary PDF (other)
  88, // ticket naming /etc/desk/pricer.yaml and /var/log/desk/pricer/ in prose (traversal)
  95, // saved jq filter `.fills[] | select(.px * .qty > 1000000) | {id, px, qty}` (rce)
  96, // scheduler job whose command is `python3 -m desk.eod --date $(date +%F) --book FX1` (rce)
])

describe('check3 sample (held out from every rule fix)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check3-sample')
    for (const [label, floor] of Object.entries(MEASURED)) {
      expect(s.recall[label]?.[0] ?? 0, `${label}: ${s.misses.join('; ')}`).toBeGreaterThanOrEqual(
        floor,
      )
    }
    expect(
      s.falsePositives.filter((f) => !MEASURED_FALSE_POSITIVES.has(Number(f.split(' ')[0]))),
      'benign lines flagged besides the measured ones',
    ).toEqual([])
    expect(s.benign).toBe(31)
  }, 60_000)
})
