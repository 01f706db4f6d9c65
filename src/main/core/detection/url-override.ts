// URL-override headers (X-Original-URL, X-Rewrite-URL, X-Override-URL) name the path a request "really"
// asked for. Some frameworks (Symfony's and Zend's request objects, IIS's URL Rewrite behind a proxy) route
// by them in place of the request line, so a client that sets one reaches a path the gateway's routes and
// access rules never saw: `GET /api/v2/quotes` passes the gateway, `X-Original-URL: /admin/users` is what
// the application serves. A proxy in front that rewrote the path sets the header to the path it received,
// which still contains or ends the path the gateway logged (a prefix stripped or added); the detector fires
// when the two paths have nothing of the kind in common.

export interface UrlOverrideHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

/** The path of a header value: an absolute URL's path, or the value itself; without query or fragment. */
function pathOf(value: string): string | null {
  let v = value.trim()
  const scheme = /^[a-z][a-z0-9+.-]{0,15}:\/\/[^/?#]*/i.exec(v)
  if (scheme) v = v.slice(scheme[0].length) || '/'
  if (!v.startsWith('/')) return null
  const cut = v.search(/[?#]/)
  return normalise(cut >= 0 ? v.slice(0, cut) : v)
}

function normalise(p: string): string {
  let s = p.toLowerCase().replace(/\/{2,}/g, '/')
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1)
  return s
}

/**
 * Judges a URL-override header's value against the path the gateway logged: a hit when the value is a
 * path (or URL) that neither ends with the logged path nor is ended by it, the logged path being more
 * than the root. (`/` with an override of `/admin` is the classic form.)
 */
export function judgeUrlOverride(value: string, requestPath: string): UrlOverrideHit | null {
  const claimed = pathOf(value)
  if (claimed === null) return null
  const q = requestPath.search(/[?#]/)
  const logged = normalise(q >= 0 ? requestPath.slice(0, q) : requestPath)
  if (claimed === logged) return null
  if (logged !== '/' && claimed.endsWith(logged)) return null
  if (claimed !== '/' && logged.endsWith(claimed)) return null
  const index = Math.max(0, value.indexOf('/'))
  return {
    index,
    length: Math.min(80, value.length - index),
    reason: `URL override names ${claimed.slice(0, 60)} on a request for ${logged.slice(0, 60)}`,
  }
}
