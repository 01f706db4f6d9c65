// The real Vigil core, running in the Playwright test process as Electron's main process runs it: a temp
// home, the real store, the real detection worker, the demo source, plus a source the test feeds by hand
// (for hostile input, which then takes the same path as any gateway line: worker, store, push).
import { createVigilCore, type VigilCore } from '../../src/main/core/app'
import type { DetectorWorker } from '../../src/main/core/detection/detector-host'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import { createDemoSource } from '../../src/main/core/sources/demo/demo-source'
import type { Source, SourceSink } from '../../src/main/core/sources/source'
import type { SourceHealth } from '../../src/shared/model'

export interface E2eCore {
  readonly core: VigilCore
  dispatch: VigilCore['dispatch']
  onEvent: VigilCore['onEvent']
  /** Feeds raw Kong log lines through the real pipeline; resolves once they are detected and stored. */
  feed(lines: readonly string[]): Promise<void>
  dispose(): Promise<void>
}

/** A source whose batches the test hands over; shown in source health like any other. */
function handFedSource(): Source & { feed(lines: readonly string[]): Promise<void> } {
  let sink: SourceSink | null = null
  let seq = 0
  let line = 0
  let events = 0
  let last: number | null = null
  const health = (): SourceHealth => ({
    id: 'e2e-feed',
    kind: 'file',
    name: 'E2E feed',
    state: 'up',
    lastError: null,
    lastEventAt: last,
    lagMs: null,
    eventsTotal: events,
    malformedTotal: 0,
    quarantinedBatches: 0,
    nextRetryAt: null,
  })
  return {
    id: 'e2e-feed',
    kind: 'file',
    name: 'E2E feed',
    start: (s) => void (sink = s),
    health,
    dispose: async () => undefined,
    async feed(lines) {
      if (!sink) throw new Error('core not started')
      const records = lines.map((text) => ({ line: ++line, text }))
      events += records.length
      last = Date.now()
      await sink.deliver({
        sourceId: 'e2e-feed',
        seq: ++seq,
        format: 'kong',
        records,
        metrics: [],
        cursor: String(line),
      })
    },
  }
}

/** Starts a demo-mode core with `home` as its data folder. */
export async function startCore(opts: {
  readonly root: string
  readonly home: string
}): Promise<E2eCore> {
  const fed = handFedSource()
  const core = createVigilCore({
    home: opts.home,
    resourcesDir: `${opts.root}/resources`,
    spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
    mode: 'demo',
    sources: ({ now }) => [createDemoSource({ clock: now }), fed],
  })
  await core.start()
  return {
    core,
    dispatch: core.dispatch,
    onEvent: core.onEvent,
    feed: fed.feed,
    dispose: () => core.dispose(),
  }
}
