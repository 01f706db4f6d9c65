import { describe, expect, it } from 'vitest'
import type { RequestRecord } from '../request-record'
import { recordAt } from '../request-record.test-helper'
import { createAgentRotationDetector } from './agent-rotation'

const T0 = Date.UTC(2026, 3, 14, 21, 0, 0)
const WIN =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/127.0 Safari/537.36'
const LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:129.0) Gecko/20100101 Firefox/129.0'
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'
const ANDROID = 'Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 Chrome/127.0 Mobile'

const read = (
  minute: number,
  ip: string,
  agent: string,
  sid = 'tss_sid=c7d93bd268067d',
): RequestRecord =>
  recordAt(T0, minute, {
    ip,
    path: '/research/reports/51200-etf-comparison',
    status: 200,
    headers: [
      { name: 'cookie', value: `_ga=GA1.1.171455686; ${sid}` },
      { name: 'user-agent', value: agent },
    ],
  })

describe('session presented by rotating browsers', () => {
  it('names the third browser name with the addresses before it, then each new address', () => {
    const d = createAgentRotationDetector()
    expect(d.observe(read(0, '196.210.118.26', WIN))).toBeNull()
    expect(d.observe(read(1, '177.37.100.189', LINUX))).toBeNull()
    // the same address under another name
    expect(d.observe(read(2, '177.37.100.189', WIN))).toBeNull()
    const s = d.observe(read(3, '105.225.238.126', IPHONE))
    expect(s?.rule).toBe('behaviour.session-agent-rotation')
    // the session's first address is left out (its owner's, when the session was stolen)
    expect(s?.accomplices?.map((a) => a.ip)).toEqual(['177.37.100.189'])
    // a known address again: nothing; a new one, hours later while the session is still used: named
    expect(d.observe(read(60, '177.37.100.189', WIN))).toBeNull()
    expect(d.observe(read(300, '41.193.147.58', ANDROID))?.rule).toBe(
      'behaviour.session-agent-rotation',
    )
    expect(d.observe(read(301, '196.210.118.26', ANDROID))).toBeNull()
  })

  it('stays quiet on a login passed round three machines, each keeping its browser', () => {
    const d = createAgentRotationDetector()
    expect(d.observe(read(0, '196.210.118.26', WIN))).toBeNull()
    expect(d.observe(read(5, '177.37.100.189', LINUX))).toBeNull()
    expect(d.observe(read(9, '105.225.238.126', IPHONE))).toBeNull()
    expect(d.observe(read(12, '177.37.100.189', LINUX))).toBeNull()
    expect(d.observe(read(15, '41.193.147.58', ANDROID))).toBeNull()
  })

  it('names a session gone round five browsers on five networks, none switching', () => {
    const d = createAgentRotationDetector()
    const MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4'
    const ips = [
      '49.36.177.70',
      '197.89.131.185',
      '102.89.126.19',
      '41.66.170.136',
      '105.162.12.172',
    ]
    const agents = [WIN, LINUX, IPHONE, ANDROID, MAC]
    const out = ips.map((ip, i) => d.observe(read(i * 40, ip, agents[i] as string)))
    expect(out.slice(0, 4)).toEqual([null, null, null, null])
    expect(out[4]?.rule).toBe('behaviour.session-agent-rotation')
  })

  it('stays quiet on one browser updated once, an app with a web view, and other sessions', () => {
    const d = createAgentRotationDetector()
    const updated = WIN.replace('127.0', '128.0')
    expect(d.observe(read(0, '102.132.164.43', WIN))).toBeNull()
    expect(d.observe(read(30, '102.132.164.43', updated))).toBeNull()
    expect(d.observe(read(40, '41.13.1.9', updated))).toBeNull()
    // an app's token: its own name, its HTTP stack's, and one web view
    const app = (minute: number, agent: string) =>
      recordAt(T0, minute, {
        ip: '105.245.1.159',
        path: '/mobile/v3/portfolio',
        status: 200,
        headers: [
          { name: 'authorization', value: 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2ln' },
          { name: 'user-agent', value: agent },
        ],
      })
    expect(d.observe(app(0, 'TshwaneTrade/4.2 (Android 14) okhttp/4.12.0'))).toBeNull()
    expect(d.observe(app(1, 'okhttp/4.12.0'))).toBeNull()
    expect(d.observe(app(2, ANDROID))).toBeNull()
    // a team's shared token in three browsers: a token, not a browser's cookie
    expect(d.observe(app(3, WIN))).toBeNull()
    expect(d.observe(app(4, LINUX))).toBeNull()
    // three browsers, three sessions
    expect(d.observe(read(50, '169.1.2.3', LINUX, 'tss_sid=aaaaaaaa11'))).toBeNull()
    expect(d.observe(read(51, '169.1.2.3', IPHONE, 'tss_sid=bbbbbbbb22'))).toBeNull()
  })

  it('forgets browser names older than its window', () => {
    const d = createAgentRotationDetector()
    expect(d.observe(read(0, '196.210.118.26', WIN))).toBeNull()
    expect(d.observe(read(10, '196.210.118.26', LINUX))).toBeNull()
    expect(d.observe(read(7 * 60, '196.210.118.26', IPHONE))).toBeNull()
    // two names within the window, then a third
    expect(d.observe(read(7 * 60 + 5, '196.210.118.26', ANDROID))).toBeNull()
    expect(d.observe(read(7 * 60 + 6, '196.210.118.26', WIN))?.rule).toBe(
      'behaviour.session-agent-rotation',
    )
  })
})
