// eval on a tiny hand-written corpus (never the shared development corpus).
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { evaluateCorpus, reportText } from './eval'

function kong(i: number, uri: string, ip: string, status = 200, body?: string): string {
  return JSON.stringify({
    request: {
      id: `e${i}`,
      uri,
      method: body ? 'POST' : 'GET',
      headers: { 'user-agent': 'okhttp/4.12' },
      ...(body ? { body } : {}),
    },
    response: { status },
    client_ip: ip,
    started_at: 1773097200000 + i * 2000,
  })
}

describe('eval', () => {
  it('scores recall, benign false positives and brute force per address', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-eval-'))
    const lines: string[] = []
    const labels = ['line_number,label,source,part']
    const add = (text: string, label: string): void => {
      lines.push(text)
      labels.push(`${lines.length},${label},hand,`)
    }
    add(kong(1, '/api/v1/quotes?symbol=7203.T', '10.20.0.1'), 'benign')
    add(kong(2, '/api/v1/quotes?q=%3Cscript%3Ex%3C/script%3E', '192.0.2.1'), 'xss')
    add(kong(3, '/api/v1/quotes?q=harmless-looking', '192.0.2.1'), 'sqli')
    for (let i = 0; i < 12; i++)
      add(
        kong(10 + i, '/auth/login', '192.0.2.77', 401, '{"username":"a","password":"********"}'),
        'bruteforce',
      )
    writeFileSync(join(dir, 'requests.kong.jsonl'), lines.join('\n') + '\n')
    writeFileSync(join(dir, 'labels.csv'), labels.join('\n') + '\n')
    const r = await evaluateCorpus(dir)
    expect(r.recall.xss).toMatchObject({ total: 1, detected: 1, recall: 1 })
    expect(r.recall.sqli).toMatchObject({ total: 1, detected: 0 })
    expect(r.benign).toMatchObject({ total: 1, flagged: 0, rate: 0 })
    expect(r.bruteforce).toMatchObject({
      labelledAddresses: 1,
      found: 1,
      missed: [],
      falseAlarms: [],
    })
    expect(r.confusion.xss?.xss).toBe(1)
    expect(reportText(r)).toMatch(/brute force by client address: 1 \/ 1 found/)
  })
})
