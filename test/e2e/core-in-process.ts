// The real Vigil core, running in the Playwright test process as Electron's main process runs it: a temp
// home, the real store, the real detection worker, the demo source, plus a source the test feeds by hand
// (for hostile input, which then takes the same path as any gateway line: worker, store, push).
import { createVigilCore, type VigilCore } from '../../src/main/core/app'
import type { DetectorWorker } from '../../src/main/core/detection/detector-host'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import { createDemoSource } from '../../src/main/core/sources/demo/demo-source'
import { createHandFedSource } from '../support/hand-fed-source'

export interface E2eCore {
  dispatch: VigilCore['dispatch']
  onEvent: VigilCore['onEvent']
  /** Feeds raw Kong log lines through the real pipeline; resolves once they are detected and stored. */
  feed(lines: readonly string[]): Promise<void>
  dispose(): Promise<void>
}

/** Starts a demo-mode core with `home` as its data folder. */
export async function startCore(opts: {
  readonly root: string
  readonly home: string
}): Promise<E2eCore> {
  const fed = createHandFedSource('e2e-feed')
  const core = createVigilCore({
    home: opts.home,
    resourcesDir: `${opts.root}/resources`,
    spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
    mode: 'demo',
    sources: ({ now }) => [createDemoSource({ clock: now }), fed],
  })
  await core.start()
  return {
    dispatch: core.dispatch,
    onEvent: core.onEvent,
    feed: (lines) => fed.feed(lines),
    dispose: () => core.dispose(),
  }
}
