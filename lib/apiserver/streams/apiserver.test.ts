// The handlers behind lib/apiserver's real server (TLS, tokens, its own routing and discovery):
// the `stream` hook wired as the server will wire it, refereed by the real kubectl.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Pod } from '../../k8s/types';
import { startApiServer } from '../index';
import type { RunningApiServer } from '../index';
import { realKubectl } from './harness';
import { cleanEnv, runPod, waitForOutput } from './fixture';
import { handleStream } from './index';

const cluster = createCluster();
let api: RunningApiServer;
let dir: string;

beforeAll(async () => {
  runPod(cluster, 'web', 'nginx:1.27.4-alpine');
  cluster.runUntil(() => cluster.store.get<Pod>('pods', 'default', 'web').status?.phase === 'Running', 5 * 60_000);
  cluster.advance(2000);
  api = await startApiServer({ cluster, stream: handleStream });
  dir = mkdtempSync(join(tmpdir(), 'podbook-streams-api-'));
  writeFileSync(join(dir, 'kubeconfig'), api.kubeconfig());
});

afterAll(async () => {
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function kubectl(args: string[], stdin = ''): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(realKubectl(), ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), ...args], { env: cleanEnv(dir), cwd: dir });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

describe('exec and port-forward through lib/apiserver over TLS', () => {
  it('kubectl exec with stdin and an exit code', async () => {
    const r = await kubectl(['exec', '-i', 'web', '--', 'sh', '-c', 'cat; exit 7'], 'piped\n');
    expect(r).toEqual({ stdout: 'piped\n', stderr: 'command terminated with exit code 7\n', code: 7 });
  });

  it('kubectl port-forward serves the pod page over the TLS WebSocket tunnel', async () => {
    const child = spawn(realKubectl(), ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', join(dir, 'cache'), 'port-forward', 'pod/web', ':80'], { env: cleanEnv(dir), cwd: dir });
    try {
      const m = await waitForOutput(child, /Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/);
      const body = await new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port: Number(m[1]), path: '/' }, (res) => {
          let s = '';
          res.on('data', (d: Buffer) => (s += d.toString()));
          res.on('end', () => resolve(s));
        }).on('error', reject);
      });
      expect(body).toBe(cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/index.html'));
    } finally {
      child.kill();
    }
  });
});
