// What a behaviour detector names over a run of requests, for tests: the address of the request each
// finding is about (the one observed, or the earlier one it names) and of every accomplice.
import { expect } from 'vitest'
import type { RequestRecord } from '../request-record'
import type { BehaviourDetector } from './behaviour-signal'

/**
 * The addresses `d` names over `reqs`, observed in time order. When `rule` is given, every finding must
 * be of that rule.
 */
export function namedBy(
  d: BehaviourDetector,
  reqs: readonly RequestRecord[],
  rule?: string,
): Set<string | null> {
  const named = new Set<string | null>()
  for (const r of [...reqs].sort((a, b) => a.time - b.time)) {
    const x = d.observe(r)
    if (!x) continue
    if (rule !== undefined) expect(x.rule).toBe(rule)
    named.add((x.at ?? r).ip)
    for (const a of x.accomplices ?? []) named.add(a.ip)
  }
  return named
}
