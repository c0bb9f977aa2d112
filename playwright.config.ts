// Playwright runs the e2e specs (e2e/*.spec.ts) against the production build in Debian's
// Chromium. Browsers are never downloaded (`npx playwright install` needs a network CI does not
// have): the executable is the distribution's, as .ci/run installs it with apt.
//
// The server is `next start` on a free port. The build must exist before (tests/support/run-all.mjs
// runs `next build` first). The port is chosen once in the runner process and handed to the
// worker processes through the environment, because Playwright evaluates this file in every worker.
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';

export const CHROMIUM = process.env.PODBOOK_CHROMIUM ?? '/usr/bin/chromium';

function freePort(): number {
  // A synchronous probe: config files cannot await. Port 0 makes the kernel pick an unused port.
  const out = execFileSync(
    process.execPath,
    ['-e', "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
    { encoding: 'utf8' },
  );
  return Number(out);
}

if (!process.env.PODBOOK_E2E_PORT) process.env.PODBOOK_E2E_PORT = String(freePort());
const port = Number(process.env.PODBOOK_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts$/,
  outputDir: './test-results',
  // Two shared cores: one worker keeps timings honest and the server unhurried.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['./tests/support/playwright-summary-reporter.ts']],
  use: {
    baseURL,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: CHROMIUM },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath: CHROMIUM } } }],
  webServer: {
    command: `npx next start -p ${port} -H 127.0.0.1`,
    url: baseURL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { NEXT_TELEMETRY_DISABLED: '1' },
  },
});
