// Short attack campaigns woven into the demo traffic: each comes from one attacker address (RFC 5737
// documentation ranges, so no real host is ever named) with one tool signature and tool-like pacing.
import {
  GUESSES,
  LOG4SHELL,
  LOG4SHELL_HEADERS,
  SCANNER_AGENTS,
  SCANNER_PROBES,
  SQLI,
  SQLMAP_AGENT,
  STUFFED_USERS,
  TRAVERSAL_PARAMS,
  TRAVERSAL_PATHS,
  XSS,
  isTimeBased,
} from './attack-payloads'
import type { RequestSpec } from './kong-entry'
import { type Consumer, desk, mintJwt, routeFor } from './platform'
import type { Rng } from './prng'

export const CAMPAIGN_KINDS = [
  'sqli',
  'scanner',
  'bruteforce',
  'xss',
  'traversal',
  'log4shell',
] as const
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number]

/** The attacker addresses of each campaign kind; benign traffic never uses them. */
export const ATTACKERS: Readonly<Record<CampaignKind, readonly string[]>> = {
  sqli: ['203.0.113.45', '198.51.100.23'],
  scanner: ['192.0.2.33', '203.0.113.201'],
  bruteforce: ['198.51.100.200', '203.0.113.150'],
  xss: ['198.51.100.77', '192.0.2.146'],
  traversal: ['203.0.113.9', '192.0.2.61'],
  log4shell: ['198.51.100.14', '192.0.2.88'],
}

/** One attack request and the time it starts. */
export interface ScheduledRequest {
  readonly at: number
  readonly spec: RequestSpec
}

type Status = readonly (readonly [number, number])[]

interface Attacker {
  readonly rng: Rng
  readonly ip: string
  readonly userAgent: string
  /** A trader whose token was stolen; null when the attacker has no credentials. */
  readonly victim: { readonly consumer: Consumer; readonly token: string } | null
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0'

function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i)
    const a = out[i] as T
    out[i] = out[j] as T
    out[j] = a
  }
  return out
}

