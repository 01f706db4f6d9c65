// Groups findings into incidents. Pure: the caller hands in the incidents that could absorb the findings
// (the store loads them; the CLI may start from none) and gets back what changed, so the same grouping
// runs in the app, in `scan --db` and in tests.
//
// Rules:
// - A finding's key is (entityKind, entity, category); entity is the client ip when known, else the
//   consumer, else the route.
// - It joins an active incident (open, acknowledged or contained) with the same key whose time span,
//   widened by the gap window on both sides, covers the finding's time; the closest one wins. A
//   resolved or false-positive incident is never extended: a new finding opens a new incident.
// - Otherwise it opens an incident whose id is derived from (key, time of that first finding), so
//   re-ingesting the same findings into a fresh database yields the same ids.
// - Findings are taken in (time, id) order so the result does not depend on the order of the input.
import { createHash } from 'node:crypto'
import type {
  Category,
  EntityKind,
  Finding,
  IncidentStatus,
  IncidentSummary,
} from '../../../shared/model'
import { severityRank } from '../../../shared/model'
import { incidentTitle } from './incident-title'

/** Default gap window: a finding more than this far from an incident's span starts a new one. */
export const DEFAULT_GAP_MS = 30 * 60_000
/** Caps on the distinct lists shown in a summary. */
export const MAX_LISTED = 20
export const MAX_CONFIDENCE = 0.99
/** Each finding after the first removes this share of the remaining doubt (see incidentConfidence). */
const PER_FINDING_DOUBT = 0.95
const MAX_COUNTED_REPEATS = 20

const ACTIVE: ReadonlySet<IncidentStatus> = new Set(['open', 'acknowledged', 'contained'])

/** Whether an incident still absorbs new findings and counts toward the threat level. */
export function isActive(status: IncidentStatus): boolean {
  return ACTIVE.has(status)
}

/** An incident with what correlation needs beyond its summary. */
export interface CorrelationState extends IncidentSummary {
  /** Every distinct rule with the highest confidence seen for it, in order of first appearance. */
  readonly ruleConfidence: readonly (readonly [rule: string, confidence: number])[]
}

export interface CorrelationInput {
  /** Incidents that may absorb the findings; others (wrong key, inactive) are ignored. */
  readonly incidents: readonly CorrelationState[]
  /** New findings only: the caller leaves out findings it already stored, so counts never inflate. */
  readonly findings: readonly Finding[]
  /** Ingest time, written to updatedAt of every incident created or changed. */
  readonly now: number
  readonly gapMs?: number
  /** Tells whether an id is used by an incident not among `incidents` (e.g. a resolved one). */
  readonly idTaken?: (id: string) => boolean
}

export interface CorrelationResult {
  /** Incidents created or changed, in the order they were first touched. */
  readonly incidents: readonly CorrelationState[]
  readonly links: readonly { readonly findingId: string; readonly incidentId: string }[]
}

/** The entity a finding is about: ip, else consumer, else route (`unknown` when it has none). */
export function entityOf(f: Finding): { entityKind: EntityKind; entity: string } {
  if (f.ip !== null && f.ip !== '') return { entityKind: 'ip', entity: f.ip }
  if (f.consumer !== null && f.consumer !== '')
    return { entityKind: 'consumer', entity: f.consumer }
  return { entityKind: 'route', entity: f.route !== null && f.route !== '' ? f.route : 'unknown' }
}

/** Deterministic incident id from its key and first finding time; `attempt` > 1 resolves collisions. */
export function incidentId(
  entityKind: EntityKind,
  entity: string,
  category: Category,
  firstSeen: number,
  attempt = 1,
): string {
  const parts = [entityKind, entity, category, String(firstSeen)]
  if (attempt > 1) parts.push(String(attempt))
  return (
    'inc-' + createHash('sha256').update(parts.join('\u0000'), 'utf8').digest('hex').slice(0, 24)
  )
}

/**
 * confidence = min(0.99, 1 − Π_rules(1 − c_r) × 0.95^min(n − 1, 20)), rounded to 4 places.
 * c_r is the highest confidence of rule r's findings, so independent rules agreeing raise it, one noisy
 * rule repeating does not dominate; each repeat beyond the first (up to 20) still removes 5% of the doubt.
 */
export function incidentConfidence(
  ruleConfidence: readonly (readonly [string, number])[],
  findingCount: number,
): number {
  let doubt = 1
  for (const [, c] of ruleConfidence) doubt *= 1 - clamp01(c)
  doubt *= PER_FINDING_DOUBT ** Math.min(Math.max(findingCount - 1, 0), MAX_COUNTED_REPEATS)
  return Math.round(Math.min(MAX_CONFIDENCE, 1 - doubt) * 10_000) / 10_000
}

