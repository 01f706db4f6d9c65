// Serves the built renderer (out/renderer) on loopback for the E2E browser exactly as Electron's protocol
// handler does in the app: each request is resolved by the same resolveAppRequest (path checks, content
// type, CSP and the other security headers). file:// would fail on module scripts (CORS).
import { createReadStream, statSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { APP_ORIGIN, resolveAppRequest } from '../../src/main/security-policy'

export interface StaticServer {
  readonly url: string
  close(): Promise<void>
}

/** Serves `root` on 127.0.0.1 (a free port) through the app's own request resolver. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    const answer = resolveAppRequest(`${APP_ORIGIN}${req.url ?? '/'}`, root, path)
    const size = answer.kind === 'file' ? fileSize(answer.path) : null
    if (answer.kind === 'refuse' || size === null) {
      res.writeHead(answer.kind === 'refuse' ? answer.status : 404).end()
      return
    }
    res.writeHead(200, { ...answer.headers, 'cache-control': 'no-store', 'content-length': size })
    if (req.method === 'HEAD') res.end()
    else createReadStream(answer.path).pipe(res)
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

function fileSize(p: string): number | null {
  try {
    const st = statSync(p)
    return st.isFile() ? st.size : null
  } catch {
    return null
  }
}
