// The rules the detector runs: the built-in pack plus the user's custom folder, validated in main before
// the worker sees them, and reloaded when a custom rule file changes. A bad custom rule never takes the
// built-in pack down with it: the last good set stays in force and the error names the file.
import { watch, type FSWatcher } from 'node:fs'
import type { RulesStatus } from '../../../shared/contract'
import type { RuleSource } from '../detection/messages'
import { parseRules, readRuleSources } from '../detection/rule-pack'

export interface RuleSet {
  /** The rule texts to start the worker with (built-in plus custom when the custom ones are valid). */
  initial(): readonly RuleSource[]
  status(): RulesStatus
  /** Re-reads the custom folder; `apply` hands a valid set to the detector. */
  reload(
    apply: (
      rules: readonly RuleSource[],
    ) => Promise<{ ok: true; ruleCount: number } | { ok: false; message: string }>,
  ): Promise<RulesStatus>
  /** Calls `onChange` (debounced) when a file in the custom folder changes. */
  watch(onChange: () => void): void
  dispose(): void
}

/** Reads and validates the built-in pack and the optional custom folder. */
export function createRuleSet(
  builtinDir: string,
  customDir: string | null,
  now: () => number,
): RuleSet {
  const builtin = readRuleSources(builtinDir)
  const builtinCount = parseRules(builtin).length
  let current: RuleSource[] = builtin
  let status: RulesStatus = {
    builtin: builtinCount,
    custom: 0,
    customDir,
    loadedAt: now(),
    lastError: null,
  }
  let watcher: FSWatcher | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  /** Validates built-in + custom together (ids must not collide); returns the set or the error. */
  const candidate = ():
    { ok: true; rules: RuleSource[]; custom: number } | { ok: false; error: string } => {
    if (!customDir) return { ok: true, rules: builtin, custom: 0 }
    try {
      const custom = readRuleSources(customDir)
      const rules = [...builtin, ...custom]
      parseRules(rules)
      return { ok: true, rules, custom: custom.length }
    } catch (err) {
      return {
        ok: false,
        error: err instanceof Error ? err.message.split('\n')[0]!.slice(0, 500) : String(err),
      }
    }
  }

  const first = candidate()
  if (first.ok) {
    current = first.rules
    status = { ...status, custom: first.custom }
  } else status = { ...status, lastError: first.error }

  return {
    initial: () => current,
    status: () => status,
    async reload(apply) {
      const next = candidate()
      if (!next.ok) {
        status = { ...status, lastError: next.error }
        return status
      }
      const applied = await apply(next.rules)
      if (!applied.ok) {
        status = { ...status, lastError: applied.message }
        return status
      }
      current = next.rules
      status = { ...status, custom: next.custom, loadedAt: now(), lastError: null }
      return status
    },
    watch(onChange) {
      if (!customDir) return
      try {
        watcher = watch(customDir, { recursive: true }, () => {
          if (timer) clearTimeout(timer)
          timer = setTimeout(onChange, 300)
        })
        watcher.on('error', () => undefined)
      } catch (err) {
        status = { ...status, lastError: `cannot watch ${customDir}: ${(err as Error).message}` }
      }
    },
    dispose() {
      if (timer) clearTimeout(timer)
      watcher?.close()
    },
  }
}
