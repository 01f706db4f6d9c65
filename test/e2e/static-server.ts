// Serves the built renderer (out/renderer) on loopback for the E2E browser, with the app's CSP as a
// header, as Electron's protocol handler sends it. file:// would fail on module scripts (CORS).
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, resolve, sep } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/** Serves `root` on 127.0.0.1 (a free port); paths that leave `root` get 404. */
export async function serveStatic(root: string, csp: string): Promise<StaticServer> {
  const base = resolve(root)
  const server = createServer((req, res) => {
    const headers = {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end()
      return
    }
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname)
    } catch {
      res.writeHead(400, headers).end()
      return
    }
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
    const file = resolve(base, rel)
    const inside = file.startsWith(base + sep) && !pathname.includes('\0')
    const size = inside ? fileSize(file) : null
    if (size === null) {
      res
        .writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' })
        .end('not found')
      return
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': size })
    if (req.method === 'HEAD') res.end()
    else createReadStream(file).pipe(res)
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => ok())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections()
        server.close(() => ok())
      }),
  }
}

function fileSize(path: string): number | null {
  try {
    const st = statSync(path)
    return st.isFile() ? st.size : null
  } catch {
    return null
  }
}
