// The "check29" behaviour set (test/fixtures/detection/make-check29-behaviour-sample.py): a South African
// online broker on a month-end Monday behind Kong 3.x (2026-08-31, SAST, 20,116 requests, 203 attacker and
// 596 benign addresses): JSE and US sessions, payday deposits, scheduled power cuts (load-shedding) that
// silence whole ISP ranges for two hours and bring them back in reconnect storms, a TFSA promotion with
// referral vouchers; web users known by a cookie, the app one consumer with a JWT subject per user,
// partners and staff as consumers. Passwords are logged masked, in form bodies percent-encoded. Written by a
// separate helper late in a session, after every behaviour fix of it, without reading the rules, the
// detection code or the earlier samples, and without running the engine on it.
//
// Scored once: **127 / 203** attacker addresses, **84 / 596** benign addresses flagged. 72 of those came
// from one bug, fixed at once: a masked password in a form body (password=%2A%2A…) was compared before it
// was decoded, so every masked login shared one "password" and the spraying detector named every address
// that failed a login. After that fix: 127 / 203, 12 / 596 (stuffing pools naming retail users, proxy and
// Wi-Fi addresses; the QA bot's deliberate alias sign-ups). Otherwise NOT fixed: the open behaviour figure
// for the next round.
//   missed: 38 distributed research scrapers (one subscriber's cookie over 38 exits), 9 pump-and-dump
//   accounts, 8 replays that only look, 6 mule cash-outs, 3 SIM swaps, 3 voucher guessers, 2 help-desk
//   takeovers, 2 payout races, a statement walk, a referral farmer, a sign-up enumerator, the insider, a
//   replay that withdrew.
// Next session: 127 / 203, 6 / 596: a holder's few refused second-factor codes after a password that
// worked no longer make the address a stuffing pool's member.
// Two sessions later: one session presented by three different browsers is a replay kit rotating its
// name (behaviour.session-agent-rotation), and every new address presenting it is named → 164 / 203,
// 6 / 596 (37 of the 38 distributed scrapers); then, from check31's false alarms, an app's one consumer
// whose requests name several devices is an app's key, not a credential spreading → 164 / 203, 1 / 596.
// Then: a console or key paging on through a list of clients (eight pages, five ordered by wealth) is
// the client book being taken (behaviour.client-list-harvest): the insider → 165 / 203.
// Three sessions later (check32): eight different codes refused on a voucher's claim path from one
// address within an hour is codes guessed (behaviour.reward-code-guessing) → 168 / 203 (the three
// voucher guessers); a web user's session cookie as the account of new-network-funding-change → 169 / 203.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['13.244.242.95'])

describe('check29 behaviour sample (held out: scored once, not yet fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check29-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 169, 203, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
