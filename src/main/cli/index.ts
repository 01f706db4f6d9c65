// Vigil's command line: `node --import tsx src/main/cli/index.ts <command> …` (scripts/run-cli.mjs runs it
// for `npm run scan|eval|…`). Commands register here by name; each returns its exit code.
import { runEval } from './eval'
import { runScan } from './scan'

interface Command {
  readonly summary: string
  run(args: string[]): Promise<number>
}

/** The command registry. Commands owned elsewhere load lazily, so one cannot break another. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  scan: {
    summary:
      'scan <file> [--format kong|combined|ecs|auto] [--json]   detect attacks in a log file',
    run: (args) => runScan(args),
  },
  eval: {
    summary: 'eval <corpus dir> [--json]   score detection on a labelled corpus',
    run: (args) => runEval(args),
  },
  bench: {
    summary:
      'bench [--lines N] [--ips N]   engine events/s against a bare JSON.parse loop, window memory',
    run: async (args) => (await import('./bench')).runBench(args),
  },
  'audit-verify': {
    summary: 'audit-verify <database file>   check the audit chain of a Vigil database',
    run: async (args) => (await import('./audit-verify')).runAuditVerify(args),
  },
  fuses: {
    summary: 'fuses   check the Electron fuses of a packaged build',
    run: async (args) => (await import('./fuses')).runFuses(args),
  },
}

function usage(): string {
  return [
    'usage: vigil <command> [options]',
    ...Object.values(COMMANDS).map((c) => `  ${c.summary}`),
  ].join('\n')
}

/** Dispatches argv to a command and resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h') {
    process.stderr.write(usage() + '\n')
    return name === undefined ? 2 : 0
  }
  const cmd = COMMANDS[name]
  if (!cmd) {
    process.stderr.write(`unknown command "${name}"\n${usage()}\n`)
    return 2
  }
  return cmd.run(rest)
}

// Run only when executed directly, so tests can import main().
const entry = process.argv[1] ?? ''
if (
  entry.endsWith('cli/index.ts') ||
  entry.endsWith('cli/index.js') ||
  entry.endsWith('cli/index.mjs')
) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err: unknown) => {
      process.stderr.write(
        `vigil: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`,
      )
      process.exitCode = 1
    },
  )
}
