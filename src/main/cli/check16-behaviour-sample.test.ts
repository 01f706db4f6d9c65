// The "check16" behaviour set (test/fixtures/detection/make-check16-behaviour-sample.py): 36 hours of a
// crypto-derivatives exchange's API behind Kong 3.9 (31,142 requests, 44 attacker and 684 benign
// addresses, IPv4 and IPv6), written by a separate helper without reading the rules or the detection code
// and without running the engine on it. Attacks: API-key brute force on the signed API, overnight
// credential stuffing from a 22-address botnet (1-2 logins each over six hours), a session replayed from a
// cloud IPv6 and IPv4 while its owner trades, withdrawal whitelisting right after a login from a new
// address, sub-account enumeration, referral-bonus farming from two /24s, market-data scraping over
// sixteen fresh API keys, a stolen key hammering the limiter, a password-reset flood against VIP accounts,
// 2FA guessing. Benign: market makers at hundreds of requests a minute, funding-time bot spikes with 429s,
// a fund's trading servers behind a 20-address AWS NAT pool (one key), IPv6 privacy addresses, a
// matching-engine outage, KYC webhooks, a broker's nightly sub-account report, support staff, a listing
// frenzy behind carrier NAT, key rotation, a stale cron job, a quant backfilling history.
//
// Scored once, held out, per address (found = any finding names one of its requests): 23 / 44 attacker
// addresses, 25 / 684 benign addresses flagged. Missed: 15 of the 22 overnight stuffing addresses, the
// cloud IPv6 of the session replay, the withdrawal whitelisting, all four referral farmers. Flagged: all 20
// addresses of the fund's AWS NAT pool (one key from many /24s: token-many-addresses), two market makers'
// route rate during the outage's retries, a retail bot held at the limiter at funding, a quant's backfill
// windows (anomaly), an institution's key rotation (other.mass-assignment).
// Fixed in the same session from the technique (so no longer held out): a credential has an owner when
// its first address used it alone for a window; without one, only addresses taking turns count, not a
// deployment's rotation that changes address on most requests (the NAT pool); a funding change from a
// network the account first used minutes before names the withdrawal whitelisting. Now 24 / 44 and 5
// benign addresses: two market makers' route rate during the outage's retries, a retail bot at the limiter
// at funding, the quant's backfill (anomaly), the key rotation (other.mass-assignment). Still missed: 15 of
// the 22 overnight stuffing addresses, the session replay's cloud IPv6, the four referral farmers.
// A later session's behaviour.account-farming (accounts opened from one address, each claiming a reward)
// names the four referral farmers: 28 / 44; its slow stuffing pool (3 h) most of the overnight botnet:
// 39 / 44.
// A later session's object walks, referral rings, OIDC subjects as accounts and stuffing-pool hits (a login
// that worked for an account the address had not failed for, whose session it never used): 39 -> 42.
// The same session then read a completed password reset as its holder's (the code went to the holder):
// the three addresses gained above had been reached only by counting customers who reset their password
// as pool members, and are missed again: 39 / 44.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectBehaviourMeasured, scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '110.90.92.90',
  '194.9.118.107',
  '54.65.38.130',
  '73.90.230.4',
  '81.98.179.85',
])

describe('check16 behaviour sample (scored once, then fixed by technique)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check16-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expectBehaviourMeasured(s, 39, 44, MEASURED_FALSE_ALARMS)
  }, 120_000)
})
