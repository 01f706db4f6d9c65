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
// Scored once, and NOT fixed: the open, honest behaviour figure for the next round. 159 / 344 attacker
// addresses (150 of the 305 stuffing addresses, all five sprayers, the takeover, the push fatigue, the
// enumeration, the night download), **49 / 170 benign addresses flagged**: 25 of the group's proxy
// addresses (one consumer from a rotating pool that takes turns: token-many-addresses), the VPN users'
// payments from rotating exits (new-network funding change), treasurers' 401s on the platform's own
// /portal route read as a console probe, the mobile app and mistypes in the stuffing pool, and the anomaly
// model on pollers and batches. Missed: the scrapers over trial accounts, half the one-attempt stuffing,
// the token replay and the leaked credential spread over hours, the insider on an internal address.
// The test keeps these floors, so a change can only raise them.
import { describe, expect, it } from 'vitest'
import { scoreBehaviourSample } from './labelled-sample.test-helper'

const MEASURED_FALSE_ALARMS: ReadonlySet<string> = new Set([
  '10.30.5.21',
  '116.117.180.154',
  '12.81.248.234',
  '136.226.62.140',
  '136.226.62.165',
  '136.226.62.178',
  '136.226.62.239',
  '136.226.62.86',
  '147.161.166.101',
  '147.161.166.139',
  '147.161.166.184',
  '147.161.166.85',
  '147.161.174.113',
  '147.161.174.168',
  '147.161.174.76',
  '165.225.26.122',
  '165.225.26.124',
  '165.225.26.125',
  '165.225.26.167',
  '165.225.72.109',
  '165.225.72.128',
  '165.225.72.201',
  '165.225.72.215',
  '165.225.72.64',
  '165.225.80.120',
  '165.225.80.158',
  '165.225.80.210',
  '165.225.80.220',
  '165.225.80.72',
  '165.225.80.78',
  '178.62.27.142',
  '18.184.34.194',
  '188.166.24.12',
  '194.162.69.240',
  '194.25.55.215',
  '194.33.124.142',
  '194.52.73.8',
  '194.6.9.65',
  '202.53.66.117',
  '202.76.11.167',
  '213.17.155.213',
  '213.60.162.153',
  '217.165.14.71',
  '3.120.32.231',
  '45.32.100.45',
  '62.178.20.58',
  '62.26.121.127',
  '80.187.8.241',
  '80.226.193.85',
])

describe('check18 behaviour sample (held out: scored, not yet fixed)', () => {
  it('names the measured attacker addresses and no more benign ones', async () => {
    const s = await scoreBehaviourSample('check18-behaviour-sample', {
      attackLabel: 'attack',
      counts: () => true,
    })
    expect(s.found.length, `missed: ${s.missed.length}`).toBeGreaterThanOrEqual(159)
    expect(s.found.length + s.missed.length).toBe(344)
    expect(
      s.falseAlarms.filter((ip) => !MEASURED_FALSE_ALARMS.has(ip)),
      'benign addresses with any finding',
    ).toEqual([])
  }, 120_000)
})
