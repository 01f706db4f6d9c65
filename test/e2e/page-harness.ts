// Connects a Playwright page to a Vigil core the way preload and ipc.ts connect the Electron window: calls
// go to the core's dispatch, push events come back through one emit path, and window.vigil is built by the
// real createVigilApi. Also records everything that must fail a test: page errors, console errors and
// CSP violations.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { buildSync } from 'esbuild'

/** The part of VigilCore the page needs (structural, so this file does not import the core). */
export interface CoreLike {
  dispatch(
    name: string,
    payload: unknown,
    ctx: { actor: string; role: 'viewer' | 'responder' | 'admin' },
  ): Promise<unknown>
  onEvent(listener: (channel: string, payload: unknown) => void): () => void
}

export interface AttachedPage {
  /** Page errors, console errors and CSP violations seen so far, one line each. */
  readonly problems: string[]
  /** Stops forwarding events and collects the CSP violations the page recorded. */
  detach(): Promise<void>
}

const CALL_PREFIX = 'vigil:call:'
let bridgeScript: string | null = null

/** page-bridge.ts bundled to an IIFE once per worker: the same createVigilApi as preload. */
export function pageBridgeScript(entry: string): string {
  if (bridgeScript === null) {
    const out = buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
    })
    const file = out.outputFiles[0]
    if (!file) throw new Error('esbuild produced no output for page-bridge.ts')
    bridgeScript = file.text
  }
  return bridgeScript
}

interface ViolationRecorder {
  __cspViolations?: string[]
  document: {
    addEventListener(
      type: 'securitypolicyviolation',
      listener: (e: {
        violatedDirective: string
        blockedURI: string
        sourceFile: string
        lineNumber: number
        sample: string
      }) => void,
    ): void
  }
  console: { error(...args: unknown[]): void }
}

// Runs in the page (serialised by Playwright), before any of its scripts.
function recordCspViolations(): void {
  const w = globalThis as unknown as ViolationRecorder
  w.__cspViolations = []
  w.document.addEventListener('securitypolicyviolation', (e) => {
    const line = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`
    w.__cspViolations?.push(line)
    w.console.error(`Content Security Policy violation: ${line}`)
  })
}

/**
 * Records what must fail a test on `page`: page errors, console errors, dialogs and CSP violations (the
 * recorder script applies from the next load on). `detach()` collects the recorded violations.
 */
export async function recordProblems(page: Page): Promise<AttachedPage> {
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('console', (msg) => {
    const text = msg.text()
    if (msg.type() === 'error' || /content security policy/i.test(text)) {
      problems.push(`console.${msg.type()}: ${text}`)
    }
  })
  page.on('dialog', (dialog) => {
    problems.push(`dialog (${dialog.type()}): ${dialog.message()}`)
    void dialog.dismiss()
  })
  await page.addInitScript(recordCspViolations)
  let detached = false
  return {
    problems,
    async detach() {
      if (detached) return
      detached = true
      const recorded = await page
        .evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? [])
        .catch(() => [] as string[])
      for (const v of recorded) {
        const line = `csp: ${v}`
        if (!problems.some((p) => p.includes(v))) problems.push(line)
      }
    },
  }
}

/**
 * Wires `page` to `core` as admin `local:e2e`; call before page.goto. `bridgeEntry` defaults to the
 * page-bridge.ts beside this file (Playwright loads specs as CommonJS, so __dirname is this folder).
 */
export async function attachCore(
  page: Page,
  core: CoreLike,
  bridgeEntry: string = join(__dirname, 'page-bridge.ts'),
): Promise<AttachedPage> {
  const recorder = await recordProblems(page)

  await page.exposeBinding('__vigilInvoke', async (_source, channel: unknown, payload: unknown) => {
    if (typeof channel !== 'string' || !channel.startsWith(CALL_PREFIX)) {
      return { ok: false, error: { code: 'unknown-call', message: 'not a Vigil call channel' } }
    }
    return core.dispatch(channel.slice(CALL_PREFIX.length), payload, {
      actor: 'local:e2e',
      role: 'admin',
    })
  })
  await page.addInitScript({ content: pageBridgeScript(bridgeEntry) })

  const off = core.onEvent((channel, payload) => {
    // Before the app has loaded (or after the page closed) there is nobody to tell; the app loads the
    // overview after subscribing, so nothing is lost.
    page
      .evaluate(
        ([c, p]) => {
          const emit = (globalThis as { __vigilEmit?: (c: string, p: unknown) => void }).__vigilEmit
          emit?.(c, p)
        },
        [channel, payload] as const,
      )
      .catch(() => undefined)
  })

  return {
    problems: recorder.problems,
    async detach() {
      off()
      await recorder.detach()
    },
  }
}
