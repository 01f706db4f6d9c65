// A small sample from a gateway laid out differently from the demo and the development corpus (untrimmed
// Kong objects, other endpoints, parameter names and encodings), written by hand and never used to write
// rules: every attack must be found and no benign request flagged.
import { describe, expect, it } from 'vitest'
import { scanFile } from './scan'

const FILE = 'test/fixtures/detection/other-gateway-sample.kong.jsonl'
const LABELS = [
  ...Array<string>(5).fill('sqli'),
  ...Array<string>(4).fill('xss'),
  ...Array<string>(3).fill('traversal'),
  ...Array<string>(3).fill('rce'),
  ...Array<string>(2).fill('log4shell'),
  ...Array<string>(3).fill('ssrf'),
  ...Array<string>(3).fill('scanner'),
  ...Array<string>(16).fill('benign'),
]

describe('a gateway the rules were not written against', () => {
  it('finds every attack in its category and flags no benign request', async () => {
    const categories = new Map<number, Set<string>>()
    await scanFile(FILE, {
      format: 'auto',
      onBatch: (findings) => {
        for (const f of findings) {
          if (f.ref.line === null) continue
          const s = categories.get(f.ref.line) ?? new Set<string>()
          s.add(f.category)
          categories.set(f.ref.line, s)
        }
      },
    })
    LABELS.forEach((label, i) => {
      const got = categories.get(i + 1)
      if (label === 'benign') expect(got, `line ${i + 1} (benign)`).toBeUndefined()
      else expect([...(got ?? [])], `line ${i + 1} (${label})`).toContain(label)
    })
  }, 60_000)
})
