// A signature finding to build tests from: finding n is line n of a file source, n seconds after T0, an
// SQL injection from 203.0.113.7 on /orders. Tests override what they are about.
import type { Finding } from '../../src/shared/model'

export const SAMPLE_T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/** The n-th sample finding, with `over` applied. */
export function sampleFinding(n: number, over: Partial<Finding> = {}): Finding {
  return {
    id: `f-${n}`,
    kind: 'signature',
    ref: { sourceId: 'file', recordId: `line:${n}`, line: n },
    time: SAMPLE_T0 + n * 1000,
    category: 'sqli',
    severity: 'high',
    rule: 'sqli.union-select',
    ip: '203.0.113.7',
    consumer: null,
    route: '/orders',
    field: 'query:id',
    evidence: "1' UNION SELECT username FROM users--",
    highlights: [{ start: 3, end: 15 }],
    decoded: null,
    confidence: 0.8,
    details: {},
    ...over,
  }
}
