import { describe, expect, it } from 'vitest'
import {
  createBruteforceDetector,
  isLoginAttempt,
  passwordHashOf,
  sameHolderLogins,
  usernameOf,
} from './bruteforce'
import type { RequestRecord } from './request-record'
import { testRecord } from './request-record.test-helper'

const T0 = Date.UTC(2026, 10, 25, 1, 0, 0)
let seq = 0

function req(over: Partial<RequestRecord> = {}): RequestRecord {
  seq++
  return testRecord({
    line: seq,
    recordId: `r${seq}`,
    time: T0 + seq * 1000,
    method: 'POST',
    path: '/api/orders',
    ip: '203.0.113.50',
    route: 'orders',
    service: 'oms',
    status: 401,
    requestBytes: 100,
    responseBytes: 50,
    latencyMs: 20,
    ...over,
  })
}

const basic = (user: string, password: string) => [
  {
    name: 'authorization',
    value: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
  },
]

describe('what counts as a login', () => {
  it('knows login, token, form-login and second-factor endpoints', () => {
    for (const path of [
      '/v2/login',
      '/oauth2/token',
      '/j_security_check',
      '/api/mfa/verify',
      '/signon',
    ])
      expect(isLoginAttempt(req({ path, body: '{}' })), path).toBe(true)
    for (const path of ['/api/orders', '/tokens-list', '/blogin', '/catalog'])
      expect(isLoginAttempt(req({ path, method: 'GET' })), path).toBe(false)
  })

  it('counts any request presenting Basic credentials, and names only the user', () => {
    const r = req({ method: 'GET', path: '/reports/daily', headers: basic('Ops-Admin', 'hunter2') })
    expect(isLoginAttempt(r)).toBe(true)
    expect(usernameOf(r)).toBe('ops-admin')
    expect(JSON.stringify(usernameOf(r))).not.toContain('hunter2')
  })

  it('reads the account under the names APIs give it', () => {
    const bodies: [string, string][] = [
      ['{"loginId":"K.Sato","password":"x"}', 'k.sato'],
      ['{"emailAddress":"a@desk.example","pwd":"x"}', 'a@desk.example'],
      ['grant_type=password&user_name=trader9&password=x', 'trader9'],
      ['{"principal":"svc-risk","passcode":"x"}', 'svc-risk'],
      // in other languages, and national ids: one account however the number was typed
      ['{"cpf":"529.982.247-25","senha":"***"}', '52998224725'],
      ['{"cpf":"52998224725","senha":"***"}', '52998224725'],
      ['benutzername=K.Weber&kennwort=x', 'k.weber'],
      ['{"usuario":"mgarcia","contrasena":"x"}', 'mgarcia'],
      ['{"celular":"+55 11 98765-4321","senha":"x"}', '5511987654321'],
      [
        '{"identifiant":"Julie.Nguyen@wanadoo.example","mot_de_passe":"***"}',
        'julie.nguyen@wanadoo.example',
      ],
      ['numero_client=49959970&mot_de_passe=x', '49959970'],
      ['{"klantnummer":"K-77120","wachtwoord":"x"}', 'k-77120'],
      // a field of a name no list holds, but an e-mail address in it
      [
        '{"kanal":"web","adres_poczty":"J.Nowak@poczta.example","haslo":"x"}',
        'j.nowak@poczta.example',
      ],
      ['mail_of_user=p.roux%40free.example&mdp=x', 'p.roux@free.example'],
    ]
    for (const [body, user] of bodies) expect(usernameOf(req({ body })), body).toBe(user)
    // a password field in another language makes a login of a POST on any path
    for (const body of [
      '{"cpf":"1","senha":"x"}',
      'utilisateur=a&mot_de_passe=x',
      '{"kullanici":"a","sifre":"x"}',
    ])
      expect(isLoginAttempt(req({ path: '/api/entrar', body })), body).toBe(true)
    // a masked password in another language tells no password apart
    expect(passwordHashOf(req({ body: '{"cpf":"1","senha":"********"}' }))).toBeNull()
    expect(passwordHashOf(req({ body: '{"cpf":"1","senha":"Verao2026!"}' }))).not.toBeNull()
  })

  it('does not take a word that merely contains a password key for one', () => {
    const r = req({ path: '/api/ui', body: '{"spinner":true,"bypass":"none","compass":"n"}' })
    expect(isLoginAttempt(r)).toBe(false)
  })
})

