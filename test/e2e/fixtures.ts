// The E2E fixture. In the `chromium` project: a real Vigil core in demo mode (temp home, real store, real
// detection worker) in the test process, the built renderer served over HTTP through the app's own
// request resolver, and the page wired to the core by page-harness.ts (the same dispatch and emit paths
// as ipc.ts). In the `electron` project, which exists only where an Electron binary is installed: the
// built app itself, launched by Playwright's _electron on a temp home. Either way a test fails on any
// page error, console error, CSP violation or dialog, even if its own assertions passed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron, test as base, expect, type TestInfo } from '@playwright/test'
import { startCore, type E2eCore } from './core-in-process'
import { electronCore } from './electron-core'
import { attachCore, recordProblems, type AttachedPage } from './page-harness'
import { serveStatic } from './static-server'

const ROOT = resolve(__dirname, '../..')
const RENDERER_DIR = join(ROOT, 'out/renderer')
export const SCREENS_DIR = join(ROOT, 'test-results/screens')
/** The context every call of the page gets (the binding stands in for ipc.ts's local operator). */
export const E2E_CONTEXT = { actor: 'local:e2e', role: 'admin' } as const

export type VigilTransport = 'browser' | 'electron'

export interface VigilHarness {
  readonly transport: VigilTransport
  readonly core: E2eCore
  readonly home: string
  readonly page: AttachedPage
  /** Shows the app: loads the served renderer, or waits for the Electron window's first load. */
  open(): Promise<void>
  /** Full path of a screenshot file under test-results/screens/. */
  screen(name: string): string
}

interface Fixtures {
  vigilTransport: VigilTransport
  vigilHome: string
  vigil: VigilHarness
}

export const test = base.extend<Fixtures>({
  vigilTransport: ['browser', { option: true }],

  // Playwright reads a fixture's dependencies from its destructuring: none here.
  // eslint-disable-next-line no-empty-pattern
  vigilHome: async ({}, use, testInfo) => {
    const home = mkdtempSync(join(tmpdir(), 'vigil-e2e-'))
    await use(home)
    if (testInfo.status !== testInfo.expectedStatus) await attachLogs(home, testInfo)
    rmSync(home, { recursive: true, force: true })
  },

  // The page is launched here rather than by Playwright's browser fixture, so that the electron project
  // never starts a browser: there the page is the app's own window.
  page: async (
    {
      vigilTransport,
      vigilHome,
      playwright,
      launchOptions,
      viewport,
      colorScheme,
      locale,
      timezoneId,
    },
    use,
  ) => {
    if (vigilTransport === 'electron') {
      const app = await _electron.launch({
        args: [join(ROOT, 'out/main/index.js')],
        env: { ...(process.env as Record<string, string>), VIGIL_HOME: vigilHome },
      })
      try {
        await use(await app.firstWindow())
      } finally {
        await app.close()
      }
      return
    }
    const browser = await playwright.chromium.launch(launchOptions)
    try {
      const context = await browser.newContext({ viewport, colorScheme, locale, timezoneId })
      await use(await context.newPage())
      await context.close()
    } finally {
      await browser.close()
    }
  },

  vigil: async ({ page, vigilTransport, vigilHome }, use) => {
    mkdirSync(SCREENS_DIR, { recursive: true })
    const screen = (n: string): string =>
      join(SCREENS_DIR, vigilTransport === 'electron' ? `electron-${n}` : n)
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first')
    }
    if (vigilTransport === 'electron') {
      const recorder = await recordProblems(page)
      await use({
        transport: vigilTransport,
        core: electronCore(page, async () => undefined),
        home: vigilHome,
        page: recorder,
        open: () => page.waitForLoadState('domcontentloaded'),
        screen,
      })
      await recorder.detach()
      expect(recorder.problems, 'page errors, console errors or CSP violations').toEqual([])
      return
    }
    const server = await serveStatic(RENDERER_DIR)
    let core: E2eCore | null = null
    let attached: AttachedPage | null = null
    try {
      core = await startCore({ root: ROOT, home: vigilHome })
      attached = await attachCore(page, core)
      await use({
        transport: vigilTransport,
        core,
        home: vigilHome,
        page: attached,
        open: async () => {
          await page.goto(server.url)
        },
        screen,
      })
      await attached.detach()
      expect(attached.problems, 'page errors, console errors or CSP violations').toEqual([])
    } finally {
      await attached?.detach()
      await core?.dispose()
      await server.close()
    }
  },
})

/** Attaches the core's log files to a failed test's report. */
async function attachLogs(home: string, testInfo: TestInfo): Promise<void> {
  const dir = join(home, 'logs')
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    await testInfo.attach(`core log ${name}`, { path: join(dir, name), contentType: 'text/plain' })
  }
}

export { expect }
