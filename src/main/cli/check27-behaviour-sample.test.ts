// The "check27" behaviour set (test/fixtures/detection/make-check27-behaviour-sample.py): a Dubai online
// broker on a Ramadan weekday behind Kong 3.x (2026-03-04, Gulf time, 16,883 requests, 200 attacker and 616
// benign addresses), web users known by a session cookie and no consumer, the mobile app one consumer for
// all its users (Kong's jwt plugin), partners and staff as consumers; a shortened market session, a quiet
// iftar hour and a late-night peak, an IPO allotment, an order-service outage, a wallet promotion. Written by
// a separate helper late in a session, after every behaviour fix of it, without reading the rules or the
// detection code and without running the engine on it. Attacks: fast and residential stuffing, spraying,
// OTP, push-fatigue and PIN guessing, sign-up and P2P-recipient enumeration, IDOR walks, market-data,
// research and profile scraping, bonus farming, card and bank-account testing, infostealer session
// replay, SIM-swap and help-desk takeovers, mule cash-outs, a leaked partner key, a rogue partner, an
// insider.
//
// Scored once and NOT fixed: the open, honest behaviour figure for the next round. **114 / 200** attacker
// addresses, **2 / 616** benign addresses flagged (a web user and a SIM-swap victim locked out, named by the
// stuffing pools).
//   missed: 25 research scrapers (one session over 25 exits), 15 card testers, 10 profile scrapers, 9
//   session replays, 7 market-data scrapers, 6 sign-up enumerators, 4 bank-account testers, 3 mule
//   cash-outs, 2 PIN guessers, a P2P-recipient enumerator, push fatigue, a leaked-key address, the insider,
//   the help-desk takeover.
// Later the same session, behaviour.card-testing, written for check26's card testers (this sample's were not
// looked at), found its 15 card testers: 129 / 200, the same 2 benign addresses. The other fixes made after
// it was scored (a completed password reset is its holder's; `@@` glued to a word) changed nothing here.
// The next session fixed it from the technique: a web session's cookie counted and followed exit after
// exit (token-many-addresses: the 25 research scrapers), a sign-up check's 409 read as an answer (6
// enumerators), a replayed session refused the money on a new network (6 of 9 replays), bank accounts
// tested through the payee check (4), one address emptying several accounts (2 of 3 mules), Scrapy's
// user agent (4), scripts walking the listing's quotes (behaviour.market-data-harvest, 6): 182 / 200, the
// same 2 benign addresses.
//   still missed: 7 profile scrapers (five profiles per address, the leaderboard walked across 10
//   addresses), 3 replays that only read, 2 PIN guessers, a mule, push fatigue,
//   a P2P-recipient enumerator, the help-desk takeover, the insider, the leaked-key address.
// Later: one session cookie presented by rotating browsers (behaviour.session-agent-rotation) → 183 / 200.
// Later (check37's session): approval pushes asked again and again after one login, where no poll shows
// the outcome (behaviour.push-fatigue) → 185.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['5.107.174.24', '94.201.91.78'])

describe('check27 behaviour sample (held out, then fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check27-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 185, 200, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
