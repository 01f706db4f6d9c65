// Account enumeration through the doors that tell who is a customer: a forgotten-password or reset form,
// an unlock or recovery request, a sign-up form's "is this e-mail taken" check. Many applications answer
// an unknown account differently (404 account_not_found against 200 sent), so one address asking about
// many accounts, many of them unknown, is building a list of customers to phish or to stuff; one asking
// about very many, whatever the answers, is at least flooding customers with reset mail.
//
// A customer who forgot a password asks for one account, maybe twice, maybe with a mistyped e-mail first.
// A family or a small office behind one address asks for two or three. Pace does not matter: the list is
// built patiently, one request every few minutes, over hours.
//
// Left out: requests presenting a credential (a help desk's tool resetting customers' passwords is logged
// in); addresses many accounts come from (a university's NAT, a corporate proxy) need twice the numbers.
import {
  AVAILABLE_WORDS,
  CHECK_WORDS,
  FORGOT_WORDS,
  IDENTITY_WORDS,
  SIGNUP_PATH,
} from './path-words'
import { presentedKey } from '../api-key'
import { createBoundedMap } from '../bounded-map'
import { percentDecode } from '../decode'
import { fnv1a32 } from '../fnv'
import { usernameOf } from '../bruteforce'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { confidenceOver, type BehaviourDetector } from './behaviour-signal'
import type { SharedEgress } from './shared-egress'

export interface AccountLookupOptions {
  readonly windowMs: number
  /** Distinct accounts asked about, of which… */
  readonly accounts: number
  /** …at least this many answered as unknown. */
  readonly unknown: number
  /** Distinct accounts asked about, whatever the answers. */
  readonly floodAccounts: number
  /** How much more an address many accounts come from must ask (shared-egress.ts). */
  readonly sharedFactor: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_ACCOUNT_LOOKUP: AccountLookupOptions = {
  windowMs: 3 * 3_600_000,
  accounts: 6,
  unknown: 3,
  floodAccounts: 12,
  sharedFactor: 2,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 50_000,
}

// A payee check (Confirmation / Verification of Payee: does this IBAN belong to this name?) is a lookup
// too: asked about account after account, it sorts a list of IBANs and names into the ones that match,
// for fraud that then pays or impersonates them. A customer checks the payee they are adding, once.
const PAYEE_CHECK_PATH =
  /(?:^|[/_.-])(?:(?:verify|check|confirm(?:ation)?|verification)[/_.-]?(?:of[/_.-]?)?(?:payees?|beneficiar(?:y|ies)|recipients?)|(?:payees?|beneficiar(?:y|ies)|recipients?|iban)[/_.-]?(?:name[/_.-]?)?(?:verification|verify|check|match|confirmation)|verification[/_.-]?beneficiaires?|verifier[/_.-]?beneficiaires?|verificacion[/_.-]?beneficiarios?|empfaenger[/_.-]?(?:pruefung|ueberpruefung))(?:$|[/_.-])/i

// Recovery and lookup endpoints: forgot-password, password/reset, reset-password, recover-account,
// account/unlock, check-email, check-mobile, check-id, check-identity, check-pesel, check-availability (of
// the e-mail or phone its query names), email/exists, username/available, accounts/lookup, and the
// "find my ID" forms (find-id, id/find, find-username; Korean id-chatgi, Japanese id-wasure) that answer
// whether a name and phone hold one, and a sign-up's identity-number check (kyc/pan/verify, whose 409 says
// someone already holds an account under it).
const ENGLISH_LOOKUP_PATH =
  /(?:^|[/_.-])(?:(?:forgot(?:ten)?|reset|recover(?:y)?|unlock|lost)(?:$|[/_.-])|find[/_.-]?(?:id|login|account|username|user)(?:$|[/_.-])|(?:id|login|account|username)[/_.-]find(?:$|[/_.-])|(?:check|lookup|verify)[/_.-]?(?:e-?mail|username|login(?:-?id)?|id|identity|id-?number|account|phone|mobile|msisdn|user|customer|member|client|availab(?:le|ility))(?:$|[/_.-])|(?:e-?mail|username|login|account|phone|mobile|msisdn|users?|customer|member|client)s?[/_.-]?(?:exists?|availab(?:le|ility)|taken|lookup|check|registered)(?:$|[/_.-])|kyc\/(?:pan|aadhaa?r|tax-?id|national-?id|id-?number|ssn)\/(?:verify|check|validate|lookup)(?:$|[/_.-]))/i
// …and in the desks' other languages: /senha/esqueci, /cadastro/verificar-cpf, /olvide-contrasena,
// /mot-de-passe/reinitialisation, /inscription/email-disponible.
const LOOKUP_PATH = new RegExp(
  `(?:^|[/_.-])(?:(?:${FORGOT_WORDS})(?:$|[/_.-])|(?:${CHECK_WORDS}|check|lookup)[/_.-]?(?:${IDENTITY_WORDS})(?:$|[/_.-])|(?:${IDENTITY_WORDS})[/_.-]?(?:${AVAILABLE_WORDS})(?:$|[/_.-]))|${ENGLISH_LOOKUP_PATH.source}|${PAYEE_CHECK_PATH.source}`,
  'i',
)

// The query parameters that name an account, lower-cased.
const ACCOUNT_PARAMS = new Set([
  'email',
  'e-mail',
  'mail',
  'username',
  'user',
  'login',
  'loginid',
  'login_id',
  'account',
  'phone',
  'mobile',
  'msisdn',
  // national identity numbers a sign-up checks (CPF, PESEL, T.C. kimlik, DNI, NIF…)
  'cpf',
  'cnpj',
  'pesel',
  'tckn',
  'kimlik',
  'dni',
  'nif',
  'nie',
  'nik',
  'national_id',
  'nationalid',
  'id_number',
  'tax_id',
  'ssn',
])

// What a "find my ID" form asks for in a JSON body: a national or resident number (often masked past the
// birth date), a phone or its last digits, a birth date, beside the holder's name. Together, one person.
// A payee check's IBAN, beside the name it should belong to, is one account the same way.
const IDENTITY_FIELD =
  /"(iban|rrn|resident_?(?:registration_?)?(?:number|no)|jumin(?:_?no)?|my_?number|national_?id|id_?number|ssn|cpf|pesel|tckn|kimlik|dni|nif|nik|pan|aadhaa?r|phone(?:_?last_?\d)?|mobile(?:_?last_?\d)?|birth_?date|date_?of_?birth|dob|name|full_?name)"\s*:\s*"([^"]{1,64})"/gi