type Draft = {
  -readonly [
    K in Exclude<keyof CorrelationState, 'ruleConfidence' | 'routes' | 'rules'>
  ]: CorrelationState[K]
} & { ruleConfidence: [string, number][]; routes: string[]; rules: string[] }

/** Assigns each finding to an incident, extending active ones or opening new ones. */
export function correlate(input: CorrelationInput): CorrelationResult {
  const gap = input.gapMs ?? DEFAULT_GAP_MS
  const idTaken = input.idTaken ?? (() => false)
  const byKey = new Map<string, Draft[]>()
  const drafts = new Map<string, Draft>()
  for (const inc of input.incidents) {
    if (!isActive(inc.status)) continue
    const d = toDraft(inc)
    drafts.set(d.id, d)
    const key = keyOf(d.entityKind, d.entity, d.category)
    const list = byKey.get(key)
    if (list === undefined) byKey.set(key, [d])
    else list.push(d)
  }

  const touched: Draft[] = []
  const touchedIds = new Set<string>()
  const links: { findingId: string; incidentId: string }[] = []
  const seen = new Set<string>()
  const findings = [...input.findings].sort((a, b) => a.time - b.time || cmp(a.id, b.id))

  for (const f of findings) {
    if (seen.has(f.id)) continue
    seen.add(f.id)
    const { entityKind, entity } = entityOf(f)
    const key = keyOf(entityKind, entity, f.category)
    const list = byKey.get(key) ?? []
    let target = closest(list, f.time, gap)
    if (target === undefined) {
      target = open(f, entityKind, entity, input.now, (id) => drafts.has(id) || idTaken(id))
      drafts.set(target.id, target)
      list.push(target)
      byKey.set(key, list)
    } else {
      extend(target, f, input.now)
    }
    if (!touchedIds.has(target.id)) {
      touchedIds.add(target.id)
      touched.push(target)
    }
    links.push({ findingId: f.id, incidentId: target.id })
  }
  return { incidents: touched, links }
}

function closest(list: readonly Draft[], time: number, gap: number): Draft | undefined {
  let best: Draft | undefined
  let bestDistance = Infinity
  for (const d of list) {
    if (!isActive(d.status)) continue
    const distance = time < d.firstSeen ? d.firstSeen - time : Math.max(0, time - d.lastSeen)
    if (distance > gap) continue
    if (
      distance < bestDistance ||
      (distance === bestDistance && best !== undefined && d.lastSeen > best.lastSeen)
    ) {
      best = d
      bestDistance = distance
    }
  }
  return best
}

function open(
  f: Finding,
  entityKind: EntityKind,
  entity: string,
  now: number,
  taken: (id: string) => boolean,
): Draft {
  let attempt = 1
  let id = incidentId(entityKind, entity, f.category, f.time)
  while (taken(id)) id = incidentId(entityKind, entity, f.category, f.time, ++attempt)
  const ruleConfidence: [string, number][] = [[f.rule, clamp01(f.confidence)]]
  return {
    id,
    title: incidentTitle(f.category, entityKind, entity),
    category: f.category,
    severity: f.severity,
    confidence: incidentConfidence(ruleConfidence, 1),
    status: 'open',
    entityKind,
    entity,
    firstSeen: f.time,
    lastSeen: f.time,
    findingCount: 1,
    rules: [f.rule],
    routes: f.route !== null && f.route !== '' ? [f.route] : [],
    updatedAt: now,
    ruleConfidence,
  }
}

function extend(d: Draft, f: Finding, now: number): void {
  if (severityRank(f.severity) > severityRank(d.severity)) d.severity = f.severity
  d.firstSeen = Math.min(d.firstSeen, f.time)
  d.lastSeen = Math.max(d.lastSeen, f.time)
  d.findingCount += 1
  const rc = d.ruleConfidence.find(([r]) => r === f.rule)
  if (rc === undefined) d.ruleConfidence.push([f.rule, clamp01(f.confidence)])
  else rc[1] = Math.max(rc[1], clamp01(f.confidence))
  d.rules = d.ruleConfidence.slice(0, MAX_LISTED).map(([r]) => r)
  if (
    f.route !== null &&
    f.route !== '' &&
    d.routes.length < MAX_LISTED &&
    !d.routes.includes(f.route)
  ) {
    d.routes = [...d.routes, f.route]
  }
  d.confidence = incidentConfidence(d.ruleConfidence, d.findingCount)
  d.updatedAt = now
}

function toDraft(inc: CorrelationState): Draft {
  return {
    ...inc,
    rules: [...inc.rules],
    routes: [...inc.routes],
    ruleConfidence: inc.ruleConfidence.map(([r, c]) => [r, c]),
  }
}

function keyOf(entityKind: EntityKind, entity: string, category: Category): string {
  return `${entityKind}\u0000${entity}\u0000${category}`
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
