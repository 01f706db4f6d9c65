import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import {
  createHarvestDetector,
  createListingWalkDetector,
  DEFAULT_MARKET_DATA_HARVEST,
  DEFAULT_RESEARCH_HARVEST,
  INSTRUMENTS,
  RESEARCH,
} from './record-harvest'

const T0 = Date.UTC(2026, 5, 19, 7, 29, 0)

const read = (second: number, path: string, over: Partial<RequestRecord> = {}) =>
  recordAt(T0, second / 60, { ip: '93.223.87.82', method: 'GET', path, status: 200, ...over })

function run(reqs: RequestRecord[]) {
  const d = createHarvestDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('profile harvest', () => {
  it('names a client reading a dozen profiles and their sub-pages in minutes', () => {
    const reqs = Array.from({ length: 14 }, (_, i) => [
      read(i * 12, `/api/v2/community/profiles/trader_${i}x`),
      read(i * 12 + 1, `/api/v2/community/profiles/trader_${i}x/portfolio`),
    ]).flat()
    const s = run(reqs)
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.profile-harvest')
    expect(s[0]!.details['profiles']).toBe(12)
  })

  it('stays quiet for a reader, a partner and staff', () => {
    // a customer opening a few profiles from the leaderboard, a minute or more on each
    const reader = Array.from({ length: 12 }, (_, i) =>
      read(i * 75, `/api/v2/community/profiles/trader_${i}x`),
    )
    expect(run([read(0, '/api/v2/community/profiles/leaderboard'), ...reader])).toEqual([])
    // a partner's sync and a back-office console read by contract
    const partner = Array.from({ length: 20 }, (_, i) =>
      read(i, `/partner/v1/users/u${i}x/statements`, { consumer: 'steuerblitz' }),
    )
    const staff = Array.from({ length: 20 }, (_, i) =>
      read(i, `/bo/users/u${i}x`, { ip: '10.40.12.57' }),
    )
    expect(run([...partner, ...staff])).toEqual([])
  })
})

describe('market data harvest', () => {
  const detector = () => createHarvestDetector(DEFAULT_MARKET_DATA_HARVEST, null, INSTRUMENTS)
  const quote = (second: number, symbol: string, ua: string, over: Partial<RequestRecord> = {}) =>
    recordAt(T0, second / 60, {
      ip: '146.70.119.125',
      method: 'GET',
      path: `/api/public/${['quotes', 'charts', 'orderbook'][second % 3]}/${symbol}`,
      status: 200,
      headers: [{ name: 'user-agent', value: ua }],
      ...over,
    })
  const symbols = Array.from(
    { length: 36 },
    (_, i) => `SYM${String.fromCharCode(65 + (i % 26))}${i}`,
  )

  it('names a script walking the listing instrument by instrument', () => {
    const d = detector()
    const s = symbols.map((x, i) => d.observe(quote(i * 2, x, 'okhttp/4.9.3'))).filter(Boolean)
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.market-data-harvest')
  })

  it("stays quiet for a browser's market overview and a customer's bot with its key", () => {
    const d = detector()
    const browser =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'
    const s = [
      ...symbols.map((x, i) => d.observe(quote(i, x, browser))),
      ...symbols.map((x, i) =>
        d.observe(
          quote(i, x, 'python-requests/2.31.0', { ip: '52.28.1.9', consumer: 'algo-kaya' }),
        ),
      ),
    ].filter(Boolean)
    expect(s).toEqual([])
  })
})

describe('market data harvested in the listing order', () => {
  const BROWSER =
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/133.0 Safari/537.36'
  const book = (second: number, code: string) =>
    read(second, `/web/api/market/orderbook/${code}.T`, {
      headers: [{ name: 'user-agent', value: BROWSER }],
    })
  const walk = (reqs: RequestRecord[]) => {
    const d = createListingWalkDetector()
    return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
  }

  it('names a browser session reading order book after order book in ascending code order', () => {
    // 45 codes from 5600 upward with gaps, one every 50 s or so
    const codes = Array.from({ length: 45 }, (_, i) => String(5600 + i * 7 + (i % 3)))
    const s = walk(codes.map((c, i) => book(i * 50, c)))
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.market-data-harvest')
  })

  it('stays quiet for a trader hopping between names, and an overview loading its tiles at once', () => {
    const watch = ['7203', '6758', '9984', '8306', '6861', '9983', '8035', '6098', '4063', '6501']
    // 60 reads of 50 names in an hour, in no order
    const trader = Array.from({ length: 60 }, (_, i) =>
      book(i * 55, i % 5 === 0 ? (watch[i % 10] as string) : String(1000 + ((i * 7919) % 8000))),
    )
    expect(walk(trader)).toEqual([])
    // a market overview: 60 tiles in ascending order within a few seconds
    const overview = Array.from({ length: 60 }, (_, i) => book(i * 0.1, String(1300 + i * 11)))
    expect(walk(overview)).toEqual([])
  })
})

describe('research harvest', () => {
  const research = (reqs: RequestRecord[]) => {
    const d = createHarvestDetector(DEFAULT_RESEARCH_HARVEST, null, RESEARCH)
    return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
  }

  it('names a session pulling dozens of reports in minutes, each named by the last collection', () => {
    const reqs = Array.from({ length: 30 }, (_, i) =>
      read(i * 8, `/web/api/research/reports/RR-2026-${String(400 + i)}`),
    )
    const s = research(reqs)
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.research-harvest')
  })

  it('stays quiet for a subscriber reading a few reports and their PDFs, and a partner by key', () => {
    const subscriber = Array.from({ length: 8 }, (_, i) => [
      read(i * 90, `/web/api/research/reports/RR-2026-${String(500 + i)}`),
      read(i * 90 + 5, `/web/api/research/reports/RR-2026-${String(500 + i)}/pdf`),
    ]).flat()
    const partner = Array.from({ length: 40 }, (_, i) =>
      read(i * 5, `/partner/v1/research/reports/RR-${i}`, {
        consumer: 'ifa-network',
        ip: '51.1.2.3',
      }),
    )
    expect(research([...subscriber, ...partner])).toEqual([])
  })
})
