import { describe, expect, it } from 'vitest'
import type { RequestRecord } from './request-record'
import { testRecord } from './request-record.test-helper'
import { builtinRulesDir, parseRules, readRuleSources } from './rule-pack'
import { indexRules, matchRequest } from './signature-matcher'

const rules = parseRules(readRuleSources(builtinRulesDir()))

function record(query: string, side = 'public'): RequestRecord {
  return testRecord({
    recordId: side,
    path: '/api/v1/quotes',
    rawQuery: `q=${query}`,
    query: [{ name: 'q', value: query }],
  })
}

function hits(index: ReturnType<typeof indexRules>, query: string): string[] {
  return matchRequest(
    index,
    record(query),
    { clientPrivate: false, headers: [], path: '/', consumer: null },
    Infinity,
  ).hits.map((h) => `${h.rule.def.id} ${h.fragment}`)
}

describe('matchRequest verdict cache', () => {
  it('gives a value the same verdict on its first, second and later sightings', () => {
    const index = indexRules(rules)
    const fresh = indexRules(rules)
    for (const v of [
      "x' or 'b'='b",
      '7203.T,6758.T',
      'algo-twap-03-2c585d5ff8cd',
      '../../etc/passwd',
    ]) {
      const expected = hits(fresh, v)
      for (let k = 0; k < 4; k++) expect(hits(index, v), `${v} #${k}`).toEqual(expected)
    }
    expect(hits(index, "x' or 'b'='b")).not.toEqual([])
  })

  it('keeps verdicts right while one-off values churn the tables', () => {
    const index = indexRules(rules)
    const attack = "1' union select password from users--"
    const expected = hits(indexRules(rules), attack)
    expect(expected).not.toEqual([])
    for (let i = 0; i < 120_000; i++) {
      if (i % 10_000 === 0) expect(hits(index, attack), `after ${i}`).toEqual(expected)
      expect(hits(index, `order-${i.toString(36)}-${(i * 7919).toString(16)}`)).toEqual([])
    }
    expect(hits(index, attack)).toEqual(expected)
  })
})
