// The overview page against a real core in demo mode: incidents arrive live, the threat level and source
// health reflect them, and an incident's evidence is shown as text, exactly as the core stored it.
import type { IncidentDetail } from '../../src/shared/model'
import { E2E_CONTEXT, expect, test } from './fixtures'

test('overview shows live demo incidents, threat, source health and evidence as text', async ({
  page,
  vigil,
}) => {
  await vigil.open()

  await expect(page.getByTestId('demo-banner')).toContainText('Demo data')
  await expect(page.getByTestId('mode')).toHaveText('Demo')

  // The demo source emits attacks within seconds; incidents are pushed, not polled.
  const rows = page.getByTestId('incident-row')
  await expect(rows.first()).toBeVisible({ timeout: 45_000 })

  await expect
    .poll(async () => Number(await page.getByTestId('threat-score').textContent()), {
      message: 'threat score above 0',
      timeout: 30_000,
    })
    .toBeGreaterThan(0)
  await expect(page.getByTestId('threat-open')).toContainText(/\d+ open incident/)

  const up = page.locator('[data-testid="source-row"][data-state="up"]')
  await expect(up.first()).toBeVisible({ timeout: 30_000 })
  await expect(up.first()).toContainText('demo')
  await expect(page.getByTestId('rules-status')).toContainText(
    /Detection rules: \d+ built-in, 0 custom/,
  )

  // Let a few more incidents and timeline buckets arrive, and the gauge animation settle.
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(3)
  await page.waitForTimeout(1_500)
  await page.screenshot({ path: vigil.screen('overview.png'), fullPage: true })

  // The chart tooltip must not write inline styles the CSP refuses (the fixture fails on a violation).
  const chart = page.getByTestId('timeline-panel').locator('canvas').first()
  const box = await chart.boundingBox()
  expect(box).not.toBeNull()
  await page.mouse.move(box!.x + box!.width - 30, box!.y + box!.height / 2)
  await page.waitForTimeout(400)
  await page.mouse.move(0, 0)

  // Rows move as incidents update (newest first): hold on to one incident by its id.
  const id = await rows.first().getAttribute('data-incident-id')
  expect(id).toBeTruthy()
  const row = page.locator(`[data-testid="incident-row"][data-incident-id="${id}"]`)
  await row.click()
  await expect(row).toHaveAttribute('aria-selected', 'true')

  const detail = page.getByTestId('detail-panel')
  const evidence = detail.getByTestId('evidence')
  await expect(evidence.first()).toBeVisible()

  // The page shows what the core stored, character for character, and as text nodes only.
  const stored = await vigil.core.dispatch('incidents.get', { id }, E2E_CONTEXT)
  expect(stored.ok).toBe(true)
  const findings = (stored as { ok: true; value: IncidentDetail }).value.findings
  expect(findings.length).toBeGreaterThan(0)
  const shown = await evidence.evaluateAll((els) => els.map((el) => el.textContent ?? ''))
  expect(shown.length).toBeGreaterThan(0)
  expect(shown.some((s) => s.length > 0)).toBe(true)
  const storedEvidence = findings.map((f) => f.evidence)
  for (const text of shown) expect(storedEvidence).toContain(text)
  const foreign = await evidence.evaluateAll(
    (els) =>
      els
        .flatMap((el) => [...el.querySelectorAll('*')])
        .filter((n) => !['SPAN', 'MARK'].includes(n.tagName)).length,
  )
  expect(foreign).toBe(0)
  await expect(detail.getByTestId('finding-rule').first()).toHaveText(/^[a-z0-9-]+\.[a-z0-9.-]+$/)

  await page.waitForTimeout(300)
  await page.screenshot({ path: vigil.screen('incident-detail.png'), fullPage: true })

  // The workflow goes through the real dispatch (role check, transition rules, audit) and back.
  const workflow = detail.getByTestId('workflow')
  await workflow.getByRole('button', { name: 'Acknowledge' }).click()
  await workflow.getByRole('textbox').fill('Looking into it from the E2E run')
  await workflow.getByRole('button', { name: 'Set to Acknowledged' }).click()
  await expect(row).toContainText('Acknowledged')
  await expect(page.getByTestId('error-line')).toHaveCount(0)
})
