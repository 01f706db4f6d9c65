// The detection worker (worker_threads): wraps the engine in the messages.ts protocol. It never touches the
// database or the network; logs go to main as `log` messages, errors as `failed` answers.
import { parentPort } from 'node:worker_threads'
import { createEngine, type Engine } from './engine'
import { errorText } from './error-text'
import type { FromWorker, ToWorker } from './messages'

const port = parentPort

function send(message: FromWorker): void {
  port?.postMessage(message)
}

function log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void {
  send({ type: 'log', level, message })
}

let engine: Engine | null = null

/** A damaged or foreign snapshot is logged and ignored: the models train again from live traffic. */
function restoreSnapshot(e: Engine, snapshot: string | null): void {
  if (!snapshot) return
  try {
    e.restore(snapshot)
  } catch (err) {
    log('warn', `model snapshot ignored: ${errorText(err)}`)
  }
}

/** Handles one message from main; exported for tests that drive the protocol without a thread. */
export function handleMessage(msg: ToWorker, reply: (m: FromWorker) => void = send): void {
  switch (msg.type) {
    case 'init': {
      try {
        engine?.dispose()
        engine = createEngine(msg.rules, {
          trustedProxies: msg.trustedProxies ?? [],
          ...(msg.recordBudgetMs === undefined ? {} : { recordBudgetMs: msg.recordBudgetMs }),
        })
        restoreSnapshot(engine, msg.modelSnapshot)
        reply({ type: 'ready', ruleCount: engine.ruleCount })
      } catch (err) {
        // Without a valid rule set the worker still answers batches (behaviour only) rather than dying.
        log('error', `rule pack refused: ${errorText(err)}`)
        engine = createEngine([])
        reply({ type: 'ready', ruleCount: 0 })
      }
      return
    }
    case 'batch': {
      if (!engine) {
        reply({ type: 'failed', seq: msg.seq, message: 'worker not initialised' })
        return
      }
      try {
        const { findings, counters, stats } = engine.process(msg.batch)
        if (stats.malformed > 0) {
          log(
            'debug',
            `batch ${msg.batch.sourceId}#${msg.batch.seq}: ${stats.malformed} malformed records`,
          )
        }
        reply({ type: 'result', seq: msg.seq, findings, counters, stats })
      } catch (err) {
        reply({ type: 'failed', seq: msg.seq, message: errorText(err) })
      }
      return
    }
    case 'rules': {
      if (!engine) {
        reply({ type: 'failed', seq: msg.seq, message: 'worker not initialised' })
        return
      }
      try {
        const count = engine.reload(msg.rules)
        log('info', `rules reloaded: ${count}`)
        reply({ type: 'rules-loaded', seq: msg.seq, ruleCount: count })
      } catch (err) {
        log('warn', `rules refused, keeping the old set: ${errorText(err)}`)
        reply({ type: 'failed', seq: msg.seq, message: errorText(err) })
      }
      return
    }
    case 'snapshot':
      reply({ type: 'snapshot', seq: msg.seq, snapshot: engine?.snapshot() ?? '{}' })
      return
    case 'flush': {
      // Windows still open (the end of a file) are closed and judged; the result is a batch of its own.
      const findings = engine?.flush(msg.timeline) ?? []
      const byCategory: Record<string, number> = {}
      for (const f of findings) byCategory[f.category] = (byCategory[f.category] ?? 0) + 1
      reply({
        type: 'result',
        seq: msg.seq,
        findings,
        counters: [],
        stats: {
          records: 0,
          malformed: 0,
          malformedSamples: [],
          durationMs: 0,
          byCategory,
          perMinute: [],
          suppressed: {},
          overBudget: 0,
        },
      })
      return
    }
  }
}

if (port) port.on('message', (msg: ToWorker) => handleMessage(msg))
