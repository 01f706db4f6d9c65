// The "check23" behaviour set (test/fixtures/detection/make-check23-behaviour-sample.py): an Indian discount
// broker's Union Budget day behind Kong 3.9 (a Sunday special session, 2026-02-01 07:20-17:40 IST, 18,312
// requests, 268 attacker and 502 benign addresses, 57% IPv6), with per-client consumers, an order-system
// brown-out during the speech and a payments maintenance window, written by a separate helper at the start
// of a session without reading the rules or the detection code and without running the engine on it.
// Attacks: fast and low-and-slow stuffing through residential and mobile proxies, a lunch-time spray,
// reset-OTP and MPIN guessing, sign-up mobile-number and forgot-password enumeration, leaked algo-API key
// and infostealer session validation, a stolen session replayed to pump a small cap, an AiTM phishing relay,
// SIM-swap takeovers changing payout, contract-note and order-id walks, referral farming, a partner key used
// from new addresses, a support insider.
//
// Scored once and NOT fixed: the open, honest behaviour figure for the next round. **176 / 268** attacker
// addresses, **14 / 502** benign addresses flagged: mobile users whose withdrawal after the close came from
// a network new to their account (new-network-funding-change, 7), a help-desk office and a dealer (one
// address), two partners' batches and three clients bulk-downloading their own contract notes (anomaly).
// Missed: all 32 referral farmers, 28 sign-up enumerators, the session and key validators (12), the AiTM
// relay, the replayed sessions, the order-id walk, the MPIN guesser, the SIM-swap payout changes partly.
// Since fixed from the technique (so no longer held out):
//   - a session that moved with its holder (the same session header from the network before, that network
//     silent since) withdrawing to a saved account is not a takeover: 176 / 268, 8 / 502.
//   - key-validation reads any credential (a redacted Authorization, a session header), counts the
//     consumers of live keys the service refused, and weighs refusals against the consumers accepted
//     rather than the requests (a validator uses each session that works for several requests): 185 / 268.
//   - account lookup reads a sign-up's check of mobile numbers (check-mobile, msisdn, customer…): 209 / 268.
//   - behaviour.pump-rotation: accounts liquidated into one thin name (the AiTM relays' and a replayed
//     session's buys): 213 / 268.
//   - behaviour.lockout-cycling: a stolen phone's PIN guessed to the lock four times from four addresses:
//     217 / 268.
//   - other.emulator-signup: 19 of the 32 referral farmers opened their accounts from the Android SDK's
//     emulator: 236 / 268.
//   - a review of key-validation stopped counting refusals behind a redacted Authorization that carry
//     neither an API key, a consumer nor a readable session (an office's stale browser session polled all
//     night looked the same): one algo-API key validator is lost, 235 / 268.
// A later session's object walks, referral rings, OIDC subjects as accounts and stuffing-pool hits (a login
// that worked for an account the address had not failed for, whose session it never used): 235 -> 236.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '115.112.83.194',
  '13.235.100.6',
  '182.72.24.228',
  '183.82.226.102',
  '2406:da1a:a85:e2b9:7e0:dc54:a3f1:19f1',
  '3.111.39.190',
  '49.207.26.233',
  '65.1.191.23',
])

describe('check23 behaviour sample (scored held out, being fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check23-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 236, 268, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
