// What every normaliser returns: a request, or why the line could not be read (counted, never thrown).
import type { RequestRecord } from './request-record'

export type Normalized =
  | { readonly ok: true; readonly record: RequestRecord }
  | { readonly ok: false; readonly reason: string }

/** A malformed-line result with its reason. */
export function malformed(reason: string): Normalized {
  return { ok: false, reason }
}

/** Reads a property path from parsed JSON without trusting its shape. */
export function pick(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** A string field, or null. */
export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null
}

/** A finite number field (numeric strings accepted), or null. */
export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    return Number.isFinite(n) ? n : null
  }
  return null
}
