// 10,000 malformed or hostile lines are counted, not fatal, and stay within the time budget.
import { describe, expect, it } from 'vitest'
import { createEngine } from './engine'
import { builtinRulesDir, readRuleSources } from './rule-pack'
import type { RawRecord } from '../sources/source'

function hostile(i: number): string {
  switch (i % 8) {
    case 0:
      return '{'.repeat(5000)
    case 1:
      return '['.repeat(200) + ']'.repeat(200)
    case 2:
      return String.fromCharCode(...Array.from({ length: 300 }, (_, k) => (k * 37 + i) % 256))
    case 3:
      return '{"request":{"uri":"/' + 'a'.repeat(1_000_100) + '"}}'
    case 4:
      return JSON.stringify({
        request: {
          uri: '/x?' + '%25'.repeat(20_000) + '&q=' + "'".repeat(5000),
          headers: { 'user-agent': '<'.repeat(30_000) },
        },
        client_ip: '192.0.2.1',
        started_at: 1,
      })
    case 5:
      return JSON.stringify({
        request: {
          uri: '/x',
          method: 'POST',
          headers: {},
          body: '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
        },
        client_ip: '192.0.2.2',
        started_at: 2,
      })
    case 6:
      return '"' + '\\'.repeat(10_000)
    default:
      return `192.0.2.3 - - [bad] "${'A'.repeat(9000)}" 999`
  }
}

describe('hostile input', () => {
  it('survives 10,000 hostile lines with counted errors', () => {
    const e = createEngine(readRuleSources(builtinRulesDir()), { recordBudgetMs: 20 })
    let malformed = 0
    let records = 0
    const started = Date.now()
    for (let b = 0; b < 20; b++) {
      const recs: RawRecord[] = []
      for (let i = 0; i < 500; i++) recs.push({ line: b * 500 + i + 1, text: hostile(b * 500 + i) })
      const { stats } = e.process({
        sourceId: 'h',
        seq: b,
        format: 'auto',
        records: recs,
        metrics: [],
        cursor: null,
      })
      malformed += stats.malformed
      records += stats.records
    }
    expect(records).toBe(10_000)
    expect(malformed).toBeGreaterThan(5000)
    expect(Date.now() - started).toBeLessThan(60_000)
  }, 120_000)
})
