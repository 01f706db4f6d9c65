// The fictional Tokyo trading platform the demo replays: one Kong gateway in front of four services,
// the desk's consumers and their credentials. Names, hosts and addresses are invented; ids are derived
// from names so incidents keep pointing at the same route and consumer across restarts.
import { type Rng, uuidFrom } from './prng'

export const GATEWAY_HOST = 'api.hanami-trade.example'
export const SPA_ORIGIN = 'https://desk.hanami-trade.example'
export const WORKSPACE_ID = uuidFrom('workspace:default')

export interface ServiceDef {
  readonly id: string
  readonly name: string
  readonly host: string
  readonly port: number
  readonly protocol: 'http'
}

export type RouteAuth = 'jwt' | 'key-auth' | 'none'

export interface RouteDef {
  readonly id: string
  readonly name: string
  readonly paths: readonly string[]
  readonly stripPath: boolean
  readonly auth: RouteAuth
  readonly service: ServiceDef
}

function service(name: string, host: string, port: number): ServiceDef {
  return { id: uuidFrom(`service:${name}`), name, host, port, protocol: 'http' }
}

const trading = service('trading-api', 'trading-api.desk.svc', 8080)
const marketData = service('market-data', 'market-data.desk.svc', 8081)
const auth = service('auth-service', 'auth.desk.svc', 9000)
const ml = service('ml-inference', 'ml-inference.quant.svc', 8501)

function route(
  name: string,
  paths: readonly string[],
  svc: ServiceDef,
  authKind: RouteAuth,
  stripPath = false,
): RouteDef {
  return { id: uuidFrom(`route:${name}`), name, paths, stripPath, auth: authKind, service: svc }
}

/** Kong's routes, matched by longest path prefix like Kong's router does for plain prefixes. */
export const ROUTES: readonly RouteDef[] = [
  route('orders', ['/api/v1/orders'], trading, 'jwt'),
  route('executions', ['/api/v1/executions'], trading, 'jwt'),
  route('positions', ['/api/v1/positions'], trading, 'jwt'),
  route('watchlists', ['/api/v1/watchlists'], trading, 'jwt'),
  route('quotes', ['/api/v1/quotes'], marketData, 'jwt'),
  route('instruments', ['/api/v1/instruments'], marketData, 'jwt'),
  route('auth', ['/auth'], auth, 'none'),
  route('ml-predict', ['/ml'], ml, 'key-auth', true),
  route('health', ['/health'], trading, 'none'),
]

/**
 * The path Kong routes on: escapes of unreserved characters decoded and dot segments removed
 * (RFC 3986), so `/api/v1/orders/%2e%2e/%2e%2e/etc` matches no route, while `..%2f` stays as it is.
 */
export function normalizePath(raw: string): string {
  // Most paths need nothing; this keeps the 200k-line benchmark fast.
  if (!raw.includes('%') && !raw.includes('/.')) return raw
  const decoded = raw.replace(/%([0-9a-fA-F]{2})/g, (m: string, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16))
    return /[A-Za-z0-9\-._~]/.test(ch) ? ch : m
  })
  const out: string[] = []
  for (const seg of decoded.split('/')) {
    if (seg === '..') out.pop()
    else if (seg !== '.') out.push(seg)
  }
  const joined = out.join('/')
  return joined.startsWith('/') ? joined : `/${joined}`
}

