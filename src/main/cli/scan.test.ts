// The scan contract: one JSON object per finding with exactly line, category, severity, rule, ip, evidence;
// exit 0 on success, non-zero with a one-line message when the file cannot be read.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseScanArgs, runScan, type CliOutput } from './scan'

const fixture = fileURLToPath(
  new URL('../../../test/fixtures/detection/scan-small.kong.jsonl', import.meta.url),
)
const cliEntry = fileURLToPath(new URL('./index.ts', import.meta.url))

function capture(): CliOutput & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = []
  const errLines: string[] = []
  return { outLines, errLines, out: (l) => outLines.push(l), err: (l) => errLines.push(l) }
}

describe('scan', () => {
  it('prints the contract fields, in line order, for a small Kong file', async () => {
    const io = capture()
    expect(await runScan([fixture, '--json'], io)).toBe(0)
    const rows = io.outLines.map((l) => JSON.parse(l) as Record<string, unknown>)
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(['line', 'category', 'severity', 'rule', 'ip', 'evidence'])
      expect(typeof r.line).toBe('number')
      expect(['info', 'low', 'medium', 'high', 'critical']).toContain(r.severity)
      expect((r.evidence as string).length).toBeLessThanOrEqual(200)
    }
    const byLine = new Map<number, string[]>()
    for (const r of rows)
      byLine.set(r.line as number, [...(byLine.get(r.line as number) ?? []), r.category as string])
    expect([...byLine.keys()]).toEqual([2, 4, 6])
    expect(byLine.get(2)).toContain('sqli')
    expect(byLine.get(4)).toContain('xss')
    expect(byLine.get(6)).toContain('scanner')
    expect(rows.find((r) => r.line === 2)?.ip).toBe('192.0.2.10')
    expect(io.outLines.join('\n')).not.toContain('s3cr3tc00kie')
    expect(io.errLines.join('\n')).toMatch(/scanned 6 lines \(1 malformed skipped\)/)
    expect(io.errLines.join('\n')).toMatch(/events\/s/)
  })

  it('prints a readable table without --json', async () => {
    const io = capture()
    expect(await runScan([fixture, '--format', 'kong'], io)).toBe(0)
    expect(io.outLines[0]).toMatch(/line\s+category\s+severity\s+rule/)
    expect(io.outLines.some((l) => l.includes('sqli.token-sequence'))).toBe(true)
  })

  it('fails with one line when the file cannot be read', async () => {
    const io = capture()
    expect(await runScan(['/nonexistent/vigil-missing.log', '--json'], io)).toBe(1)
    expect(io.errLines).toEqual(['scan: cannot read /nonexistent/vigil-missing.log: no such file'])
    expect(io.outLines).toEqual([])
    const table = capture()
    expect(await runScan(['/nonexistent/vigil-missing.log'], table)).toBe(1)
    expect(table.outLines).toEqual([])
  })

  it('rejects bad arguments', () => {
    expect(() => parseScanArgs([])).toThrow(/usage/)
    expect(() => parseScanArgs(['f', '--format', 'xml'])).toThrow(/--format/)
    expect(parseScanArgs(['f', '--format=combined', '--json'])).toEqual({
      file: 'f',
      format: 'combined',
      json: true,
      rules: null,
      trustedProxies: [],
    })
    expect(() => parseScanArgs(['f', '--trusted-proxy', 'lb.desk'])).toThrow(/--trusted-proxy/)
    expect(
      parseScanArgs(['f', '--trusted-proxy', '10.40.0.0/16', '--trusted-proxy=2001:db8::/32'])
        .trustedProxies,
    ).toEqual(['10.40.0.0/16', '2001:db8::/32'])
  })

  it('loads custom rules on top and refuses a bad one naming its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-rules-'))
    writeFileSync(
      join(dir, 'desk-probe.yaml'),
      `id: other.desk-probe\ncategory: other\nseverity: low\ndescription: "custom rule in a test"\nreferences: [cwe.CWE-20]\nmatch: { in: [path], regex: ['^/api/v1/quotes$'] }\ncases: { positive: ['GET /api/v1/quotes HTTP/1.1'] }\n`,
    )
    const io = capture()
    expect(await runScan([fixture, '--json', '--rules', dir], io)).toBe(0)
    expect(
      io.outLines.some((l) => (JSON.parse(l) as { rule: string }).rule === 'other.desk-probe'),
    ).toBe(true)
    writeFileSync(join(dir, 'broken.yaml'), 'id: [')
    const bad = capture()
    expect(await runScan([fixture, '--json', '--rules', dir], bad)).toBe(1)
    expect(bad.errLines[0]).toMatch(/^scan: rule pack refused: .*broken\.yaml: not valid YAML/)
  })

  it('exits non-zero without a stack from the real entry point', async () => {
    const run = promisify(execFile)
    await expect(
      run(process.execPath, ['--import', 'tsx', cliEntry, 'scan', '/nonexistent/x.log']),
    ).rejects.toMatchObject({
      code: 1,
      stderr: 'scan: cannot read /nonexistent/x.log: no such file\n',
    })
    const ok = await run(process.execPath, ['--import', 'tsx', cliEntry, 'scan', fixture, '--json'])
    expect(ok.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(3)
  })
})
