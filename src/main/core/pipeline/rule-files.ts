// Reads rule files (resources/rules/<category>/<slug>.yaml and a user's custom folder) as texts. The worker
// parses and validates them, so main and the CLI never hold a second copy of the rule logic.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { RuleSource } from '../detection/messages'

/** Every *.yaml / *.yml file under `dir`, sorted by path so rule order is stable. */
export function readRuleFiles(dir: string): RuleSource[] {
  const out: RuleSource[] = []
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (/\.ya?ml$/i.test(name))
        out.push({ file: relative(process.cwd(), p) || p, text: readFileSync(p, 'utf8') })
    }
  }
  walk(dir)
  return out
}
