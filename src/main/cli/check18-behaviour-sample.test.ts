// The "check18" behaviour set (test/fixtures/detection/make-check18-behaviour-sample.py): 24 hours of a
// bank's FX and money-markets portal for corporate treasurers behind Kong 3.x (2026-05-06 05:00 to 05:00
// UTC, 22,947 requests, 344 attacker and 170 benign addresses, IPv4 and IPv6), written by a separate helper
// at the end of the session, without reading the rules or the detection code and without running the
// engine on it. Attacks: a slow spray from five VPS all day, distributed stuffing from 305 residential
// addresses with one attempt each overnight, a treasurer's token replayed from two hosting providers hours
// apart, a takeover that changes a supplier payee's IBAN and pays EUR 1.84m from a new network,
// confirmation-id enumeration, FX-rate scraping over 21 trial accounts, MFA push fatigue, a leaked TMS
// credential used every couple of hours from six clouds, a night download of every entity's statements,
// an insider paging the client list from an internal desktop. Benign: the ECB spike with 429s, a
// corporate group's 30 subsidiaries behind a rotating pool of 38 cloud-security-proxy addresses, a
// travelling treasurer who adds a payee, an ERP posting payments and a TMS retrying through an outage, a
// night settlement batch, a corporate VPN rotating exits over hosting providers, an internal auditor, a
// mobile app on carrier NAT, synthetic monitoring.
//
// Scored once, before any fix drawn from it: 159 / 344 attacker
// addresses (150 of the 305 stuffing addresses, all five sprayers, the takeover, the push fatigue, the
// enumeration, the night download), **49 / 170 benign addresses flagged**: 25 of the group's proxy
// addresses (one consumer from a rotating pool that takes turns: token-many-addresses), the VPN users'
// payments from rotating exits (new-network funding change), treasurers' 401s on the platform's own
// /portal route read as a console probe, the mobile app and mistypes in the stuffing pool, and the anomaly
// model on pollers and batches. Missed: the scrapers over trial accounts, half the one-attempt stuffing,
// the token replay and the leaked credential spread over hours, the insider on an internal address.
// Partly fixed later in the same session from the technique (so no longer held out): an address several
// accounts come from (a proxy, a NAT) is shared egress, neither a spreading credential's newcomer nor a new
// network for a funding change; an account already seen on more than four networks roams; a 401 is no
// console probe. Now 159 / 344 and 12 benign addresses (the anomaly model on pollers and batches, the
// stuffing pool on the mobile app and mistypes, two VPN users' payments). Missed as above.
// In a later session a stuffing pool names an address only when it still looks like a pool's ten minutes
// later (not a customer retrying their own account, who then logs in or resets): the mobile app and the
// mistypes are no longer flagged, 8 benign addresses. Then up to 256 addresses named per tip, not 64: the
// one-attempt stuffing night is named nearly whole, 311 / 344.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '10.30.5.21',
  '178.62.27.142',
  '18.184.34.194',
  '194.162.69.240',
  '194.6.9.65',
  '217.165.14.71',
  '3.120.32.231',
  '45.32.100.45',
])

describe('check18 behaviour sample (scored once, then partly fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check18-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 311, 344, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