describe('brute force over Basic authentication', () => {
  it('fires on repeated wrong passwords against a protected path', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 12 }, (_, i) =>
      d.observe(req({ method: 'GET', path: '/reports/daily', headers: basic('ops', `guess${i}`) })),
    ).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
    expect(signals[0]).toMatchObject({ category: 'bruteforce', failures: 10 })
  })

  it('stays quiet for a client without credentials refused by an API that needs them', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 30 }, () =>
      d.observe(req({ method: 'GET', path: '/reports/daily' })),
    ).filter((s) => s !== null)
    expect(signals).toEqual([])
  })
})

describe('credentials Kong redacts or does not', () => {
  // Kong logs Authorization as "REDACTED" (../shared/apis/kong.md): the 401's challenge tells a password
  // refused from a token refused.
  const redacted = [{ name: 'authorization', value: 'REDACTED' }]

  it('counts a redacted Authorization refused with a Basic or Digest challenge', () => {
    for (const scheme of ['basic', 'digest']) {
      const d = createBruteforceDetector()
      const signals = Array.from({ length: 12 }, () =>
        d.observe(
          req({ method: 'GET', path: '/reports/eod', headers: redacted, authChallenge: scheme }),
        ),
      ).filter((s) => s !== null)
      expect(signals, scheme).toHaveLength(1)
      expect(signals[0]).toMatchObject({ category: 'bruteforce', credential: 'password' })
    }
  })

  it('stays quiet for an expired token refused with a Bearer challenge, or a 401 without one', () => {
    for (const authChallenge of ['bearer', null]) {
      const d = createBruteforceDetector()
      const signals = Array.from({ length: 40 }, () =>
        d.observe(req({ method: 'GET', path: '/risk/var', headers: redacted, authChallenge })),
      ).filter((s) => s !== null)
      expect(signals, String(authChallenge)).toEqual([])
    }
  })

  it('fires on an address trying a new API key on every request, in a header or the query', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 12 }, (_, i) =>
      d.observe(
        i % 2
          ? req({
              method: 'GET',
              path: '/quotes',
              headers: [{ name: 'x-api-key', value: `k-${i}` }],
            })
          : req({ method: 'GET', path: '/quotes', query: [{ name: 'apikey', value: `q-${i}` }] }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
    expect(signals[0]).toMatchObject({
      category: 'bruteforce',
      credential: 'api-key',
      failures: 10,
    })
  })

  it('counts a revoked key retried by its client only once', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 60 }, () =>
      d.observe(
        req({
          method: 'GET',
          path: '/quotes',
          headers: [{ name: 'apikey', value: 'revoked-key-1' }],
        }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toEqual([])
  })
})

describe('failures answered with 400 or 422', () => {
  it('counts an OAuth password grant refused with 400 invalid_grant', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 12 }, (_, i) =>
      d.observe(
        req({
          path: '/oauth2/token',
          status: 400,
          body: `grant_type=password&username=desk${i % 8}&password=guess${i}&client_id=web`,
        }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
    // eight accounts walked once each: named at the sixth, as a list (see low and slow guessing)
    expect(signals[0]).toMatchObject({ category: 'credential-stuffing', failures: 6 })
  })

  it('counts a JSON login refused with 422, as many frameworks answer it', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 12 }, (_, i) =>
      d.observe(
        req({ path: '/api/session', status: 422, body: `{"email":"a@b.jp","password":"p${i}"}` }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
  })

  it('does not count a 400 for a request that carried no password (a client bug, a bad refresh)', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 30 }, () =>
      d.observe(
        req({
          path: '/oauth2/token',
          status: 400,
          body: 'grant_type=refresh_token&refresh_token=x',
        }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toEqual([])
  })
})

