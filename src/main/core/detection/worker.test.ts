// Round-trips batches through a real worker thread started the way the CLI starts it.
import { afterEach, describe, expect, it } from 'vitest'
import type { Worker } from 'node:worker_threads'
import type { FromWorker, ToWorker } from './messages'
import { builtinRulesDir, readRuleSources } from './rule-pack'
import { spawnNodeDetector } from './spawn-node-worker'

let worker: Worker | null = null
afterEach(async () => {
  await worker?.terminate()
  worker = null
})

function next(w: Worker, pred: (m: FromWorker) => boolean): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const on = (m: FromWorker): void => {
      if (pred(m)) {
        w.off('message', on)
        resolve(m)
      }
    }
    w.on('message', on)
    w.once('error', reject)
  })
}

describe('detection worker', () => {
  it('answers init, batch, rules and snapshot', async () => {
    const w = (worker = spawnNodeDetector())
    const send = (m: ToWorker): void => w.postMessage(m)
    const ready = next(w, (m) => m.type === 'ready')
    send({ type: 'init', rules: readRuleSources(builtinRulesDir()), modelSnapshot: null })
    const r = await ready
    expect(r.type === 'ready' && r.ruleCount).toBeGreaterThan(20)

    const result = next(w, (m) => m.type === 'result' || m.type === 'failed')
    send({
      type: 'batch',
      seq: 1,
      batch: {
        sourceId: 'w',
        seq: 1,
        format: 'combined',
        records: [
          {
            line: 1,
            text: '203.0.113.5 - - [10/Mar/2026:08:00:03 +0900] "GET /api?q=%3Cscript%3E HTTP/1.1" 200 1 "-" "curl/8"',
          },
          { line: 2, text: 'nonsense' },
        ],
        metrics: [],
        cursor: null,
      },
    })
    const res = await result
    expect(res.type).toBe('result')
    if (res.type === 'result') {
      expect(res.seq).toBe(1)
      expect(res.findings.map((f) => f.rule)).toContain('xss.script-tag')
      expect(res.stats.malformed).toBe(1)
    }

    const refused = next(w, (m) => m.type === 'failed' || m.type === 'rules-loaded')
    send({ type: 'rules', seq: 2, rules: [{ file: 'broken.yaml', text: 'id: [' }] })
    const f = await refused
    expect(f.type).toBe('failed')
    if (f.type === 'failed') expect(f.message).toContain('broken.yaml')

    const snap = next(w, (m) => m.type === 'snapshot')
    send({ type: 'snapshot', seq: 3 })
    const s = await snap
    expect(s.type === 'snapshot' && JSON.parse(s.snapshot).rules).toBeGreaterThan(20)
  })
  it('takes the inspection budget per record from init', async () => {
    const w = (worker = spawnNodeDetector())
    const send = (m: ToWorker): void => w.postMessage(m)
    const ready = next(w, (m) => m.type === 'ready')
    // no time at all: every record is cut short and counted
    send({
      type: 'init',
      rules: readRuleSources(builtinRulesDir()),
      modelSnapshot: null,
      recordBudgetMs: 0,
    })
    await ready
    const result = next(w, (m) => m.type === 'result' || m.type === 'failed')
    const text =
      '203.0.113.5 - - [10/Mar/2026:08:00:03 +0900] "GET /api?q=a&b=c&d=e&f=g&h=i HTTP/1.1" 200 1 "-" "curl/8"'
    send({
      type: 'batch',
      seq: 1,
      batch: {
        sourceId: 'w',
        seq: 1,
        format: 'combined',
        records: [
          { line: 1, text },
          { line: 2, text },
        ],
        metrics: [],
        cursor: null,
      },
    })
    const res = await result
    expect(res.type === 'result' && res.stats.overBudget).toBe(2)
  })
})
