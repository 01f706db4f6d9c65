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
import type { BruteforceOptions } from '../bruteforce'
import { createBehaviourDetectors } from './behaviour-detectors'
import type { BehaviourSignal } from './behaviour-signal'

export interface BehaviourStage {
  observe(sourceId: string, r: RequestRecord): Finding[]
  /** Closes open anomaly windows (end of a file, shutdown) and reports what stood out. */
  flush(sourceId: string): Finding[]
  /** The anomaly model, for main to store (null until one is trained). */
  snapshot(): string | null
  restore(snapshot: string): void
  sizes(): Record<string, number>
}

/** Where a window finding points: the request that tipped it, or the last of the window. */
interface WindowRef {
  readonly recordId: string
  readonly line: number | null
  readonly time: number
  readonly ip: string | null
  readonly consumer: string | null
  readonly route: string | null
}

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
      for (const s of detectors.observe(r)) out.push(windowFinding(sourceId, 'behaviour', r, s))
      for (const s of anomaly.observe(r)) out.push(anomalyFinding(sourceId, s))
      return out
    },
    flush: (sourceId) => anomaly.flush().map((s) => anomalyFinding(sourceId, s)),
    snapshot: () => anomaly.snapshot(),
    restore: (snapshot) => anomaly.restore(snapshot),
    sizes: () => ({ ...detectors.sizes(), anomalyWindows: anomaly.size }),
  }
}
