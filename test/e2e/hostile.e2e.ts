// Attacker-written text (evidence, decoded payloads, consumer names, routes, measurement names) reaches
// the page only as text: no element is created from it, no handler runs, no dialog opens. The findings
// are stored through the core's own ingest, as if the detector had produced them.
import type { Finding } from '../../src/shared/model'
import { expect, test } from './fixtures'

const IMG = '<img src=x onerror="globalThis.__pwned=1;alert(1)">'
const SCRIPT = '<script>globalThis.__pwned=2</script>'
const EVIDENCE = `q=${IMG}&next=${SCRIPT}`
const CONSUMER = `<svg onload="globalThis.__pwned=3">`

function finding(over: Partial<Finding> & Pick<Finding, 'id'>): Finding {
  return {
    kind: 'signature',
    ref: { sourceId: 'e2e-hostile', recordId: over.id, line: null },
    time: Date.now(),
    category: 'xss',
    severity: 'high',
    rule: 'xss.event-handler',
    ip: null,
    consumer: null,
    route: `/search/<b>bold</b>`,
    field: 'query:q',
    evidence: EVIDENCE,
    highlights: [{ start: 2, end: 2 + IMG.length }],
    decoded: SCRIPT,
    confidence: 0.95,
    details: { '<i>feature</i>': '<u>value</u>' },
    ...over,
  }
}

test('hostile evidence, names and routes render as text only', async ({ page, vigil }) => {
  await page.goto(vigil.url)
  await expect(page.getByTestId('demo-banner')).toBeVisible()

  const stored = await vigil.core.ingest({
    sourceId: 'e2e-hostile',
    findings: [
      finding({ id: 'e2e-hostile-ip', ip: '198.51.100.66' }),
      finding({ id: 'e2e-hostile-consumer', consumer: CONSUMER, severity: 'critical' }),
    ],
    counters: [],
    timeline: [],
    cursor: null,
    now: Date.now(),
  })
  expect(stored.changed.length).toBeGreaterThanOrEqual(2)

  // The consumer's name is the incident's entity, shown literally.
  const byConsumer = page.getByTestId('incident-row').filter({ hasText: CONSUMER })
  await expect(byConsumer).toHaveCount(1, { timeout: 15_000 })

  const row = page.getByTestId('incident-row').filter({ hasText: '198.51.100.66' }).first()
  await expect(row).toBeVisible()
  await row.click()

  const detail = page.getByTestId('detail-panel')
  const evidence = detail.getByTestId('evidence').first()
  await expect(evidence).toHaveText(EVIDENCE)
  await expect(evidence.locator('mark')).toHaveText(IMG)
  await expect(detail).toContainText(SCRIPT)
  await expect(detail).toContainText('/search/<b>bold</b>')
  await expect(detail).toContainText('<i>feature</i>')

  // Nothing was parsed as markup, nothing ran.
  await expect(
    page.locator('#root img, #root script, #root svg, #root b, #root i, #root u'),
  ).toHaveCount(0)
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined()

  await byConsumer.click()
  await expect(detail.getByTestId('detail-title')).toContainText(CONSUMER)
  await expect(page.locator('#root svg')).toHaveCount(0)

  await row.click()
  await page.waitForTimeout(1_000)
  await page.screenshot({ path: vigil.screen('hostile.png'), fullPage: true })
})
