// Cards cashed out: an account funded from card after card, the payments accepted, and the money taken
// out to a bank account within the hours that follow. The cards are stolen or bought (or their holders
// talked into paying), the account is a mule's, and the broker is the laundromat that turns card money
// into a bank transfer; a trade or two in between (bought and sold back) makes it look like investing.
// A customer funds from their own card or two; a family's second card makes two.
//
// Three distinct cards or more whose payments were accepted from one address within six hours, and a
// withdrawal from it within two hours of the last. Addresses many accounts come from (a carrier's NAT,
// shared-egress.ts) are left out: their cards are many people's.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import { keepRecent, windowText, type BehaviourDetector } from './behaviour-signal'
import { CARDS, cardOf } from './card-testing'
import { MONEY_IN_PATH, MONEY_OUT_PATH } from './money-paths'
import type { SharedEgress } from './shared-egress'

export interface CardCashOutOptions {
  /** Cards whose payments were accepted… */
  readonly cards: number
  /** …within this long… */
  readonly windowMs: number
  /** …and a withdrawal within this long of the last. */
  readonly cashOutMs: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_CARD_CASH_OUT: CardCashOutOptions = {
  cards: 3,
  windowMs: 6 * 3_600_000,
  cashOutMs: 2 * 3_600_000,
  suppressMs: 12 * 3_600_000,
  maxAddresses: 50_000,
}

/** Card payments kept per address: enough for the threshold, bounded. */
const MAX_PAYMENTS = 16

interface Address {
  /** Accepted card payments: [when, card hash]. */
  readonly payments: [number, number][]
  quietUntil: number
}

/** Creates the card cash-out detector (per client address). */
export function createCardCashOutDetector(
  opts = DEFAULT_CARD_CASH_OUT,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null || r.status < 200 || r.status >= 300) return null
      if (r.method !== 'POST' && r.method !== 'PUT') return null
      if (MONEY_OUT_PATH.test(r.path)) {
        const a = addresses.get(r.ip)
        if (!a || r.time < a.quietUntil) return null
        keepRecent(a.payments, r.time - opts.cashOutMs - opts.windowMs, MAX_PAYMENTS, (p) => p[0])
        const last = a.payments[a.payments.length - 1]
        if (last === undefined || r.time - last[0] > opts.cashOutMs) return null
        const cards = new Set<number>()
        for (const [t, card] of a.payments) if (t >= last[0] - opts.windowMs) cards.add(card)
        if (cards.size < opts.cards || (egress?.shared(r.ip) ?? false)) return null
        a.quietUntil = r.time + opts.suppressMs
        return {
          category: 'other',
          rule: 'behaviour.card-cash-out',
          severity: 'high',
          confidence: Math.min(0.9, 0.6 + 0.1 * (cards.size - opts.cards)),
          summary: `${r.ip} funded the account from ${cards.size} cards within ${windowText(opts.windowMs)} and took the money out within ${windowText(opts.cashOutMs)} of the last: cards cashed out through the account`,
          details: { cards: cards.size },
        }
      }
      if (!CARDS.path.test(r.path) && !MONEY_IN_PATH.test(r.path)) return null
      const card = cardOf(r)
      if (card === null) return null
      let a = addresses.get(r.ip)
      if (!a) {
        a = { payments: [], quietUntil: 0 }
        addresses.set(r.ip, a)
      }
      keepRecent(a.payments, r.time - opts.windowMs, MAX_PAYMENTS, (p) => p[0])
      a.payments.push([r.time, card])
      return null
    },
  }
}
