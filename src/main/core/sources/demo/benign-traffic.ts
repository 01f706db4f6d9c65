// The desk's everyday traffic: browser and mobile traders, the desk's own algo clients (scripting
// user agents at high rates, which must not look like attacks), ops engineers and health probes.
import {
  type Endpoint,
  amendOrder,
  answer,
  cancelOrder,
  executions,
  getOrder,
  kongAnswer,
  listOrders,
  login,
  placeOrder,
  positions,
  predict,
  quotes,
  refresh,
  search,
  watchlists,
} from './desk-endpoints'
import type { RequestSpec } from './kong-entry'
import { type Consumer, type ConsumerKind, SPA_ORIGIN, desk, mintJwt } from './platform'
import type { Rng } from './prng'

const MIX: Readonly<Record<ConsumerKind, readonly (readonly [Endpoint, number])[]>> = {
  web: [[quotes, 34], [search, 12], [positions, 12], [listOrders, 9], [getOrder, 3], [placeOrder, 6],
    [cancelOrder, 2], [amendOrder, 1], [executions, 8], [watchlists, 8], [login, 1], [refresh, 2]],
  mobile: [[quotes, 40], [positions, 20], [listOrders, 12], [placeOrder, 6], [watchlists, 10], [search, 8],
    [login, 2], [refresh, 2]],
  algo: [[quotes, 40], [placeOrder, 18], [cancelOrder, 10], [amendOrder, 3], [positions, 8], [predict, 16],
    [executions, 5]],
  ops: [[positions, 3], [listOrders, 3], [quotes, 2]],
} // prettier-ignore

/** Produces the next benign request; all of it comes from the desk's 10/8 addresses. */
export interface BenignTraffic {
  /** The request that starts at `atMs` (tokens are renewed as sessions would renew them). */
  next(atMs: number): RequestSpec
}

/** A session renews its token hourly, well before the 8 h expiry, so a long demo never shows stale tokens. */
const TOKEN_RENEW_MS = 3_600_000
/** Older than the longest token lifetime (24 h for algo service accounts). */
const EXPIRED_AGE_MS = 25 * 3_600_000

/** Creates the benign stream; each consumer holds one token at a time, as a session would. */
export function createBenignTraffic(rng: Rng, startMs: number): BenignTraffic {
  const people = desk()
  const byKind = (k: ConsumerKind): Consumer[] => people.filter((c) => c.kind === k)
  const tokens = new Map(people.map((c) => [c.id, { jwt: mintJwt(c, startMs, rng), at: startMs }]))
  const apiKeys = new Map(people.map((c) => [c.id, rng.hex(32)]))
  const groups: Record<ConsumerKind, Consumer[]> = {
    web: byKind('web'),
    mobile: byKind('mobile'),
    algo: byKind('algo'),
    ops: byKind('ops'),
  }

  function bearer(c: Consumer, atMs: number): string {
    let t = tokens.get(c.id)
    if (t === undefined || atMs - t.at > TOKEN_RENEW_MS) {
      t = { jwt: mintJwt(c, atMs, rng), at: atMs }
      tokens.set(c.id, t)
    }
    return `Bearer ${t.jwt}`
  }

  function headersFor(c: Consumer, endpoint: Endpoint, atMs: number): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': c.userAgent }
    if (c.kind === 'web') {
      Object.assign(h, {
        accept: 'application/json, text/plain, */*',
        'accept-language': 'ja,en-US;q=0.9,en;q=0.8',
        origin: SPA_ORIGIN,
        referer: `${SPA_ORIGIN}/desk`,
        'sec-fetch-mode': 'cors',
      })
    } else if (c.kind === 'mobile') {
      Object.assign(h, {
        accept: 'application/json',
        'accept-language': 'ja-JP',
        'x-app-version': '5.3.1',
      })
    } else {
      Object.assign(h, {
        accept: '*/*',
        'accept-encoding': 'gzip, deflate',
        connection: 'keep-alive',
      })
    }
    if (endpoint === predict) h['apikey'] = apiKeys.get(c.id) ?? ''
    else if (endpoint !== login && endpoint !== refresh) h['authorization'] = bearer(c, atMs)
    return h
  }

  function probe(): RequestSpec {
    return {
      method: 'GET',
      path: '/health',
      rawQuery: '',
      headers: { 'user-agent': 'kube-probe/1.31', accept: '*/*', connection: 'close' },
      clientIp: rng.pick(['10.244.0.1', '10.244.1.1', '10.244.2.1']),
      consumer: null,
      ...answer(rng, 200, 1, 15),
    }
  }

  return {
    next(atMs) {
      const kind = rng.weighted<ConsumerKind | 'probe'>([
        ['web', 30],
        ['mobile', 10],
        ['algo', 50],
        ['ops', 2],
        ['probe', 5],
      ])
      if (kind === 'probe') return probe()
      const c = rng.pick(groups[kind])
      const endpoint = rng.weighted(MIX[kind])
      const out = endpoint({ rng, c, headers: headersFor(c, endpoint, atMs) })
      if (out.consumer === null) return out
      // Kong answers itself: an expired token now and then, rate limiting for the busiest clients.
      if (out.headers['authorization'] !== undefined && rng.chance(0.004)) {
        // The token really is past its exp, as a client that slept through its refresh would send.
        const stale = `Bearer ${mintJwt(c, atMs - EXPIRED_AGE_MS, rng)}`
        return {
          ...out,
          headers: { ...out.headers, authorization: stale },
          consumer: null,
          ...kongAnswer(401, 26),
          responseHeaders: { 'www-authenticate': 'Bearer' },
        }
      }
      if (kind === 'algo' && rng.chance(0.012)) {
        return {
          ...out,
          ...kongAnswer(429, 41),
          responseHeaders: { 'retry-after': '1', 'ratelimit-remaining': '0' },
        }
      }
      return out
    },
  }
}
