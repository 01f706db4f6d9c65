// The threat level, derived from the active incidents each time it is needed and never stored, so it
// cannot drift from the incidents and it decays while nothing happens.
//
//   weight_i = sevWeight(severity_i) × confidence_i × 0.5^((now − lastSeen_i) / 30 min) × (½ if contained)
//   score    = round(100 × (1 − Π_i (1 − weight_i)))
//   band     = low < 20 ≤ guarded < 40 ≤ elevated < 60 ≤ high < 80 ≤ severe
//
// sevWeight: info 0.02, low 0.06, medium 0.15, high 0.35, critical 0.6. The product treats incidents as
// independent chances that something is wrong, so the score only grows as incidents are added and stays
// under 100: one fresh, confident critical incident reads "elevated", three read "severe". Resolved and
// false-positive incidents weigh nothing. docs/threat-level.md explains the choices.
import type { IncidentSummary, Severity, ThreatBand, ThreatLevel } from '../../../shared/model'

export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  info: 0.02,
  low: 0.06,
  medium: 0.15,
  high: 0.35,
  critical: 0.6,
}
export const HALF_LIFE_MS = 30 * 60_000
const CONTAINED_FACTOR = 0.5
const TOP = 5

/** Weight of one incident at `now`, 0..0.6. */
export function incidentWeight(i: IncidentSummary, now: number): number {
  if (i.status === 'resolved' || i.status === 'false-positive') return 0
  const confidence = Math.min(1, Math.max(0, i.confidence))
  // A lastSeen in the future (clock skew between sources) counts as now, never as more than fresh.
  const age = Math.max(0, now - i.lastSeen)
  const decay = 0.5 ** (age / HALF_LIFE_MS)
  const containment = i.status === 'contained' ? CONTAINED_FACTOR : 1
  return SEVERITY_WEIGHTS[i.severity] * confidence * decay * containment
}

/** The band a 0..100 score falls in. */
export function threatBand(score: number): ThreatBand {
  if (score < 20) return 'low'
  if (score < 40) return 'guarded'
  if (score < 60) return 'elevated'
  if (score < 80) return 'high'
  return 'severe'
}

/** Threat level at `now` from the active incidents (see the formula above). */
export function computeThreat(active: readonly IncidentSummary[], now: number): ThreatLevel {
  let calm = 1
  const weighted: { incidentId: string; weight: number }[] = []
  let counted = 0
  for (const i of active) {
    if (i.status === 'resolved' || i.status === 'false-positive') continue
    counted += 1
    const weight = incidentWeight(i, now)
    calm *= 1 - weight
    weighted.push({ incidentId: i.id, weight })
  }
  const score = Math.round(100 * (1 - calm))
  weighted.sort((a, b) => b.weight - a.weight || (a.incidentId < b.incidentId ? -1 : 1))
  return {
    score,
    band: threatBand(score),
    at: now,
    openIncidents: counted,
    top: weighted
      .slice(0, TOP)
      .map((w) => ({ incidentId: w.incidentId, weight: Math.round(w.weight * 10_000) / 10_000 })),
  }
}
