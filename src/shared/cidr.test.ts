import { describe, expect, it } from 'vitest'
import { inCidr, parseCidr, parseIp } from './cidr'

describe('parseIp', () => {
  it('reads IPv4, IPv6 with ::, embedded IPv4 and IPv4-mapped forms', () => {
    expect([...parseIp('10.1.2.3')!]).toEqual([10, 1, 2, 3])
    expect(parseIp('2001:db8::1')!.length).toBe(16)
    expect(parseIp('::1')![15]).toBe(1)
    expect([...parseIp('::ffff:192.0.2.7')!]).toEqual([192, 0, 2, 7])
    expect(parseIp('64:ff9b::192.0.2.7')!.slice(12)).toEqual(Uint8Array.from([192, 0, 2, 7]))
  })

  it('refuses what is not an address', () => {
    for (const bad of [
      '',
      '256.1.1.1',
      '1.2.3',
      'a.b.c.d',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      'fe80::1%eth0',
      'x',
    ])
      expect(parseIp(bad), bad).toBeNull()
  })
})

describe('CIDR blocks', () => {
  it('matches by prefix, within one family only', () => {
    const lb = parseCidr('10.40.0.0/14')!
    expect(inCidr(parseIp('10.41.255.1')!, lb)).toBe(true)
    expect(inCidr(parseIp('10.44.0.1')!, lb)).toBe(false)
    expect(inCidr(parseIp('2001:db8::1')!, lb)).toBe(false)
    const v6 = parseCidr('2001:db8:ab00::/40')!
    expect(inCidr(parseIp('2001:db8:abff::9')!, v6)).toBe(true)
    expect(inCidr(parseIp('2001:db8:ac00::9')!, v6)).toBe(false)
    expect(inCidr(parseIp('192.0.2.5')!, parseCidr('192.0.2.5')!)).toBe(true)
    expect(inCidr(parseIp('192.0.2.6')!, parseCidr('192.0.2.5')!)).toBe(false)
  })

  it('refuses malformed blocks', () => {
    for (const bad of ['10.0.0.0/33', '10.0.0.0/', '10.0.0/8', '::/129', '10.0.0.0/8/8'])
      expect(parseCidr(bad), bad).toBeNull()
  })
})
