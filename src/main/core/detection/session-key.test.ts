import { describe, expect, it } from 'vitest'
import { testRecord } from './request-record.test-helper'
import { sessionKey } from './session-key'

const withAuth = (value: string) => testRecord({ headers: [{ name: 'authorization', value }] })

describe('the session a request presents', () => {
  it('reads a bearer token and a `token` scheme credential, each as its own session', () => {
    const bearer = sessionKey(withAuth('Bearer 9f3c2a71e4b84d0c8a55'))
    const kite = sessionKey(withAuth('token 71468505be7bf1db:2823b7aebb586e7f'))
    const drf = sessionKey(withAuth('Token 0c3d8e2f9a1b4c7d'))
    expect(new Set([bearer, kite, drf]).size).toBe(3)
    expect([bearer, kite, drf].every((k) => k !== 0)).toBe(true)
    expect(sessionKey(withAuth('token 71468505be7bf1db:2823b7aebb586e7f'))).toBe(kite)
  })

  it('reads no session from Basic credentials, a short or masked token, or a token scheme with two values', () => {
    for (const v of [
      'Basic YWxpY2U6c2VjcmV0',
      'token abc',
      'token ********',
      'token a1b2c3d4e5 f6g7h8i9',
    ])
      expect(sessionKey(withAuth(v))).toBe(0)
  })
})
