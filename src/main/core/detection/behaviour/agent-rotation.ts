// A web session replayed by a tool that rotates its User-Agent: one session cookie (or session header,
// or readable bearer token) presented with three different browser User-Agents. A browser's cookie lives
// in one browser, which names itself the same way on every request; an update or a phone's "desktop
// site" switch makes two names, not three. Scrapers and replay kits pick a browser name at random per
// request or per address, so the stolen (or bought) session they share speaks as Chrome on Windows,
// Firefox on Linux and Safari on an iPhone within minutes, often from a pool of residential addresses.
//
// Only browser names count (`Mozilla/5.0 (…)`): an app that opens a web view with its token, and its own
// HTTP stack for background calls, is one browser name and two others.
//
// The request bringing the third name is named with the other addresses that used the session under
// another name; afterwards every new address presenting the session is named as it comes, for as long as
// the session goes on being used (up to followMs after the last such address), except the session's
// first address (its owner's, when the session was stolen).
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { sessionKey } from '../session-key'
import {
  refOf,
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
  /** After a finding, new addresses presenting the session are named while it is used within this long. */
  readonly followMs: number
  /** Addresses named per session, at most. */
  readonly maxNamed: number
  readonly maxSessions: number
}

export const DEFAULT_AGENT_ROTATION: AgentRotationOptions = {
  agents: 3,
  windowMs: 6 * 3_600_000,
  followMs: 6 * 3_600_000,
  maxNamed: 64,
  maxSessions: 200_000,
}

// A browser's user agent: `Mozilla/5.0 (…)`, as every browser and web view sends.
const BROWSER_AGENT = /^mozilla\/5\.0 \(/i

interface Session {
  /** browser agent (hashed) → when last seen, with a request of it, oldest first */
  readonly agents: Map<number, { time: number; ref: WindowRef }>
  readonly firstIp: string
  /** Addresses named (null before the finding), and until when newcomers are named. */
  named: Set<string> | null
  followUntil: number
}

/** Creates the session-agent-rotation detector (per session). */
export function createAgentRotationDetector(opts = DEFAULT_AGENT_ROTATION): BehaviourDetector {
  const sessions = createBoundedMap<number, Session>(opts.maxSessions)
  return {
    get size() {
      return sessions.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null) return null
      const key = sessionKey(r)
      if (key === 0) return null
      let s = sessions.get(key)
      if (s === undefined) {
        s = { agents: new Map(), firstIp: r.ip, named: null, followUntil: 0 }
        sessions.set(key, s)
      }
      if (s.named !== null) return follow(s, r)
      const agent = userAgentOf(r)
      if (!BROWSER_AGENT.test(agent)) return null
      const h = fnv1a32(agent) || 1
      s.agents.delete(h)
      s.agents.set(h, { time: r.time, ref: refOf(r) })
      const cutoff = r.time - opts.windowMs
      for (const [k, v] of s.agents) {
        if (v.time >= cutoff && s.agents.size <= 4 * opts.agents) break
        s.agents.delete(k)
      }
      if (s.agents.size < opts.agents) return null
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
        summary: `one session presented by ${s.agents.size} different browsers within ${opts.windowMs / 3_600_000} h${owner ? '' : ` from ${s.named.size} addresses`}: a session replayed by a tool that rotates its User-Agent`,
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
