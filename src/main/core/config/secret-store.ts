// The secret-store port. In the app it is backed by Electron's safeStorage (adapters/), in tests by a map.
// Configuration never holds a secret in clear: it holds a reference that this module resolves.

export interface SecretStore {
  /** Whether secrets can be stored safely here; on Linux without a keyring safeStorage is plain text. */
  availability(): { readonly ok: true } | { readonly ok: false; readonly why: string }
  set(name: string, value: string): Promise<void>
  get(name: string): Promise<string | null>
  delete(name: string): Promise<void>
}

export interface SecretEnv {
  readonly env: Readonly<Record<string, string | undefined>>
  readFile(path: string): string
}

/** Resolves `secret:<name>`, `env:NAME` or `file:/path` to the secret's value, or explains why it can't. */
export async function resolveSecretRef(
  ref: string,
  store: SecretStore,
  sys: SecretEnv,
): Promise<{ ok: true; value: string } | { ok: false; why: string }> {
  const [scheme, ...rest] = ref.split(':')
  const arg = rest.join(':')
  if (scheme === 'env') {
    const v = sys.env[arg]
    return v ? { ok: true, value: v } : { ok: false, why: `environment variable ${arg} is not set` }
  }
  if (scheme === 'file') {
    try {
      return { ok: true, value: sys.readFile(arg).trim() }
    } catch {
      return { ok: false, why: `cannot read the secret file ${arg}` }
    }
  }
  if (scheme === 'secret') {
    const a = store.availability()
    if (!a.ok) return { ok: false, why: a.why }
    const v = await store.get(arg)
    return v
      ? { ok: true, value: v }
      : { ok: false, why: `no secret named ${arg} in the secret store` }
  }
  return { ok: false, why: 'unknown secret reference' }
}

/** An in-memory secret store for the CLI and tests. */
export function createMemorySecretStore(): SecretStore {
  const m = new Map<string, string>()
  return {
    availability: () => ({ ok: true }),
    set: async (n, v) => void m.set(n, v),
    get: async (n) => m.get(n) ?? null,
    delete: async (n) => void m.delete(n),
  }
}
