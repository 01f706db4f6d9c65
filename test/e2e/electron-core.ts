// Where an Electron binary exists, the same specs run against the real app through Playwright's _electron:
// the core lives in Electron's main process, and the spec's calls go through the window's own
// window.vigil (preload, ipc.ts, dispatch), so every layer including Electron's transport is exercised.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { API_METHODS } from '../../src/shared/api'
import type { Result } from '../../src/shared/contract'
import type { Page } from '@playwright/test'
import type { E2eCore } from './core-in-process'

const METHOD_OF: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(API_METHODS).map(([method, call]) => [call, method]),
)

/** The spec-facing core, answered by the app itself through its window. */
export function electronCore(page: Page, dispose: () => Promise<void>): E2eCore {
  return {
    async dispatch(name, payload) {
      const method = METHOD_OF[name]
      if (!method) return { ok: false, error: { code: 'unknown-call', message: 'unknown call' } }
      return page.evaluate(
        ([m, p]) =>
          (
            globalThis as unknown as {
              vigil: Record<string, (i: unknown) => Promise<Result<unknown>>>
            }
          ).vigil[m]!(p),
        [method, payload] as const,
      )
    },
    onEvent: () => () => undefined,
    feed: () => Promise.reject(new Error('feeding raw lines needs the in-process core')),
    dispose,
  }
}

/** True when the electron package has its binary (it is downloaded on first run, which needs network). */
export function electronBinaryPresent(root: string): boolean {
  try {
    const dir = join(root, 'node_modules/electron')
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim()
    return existsSync(join(process.env['ELECTRON_OVERRIDE_DIST_PATH'] ?? join(dir, 'dist'), rel))
  } catch {
    return false
  }
}
