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
//
// A session that moved with its holder is not a takeover when all it does is withdraw to a destination
// already saved: a phone leaving the home Wi-Fi for mobile data keeps its session (the same session
// header, cookie or bearer token), the old network falls silent, and the holder sends their money to their
// own bank account. A thief logs in anew (another session), or uses a stolen session while its holder is
// still at work (the account goes on from the old network too), or sets up a destination of their own
// (a bank account, a payee, a wallet address, or one named in the withdrawal's body): each of these is
// still reported. A stolen session replayed after its holder has gone quiet, to withdraw to the holder's
// own account, is passed over: it takes nothing.
import { z } from 'zod'
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import { scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { isPrivateIp } from '../ssrf-target'
import { accountOrSessionOf, type BehaviourDetector } from './behaviour-signal'
import type { AppKeys } from './app-keys'
import { DESTINATION_PATH, isFundingPath } from './money-paths'
import type { SharedEgress } from './shared-egress'
import { sessionKey } from '../session-key'

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

// A destination named in a withdrawal's body (rather than a saved one's id).
const DESTINATION_FIELD =
  /(?:^|["&?])(?:iban|account_?(?:no|num|number)|sort_?code|routing(?:_?number)?|bic|swift(?:_?code)?|(?:wallet_?|to_?|destination_?)?address|beneficiary|payee)["=]/i

interface Account {
  /** network → when the account was first used from it, oldest first */
  nets: Map<string, number>
  lastIp: string
  lastNet: string
  /** Since when every request of the account came from lastNet. */
  lastNetSince: number
  /** The session of the account's last request (sessionKey). */
  lastSession: number
  /** Whether the first request from lastNet went on with the session the network before it had. */
  carried: boolean
  /** When the last finding on this account was made (0: none). */
  flaggedAt: number
}

function newAccount(nets: Map<string, number> = new Map()): Account {
  return {
    nets,
    lastIp: '',
    lastNet: '',
    lastNetSince: 0,
    lastSession: 0,
    carried: false,
    flaggedAt: 0,
  }
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
/** How a finding names the account: the consumer, or the session a user of an app or a web site holds. */
function accountText(account: string): string {
  const cut = account.indexOf('\u0000')
  if (cut < 0) return `account ${account}`
  return cut === 0 ? 'a web session' : `a session of ${account.slice(0, cut)}`
}

export function createFundingChangeDetector(
  opts = DEFAULT_FUNDING_CHANGE,
  egress: SharedEgress | null = null,
  appKeys: AppKeys | null = null,
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
        accounts.set(name, newAccount(new Map(nets)))
    },
    observe(r: RequestRecord) {
      const account = accountOrSessionOf(r, appKeys)
      if (account === null || r.ip === null || isPrivateIp(r.ip)) return null
      let a = accounts.get(account)
      if (!a) {
        a = newAccount()
        accounts.set(account, a)
      }
      const session = sessionKey(r)
      // An account is used again and again from the address it used last: only a change of address
      // costs a network lookup.
      if (a.lastIp !== r.ip) {
        a.lastIp = r.ip
        const net = networkOf(r.ip)
        if (net !== a.lastNet) {
          a.carried = a.lastNet !== '' && session !== 0 && session === a.lastSession
          a.lastNet = net
          a.lastNetSince = r.time
        }
        if (!a.nets.has(net)) {
          a.nets.set(net, r.time)
          if (a.nets.size > opts.maxNetworks) a.nets.delete(a.nets.keys().next().value as string)
        }
      }
      a.lastSession = session
      const since = a.nets.get(a.lastNet) ?? r.time
      if (r.time - since > opts.newNetworkMs) return null
      const change = r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH'
      const following = a.flaggedAt > 0 && r.time - a.flaggedAt <= opts.followMs
      if (!change && !following) return null
      if (r.status === null || r.status < 200 || r.status >= 300 || !isFundingPath(r.path))
        return null
      // A shared egress (a corporate proxy many accounts come from) is no thief's network.
      if (egress?.shared(r.ip)) return null
      // The holder's session moved here with them, the old network silent since, and the money goes to
      // a destination already saved.
      if (
        a.carried &&
        a.lastNetSince === since &&
        !DESTINATION_PATH.test(r.path) &&
        !(r.body !== null && DESTINATION_FIELD.test(r.body)) &&
        !DESTINATION_FIELD.test(`&${r.rawQuery}`)
      )
        return null
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
        summary: `${r.method} ${scrubSecrets(r.path).slice(0, 80)} for ${accountText(account)} from a network it first used ${minutes} min before, after ${before === 1 ? 'one network' : `${before} networks`} it had used`,
        details: { minutesOnNetwork: minutes, earlierNetworks: before },
      }
    },
  }
}
