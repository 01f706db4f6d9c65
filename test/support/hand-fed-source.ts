// A source that tests feed by hand: raw lines go through the real pipeline (worker, store, push), exactly
// as lines from a gateway would. Shown in source health like any other source.
import {
  initialHealth,
  type LogFormat,
  type RawBatch,
  type Source,
  type SourceSink,
} from '../../src/main/core/sources/source'

export interface HandFedSource extends Source {
  /** Delivers `lines` as one batch (numbered on from the previous one); resolves once stored. */
  feed(lines: readonly string[], format?: LogFormat): Promise<void>
  /** Delivers a batch as given (to replay one, or to choose its numbers). */
  deliver(batch: Omit<RawBatch, 'sourceId'>): Promise<void>
}

/** Creates a hand-fed source with the given id. */
export function createHandFedSource(id = 'feed'): HandFedSource {
  let sink: SourceSink | null = null
  let seq = 0
  let line = 0
  let events = 0
  let lastEventAt: number | null = null
  const deliver = async (b: Omit<RawBatch, 'sourceId'>): Promise<void> => {
    if (!sink) throw new Error(`source ${id} was not started`)
    events += b.records.length
    lastEventAt = Date.now()
    await sink.deliver({ ...b, sourceId: id })
  }
  return {
    id,
    kind: 'file',
    name: `hand-fed ${id}`,
    start: (s) => void (sink = s),
    health: () =>
      initialHealth(id, 'file', `hand-fed ${id}`, {
        state: 'up',
        eventsTotal: events,
        lastEventAt,
      }),
    dispose: async () => undefined,
    deliver,
    feed(lines, format = 'kong') {
      const records = lines.map((text) => ({ line: ++line, text }))
      return deliver({ seq: ++seq, format, records, metrics: [], cursor: String(line) })
    },
  }
}
