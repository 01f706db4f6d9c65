import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createSplitWalkDetector } from './split-walk'

const T0 = Date.UTC(2026, 9, 6, 3, 0, 0)
const COOKIE = 'rp_sess=Q2xpZW50U2Vzc2lvbjE0NzI5OTE; theme=dark'

const read = (minute: number, ip: string, report: number, cookie = COOKIE, status = 200) =>
  recordAt(T0, minute, {
    ip,
    method: 'GET',
    path: `/web/research/notes/${report}`,
    status,
    headers: [{ name: 'cookie', value: cookie }],
  })

/** `n` reports in order from `first`, one every `pace` minutes from `start`. */
const stretch = (ip: string, start: number, first: number, n: number, pace = 4, cookie = COOKIE) =>
  Array.from({ length: n }, (_, i) => read(start + i * pace, ip, first + i, cookie))

function run(reqs: RequestRecord[]) {
  const d = createSplitWalkDetector()
  const sorted = [...reqs].sort((a, b) => a.time - b.time)
  return sorted.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('a session walked in shares', () => {
  it('names a session reading its own stretch of reports from each of two addresses at once', () => {
    const s = run([...stretch('49.36.10.7', 0, 52100, 8), ...stretch('106.211.4.90', 1, 52140, 8)])
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.session-split-walk')
    const sorted = [
      ...stretch('49.36.10.7', 0, 52100, 8),
      ...stretch('106.211.4.90', 1, 52140, 8),
    ].sort((x, y) => x.time - y.time)
    expect(namedBy(createSplitWalkDetector(), sorted, 'behaviour.session-split-walk')).toEqual(
      new Set(['49.36.10.7', '106.211.4.90']),
    )
  })

  it('names a third worker joining the walk later', () => {
    const s = run([
      ...stretch('49.36.10.7', 0, 52100, 8),
      ...stretch('106.211.4.90', 1, 52140, 8),
      ...stretch('157.48.77.2', 90, 52160, 4),
    ])
    expect(s).toHaveLength(2)
  })

  it('leaves alone one reader whose carrier moves them to a new address mid-walk', () => {
    // (one stretch at a time: the first address falls silent as the second starts)
    expect(
      run([...stretch('49.36.10.7', 0, 52100, 8), ...stretch('49.37.200.1', 33, 52108, 8)]),
    ).toEqual([])
  })

  it("leaves alone one browser's connections leaving from two addresses, interleaved in the numbers", () => {
    const reqs = Array.from({ length: 16 }, (_, i) =>
      read(i * 3, i % 2 === 0 ? '49.36.10.7' : '49.36.10.8', 52100 + i),
    )
    expect(run(reqs)).toEqual([])
  })

  it('leaves alone two subscribers, each in their own session, reading different stretches', () => {
    const other = 'rp_sess=U2Vjb25kU3Vic2NyaWJlcjk5MDI; theme=light'
    expect(
      run([
        ...stretch('49.36.10.7', 0, 52100, 8),
        ...stretch('106.211.4.90', 1, 52140, 8, 4, other),
      ]),
    ).toEqual([])
  })

  it('leaves alone stretches that were not read at the same time', () => {
    // (the first worker stopped an hour before the second began: no walk shared at once)
    expect(
      run([...stretch('49.36.10.7', 0, 52100, 8), ...stretch('106.211.4.90', 120, 52140, 8)]),
    ).toEqual([])
  })
})
