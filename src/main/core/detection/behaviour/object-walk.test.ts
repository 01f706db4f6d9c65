import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import { createObjectWalkDetector, queryRecordOf, recordOf } from './object-walk'

const T0 = Date.UTC(2026, 2, 2, 23, 0, 0)
const BROWSER = 'Mozilla/5.0 (iPad; CPU OS 18_3 like Mac OS X) AppleWebKit/605.1.15'

function get(
  ip: string,
  minute: number,
  path: string,
  status = 200,
  over: Partial<RequestRecord> = {},
): RequestRecord {
  return recordAt(T0, minute, { ip, path, status, ...over })
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createObjectWalkDetector(), reqs, 'behaviour.object-walk')

describe('recordOf', () => {
  it('reads the last identifier segment and the kind of record around it', () => {
    expect(recordOf('/api/v1/documents/receipts/4472405.pdf')).toEqual({
      kind: '/api/v1/documents/receipts/:id',
      id: 4472405,
    })
    expect(recordOf('/v1/orders/ORD-20931/fills')).toEqual({
      kind: '/v1/orders/:id/fills',
      id: 20931,
    })
    expect(recordOf('/api/v2/research/reports')).toBeNull()
    expect(recordOf('/api/v2/quotes/AAPL')).toBeNull()
    // a document numbered after its date and a sequence, 13 digits
    expect(recordOf('/api/v2/reports/contract-notes/CN2604280046748')).toEqual({
      kind: '/api/v2/reports/contract-notes/:id',
      id: 2604280046748,
    })
    // a 20-digit token is no record number
    expect(recordOf('/api/v2/files/48120393810022314455')).toBeNull()
  })
})

describe('queryRecordOf', () => {
  const q = (path: string, name: string, value: string) =>
    queryRecordOf(recordAt(T0, 0, { path, query: [{ name, value }], rawQuery: `${name}=${value}` }))
  it('reads a record named in the query, not a cursor or a correlation', () => {
    expect(q('/api/account/statements', 'account_no', '058C563714')).toEqual({
      kind: '/api/account/statements?account_no',
      id: 563714,
    })
    expect(q('/v1/docs', 'documentId', 'D-4472405')?.id).toBe(4472405)
    expect(q('/v2/news', 'since_id', '40382')).toBeNull()
    expect(q('/v2/executions', 'request_id', '77120')).toBeNull()
    expect(q('/oauth/authorize', 'client_id', '1000231')).toBeNull()
    expect(q('/v2/quotes', 'symbol', '700')).toBeNull()
  })
})

