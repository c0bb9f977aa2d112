// Test fixture: a simulated cluster with running pods, served by the streams harness, and a way
// to run the real kubectl against it (async, with stdin, a private kubeconfig and cache dir).

import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCluster } from '../../cluster/cluster';
import type { Cluster } from '../../cluster/cluster';
import type { Pod } from '../../k8s/types';
import { realKubectl, startHarness } from './harness';
import type { Harness } from './harness';

export interface Fixture {
  cluster: Cluster;
  harness: Harness;
  dir: string;
  kubeconfig: string;
  kubectl(args: string[], opts?: { stdin?: Buffer | string; env?: Record<string, string> }): Promise<{ stdout: Buffer; stderr: string; code: number | null }>;
  spawnKubectl(args: string[], env?: Record<string, string>): ChildProcessWithoutNullStreams;
  close(): Promise<void>;
}

/** A minimal environment: no KUBECONFIG or KUBECTL_* settings of the machine leak in. */
export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { NODE_ENV: process.env.NODE_ENV, PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, ...extra } as NodeJS.ProcessEnv;
}

const isReady = (p: Pod | undefined) => p?.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;

export function runPod(c: Cluster, name: string, image: string, extra: Partial<Pod['spec']> = {}): Pod {
  return c.store.create<Pod>('pods', 'default', {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, labels: { run: name } },
    spec: { containers: [{ name, image, resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', ...extra },
    status: {},
  } as Pod);
}

/** `web` (nginx alpine, running and listening) plus any extra pods the caller creates. */
export async function startFixture(opts: { runtime?: 'docker' | 'containerd'; setup?: (c: Cluster) => void } = {}): Promise<Fixture> {
  const cluster = createCluster({ runtime: opts.runtime });
  runPod(cluster, 'web', 'nginx:1.27.4-alpine');
  opts.setup?.(cluster);
  if (!cluster.runUntil(() => isReady(cluster.store.get<Pod>('pods', 'default', 'web')), 5 * 60_000)) throw new Error('pod web never became ready');
  cluster.advance(2000);
  const harness = await startHarness(cluster);
  const dir = mkdtempSync(join(tmpdir(), 'podbook-streams-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, harness.kubeconfig());
  const bin = realKubectl();
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache')];
  const spawnKubectl = (args: string[], env: Record<string, string> = {}) =>
    spawn(bin, [...base, ...args], { env: cleanEnv(dir, env), cwd: dir });
  return {
    cluster,
    harness,
    dir,
    kubeconfig,
    spawnKubectl,
    kubectl: (args, o = {}) =>
      new Promise((resolve, reject) => {
        const child = spawnKubectl(args, o.env);
        const out: Buffer[] = [];
        let err = '';
        child.stdout.on('data', (d: Buffer) => out.push(d));
        child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ stdout: Buffer.concat(out), stderr: err, code }));
        if (o.stdin !== undefined) child.stdin.end(o.stdin);
        else child.stdin.end();
      }),
    close: async () => {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until `child`'s stdout has printed a line matching `re`; returns the match. */
export function waitForOutput(child: ChildProcessWithoutNullStreams, re: RegExp, timeoutMs = 15000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    let errText = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout: ${seen} stderr: ${errText}`)), timeoutMs);
    child.stderr.on('data', (d: Buffer) => (errText += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = re.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`kubectl exited; stdout: ${seen} stderr: ${errText}`));
    });
  });
}
