// Farmed accounts entering a limited allocation: an IPO's lottery or book, a promotional bond or deposit
// capped per customer. One machine signs in as account after account and enters each for the same
// product, to win more of the allocation than one customer may. The accounts were opened together, in a
// batch, so their login names or account numbers run in a series (`mei.ogawa036`, `yuki.sasaki037`;
// `1049229-01`, `1049232-01`), whatever names the farmer gave them.
//
// A family entering the same IPO from one tablet, or a carrier's NAT where many customers enter at the
// opening, shows several accounts too, but their numbers were given years apart. So: from one address,
// three accounts or more entering the same product (the same entry path) within the window, and three of
// the numbers they carry (the account in the entry's body, else the login names that signed in from the
// address meanwhile) lying within a dozen of each other.
//
// Or the rotation itself, whatever the numbers (accounts bought or opened one by one): from one address,
// five accounts or more entering one product within 20 minutes, and five login names or more signed in
// from it meanwhile, one after another. A carrier's NAT at an IPO's opening has several customers enter,
// but most were signed in already (a session from the morning); it is the farmer who signs in afresh as
// each account, enters and signs out.
//
// Or the ring: a farmer spreads the accounts over many addresses (a pool of mobile or residential
// proxies), three or four an address, as few as a family entering from one phone, and as fast: one
// address proves nothing then. Several at once do: four addresses or more within the hour, each rotating
// three accounts or more into the same product within eight minutes, each signed in afresh (three login
// names). An address is named by its own entry while the ring is at work, never after the fact: a family
// that rotated its members just before a farm's storm is counted in the ring, not named for it. A
// carrier NAT's customers were mostly signed in already.
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import type { AppKeys } from './app-keys'
import {
  accountOrSessionOf,
  timeItself,
  touchRecent,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
} from './behaviour-signal'
import { bodyAccountOf } from './pump-rotation'

