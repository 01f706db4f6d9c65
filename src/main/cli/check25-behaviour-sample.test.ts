// The "check25" behaviour set (test/fixtures/detection/make-check25-behaviour-sample.py): a Toronto discount
// broker's RRSP contribution deadline behind Kong 3.x (2026-03-02, 00:00-23:57 Eastern, 19,110 requests, 240
// attacker and 714 benign addresses, 59% IPv6), where retail customers are no Kong consumers (the OIDC
// plugin logs the user as authenticated_entity) and partners, monitoring and the help-desk console are,
// written by a separate helper at the end of a session, after every fix of it, without reading the rules
// or the detection code and without running the engine on it. Attacks: fast, market-open and slow
// residential stuffing, spraying, sign-up and legacy forgot-password enumeration, OTP guessing, infostealer
// cookie replay, an AiTM relay passing MFA, SIM-swap and help-desk takeovers, fast and slow IDOR walks on
// tax receipts, research and quote scraping, referral abuse, a leaked partner key, a compromised partner
// integration, an insider.
//
// Scored once and NOT fixed: the open, honest behaviour figure for the next round. **137 / 240** attacker
// addresses, **6 / 714** benign addresses flagged (four help-desk agents' console identity read as one
// credential spreading; a tax partner's sync from two OVH addresses, anomaly).
//   missed: all 34 referral abusers, 18 scrapers, 17 slow residential stuffers, 10 cookie replays, 7 slow
//   IDOR walkers, 7 leaked-key validators (Kong refused them itself), 4 SIM swaps, 3 help-desk takeovers,
//   3 market-open stuffers.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '142.166.123.14',
  '184.145.87.112',
  '206.108.33.137',
  '51.222.168.224',
  '51.222.194.239',
  '68.145.42.117',
])

describe('check25 behaviour sample (held out: scored once, not yet fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check25-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 137, 240, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
