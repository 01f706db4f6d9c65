// The "check19" behaviour set (test/fixtures/detection/make-check19-behaviour-sample.py): a Hong Kong /
// Singapore securities broker's day behind Kong 3.x (2026-06-10 00:00-14:00 UTC, 14,327 requests, 179
// attacker and 555 benign addresses, a third IPv6), with a typhoon signal that moves office workers to
// mobile data and a portfolio-service outage, written by a separate helper at the very end of the session,
// after every other fix, without reading the rules or the detection code and without running the engine
// on it. Attacks: a slow spray from 40 residential proxies, mobile-app-emulating stuffing, a stolen session
// that swaps the bank account and withdraws, OTP brute force from rotating addresses, password-reset
// account enumeration from 16 cloud addresses, a leaked institutional key harvesting positions, a
// contract-note id walk, a market-data token resold to 14 addresses. Benign: a corporate proxy pool
// rotating per request, a university NAT, a VPN rotating hosting exits with a withdrawal, office-to-mobile
// moves, institutional algos with 429s, an outage, a batch job, back-office staff, password mistakes.
//
// Scored once, held out: 122 / 179 attacker addresses, 9 / 555 benign addresses flagged. Missed: all 16
// password-reset enumerators, all 14 addresses of the resold token, half the slow spray (20 of 40), a few
// stuffing and OTP addresses, one of the leaked key's hosts. No longer held out: fixed since, from the
// techniques, with cases of their own:
// - the resold token (behaviour.credential-relay): 136 / 179;
// - the password-reset enumerators (behaviour.account-lookup-enumeration): 152 / 179;
// - a stuffing pool names an address only once it has had ten minutes to show itself a customer (a
//   customer retrying their own account logs in or resets): 6 benign addresses instead of 9, but one of
//   the OTP guessers, which asked for a resend, now passes for a customer: 151 / 179;
// - a slow stuffing pool over 3 h: the residential-proxy spray, 166 / 179;
// - up to 256 addresses named per tip, not 64: 168 / 179.
// A later session's object walks, referral rings, OIDC subjects as accounts and stuffing-pool hits (a login
// that worked for an account the address had not failed for, whose session it never used): 168 -> 169.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '10.40.12.21',
  '202.79.204.33',
  '203.194.142.21',
  '2402:7500:69ad:7324:2038:7e8b:b9c:51d1',
  '2406:3003:f45c:cddd:6751:f620:6a74:3164',
  '89.187.186.159',
])

describe('check19 behaviour sample (scored held out, partly fixed since)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check19-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 169, 179, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
