// The window behind a pattern spread over many addresses (one account failing from many, one password
// failing for many accounts): its recent failures with their addresses (and a label, such as the account),
// and what naming every address taking part needs: the newest request of the last few addresses, the
// quiet period after the pattern is reported, and the addresses named since. Bounded on every side.
import type { RequestRecord } from '../request-record'
import { refOf, type WindowRef } from './behaviour-signal'

/** Addresses named when the window tips, at most (the others are named as they try again). */
const NAMED_AT_ONCE = 16
/**
 * Addresses named in one attack (until the window tips again), at most: a stuffing run through a few
 * hundred residential exits is named whole, so each exit can be blocked; a botnet of thousands gets its
 * first few hundred named an hour, not thousands of findings, and the set of names stays bounded. (Each
 * named address is an incident of its own: grouping a distributed attack into one is still to come.)
 */
const MAX_NAMED = 256

export class SpreadWindow {
  readonly times: number[] = []
  readonly ips: string[] = []
  readonly labels: string[] = []
  /** The newest request of each of the last NAMED_AT_ONCE addresses. */
  private readonly recent = new Map<string, WindowRef>()
  private quietUntil = 0
  /** The addresses already named since the window last tipped (null before it has). */
  private named: Set<string> | null = null

  /** `cap` bounds the failures held, however fast they come. */
  constructor(private readonly cap: number) {}

  /** Adds a failure of `r` (whose address is known), first dropping those before `cutoff`. */
  add(r: RequestRecord, ip: string, cutoff: number, label = ''): void {
    let drop = 0
    while (drop < this.times.length && (this.times[drop] ?? 0) < cutoff) drop++
    if (this.times.length + 1 - drop > this.cap) drop = this.times.length + 1 - this.cap
    if (drop > 0) for (const a of [this.times, this.ips, this.labels]) a.splice(0, drop)
    this.times.push(r.time)
    this.ips.push(ip)
    this.labels.push(label)
    this.recent.delete(ip)
    this.recent.set(ip, refOf(r))
    if (this.recent.size > NAMED_AT_ONCE) {
      const oldest = this.recent.keys().next()
      if (!oldest.done) this.recent.delete(oldest.value)
    }
  }

  distinctAddresses(): number {
    return new Set(this.ips).size
  }

  distinctLabels(): number {
    return new Set(this.labels).size
  }

  /** True while the pattern, once reported, still counts as the same attack. */
  quiet(time: number): boolean {
    return time < this.quietUntil
  }

  /** During the quiet period: true the first time `ip` takes part (it is to be named), once per address. */
  joins(ip: string): boolean {
    if (this.named === null || this.named.has(ip) || this.named.size >= MAX_NAMED) return false
    this.named.add(ip)
    return true
  }

  /**
   * Reports the pattern: starts the quiet period until `until` and returns a request of each other
   * address seen since `cutoff`, to be named with the one that tipped it.
   */
  tip(ip: string, until: number, cutoff: number): WindowRef[] {
    this.quietUntil = until
    this.named = new Set(this.ips)
    const out: WindowRef[] = []
    for (const [a, ref] of this.recent) if (a !== ip && ref.time >= cutoff) out.push(ref)
    return out
  }
}
