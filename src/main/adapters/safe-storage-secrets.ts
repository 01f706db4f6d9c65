// The secret-store port backed by Electron's safeStorage: values are encrypted with the OS keychain and
// written to <home>/secrets.json as base64. Where safeStorage has only its plain-text backend (Linux
// without a keyring), Vigil refuses to store secrets and says why.
import { safeStorage } from 'electron'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SecretStore } from '../core/config/secret-store'

/** Creates the safeStorage-backed secret store for a Vigil home folder. */
export function createSafeStorageSecrets(home: string): SecretStore {
  const file = join(home, 'secrets.json')
  const read = (): Record<string, string> =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}
  const write = (data: Record<string, string>): void => {
    writeFileSync(`${file}.tmp`, JSON.stringify(data), { mode: 0o600 })
    renameSync(`${file}.tmp`, file)
  }
  const availability = (): { ok: true } | { ok: false; why: string } => {
    if (!safeStorage.isEncryptionAvailable())
      return { ok: false, why: 'the OS offers no encryption for secrets' }
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        ok: false,
        why: 'no keyring (GNOME Keyring or KWallet) is running, so secrets would be stored in plain text; use env: or file: references instead',
      }
    }
    return { ok: true }
  }
  return {
    availability,
    async set(name, value) {
      const a = availability()
      if (!a.ok) throw new Error(`cannot store secret: ${a.why}`)
      const data = read()
      data[name] = safeStorage.encryptString(value).toString('base64')
      write(data)
    },
    async get(name) {
      if (!availability().ok) return null
      const v = read()[name]
      return v ? safeStorage.decryptString(Buffer.from(v, 'base64')) : null
    },
    async delete(name) {
      const data = read()
      delete data[name]
      write(data)
    },
  }
}
