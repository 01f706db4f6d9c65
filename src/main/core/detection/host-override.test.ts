import { describe, expect, it } from 'vitest'
import { judgeHostOverride } from './host-override'

const judge = (value: string, host: string | null, name = 'x-forwarded-host') =>
  judgeHostOverride(value, name, host === null ? [] : [{ name: 'host', value: host }])?.reason ??
  null

describe('host-override headers', () => {
  it('accepts the same host or the same registrable domain, with or without a port', () => {
    expect(judge('api.desk.example', 'api.desk.example')).toBeNull()
    expect(judge('API.Desk.Example.:443', 'api.desk.example')).toBeNull()
    expect(judge('www.desk.example.co.jp', 'origin.desk.example.co.jp')).toBeNull()
    expect(judge('a.desk.example, b.desk.example', 'api.desk.example')).toBeNull()
  })

  it('flags another domain, counting a country second level as part of the suffix', () => {
    expect(judge('reset.kestrel-help.co.jp', 'api.kestrel.co.jp')).toBe(
      'host override naming another domain',
    )
    expect(judge('www.kestrel.co.jp', 'api.kestrel.co.jp')).toBeNull()
    expect(judge('api.desk.example, evil.example', 'api.desk.example')).toBe(
      'host override naming another domain',
    )
  })

  it('flags public addresses where Host is a DNS name', () => {
    expect(judge('203.0.113.9', 'api.desk.example')).toBe('host override naming a public address')
    expect(judge('[2001:db8::7]:8080', 'api.desk.example')).toBe(
      'host override naming a public address',
    )
  })

  it('leaves private addresses and internal names alone: no one outside receives traffic there', () => {
    for (const claimed of [
      '10.1.2.3',
      '[::1]:8080',
      'localhost',
      'desk-backend.internal',
      'oms.trading.svc',
    ])
      expect(judge(claimed, 'api.desk.example'), claimed).toBeNull()
  })

  it('weighs nothing against an address, an internal name or a missing Host, but markup always', () => {
    expect(judge('evil.example', '10.0.0.5:8000')).toBeNull()
    expect(judge('evil.example', 'kong')).toBeNull()
    expect(judge('evil.example', null)).toBeNull()
    expect(judge('x.example/<svg>', null)).toBe('host override with characters no host has')
  })

  it("reads Forwarded's host= parameters only", () => {
    expect(judge('for=198.51.100.4;proto=https', 'api.desk.example', 'forwarded')).toBeNull()
    expect(judge('for=1.2.3.4;host="evil.example"', 'api.desk.example', 'forwarded')).toBe(
      'host override naming another domain',
    )
  })
})
