// The "check37" set (test/fixtures/detection/make-check37-sample.py): ECS documents (nested, and some in
// the flat dotted-key form; `@timestamp` in UTC, +01:00 and +02:00) of a Cairo / Casablanca / Tunis online
// broker serving Egypt, Morocco, Tunisia, Algeria and expatriates (EGX, Casablanca and Tunis exchanges,
// treasury bills and bons du Trésor, sukuk, OPCVM funds, US and French stocks through a partner, gold
// certificates; Meeza, CMI, InstaPay, Fawry, bank and mobile-wallet funding; web, mobile GraphQL, an algo
// API, a partner API, research, a support desk with an AI assistant, KYC uploads, tax forms, webhooks,
// back office) on Tuesday 10 February 2026, prose in Arabic (Modern Standard, Egyptian, Darija and
// Tunisian, in Arabic letters and in Latin "Arabizi" with digits), French and English. Written by a
// separate helper at the start of a session, without reading the rules, the detection code or the
// earlier samples, and without running the engine on it.
//
// Scored once: **135 / 140** attacks in their category, **1 / 137** benign flagged.
//   missed: prompt injections to the support assistant in Egyptian and Tunisian Arabizi, a Log4Shell
//   lookup in a custom header, a PHP serialized object in a cookie, mass assignment of a commission rate
//   at sign-up.
//   flagged: a withholding-tax certificate download whose path carries an accented French word.
// Fixed the same session: headers an ECS shipper wrote as flat keys of their own
// (`"http.request.headers.x-api-version"`) are read, which the normaliser had lost (the JNDI lookup and
// the serialized cookie); prompt injection in Arabizi (forget all the instructions, you are admin with
// no limits, send me the system prompt; instructions the writer gave stay quiet); a customer's own KYC
// application setting its verdict, its AML check or its commission rate is mass assignment
// → **140 / 140**, 1 / 137.
// The flagged line stays flagged: it shows user NK-070028 downloading a certificate filed under client
// NK-004417's number (other.foreign-owner). The generator drew the signed-in user at random, so the line
// reads as another client's document; the finding is what an officer would want.
// The test keeps these floors, so a change can only raise them.
import { describe, it } from 'vitest'
import { expectMeasured, scoreSample } from './labelled-sample.test-helper'

const MEASURED: Readonly<Record<string, number>> = {
  sqli: 22,
  xss: 20,
  traversal: 16,
  rce: 16,
  log4shell: 10,
  ssrf: 14,
  scanner: 14,
  other: 28,
}

const MEASURED_FALSE_POSITIVES: ReadonlySet<number> = new Set([258])

describe('check37 sample (held out: scored once)', () => {
  it('keeps the measured recall per category and flags no more benign requests', async () => {
    const s = await scoreSample('check37-sample')
    expectMeasured(s, MEASURED, MEASURED_FALSE_POSITIVES, 137)
  }, 60_000)
})
