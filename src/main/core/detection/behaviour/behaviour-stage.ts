// The engine's behavioural stage: the window detectors and the anomaly detector, turned into findings.
// Behaviour findings name the request that tipped a window; anomaly findings name the last request of
// the window that stood out. Confidence decides later whether a finding is printed or only counted.
import type { Finding } from '../../../../shared/model'
import {
  createAnomalyDetector,
  DEFAULT_ANOMALY,
  type AnomalySignal,
} from '../anomaly/anomaly-detector'
import { findingId } from '../finding-id'
import { clip, scrubSecrets } from '../redact'
import type { RequestRecord } from '../request-record'
import { createBehaviourDetectors } from './behaviour-detectors'

export interface BehaviourStage {
  observe(sourceId: string, r: RequestRecord): Finding[]
  /** Closes open anomaly windows (end of a file, shutdown) and reports what stood out. */
  flush(sourceId: string): Finding[]
  /** The anomaly model, for main to store (null until one is trained). */
  snapshot(): string | null
  restore(snapshot: string): void
  sizes(): Record<string, number>
}

function anomalyFinding(sourceId: string, s: AnomalySignal): Finding {
  return {
    id: findingId(sourceId, s.recordId, 'anomaly.client-window'),
    kind: 'anomaly',
    ref: { sourceId, recordId: s.recordId, line: s.line },
    time: s.time,
    category: 'anomaly',
    severity: s.score >= 0.75 ? 'medium' : 'low',
    rule: 'anomaly.client-window',
    ip: s.ip,
    consumer: s.consumer,
    route: s.route,
    field: 'window',
    evidence: clip(scrubSecrets(s.summary)),
    highlights: [],
    decoded: null,
    confidence: s.confidence,
    details: s.details,
  }
}

/** Creates the stage with fresh windows; `seed` makes the forest's training reproducible. */
export function createBehaviourStage(seed = 1): BehaviourStage {
  const detectors = createBehaviourDetectors()
  const anomaly = createAnomalyDetector(DEFAULT_ANOMALY, seed)
  return {
    observe(sourceId, r) {
      const out: Finding[] = []
      for (const s of detectors.observe(r)) {
        out.push({
          id: findingId(sourceId, r.recordId, s.rule),
          kind: 'behaviour',
          ref: { sourceId, recordId: r.recordId, line: r.line },
          time: r.time,
          category: s.category,
          severity: s.severity,
          rule: s.rule,
          ip: r.ip,
          consumer: r.consumer,
          route: r.route,
          field: 'window',
          evidence: clip(scrubSecrets(s.summary)),
          highlights: [],
          decoded: null,
          confidence: s.confidence,
          details: s.details,
        })
      }
      for (const s of anomaly.observe(r)) out.push(anomalyFinding(sourceId, s))
      return out
    },
    flush: (sourceId) => anomaly.flush().map((s) => anomalyFinding(sourceId, s)),
    snapshot: () => anomaly.snapshot(),
    restore: (snapshot) => anomaly.restore(snapshot),
    sizes: () => ({ ...detectors.sizes(), anomalyWindows: anomaly.size }),
  }
}
