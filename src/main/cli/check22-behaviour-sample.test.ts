// The "check22" behaviour set (test/fixtures/detection/make-check22-behaviour-sample.py): an Australian /
// New Zealand superannuation fund and share-trading app on the first day of the financial year behind Kong
// 3.x (2026-06-30 20:00 to 2026-07-01 14:00 UTC, 15,048 requests, 258 attacker and 905 benign addresses,
// about 40% IPv6), where Kong maps each app's key to one consumer for all its members, written by a
// separate helper at the end of a session, after every other fix of it, without reading the rules or the
// detection code and without running the engine on it. Attacks: a slow stuffing run through 232 proxies,
// a spray hidden in the login peak, takeovers rolling balances to new self-managed funds, an early-release
// scam operator, an adviser-account takeover, a leaked clearing-house key verifying members, synthetic
// identities rolling super in, trading takeovers ramping a small cap, a call-centre insider at home.
//
// Scored once: 181 / 258 attacker addresses, **53 / 905 benign addresses flagged**: members of the web
// and mobile apps, whose consumer is the app (one identity for every member), read as one credential
// spreading (token-many-addresses) or handed on (credential-relay) before the app's many addresses made
// it a shared identity; a few members failing logins in the peak named by the slow stuffing pool; an
// adviser's annual reviews (anomaly).
// Partly fixed in the same session from the technique (so no longer held out): a consumer whose logins name
// three different accounts is an app's identity, shared by design. Now 180 / 258 and 7 benign addresses
// (six members giving up after failed logins in the peak, named by the slow stuffing pool; the adviser).
// The early-release scam operator's address was found only through the app identity, by chance, and is no
// longer: one address logging in as many members, each changing their mobile and bank account, is still to
// be read.
// A later session's behaviour.pump-rotation (accounts liquidated into one thin name) named the four
// trading-takeover addresses ramping the small cap: 184 / 258, benign unchanged.
// A later session's object walks, referral rings, OIDC subjects as accounts and stuffing-pool hits (a login
// that worked for an account the address had not failed for, whose session it never used): 184 -> 225,
// and three more members giving up after one failed login are named by the slow stuffing pool (the pool
// now reaches its threshold in their windows; one such failure cannot be told from a proxy's single try).
// Later (check34's session): a payout destination set up counts for the multi-account cash-out like a
// withdrawal → 226.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '118.149.37.79',
  '122.104.136.193',
  '2407:e400:7e2c:300:e501:86fa:6167:42d6',
  '49.195.60.23',
  '119.18.72.101',
  '120.145.237.133',
  '139.130.44.228',
  '180.150.184.165',
  '2001:8004:3deb:1938:1bd:5cd:4faf:3c7',
  '2402:7800:2dd1:301c:3b9f:b054:665d:df3d',
])

describe('check22 behaviour sample (scored held out, partly fixed since)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check22-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 226, 258, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
