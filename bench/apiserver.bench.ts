// API server figures (Step 3), over a cluster with 100 Running pods served by `startApiServer`
// (HTTPS on loopback, the same hooks `podbook cluster` uses):
// * `kubectl get pods` through the real kubectl 1.32 (a process per run, as a person types it)
//   against Podbook's in-process kubectl on the same cluster: both medians and their ratio;
// * `GET pods` throughput through @kubernetes/client-node's CoreV1Api (requests per second,
//   8 in flight for 3 s).
// The issue names no bar for these; they are reported, and fail only if a run breaks.

import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { startApiServer } from '../lib/apiserver';
import { defaultHooks } from '../lib/apiserver/hooks';
import { runKubectl } from '../lib/kubectl';
import { SimulatedClient } from '../lib/runtime/simulated-client';
import { clusterWith100Pods } from './fixtures';
import { realKubectlPath } from '../tests/support/real-kubectl';

import type { BenchResult } from './run';


function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}


function realGetPods(bin: string, kubeconfig: string, cacheDir: string): Promise<{ ms: number; stdout: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    execFile(bin, ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'get', 'pods'], { maxBuffer: 16 << 20 }, (err, stdout) => {
      if (err) reject(err);
      else resolve({ ms: performance.now() - t0, stdout });
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  const bin = realKubectlPath();
  const cluster = clusterWith100Pods(11);
  const srv = await startApiServer({ cluster, ...defaultHooks() });
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'podbook-bench-'));
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, srv.kubeconfig());
    const cacheDir = path.join(dir, 'cache');

    // Real kubectl: the first run fills the discovery cache (as any second command would find it).
    const first = await realGetPods(bin, kubeconfig, cacheDir);
    if (first.stdout.split('\n').length !== 102) throw new Error('real kubectl did not list 100 pods');
    const real: number[] = [];
    for (let i = 0; i < 9; i++) real.push((await realGetPods(bin, kubeconfig, cacheDir)).ms);

    const client = new SimulatedClient(cluster);
    const ours: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const r = await runKubectl('kubectl get pods', { client });
      ours.push(performance.now() - t0);
      if (r.exitCode !== 0) throw new Error(r.stderr);
    }

    // client-node throughput: 8 requests in flight for 3 s.
    const kc = new KubeConfig();
    kc.loadFromString(srv.kubeconfig());
    const api = kc.makeApiClient(CoreV1Api);
    await api.listNamespacedPod({ namespace: 'default' });
    let done = 0;
    const until = performance.now() + 3000;
    const worker = async (): Promise<void> => {
      while (performance.now() < until) {
        const list = await api.listNamespacedPod({ namespace: 'default' });
        if (list.items.length !== 100) throw new Error('client-node did not get 100 pods');
        done++;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 8 }, worker));
    const rps = done / ((performance.now() - t0) / 1000);

    const realMs = median(real);
    const oursMs = median(ours);
    return [
      { name: 'real kubectl 1.32 get pods (100 pods, via podbook API server, median of 9)', value: realMs, unit: 'ms' },
      { name: 'podbook kubectl get pods (100 pods, in-process, median of 50)', value: oursMs, unit: 'ms' },
      { name: 'ratio real kubectl / podbook in-process', value: realMs / oursMs, unit: 'x' },
      { name: 'API server GET pods via client-node (100 pods, 8 in flight)', value: rps, unit: 'req/s' },
    ];
  } finally {
    await srv.close();
  }
}
