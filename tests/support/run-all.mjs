// `npm test`: vitest, then the production build, then Playwright's e2e specs in Debian's
// Chromium, and one combined `N passed, N failed` line last (.ci/run greps the last such line).
//
// Each part prints its own summary line (tests/support/summary-reporter.ts,
// tests/support/playwright-summary-reporter.ts); this script adds them. A part that fails
// without reporting a summary (it crashed, the build failed) counts one failed, so the last line
// never reads "0 failed" when the exit code is non-zero.
//
// Without Chromium (.ci/run installs it with apt) the browser tests cannot run: that counts as a
// failure, said loudly. PODBOOK_SKIP_E2E=1 skips them on purpose (a quick local run).
// Arguments are passed to vitest (`npm test -- lib/highlight` runs only those unit tests).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const SUMMARY = /^(\d+) passed, (\d+) failed$/;
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/** Runs a command with inherited stdin, echoing and capturing its output. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      out += d.toString();
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.on('error', (e) => {
      process.stderr.write(`${cmd}: ${e.message}\n`);
      resolve({ code: 127, out });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** The last `N passed, N failed` line a part printed; a failure without one counts as one. */
function tally(name, { code, out }) {
  const lines = out.replace(ANSI, '').split('\n').map((l) => l.trim()).filter((l) => SUMMARY.test(l));
  const last = lines.at(-1);
  if (!last) {
    process.stdout.write(`${name}: no summary line (it did not run, or crashed)\n`);
    return { passed: 0, failed: 1 };
  }
  const [, p, f] = SUMMARY.exec(last);
  let failed = Number(f);
  if (code !== 0 && failed === 0) failed = 1;
  return { passed: Number(p), failed };
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
let exit = 0;
const add = (r) => {
  passed += r.passed;
  failed += r.failed;
};

const unit = await run(npx, ['vitest', 'run', ...process.argv.slice(2)]);
add(tally('vitest', unit));
if (unit.code !== 0) exit = 1;

const chromium = process.env.PODBOOK_CHROMIUM ?? '/usr/bin/chromium';
if (process.env.PODBOOK_SKIP_E2E === '1') {
  process.stdout.write('\ne2e: skipped (PODBOOK_SKIP_E2E=1)\n');
} else if (!existsSync(chromium)) {
  // never a silent pass: a machine without the browser has not checked the pages
  process.stdout.write(`\ne2e: FAILED: ${chromium} not found; the browser tests did not run (install Debian's chromium, or set PODBOOK_SKIP_E2E=1 on purpose)\n`);
  failed += 1;
  exit = 1;
} else {
  process.stdout.write('\n==> next build (for the e2e tests)\n');
  const build = await run(npx, ['next', 'build'], { NEXT_TELEMETRY_DISABLED: '1' });
  if (build.code !== 0) {
    process.stdout.write('next build failed: the e2e tests did not run\n');
    failed += 1;
    exit = 1;
  } else {
    process.stdout.write('\n==> playwright test\n');
    const e2e = await run(npx, ['playwright', 'test']);
    add(tally('playwright', e2e));
    if (e2e.code !== 0) exit = 1;
  }
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(exit || (failed > 0 ? 1 : 0));
