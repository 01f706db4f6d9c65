// JSON-lines log in <home>/logs/vigil.log, rotated by size. Every line passes the secret scrubber first.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretScrubber } from './scrub-secrets'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void
  readonly file: string | null
}

export interface LoggerOptions {
  /** Folder for the log files; null logs to stderr only (CLI). */
  readonly dir: string | null
  readonly scrubber: SecretScrubber
  readonly maxBytes?: number
  readonly keep?: number
  readonly minLevel?: LogLevel
  readonly now?: () => number
  readonly alsoStderr?: boolean
}

const ORDER: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Creates the logger; never throws (a log that cannot be written must not take the app down). */
export function createLogger(opts: LoggerOptions): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024
  const keep = opts.keep ?? 3
  const min = ORDER[opts.minLevel ?? 'info']
  const now = opts.now ?? Date.now
  const file = opts.dir ? join(opts.dir, 'vigil.log') : null
  if (opts.dir) mkdirSync(opts.dir, { recursive: true })

  const rotate = (f: string): void => {
    if (!existsSync(f) || statSync(f).size < maxBytes) return
    rmSync(`${f}.${keep}`, { force: true })
    for (let i = keep - 1; i >= 1; i--)
      if (existsSync(`${f}.${i}`)) renameSync(`${f}.${i}`, `${f}.${i + 1}`)
    renameSync(f, `${f}.1`)
  }

  return {
    file,
    log(level, message, fields) {
      if (ORDER[level] < min) return
      const line = opts.scrubber.scrub(
        JSON.stringify({ t: new Date(now()).toISOString(), level, msg: message, ...fields }),
      )
      try {
        if (file) {
          rotate(file)
          appendFileSync(file, line + '\n')
        }
        if (!file || opts.alsoStderr) process.stderr.write(line + '\n')
      } catch {
        // nowhere left to report it
      }
    },
  }
}
