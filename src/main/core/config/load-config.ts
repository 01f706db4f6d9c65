// Reads and validates <home>/config.json. A missing file is the empty configuration (demo mode); a broken
// one is an error the user sees, never a silent fall-back to demo data.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { configSchema, type VigilConfig } from '../../../shared/config'

export type ConfigLoad =
  | {
      readonly ok: true
      readonly config: VigilConfig
      readonly path: string
      readonly exists: boolean
    }
  | { readonly ok: false; readonly path: string; readonly error: string }

/** Loads the configuration of a Vigil home folder. */
export function loadConfig(home: string): ConfigLoad {
  const path = join(home, 'config.json')
  if (!existsSync(path)) return { ok: true, config: configSchema.parse({}), path, exists: false }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    return { ok: false, path, error: `${path} is not valid JSON: ${(err as Error).message}` }
  }
  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) {
    const i = parsed.error.issues[0]
    const where = i && i.path.length > 0 ? i.path.map(String).join('.') : '(top level)'
    return { ok: false, path, error: `${path}: ${where}: ${i?.message ?? 'invalid'}` }
  }
  return { ok: true, config: parsed.data, path, exists: true }
}
