// A web session replayed by a tool that rotates its User-Agent: one session cookie presented with three
// different browser User-Agents, one address among them switching from one name to another. A browser's
// cookie lives in one browser, which names itself the same way on every request; an update or a phone's
// "desktop site" switch makes two names, not three. Scrapers and replay kits pick a browser name at random per
// request or per address, so the stolen (or bought) session they share speaks as Chrome on Windows,
// Firefox on Linux and Safari on an iPhone within minutes, often from a pool of residential addresses.
// A browser on one machine keeps its name from request to request; a cookie copied into a few people's
// browsers (a shared login, a test account a team passes round) shows one name per machine, so one
// address must also have changed its name on the session, or the session must have gone round five
// browsers on five networks (a subscription resold to strangers).
//
// Only browser names count (`Mozilla/5.0 (…)`), and only cookies: a bearer token or an API key is
// software's credential as much as a browser's, and a team's shared token goes round desks, browsers and
// scripts by design.
//
// The request bringing the third name is named with the other addresses that used the session under
// another name; afterwards every new address presenting the session is named as it comes, for as long as
// the session goes on being used (up to followMs after the last such address), except the session's
// first address (its owner's, when the session was stolen).
import { createBoundedMap } from '../bounded-map'
import { networkOf } from '../client-address'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { sessionCookie } from '../session-key'
import {
  refOf,
  touchRecent,
  userAgentOf,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface AgentRotationOptions {
  /** Distinct browser User-Agents on one session that no browser shows. */
  readonly agents: number
  /** Within this long. */
  readonly windowMs: number
  /** Or, with no address switching names, this many browser names from as many networks. */
  readonly crowdAgents: number
  /** After a finding, new addresses presenting the session are named while it is used within this long. */
  readonly followMs: number
  /** Addresses named per session, at most. */
  readonly maxNamed: number
  readonly maxSessions: number
}

export const DEFAULT_AGENT_ROTATION: AgentRotationOptions = {
  agents: 3,
  windowMs: 6 * 3_600_000,
  crowdAgents: 5,
  followMs: 6 * 3_600_000,
  maxNamed: 64,
  maxSessions: 200_000,
}

/** Addresses whose last browser name is remembered per session. */
const MAX_ADDRESSES = 32

// A browser's user agent: `Mozilla/5.0 (…)`, as every browser and web view sends.
const BROWSER_AGENT = /^mozilla\/5\.0 \(/i

interface Session {
  /** browser agent (hashed) → when last seen, with a request of it, oldest first */
  readonly agents: Map<number, { time: number; ref: WindowRef }>
  readonly firstIp: string
  /** address → the browser agent (hashed) it last presented the session with, a few addresses */
  readonly lastAgent: Map<string, number>
  /** When an address last presented the session under another browser name than before. */
  switchedAt: number
  /** Addresses named (null before the finding), and until when newcomers are named. */
  named: Set<string> | null
  followUntil: number
}

/** A hash of the request's session cookie (0 without one). */
function cookieKey(r: RequestRecord): number {
  for (const h of r.headers) {
    if (h.name !== 'cookie') continue
    const session = sessionCookie(h.value)
    if (session !== null) return fnv1a32(session) || 1
  }
  return 0
}

/**
 * A login passed round far beyond a household or an office: as many browser names as `crowdAgents`, from
 * as many networks (a research subscription resold, a session sold on), without any address switching.
 */
function passedRound(s: Session, opts: AgentRotationOptions): boolean {
  if (s.agents.size < opts.crowdAgents) return false
  // the networks each name was last seen from, within the window
  const networks = new Set<string>()
  for (const { ref } of s.agents.values()) if (ref.ip !== null) networks.add(networkOf(ref.ip))
  return networks.size >= opts.crowdAgents
}

/** Creates the session-agent-rotation detector (per session cookie). */
export function createAgentRotationDetector(opts = DEFAULT_AGENT_ROTATION): BehaviourDetector {
  const sessions = createBoundedMap<number, Session>(opts.maxSessions)
  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null) return null
      const key = cookieKey(r)
      if (key === 0) return null
      let s = sessions.get(key)
      if (s === undefined) {
        s = {
          agents: new Map(),
          firstIp: r.ip,
          lastAgent: new Map(),
          switchedAt: -Infinity,
          named: null,
          followUntil: 0,
        }
        sessions.set(key, s)
      }
      if (s.named !== null) return follow(s, r)
      const agent = userAgentOf(r)
      if (!BROWSER_AGENT.test(agent)) return null
      const h = fnv1a32(agent) || 1
      const cutoff = r.time - opts.windowMs
      touchRecent(
        s.agents,
        h,
        { time: r.time, ref: refOf(r) },
        cutoff,
        4 * opts.agents,
        (v) => v.time,
      )
      const before = s.lastAgent.get(r.ip)
      if (before !== undefined && before !== h) s.switchedAt = r.time
      s.lastAgent.delete(r.ip)
      s.lastAgent.set(r.ip, h)
      if (s.lastAgent.size > MAX_ADDRESSES)
        s.lastAgent.delete(s.lastAgent.keys().next().value as string)
      if (s.agents.size < opts.agents) return null
      const switched = s.switchedAt >= cutoff
      if (!switched && !passedRound(s, opts)) return null
      const accomplices = new Map<string, WindowRef>()
      for (const { ref } of s.agents.values())
        if (ref.ip !== null && ref.ip !== r.ip && ref.ip !== s.firstIp) accomplices.set(ref.ip, ref)
      s.named = new Set([r.ip, ...accomplices.keys()])
      s.followUntil = r.time + opts.followMs
      const owner = r.ip === s.firstIp
      return {
        category: 'other',
        rule: 'behaviour.session-agent-rotation',
        severity: 'high',
        confidence: 0.8,
        summary: `one session presented by ${s.agents.size} different browsers within ${opts.windowMs / 3_600_000} h${owner ? '' : ` from ${s.named.size} addresses`}: ${switched ? 'a session replayed by a tool that rotates its User-Agent' : 'a login passed round strangers (resold or shared out)'}`,
        details: { agents: s.agents.size, addresses: s.named.size },
        accomplices: [...accomplices.values()],
      }
    },
  }

  /** After a finding: each new address presenting the session is named once, while the session is used. */
  function follow(s: Session, r: RequestRecord): BehaviourSignal | null {
    const ip = r.ip as string
    if (r.time > s.followUntil) return null
    s.followUntil = r.time + opts.followMs
    const named = s.named as Set<string>
    if (named.has(ip) || ip === s.firstIp || named.size >= opts.maxNamed) return null
    named.add(ip)
    return {
      category: 'other',
      rule: 'behaviour.session-agent-rotation',
      severity: 'high',
      confidence: 0.75,
      summary: `a session already found presented by several browsers, used from yet another address (${named.size} named)`,
      details: { addresses: named.size },
    }
  }
}
