// Phone numbers tried in order: one address asks the sign-up check, the payee lookup or the recipient
// search about 0720276100, 0720276101, 0720276102… to learn which numbers are customers (a list for
// phishing or SIM-swap targets, or mules to pay). A person looks up the numbers they were given, in no
// order; a lookup walked number after number, each one to three above the one before, is a script.
//
// Phone-like fields (phone, msisdn, mobile, tel…) in the query or a JSON / form body, nine digits or more;
// a run of eight values, each 1 to 3 above the one before, pauses under 10 minutes, from one address.
import { createBoundedMap } from '../bounded-map'
import { PHONE_NAMES } from '../credential-names'
import type { RequestRecord } from '../request-record'
import type { BehaviourDetector } from './behaviour-signal'

export interface NumberWalkOptions {
  /** Values in a row, each 1 to 3 above the one before. */
  readonly run: number
  /** Longest pause inside a run. */
  readonly gapMs: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_NUMBER_WALK: NumberWalkOptions = {
  run: 8,
  gapMs: 10 * 60_000,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 50_000,
}

const WALKED_NAMES = `${PHONE_NAMES}|telephone|recipient_?phone|to_?phone|payee_?phone`
const PHONE_NAME = new RegExp(`^(?:${WALKED_NAMES})$`, 'i')
const PHONE_FIELD = new RegExp(
  `["']?(?:${WALKED_NAMES})["']?\\s*[:=]\\s*["']?(\\+?[\\d\\s().%-]{9,24})`,
  'i',
)

interface Walk {
  last: number
  lastTime: number
  run: number
  quietUntil: number
}

/** The phone number a request names, in its query or a POST's body (its digits, as a number), or null. */
export function phoneOf(r: RequestRecord): number | null {
  for (const q of r.query) if (PHONE_NAME.test(q.name)) return digitsOf(q.value)
  if (r.body === null || r.method === 'GET') return null
  const m = PHONE_FIELD.exec(r.body.slice(0, 2_048))
  return m ? digitsOf(m[1] as string) : null
}

function digitsOf(value: string): number | null {
  const d = value.replace(/%2b/gi, '').replace(/\D/g, '')
  return d.length >= 9 && d.length <= 15 ? Number(d) : null
}

/** Creates the phone-number walk detector (per client address). */
export function createNumberWalkDetector(opts = DEFAULT_NUMBER_WALK): BehaviourDetector {
  const walks = createBoundedMap<string, Walk>(opts.maxAddresses)
  return {
    get size() {
      return walks.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || (r.query.length === 0 && r.body === null)) return null
      const n = phoneOf(r)
      if (n === null) return null
      const w = walks.get(r.ip)
      if (w === undefined) {
        walks.set(r.ip, { last: n, lastTime: r.time, run: 1, quietUntil: 0 })
        return null
      }
      if (n === w.last) {
        w.lastTime = r.time
        return null
      }
      const step = n - w.last
      w.run = step >= 1 && step <= 3 && r.time - w.lastTime <= opts.gapMs ? w.run + 1 : 1
      w.last = n
      w.lastTime = r.time
      if (w.run < opts.run || r.time < w.quietUntil) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'enumeration',
        rule: 'behaviour.phone-number-walk',
        severity: 'medium',
        confidence: 0.75,
        summary: `${r.ip} asked ${r.path.slice(0, 60)} about ${w.run} phone numbers in order, each one to three above the last: a script finding which numbers are customers`,
        details: { run: w.run },
      }
    },
  }
}
