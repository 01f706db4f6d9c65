import { describe, expect, it } from 'vitest'
import { namesSession } from './api-key'

describe('names of session headers and cookies', () => {
  it.each([
    'x-session',
    'x-dr-session',
    'x-auth-token',
    'sid',
    'x-session-fp',
    // frameworks' and sites' names, glued to a prefix
    'JSESSIONID',
    'PHPSESSID',
    'connect.sid',
    'ASP.NET_SessionId',
    'wwsid',
    'nb_sid',
  ])('%s names a session', (name) => {
    expect(namesSession(name)).toBe(true)
  })

  it.each(['XSRF-TOKEN', 'x-csrf-token', 'ww_consent', '_ga', 'lang', 'x-request-id', 'authority'])(
    '%s does not',
    (name) => {
      expect(namesSession(name)).toBe(false)
    },
  )
})