/** Encodes only what would break the request line, as a tool sending the payload raw does. */
function rawEncode(p: string): string {
  return Array.from(p)
    .map((ch) => (/[\s&#+\\]/.test(ch) || ch.charCodeAt(0) > 0x7e ? encodeURIComponent(ch) : ch))
    .join('')
}

/** Half raw, half fully percent-encoded: detectors must decode before matching. */
function encodeParam(rng: Rng, p: string): string {
  return rng.chance(0.5) ? rawEncode(p) : encodeURIComponent(p)
}

/** How the gateway answers an attack request: Kong itself when unrouted or unauthenticated. */
function respond(
  a: Attacker,
  req: Omit<
    RequestSpec,
    'status' | 'answeredBy' | 'upstreamMs' | 'responseBodyBytes' | 'clientIp' | 'consumer'
  >,
  statuses: Status,
  slowMs = 0,
): RequestSpec {
  const base = { ...req, clientIp: a.ip }
  const route = routeFor(req.path)
  if (route === null) {
    return {
      ...base,
      consumer: null,
      status: 404,
      answeredBy: 'kong',
      upstreamMs: 0,
      responseBodyBytes: 48,
    }
  }
  const hasToken = req.headers['authorization'] !== undefined
  if (
    (route.auth === 'jwt' && !hasToken) ||
    (route.auth === 'key-auth' && req.headers['apikey'] === undefined)
  ) {
    return {
      ...base,
      consumer: null,
      status: 401,
      answeredBy: 'kong',
      upstreamMs: 0,
      responseBodyBytes: 26,
    }
  }
  const consumer = route.auth === 'jwt' ? (a.victim?.consumer ?? null) : null
  const status = a.rng.weighted(statuses)
  const upstreamMs = slowMs > 0 ? slowMs + a.rng.int(10, 400) : a.rng.logNormal(20, 0.5)
  return {
    ...base,
    consumer,
    status,
    answeredBy: 'upstream',
    upstreamMs,
    responseBodyBytes: a.rng.int(40, 400),
  }
}

function baseHeaders(a: Attacker, json = false): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': a.userAgent, accept: '*/*' }
  if (a.victim !== null) h['authorization'] = `Bearer ${a.victim.token}`
  if (json) h['content-type'] = 'application/json'
  return h
}

/** Spaces requests out from `start` with gaps drawn between min and max ms. */
function paced(
  rng: Rng,
  start: number,
  specs: readonly RequestSpec[],
  minGap: number,
  maxGap: number,
): ScheduledRequest[] {
  let at = start
  return specs.map((spec) => {
    const out = { at: Math.round(at), spec }
    at += rng.int(minGap, maxGap)
    return out
  })
}

const SQLI_TARGETS = [
  ['/api/v1/instruments/search', 'q', 'market=TSE&limit=20'],
  ['/api/v1/orders', 'status', 'limit=50'],
  ['/api/v1/executions', 'symbol', 'page=1'],
  ['/api/v1/quotes', 'symbols', ''],
] as const

function sqli(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const payloads = shuffled(rng, SQLI).slice(0, rng.int(10, SQLI.length))
  const specs = payloads.map((p) => {
    const [path, param, rest] = rng.pick(SQLI_TARGETS)
    const rawQuery =
      rest === '' ? `${param}=${encodeParam(rng, p)}` : `${rest}&${param}=${encodeParam(rng, p)}`
    const statuses: Status = [
      [400, 45],
      [500, 25],
      [200, 30],
    ]
    return respond(
      a,
      { method: 'GET', path, rawQuery, headers: baseHeaders(a) },
      statuses,
      isTimeBased(p) ? 6000 : 0,
    )
  })
  return paced(rng, start, specs, 150, 900)
}

function xss(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const payloads = shuffled(rng, XSS).slice(0, rng.int(8, 12))
  const specs = payloads.map((p) => {
    const where = rng.weighted<'watchlist' | 'note' | 'search'>([
      ['watchlist', 4],
      ['note', 2],
      ['search', 3],
    ])
    if (where === 'search') {
      const rawQuery = `q=${encodeParam(rng, p)}&market=TSE`
      return respond(
        a,
        { method: 'GET', path: '/api/v1/instruments/search', rawQuery, headers: baseHeaders(a) },
        [[200, 1]],
      )
    }
    const body =
      where === 'watchlist'
        ? JSON.stringify({ name: p, symbols: ['7203.T'] })
        : JSON.stringify({
            symbol: '6758.T',
            side: 'buy',
            qty: 100,
            type: 'limit',
            limit_price: 3100,
            note: p,
          })
    const path = where === 'watchlist' ? '/api/v1/watchlists' : '/api/v1/orders'
    return respond(a, { method: 'POST', path, rawQuery: '', headers: baseHeaders(a, true), body }, [
      [201, 6],
      [400, 4],
    ])
  })
  return paced(rng, start, specs, 600, 2500)
}

function traversal(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const inPath = shuffled(rng, TRAVERSAL_PATHS).slice(0, rng.int(3, 5))
  const inParam = shuffled(rng, TRAVERSAL_PARAMS).slice(0, rng.int(4, 6))
  const specs: RequestSpec[] = [
    ...inPath.map((path) =>
      respond(a, { method: 'GET', path, rawQuery: '', headers: baseHeaders(a) }, [
        [404, 6],
        [400, 4],
      ]),
    ),
    ...inParam.map(([param, p]) => {
      // Pre-encoded payloads go as typed; the others are sent raw, so one decode reveals the `../`.
      const rawQuery = `format=csv&${param}=${p.includes('%') ? p : rawEncode(p)}`
      return respond(
        a,
        { method: 'GET', path: '/api/v1/executions/export', rawQuery, headers: baseHeaders(a) },
        [
          [400, 7],
          [500, 3],
        ],
      )
    }),
  ]
  return paced(rng, start, shuffled(rng, specs), 200, 1200)
}

function bruteforce(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const count = rng.int(30, 60)
  // Either one trader's account hammered with guesses, or leaked addresses tried one after another.
  const target = rng.chance(0.5) ? rng.pick(desk().filter((c) => c.kind === 'web')).username : null
  const specs = Array.from({ length: count }, (_, i) => {
    const username = target ?? STUFFED_USERS[i % STUFFED_USERS.length] ?? 'admin'
    const body = JSON.stringify({ username, password: rng.pick(GUESSES) })
    const spec = respond(
      a,
      { method: 'POST', path: '/auth/login', rawQuery: '', headers: baseHeaders(a, true), body },
      [[401, 1]],
    )
    // The login route's rate limit kicks in late in the run.
    if (i >= 30 && rng.chance(0.15))
      return { ...spec, status: 429, answeredBy: 'kong' as const, upstreamMs: 0 }
    return spec
  })
  return paced(rng, start, specs, 250, 2000)
}

function scanner(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const probes = shuffled(rng, SCANNER_PROBES).slice(0, rng.int(12, SCANNER_PROBES.length))
  const specs = ['/', ...probes].map((path) =>
    respond(a, { method: 'GET', path, rawQuery: '', headers: baseHeaders(a) }, [[404, 1]]),
  )
  return paced(rng, start, specs, 80, 400)
}

function log4shell(a: Attacker, start: number): ScheduledRequest[] {
  const { rng } = a
  const header = rng.pick(LOG4SHELL_HEADERS)
  const headers = { ...baseHeaders(a), [header]: rng.pick(LOG4SHELL) }
  const spec = respond(
    a,
    { method: 'GET', path: '/api/v1/instruments/search', rawQuery: 'q=toyota&market=TSE', headers },
    [[200, 1]],
  )
  return [{ at: start, spec }]
}

const BUILDERS: Readonly<Record<CampaignKind, (a: Attacker, start: number) => ScheduledRequest[]>> =
  {
    sqli,
    scanner,
    bruteforce,
    xss,
    traversal,
    log4shell,
  }

/** Builds one campaign of `kind` starting at `start`, from one of that kind's attacker addresses. */
export function buildCampaign(kind: CampaignKind, rng: Rng, start: number): ScheduledRequest[] {
  const ip = rng.pick(ATTACKERS[kind])
  const stolen =
    kind === 'xss' ||
    (kind === 'sqli' && rng.chance(0.6)) ||
    (kind === 'traversal' && rng.chance(0.5))
  const consumer = stolen ? rng.pick(desk().filter((c) => c.kind === 'web')) : null
  const userAgent =
    kind === 'scanner'
      ? rng.pick(SCANNER_AGENTS)
      : kind === 'sqli'
        ? rng.pick([SQLMAP_AGENT, 'python-requests/2.28.1'])
        : kind === 'bruteforce'
          ? rng.pick(['python-requests/2.31.0', 'Mozilla/5.0 (Hydra)', FIREFOX])
          : kind === 'traversal'
            ? rng.pick(['curl/8.4.0', 'Go-http-client/1.1'])
            : FIREFOX
  const victim = consumer === null ? null : { consumer, token: mintJwt(consumer, start, rng) }
  return BUILDERS[kind]({ rng, ip, userAgent, victim }, start)
}