/** The person a find-my-ID body describes, its identity fields joined; null without one beside the name. */
function identityOf(body: string): string | null {
  let out = ''
  let identity = false
  for (const m of body.slice(0, 2_048).matchAll(IDENTITY_FIELD)) {
    const name = (m[1] as string).toLowerCase()
    if (!name.endsWith('name')) identity = true
    out += `${name}=${(m[2] as string).trim().toLowerCase()};`
  }
  return identity ? out : null
}

/**
 * The account a recovery or lookup request names (body, Basic credentials, query), lower-cased and
 * percent-decoded (a query's `a%40b.example` and a sign-up body's `a@b.example` are one account); else the
 * person a find-my-ID body describes.
 */
function accountOf(r: RequestRecord): string | null {
  const named = usernameOf(r)
  if (named !== null) return named.includes('%') ? percentDecode(named, false) : named
  for (const q of r.query)
    if (ACCOUNT_PARAMS.has(q.name.toLowerCase()) && q.value.trim() !== '') {
      const v = q.value.trim().toLowerCase().slice(0, 128)
      return v.includes('%') ? percentDecode(v, false) : v
    }
  return r.body !== null && r.body.startsWith('{') ? identityOf(r.body) : null
}

interface Window {
  times: number[]
  accounts: number[]
  /** Per lookup: answered 404 (no such account), 409 (taken: an account has it), or otherwise (2xx). */
  answers: Answer[]
  quietUntil: number
}

