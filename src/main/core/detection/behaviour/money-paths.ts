// Where money leaves an account, and where a destination for it is set up: the paths the takeover
// detectors (funding-change.ts, security-change.ts) watch.

import { DESTINATION_WORDS, MONEY_IN_WORDS, MONEY_OUT_WORDS } from './path-words'

/** Money sent out: a withdrawal or a payout, in the desks' languages too. */
export const MONEY_OUT_PATH = new RegExp(
  `(?:^|[/_.-])(?:withdraw(?:al)?s?|payouts?|${MONEY_OUT_WORDS})(?:$|[/?_.-])`,
  'i',
)

/**
 * A destination for money set up: a withdrawal or payout account (or bank), beneficiary, payee, allowlisted address, bank
 * account (a linked or external bank), wallet or crypto address, a payment instruction or
 * standing order.
 */
export const DESTINATION_PATH = new RegExp(
  `(?:^|[/_.-])(?:(?:withdrawal|payout)-?(?:accounts?|destinations?|methods?|banks?)|beneficiar(?:y|ies)|payees?|whitelist|allowlist|bank-?accounts?|(?:linked|external)-?(?:banks?|accounts?)|(?:wallet|crypto)-?address(?:es)?|payment-?instructions?|standing-?orders?|${DESTINATION_WORDS})(?:$|[/?_.-])`,
  'i',
)

/**
 * Money put in: a deposit, a top-up, a pay-in (in the desks' languages: depósito, Einzahlung, wpłata,
 * yatırma, setoran, nạp tiền…).
 */
export const MONEY_IN_PATH = new RegExp(`(?:^|[/_.-])(?:${MONEY_IN_WORDS})(?:$|[/?_.-])`, 'i')

/** True for a path where money leaves the account or a destination for it is set up. */
export function isFundingPath(path: string): boolean {
  return MONEY_OUT_PATH.test(path) || DESTINATION_PATH.test(path)
}