describe('object walk', () => {
  it('names a session trying receipt numbers that are not its own, slowly, among ordinary calls', () => {
    const reqs: RequestRecord[] = []
    for (let i = 0; i < 30; i++) {
      const n = 4_400_000 + ((i * 7_919) % 89_000)
      reqs.push(
        get('70.53.23.12', i * 1.6, `/api/v1/documents/receipts/${n}.pdf`, i % 4 === 0 ? 404 : 200),
      )
      if (i % 8 === 0) reqs.push(get('70.53.23.12', i * 1.6 + 0.2, '/api/v2/accounts'))
    }
    expect(named(reqs)).toEqual(new Set(['70.53.23.12']))
  })

  it("names a session asking for other accounts' statements by the account number in the query", () => {
    const reqs = Array.from({ length: 20 }, (_, i) =>
      get('128.199.246.5', i * 0.3, '/api/account/statements', i === 0 ? 200 : 403, {
        query: [
          { name: 'account_no', value: `058C${563_714 + i}` },
          { name: 'from', value: '2026-01-01' },
        ],
        rawQuery: 'x',
        headers: [{ name: 'user-agent', value: BROWSER }],
        consumer: null,
      }),
    )
    expect(named(reqs)).toEqual(new Set(['128.199.246.5']))
  })

  it('names a browser session reading research reports in the order of their numbers', () => {
    const reqs = Array.from({ length: 20 }, (_, i) =>
      get('2600:1f11:97f8:858::1', i * 0.2, `/api/v2/research/reports/${18_058 + i}`, 200, {
        headers: [{ name: 'user-agent', value: BROWSER }],
        consumer: null,
      }),
    )
    expect(named(reqs)).toEqual(new Set(['2600:1f11:97f8:858::1']))
  })

  it('names a browser skipping the numbers it may not read, not a bot client with the same gaps', () => {
    // 18115, 18117, 18122…: every identifier 1 to 10 above the one before
    const ids = Array.from({ length: 20 }, (_, i) => 18_115 + i * 4 + (i % 3 === 0 ? 1 : 0))
    const walk = (ip: string, agent: string) =>
      ids.map((id, i) =>
        get(ip, i * 0.3, `/api/research/relatorios/${id}/pdf`, 200, {
          headers: [{ name: 'user-agent', value: agent }],
          consumer: null,
        }),
      )
    expect(named(walk('191.250.245.128', BROWSER))).toEqual(new Set(['191.250.245.128']))
    expect(named(walk('18.133.44.114', 'python-requests/2.32.3')).size).toBe(0)
  })

  it("stays quiet for a subscriber reading the day's research in publication order, a minute or more on each", () => {
    // the same gaps as above (other desks' documents fell between), at a reader's pace: 40 s to 3 min
    const ids = Array.from({ length: 30 }, (_, i) => 40_382 + i * 5 + (i % 3 === 0 ? 2 : 0))
    let minute = 0
    const reader = ids.map((id, i) => {
      minute += 0.7 + ((i * 7) % 5) * 0.5
      return get('182.253.154.175', minute, `/api/research/reports/${id}`, 200, {
        headers: [{ name: 'user-agent', value: BROWSER }],
        consumer: null,
      })
    })
    expect(named(reader).size).toBe(0)
    // a scraper with those gaps at its own pace is still a walk, and so is one at the reader's pace
    // taking every sixth number (the workers sharing one session share out the numbers)
    const fast = reader.map((r, i) => ({ ...r, ip: '191.250.245.129', time: T0 + i * 12_000 }))
    expect(named(fast)).toEqual(new Set(['191.250.245.129']))
    const stride = reader.map((r, i) => ({
      ...r,
      ip: '191.250.245.130',
      path: `/api/research/reports/${40_012 + i * 6}`,
    }))
    expect(named(stride)).toEqual(new Set(['191.250.245.130']))
  })

  it('stays quiet for a partner syncing documents by number, and a batch finding nearly all its records', () => {
    const partner = Array.from({ length: 40 }, (_, i) =>
      get('51.222.194.239', i * 0.05, `/partner/v1/documents/${4_415_815 + i}`, 200, {
        consumer: 'wealthtax-pro',
        headers: [{ name: 'user-agent', value: 'WealthTaxPro-Connector/2026.1 (java 21)' }],
      }),
    )
    // a reconciliation batch over the day's trades: one in eight not found
    const batch = Array.from({ length: 80 }, (_, i) =>
      get(
        '10.40.2.20',
        i * 0.1,
        `/v2/trades/T${(i * 37) % 1000}${100 + i}`,
        i % 8 === 0 ? 404 : 200,
        {
          consumer: 'svc-recon',
        },
      ),
    )
    // a customer opening a few of their own statements, one of them not issued yet
    const customer = [
      get('99.241.19.81', 0, '/api/v1/documents/receipts/4402032.pdf'),
      get('99.241.19.81', 1, '/api/v1/documents/receipts/4402033.pdf'),
      get('99.241.19.81', 2, '/api/v1/documents/receipts/4402034.pdf', 404),
    ]
    expect(named([...partner, ...batch, ...customer]).size).toBe(0)
  })

  it('forgets records asked for before its window', () => {
    const reqs = Array.from({ length: 30 }, (_, i) =>
      get(
        '154.20.208.8',
        i * 8,
        `/api/v1/documents/receipts/${4_400_000 + i * 311}.pdf`,
        i % 3 === 0 ? 404 : 200,
      ),
    )
    expect(named(reqs).size).toBe(0)
  })
})
