// The "check20" behaviour set (test/fixtures/detection/make-check20-behaviour-sample.py): a UK CFD and
// share-dealing broker's day behind Kong 3.x (2026-03-27 06:00-22:00 UTC, 16,509 requests, 179 attacker
// and 354 benign addresses, a quarter IPv6) with the London and US opens, a twenty-minute crash with
// margin calls, and an evening maintenance window, written by a separate helper at the start of the
// session, without reading the rules or the detection code and without running the engine on it.
// Attacks: a slow spray from 45 rotating proxy addresses, a stuffing burst, 2FA code guessing, account
// enumeration through sign-up and reset, a leaked partner secret, stolen-session replays with payee
// changes, a contract-note id walk, a promotion-bonus bot over 28 4G proxies, a price-API scraping burst,
// a low-and-slow brute force on one account from 73 addresses. Benign: a login storm in the crash, a
// margin-call 4xx wave, carrier NAT, corporate and cloud proxies, VPN exits, travellers, a partner's batch
// walking client ids, algo clients, staff tools, monitoring, app retries in maintenance, typos and resets,
// families, genuine sign-ups for the same promotion.
//
// Scored once: 27 / 179 attacker addresses, 1 / 354 benign addresses flagged. Missed: every address of
// the slow spray (45), the one-account brute force (73) and the promotion bot (28), both addresses of the
// contract-note walk, the leaked partner secret's three hosts, one session replay.
// Partly fixed in the same session from the technique (so no longer held out): `identifier` names the
// account in a login body (the login form's one field for an e-mail, a phone or a username: every
// per-account detector was blind to it), and a stuffing pool names an address only once it has had ten
// minutes to show itself a customer: 111 / 179, 1 / 354; a slow form of one account failing from many
// addresses (6 h), with 423 (locked) read as a refused login: 144 / 179, 1 / 354; accounts opened from
// one address, each claiming the offer (behaviour.account-farming): 172 / 179, 1 / 354.
// A later session's object walks, referral rings, OIDC subjects as accounts and stuffing-pool hits (a login
// that worked for an account the address had not failed for, whose session it never used): 172 -> 173.
// The next session's moved-session detector names one more (a replayed session refused the money): 174.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['18.130.207.120'])

describe('check20 behaviour sample (scored held out, partly fixed since)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check20-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 174, 179, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
