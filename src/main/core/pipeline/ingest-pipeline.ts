// Sources → detection → store → push. The pipeline is every source's sink: it sends a batch to the
// detector, stores the result with the source's cursor in one transaction, and queues the push events.
// A batch the detector fails twice is quarantined (kept with its reason, shown in source health).
import type { IncidentSummary, SourceHealth, TimelineBucket } from '../../../shared/model'
import type { DetectorHost } from '../detection/detector-host'
import type { BatchStats } from '../detection/messages'
import type { EventHub } from '../event-hub'
import type { RawBatch, Source, SourceSink } from '../sources/source'
import type { Store } from '../store/store'

export interface SourceCounters {
  events: number
  malformed: number
  quarantined: number
  lastError: string | null
}

export interface IngestPipeline {
  /** The sink a source delivers to. */
  sinkFor(sourceId: string): SourceSink
  /** Source health as the UI shows it: the source's own view plus what detection counted. */
  health(sources: readonly Source[]): SourceHealth[]
  /** Called with every batch's stats (the CLI prints summaries from them). */
  onStats(listener: (sourceId: string, stats: BatchStats) => void): () => void
  /** Refuses new batches and waits for those in flight, so nothing is written after the store closes. */
  close(): Promise<void>
}

export interface IngestPipelineOptions {
  readonly detector: DetectorHost
  readonly store: Store
  readonly hub: EventHub
  readonly now: () => number
  readonly log: (level: 'info' | 'warn' | 'error', message: string) => void
  /** Called after each stored batch with the incidents it changed (the threat level is recomputed). */
  readonly afterIngest?: (changed: readonly IncidentSummary[]) => void
}

/** Turns a batch's per-minute stats into timeline deltas for the store. */
export function timelineDeltas(stats: BatchStats): TimelineBucket[] {
  return stats.perMinute.map((m) => ({
    start: m.minute,
    requests: m.requests,
    byCategory: m.byCategory,
  }))
}

/** Creates the pipeline shared by every source. */
export function createIngestPipeline(opts: IngestPipelineOptions): IngestPipeline {
  const counters = new Map<string, SourceCounters>()
  const statsListeners = new Set<(sourceId: string, stats: BatchStats) => void>()
  const countersOf = (id: string): SourceCounters => {
    let c = counters.get(id)
    if (!c) {
      c = {
        events: 0,
        malformed: 0,
        quarantined: opts.store.quarantined(id).length,
        lastError: null,
      }
      counters.set(id, c)
    }
    return c
  }

  let closed = false
  const inFlight = new Set<Promise<void>>()

  function deliver(batch: RawBatch): Promise<void> {
    // A batch refused at shutdown is not stored and its cursor does not move: it is read again next time.
    if (closed) return Promise.resolve()
    const p = deliverNow(batch).finally(() => inFlight.delete(p))
    inFlight.add(p)
    return p
  }

  async function deliverNow(batch: RawBatch): Promise<void> {
    const c = countersOf(batch.sourceId)
    const outcome = await opts.detector.process(batch)
    if (closed) return
    if (!outcome.ok) {
      const reason = `batch ${batch.seq} failed ${outcome.attempts} times: ${outcome.reason}`
      opts.store.quarantine({
        sourceId: batch.sourceId,
        seq: batch.seq,
        at: opts.now(),
        reason,
        records: batch.records.length,
        payload: JSON.stringify(batch),
        // The cursor moves past a quarantined batch, or the source would feed it again forever.
        cursor: batch.cursor,
      })
      c.quarantined++
      c.lastError = `quarantined ${reason}`
      opts.log('error', `${batch.sourceId}: quarantined ${reason}`)
      return
    }
    const { findings, counters: minuteCounters, stats } = outcome.result
    const timeline = timelineDeltas(stats)
    const res = opts.store.ingest({
      sourceId: batch.sourceId,
      findings,
      counters: minuteCounters,
      timeline,
      cursor: batch.cursor,
      now: opts.now(),
    })
    c.events += stats.records
    c.malformed += stats.malformed
    for (const l of statsListeners) l(batch.sourceId, stats)
    if (res.changed.length > 0) opts.hub.emit('incidents.changed', res.changed)
    if (timeline.length > 0) {
      const since = Math.min(...timeline.map((t) => t.start))
      opts.hub.emit('timeline.appended', opts.store.timeline(since))
    }
    opts.afterIngest?.(res.changed)
  }

  return {
    sinkFor: (sourceId) => ({
      deliver: (batch) => deliver(batch.sourceId === sourceId ? batch : { ...batch, sourceId }),
    }),
    health(sources) {
      return sources.map((s) => {
        const h = s.health()
        const c = countersOf(s.id)
        return {
          ...h,
          malformedTotal: Math.max(h.malformedTotal, c.malformed),
          quarantinedBatches: c.quarantined,
          lastError: h.lastError ?? c.lastError,
          state: h.state === 'up' && c.quarantined > 0 ? 'degraded' : h.state,
        }
      })
    },
    onStats(listener) {
      statsListeners.add(listener)
      return () => statsListeners.delete(listener)
    },
    async close() {
      closed = true
      await Promise.allSettled([...inFlight])
    },
  }
}
