// Checks what electron-vite produces: a sandboxed preload must be one CommonJS file that requires nothing
// but electron; the worker must be bundled as its own chunk; the renderer must carry no inline script.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'

const out = 'out'

beforeAll(() => {
  // npm test builds first; run alone, this file builds for itself.
  if (!existsSync(join(out, 'preload/index.js')) || !existsSync(join(out, 'renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  }
}, 180_000)

describe('build output', () => {
  it('preload is a single CommonJS file requiring only electron', () => {
    const src = readFileSync(join(out, 'preload/index.js'), 'utf8')
    expect(src).not.toMatch(/^\s*import\s|^\s*export\s/m)
    const requires = [...src.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
    expect(new Set(requires)).toEqual(new Set(['electron']))
    expect(src).toContain('exposeInMainWorld')
    expect(src).not.toMatch(/from ["']zod["']|ZodError/)
  })

  it('bundles the detection worker as its own chunk next to main', () => {
    const files = readdirSync(join(out, 'main'), { recursive: true }).map(String)
    expect(files.some((f) => /worker.*\.js$/.test(f))).toBe(true)
  })

  it('renderer html has the CSP meta tag and no inline script', () => {
    const html = readFileSync(join(out, 'renderer/index.html'), 'utf8')
    expect(html).toMatch(/http-equiv="Content-Security-Policy"/)
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\bsrc=/)
      expect(m[2]!.trim()).toBe('')
    }
  })
})
