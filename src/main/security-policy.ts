// Vigil's Electron security policy in one Electron-free module: webPreferences, the Content-Security-Policy,
// and the handlers for navigation, new windows, permissions and the app protocol. index.ts only applies
// these; security-policy.test.ts calls them directly, and index.test.ts checks that index.ts applies them.
// Follows Electron's security checklist (docs/tutorial/security.md); docs/security.md maps item → code.

/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'vigil'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/** Strict CSP: only the app's own scripts and styles; no eval, no inline script, no remote anything. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ')

/** webPreferences for every window; the preload path is the only variable. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    // Middle-click would otherwise try to open links in new windows (denied anyway by windowOpenDecision).
    disableBlinkFeatures: 'Auxclick',
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const
}

/** True when a URL is the app's own page (the only thing a window may show or a sender may be). */
export function isAppUrl(raw: string, devServerUrl?: string): boolean {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return false
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    return u.origin === dev.origin && (dev.hostname === 'localhost' || dev.hostname === '127.0.0.1')
  }
  return false
}

/** will-navigate / will-redirect: the app is a single page; every navigation is refused. */
export function shouldBlockNavigation(_url: string): true {
  return true
}

/** setWindowOpenHandler: no new windows, ever. External links are not opened from attacker text. */
export function windowOpenDecision(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' }
}

/** Permission requests and checks (camera, notifications from the page, geolocation…): all denied. */
export function permissionDecision(_permission: string): false {
  return false
}

/** will-attach-webview: refused (webviewTag is off too; this is belt and braces). */
export function shouldBlockWebview(): true {
  return true
}

export interface SenderFrameLike {
  readonly url: string
  readonly parent: unknown
}

/** An IPC sender is trusted only if it is the main frame of our own page. */
export function isTrustedSender(
  frame: SenderFrameLike | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}

export type ProtocolAnswer =
  | {
      readonly kind: 'file'
      readonly path: string
      readonly headers: Readonly<Record<string, string>>
    }
  | { readonly kind: 'refuse'; readonly status: 403 | 404 }

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

/** Security headers sent with every app response (CSP as a header as well as the meta tag). */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
  }
}

/**
 * Maps a `vigil://app/...` request to a file under the renderer root, refusing anything that escapes it
 * (encoded dot-dot, backslashes, other hosts). `join` and `normalize` are passed in to stay Electron- and
 * platform-neutral in tests.
 */
export function resolveAppRequest(
  rawUrl: string,
  rendererRoot: string,
  path: { join(...p: string[]): string; resolve(...p: string[]): string; sep: string },
): ProtocolAnswer {
  let u: URL
  try {
    u = new URL(rawUrl)
  } catch {
    return { kind: 'refuse', status: 404 }
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return { kind: 'refuse', status: 403 }
  let pathname: string
  try {
    pathname = decodeURIComponent(u.pathname)
  } catch {
    return { kind: 'refuse', status: 404 }
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return { kind: 'refuse', status: 404 }
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = path.resolve(rendererRoot)
  const full = path.resolve(path.join(root, rel))
  if (full !== root && !full.startsWith(root + path.sep)) return { kind: 'refuse', status: 403 }
  const dot = full.lastIndexOf('.')
  const type =
    CONTENT_TYPES[dot >= 0 ? full.slice(dot).toLowerCase() : ''] ?? 'application/octet-stream'
  return { kind: 'file', path: full, headers: responseHeaders(type) }
}

/** Privileges of the app scheme, registered before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const

/** The parts of a webContents the policy hooks (structural, so tests pass a recorder). */
export interface PolicyWebContents {
  on(
    event: 'will-navigate',
    listener: (e: { preventDefault(): void }, url: string) => void,
  ): unknown
  on(
    event: 'will-redirect',
    listener: (e: { preventDefault(): void }, url: string) => void,
  ): unknown
  on(event: 'will-attach-webview', listener: (e: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface PolicyTargets {
  readonly app: {
    on(
      event: 'web-contents-created',
      listener: (e: unknown, contents: PolicyWebContents) => void,
    ): unknown
  }
  readonly session: {
    setPermissionRequestHandler(
      handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void,
    ): void
    setPermissionCheckHandler(handler: (wc: unknown, permission: string) => boolean): void
  }
  readonly log: (message: string) => void
}

/** Applies the navigation, window-open, webview and permission rules to the app and its session. */
export function applySecurityPolicy(t: PolicyTargets): void {
  t.app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (shouldBlockNavigation(url)) {
        e.preventDefault()
        t.log(`navigation refused: ${url.slice(0, 200)}`)
      }
    })
    contents.on('will-redirect', (e, url) => {
      if (shouldBlockNavigation(url)) {
        e.preventDefault()
        t.log(`redirect refused: ${url.slice(0, 200)}`)
      }
    })
    contents.on('will-attach-webview', (e) => {
      if (shouldBlockWebview()) e.preventDefault()
    })
    contents.setWindowOpenHandler((d) => {
      t.log(`window.open refused: ${d.url.slice(0, 200)}`)
      return windowOpenDecision(d)
    })
  })
  t.session.setPermissionRequestHandler((_wc, permission, callback) => {
    t.log(`permission refused: ${permission}`)
    callback(permissionDecision(permission))
  })
  t.session.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission))
}
