// The engine's behavioural stage: the window detectors and the anomaly detector, turned into findings.
// Behaviour findings name the request that tipped a window; anomaly findings name the last request of
// the window that stood out. Confidence decides later whether a finding is printed or only counted.
import type { Finding } from '../../../../shared/model'
import { z } from 'zod'
import {
  createAnomalyDetector,
  DEFAULT_ANOMALY,
  type AnomalySignal,
  type SavedAnomaly,
} from '../anomaly/anomaly-detector'
import { findingId } from '../finding-id'
import { clip, scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import type { BruteforceOptions } from '../bruteforce'
import { createBehaviourDetectors } from './behaviour-detectors'
import type { BehaviourSignal, WindowRef } from './behaviour-signal'

export interface BehaviourStage {
  observe(sourceId: string, r: RequestRecord): Finding[]
  /** Closes open anomaly windows (end of a file, shutdown) and reports what stood out. */
  flush(sourceId: string): Finding[]
  /** What the stage has learnt (baselines, habits, the anomaly model), as JSON data for main to store. */
  snapshot(): StageSnapshot
  /** Takes back a snapshot into a fresh stage; throws when it is damaged (the caller starts afresh). */
  restore(snapshot: unknown): void
  /** Restores an anomaly forest alone (snapshots written before baselines were kept). */
  restoreForest(forest: string): void
  sizes(): Record<string, number>
}

export interface StageSnapshot {
  readonly detectors: Record<string, unknown>
  readonly anomaly: SavedAnomaly
}

const stageSnapshot = z.object({
  detectors: z.record(z.string(), z.unknown()),
  anomaly: z.unknown(),
})

function windowFinding(
  sourceId: string,
  kind: Finding['kind'],
  at: WindowRef,
  s: Pick<
    BehaviourSignal,
    'scope' | 'category' | 'rule' | 'severity' | 'confidence' | 'summary' | 'details'
  >,
): Finding {
  // A route-wide or consumer-wide window is not about the address that happened to tip it.
  const scope = s.scope ?? 'ip'
  return {
    id: findingId(sourceId, at.recordId, s.rule),
    kind,
    ref: { sourceId, recordId: at.recordId, line: at.line },
    time: at.time,
    category: s.category,
    severity: s.severity,
    rule: s.rule,
    ip: scope === 'ip' ? at.ip : null,
    consumer: scope === 'route' ? null : at.consumer,
    route: at.route,
    field: 'window',
    evidence: clip(scrubSecrets(s.summary)),
    highlights: [],
    decoded: null,
    confidence: s.confidence,
    details: s.details,
  }
}

const anomalyFinding = (sourceId: string, s: AnomalySignal): Finding =>
  windowFinding(sourceId, 'anomaly', s, {
    ...s,
    category: 'anomaly',
    rule: 'anomaly.client-window',
    severity: s.score >= 0.75 ? 'medium' : 'low',
  })

/** Creates the stage with fresh windows; `seed` makes the forest's training reproducible. */
export function createBehaviourStage(
  seed = 1,
  opts: { readonly bruteforce?: BruteforceOptions } = {},
): BehaviourStage {
  const detectors = createBehaviourDetectors(opts)
  const anomaly = createAnomalyDetector(DEFAULT_ANOMALY, seed)
  return {
    observe(sourceId, r) {
      const out: Finding[] = []
      for (const s of detectors.observe(r)) {
        out.push(windowFinding(sourceId, 'behaviour', s.at ?? r, s))
        for (const a of s.accomplices ?? []) out.push(windowFinding(sourceId, 'behaviour', a, s))
      }
      for (const s of anomaly.observe(r)) out.push(anomalyFinding(sourceId, s))
      return out
    },
    flush: (sourceId) => anomaly.flush().map((s) => anomalyFinding(sourceId, s)),
    snapshot: () => ({ detectors: detectors.save(), anomaly: anomaly.save() }),
    restore(snapshot) {
      const s = stageSnapshot.parse(snapshot)
      detectors.load(s.detectors)
      anomaly.load(s.anomaly)
    },
    restoreForest: (forest) => anomaly.restore(forest),
    sizes: () => ({ ...detectors.sizes(), anomalyWindows: anomaly.size }),
  }
}