describe('low and slow guessing', () => {
  const at = (minutes: number) => T0 + minutes * 60_000

  it('fires on a failure every few minutes, paced under the fast threshold', () => {
    const d = createBruteforceDetector()
    // One wrong password every 3 minutes: five in any 15 minutes, 20 after an hour.
    const signals = Array.from({ length: 25 }, (_, i) =>
      d.observe(
        req({
          path: '/auth/login',
          time: at(3 * i),
          body: `{"username":"ops","password":"g${i}"}`,
        }),
      ),
    ).filter((s) => s !== null)
    expect(signals).toHaveLength(1)
    expect(signals[0]).toMatchObject({ category: 'bruteforce', failures: 20, windowMs: 7_200_000 })
  })

  it('stays quiet for an office behind one address where most logins succeed', () => {
    const d = createBruteforceDetector()
    const signals: unknown[] = []
    // 40 typos over two hours among 200 successful logins from the same NAT address.
    for (let i = 0; i < 240; i++) {
      const failed = i % 6 === 0
      const s = d.observe(
        req({
          path: '/auth/login',
          time: at(i / 2),
          status: failed ? 401 : 200,
          body: `{"username":"trader${i % 50}","password":"x"}`,
        }),
      )
      if (s) signals.push(s)
    }
    expect(signals).toEqual([])
  })

  it('does not count refusals while the login endpoint itself is failing for many clients', () => {
    // an office's users refused, one every 15 s
    const officeLogin = (i: number) =>
      req({
        path: '/v2/auth/login',
        time: at(i / 4),
        status: 401,
        ip: '203.0.113.9',
        body: `{"login_id":"u${i % 12}","password":"p"}`,
      })
    const d = createBruteforceDetector()
    const signals: unknown[] = []
    // The identity provider is down: the endpoint answers 503 to everyone and some logins 401.
    for (let i = 0; i < 60; i++) {
      const outage = d.observe(
        req({
          path: '/v2/auth/login',
          time: at(i / 4),
          status: 503,
          ip: `198.51.100.${i % 5}`,
          body: '{"login_id":"x","password":"y"}',
        }),
      )
      const office = d.observe(officeLogin(i))
      for (const s of [outage, office]) if (s) signals.push(s)
    }
    expect(signals).toEqual([])
    // The same refusals with the endpoint answering are counted.
    const fresh = createBruteforceDetector()
    const counted = Array.from({ length: 15 }, (_, i) => fresh.observe(officeLogin(i))).filter(
      (s) => s !== null,
    )
    expect(counted).toHaveLength(1)
  })

  it('reads a node still sending its rotated client secret as stale, not as guessing', () => {
    const d = createBruteforceDetector()
    const token = (time: number, status: number) =>
      d.observe(
        req({
          path: '/oauth2/token',
          time,
          status,
          ip: '118.238.201.11',
          body: 'grant_type=client_credentials&client_id=oms-node&client_secret=********',
        }),
      )
    const signals: unknown[] = []
    // hourly tokens all morning, then the secret is rotated and this node keeps the old one
    for (let h = 0; h < 4; h++) token(at(60 * h), 200)
    for (let i = 0; i < 30; i++) {
      const s = token(at(240 + i / 2), 401)
      if (s) signals.push(s)
    }
    expect(signals).toEqual([])
    // another address guessing the same client's secret is still counted
    const guesses = Array.from({ length: 12 }, (_, i) =>
      d.observe(
        req({
          path: '/oauth2/token',
          time: at(300 + i),
          ip: '159.65.140.35',
          body: 'grant_type=client_credentials&client_id=oms-node&client_secret=********',
        }),
      ),
    ).filter((s) => s !== null)
    expect(guesses).toHaveLength(1)
  })

  it('fires on a slow spray: a login every quarter hour, each against another account', () => {
    const d = createBruteforceDetector()
    const signals = Array.from({ length: 12 }, (_, i) =>
      d.observe(
        req({
          path: '/v1/auth/login',
          time: at(13 * i),
          ip: '45.76.182.37',
          body: `{"email":"customer${i}@mail.example","password":"********"}`,
        }),
      ),
    ).filter((s) => s !== null)
    expect(signals.length).toBeGreaterThanOrEqual(1)
    expect(signals[0]).toMatchObject({ category: 'credential-stuffing', windowMs: 7_200_000 })
    // the same pace against two accounts (a couple sharing a computer) is no spray
    const home = createBruteforceDetector()
    const couple = Array.from({ length: 12 }, (_, i) =>
      home.observe(
        req({
          path: '/v1/auth/login',
          time: at(13 * i),
          ip: '73.90.1.5',
          body: `{"email":"${i % 2 ? 'ann' : 'bob'}@mail.example","password":"********"}`,
        }),
      ),
    ).filter((s) => s !== null)
    expect(couple).toEqual([])
  })

  it('fires on a list walked at night: six accounts in twelve minutes, each tried once, nothing works', () => {
    const login = (ip: string, user: string, minute: number, status = 401) =>
      req({
        path: '/mobile/v2/auth/login',
        time: at(minute),
        ip,
        status,
        body: `{"login":"${user}","password":"***","device_id":"db45bfdb${minute}"}`,
      })
    const accounts = ['wieczorek883@mail.example', 'sikora693@mail.example', '73005987942']
    const more = ['+48518152818', 'polat883@mail.example', 'k.jablonska@mail.example']
    const d = createBruteforceDetector()
    const walk = [...accounts, ...more]
      .map((u, i) => d.observe(login('178.43.39.51', u, i * 2.2)))
      .filter((s) => s !== null)
    expect(walk).toHaveLength(1)
    expect(walk[0]).toMatchObject({ category: 'credential-stuffing', distinctUsers: 6 })
    // a carrier's NAT at the open: six customers mistype once each, and their logins then work
    const nat = createBruteforceDetector()
    const open = [...accounts, ...more].flatMap((u, i) => [
      nat.observe(login('83.22.0.1', u, i * 2)),
      nat.observe(login('83.22.0.1', u, i * 2 + 0.5, 200)),
    ])
    expect(open.filter((s) => s !== null)).toEqual([])
    // one customer trying their login six ways (spellings of one phone and one e-mail): no list
    const own = createBruteforceDetector()
    const tries = ['anna_nowak@mail.example', '+48501384944', '+48 501 384 944', '0048501384944']
    expect(
      [...tries, '501384944', 'anna.nowak@mail.example']
        .map((u, i) => own.observe(login('93.105.222.147', u, i)))
        .filter((s) => s !== null),
    ).toEqual([])
  })
})

