import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { createClientListHarvestDetector } from './client-list-harvest'

const T0 = Date.UTC(2026, 2, 24, 19, 0, 0)

const list = (minute: number, consumer: string, query: string, path = '/backoffice/v1/clients') =>
  recordAt(T0, minute, {
    ip: '10.8.0.117',
    path,
    rawQuery: query,
    query: query.split('&').map((kv) => {
      const [name, value] = kv.split('=') as [string, string]
      return { name, value }
    }),
    consumer,
    status: 200,
  })

function named(reqs: ReturnType<typeof list>[]) {
  const d = createClientListHarvestDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('client list harvest', () => {
  it("pages a work queue at three times the pages: a quarter's KYC renewals reviewed a minute a page", () => {
    const review = (n: number, consumer: string, segment: string) =>
      Array.from({ length: n }, (_, i) =>
        list(
          i * 1.1,
          consumer,
          `segment=${segment}&page=${i + 1}&page_size=200&fields=full_name,phone`,
        ),
      )
    expect(named(review(14, 'bo-comp-1', 'kyc_expiring_2q26'))).toHaveLength(0)
    expect(named(review(14, 'bo-comp-2', 'aml_alerts_open'))).toHaveLength(0)
    // far past the work, still the list being taken
    expect(named(review(30, 'bo-comp-3', 'kyc_expiring_2q26'))).toHaveLength(1)
    // a work queue selected by wealth too is as quick as any list by wealth
    const rich = Array.from({ length: 6 }, (_, i) =>
      list(i, 'bo-comp-4', `segment=kyc_review&sort=aum_desc&page=${i + 1}`),
    )
    expect(named(rich)).toHaveLength(1)
    // a word inside another is no queue (yaml is not AML)
    expect(named(review(12, 'bo-comp-5', 'all&format=yaml'))).toHaveLength(1)
  })

  it('names a console paging on through the clients, sooner when it orders them by balance', () => {
    const plain = named(
      Array.from({ length: 12 }, (_, i) => list(i, 'bo-support', `segment=all&page=${i + 1}`)),
    )
    expect(plain).toHaveLength(1)
    expect(plain[0]!.rule).toBe('behaviour.client-list-harvest')
    expect(plain[0]!.details['pages']).toBe(8)
    const rich = named(
      Array.from({ length: 6 }, (_, i) =>
        list(
          i,
          'bo-atendimento',
          `saldo_min=1000000&ordenar=saldo_desc&pagina=${i + 1}`,
          '/backoffice/v1/clientes',
        ),
      ),
    )
    expect(rich).toHaveLength(1)
    expect(rich[0]!.details['pages']).toBe(5)
    // a search of the customers, paged, selected by assets under management
    const search = named(
      Array.from({ length: 6 }, (_, i) =>
        list(
          i,
          'bo-cs-console',
          `segment=hnw&min_aum=50000000&page=${i + 1}`,
          '/bo/v1/customers/search',
        ),
      ),
    )
    expect(search).toHaveLength(1)
    // the clients exported page by page, the wealthiest segment with their identity numbers
    const exported = named(
      Array.from({ length: 6 }, (_, i) =>
        list(
          i * 0.3,
          'backoffice-portal',
          `fields=name,national_id,iban&segment=vip&format=csv&page=${i + 1}`,
          '/bo/v1/clients/export',
        ),
      ),
    )
    expect(exported).toHaveLength(1)
  })

  it('stays quiet for a few screens of a segment, a partner job of five pages, and other collections', () => {
    expect(
      named([
        ...[1, 2, 3].map((p) => list(p, 'bo-compliance', `segment=pep&page=${p}`)),
        ...[1, 2, 3, 4, 5].map((p) =>
          list(p, 'ib-northgate', `page=${p}&page_size=200`, '/partner/v1/clients'),
        ),
        ...Array.from({ length: 11 }, (_, i) =>
          list(i, 'bo-compliance', `status=open&page=${i + 1}`, '/backoffice/v1/aml/alerts'),
        ),
        // support staff looking customers up one at a time
        ...Array.from({ length: 9 }, (_, i) =>
          list(i, 'bo-cs-console', `email=c${i}%40example.jp`, '/bo/v1/customers/search'),
        ),
        // a report of the day's cash movements exported page by page: not a list of people
        ...Array.from({ length: 22 }, (_, i) =>
          list(
            i * 0.3,
            'bo-finance',
            `date=2026-04-26&page=${i + 1}`,
            '/bo/v1/reports/cash/export',
          ),
        ),
        // the same page over and over (a screen refreshed)
        ...Array.from({ length: 10 }, (_, i) => list(i, 'bo-desk', 'segment=all&page=1')),
      ]),
    ).toEqual([])
  })

  it('forgets pages older than its window', () => {
    expect(
      named(Array.from({ length: 10 }, (_, i) => list(i * 20, 'bo-support', `page=${i + 1}`))),
    ).toEqual([])
  })
})
