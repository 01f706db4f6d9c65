// The "check5" behaviour set (test/fixtures/detection/make-check5-behaviour-sample.py): three and a half
// hours of one trading morning, written without reading the rules or the detection code and without
// running the engine on it. Eight attacker addresses (a fast OAuth password-grant guess, credential
// stuffing, low-and-slow guessing, HTTP Basic guessing on a report path, API-key guessing, a guess that
// succeeds, password spraying, a slower stuffer rotating user agents) among desk users, algo clients,
// health checks and hard benign behaviour: an office NAT with a few failed logins, a mistyped password, a
// service account's expired token, a password reset, a deploy answering 502/503 to everyone.
// Scored once, held out, per address as the issue scores brute force: 6 / 8 attackers found, 0 false
// alarms, no benign line flagged. The two misses were fixed after that scoring, from the technique: Kong
// logs Authorization as "REDACTED", so Basic guessing is now read from the 401's Basic challenge, and a
// 401/403 to a request presenting an API key counts once per distinct key (key guessing). 8 / 8 now; the
// held-out figure stays 6 / 8.
import { describe, expect, it } from 'vitest'
import { scoreBehaviourSample } from './labelled-sample.test-helper'

describe('check5 behaviour sample (held out from every rule fix)', () => {
  it('finds every guessing address and raises no false alarm', async () => {
    const s = await scoreBehaviourSample('check5-behaviour-sample')
    expect(s.missed, 'attacker addresses without a brute-force finding').toEqual([])
    expect(s.found).toHaveLength(8)
    expect(s.falseAlarms, 'benign addresses with a brute-force finding').toEqual([])
    expect(s.flaggedBenignLines, 'benign lines with any finding').toEqual([])
  }, 120_000)
})
