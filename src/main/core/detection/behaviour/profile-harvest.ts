// People's profiles harvested: one client reading profile after profile of a community, leaderboard or
// directory (`/community/profiles/lehma_invest56`, `/traders/reem_fx189/holdings`), a dozen or more in a
// few minutes, each with its sub-pages (holdings, followers). A list of investors and what they hold is
// worth selling, and a social-trading section shows it to any signed-in user. People read a few profiles
// that a leaderboard shows them, a minute or more on each.
//
// Profiles are named by handle, not by number, so the record walks (object-walk.ts) do not see them. The
// record is the path segment after a collection of people; its sub-pages are the same record. Partners,
// staff and customers known as consumers of their own read other kinds of records by contract, so only
// requests without a consumer (web sessions) or under an app's key every user shares are counted, and
// only from public addresses.
import { createBoundedMap } from '../bounded-map'
import { fnv1a32 } from '../fnv'
import type { RequestRecord } from '../request-record'
import { isPrivateIp } from '../ssrf-target'
import type { AppKeys } from './app-keys'
import { confidenceOver, keepRecent, windowText, type BehaviourDetector } from './behaviour-signal'

export interface ProfileHarvestOptions {
  readonly windowMs: number
  /** Distinct profiles of one collection read by one address in the window. */
  readonly profiles: number
  readonly suppressMs: number
  readonly maxAddresses: number
}

export const DEFAULT_PROFILE_HARVEST: ProfileHarvestOptions = {
  windowMs: 5 * 60_000,
  profiles: 12,
  suppressMs: 3_600_000,
  maxAddresses: 50_000,
}

// A collection of people, and the record after it: `/profiles/<handle>`, `/traders/<handle>/holdings`.
const PROFILE = /\/(profiles|traders|members|investors|users|people)\/([^/]{2,64})/i
// Pages of the collection itself, not a person's.
const NOT_A_PROFILE: ReadonlySet<string> = new Set([
  'me',
  'self',
  'current',
  'search',
  'leaderboard',
  'top',
  'trending',
  'popular',
  'featured',
  'suggested',
  'recommended',
])
/** Reads kept per address: enough for the threshold, bounded under a flood. */
const MAX_READS = 64

interface Reader {
  /** Profile reads in the window: [time, profile hash]. */
  reads: [number, number][]
  quietUntil: number
}

/** Creates the profile-harvest detector (per client address). */
export function createProfileHarvestDetector(
  opts = DEFAULT_PROFILE_HARVEST,
  appKeys: AppKeys | null = null,
): BehaviourDetector {
  const readers = createBoundedMap<string, Reader>(opts.maxAddresses)
  return {
    get size() {
      return readers.size
    },
    observe(r: RequestRecord) {
      if (r.ip === null || r.method !== 'GET' || r.status === null || r.status >= 500) return null
      if (r.consumer !== null && r.consumer !== '' && !(appKeys?.has(r.consumer) ?? false))
        return null
      const m = PROFILE.exec(r.path)
      if (m === null) return null
      const handle = (m[2] as string).toLowerCase()
      if (NOT_A_PROFILE.has(handle) || isPrivateIp(r.ip)) return null
      let w = readers.get(r.ip)
      if (!w) {
        w = { reads: [], quietUntil: 0 }
        readers.set(r.ip, w)
      }
      keepRecent(w.reads, r.time - opts.windowMs, MAX_READS, (x) => x[0])
      w.reads.push([r.time, fnv1a32(`${(m[1] as string).toLowerCase()}/${handle}`)])
      if (r.time < w.quietUntil) return null
      const profiles = new Set(w.reads.map((x) => x[1])).size
      if (profiles < opts.profiles) return null
      w.quietUntil = r.time + opts.suppressMs
      return {
        category: 'other',
        rule: 'behaviour.profile-harvest',
        severity: 'medium',
        confidence: confidenceOver(profiles, opts.profiles, 0.65),
        summary: `${profiles} people's profiles (${(m[1] as string).toLowerCase()}) read within ${windowText(opts.windowMs)}: a directory of investors being harvested`,
        details: { profiles, reads: w.reads.length },
      }
    },
  }
}
