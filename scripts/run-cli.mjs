// Runs a Vigil CLI command (scan, eval, bench, audit-verify, fuses) straight from the TypeScript sources
// through tsx, so every command works right after `npm ci`, with no build step.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const r = spawnSync(
  process.execPath,
  ['--expose-gc', '--import', 'tsx', join(root, 'src/main/cli/index.ts'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: process.cwd() },
)
process.exit(r.status ?? 1)
