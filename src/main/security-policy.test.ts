import path from 'node:path'
import { readFileSync } from 'node:fs'
import { describe, expect, it, vi } from 'vitest'
import {
  APP_ORIGIN,
  applySecurityPolicy,
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isTrustedSender,
  resolveAppRequest,
  secureWebPreferences,
  type PolicyWebContents,
} from './security-policy'

describe('webPreferences', () => {
  it('meets the checklist: isolation, sandbox, no node, web security, no webview', () => {
    const p = secureWebPreferences('/x/preload.js')
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/x/preload.js',
    })
  })
})

describe('Content-Security-Policy', () => {
  const directives = Object.fromEntries(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [k, ...v] = d.trim().split(/\s+/)
      return [k, v.join(' ')]
    }),
  )
  it('denies by default and allows only the app itself', () => {
    expect(directives['default-src']).toBe("'none'")
    expect(directives['script-src']).toBe("'self'")
    expect(directives['object-src']).toBe("'none'")
    expect(directives['base-uri']).toBe("'none'")
    expect(directives['frame-ancestors']).toBe("'none'")
  })
  it('never allows eval, inline script or remote hosts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/)
  })
  it('is the same policy as the meta tag of index.html (less frame-ancestors, which a meta tag ignores)', () => {
    const html = readFileSync('src/renderer/index.html', 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    const header = CONTENT_SECURITY_POLICY.split('; ').filter(
      (d) => !d.startsWith('frame-ancestors'),
    )
    expect(meta?.split(/;\s*/)).toEqual(header)
  })
})

describe('senders and URLs', () => {
  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true)
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false)
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false)
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null })).toBe(false)
    expect(isTrustedSender({ url: 'vigil://other/index.html', parent: null })).toBe(false)
    expect(isTrustedSender(null)).toBe(false)
  })
  it('accepts a dev server only on loopback and only in dev', () => {
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false)
    expect(isAppUrl('http://evil.example:5173/', 'http://evil.example:5173')).toBe(false)
  })
})

describe('app protocol', () => {
  const root = '/opt/vigil/renderer'
  it('serves files under the renderer root with security headers', () => {
    const a = resolveAppRequest(`${APP_ORIGIN}/assets/index.js`, root, path.posix)
    expect(a).toMatchObject({ kind: 'file', path: '/opt/vigil/renderer/assets/index.js' })
    if (a.kind === 'file') {
      expect(a.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
      expect(a.headers['content-type']).toMatch(/javascript/)
      expect(a.headers['x-content-type-options']).toBe('nosniff')
    }
    expect(resolveAppRequest(`${APP_ORIGIN}/`, root, path.posix)).toMatchObject({
      path: `${root}/index.html`,
    })
  })
  it.each([`${APP_ORIGIN}/../../etc/passwd`, `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`])(
    'keeps %s inside the root (the URL parser folds the dots)',
    (url) => {
      const a = resolveAppRequest(url, root, path.posix)
      expect(a.kind === 'refuse' || a.path.startsWith(`${root}/`)).toBe(true)
    },
  )
  it.each([
    `${APP_ORIGIN}/assets/..%2f..%2f..%2fetc/passwd`,
    `${APP_ORIGIN}/..%5c..%5cwindows`,
    `${APP_ORIGIN}/index.html%00.js`,
    'vigil://elsewhere/index.html',
    'https://app/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(url, root, path.posix).kind).toBe('refuse')
  })
})

describe('applySecurityPolicy', () => {
  function harness() {
    const handlers: Record<string, (...a: unknown[]) => unknown> = {}
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null
    let created: ((e: unknown, c: PolicyWebContents) => void) | null = null
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null
    let check: ((wc: unknown, p: string) => boolean) | null = null
    const contents = {
      on: (ev: string, l: (...a: unknown[]) => unknown) => {
        handlers[ev] = l
      },
      setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => {
        openHandler = h
      },
    } as unknown as PolicyWebContents
    applySecurityPolicy({
      app: { on: (_e, l) => (created = l) },
      session: {
        setPermissionRequestHandler: (h) => (request = h),
        setPermissionCheckHandler: (h) => (check = h),
      },
      log: () => undefined,
    })
    created!(null, contents)
    return { handlers, openHandler: openHandler!, request: request!, check: check! }
  }

  it('refuses navigation, redirects and webviews in every web contents', () => {
    const { handlers } = harness()
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn()
      handlers[ev]!({ preventDefault }, 'https://evil.example/')
      expect(preventDefault, ev).toHaveBeenCalled()
    }
  })
  it('denies new windows and every permission', () => {
    const { openHandler, request, check } = harness()
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    for (const p of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn()
      request(null, p, cb)
      expect(cb).toHaveBeenCalledWith(false)
      expect(check(null, p)).toBe(false)
    }
  })
})

describe('index.ts applies the policy', () => {
  // index.ts needs the Electron binary to run; this checks it wires every piece of the policy in.
  const src = readFileSync('src/main/index.ts', 'utf8')
  it.each([
    [
      'registers the app scheme as privileged',
      /registerSchemesAsPrivileged\(\[\{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES \}\]\)/,
    ],
    [
      'applies the navigation/window/permission policy',
      /applySecurityPolicy\(\{\s*app,\s*session: session\.defaultSession/,
    ],
    [
      'serves the renderer through the checked protocol',
      /protocol\.handle\(APP_SCHEME,[\s\S]*resolveAppRequest\(/,
    ],
    ['uses the secure webPreferences', /webPreferences: secureWebPreferences\(/],
    ['checks every IPC sender frame', /bindIpc\([\s\S]*isTrustedSender\(frame/],
    ['holds the single-instance lock', /requestSingleInstanceLock\(\)/],
    ['loads the app origin, not file://', /loadURL\(`\$\{APP_ORIGIN\}\/index\.html`\)/],
  ])('%s', (_what, re) => {
    expect(src).toMatch(re)
  })
  it('never loads file:// or remote content and never enables node in a window', () => {
    expect(src).not.toMatch(
      /loadFile\(|file:\/\/|nodeIntegration:\s*true|sandbox:\s*false|contextIsolation:\s*false/,
    )
  })
})
