import { defineConfig } from '@playwright/test';

// End-to-end tests drive the real hub serving the built UI (npm run build) in Debian's Chromium.
// Playwright's own browser download is never used: these machines cannot fetch it.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 90_000,
  // Two spec files at a time, each with its own hub, data folder and browser context: the suite
  // ran in 15.5 min against 20.2 one at a time, all passing, on a quiet 2-core machine. Tests in
  // a file still run in order.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
