// A credential handed on: one account's session or key used from network after network, each for a stretch
// and then never again, several at once. A subscriber reselling a premium market-data login, or a stolen
// session passed round a group, shows this shape: a few buyers poll at any moment, each for half an hour,
// and new ones keep arriving for hours. No 30-minute window holds five of them, so the spread detector
// (token-spread.ts) does not see it; over hours it is unmistakable.
//
// What it is not:
// - a person: a phone and a laptop are two networks in use at once, never three; a commuter or a VPN
//   user changes network one after another (the old one is not counted as in use while the new one
//   begins);
// - a deployment: servers behind a NAT pool use the same addresses all day, so their networks come back
//   after a pause, where a relay's are gone for good; servers scaled down leave networks behind, but
//   those still in use were there before the others left, where a relay's newcomers keep arriving;
// - the owner: the network that used the credential first is never counted nor named.
// Networks are client-address.ts networkOf (a /24, an IPv6 /48); shared egress is left out by the caller.
import { refOf, type WindowRef } from './behaviour-signal'
import type { RequestRecord } from '../request-record'

export interface RelayOptions {
  /** How far back the networks of a credential are remembered. */
  readonly horizonMs: number
  /**
   * A network used twice within this long, in a stretch begun at least this long ago, is in use now. (A
   * VPN changing exit leaves the old exit in use for a few minutes after the new one began.)
   */
  readonly activeMs: number
  /** A network unused this long has left (or, used again after such a pause, came back). */
  readonly quietMs: number
  /** Networks at once, other than the owner's, that no person holds (a phone and a laptop are two). */
  readonly activeNetworks: number
  /** Networks that were used this many times and then left for good… */
  readonly leftNetworks: number
  readonly minUses: number
  /** …among at least this many networks over the horizon. */
  readonly networks: number
  /** After a finding, new networks using the credential are named for this long. */
  readonly followMs: number
  /** Networks remembered per credential (the least recently used forgotten first). */
  readonly maxNetworks: number
}

export const DEFAULT_RELAY: RelayOptions = {
  horizonMs: 6 * 3_600_000,
  activeMs: 5 * 60_000,
  quietMs: 30 * 60_000,
  activeNetworks: 3,
  leftNetworks: 3,
  minUses: 3,
  networks: 6,
  followMs: 2 * 3_600_000,
  maxNetworks: 32,
}

interface NetworkUse {
  /** When its current stretch of use began. */
  since: number
  last: number
  /** The use before the last one. */
  prev: number
  uses: number
  /** Used again after a pause of quietMs or more. */
  returned: boolean
  /** A request from it, to name it. */
  ref: WindowRef
}

export interface RelayVerdict {
  /** Networks other than the owner's over the horizon. */
  readonly networks: number
  readonly active: number
  readonly left: number
  /** Requests of the other networks, to name them. */
  readonly accomplices: readonly WindowRef[]
  /** True for a network joining after a finding, named alone. */
  readonly followUp: boolean
}

/** The networks one credential was used from, and the judgement over them. */
export class RelayLog {
  private readonly nets = new Map<string, NetworkUse>()
  private flaggedAt = -Infinity

  constructor(
    private readonly ownerNet: string,
    private readonly opts: RelayOptions = DEFAULT_RELAY,
  ) {}

  /**
   * Notes a use of the credential from `net` and judges the credential; `fresh` is true when the request
   * came from another address than the credential's previous one (only then can the picture change).
   */
  observe(net: string, r: RequestRecord, fresh: boolean): RelayVerdict | null {
    if (net === this.ownerNet) return null
    const o = this.opts
    let e = this.nets.get(net)
    const joined = e === undefined
    if (e === undefined) {
      e = { since: r.time, last: r.time, prev: -Infinity, uses: 0, returned: false, ref: refOf(r) }
      this.nets.set(net, e)
    } else {
      if (r.time - e.last >= o.quietMs) {
        e.returned = true
        e.since = r.time
      }
      // Most recently used last, so the eviction below drops the least recently used.
      this.nets.delete(net)
      this.nets.set(net, e)
    }
    e.prev = e.last
    e.last = r.time
    e.uses++
    for (const [k, v] of this.nets) {
      if (v.last >= r.time - o.horizonMs && this.nets.size <= o.maxNetworks) break
      this.nets.delete(k)
    }
    if (joined && r.time - this.flaggedAt < o.followMs)
      return { networks: this.nets.size, active: 0, left: 0, accomplices: [], followUp: true }
    if (!fresh || this.nets.size < o.networks || r.time - this.flaggedAt < o.followMs) return null
    let active = 0
    let left = 0
    // Turnover: a network in use now began after one that left had ended. Servers scaled down at lunch
    // leave networks behind too, but the ones still in use were there all along.
    let latestStart = -Infinity
    let earliestEnd = Infinity
    for (const v of this.nets.values()) {
      if (v.prev >= r.time - o.activeMs && v.since <= r.time - o.activeMs) {
        active++
        latestStart = Math.max(latestStart, v.since)
      } else if (!v.returned && v.last < r.time - o.quietMs && v.uses >= o.minUses) {
        left++
        earliestEnd = Math.min(earliestEnd, v.last)
      }
    }
    if (active < o.activeNetworks || left < o.leftNetworks || latestStart <= earliestEnd)
      return null
    this.flaggedAt = r.time
    const accomplices: WindowRef[] = []
    for (const [k, v] of this.nets) if (k !== net) accomplices.push(v.ref)
    return { networks: this.nets.size, active, left, accomplices, followUp: false }
  }
}
