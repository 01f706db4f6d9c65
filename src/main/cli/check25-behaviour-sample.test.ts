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
// Scored once and left unfixed for a session: **137 / 240** attacker addresses, **6 / 714** benign
// addresses flagged (four help-desk agents' console identity read as one credential spreading; a tax
// partner's sync from two OVH addresses, anomaly). Fixed the next session from the techniques, so no longer
// held out: 213 / 240, 2 / 714.
//   found since: the referral abusers (behaviour.referral-ring: one referrer's code from many addresses on
//   one device build), the research scrapers and slow IDOR walkers (behaviour.object-walk), the SIM swaps
//   and two help-desk takeovers (an OIDC subject is an account), eight slow residential stuffers and the
//   market-open ones (a pool's unused hits); the help-desk agents are a shared console identity.
//   still missed: 9 slow stuffers hidden in the evening rush (under 10% of the logins), 8 cookie replays
//   before their holders were seen (no history to compare with), 7 leaked-key validators refused by Kong
//   itself (the keys logged redacted, no consumer named), the insider (found before only through the
//   agents' misreading). Still flagged: the tax partner's sync (anomaly). A linked bank read as a
//   destination named the third help-desk takeover: 214 / 240.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['51.222.168.224', '51.222.194.239'])

describe('check25 behaviour sample (scored once, then fixed by technique)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check25-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 214, 240, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