describe('sameHolderLogins', () => {
  it('takes two spellings of one e-mail as one person looking for their login', () => {
    expect(sameHolderLogins('bolaji_chukwu36@gmail.com', 'bolaji.chukwu@gmail.com')).toBe(true)
    expect(sameHolderLogins('kunle_ogunleye@gmail.com', 'kunle.ogunleye@yahoo.com')).toBe(true)
    expect(sameHolderLogins('0712345678', '0712345678')).toBe(true)
  })

  it('takes spellings of one phone number as one: spaces, the country code, a trunk 0', () => {
    expect(sameHolderLogins('+48519299294', '+48 519 299 294')).toBe(true)
    expect(sameHolderLogins('+48519299294', '519299294')).toBe(true)
    expect(sameHolderLogins('0712345678', '+254 712-345-678')).toBe(true)
    expect(sameHolderLogins('0048 519 299 294', '519 299 294')).toBe(true)
  })

  it('keeps the accounts of a list apart: other letters, other digits, other kinds of name', () => {
    expect(sameHolderLogins('user0@corp.example', 'user1@corp.example')).toBe(false)
    expect(sameHolderLogins('jmolefe92@outlook.com', 'reabetswe_du592@gmail.com')).toBe(false)
    expect(sameHolderLogins('john.smith1@mail.example', 'john.smith2@mail.example')).toBe(false)
    expect(sameHolderLogins('dennis.maina@ymail.com', '+254711147638')).toBe(false)
    expect(sameHolderLogins('ab@x.example', 'a.b@x.example')).toBe(false)
    // a list's numbers: neighbours, the same number in another country, short codes
    expect(sameHolderLogins('+48519299294', '+48519299295')).toBe(false)
    expect(sameHolderLogins('+48519299294', '+90 519 299 294 11')).toBe(false)
    expect(sameHolderLogins('1234567', '01234567')).toBe(false)
  })

  it('takes a number typed with a keystroke dropped or doubled as its holder looking for it', () => {
    expect(sameHolderLogins('058C719344', '058C71934')).toBe(true)
    expect(sameHolderLogins('058C59955', '058C599557')).toBe(true)
    expect(sameHolderLogins('+84 94 851 451', '+84 94 851 4510')).toBe(true)
    expect(sameHolderLogins('CUST-0041877', 'CUST-00418777')).toBe(true)
    // a changed character is a neighbour's account; short ones, and e-mails, keep their own rules
    expect(sameHolderLogins('058C719344', '058C719345')).toBe(false)
    expect(sameHolderLogins('058C719344', '158C719344')).toBe(false)
    expect(sameHolderLogins('ab12345', 'ab123456')).toBe(false)
    expect(sameHolderLogins('john.smith1@mail.example', 'john.smith12@mail.example')).toBe(false)
    expect(sameHolderLogins('9058C719344', '058C719344')).toBe(false)
  })
})
