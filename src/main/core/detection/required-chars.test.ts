import { describe, expect, it } from 'vitest'
import { anyOf, meets, requiredChars, requirements, TextChars, textMask } from './required-chars'
import { builtinRulesDir, loadRulePack } from './rule-pack'

/** True when the prefilter lets the text through (it must whenever the regex matches). */
function passes(pattern: string, text: string): boolean {
  return meets(textMask(text), requiredChars(pattern))
}

describe('requiredChars', () => {
  it('requires the characters every match must contain', () => {
    expect(passes('<script', 'x<script>')).toBe(true)
    expect(passes('<script', 'script')).toBe(false)
    expect(passes('\\.\\.[\\\\/]', '../x')).toBe(true)
    expect(passes('\\.\\.[\\\\/]', '..x')).toBe(false)
    // one set per alternation: a value needs a character from some branch
    expect(passes('(?:<a|\\$\\{)', 'a${')).toBe(true)
    expect(passes('(?:<a|\\$\\{)', 'plain-value')).toBe(false)
  })

  it('adds nothing for optional, zero-width or unknown pieces', () => {
    expect(requiredChars('a?')).toEqual([])
    expect(requiredChars('(?:x|)')).toEqual([])
    expect(requiredChars('(?=<)')).toEqual([])
    expect(requiredChars('^$')).toEqual([])
    expect(requiredChars('(a)\\1')).toEqual([]) // back-references are not analysed
    expect(requiredChars('[^<]')).toHaveLength(1) // a negated class still needs one of its characters
    expect(passes('[^<]', '<')).toBe(false)
    expect(passes('[^<]', '\u00e9')).toBe(true)
  })

  it('reads Annex B syntax the way the regex engine does', () => {
    // a brace that is no quantifier is a literal; `\u{3c}` without the u flag is `u{3c}`
    expect(passes('x{1,2', 'x{1,2')).toBe(true)
    expect(passes('x{1,2', 'x12')).toBe(false)
    expect(passes('\\\\u\\{3c\\}', '\\u{3c}')).toBe(true)
    expect(passes('\\\\u\\{3c\\}', 'u3c')).toBe(false)
    expect(passes('[\\w-]', '-')).toBe(true)
    expect(passes('\\x3c', '<')).toBe(true)
    expect(passes('\\u560a', '\u560a')).toBe(true)
    expect(passes('\\u560a', 'a')).toBe(false)
  })

  it('requires adjacent pairs where a match must hold one', () => {
    const allows = (pattern: string, text: string): boolean =>
      new TextChars(text).allows(requirements(pattern))
    expect(allows('whoami', 'x;whoami')).toBe(true)
    expect(allows('whoami', 'imaohw')).toBe(false) // every character, no pair in order
    expect(allows('a+b', 'aaab')).toBe(true)
    expect(allows('a\\bb', 'ab')).toBe(true) // zero-width atoms keep neighbours adjacent
    expect(allows('ab?c', 'ac')).toBe(true)
    expect(allows('(?:ab|cd)', 'xcd')).toBe(true)
    expect(allows('(?:ab|cd)', 'ba dc')).toBe(false)
  })

  it('never rejects a value a built-in rule matches', () => {
    const texts: string[] = []
    const rules = loadRulePack(builtinRulesDir())
    for (const rule of rules) {
      for (const c of [...rule.def.cases.positive, ...rule.def.cases.negative]) {
        const lower = c.toLowerCase()
        texts.push(lower, ...lower.split(/[?&=\n]/))
      }
    }
    let matched = 0
    for (const rule of rules) {
      const all = rule.regexes.map((re) => requirements(re.source))
      const gate = anyOf(all)
      for (const [i, re] of [...rule.regexes, ...rule.unless].entries()) {
        const required = requirements(re.source)
        for (const t of texts) {
          if (!re.test(t)) continue
          matched++
          const chars = new TextChars(t)
          expect(meets(textMask(t), required.chars), `${rule.def.id} /${re.source}/ on ${t}`).toBe(
            true,
          )
          expect(chars.allows(required), `${rule.def.id} /${re.source}/ on ${t}`).toBe(true)
          if (i < rule.regexes.length)
            expect(chars.allows(gate), `${rule.def.id} gate on ${t}`).toBe(true)
        }
      }
    }
    expect(matched).toBeGreaterThan(100)
  })
})
