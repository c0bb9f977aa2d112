// Web figures (Step 5), on the production build served by `next start` on localhost and driven
// by Debian's Chromium through Playwright (headless):
// * first-load JS of the chapter page: every script the page loads before `load`, gzipped
//   (level 6, as a server would send it) and summed — bar ≤ 200 kB;
// * LCP of the chapter page (largest-contentful-paint entry; median of 5 cold loads) — ≤ 1.5 s;
// * click "실행" on a `kubectl get pods` cell → its output painted (MutationObserver sees the new
//   execution count and the output, then the next animation frame), 20 clicks after 3 warm-up
//   clicks — p95 ≤ 150 ms.
// The build (`npx next build`) must exist: `npm test` and `npm start` make it; this bench builds
// it once when it is missing.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

import type { BenchResult } from './run';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHAPTER = '/notebooks/kiamol-ch02';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`next start did not answer ${url}`);
}

export async function run(): Promise<BenchResult[]> {
  const executablePath = process.env.PODBOOK_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium`);
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    const b = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    if (b.status !== 0) throw new Error('next build failed');
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const browser = await chromium.launch({ executablePath, headless: true });
  try {
    await waitForServer(`${base}/`, 60_000);

    // first-load JS: the scripts requested before `load`
    const page = await browser.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.add(r.url());
    });
    await page.goto(base + CHAPTER, { waitUntil: 'load' });
    let jsBytes = 0;
    for (const url of scripts) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      jsBytes += gzipSync(body, { level: 6 }).length;
    }
    await page.close();

    // LCP, cold loads in fresh contexts
    const lcps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext();
      const p = await ctx.newPage();
      await p.goto(base + CHAPTER, { waitUntil: 'load' });
      // (code as a string: tsx's name-keeping helpers do not exist in the page)
      const lcp = (await p.evaluate(`new Promise((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => { for (const e of list.getEntries()) last = e.startTime; })
          .observe({ type: 'largest-contentful-paint', buffered: true });
        setTimeout(() => resolve(last), 500);
      })`)) as number;
      lcps.push(lcp);
      await ctx.close();
    }

    // click → output painted, on a `kubectl get pods` cell
    const p = await browser.newPage();
    await p.goto(base + CHAPTER, { waitUntil: 'load' });
    const cell = p.locator('[data-cell-id="get-pods-first"]');
    const button = cell.getByRole('button', { name: '실행', exact: true });
    const times: number[] = [];
    for (let i = 0; i < 23; i++) {
      await cell.scrollIntoViewIfNeeded();
      const ms = (await p.evaluate(`new Promise((resolve) => {
        const el = document.querySelector('[data-cell-id="get-pods-first"]');
        const count = () => (el.querySelector('.exec-count') || {}).textContent;
        const before = count();
        const t0 = performance.now();
        const obs = new MutationObserver(() => {
          const o = el.querySelector('[data-testid="cell-output"]');
          // this run's output: a new execution count, finished, with kubectl's text in the terminal
          if (el.getAttribute('data-status') === 'done' && count() !== before && o && /NAME|No resources found/.test(o.textContent || '')) {
            obs.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          }
        });
        obs.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
        el.querySelector('button.primary').click();
      })`)) as number;
      if (i >= 3) times.push(ms); // the first runs create the kernel and warm the server
      await button.isEnabled();
    }
    await p.close();

    const sorted = [...lcps].sort((a, b) => a - b);
    return [
      { name: 'chapter page first-load JS (gzipped)', value: jsBytes / 1024, unit: 'kB', limit: 200 },
      { name: 'chapter page LCP (headless Chromium, median of 5)', value: sorted[2], unit: 'ms', limit: 1500 },
      { name: 'click 실행 → `kubectl get pods` output painted (p95 of 20)', value: percentile(times, 95), unit: 'ms', limit: 150 },
      { name: 'click 실행 → output painted (median of 20)', value: percentile(times, 50), unit: 'ms' },
    ];
  } finally {
    await browser.close();
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}
