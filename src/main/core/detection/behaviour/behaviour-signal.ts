// What a behaviour detector reports about the request that tipped a window over its threshold. The
// engine turns it into a Finding; below the print threshold it only counts in the batch's summary.
import type { Category, Severity } from '../../../../shared/model'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import type { AppKeys } from './app-keys'

/**
 * What a window is about. A finding about a route or a consumer does not name the address of the request
 * that happened to tip it, so incidents group it with the route's (or consumer's) other findings.
 */
export type BehaviourScope = 'ip' | 'consumer' | 'route'

/** Where a finding points: a request, by its record id and line, with the entities it names. */
export interface WindowRef {
  readonly recordId: string
  readonly line: number | null
  readonly time: number
  readonly ip: string | null
  readonly consumer: string | null
  readonly route: string | null
}

/** A request's WindowRef: a few fields, so a window can name the request without holding all of it. */
export function refOf(r: RequestRecord): WindowRef {
  return {
    recordId: r.recordId,
    line: r.line,
    time: r.time,
    ip: r.ip,
    consumer: r.consumer,
    route: r.route,
  }
}

export interface BehaviourSignal {
  /** Default 'ip': the finding carries the tipping request's address, consumer and route. */
  readonly scope?: BehaviourScope
  readonly category: Category
  readonly rule: string
  readonly severity: Severity
  readonly confidence: number
  /** One sentence for the evidence field, numbers included, no secrets. */
  readonly summary: string
  /** The numbers that drove it, for the officer (feature → value). */
  readonly details: Readonly<Record<string, number | string>>
  /**
   * For a pattern spread over many addresses (one account failing from many, one credential used from
   * many): a request of each other address in the window. Each gets a finding of its own, so every
   * address taking part is named and can be blocked, not only the one whose request tipped the window.
   */
  readonly accomplices?: readonly WindowRef[]
  /**
   * The request the finding is about, when it is not the one observed: a judgement that waited to see
   * how an address went on names the earlier request that took part.
   */
  readonly at?: WindowRef
}

export interface BehaviourDetector {
  observe(r: RequestRecord): BehaviourSignal | null
  /** Entities held in memory (bounded by each detector's capacity). */
  readonly size: number
  /**
   * What the detector has learnt that takes hours or days to learn again (baselines, habits), as plain
   * JSON data, so a restart of the app does not begin from nothing. Short windows (the last minutes of
   * failed logins) are not kept: after a restart they are stale anyway. Absent when nothing is learnt.
   */
  save?(): unknown
  /** Takes back what save() returned; throws (learning nothing) when the data is not what it wrote. */
  load?(data: unknown): void
}

/** Confidence that grows with how far past its threshold a count is, from `base` towards 0.99. */
export function confidenceOver(count: number, threshold: number, base = 0.6): number {
  return Math.min(0.99, base + 0.2 * Math.log2(Math.max(1, count / threshold)) + 0.05)
}

export const timeItself = (t: number): number => t

/** The time of a window reference, for touchRecent over a map of them. */
export const refTime = (ref: WindowRef): number => ref.time

/** Drops timestamps older than `cutoff` from the front of an ascending array. */
export function dropBefore(times: number[], cutoff: number): void {
  keepRecent(times, cutoff, Infinity, timeItself)
}

/**
 * Drops from the front of a time-ordered array the items older than `cutoff`, then the oldest until fewer
 * than `max` are left, so that one more fits: a window bounded in time and in size.
 */
export function keepRecent<T>(
  items: T[],
  cutoff: number,
  max: number,
  timeOf: (item: T) => number,
): void {
  let i = 0
  while (i < items.length && (timeOf(items[i] as T) < cutoff || items.length - i >= max)) i++
  if (i > 0) items.splice(0, i)
}

/**
 * Notes `key` as seen again (its entry moved last, with `value`) in a map kept in order of last sight, then
 * drops from the front the entries older than `cutoff` and, past `max` entries, the least recently seen:
 * the distinct things (pages, keys, numbers, sessions) of a window bounded in time and in size.
 */
export function touchRecent<K, V>(
  map: Map<K, V>,
  key: K,
  value: V,
  cutoff: number,
  max: number,
  timeOf: (value: V) => number,
): void {
  map.delete(key)
  map.set(key, value)
  for (const [k, v] of map) {
    if (timeOf(v) >= cutoff && map.size <= max) break
    map.delete(k)
  }
}

/** A window's length as a finding says it: "15 min", "6 h". */
export function windowText(ms: number): string {
  return ms >= 3_600_000 ? `${ms / 3_600_000} h` : `${ms / 60_000} min`
}

/**
 * The account a request acts for: its consumer, else the subject an authentication plugin vouched for
 * without a consumer (customers signed in through OpenID Connect); null when neither is known.
 */
export function accountOf(r: RequestRecord): string | null {
  if (r.consumer !== null && r.consumer !== '') return r.consumer
  return r.subject !== null && r.subject !== '' ? r.subject : null
}

/**
 * Whose account a request acts on, for detectors that follow an account through its changes: its consumer
 * (accountOf); under an app's key every user shares (app-keys.ts), or with no consumer at all (a web
 * site's users known only by their session cookie), the session it carries; null when nothing tells.
 */
export function accountOrSessionOf(r: RequestRecord, appKeys: AppKeys | null): string | null {
  const c = accountOf(r)
  if (c !== null && (appKeys === null || !appKeys.has(c))) return c
  const s = sessionKey(r)
  return s === 0 ? null : `${c ?? ''}\u0000${s}`
}

/** The latest request of each address other than `ip` among `refs`: a finding's accomplices. */
export function otherAddresses(refs: Iterable<WindowRef>, ip: string): Map<string, WindowRef> {
  const out = new Map<string, WindowRef>()
  for (const x of refs) if (x.ip !== null && x.ip !== ip) out.set(x.ip, x)
  return out
}

/**
 * While a reported pattern lasts, whether `ip` joins it for the first time (then noted in `named`): each
 * address taking part is named once, up to `max` of them.
 */
export function joinsNamed(named: Set<string> | null, ip: string, max = Infinity): boolean {
  if (named === null || named.has(ip) || named.size >= max) return false
  named.add(ip)
  return true
}

/**
 * A request the application read and turned down: a 4xx other than 401 (no credential it accepts) and 429
 * (not read at all). An unknown code, a payment for an account that is not the caller's.
 */
export function refusedAfterReading(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 429
}

// A browser's user agent: `Mozilla/5.0 (…)`, as every browser and web view sends, shared by millions.
const BROWSER_AGENT = /^mozilla\/5\.0 \(/i

/** The request's User-Agent ('' without one). */
export function userAgentOf(r: RequestRecord): string {
  for (const h of r.headers) if (h.name === 'user-agent') return h.value
  return ''
}

/** True when the request comes from a browser (or a web view), by its User-Agent. */
export function fromBrowser(r: RequestRecord): boolean {
  return BROWSER_AGENT.test(userAgentOf(r))
}