/** The route Kong would pick for a raw path, or null (Kong answers 404 itself). */
export function routeFor(rawPath: string): RouteDef | null {
  const path = normalizePath(rawPath)
  let best: RouteDef | null = null
  let bestLen = -1
  for (const r of ROUTES) {
    for (const p of r.paths) {
      const hit = path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`)
      if (hit && p.length > bestLen) {
        best = r
        bestLen = p.length
      }
    }
  }
  return best
}

export type ConsumerKind = 'web' | 'mobile' | 'algo' | 'ops'

export interface Consumer {
  readonly id: string
  readonly username: string
  readonly kind: ConsumerKind
  /** The address the consumer's requests come from (desk, VPN, mobile NAT or algo hosts; all 10/8). */
  readonly ip: string
  readonly userAgent: string
  /** Id of the JWT credential in Kong (authenticated_entity.id). */
  readonly credentialId: string
}

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
] as const

const MOBILE_AGENTS = [
  'HanamiTrade/5.3.1 (iPhone; iOS 18.1; Scale/3.00)',
  'HanamiTrade/5.3.0 (iPad; iPadOS 17.7; Scale/2.00)',
  'okhttp/4.12.0',
] as const

const WEB_TRADERS = [
  'm.sato', 'y.kobayashi', 'r.ito', 'a.watanabe', 'k.nakamura', 't.fujita', 'n.hayashi', 's.mori',
  'h.yamamoto', 'e.walker', 'd.chen', 'l.okafor', 'j.ramirez', 'c.ishikawa', 'o.kimura', 'p.shah',
] as const // prettier-ignore

const MOBILE_USERS = ['m.sato', 'r.ito', 'h.yamamoto', 'e.walker', 's.mori', 'p.shah'] as const

/** The desk's own automated clients: scripting user agents at high rates, legitimately. */
const ALGOS = [
  ['algo-arb-01', 'python-requests/2.32.3', '10.30.4.21'],
  ['algo-mm-02', 'Go-http-client/2.0', '10.30.4.22'],
  ['algo-twap-03', 'Python/3.12 aiohttp/3.10.10', '10.30.4.23'],
  ['algo-vwap-04', 'python-requests/2.31.0', '10.30.5.8'],
  ['risk-feed', 'Go-http-client/1.1', '10.30.6.2'],
] as const

/** Ops engineers poking the gateway by hand. */
const OPS = [
  ['ops.kato', 'curl/8.5.0', '10.50.1.14'],
  ['ops.brown', 'HTTPie/3.2.4', '10.50.1.15'],
] as const

function consumer(username: string, kind: ConsumerKind, ip: string, userAgent: string): Consumer {
  // One Kong consumer per person: a trader on the web and on the phone is the same consumer.
  const id = uuidFrom(`consumer:${username}`)
  return { id, username, kind, ip, userAgent, credentialId: uuidFrom(`jwt:${kind}:${id}`) }
}

/** Everyone who uses the platform legitimately; addresses depend on the name only, not the seed. */
export function desk(): readonly Consumer[] {
  const out: Consumer[] = []
  WEB_TRADERS.forEach((name, i) => {
    // Half the desk sits in the office, the rest on the VPN.
    const ip = i % 2 === 0 ? `10.20.${1 + (i % 4)}.${31 + i * 7}` : `10.8.${i}.${100 + i * 3}`
    out.push(consumer(name, 'web', ip, BROWSERS[i % BROWSERS.length] ?? BROWSERS[0]))
  })
  MOBILE_USERS.forEach((name, i) => {
    const agent = MOBILE_AGENTS[i % MOBILE_AGENTS.length] ?? MOBILE_AGENTS[0]
    out.push(consumer(name, 'mobile', `10.60.${8 + i}.${17 + i * 11}`, agent))
  })
  for (const [name, agent, ip] of ALGOS) out.push(consumer(name, 'algo', ip, agent))
  for (const [name, agent, ip] of OPS) out.push(consumer(name, 'ops', ip, agent))
  return out
}

const b64url = (data: string | Uint8Array): string => Buffer.from(data).toString('base64url')

/**
 * A JWT-shaped token for a consumer. The app reads tokens unverified, so the signature is random
 * bytes: nothing here could be replayed against a real issuer.
 */
export function mintJwt(c: Consumer, issuedAtMs: number, rng: Rng): string {
  const iat = Math.floor(issuedAtMs / 1000) - rng.int(60, 3000)
  const header = { alg: 'ES256', typ: 'JWT', kid: 'demo-2026-11' }
  const claims = {
    iss: `https://auth.hanami-trade.example`,
    sub: c.id,
    aud: 'trading-api',
    iat,
    exp: iat + (c.kind === 'algo' ? 86_400 : 28_800),
    jti: rng.hex(24),
    scope: c.kind === 'algo' ? 'orders:write quotes:read ml:predict' : 'orders:write quotes:read',
    preferred_username: c.username,
  }
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}.${b64url(rng.bytes(64))}`
}
