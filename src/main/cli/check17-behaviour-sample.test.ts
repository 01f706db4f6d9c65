// The "check17" behaviour set (test/fixtures/detection/make-check17-behaviour-sample.py): a hot IPO day at a
// retail equities and options broker behind Kong 3.x (2026-04-15 11:00 to 02:00 UTC, 28,113 requests, 42
// attacker and 422 benign addresses, IPv4 and IPv6), written by a separate helper at the end of the session
// that fixed check16-behaviour, without reading the rules or the detection code and without running the
// engine on it. Attacks: a SIM-swap takeover (reset by SMS, alerts off, positions sold, then a new bank and
// an ACH withdrawal from a second address), a promo bot farm (8 addresses, 4-6 accounts each, one referral
// code), a slow password spray from four hosting servers (one login every 9-17 minutes each), distributed
// stuffing from 16 home addresses (1-2 logins each in the IPO rush), statement-id enumeration by a
// customer, an options-chain scraping farm over 24 free accounts, a session replayed from a datacenter, 2FA
// backup-code cycling, a penny-stock pump from a taken-over account, a leaked API key used from four cloud
// hosts while its owner's bot runs. Benign: the IPO print's rush and 429s, carrier CGNAT, a family and an
// investment club on one address, password resets, a traveller adding a bank, an upstream outage, an
// aggregator syncing statements from fixed AWS addresses, a tax-season export, a QA smoke test, a VPN with
// rotating exits.
//
// Scored once, before any fix drawn from it: 4 / 42 attacker
// addresses (the 2FA cycler's two addresses by their failures, the takeover's second address by its
// funding change from a new network, the statement enumerator), 5 / 422 benign addresses flagged (the
// aggregator's four addresses by the anomaly model and a consumer rate spike, the tax export held at the
// limiter). Missed: everything thin and slow: the spray one login every 9-17 minutes per address, the farm
// and the scrapers spread over many fresh accounts, stuffing at 1-2 logins per address inside a rush, the
// takeover's first address (sold positions, no funding change), the replayed session and the leaked key
// spread over hours rather than half an hour, the pump.
// Fixed later in the same session from the technique (so no longer held out), in part: a slow spray (8
// failures or more over two hours, each for another account) is credential stuffing. Now 8 / 42, the same 5
// benign addresses; everything else above is still missed. A later session's behaviour.account-farming
// (accounts opened from one address, each claiming a reward) names the promo farm's eight addresses:
// 16 / 42, the same benign addresses; its slow stuffing pool (3 h) the spray and most of the stuffing
// inside the rush: 30 / 42; a withdrawal within the hour of a change to the account's security (the SIM
// swap's new contact details): 31 / 42.
// A later session's stuffing pools keep an address that logged in for an account it had not failed for and
// never used the session (a pool's hit): a traveller abroad whose refreshed token and one-time code were
// refused before the login worked is named with the pool at work then (31 / 42, one more benign address).
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '174.55.140.114',
  '188.81.14.203',
  '2600:1f18:4a3:6e00::1c',
  '34.231.7.201',
  '52.21.187.44',
  '52.21.190.12',
])

describe('check17 behaviour sample (scored once, then partly fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check17-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 31, 42, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
