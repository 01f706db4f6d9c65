// A security officer's own rule: added to the custom folder named in config.json, validated with a clear
// error naming its file, hot-reloaded without restarting, and visible in findings under its own id. A
// broken edit never takes the rules in force (built-in or custom) down.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createVigilCore, type VigilCore } from '../../src/main/core/app'
import type { DetectorWorker } from '../../src/main/core/detection/detector-host'
import { spawnNodeDetector } from '../../src/main/core/detection/spawn-node-worker'
import { createHandFedSource } from '../support/hand-fed-source'
import { until } from '../support/until'
import { channelOf, type RulesStatus } from '../../src/shared/contract'

const cleanup: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c()
})

const RULE = `id: other.desk-backdoor-path
category: other
severity: high
description: "Requests for the retired back-office console, which only an intruder would still know."
references: [attack.T1190]
match:
  in: [path]
  regex: ['^/legacy-backoffice/']
cases:
  positive: ['GET /legacy-backoffice/login HTTP/1.1']
  negative: ['GET /api/v1/backoffice/reports HTTP/1.1']
`

function kongLine(n: number, uri: string): string {
  return JSON.stringify({
    request: {
      id: `custom-${n}`.padEnd(32, '0'),
      uri,
      method: 'GET',
      headers: { 'user-agent': 'curl/8.5' },
    },
    response: { status: 404 },
    client_ip: '198.51.100.140',
    started_at: Date.now() - 1000 + n,
  })
}

async function startWithRules(rulesDir: string): Promise<{
  core: VigilCore
  feed(n: number, uri: string): Promise<void>
  events: RulesStatus[]
}> {
  const home = mkdtempSync(join(tmpdir(), 'vigil-rules-'))
  cleanup.push(() => rmSync(home, { recursive: true, force: true }))
  writeFileSync(join(home, 'config.json'), JSON.stringify({ version: 1, rulesDir }))
  const src = createHandFedSource('feed')
  const core = createVigilCore({
    home,
    resourcesDir: 'resources',
    spawnDetector: spawnNodeDetector as unknown as () => DetectorWorker,
    sources: () => [src],
  })
  cleanup.push(() => core.dispose())
  const events: RulesStatus[] = []
  core.onEvent((channel, payload) => {
    if (channel === channelOf('rules.changed', 'event')) events.push(payload as RulesStatus)
  })
  await core.start()
  return { core, events, feed: (n, uri) => src.feed([kongLine(n, uri)]) }
}

const viewer = { actor: 'local:test', role: 'viewer' as const }
const rulesOf = (core: VigilCore) => core.store.listIncidents({ limit: 20 }).flatMap((i) => i.rules)

describe('custom rules', () => {
  it('loads a custom rule, hot-reloads an added one, and refuses a broken one naming its file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-custom-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    const { core, feed, events } = await startWithRules(dir)
    const before = await core.dispatch('rules.status', {}, viewer)
    expect(before).toMatchObject({ ok: true, value: { custom: 0, lastError: null } })

    // Added while running: live without a restart.
    mkdirSync(join(dir, 'other'))
    writeFileSync(join(dir, 'other', 'desk-backdoor-path.yaml'), RULE)
    await until('the reload', () => events.find((e) => e.custom === 1))
    await feed(1, '/legacy-backoffice/login')
    expect(rulesOf(core)).toContain('other.desk-backdoor-path')

    // A broken edit: refused with the file named; the rule in force keeps working.
    writeFileSync(join(dir, 'other', 'broken.yaml'), 'id: Not A Valid Id\ncategory: nope\n')
    const refused = await until('the refusal', () => events.find((e) => e.lastError !== null))
    expect(refused.lastError).toMatch(/broken\.yaml/)
    expect(refused.custom).toBe(1)
    await feed(2, '/legacy-backoffice/admin')
    const incident = core.store
      .listIncidents({ limit: 20 })
      .find((i) => i.rules.includes('other.desk-backdoor-path'))
    expect(incident?.findingCount).toBe(2)
  }, 60_000)

  it('starts on the built-in pack when the custom folder holds a bad rule', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-custom-'))
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(
      join(dir, 'bad.yaml'),
      RULE.replace("regex: ['^/legacy-backoffice/']", "regex: ['(a+)+$']"),
    )
    const { core, feed } = await startWithRules(dir)
    const status = await core.dispatch('rules.status', {}, viewer)
    expect(status).toMatchObject({ ok: true, value: { custom: 0 } })
    if (status.ok) expect((status.value as RulesStatus).lastError).toMatch(/bad\.yaml/)
    await feed(1, "/api/v1/orders?id=1'%20union%20select%20password%20from%20users--")
    expect(rulesOf(core).some((r) => r.startsWith('sqli.'))).toBe(true)
  }, 60_000)
})
