// The app without Electron: composes configuration, store, detector, pipeline, sources and the call
// handlers. index.ts (Electron), the E2E harness and integration tests all start Vigil through this.
import { mkdirSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import type { AppInfo, Calls } from '../../shared/contract'
import { isDemoConfig } from '../../shared/config'
import type { SourceHealth, ThreatLevel } from '../../shared/model'
import { loadConfig } from './config/load-config'
import {
  createDetectorHost,
  type DetectorHost,
  type SpawnDetector,
} from './detection/detector-host'
import {
  CallFailure,
  createDispatch,
  type CallContext,
  type Dispatch,
  type Handlers,
} from './dispatch'
import { createEventHub, type EventHub, type EventListener } from './event-hub'
import { createLogger, type Logger } from './log/logger'
import { createSecretScrubber } from './log/scrub-secrets'
import { createIngestPipeline, type IngestPipeline } from './pipeline/ingest-pipeline'
import { createRuleSet, type RuleSet } from './rules/rule-set'
import { createDemoSource } from './sources/demo/demo-source'
import { initialHealth, type Source } from './sources/source'
import { openStore } from './store/open-store'
import type { Store } from './store/store'
import { computeThreat } from './threat/threat-level'

export interface VigilCoreOptions {
  /** The data folder: vigil.db, demo.db, config.json, logs/. */
  readonly home: string
  /** Folder holding rules/ and demo/ (the repository's resources/ or the packaged app's). */
  readonly resourcesDir: string
  readonly spawnDetector: SpawnDetector
  /** 'auto' picks demo mode when no live source is configured. */
  readonly mode?: 'auto' | 'demo'
  readonly now?: () => number
  readonly actor?: string
  readonly version?: string
  /** Replaces the sources the configuration would start (tests). */
  readonly sources?: (ctx: { now: () => number }) => Source[]
  readonly logToStderr?: boolean
}

export interface VigilCore {
  readonly mode: AppInfo['mode']
  /** `local:<os user>` until operators sign in. */
  readonly actor: string
  readonly store: Store
  readonly log: Logger
  readonly dispatch: Dispatch
  /** Push events, already batched (≤ one flush per 500 ms); listener gets (channel, payload). */
  onEvent(listener: EventListener): () => void
  start(): Promise<void>
  dispose(): Promise<void>
}

const DEMO_HINT =
  'This is demo data from the built-in replay. Configure Kong, Prometheus or Elasticsearch in config.json (see the README) to watch your own gateway.'

/** Creates the core; nothing runs until start(). */
export function createVigilCore(opts: VigilCoreOptions): VigilCore {
  const now = opts.now ?? Date.now
  mkdirSync(opts.home, { recursive: true })
  const scrubber = createSecretScrubber()
  const log = createLogger({
    dir: join(opts.home, 'logs'),
    scrubber,
    now,
    alsoStderr: opts.logToStderr,
  })
  const cfg = loadConfig(opts.home)
  const demo = opts.mode === 'demo' || (cfg.ok && isDemoConfig(cfg.config))
  const mode: AppInfo['mode'] = demo ? 'demo' : 'live'
  // Demo incidents never mix with real ones: they live in their own database file.
  const store = openStore(join(opts.home, demo ? 'demo.db' : 'vigil.db'), { now })
  const hub: EventHub = createEventHub(500)
  const actor = opts.actor ?? `local:${safeUserName()}`
  const disposers: (() => unknown)[] = []
  let detector: DetectorHost | null = null
  let pipeline: IngestPipeline | null = null
  let sources: Source[] = []
  let lastThreat: ThreatLevel | null = null
  let rules: RuleSet | null = null

  const threat = (): ThreatLevel => computeThreat(store.activeIncidents(), now())
  const pushThreat = (force = false): void => {
    const t = threat()
    if (
      force ||
      !lastThreat ||
      t.score !== lastThreat.score ||
      t.band !== lastThreat.band ||
      t.openIncidents !== lastThreat.openIncidents
    ) {
      lastThreat = t
      hub.emit('threat.changed', t)
    }
  }
  const configHealth = (): SourceHealth[] =>
    cfg.ok
      ? []
      : [initialHealth('config', 'file', 'config.json', { state: 'down', lastError: cfg.error })]
  const detectorHealth = (inputs: readonly SourceHealth[]): SourceHealth => {
    const d = detector?.health()
    return initialHealth('detector', 'detector', 'Detection engine', {
      state: !d ? 'starting' : d.state === 'restarting' ? 'degraded' : d.state,
      lastError:
        d && d.state !== 'up' && d.lastError ? `${d.lastError} (${d.restarts} restarts)` : null,
      eventsTotal: inputs.reduce((n, s) => n + s.eventsTotal, 0),
      malformedTotal: inputs.reduce((n, s) => n + s.malformedTotal, 0),
      quarantinedBatches: inputs.reduce((n, s) => n + s.quarantinedBatches, 0),
    })
  }
  const health = (): SourceHealth[] => {
    const inputs = pipeline?.health(sources) ?? []
    return [...configHealth(), ...inputs, ...(detector ? [detectorHealth(inputs)] : [])]
  }

  const handlers: Handlers = {
    'app.info': (_i, ctx) => ({
      version: opts.version ?? '0.1.0',
      mode,
      demoHint: demo ? DEMO_HINT : cfg.ok ? null : cfg.error,
      actor: ctx.actor,
      role: ctx.role,
    }),
    'overview.get': ({ timelineMinutes }) => ({
      threat: threat(),
      sources: health(),
      timeline: store.timeline(now() - timelineMinutes * 60_000),
      incidents: store.listIncidents({ limit: 500 }),
    }),
    'incidents.list': (q) => store.listIncidents(q),
    'incidents.get': ({ id }) => {
      const d = store.getIncident(id, 200)
      if (!d) throw new CallFailure('not-found', 'no such incident')
      return d
    },
    'incidents.setStatus': ({ id, status, reason }, ctx: CallContext) => {
      if (!store.getIncident(id, 0)) throw new CallFailure('not-found', 'no such incident')
      let updated: Calls['incidents.setStatus']['output']
      try {
        updated = store.setIncidentStatus(
          id,
          status,
          {
            actor: ctx.actor,
            action: 'incident.status',
            target: id,
            reason,
            outcome: 'done',
            details: { status },
          },
          now(),
        )
      } catch (err) {
        throw new CallFailure('conflict', (err as Error).message.slice(0, 300))
      }
      hub.emit('incidents.changed', [updated])
      pushThreat()
      return updated
    },
    'sources.health': () => health(),
    'rules.status': () => {
      if (!rules) throw new CallFailure('unavailable', 'rules are not loaded yet')
      return rules.status()
    },
  }

  const dispatch = createDispatch(handlers, (name, err) =>
    log.log('error', `call ${name} failed`, {
      error: err instanceof Error ? err.message : String(err),
    }),
  )

  return {
    mode,
    actor,
    store,
    log,
    dispatch,
    onEvent: (listener) => hub.subscribe(listener),
    async start() {
      log.log('info', `starting in ${mode} mode`, { home: opts.home })
      if (!cfg.ok) log.log('error', cfg.error)
      const ruleSet = createRuleSet(
        join(opts.resourcesDir, 'rules'),
        cfg.ok ? (cfg.config.rulesDir ?? null) : null,
        now,
      )
      rules = ruleSet
      const ruleError = ruleSet.status().lastError
      if (ruleError)
        log.log('error', `custom rules refused, running the built-in pack: ${ruleError}`)
      const host = createDetectorHost({
        spawn: opts.spawnDetector,
        rules: ruleSet.initial(),
        modelSnapshot: store.loadSnapshot('detector'),
        trustedProxies: cfg.ok ? cfg.config.detection.trustedProxies : [],
        log: (level, message) => log.log(level, message),
      })
      detector = host
      // A custom rule file saved in the editor is live within a second; a broken one is refused with
      // its file named, and the rules in force stay as they were.
      ruleSet.watch(() => {
        void ruleSet
          .reload((next) => host.reloadRules(next))
          .then((st) => {
            log.log(
              st.lastError ? 'error' : 'info',
              st.lastError
                ? `custom rules refused: ${st.lastError}`
                : `rules reloaded: ${st.builtin} built-in, ${st.custom} custom`,
            )
            hub.emit('rules.changed', st)
          })
      })
      disposers.push(() => ruleSet.dispose())
      pipeline = createIngestPipeline({
        detector,
        store,
        hub,
        now,
        log: (level, message) => log.log(level, message),
        afterIngest: () => pushThreat(),
      })
      sources = opts.sources
        ? opts.sources({ now })
        : demo
          ? [createDemoSource({ clock: now })]
          : []
      for (const s of sources) s.start(pipeline.sinkFor(s.id), store.cursor(s.id))
      // The threat level decays with time even when nothing arrives; health changes without batches.
      const tick = setInterval(() => {
        pushThreat()
        hub.emit('sources.changed', health())
      }, 2_000)
      disposers.push(() => clearInterval(tick))
      // The anomaly model is retrained in the worker; keep its latest copy so a restart does not
      // begin from nothing.
      const persist = setInterval(() => {
        void host.snapshot().then((snap) => {
          if (snap) store.saveSnapshot('detector', snap, now())
        })
      }, 10 * 60_000)
      disposers.push(() => clearInterval(persist))
      pushThreat(true)
      hub.emit('sources.changed', health())
    },
    async dispose() {
      for (const d of disposers.splice(0)) d()
      await pipeline?.close()
      await Promise.all(sources.map((s) => s.dispose().catch(() => undefined)))
      if (detector) {
        const snap = await detector.snapshot()
        if (snap) store.saveSnapshot('detector', snap, now())
        await detector.dispose()
      }
      hub.dispose()
      store.close()
    },
  }
}

function safeUserName(): string {
  try {
    return userInfo().username || 'unknown'
  } catch {
    return 'unknown'
  }
}
