// Step 1 figures: a Deployment of 10,000 replicas on 100 nodes, listing 10,000 pods by label,
// the cost of a new empty cluster, and 1,000 idle clusters in one process.

import { performance } from 'node:perf_hooks';
import { Cluster } from '../lib/cluster/cluster';
import type { Deployment, Pod } from '../lib/k8s/types';

import type { BenchResult } from './run';


function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function scaleDeployment(): { wall: number; virtual: number; cluster: Cluster } {
  const cluster = new Cluster({ seed: 42, nodes: 100 });
  let running = 0;
  const phase = new Map<string, string | undefined>();
  cluster.store.onChange((e) => {
    if (e.resource !== 'pods') return;
    const key = e.object.metadata.uid!;
    const was = phase.get(key);
    const now = e.type === 'DELETED' ? undefined : (e.object as Pod).status?.phase;
    if (was === 'Running') running--;
    if (now === 'Running') running++;
    if (e.type === 'DELETED') phase.delete(key);
    else phase.set(key, now);
  });
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 10_000,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } },
    },
  };
  const t0 = performance.now();
  const v0 = cluster.now();
  cluster.store.create('deployments', 'default', d);
  const ok = cluster.runUntil(() => running === 10_000, 3_600_000);
  const wall = performance.now() - t0;
  if (!ok) throw new Error(`only ${running} of 10000 pods Running after an hour of virtual time`);
  return { wall, virtual: cluster.now() - v0, cluster };
}

function listBySelector(cluster: Cluster): number {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const items = cluster.store.list('pods', 'default', { labelSelector: 'app=web' }).items;
    times.push(performance.now() - t0);
    if (items.length !== 10_000) throw new Error(`listed ${items.length} pods`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function emptyCluster(): { ms: number; bytes: number } {
  for (let i = 0; i < 20; i++) new Cluster({ seed: i }); // warm up the JIT
  const n = 200;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) new Cluster({ seed: i });
  const ms = (performance.now() - t0) / n;
  gc();
  const h0 = process.memoryUsage().heapUsed;
  const keep: Cluster[] = [];
  for (let i = 0; i < n; i++) keep.push(new Cluster({ seed: i }));
  gc();
  const bytes = (process.memoryUsage().heapUsed - h0) / n;
  if (keep.length !== n) throw new Error('unreachable');
  return { ms, bytes };
}

function idleClusters(): number {
  gc();
  const keep: Cluster[] = [];
  for (let i = 0; i < 1000; i++) keep.push(new Cluster({ seed: i }));
  gc();
  const rss = process.memoryUsage().rss;
  if (keep.length !== 1000) throw new Error('unreachable');
  return rss;
}

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const empty = emptyCluster();
  results.push({ name: 'new empty cluster: time', value: round(empty.ms, 3), unit: 'ms', limit: 2, ok: empty.ms <= 2 });
  results.push({ name: 'new empty cluster: heap', value: round(empty.bytes / 1024, 1), unit: 'KiB', limit: 1024, ok: empty.bytes <= 1024 * 1024 });
  const rss = idleClusters();
  results.push({ name: '1,000 idle clusters: process RSS', value: round(rss / 1024 / 1024, 1), unit: 'MiB', limit: 1024, ok: rss <= 1024 * 1024 * 1024 });
  gc();
  const scale = scaleDeployment();
  results.push({ name: 'Deployment of 10,000 replicas on 100 nodes → all Running (wall)', value: round(scale.wall, 0), unit: 'ms', limit: 2000, ok: scale.wall <= 2000 });
  results.push({ name: '  … virtual time it took inside the cluster', value: round(scale.virtual / 1000, 1), unit: 's' });
  const list = listBySelector(scale.cluster);
  results.push({ name: 'list 10,000 pods with a label selector (median of 15)', value: round(list, 2), unit: 'ms', limit: 20, ok: list <= 20 });
  return results;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
