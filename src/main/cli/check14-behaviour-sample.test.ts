// The "check14" behaviour set (test/fixtures/detection/make-check14-behaviour-sample.py): a Tokyo trading
// day (07:00–19:00 JST, 25,897 requests, 117 addresses) on an equities broker's institutional API behind
// Kong 3.9, written by a separate helper without reading the rules or the detection code and without
// running the engine on it. Requests look ordinary; only behaviour tells the 40 attacker addresses apart:
// password spraying from three hosting addresses in turn, a slow brute force from two VPSs, credential
// stuffing from 14 residential proxies (three lucky logins then reads), OTP guessing, OAuth client-secret
// guessing, sequential order-id walking by a logged-in client, a leaked API client's secret used from 10
// cloud addresses for slow document enumeration, a reference-data scraper, a live trader's token replayed
// from four new addresses, an account takeover that adds a withdrawal bank and withdraws. The 77 benign
// addresses include the open, lunch and closing-auction peaks, two NAT'd offices, one algo client behind a
// rotating pool of 8 proxy addresses, mistyped passwords, a 13-minute SSO outage, an upstream incident, a
// monitor polling a removed route, roaming mobile users, algos held at the limiter at the open, a client
// secret rotation, an announced load test, a close-of-day reconciliation batch and a compliance review.
//
// Scored once, held out, per address (found = any finding names one of its requests): 37 / 40 attacker
// addresses, 17 / 77 benign addresses flagged (32 benign requests). Missed: one stolen-token address, both
// account-takeover addresses. Flagged: all 8 addresses of the algo's proxy pool (one consumer from many
// public addresses), an office during the SSO outage, two nodes of the rotating client, a roaming user's
// latency in the incident, and the anomaly model's windows on six others (SSO outage, the close batch, the
// compliance review, an API client).
// The test keeps these floors, so a change can only raise them.
import { describe, expect, it } from 'vitest'
import { scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '61.200.80.17',
  '61.200.80.18',
  '61.200.80.19',
  '61.200.80.20',
  '150.249.12.33',
  '150.249.12.34',
  '150.249.12.35',
  '150.249.12.36',
  '202.32.115.66',
  '220.113.230.152',
  '60.182.87.39',
  '118.238.201.11',
  '118.238.201.12',
  '111.239.176.3',
  '118.238.201.30',
  '10.12.3.40',
  '52.68.143.12',
])

describe('check14 behaviour sample (held out: scored once)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check14-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expect(s.found.length, `missed: ${s.missed.join(' ')}`).toBeGreaterThanOrEqual(37)
    expect(s.found.length + s.missed.length).toBe(40)
    expect(
      s.falseAlarms.filter((ip) => !MEASURED_FALSE_ALARMS.has(ip)),
      'benign addresses with any finding',
    ).toEqual([])
  }, 120_000)
})