type Answer = 'missing' | 'taken' | 'ok'

/** Creates the recovery and lookup enumeration detector (per client address). */
export function createAccountLookupDetector(
  opts = DEFAULT_ACCOUNT_LOOKUP,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const windows = createBoundedMap<string, Window>(opts.maxAddresses)
  const cap = 4 * opts.floodAccounts * opts.sharedFactor
  // A sign-up that worked for an account the address had just checked: the check was the owner's, about
  // to open it (a campus's sign-up day, a branch's tablet), not a list being built. It is forgotten.
  const forgetOpened = (r: RequestRecord, ip: string): void => {
    const w = windows.get(ip)
    const account = w === undefined ? null : accountOf(r)
    if (w === undefined || account === null) return
    const h = fnv1a32(account)
    for (let i = w.accounts.length - 1; i >= 0; i--)
      if (w.accounts[i] === h) {
        w.times.splice(i, 1)
        w.accounts.splice(i, 1)
        w.answers.splice(i, 1)
      }
  }
  return {
    get size() {
      return windows.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.status === null) return null
      const opened =
        r.method === 'POST' && r.status >= 200 && r.status < 300 && SIGNUP_PATH.test(r.path)
      if (opened && !LOOKUP_PATH.test(r.path)) {
        forgetOpened(r, r.ip)
        return null
      }
      // A read counts only when its query names an account (an availability check).
      if ((r.method === 'GET' || r.method === 'HEAD') && r.query.length === 0) return null
      if (!LOOKUP_PATH.test(r.path)) return null
      if (presentedKey(r) !== null || r.headers.some((h) => h.name === 'authorization')) return null
      // Only answers that tell something: refused, rate-limited or failing requests say nothing. A sign-up
      // check answers a taken e-mail or phone with 409 Conflict.
      const answer: Answer = r.status === 404 ? 'missing' : r.status === 409 ? 'taken' : 'ok'
      if (answer === 'ok' && (r.status < 200 || r.status >= 300)) return null
      const account = accountOf(r)
      if (account === null) return null
      let w = windows.get(r.ip)
      if (!w) {
        w = { times: [], accounts: [], answers: [], quietUntil: 0 }
        windows.set(r.ip, w)
      }
      const cutoff = r.time - opts.windowMs
      let drop = 0
      while (drop < w.times.length && (w.times[drop] ?? 0) < cutoff) drop++
      if (drop > 0 || w.times.length >= cap) {
        const n = Math.max(drop, w.times.length - cap + 1)
        w.times.splice(0, n)
        w.accounts.splice(0, n)
        w.answers.splice(0, n)
      }
      w.times.push(r.time)
      w.accounts.push(fnv1a32(account))
      w.answers.push(answer)
      if (r.time < w.quietUntil) return null
      const distinct = new Set(w.accounts)
      // Where the service answers a taken account with 409, its 2xx means free: no customer has it.
      const free: Answer = w.answers.includes('taken') ? 'ok' : 'missing'
      const unknownAccounts = new Set(
        w.accounts.filter((_, i) => w.answers[i] === 'missing' || w.answers[i] === free),
      ).size
      const factor = egress?.shared(r.ip) ? opts.sharedFactor : 1
      const listed =
        distinct.size >= opts.accounts * factor && unknownAccounts >= opts.unknown * factor
      const flood = distinct.size >= opts.floodAccounts * factor
      if (!listed && !flood) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'enumeration',
        rule: 'behaviour.account-lookup-enumeration',
        severity: 'medium',
        confidence: confidenceOver(distinct.size, opts.accounts * factor),
        summary: `${r.ip} asked ${r.method} ${scrubSecrets(r.path).slice(0, 60)} and the like about ${distinct.size} accounts within ${opts.windowMs / 3_600_000} h, ${unknownAccounts} of them answered unknown (404, or free where others were taken)`,
        details: {
          accounts: distinct.size,
          unknownAccounts,
          requests: w.times.length,
        },
      }
    },
  }
}
