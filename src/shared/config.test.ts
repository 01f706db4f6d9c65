import { describe, expect, it } from 'vitest'
import { configSchema } from './config'

describe('configuration: trusted proxies', () => {
  it('takes addresses and CIDR blocks and defaults to none', () => {
    expect(configSchema.parse({}).detection.trustedProxies).toEqual([])
    const c = configSchema.parse({ detection: { trustedProxies: ['10.40.0.0/16', '2001:db8::1'] } })
    expect(c.detection.trustedProxies).toEqual(['10.40.0.0/16', '2001:db8::1'])
  })

  it('refuses anything else with a message saying what it takes', () => {
    const r = configSchema.safeParse({ detection: { trustedProxies: ['lb.desk.internal'] } })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]?.message).toMatch(/IP address or a CIDR block/)
    expect(r.error?.issues[0]?.path).toEqual(['detection', 'trustedProxies', 0])
  })
})
