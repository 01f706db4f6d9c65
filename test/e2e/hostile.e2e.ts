// Attacker-written text (query values, consumer names, route names) reaches the page only as text: no
// element is created from it, no handler runs, no dialog opens. The hostile requests are fed to the real
// pipeline as Kong log lines, so they take the same path as traffic from a gateway.
import { expect, test } from './fixtures'

const IMG = '<img src=x onerror="globalThis.__pwned=1;alert(1)">'
const SCRIPT = '<script>globalThis.__pwned=2</script>'
const CONSUMER = '<svg onload="globalThis.__pwned=3">'
const ROUTE = '<b>bold-route</b>'

/** A Kong log-serializer line written for this test; `ip: null` leaves the client address out. */
function kongLine(id: number, ip: string | null, query: string): string {
  const entry: Record<string, unknown> = {
    request: {
      id: id.toString(16).padStart(32, 'e'),
      uri: `/api/v1/quotes/search?${query}`,
      method: 'GET',
      headers: { host: 'api.desk.example', 'user-agent': 'Mozilla/5.0' },
      querystring: {},
      size: 300,
    },
    response: { status: 200, size: 400, headers: {} },
    latencies: { kong: 1, proxy: 12, request: 13 },
    route: { name: ROUTE },
    service: { name: 'market-data' },
    consumer: { username: CONSUMER, id: 'c0ffee00-0000-4000-8000-000000000001' },
    started_at: Date.now() - 500,
    source: 'upstream',
  }
  if (ip) entry['client_ip'] = ip
  return JSON.stringify(entry)
}

test('hostile values, consumer names and routes render as text only', async ({ page, vigil }) => {
  test.skip(vigil.transport === 'electron', 'raw lines are fed to the in-process core only')
  await vigil.open()
  await expect(page.getByTestId('demo-banner')).toBeVisible()

  await vigil.core.feed([
    kongLine(1, '198.51.100.66', `q=${encodeURIComponent(IMG)}&next=${encodeURIComponent(SCRIPT)}`),
    kongLine(2, null, `q=${encodeURIComponent(IMG)}`),
  ])

  const byIp = page.getByTestId('incident-row').filter({ hasText: '198.51.100.66' }).first()
  await expect(byIp).toBeVisible({ timeout: 15_000 })
  // Without a client address the incident is about the consumer: its name is shown literally.
  const byConsumer = page.getByTestId('incident-row').filter({ hasText: CONSUMER })
  await expect(byConsumer).toHaveCount(1, { timeout: 15_000 })

  await byIp.click()
  const detail = page.getByTestId('detail-panel')
  await expect(detail).toContainText(ROUTE)
  const evidence = detail.getByTestId('evidence').first()
  await expect(evidence).toContainText('<')
  // What the page shows is exactly what the core stored, character for character.
  const listed = await vigil.core.dispatch(
    'incidents.list',
    { limit: 50 },
    { actor: 'local:e2e', role: 'viewer' },
  )
  expect(listed.ok).toBe(true)
  const incident = (listed.ok ? (listed.value as { id: string; entity: string }[]) : []).find(
    (i) => i.entity === '198.51.100.66',
  )
  const stored = await vigil.core.dispatch(
    'incidents.get',
    { id: incident!.id },
    { actor: 'local:e2e', role: 'viewer' },
  )
  const first = stored.ok
    ? (stored.value as { findings: { evidence: string }[] }).findings[0]
    : undefined
  await expect(evidence).toHaveText(first!.evidence)

  await byConsumer.click()
  await expect(detail.getByTestId('detail-title')).toContainText(CONSUMER)

  // Nothing was parsed as markup, nothing ran.
  await expect(page.locator('#root img, #root script, #root svg, #root b')).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()

  await byIp.click()
  await page.waitForTimeout(1_000)
  await page.screenshot({ path: vigil.screen('hostile.png'), fullPage: true })
})
