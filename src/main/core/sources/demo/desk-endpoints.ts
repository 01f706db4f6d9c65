// The desk's endpoints as its clients call them: what each request looks like and how the platform
// usually answers (statuses and latencies believable, not measured). benign-traffic.ts picks who calls
// which endpoint and how often.
import type { RequestSpec } from './kong-entry'
import type { Consumer } from './platform'
import type { Rng } from './prng'

const SYMBOLS = [
  '7203.T', '6758.T', '9984.T', '8306.T', '6861.T', '8035.T', '9432.T', '6098.T', '7974.T', '4063.T',
  '9983.T', '8058.T', '6501.T', '4502.T', '8316.T', '6367.T', '7267.T', '6902.T', '1306.T', '1321.T',
] as const // prettier-ignore

// Search text as traders type it: Japanese (some full-width Latin), English and bare codes.
const SEARCHES = [
  'トヨタ', 'ソニー', '任天堂', '三菱ＵＦＪ', 'ＮＴＴ', 'キーエンス', '東京エレクトロン', '日経平均',
  '半導体', '銀行 ETF', 'ソフトバンクグループ', '信越化学', 'ファーストリテイリング', '商社',
  'toyota', 'sony group', 'nintendo', 'fast retailing', 'tokyo electron', 'mitsubishi corp',
  'keyence', 'TOPIX ETF', 'recruit holdings', '7203', '8306', 'daikin',
] as const // prettier-ignore

const WATCHLIST_NAMES = [
  '半導体 watch',
  '高配当',
  'Banks',
  'Autos – EV',
  "Kenji's picks",
  'Earnings this week',
] as const
const ORDER_NOTES = [
  '',
  '',
  '',
  'scale in, 2nd lot',
  "client's request",
  'hedge vs 1321.T',
  '前場のみ',
] as const

const STATUS_TIMEOUT_MS = 60_000

export type Answer = Pick<RequestSpec, 'status' | 'answeredBy' | 'upstreamMs' | 'responseBodyBytes'>

/** Who is calling and with which headers. */
export interface Ctx {
  readonly rng: Rng
  readonly c: Consumer
  readonly headers: Record<string, string>
}

/** Encodes search text the way the client would: browsers use %20, Python's urlencode uses +. */
function encodeText(text: string, plusForSpace: boolean): string {
  const enc = encodeURIComponent(text)
  return plusForSpace ? enc.replaceAll('%20', '+') : enc
}

/** An upstream answer with a log-normal latency and, rarely, a long tail. */
export function answer(rng: Rng, status: number, medianMs: number, bytes: number): Answer {
  // A rare slow upstream (GC pause, cold cache) gives the latency chart its long tail.
  const tail = rng.chance(0.015) ? rng.int(5, 40) : 1
  const upstreamMs = rng.logNormal(medianMs, 0.55) * tail
  return {
    status,
    answeredBy: 'upstream',
    upstreamMs,
    responseBodyBytes: Math.round(bytes * (0.6 + rng.next() * 0.8)),
  }
}

/** Upstream trouble in small proportions: 502 and 503 fast, 504 after Kong's 60 s proxy timeout. */
function maybeFailure(rng: Rng): Answer | null {
  if (!rng.chance(0.003)) return null
  const status = rng.weighted<number>([
    [502, 3],
    [503, 2],
    [504, 1],
  ])
  const upstreamMs = status === 504 ? STATUS_TIMEOUT_MS : rng.int(2, 40)
  return { status, answeredBy: 'upstream', upstreamMs, responseBodyBytes: rng.int(40, 120) }
}

/** The gateway answering itself (401 for a bad token, 429 for a rate limit). */
export function kongAnswer(status: number, bytes: number): Answer {
  return { status, answeredBy: 'kong', upstreamMs: 0, responseBodyBytes: bytes }
}

const orderId = (rng: Rng): string => `ORD-20261125-${rng.int(100000, 999999)}`

function spec(
  ctx: Ctx,
  method: string,
  path: string,
  rawQuery: string,
  a: Answer,
  body?: string,
): RequestSpec {
  const failure = maybeFailure(ctx.rng)
  const headers =
    body === undefined ? ctx.headers : { ...ctx.headers, 'content-type': 'application/json' }
  return {
    method,
    path,
    rawQuery,
    headers,
    body,
    clientIp: ctx.c.ip,
    consumer: ctx.c,
    ...(failure ?? a),
  }
}

/** Builds one request of a kind for a caller. */
export type Endpoint = (ctx: Ctx) => RequestSpec

export const quotes: Endpoint = (ctx) => {
  const { rng } = ctx
  const n = ctx.c.kind === 'algo' ? rng.int(4, 12) : rng.int(1, 4)
  const syms = Array.from({ length: n }, () => rng.pick(SYMBOLS))
  if (ctx.c.kind === 'web' && rng.chance(0.12)) {
    const cached = { ...ctx, headers: { ...ctx.headers, 'if-none-match': `W/"q-${rng.hex(10)}"` } }
    return spec(
      cached,
      'GET',
      '/api/v1/quotes',
      `symbols=${syms.join(',')}`,
      answer(rng, 304, 3, 0),
    )
  }
  return spec(
    ctx,
    'GET',
    '/api/v1/quotes',
    `symbols=${syms.join(',')}`,
    answer(rng, 200, 5, 180 * n),
  )
}

export const search: Endpoint = (ctx) => {
  const { rng } = ctx
  const q = encodeText(rng.pick(SEARCHES), ctx.c.kind === 'algo')
  return spec(
    ctx,
    'GET',
    '/api/v1/instruments/search',
    `q=${q}&market=TSE&limit=20`,
    answer(rng, 200, 18, 2400),
  )
}

