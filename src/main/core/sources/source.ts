// The Source interface: every input (demo replay, log file, Kong, Prometheus, Elasticsearch) delivers
// batches of raw records to a sink, reports its health, and resumes from a cursor kept in the store.
import type { SourceHealth, SourceKind } from '../../../shared/model'

export type LogFormat = 'kong' | 'combined' | 'ecs'

/** One raw line or document, exactly as read; parsing and normalisation happen in the worker. */
export interface RawRecord {
  /** 1-based line in a file; for a stream, the record's position since the source started. */
  readonly line: number
  readonly text: string
}

/** A numeric sample from a metrics source (Kong's Prometheus plugin, Prometheus queries). */
export interface MetricSample {
  readonly name: string
  readonly labels: Readonly<Record<string, string>>
  readonly value: number
  readonly time: number
}

export interface RawBatch {
  readonly sourceId: string
  /** Increases by one per batch of a source; with sourceId it names the batch (quarantine, logs). */
  readonly seq: number
  readonly format: LogFormat | 'auto'
  readonly records: readonly RawRecord[]
  readonly metrics: readonly MetricSample[]
  /** Opaque position after this batch; stored only once the batch's findings are stored. */
  readonly cursor: string | null
  /**
   * Whose behaviour windows the batch counts in. Absent: the live timeline, shared by every live source
   * (the access logs of two gateway nodes see the same clients at the same time, and a brute force spread
   * over both is one). An import of past traffic names its own, so yesterday's hour is not counted into
   * today's minute; it ends with a flush of that name.
   */
  readonly timeline?: string
}

export interface SourceSink {
  /** Resolves when the batch is processed and stored, so a source never runs ahead of detection. */
  deliver(batch: RawBatch): Promise<void>
}

export interface Source {
  readonly id: string
  readonly kind: SourceKind
  readonly name: string
  /** Starts reading from `cursor` (null: the source's own beginning). */
  start(sink: SourceSink, cursor: string | null): void
  health(): SourceHealth
  dispose(): Promise<void>
}

/** The health of a source that has reported nothing yet; sources and callers override what they know. */
export function initialHealth(
  id: string,
  kind: SourceHealth['kind'],
  name: string,
  over: Partial<SourceHealth> = {},
): SourceHealth {
  return {
    id,
    kind,
    name,
    state: 'starting',
    lastError: null,
    lastEventAt: null,
    lagMs: null,
    eventsTotal: 0,
    malformedTotal: 0,
    quarantinedBatches: 0,
    nextRetryAt: null,
    ...over,
  }
}
