// The "check24" behaviour set (test/fixtures/detection/make-check24-behaviour-sample.py): a Seoul online
// broker's day behind Kong 3.x on the last subscription day of a hot KOSDAQ IPO (2026-03-18 00:00-23:57
// KST, 18,561 requests, 215 attacker and 706 benign addresses, 57% IPv6), where the consumer is the
// channel's app key (one identity for every app user) and a pre-function logs a session fingerprint,
// written by a separate helper late in a session, after most fixes of it, without reading the rules or
// the detection code and without running the engine on it. Attacks: fast stuffing from servers, slow
// residential stuffing and stuffing hidden in the peaks, spraying, OTP and PIN guessing, ID enumeration,
// a leaked partner key, infostealer session replay, an AiTM relay, SIM-swap and help-desk takeovers, a
// pump through stuffed accounts, IDOR walks, an IPO subscription bot, an insider.
//
// Scored once: **70 / 215** attacker addresses, **6 / 706** benign addresses flagged (a locked-out user
// named by the slow stuffing pool; four app users and a synthetic login monitor read as one credential on
// many addresses, the app key being every user's consumer).
// Fixed since from the technique (so no longer held out):
//   - pump-rotation reads the account number from the order's body (accountNo, account_number…): the app
//     key is every user's consumer here, so every order looked like one account's. The six pump
//     addresses: 76 / 215.
//   - a consumer whose requests carry four sessions at once within the window (the session fingerprint the
//     pre-function logs) is an app's key shared by its users: five benign addresses no longer read as one
//     credential spreading at midnight, before logins had named three accounts. 76 / 215, 1 / 706.
//   - the stuffing pools read a request under an app's key without a session (the app's config, the IPO
//     page a bot loads between attempts) as anonymous, once the key's users' sessions showed it an app's;
//     a PIN login's device is its account, so an owner retrying their own PIN is not counted: 145 / 215,
//     0 / 706.
//   - account lookup reads "find my ID" forms (id/find, find-id) and a sign-up's check-id: 155 / 215.
//   - behaviour.second-factor-guessing: one-time codes guessed for sprayed accounts, a fresh challenge
//     fetched with the password when the tries ran out, from rotating addresses: 160 / 215.
//   - security-change-withdrawal follows a session under an app's key, and reads a transfer that follows a
//     payee added after the change as money out (the SIM-swap takeovers; the benign phone changes that
//     paid an existing payee stay quiet): 165 / 215.
// A later session's behaviour.object-walk named the seven IDOR walkers on order numbers, and the stuffing
// pools one more hit-taking address: 165 -> 173.
// The next session's moved-session detector names three more (replayed sessions refused the money): 176.
// A later session (check34's): an address signing in as five accounts or more within 20 minutes and
// entering each into one allocation (behaviour.allocation-farming, rotation form) → 178 / 215 (two more
// IPO subscription bots).
// Later (check34's session): a payout destination set up counts for the multi-account cash-out like a
// withdrawal → 179.
// Later, the ring form of allocation farming (check37's session: four addresses or more within the hour,
// each rotating three freshly signed-in accounts into one IPO within eight minutes) → 186 / 215: seven
// of the subscription bots of the two storms. The two families on one device that rotated their members
// near a storm are counted in the ring but not named: an address is named only by an entry made while
// the ring is at work.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set(['112.180.137.172'])

describe('check24 behaviour sample (scored held out, being fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check24-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 186, 215, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
