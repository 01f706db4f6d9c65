import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { namedBy } from './behaviour.test-helper'
import {
  BANK_ACCOUNTS,
  createCardTestingDetector,
  DEFAULT_BANK_ACCOUNT_TESTING,
  DEFAULT_SLOW_CARD_TESTING,
  PAYMENT_HANDLES,
  SLOW_CARDS,
} from './card-testing'

const T0 = Date.UTC(2026, 2, 26, 13, 0, 0)

function deposit(
  ip: string,
  minute: number,
  last4: string,
  holder: string,
  status: number,
  session = 'sess-a',
) {
  return recordAt(T0, minute, {
    ip,
    method: 'POST',
    path: '/v1/funding/card-deposits',
    status,
    consumer: 'channel-web',
    headers: [{ name: 'x-session', value: `${session}-0123456789` }],
    body: JSON.stringify({ amount: '10.00', card: { pan: `491914******${last4}`, holder } }),
  })
}

const named = (reqs: RequestRecord[]): Set<string | null> =>
  namedBy(createCardTestingDetector(), reqs, 'behaviour.card-testing')

describe('card testing', () => {
  it('names every address of a session trying card after card, most declined', () => {
    const reqs = Array.from({ length: 12 }, (_, i) =>
      deposit(
        i < 6 ? '190.25.44.108' : '190.25.47.9',
        i * 0.2,
        String(4_600 + i * 37),
        `HOLDER ${i}`,
        i % 5 === 4 ? 201 : 402,
      ),
    )
    expect(named(reqs)).toEqual(new Set(['190.25.44.108', '190.25.47.9']))
  })

  it('reads a card sent flat as `card`, and a tester paced at a card every two minutes', () => {
    const reqs = Array.from({ length: 10 }, (_, i) =>
      recordAt(T0, i * 2.2, {
        ip: '177.223.216.212',
        method: 'POST',
        path: '/api/funding/card/charge',
        status: i === 7 ? 422 : 402,
        headers: [{ name: 'cookie', value: 'nl_sid=lUhwH_wdyH01234' }],
        body: JSON.stringify({
          amount: 10_000,
          card: `400115******${1000 + i * 613}`,
          exp: '05/27',
        }),
      }),
    )
    expect(named(reqs)).toEqual(new Set(['177.223.216.212']))
  })

  it('stays quiet for a customer whose card is declined and who tries it again and their other card', () => {
    const reqs = [
      deposit('187.144.16.131', 0, '7686', 'JAVIER MORENO', 402, 'sess-b'),
      deposit('187.144.16.131', 1, '7686', 'JAVIER MORENO', 402, 'sess-b'),
      deposit('187.144.16.131', 2, '7686', 'JAVIER MORENO', 402, 'sess-b'),
      deposit('187.144.16.131', 3, '1204', 'JAVIER MORENO', 201, 'sess-b'),
    ]
    // and many customers' single deposits under the app's one consumer, each their own session
    const others = Array.from({ length: 20 }, (_, i) =>
      deposit(
        `201.175.${i}.9`,
        i * 0.3,
        String(1_000 + i),
        `CUSTOMER ${i}`,
        i % 3 === 0 ? 402 : 201,
        `sess-${i}`,
      ),
    )
    expect(named([...reqs, ...others]).size).toBe(0)
  })
})

describe('bank account testing', () => {
  const verify = (minute: number, iban: string, status: number, ip = '27.109.189.5') =>
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: '/api/wallet/beneficiaries/verify',
      status,
      headers: [{ name: 'cookie', value: 'nb_sid=y9J5OowqUVz1x0AAb3kLqPZ' }],
      body: JSON.stringify({ iban, name: `Holder ${minute}` }),
    })
  const named = (reqs: RequestRecord[]): Set<string | null> =>
    namedBy(
      createCardTestingDetector(DEFAULT_BANK_ACCOUNT_TESTING, BANK_ACCOUNTS),
      reqs,
      'behaviour.bank-account-testing',
    )

  it('names a session checking account after account through the payee check', () => {
    const reqs = Array.from({ length: 9 }, (_, i) =>
      verify(i * 0.7, `AE${60 + i}0335364136676784${536 + i}`, i % 3 === 1 ? 422 : 200),
    )
    expect(named(reqs)).toEqual(new Set(['27.109.189.5']))
  })

  it('stays quiet for a customer checking their own account and a mistyped one', () => {
    const reqs = [
      verify(0, 'AE070331234567890123456', 422, '94.203.10.7'),
      verify(1, 'AE070331234567890123465', 200, '94.203.10.7'),
      verify(2, 'AE070331234567890123465', 200, '94.203.10.7'),
    ]
    expect(named(reqs)).toEqual(new Set())
  })
})

