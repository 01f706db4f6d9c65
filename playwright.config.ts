// E2E: the built renderer in Chromium, wired to a real core (test/e2e/fixtures.ts). Build first:
// `npx electron-vite build && npx playwright test`. Chromium comes from Debian (`apt-get install chromium`);
// `npx playwright install` cannot download browsers on CI machines without network.
import { defineConfig } from '@playwright/test'
import { electronBinaryPresent } from './test/e2e/electron-core'
import type { VigilTransport } from './test/e2e/fixtures'

export default defineConfig<{ vigilTransport: VigilTransport }>({
  testDir: 'test/e2e',
  testMatch: '*.e2e.ts',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    colorScheme: 'dark',
    locale: 'en-US',
    timezoneId: 'UTC',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { vigilTransport: 'browser' } },
    // The same specs against the real app, where the Electron binary could be downloaded.
    ...(electronBinaryPresent(__dirname)
      ? [{ name: 'electron', use: { vigilTransport: 'electron' as const } }]
      : []),
  ],
})
