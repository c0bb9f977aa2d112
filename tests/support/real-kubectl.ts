// The referee: the real kubectl 1.32 binary, for tests that compare Podbook with it or drive
// Podbook's API server with it. When it is missing the tests fail loudly (never skip): a CI
// machine without it would otherwise pass without checking anything.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The versioned binary: the /usr/bin/kubectl dispatcher would first ask the server's /version. */
export const REAL_KUBECTL_CANDIDATES = ['/usr/lib/google-cloud-sdk/bin/kubectl.1.32', '/usr/bin/kubectl'];

export function realKubectlPath(): string {
  const found = (process.env.PODBOOK_REAL_KUBECTL ? [process.env.PODBOOK_REAL_KUBECTL] : REAL_KUBECTL_CANDIDATES).find((p) => existsSync(p));
  if (!found) throw new Error(`real kubectl not found at ${REAL_KUBECTL_CANDIDATES.join(' or ')}: the referee is missing, so nothing can be compared`);
  return found;
}

export interface KubectlRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** A kubeconfig file and a fresh discovery cache directory, so no state leaks between tests. */
export function kubectlHome(kubeconfig: string): { kubeconfig: string; cacheDir: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'podbook-kubectl-'));
  const file = join(dir, 'kubeconfig');
  writeFileSync(file, kubeconfig, { mode: 0o600 });
  return { kubeconfig: file, cacheDir: join(dir, 'cache'), dir };
}

export function runRealKubectl(args: string[], home: { kubeconfig: string; cacheDir: string; dir?: string }, opts: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<KubectlRun> {
  const bin = realKubectlPath();
  return new Promise((resolve) => {
    const child = execFile(
      bin,
      ['--kubeconfig', home.kubeconfig, '--cache-dir', home.cacheDir, ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home.dir ?? tmpdir(), TZ: 'UTC', NODE_ENV: 'test', ...opts.env } as NodeJS.ProcessEnv, timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, cwd: home.dir },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolve({ stdout: String(stdout), stderr: String(stderr), code });
      },
    );
    if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
    else child.stdin?.end();
  });
}
