// Card testing: stolen card numbers checked through the broker's card deposit or top-up, a small amount
// on card after card, most declined (402), the few that pass kept for fraud elsewhere. One account (or
// address) tries many cards in minutes, under many holders' names. A customer whose card is declined
// tries it again, or their second card: one or two cards, under their own name.
//
// The card is read from the request body as the payment form sends it: a masked number (`491914******7686`),
// its last four digits, or a token of the payment processor; the holder's name where the form sends one.
//
// Payment addresses are tested the same way (behaviour.payment-handle-testing): UPI addresses
// (name@bank), PIX keys or PayIDs bought or guessed, each sent a collect request for a rupee or two, or
// validated, to learn which exist and which holders approve without reading. A customer funds from their
// own one or two; a family applying together, from four or five, none refused.
//
// Bank accounts are tested the same way (behaviour.bank-account-testing): bought or phished IBANs and
// holders' names checked through the broker's payee verification (confirmation of payee) or its form for
// adding a payout account, which says whether the name matches the account. A customer checks their own
// account or two; a tester, account after account under other people's names, some refused (422).
import { CARD_WORDS, MONEY_IN_WORDS, PAYMENT_WORDS } from './path-words'
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import {
  confidenceOver,
  joinsNamed,
  keepRecent,
  otherAddresses,
  refOf,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface CardTestingOptions {
  readonly windowMs: number
  /** Distinct cards tried in the window… */
  readonly cards: number
  /** …of which payments were declined at least this many times. */
  readonly declined: number
  readonly suppressMs: number
  readonly maxEntities: number
}

export const DEFAULT_CARD_TESTING: CardTestingOptions = {
  windowMs: 30 * 60_000,
  cards: 6,
  declined: 5,
  suppressMs: 2 * 3_600_000,
  maxEntities: 50_000,
}

// The same slowly: a card every twenty minutes or so, through the night, to stay under the half hour's
// count. Six cards and five declines in six hours are as far past a customer's one or two cards as in
// half an hour.
export const DEFAULT_SLOW_CARD_TESTING: CardTestingOptions = {
  ...DEFAULT_CARD_TESTING,
  windowMs: 6 * 3_600_000,
}

// Card payments: a card deposit, top-up, charge or payment method added.
const CARD_PATH = new RegExp(
  `(?:^|[/_.-])(?:cards?|card-?deposits?|card-?payments?|card-?top-?ups?|payment-?methods?|charges?|top-?ups?|${CARD_WORDS}|${PAYMENT_WORDS})(?:$|[/_.-])`,
  'i',
)
// The card as the form sends it: a (masked) number, its last four digits, a processor's token, or the
// device account number a wallet (Apple Pay, Google Pay) pays with in its place (`dpan_suffix`).
const CARD_FIELD =
  /"(?:pan|masked_?pan|card|card_?(?:number|no|num)|number|last_?4|last_?four|card_?token|payment_?method_?id|fingerprint|dpan(?:_?suffix)?|final|ultimos_?(?:4|digitos)|numero(?:_?(?:cartao|tarjeta|carte))?|kartennummer|kaartnummer|numer_?karty)"\s*:\s*"([^"]{4,64})"/i
const DECLINED: ReadonlySet<number> = new Set([400, 402, 403, 422])
/** Attempts kept per entity: enough for the thresholds, bounded under a flood. */
const MAX_ATTEMPTS = 64

interface Entity {
  /** Recent attempts: [time, card hash, declined, the request]. */
  attempts: [number, number, boolean, WindowRef][]
  quietUntil: number
  /** The addresses named since the entity was reported (null before). */
  named: Set<string> | null
}

/** The card a payment request names (hashed), or null. */
export function cardOf(r: RequestRecord): number | null {
  return instrumentOf(r, CARD_FIELD)
}

function instrumentOf(r: RequestRecord, field: RegExp): number | null {
  if (r.body === null) return null
  const m = field.exec(r.body.slice(0, 4_096))
  return m ? fnv1a32((m[1] as string).replace(/\s/g, '').toUpperCase()) || 1 : null
}

/** What is tested, where, and how the finding names it. */
export interface TestedInstrument {
  readonly rule: string
  readonly path: RegExp
  readonly field: RegExp
  /** Plural noun for the summary ("cards"). */
  readonly noun: string
  readonly verdict: string
}

export const CARDS: TestedInstrument = {
  rule: 'behaviour.card-testing',
  path: CARD_PATH,
  field: CARD_FIELD,
  noun: 'cards',
  verdict: 'payments declined: stolen cards being tested',
}

/** Cards tested slowly (DEFAULT_SLOW_CARD_TESTING), under a rule of their own. */
export const SLOW_CARDS: TestedInstrument = { ...CARDS, rule: 'behaviour.slow-card-testing' }