export interface AllocationFarmingOptions {
  readonly windowMs: number
  /** Accounts entering one product from one address… */
  readonly accounts: number
  /** …of which this many carry numbers… */
  readonly series: number
  /** …lying within this span of each other. */
  readonly span: number
  /** Or: accounts entering one product within rotationMs from one address… */
  readonly rotation: number
  /** …and login names signed in from it in that time. */
  readonly rotationLogins: number
  readonly rotationMs: number
  /** Or: addresses each rotating ringRotation accounts into one product (as above)… */
  readonly ring: number
  readonly ringRotation: number
  /** …within ringRotationMs… */
  readonly ringRotationMs: number
  /** …all within this time of each other. */
  readonly ringMs: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_ALLOCATION_FARMING: AllocationFarmingOptions = {
  windowMs: 2 * 3_600_000,
  accounts: 3,
  series: 3,
  span: 12,
  rotation: 5,
  rotationLogins: 5,
  rotationMs: 20 * 60_000,
  ring: 4,
  ringRotation: 3,
  ringRotationMs: 8 * 60_000,
  ringMs: 3_600_000,
  suppressMs: 3 * 3_600_000,
  maxAddresses: 50_000,
}

// An entry into a limited allocation: a subscription, lottery entry, application or bid, under a product
// that is allotted (an IPO or offering, a bond or issue, a tender, a promotion); in the desks' languages
// too (zapisy: Polish subscriptions; talep: Turkish demand; moshikomi: Japanese application;
// souscription, inschrijving, Zeichnung, suscripción, sottoscrizione, subscrição).
const PRODUCT =
  /(?:^|[/_.-])(?:ipos?|offerings?|bonds?|issues?|lottery|tenders?|promos?|campaigns?|allotments?|halka-?arz|emisja|oferta|chusen)(?:$|[/_.-])/i
const ENTRY =
  /(?:^|[/_.-])(?:subscribe|subscriptions?|lottery-?entr(?:y|ies)|entr(?:y|ies)|apply|applications?|bids?|orders?|zapisy|zapis|talep|moshikomi|cheongyak|souscriptions?|souscrire|inschrijvingen|inschrijving|zeichnungen|zeichnung|zeichnen|suscripciones|suscripcion|sottoscrizioni|sottoscrizione|subscricao)\/?$/i
/** Accounts and login names kept per address and product: enough for the thresholds, bounded. */
const MAX_KEPT = 16
/** Products followed for rings, and addresses kept per ring: bounded under a flood. */
const MAX_RINGS = 1_024
const MAX_RING = 64

interface Product {
  /** account (entry's body account, else its session) → [when, the series number it carries or NaN] */
  readonly accounts: Map<string, [number, number]>
  quietUntil: number
}

/** The addresses rotating accounts into one product: the ring form. */
interface Ring {
  /** address → when it was last seen rotating, oldest first */
  readonly rotating: Map<string, number>
  /** address → when it was named, oldest first: each is named once a suppression period */
  readonly named: Map<string, number>
}

interface Address {
  /** login name → [when it signed in, its series number or NaN] */
  readonly logins: Map<string, [number, number]>
  readonly products: Map<string, Product>
}

/**
 * The series number an identifier carries: its longest run of two digits or more, the last of equals (an
 * e-mail's local part; `1049229-01` is account 1049229, its `-01` a sub-account).
 */
export function seriesNumber(id: string): number {
  const local = id.includes('@') ? id.slice(0, id.indexOf('@')) : id
  let best = ''
  for (const run of local.match(/\d{2,12}/g) ?? []) if (run.length >= best.length) best = run
  return best === '' ? NaN : Number(best)
}

/** True when `count` of the numbers lie within `span` of each other. */
export function inSeries(numbers: readonly number[], count: number, span: number): boolean {
  const sorted = numbers.filter((n) => Number.isFinite(n)).sort((a, b) => a - b)
  for (let i = 0; i + count - 1 < sorted.length; i++)
    if ((sorted[i + count - 1] as number) - (sorted[i] as number) <= span) return true
  return false
}

/**
 * Whether `count` accounts or more entered the product since `since`, and `logins` login names or more
 * signed in from the address meanwhile: one signed-in login after another.
 */
function rotated(p: Product, a: Address, since: number, count: number, logins: number): boolean {
  let entered = 0
  for (const [when] of p.accounts.values()) if (when >= since) entered++
  if (entered < count) return false
  let signedIn = 0
  for (const [when] of a.logins.values()) if (when >= since) signedIn++
  return signedIn >= logins
}

/** Creates the allocation-farming detector (per client address and product). */
export function createAllocationFarmingDetector(
  opts = DEFAULT_ALLOCATION_FARMING,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const addresses = createBoundedMap<string, Address>(opts.maxAddresses)
  const rings = createBoundedMap<string, Ring>(MAX_RINGS)
  /** The ring form: `r`'s address rotates accounts into the product `key`; a signal when a ring shows. */
  const ringOf = (r: RequestRecord, ip: string, key: string): BehaviourSignal | null => {
    let g = rings.get(key)
    if (g === undefined) {
      g = { rotating: new Map(), named: new Map() }
      rings.set(key, g)
    }
    touchRecent(g.rotating, ip, r.time, r.time - opts.ringMs, MAX_RING, timeItself)
    // A ring is named while it works: enough addresses rotating within the hour, this one among them,
    // each by its own entry and once a suppression period.
    if (g.rotating.size < opts.ring) return null
    const named = g.named
    for (const [k, when] of named) {
      if (when >= r.time - opts.suppressMs && named.size <= 4 * MAX_RING) break
      named.delete(k)
    }
    if (named.has(ip)) return null
    named.set(ip, r.time)
    return ringSignal(r, g.rotating.size, opts)
  }
  const addressOf = (ip: string): Address => {
    let a = addresses.get(ip)
    if (a === undefined) {
      a = { logins: new Map(), products: new Map() }
      addresses.set(ip, a)
    }
    return a
  }
  return {
    get size() {
      return addresses.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.method !== 'POST' || r.ip === null || r.status === null) return null
      if (r.status < 200 || r.status >= 300) return null
      const cutoff = r.time - opts.windowMs
      // a login that names its user (an API key on every call of an app is no login here)
      const name = isLoginAttempt(r) ? usernameOf(r) : null
      if (name !== null) {
        const seen: [number, number] = [r.time, seriesNumber(name)]
        touchRecent(addressOf(r.ip).logins, name, seen, cutoff, MAX_KEPT, (v) => v[0])
        return null
      }
      if (!ENTRY.test(r.path) || !PRODUCT.test(r.path)) return null
      const bodyAccount = bodyAccountOf(r.body)
      const account = bodyAccount ?? accountOrSessionOf(r, appKeys)
      if (account === null) return null
      const a = addressOf(r.ip)
      const key = r.path.toLowerCase()
      let p = a.products.get(key)
      if (p === undefined) {
        if (a.products.size >= MAX_KEPT) a.products.delete(a.products.keys().next().value as string)
        p = { accounts: new Map(), quietUntil: 0 }
        a.products.set(key, p)
      }
      const seen: [number, number] = [
        r.time,
        bodyAccount === null ? NaN : seriesNumber(bodyAccount),
      ]
      touchRecent(p.accounts, account, seen, cutoff, MAX_KEPT, (v) => v[0])
      if (r.time < p.quietUntil || p.accounts.size < opts.accounts) return null
      const fromBodies = [...p.accounts.values()].map((v) => v[1])
      const fromLogins = [...a.logins.values()].filter((v) => v[0] >= cutoff).map((v) => v[1])
      const numbers = fromBodies.some((n) => Number.isFinite(n)) ? fromBodies : fromLogins
      const series = inSeries(numbers, opts.series, opts.span)
      if (!series && !rotated(p, a, r.time - opts.rotationMs, opts.rotation, opts.rotationLogins)) {
        const ringSince = r.time - opts.ringRotationMs
        if (!rotated(p, a, ringSince, opts.ringRotation, opts.ringRotation)) return null
        return ringOf(r, r.ip, key)
      }
      p.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.allocation-farming',
        severity: 'medium',
        confidence: 0.7,
        summary: series
          ? `${p.accounts.size} accounts entered ${scrubSecrets(r.path).slice(0, 60)} from ${r.ip} within ${windowText(opts.windowMs)}, their ${numbers === fromBodies ? 'account numbers' : 'login names'} running in a series: farmed accounts taking more of a limited allocation than one customer may`
          : `${p.accounts.size} accounts entered ${scrubSecrets(r.path).slice(0, 60)} from ${r.ip} within ${windowText(opts.windowMs)}, one signed in after another (${opts.rotation}+ within ${windowText(opts.rotationMs)}): farmed accounts taking more of a limited allocation than one customer may`,
        details: { accounts: p.accounts.size, series: series ? 1 : 0 },
      }
    },
  }
}

function ringSignal(
  r: RequestRecord,
  addresses: number,
  opts: AllocationFarmingOptions,
): BehaviourSignal {
  return {
    category: 'other',
    rule: 'behaviour.allocation-farming',
    severity: 'medium',
    confidence: 0.7,
    summary: `${addresses} addresses each rotated ${opts.ringRotation}+ freshly signed-in accounts into ${scrubSecrets(r.path).slice(0, 60)} within ${windowText(opts.ringRotationMs)}, all within ${windowText(opts.ringMs)}: a farm spreading its accounts over many addresses to take more of a limited allocation than one customer may`,
    details: { addresses, ring: 1 },
  }
}
