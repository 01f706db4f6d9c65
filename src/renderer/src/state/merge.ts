// Pure merges used when data arrives (from a call or a push event). Kept apart so they are easy to test.
import type { IncidentSummary, TimelineBucket } from '../../../shared/model'

/** How much timeline the page shows, and keeps. */
export const TIMELINE_WINDOW_MS = 30 * 60_000
/** Upper bound on incidents held in memory; the oldest updated fall off first. */
export const MAX_INCIDENTS = 5000

/** Merges incidents by id; an older copy (lower updatedAt) never replaces a newer one. */
export function mergeIncidents(
  current: Readonly<Record<string, IncidentSummary>>,
  incoming: readonly IncidentSummary[],
): Readonly<Record<string, IncidentSummary>> {
  if (incoming.length === 0) return current
  const next: Record<string, IncidentSummary> = { ...current }
  for (const inc of incoming) {
    const held = next[inc.id]
    if (!held || held.updatedAt <= inc.updatedAt) next[inc.id] = inc
  }
  const ids = Object.keys(next)
  if (ids.length <= MAX_INCIDENTS) return next
  const keep = Object.values(next)
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_INCIDENTS)
  return Object.fromEntries(keep.map((i) => [i.id, i]))
}

/**
 * Merges buckets by start (incoming wins: a bucket grows while its minute is running), keeps them sorted,
 * and trims to the window before the newest bucket. The newest bucket anchors the window, not the wall
 * clock, so a replay with its own clock still shows.
 */
export function mergeTimeline(
  current: readonly TimelineBucket[],
  incoming: readonly TimelineBucket[],
  windowMs = TIMELINE_WINDOW_MS,
): readonly TimelineBucket[] {
  if (incoming.length === 0) return current
  const byStart = new Map<number, TimelineBucket>()
  for (const b of current) byStart.set(b.start, b)
  for (const b of incoming) byStart.set(b.start, b)
  const sorted = [...byStart.values()].sort((a, b) => a.start - b.start)
  const newest = sorted[sorted.length - 1]?.start ?? 0
  return sorted.filter((b) => b.start > newest - windowMs)
}
