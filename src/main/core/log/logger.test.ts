import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createLogger } from './logger'
import { createSecretScrubber } from './scrub-secrets'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const JWT =
  'eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0cmFkZXItNyIsImp0aSI6ImFiYyJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU'

describe('logger', () => {
  it('never writes a credential to the log file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-log-'))
    dirs.push(dir)
    const scrubber = createSecretScrubber()
    scrubber.add('kong-admin-token-5f2c9')
    const log = createLogger({ dir, scrubber })
    log.log('warn', `upstream said: Authorization: Bearer ${JWT}`)
    log.log('error', 'connect failed', {
      url: 'redis://default:hunter2-redis@10.0.0.5:6379',
      password: 'p@ss-w0rd-1',
    })
    log.log('info', 'kong admin call with token kong-admin-token-5f2c9 failed')
    log.log('info', 'body was {"username":"alice","password":"Tr4der!2026"} apikey=ml-key-88a1')
    log.log(
      'info',
      'es https://elastic:es-secret-9@es.internal:9200 down; Cookie: session=9f8e7d6c5b4a',
    )
    const text = readFileSync(join(dir, 'vigil.log'), 'utf8')
    for (const secret of [
      JWT,
      'hunter2-redis',
      'p@ss-w0rd-1',
      'kong-admin-token-5f2c9',
      'Tr4der!2026',
      'ml-key-88a1',
      'es-secret-9',
      '9f8e7d6c5b4a',
    ])
      expect(text).not.toContain(secret)
    expect(text.trim().split('\n')).toHaveLength(5)
    for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow()
  })

  it('rotates by size and keeps a bounded number of files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-log-'))
    dirs.push(dir)
    const log = createLogger({ dir, scrubber: createSecretScrubber(), maxBytes: 1000, keep: 2 })
    for (let i = 0; i < 200; i++) log.log('info', `line ${i} ${'x'.repeat(50)}`)
    expect(readdirSync(dir).sort()).toEqual(['vigil.log', 'vigil.log.1', 'vigil.log.2'])
  })
})