export const BANK_ACCOUNTS: TestedInstrument = {
  rule: 'behaviour.bank-account-testing',
  // a payout account, beneficiary or payee added or verified, a payee check
  path: /(?:^|[/_.-])(?:payout-?accounts?|withdrawal-?accounts?|beneficiar(?:y|ies)|payees?|bank-?accounts?|(?:linked|external)-?(?:banks?|accounts?)|iban|confirmation-?of-?payee|cop|account-?verification)(?:$|[/_.-])/i,
  field:
    /"(?:iban|account_?(?:no|num|number)|bank_?account(?:_?(?:no|num|number))?|acct_?(?:no|num|number))"\s*:\s*"([^"]{6,40})"/i,
  noun: 'bank accounts',
  verdict: 'refused: bank accounts and holders being tested',
}

// Where a payment address is used: a card or money-in path, a UPI collect request, a payment handle
// validated, a mandate
const HANDLE_PATH = new RegExp(
  `${CARD_PATH.source}|(?:^|[/_.-])(?:${MONEY_IN_WORDS}|upi|vpas?|collect(?:-?requests?)?|validate-?(?:vpa|handle|upi|pix|key)|mandates?|pix|payid)(?:$|[/_.-])`,
  'i',
)

export const PAYMENT_HANDLES: TestedInstrument = {
  rule: 'behaviour.payment-handle-testing',
  path: HANDLE_PATH,
  // a UPI virtual payment address (name@bank), a PIX key, a PayID
  field:
    /"(?:vpa|upi_?id|payer_?vpa|virtual_?(?:payment_?)?address|pix_?key|chave_?pix|payid)"\s*:\s*"([^"]{3,64})"/i,
  noun: 'payment addresses',
  verdict: "refused: other people's payment addresses being tested",
}

export const DEFAULT_BANK_ACCOUNT_TESTING: CardTestingOptions = {
  windowMs: 60 * 60_000,
  cards: 6,
  declined: 2,
  suppressMs: 2 * 3_600_000,
  maxEntities: 50_000,
}

/**
 * Creates the card-testing detector (per session or signed-in customer, else per address), or the
 * bank-account one with BANK_ACCOUNTS.
 */
export function createCardTestingDetector(
  opts = DEFAULT_CARD_TESTING,
  what: TestedInstrument = CARDS,
): BehaviourDetector {
  const entities = createBoundedMap<string, Entity>(opts.maxEntities)
  return {
    get size() {
      return entities.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null || r.status === null || (r.method !== 'POST' && r.method !== 'PUT'))
        return null
      if (r.status >= 500 || r.status === 401 || r.status === 429 || !what.path.test(r.path))
        return null
      const card = instrumentOf(r, what.field)
      if (card === null) return null
      // Whose attempts: the session (a tester keeps one across proxies), else the customer an OIDC plugin
      // vouched for, else the address. Not the consumer: it may be the app's key for all its users.
      const session = sessionKey(r)
      const key =
        session !== 0 ? `s:${session}` : r.consumer === null && r.subject ? `u:${r.subject}` : r.ip
      let e = entities.get(key)
      if (!e) {
        e = { attempts: [], quietUntil: 0, named: null }
        entities.set(key, e)
      }
      keepRecent(e.attempts, r.time - opts.windowMs, MAX_ATTEMPTS, (a) => a[0])
      e.attempts.push([r.time, card, DECLINED.has(r.status), refOf(r)])
      const cards = new Set(e.attempts.map((a) => a[1])).size
      let declined = 0
      for (const a of e.attempts) if (a[2]) declined++
      const signal = (accomplices: WindowRef[]): BehaviourSignal => ({
        category: 'other',
        rule: what.rule,
        severity: 'high',
        confidence: confidenceOver(cards, opts.cards, 0.65),
        summary: `${cards} ${what.noun} tried on ${r.method} ${scrubSecrets(r.path).slice(0, 60)} within ${windowText(opts.windowMs)}, ${declined} ${what.verdict}`,
        details: { cards, declined, attempts: e.attempts.length },
        accomplices,
      })
      // another address of the same session testing while it lasts
      if (r.time < e.quietUntil) return joinsNamed(e.named, r.ip) ? signal([]) : null
      if (cards < opts.cards || declined < opts.declined) return null
      e.quietUntil = r.time + opts.suppressMs
      // One request per other address that took part.
      const others = otherAddresses(
        e.attempts.map((a) => a[3]),
        r.ip,
      )
      e.named = new Set([r.ip, ...others.keys()])
      return signal([...others.values()])
    },
  }
}
