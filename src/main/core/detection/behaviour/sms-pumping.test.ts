import { describe, expect, it } from 'vitest'
import { recordAt } from '../request-record.test-helper'
import { areaOf, createSmsPumpingDetector } from './sms-pumping'

const T0 = Date.UTC(2026, 2, 24, 5, 20, 0)

const send = (minute: number, ip: string, phone: string, path = '/api/v1/auth/otp/send') =>
  recordAt(T0, minute, {
    ip,
    method: 'POST',
    path,
    status: 200,
    body: JSON.stringify({ phone, purpose: 'signup' }),
  })

function named(reqs: ReturnType<typeof send>[]) {
  const d = createSmsPumpingDetector()
  return reqs.map((r) => d.observe(r)).filter((s) => s !== null)
}

describe('SMS pumping', () => {
  it('reads the calling-code area of a number as typed', () => {
    expect(areaOf('+252610255385')).toBe('25')
    expect(areaOf('00994704103350')).toBe('99')
    expect(areaOf('%2B996501204282')).toBe('99')
    expect(areaOf('0712 345 678')).toBe('local')
  })

  it('names an address having codes sent to numbers of many countries', () => {
    const pump = [
      '+252610255385',
      '+994704103350',
      '+798769928145',
      '+996501204282',
      '+963913937668',
    ]
    const s = named(pump.map((p, i) => send(i, '159.223.241.210', p)))
    expect(s).toHaveLength(1)
    expect(s[0]!.rule).toBe('behaviour.sms-pumping')
    expect(s[0]!.details['areas']).toBe(4)
  })

  it('names an address pumping one foreign range and typing no code in', () => {
    const pump = Array.from({ length: 12 }, (_, i) =>
      send(
        i,
        '185.61.4.20',
        `+880 17${String(31_000_000 + i * 48_611).slice(0, 8)}`,
        '/web/signup/verify-phone/send',
      ),
    )
    const s = named(pump)
    expect(s).toHaveLength(1)
    expect(s[0]!.details).toMatchObject({ areas: 1, typed: 0 })
  })

  it('reads a verification started with a number and no code as a code sent', () => {
    // `/mobile/verify {"mobile": …}` sends the code; `/mobile/confirm {"otp": …}` types it in
    const walk = Array.from({ length: 12 }, (_, i) =>
      send(
        i * 0.4,
        '193.149.190.173',
        `+9665998667${String(10 + i)}`,
        '/api/v1/onboarding/mobile/verify',
      ),
    )
    expect(named(walk)).toHaveLength(1)
    // people on one address each verifying their own number, and typing the code in
    const people = Array.from({ length: 12 }, (_, i) => [
      send(
        i * 3,
        '51.36.10.1',
        `+9665${String(10_000_000 + i * 7_919)}`,
        '/api/v1/onboarding/mobile/verify',
      ),
      recordAt(T0, i * 3 + 1, {
        ip: '51.36.10.1',
        method: 'POST',
        path: '/api/v1/onboarding/mobile/verify',
        status: 200,
        body: JSON.stringify({ mobile: `+9665${String(10_000_000 + i * 7_919)}`, otp: '482913' }),
      }),
    ]).flat()
    // a payroll partner verifying fund members by their member numbers: no phone, no code sent
    const members = Array.from({ length: 12 }, (_, i) =>
      recordAt(T0, i * 0.2, {
        ip: '52.63.149.84',
        method: 'POST',
        path: '/clearing/v1/member-verifications',
        status: 200,
        body: JSON.stringify({
          member_number: String(34_869_784 + i * 7_919),
          family_name: 'KING',
        }),
      }),
    )
    expect(named([...people, ...members])).toEqual([])
  })

  it('stays quiet for a campus of one country, a customer retyping their number, and other requests', () => {
    // students each ask a code and most type it in
    const campus = Array.from({ length: 24 }, (_, i) => [
      send(
        i,
        '41.89.10.5',
        i % 3 === 0
          ? `+2547${String(10_000_000 + i * 7919)}`
          : `07${String(10_000_000 + i * 104_729).slice(0, 8)}`,
      ),
      ...(i % 4 === 3
        ? []
        : [
            recordAt(T0, i + 0.5, {
              ip: '41.89.10.5',
              method: 'POST',
              path: '/api/v1/auth/otp/verify',
              status: 200,
              body: '{"code":"204518"}',
            }),
          ]),
    ]).flat()
    const customer = ['+254712345678', '+254712345687', '0712345678'].map((p, i) =>
      send(i, '105.160.1.2', p),
    )
    const login = [
      '+252610255385',
      '+994704103350',
      '+798769928145',
      '+996501204282',
      '+963913937668',
    ].map((p, i) => send(i, '102.0.1.1', p, '/api/v1/auth/login'))
    expect(named([...campus, ...customer, ...login])).toEqual([])
  })
})
