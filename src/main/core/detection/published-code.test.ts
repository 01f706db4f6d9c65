import { describe, expect, it } from 'vitest'
import { isPublishedCode } from './published-code'

describe('code published for readers', () => {
  it("is a snippet or example's code field", () => {
    expect(isPublishedCode('/developers/api/snippets', 'body:codigo')).toBe(true)
    expect(isPublishedCode('/kb/v1/articles/a-17/examples/3', 'body:example.source')).toBe(true)
    expect(isPublishedCode('/api/gists', 'body:files.main.code')).toBe(true)
  })

  it('is not code sent to be run, an OAuth code, or another field of a snippet', () => {
    expect(isPublishedCode('/v1/strategies/s-9/code', 'body:code')).toBe(false)
    expect(isPublishedCode('/developers/oauth/token', 'body:code')).toBe(false)
    expect(isPublishedCode('/developers/api/snippets', 'body:titulo')).toBe(false)
  })
})
