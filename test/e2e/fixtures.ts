// The E2E fixture: a real Vigil core in demo mode (temp home, real store, real detection worker) in the
// test process, the built renderer served over HTTP with the app's CSP, and the page wired to the core
// by page-harness.ts. A test fails on any page error, console error, CSP violation or dialog, even if its
// own assertions passed.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base, expect, type TestInfo } from '@playwright/test'
import { startCore, type E2eCore } from './core-in-process'
import { attachCore, type AttachedPage } from './page-harness'
import { serveStatic } from './static-server'

const ROOT = resolve(__dirname, '../..')
const RENDERER_DIR = join(ROOT, 'out/renderer')
export const SCREENS_DIR = join(ROOT, 'test-results/screens')
/** The context every call of the page gets (the binding stands in for ipc.ts's local operator). */
export const E2E_CONTEXT = { actor: 'local:e2e', role: 'admin' } as const

export interface VigilHarness {
  readonly core: E2eCore
  /** The page's address: out/renderer served on 127.0.0.1. */
  readonly url: string
  readonly home: string
  readonly page: AttachedPage
  /** Full path of a screenshot file under test-results/screens/. */
  screen(name: string): string
}

export const test = base.extend<{ vigil: VigilHarness }>({
  vigil: async ({ page }, use, testInfo) => {
    if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
      throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` first')
    }
    const home = mkdtempSync(join(tmpdir(), 'vigil-e2e-'))
    const server = await serveStatic(RENDERER_DIR)
    let core: E2eCore | null = null
    let attached: AttachedPage | null = null
    try {
      core = await startCore({ root: ROOT, home })
      attached = await attachCore(page, core)
      mkdirSync(SCREENS_DIR, { recursive: true })
      await use({
        core,
        url: server.url,
        home,
        page: attached,
        screen: (n) => join(SCREENS_DIR, n),
      })
      await attached.detach()
      expect(attached.problems, 'page errors, console errors or CSP violations').toEqual([])
    } finally {
      await attached?.detach()
      await core?.dispose()
      const failed =
        testInfo.status !== testInfo.expectedStatus || (attached?.problems.length ?? 0) > 0
      if (failed) await attachLogs(home, testInfo)
      await server.close()
      rmSync(home, { recursive: true, force: true })
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
