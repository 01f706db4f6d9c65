// Account takeover: the account's funds moved out, or a way out opened (a new withdrawal address or bank
// account, a beneficiary, a withdrawal), from a network the account had never used until minutes before,
// while it has a history elsewhere. A thief with a phished password and a relayed one-time code logs in
// from wherever they are and heads for the withdrawal page; the account's holder works from their usual
// networks. Each request is ordinary on its own: only the account's own history tells.
//
// Networks are client-address.ts networkOf (a /24, an IPv6 /48, the site's private addresses as one), so a
// holder whose office NAT or phone moves within its block is not new. A holder travelling who adds a
// payee from a hotel is reported too: a bank's fraud team would call them, and so may the officer.
// After a finding, funding requests (reads too: a second address polling the withdrawal's status) from
// other new networks of the same account are named for a while.
import { z } from 'zod'
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { isPrivateIp } from '../ssrf-target'
import type { BehaviourDetector } from './behaviour-signal'
import type { SharedEgress } from './shared-egress'

export interface FundingChangeOptions {
  /** A network is new to the account for this long after its first request. */
  readonly newNetworkMs: number
  /** The account must have been used from another network at least this long before the new one. */
  readonly historyMs: number
  /** After a finding, funding requests from other new networks are named for this long. */
  readonly followMs: number
  readonly maxAccounts: number
  /** Networks remembered per account (the oldest forgotten first). */
  readonly maxNetworks: number
  /** An account seen on more networks than this roams: a new one is its normal. */
  readonly maxRoamingNetworks: number
}

export const DEFAULT_FUNDING_CHANGE: FundingChangeOptions = {
  newNetworkMs: 2 * 3_600_000,
  historyMs: 30 * 60_000,
  followMs: 2 * 3_600_000,
  maxAccounts: 100_000,
  maxNetworks: 16,
  maxRoamingNetworks: 4,
}

// Where money leaves an account, or a destination for it is set up.
const FUNDING_PATH =
  /(?:^|[/_.-])(?:withdraw(?:al)?s?|withdrawal-accounts?|payouts?|beneficiar(?:y|ies)|payees?|whitelist|allowlist|bank-?accounts?|wallet-?address(?:es)?|payment-?instructions?|standing-?orders?)(?:$|[/?_.-])/i

interface Account {
  /** network → when the account was first used from it, oldest first */
  nets: Map<string, number>
  lastIp: string
  lastNet: string
  /** When the last finding on this account was made (0: none). */
  flaggedAt: number
}

const MAX_SAVED = 20_000

const savedAccounts = z.object({
  accounts: z
    .array(
      z.tuple([
        z.string().max(512),
        z.array(z.tuple([z.string().max(64), z.number().finite()])).max(64),
      ]),
    )
    .max(MAX_SAVED),
})

/** Creates the new-network funding-change detector. */
export function createFundingChangeDetector(
  opts = DEFAULT_FUNDING_CHANGE,
  egress: SharedEgress | null = null,
): BehaviourDetector {
  const accounts = createBoundedMap<string, Account>(opts.maxAccounts)
  return {
    get size() {
      return accounts.size
    },
    save() {
      const out: [string, [string, number][]][] = []
      for (const [name, a] of accounts.entries()) {
        if (out.length >= MAX_SAVED) break
        out.push([name, [...a.nets]])
      }
      return { accounts: out }
    },
    load(data) {
      for (const [name, nets] of savedAccounts.parse(data).accounts)
        accounts.set(name, { nets: new Map(nets), lastIp: '', lastNet: '', flaggedAt: 0 })
    },
    observe(r: RequestRecord) {
      if (r.consumer === null || r.consumer === '' || r.ip === null || isPrivateIp(r.ip))
        return null
      let a = accounts.get(r.consumer)
      if (!a) {
        a = { nets: new Map(), lastIp: '', lastNet: '', flaggedAt: 0 }
        accounts.set(r.consumer, a)
      }
      // An account is used again and again from the address it used last: only a change of address
      // costs a network lookup.
      if (a.lastIp !== r.ip) {
        a.lastIp = r.ip
        a.lastNet = networkOf(r.ip)
        if (!a.nets.has(a.lastNet)) {
          a.nets.set(a.lastNet, r.time)
          if (a.nets.size > opts.maxNetworks) a.nets.delete(a.nets.keys().next().value as string)
        }
      }
      const since = a.nets.get(a.lastNet) ?? r.time
      if (r.time - since > opts.newNetworkMs) return null
      const change = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH'
      const following = a.flaggedAt > 0 && r.time - a.flaggedAt <= opts.followMs
      if (!change && !following) return null
      if (r.status === null || r.status < 200 || r.status >= 300 || !FUNDING_PATH.test(r.path))
        return null
      // A shared egress (a corporate proxy many accounts come from) is no thief's network.
      if (egress?.shared(r.ip)) return null
      // The account's history: another network it was used from well before this one appeared. An account
      // that already roams over many networks (a VPN rotating its exits) makes a new one its normal.
      let before = 0
      for (const [net, first] of a.nets) {
        if (net !== a.lastNet && first <= since - opts.historyMs) before++
      }
      if (before === 0 || a.nets.size > opts.maxRoamingNetworks) return null
      a.flaggedAt = r.time
      const minutes = Math.max(1, Math.round((r.time - since) / 60_000))
      return {
        category: 'other',
        rule: 'behaviour.new-network-funding-change',
        severity: 'high',
        confidence: change ? 0.8 : 0.7,
        summary: `${r.method} ${scrubSecrets(r.path).slice(0, 80)} for account ${r.consumer} from a network it first used ${minutes} min before, after ${before === 1 ? 'one network' : `${before} networks`} it had used`,
        details: { minutesOnNetwork: minutes, earlierNetworks: before },
      }
    },
  }
}