describe('payment address testing', () => {
  const collect = (minute: number, vpa: string, status: number, amount = 1, ip = '49.36.88.140') =>
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: '/app/v4/funds/upi/collect-request',
      status,
      consumer: 'retail-app',
      body: JSON.stringify({ amount, payer_vpa: vpa, note: 'add funds' }),
    })
  const named = (reqs: RequestRecord[]): Set<string | null> =>
    namedBy(
      createCardTestingDetector(DEFAULT_BANK_ACCOUNT_TESTING, PAYMENT_HANDLES),
      reqs,
      'behaviour.payment-handle-testing',
    )

  it("names an address sending a rupee's collect request to one stranger's UPI address after another", () => {
    const handles = [
      'anil.k',
      'priya93',
      'rohit.m',
      '9876012345',
      'kavya.s',
      'deepak07',
      'sunita.r',
    ]
    const reqs = handles.map((h, i) => collect(i * 3, `${h}@okbank`, i % 3 === 0 ? 200 : 422))
    expect(named(reqs)).toEqual(new Set(['49.36.88.140']))
  })

  it('reads a PIX key validated before a transfer', () => {
    const reqs = Array.from({ length: 7 }, (_, i) =>
      recordAt(T0, i * 2, {
        ip: '177.92.14.3',
        method: 'POST',
        path: '/api/pix/keys/validate-key',
        status: i % 2 === 0 ? 200 : 422,
        body: JSON.stringify({ chave_pix: `+55119${8123400 + i * 37}` }),
      }),
    )
    expect(named(reqs)).toEqual(new Set(['177.92.14.3']))
  })

  it('stays quiet for a family funding from five of its own addresses, none refused, and a typo', () => {
    const family = ['asha.patel', 'vikram.patel', 'meera.p', 'patel.rohan', 'dadi.patel'].map(
      (h, i) => collect(i * 4, `${h}@okbank`, 200, 15_000, '115.99.31.7'),
    )
    const typo = [
      collect(30, 'asha.patle@okbank', 422, 15_000, '115.99.31.7'),
      collect(31, 'asha.patel@okbank', 200, 15_000, '115.99.31.7'),
    ]
    expect(named([...family, ...typo])).toEqual(new Set())
  })
})

describe('slow card testing', () => {
  const slow = (reqs: RequestRecord[]): Set<string | null> =>
    namedBy(
      createCardTestingDetector(DEFAULT_SLOW_CARD_TESTING, SLOW_CARDS),
      reqs,
      'behaviour.slow-card-testing',
    )
  // top-ups through a wallet's device number and a card's last four, one every 25 minutes
  const topUp = (minute: number, i: number, status: number, ip = '176.224.9.41') =>
    recordAt(T0, minute, {
      ip,
      method: 'POST',
      path: i % 2 ? '/m/v2/funding/wallet/topup' : '/m/v2/funding/card/topup',
      status,
      headers: [{ name: 'cookie', value: `sid=slowtester-${ip}` }],
      body: JSON.stringify(
        i % 2
          ? { account_id: '1075', amount: 10, dpan_suffix: String(3000 + i * 71) }
          : {
              account_id: '1075',
              amount: 12,
              card: { bin: '457865', last4: String(6000 + i * 7) },
            },
      ),
    })

  it('names a session trying a card every twenty-five minutes through the night', () => {
    const reqs = Array.from({ length: 7 }, (_, i) => topUp(i * 25, i, i === 3 ? 200 : 402))
    expect(slow(reqs)).toEqual(new Set(['176.224.9.41']))
    // the half-hour count never sees it
    expect(named(reqs).size).toBe(0)
  })

  it('stays quiet for a customer whose two cards are declined over an afternoon', () => {
    const reqs = [0, 30, 95, 160, 200].map((m, i) =>
      topUp(m, i % 2, i === 4 ? 200 : 402, '188.48.2.7'),
    )
    expect(slow(reqs).size).toBe(0)
  })
})