export const positions: Endpoint = (ctx) =>
  spec(
    ctx,
    'GET',
    '/api/v1/positions',
    `account=ACC-${1000 + (ctx.c.id.charCodeAt(0) % 90)}`,
    answer(ctx.rng, 200, 12, 3200),
  )

export const listOrders: Endpoint = (ctx) => {
  const status = ctx.rng.pick(['open', 'open', 'filled', 'cancelled'])
  return spec(
    ctx,
    'GET',
    '/api/v1/orders',
    `status=${status}&limit=50`,
    answer(ctx.rng, 200, 15, 5200),
  )
}

export const getOrder: Endpoint = (ctx) => {
  const found = !ctx.rng.chance(0.04)
  return spec(
    ctx,
    'GET',
    `/api/v1/orders/${orderId(ctx.rng)}`,
    '',
    answer(ctx.rng, found ? 200 : 404, 9, found ? 640 : 60),
  )
}

export const placeOrder: Endpoint = (ctx) => {
  const { rng } = ctx
  const symbol = rng.pick(SYMBOLS)
  const qty = rng.pick([100, 100, 200, 300, 500, 1000])
  const order: Record<string, unknown> = {
    symbol,
    side: rng.pick(['buy', 'sell']),
    qty,
    type: rng.chance(0.7) ? 'limit' : 'market',
    limit_price: rng.int(800, 9000) + rng.pick([0, 0.5]),
    tif: rng.pick(['day', 'day', 'ioc']),
  }
  if (ctx.c.kind === 'algo') order['client_order_id'] = `${ctx.c.username}-${rng.hex(12)}`
  else {
    const note = rng.pick(ORDER_NOTES)
    if (note !== '') order['note'] = note
  }
  const status = rng.weighted<number>([
    [201, 93],
    [400, 5],
    [409, 2],
  ])
  const a = answer(rng, status, 26, status === 201 ? 420 : 110)
  return spec(ctx, 'POST', '/api/v1/orders', '', a, JSON.stringify(order))
}

export const cancelOrder: Endpoint = (ctx) => {
  const status = ctx.rng.weighted<number>([
    [204, 90],
    [404, 6],
    [409, 4],
  ])
  return spec(
    ctx,
    'DELETE',
    `/api/v1/orders/${orderId(ctx.rng)}`,
    '',
    answer(ctx.rng, status, 20, status === 204 ? 0 : 80),
  )
}

export const amendOrder: Endpoint = (ctx) => {
  const body = JSON.stringify({
    qty: ctx.rng.pick([100, 200, 400]),
    limit_price: ctx.rng.int(800, 9000),
  })
  return spec(
    ctx,
    'PUT',
    `/api/v1/orders/${orderId(ctx.rng)}`,
    '',
    answer(ctx.rng, 200, 24, 420),
    body,
  )
}

export const executions: Endpoint = (ctx) => {
  const q = `from=2026-11-25T00%3A00%3A00Z&symbol=${ctx.rng.pick(SYMBOLS)}&page=${ctx.rng.int(1, 4)}`
  return spec(ctx, 'GET', '/api/v1/executions', q, answer(ctx.rng, 200, 22, 7400))
}

export const watchlists: Endpoint = (ctx) => {
  const { rng } = ctx
  if (rng.chance(0.8)) return spec(ctx, 'GET', '/api/v1/watchlists', '', answer(rng, 200, 8, 1500))
  const body = JSON.stringify({
    name: rng.pick(WATCHLIST_NAMES),
    symbols: [rng.pick(SYMBOLS), rng.pick(SYMBOLS)],
  })
  if (rng.chance(0.5))
    return spec(ctx, 'POST', '/api/v1/watchlists', '', answer(rng, 201, 14, 300), body)
  return spec(
    ctx,
    'PUT',
    `/api/v1/watchlists/wl-${rng.hex(8)}`,
    '',
    answer(rng, 200, 14, 300),
    body,
  )
}

export const predict: Endpoint = (ctx) => {
  const { rng } = ctx
  const features = Array.from({ length: 6 }, () => Math.round((rng.next() * 2 - 1) * 1000) / 1000)
  const body = JSON.stringify({
    model: rng.pick(['px-move-5m', 'fill-prob', 'spread-1m']),
    symbol: rng.pick(SYMBOLS),
    features,
  })
  return spec(ctx, 'POST', '/ml/v1/predict', '', answer(rng, 200, 45, 160), body)
}

/** The desk's login and refresh flows; /auth has no auth plugin, so no consumer is logged. */
export function login(ctx: Ctx): RequestSpec {
  const { rng } = ctx
  // One mistyped password now and then; never a run of them from one address. Each user types their own
  // (made-up) password, so the desk's typos never look like one password tried on many accounts.
  const status = rng.chance(0.06) ? 401 : 200
  const body = JSON.stringify({
    username: ctx.c.username,
    password: `demo-${ctx.c.username}-not-a-real-password`,
  })
  const a = answer(rng, status, 70, status === 200 ? 980 : 70)
  return { ...spec(ctx, 'POST', '/auth/login', '', a, body), consumer: null }
}

/** A token refresh (form body), answered by the auth service. */
export function refresh(ctx: Ctx): RequestSpec {
  const body = `grant_type=refresh_token&refresh_token=${ctx.rng.hex(40)}&client_id=desk-spa`
  const headers = { ...ctx.headers, 'content-type': 'application/x-www-form-urlencoded' }
  const a = answer(ctx.rng, 200, 35, 960)
  return {
    ...spec({ ...ctx, headers }, 'POST', '/auth/token', '', a),
    body,
    headers,
    consumer: null,
  }
}
