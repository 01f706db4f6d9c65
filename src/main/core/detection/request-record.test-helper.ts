// A request record for tests: a plain GET / answered 200 with nothing else known, and `over` on top. Each
// test file states only the fields its cases are about.
import type { RequestRecord } from './request-record'

export function testRecord(over: Partial<RequestRecord> = {}): RequestRecord {
  return {
    line: 1,
    recordId: 'r',
    time: 0,
    method: 'GET',
    path: '/',
    rawQuery: '',
    query: [],
    headers: [],
    body: null,
    ip: null,
    consumer: null,
    subject: null,
    route: null,
    service: null,
    status: 200,
    requestBytes: null,
    responseBytes: null,
    latencyMs: null,
    fromGateway: false,
    authChallenge: null,
    ...over,
  }
}

let seq = 0

/**
 * A test record `minute` minutes (fractions allowed, rounded to the millisecond) after `t0`, with a line
 * and a record id no other record of the run has, and `over` on top.
 */
export function recordAt(
  t0: number,
  minute: number,
  over: Partial<RequestRecord> = {},
): RequestRecord {
  seq++
  return testRecord({
    line: seq,
    recordId: `r${seq}`,
    time: t0 + Math.round(minute * 60_000),
    ...over,
  })
}
