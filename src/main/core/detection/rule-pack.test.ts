// Runs every rule's own positive and negative cases through the real engine, and checks that a bad rule
// fails the pack with a message naming its file.
import { describe, expect, it } from 'vitest'
import { createEngineFromCompiled } from './engine'
import { builtinRulesDir, loadRulePack, parseRules, readRuleSources } from './rule-pack'
import { parseRequestCase } from './request-case'

const rules = loadRulePack(builtinRulesDir())
const engine = createEngineFromCompiled(rules)

function rulesHit(text: string): string[] {
  return engine.processRecords('cases', [parseRequestCase(text)]).map((f) => f.rule)
}

describe('built-in rule pack', () => {
  it('loads with unique ids named after their folder', () => {
    expect(rules.length).toBeGreaterThan(20)
    for (const r of rules) expect(r.file).toContain(`/${r.def.category}/`)
  })

  for (const rule of rules) {
    describe(rule.def.id, () => {
      it.each(rule.def.cases.positive)('matches %s', (c) => {
        expect(rulesHit(c)).toContain(rule.def.id)
      })
      if (rule.def.cases.negative.length) {
        it.each(rule.def.cases.negative)('does not match %s', (c) => {
          expect(rulesHit(c)).not.toContain(rule.def.id)
        })
      }
    })
  }
})

const good = `id: other.example
category: other
severity: low
description: "an example rule for tests"
references: [cwe.CWE-20]
match: { in: [query], regex: ['zz-probe'] }
cases: { positive: ['GET /?a=zz-probe HTTP/1.1'] }
`

describe('rule validation', () => {
  it('accepts a valid rule text', () => {
    expect(parseRules([{ file: 'custom/example.yaml', text: good }])).toHaveLength(1)
  })

  it.each([
    ['bad yaml', 'id: [', /custom\/bad\.yaml: not valid YAML/],
    ['missing field', good.replace('severity: low\n', ''), /custom\/bad\.yaml: severity/],
    [
      'unknown category',
      good.replace('category: other', 'category: nonsense'),
      /custom\/bad\.yaml: category/,
    ],
    [
      'id not matching category',
      good.replace('id: other.example', 'id: sqli.example'),
      /custom\/bad\.yaml.*category/,
    ],
    [
      'catastrophic regex',
      good.replace("'zz-probe'", "'(a+)+b'"),
      /custom\/bad\.yaml: rule other\.example: regex .* nested quantifier/,
    ],
    [
      'overlapping alternation',
      good.replace("'zz-probe'", "'(?:a|ab)*c'"),
      /custom\/bad\.yaml.*overlapping alternatives/,
    ],
    ['invalid regex', good.replace("'zz-probe'", "'(unclosed'"), /custom\/bad\.yaml/],
  ])('rejects %s naming the file', (_name, text, message) => {
    expect(() => parseRules([{ file: 'custom/bad.yaml', text }])).toThrow(message)
  })

  it('rejects duplicate ids across files', () => {
    expect(() =>
      parseRules([
        { file: 'a.yaml', text: good },
        { file: 'b.yaml', text: good },
      ]),
    ).toThrow(/b\.yaml: rule id other\.example already defined in a\.yaml/)
  })

  it('loads custom rules on top of the pack', () => {
    const sources = [
      ...readRuleSources(builtinRulesDir()),
      { file: 'custom/example.yaml', text: good },
    ]
    const e = createEngineFromCompiled(parseRules(sources))
    expect(
      e.processRecords('t', [parseRequestCase('GET /?a=zz-probe HTTP/1.1')]).map((f) => f.rule),
    ).toContain('other.example')
  })
})
