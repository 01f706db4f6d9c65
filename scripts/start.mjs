// `npm start`: build, then launch Electron. The electron package carries no binary; it downloads one on
// first use. Where that is impossible (no network), say so plainly and exit non-zero, without a stack.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

function electronBinary() {
  let pkgDir
  try {
    pkgDir = dirname(require.resolve('electron/package.json'))
  } catch {
    return null
  }
  const pathFile = join(pkgDir, 'path.txt')
  const rel = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkgDir, 'dist')
  const full = rel ? join(dist, rel) : null
  if (full && existsSync(full)) return full
  // First run: try the package's own download once, quietly; it needs network access.
  const r = spawnSync(process.execPath, [join(pkgDir, 'install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  })
  const rel2 = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const full2 = rel2 ? join(dist, rel2) : null
  return r.status === 0 && full2 && existsSync(full2) ? full2 : null
}

const bin = electronBinary()
if (!bin) {
  console.error(
    [
      'Vigil cannot start: the Electron binary is not installed.',
      '',
      'The electron npm package downloads its binary on first run, and that download failed',
      '(this machine has no access to the Electron release server).',
      'To get it:',
      '  - on a machine with network access: rm -rf node_modules/electron && npm install, then npm start;',
      '  - or set ELECTRON_OVERRIDE_DIST_PATH to a folder holding an unpacked Electron 45 release.',
      '',
      'Everything else works without it: npm test, npm run scan -- <log file>, npm run build.',
    ].join('\n'),
  )
  process.exit(1)
}

const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const run = spawnSync(bin, ['.'], { stdio: 'inherit' })
process.exit(run.status ?? 0)
