// Push fatigue (MFA request bombing, ATT&CK T1621): someone who has a customer's password, or only their
// identity number where the sign-in needs nothing else, asks for the approval push again and again (a
// national digital identity's app, BankID or MitID, an authenticator's push), hoping the holder taps
// "approve" to make it stop, or by mistake at night. Each push is refused or left to expire. A holder whose
// phone was slow asks again once or twice, and approves.
//
// Pushes asked for one identity within the window, five or more, and four or more of them refused or expired
// (the approval's status answered 401, 403, 408 or 410). The identity is the one the request names (a
// national identity number, a personal number, a login name), else the login name the address last signed in
// with (a push for the login just made, `POST /sca/push`); a refusal is put down to the identity whose push
// the same address last asked for. Where the log never shows the outcome (every poll answered 200, the
// verdict in the body), ten pushes asked within the window are enough: no holder asks so often (four at most
// in 30 minutes over the samples seen, check37's attackers fourteen).
import { createBoundedMap } from '../bounded-map'
import { isLoginAttempt, usernameOf } from '../bruteforce'
import { USER_NAMES } from '../credential-names'
import type { RequestRecord } from '../request-record'
import {
  confidenceOver,
  keepRecent,
  refOf,
  timeItself,
  windowText,
  type BehaviourDetector,
  type BehaviourSignal,
  type WindowRef,
} from './behaviour-signal'

export interface PushFatigueOptions {
  readonly windowMs: number
  /** Pushes asked for one identity in the window… */
  readonly pushes: number
  /** …of which this many refused or expired. */
  readonly refused: number
  /** Or pushes asked in the window, whatever the answers. */
  readonly unanswered: number
  readonly suppressMs: number
  readonly maxIdentities: number
}

export const DEFAULT_PUSH_FATIGUE: PushFatigueOptions = {
  windowMs: 30 * 60_000,
  pushes: 5,
  refused: 4,
  unanswered: 10,
  suppressMs: 60 * 60_000,
  maxIdentities: 50_000,
}

// An approval pushed to the holder's phone: a national digital identity (Nafath, BankID, MitID, Freja,
// Smart-ID, Mobile-ID), an authenticator's push, an approval request.
const PUSH_PATH =
  /(?:^|[/_.-])(?:nafath|push|bank-?id|mit-?id|freja(?:-?eid)?|smart-?id|mobile-?id|approvals?|duo)(?:$|[/_.-])/i
// Asking for one (the poll or result of one does not): a verb, or a POST to the push itself.
const ASK_PATH =
  /(?:^|[/_.-])(?:initiate|start|send|request|init|begin|challenge|auth|authenticate|sign-?in|log-?in)(?:$|[/_.-])|(?:^|[/_.-])(?:push|nafath|bank-?id|mit-?id|approvals?)\/?$/i
// The identity the push is for, in a JSON or form body: a login field's name (credential-names.ts), or a
// national or personal identity number's.
const IDENTITY = new RegExp(
  `["&]?(?:${USER_NAMES}|national_?id|id_?number|personal_?(?:number|id|code)|iqama(?:_?(?:id|number))?|ssn|cpr|personnummer|isikukood)"?\\s*[:=]\\s*"?([^"&,}\\s]{3,64})`,
  'i',
)
// The approval refused (401, 403) or let expire (408, 410).
const REFUSED: ReadonlySet<number> = new Set([401, 403, 408, 410])
/** Events kept per identity: enough for the thresholds, bounded under a flood. */
const MAX_EVENTS = 32

interface Identity {
  readonly asked: number[]
  readonly refused: number[]
  /** The addresses that asked, each with its latest request (the newest last). */
  readonly from: Map<string, WindowRef>
  quietUntil: number
}

/** Creates the push-fatigue detector (per identity the pushes are for). */
export function createPushFatigueDetector(opts = DEFAULT_PUSH_FATIGUE): BehaviourDetector {
  const identities = createBoundedMap<string, Identity>(opts.maxIdentities)
  // address → the identity whose push it last asked for
  const askedBy = createBoundedMap<string, string>(opts.maxIdentities)
  // address → the login name it last signed in with (a password accepted before the push)
  const lastLogin = createBoundedMap<string, string>(opts.maxIdentities)
  return {
    get size() {
      return identities.size + askedBy.size + lastLogin.size
    },
    observe(r: RequestRecord): BehaviourSignal | null {
      if (r.ip === null || r.status === null) return null
      if (!PUSH_PATH.test(r.path)) {
        if (r.method === 'POST' && r.body !== null && r.status < 300 && isLoginAttempt(r)) {
          const name = usernameOf(r)
          if (name !== null) lastLogin.set(r.ip, name)
        }
        return null
      }
      const cutoff = r.time - opts.windowMs
      // (a poll that names no identity, such as BankID's collect, is read for its outcome below)
      const ask = r.method === 'POST' && r.status < 300 && ASK_PATH.test(r.path)
      if (ask) {
        const m = r.body === null ? null : IDENTITY.exec(r.body.slice(0, 2_048))
        const who = m === null ? lastLogin.get(r.ip) : (m[1] as string).toLowerCase()
        if (who === undefined) return null
        let id = identities.get(who)
        if (!id) {
          id = { asked: [], refused: [], from: new Map(), quietUntil: 0 }
          identities.set(who, id)
        }
        keepRecent(id.asked, cutoff, MAX_EVENTS, timeItself)
        id.asked.push(r.time)
        id.from.delete(r.ip)
        id.from.set(r.ip, refOf(r))
        if (id.from.size > MAX_EVENTS) id.from.delete(id.from.keys().next().value as string)
        askedBy.set(r.ip, who)
        if (r.time < id.quietUntil || id.asked.length < opts.unanswered) return null
        return signalOf(id, r, cutoff, opts, 0)
      }
      if (!REFUSED.has(r.status)) return null
      const who = askedBy.get(r.ip)
      const id = who === undefined ? undefined : identities.get(who)
      if (!id) return null
      keepRecent(id.refused, cutoff, MAX_EVENTS, timeItself)
      id.refused.push(r.time)
      keepRecent(id.asked, cutoff, MAX_EVENTS, timeItself)
      const asked = id.asked.length
      const refused = Math.min(id.refused.length, asked)
      if (r.time < id.quietUntil || asked < opts.pushes || refused < opts.refused) return null
      return signalOf(id, r, cutoff, opts, refused)
    },
  }
}

function signalOf(
  id: Identity,
  r: RequestRecord,
  cutoff: number,
  opts: PushFatigueOptions,
  refused: number,
): BehaviourSignal {
  id.quietUntil = r.time + opts.suppressMs
  const asked = id.asked.length
  const accomplices = [...id.from.values()].filter((x) => x.ip !== r.ip && x.time >= cutoff)
  const outcome =
    refused > 0 ? `${refused} refused or left to expire` : 'the log showing no outcome'
  return {
    category: 'bruteforce',
    rule: 'behaviour.push-fatigue',
    severity: 'high',
    confidence: confidenceOver(asked, opts.pushes, 0.7),
    summary: `${asked} approval pushes asked for one identity within ${windowText(opts.windowMs)}, ${outcome}: push fatigue, someone with the credentials waiting for the holder to approve`,
    details: { pushes: asked, refused },
    accomplices,
  }
}
