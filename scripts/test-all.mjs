// `npm test`: every suite in one run — typecheck, lint, build (one test each), vitest (unit and
// integration) and Playwright (E2E in Chromium). Ends with one plain line `N passed, N failed` summing
// them all and exits non-zero when anything failed, so a run that executed nothing cannot look green.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const results = []
const out = 'test-results'
mkdirSync(out, { recursive: true })

function run(cmd, args, env = {}) {
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  return { status: r.status ?? 1, seconds: ((Date.now() - started) / 1000).toFixed(1) }
}

function step(name, cmd, args) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const r = run(cmd, args)
  const ok = r.status === 0
  results.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 })
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} (${r.seconds} s)`)
  return ok
}

/** Runs a runner that writes a JSON report, and counts from the report (not from its exit code alone). */
function suite(name, cmd, args, report, count, env = {}) {
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  rmSync(report, { force: true })
  const r = run(cmd, args, env)
  let passed = 0
  let failed = 0
  if (existsSync(report)) {
    try {
      ;({ passed, failed } = count(JSON.parse(readFileSync(report, 'utf8'))))
    } catch (err) {
      console.error(`${name}: cannot read ${report}: ${err.message}`)
      failed = 1
    }
  }
  // A runner that failed without reporting a failed test (crash, load error) still counts as a failure.
  if (r.status !== 0 && failed === 0) failed = 1
  if (passed + failed === 0) {
    console.error(`${name}: no test ran`)
    failed = 1
  }
  results.push({ name, passed, failed })
  console.log(`=== ${name}: ${passed} passed, ${failed} failed (${r.seconds} s)`)
}

step('typecheck', 'npm', ['run', '--silent', 'typecheck'])
step('lint', 'npm', ['run', '--silent', 'lint'])
const built = step('build', 'npx', ['electron-vite', 'build'])

suite(
  'vitest',
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${join(out, 'vitest.json')}`,
  ],
  join(out, 'vitest.json'),
  (j) => ({
    passed: j.numPassedTests,
    failed:
      j.numFailedTests +
      (j.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0)
        .length,
  }),
)

if (built) {
  suite(
    'e2e',
    'npx',
    ['playwright', 'test', '--reporter=list,json'],
    join(out, 'playwright.json'),
    (j) => ({ passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected }),
    { PLAYWRIGHT_JSON_OUTPUT_NAME: join(out, 'playwright.json') },
  )
} else {
  console.error('e2e: skipped because the build failed (counted as failed)')
  results.push({ name: 'e2e', passed: 0, failed: 1 })
}

const passed = results.reduce((a, r) => a + r.passed, 0)
const failed = results.reduce((a, r) => a + r.failed, 0)
console.log('\nSummary:')
for (const r of results)
  console.log(`  ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
