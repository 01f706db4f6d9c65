// A scraper spread over addresses and accounts: profiles, reports or filings read in order of their numbers
// (2031490, 2031491, 2031492…), each request from one of many proxies and one of a handful of accounts,
// minutes apart. No address reads enough to be seen (object-walk.ts counts per address); the route as a
// whole does: the numbers asked for climb one by one, across clients.
//
// A chain is built per kind of record (the path around its identifier): a number joins the chain of a
// number 1 to 3 below it asked for within the last ten minutes. Records that are each read by their owner
// soon after they are made (an order's confirmation, a trade's note) climb the same way, but each owner
// reads one or two of them: a chain of 30 is 20 or 30 accounts. A scraper's chain of 30 is a few accounts
// reading ten each. So a chain counts when its accounts read at least three records each on average.
// Every address of the chain is named, and each that extends it while it lasts.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'
import {
  accountOf,
  confidenceOver,
  refOf,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'
import { readRecord } from './object-walk'

export interface DistributedWalkOptions {
  /** Numbers in order asked for across clients… */
  readonly chain: number
  /** …by accounts reading at least this many of them each, on average… */
  readonly perAccount: number
  /** …from at least this many addresses. */
  readonly addresses: number
  /** Longest pause between two links of the chain. */
  readonly gapMs: number
  readonly suppressMs: number
  readonly maxKinds: number
}

export const DEFAULT_DISTRIBUTED_WALK: DistributedWalkOptions = {
  chain: 30,
  perAccount: 3,
  addresses: 3,
  gapMs: 10 * 60_000,
  suppressMs: 2 * 3_600_000,
  maxKinds: 500,
}

/**
 * Numbers remembered per kind (the newest kept), and links walked back to name a chain's clients. A kind
 * read more than this many times in ten minutes forgets links before a chain can form: a scrape hidden in
 * so busy a kind is not seen.
 */
const MAX_IDS = 1_024
const MAX_WALK = 256

interface Link {
  readonly ref: WindowRef
  /** Whose read it is: the account, else the address. */
  readonly who: string
  readonly chain: number
  /** The number this one extends (-1: none). */
  readonly prev: number
}

interface Kind {
  readonly ids: Map<number, Link>
  quietUntil: number
  named: Set<string> | null
}

/** Creates the per-kind distributed-walk detector. */
export function createDistributedWalkDetector(opts = DEFAULT_DISTRIBUTED_WALK): BehaviourDetector {
  const kinds = createBoundedMap<string, Kind>(opts.maxKinds)
  return {
    get size() {
      return kinds.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      const rec = readRecord(r)
      if (rec === null || r.ip === null) return null
      let k = kinds.get(rec.kind)
      if (!k) {
        k = { ids: new Map(), quietUntil: 0, named: null }
        kinds.set(rec.kind, k)
      }
      let prev = -1
      let chain = 1
      for (let step = 1; step <= 3; step++) {
        const l = k.ids.get(rec.id - step)
        if (l && r.time - l.ref.time <= opts.gapMs && l.chain + 1 > chain) {
          chain = l.chain + 1
          prev = rec.id - step
        }
      }
      const known = k.ids.get(rec.id)
      // a number asked for again keeps the longer chain it had
      if (known && known.chain >= chain) return null
      k.ids.delete(rec.id)
      if (k.ids.size >= MAX_IDS) k.ids.delete(k.ids.keys().next().value as number)
      const who = accountOf(r) ?? r.ip
      k.ids.set(rec.id, { ref: refOf(r), who, chain, prev })
      if (r.time < k.quietUntil) {
        // an address extending the chain while it lasts
        if (k.named === null || k.named.has(r.ip) || chain < opts.chain) return null
        k.named.add(r.ip)
        return signal(chain, k.named.size, 0, [])
      }
      if (chain < opts.chain) return null
      // The chain's clients, walking back from this link.
      const refs = new Map<string, WindowRef>()
      const readers = new Map<string, number>()
      let id = rec.id
      for (let i = 0; i < MAX_WALK && id >= 0; i++) {
        const l = k.ids.get(id)
        if (!l) break
        if (l.ref.ip !== null) refs.set(l.ref.ip, l.ref)
        readers.set(l.who, (readers.get(l.who) ?? 0) + 1)
        id = l.prev
      }
      if (refs.size < opts.addresses || chain < opts.perAccount * readers.size) return null
      k.quietUntil = r.time + opts.suppressMs
      k.named = new Set(refs.keys())
      const accomplices = [...refs.values()].filter((x) => x.ip !== r.ip)
      return signal(chain, refs.size, readers.size, accomplices)

      function signal(
        links: number,
        addresses: number,
        accounts: number,
        accomplices: WindowRef[],
      ): BehaviourSignal {
        const kind = (rec as { kind: string }).kind.slice(0, 80)
        return {
          category: 'enumeration',
          rule: 'behaviour.distributed-walk',
          severity: 'medium',
          confidence: confidenceOver(links, opts.chain, 0.6),
          summary: `${links} records of ${kind} read in order of their numbers across ${addresses} addresses${accounts > 0 ? ` and ${accounts} accounts` : ''}: a scraper spread over proxies and accounts`,
          details: { chain: links, addresses, accounts },
          accomplices,
        }
      }
    },
  }
}
