// kubectl figures, in process (no HTTP): `kubectl get pods` over 100 Running pods through a
// SimulatedClient (p50 ≤ 1 ms; p95 reported), and the whole kiamol chapter-2 golden transcript
// (tests/transcripts/kiamol-ch02.txt: 47 commands, the exec session and the lab) replayed
// through a fresh cluster and ShellSession (≤ 100 ms wall, median of 7; modules already loaded).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runKubectl } from '../lib/kubectl';
import { SimulatedClient } from '../lib/runtime/simulated-client';
import { clusterWith100Pods } from './fixtures';
import { parseTranscript, replay } from '../tests/transcripts/transcript';

import type { BenchResult } from './run';


const here = path.dirname(fileURLToPath(import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function getPods100(): Promise<{ p50: number; p95: number }> {
  const cluster = clusterWith100Pods(7);
  const client = new SimulatedClient(cluster);
  const first = await runKubectl('kubectl get pods', { client });
  const rows = first.stdout.split('\n').filter((l) => l.startsWith('web-'));
  if (first.exitCode !== 0 || rows.length !== 100 || !rows.every((r) => / Running /.test(r))) throw new Error(`unexpected get pods output:\n${first.stdout}${first.stderr}`);
  for (let i = 0; i < 200; i++) await runKubectl('kubectl get pods', { client }); // JIT warm-up
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) {
    const t0 = performance.now();
    await runKubectl('kubectl get pods', { client });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function chapter2(): Promise<{ ms: number; commands: number }> {
  const t = parseTranscript(readFileSync(path.join(here, '../tests/transcripts/kiamol-ch02.txt'), 'utf8'), 'kiamol-ch02.txt');
  await replay(t); // warm-up: every verb's code paths compiled once
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const out = await replay(t);
    times.push(performance.now() - t0);
    if (out.length !== t.blocks.length) throw new Error('replay lost blocks');
  }
  return { ms: median(times), commands: t.blocks.length };
}

export async function run(): Promise<BenchResult[]> {
  const get = await getPods100();
  const ch2 = await chapter2();
  return [
    { name: '`kubectl get pods` over 100 Running pods, in-process: p50', value: round(get.p50, 3), unit: 'ms', limit: 1, ok: get.p50 <= 1 },
    { name: '  … p95', value: round(get.p95, 3), unit: 'ms' },
    { name: `kiamol ch02 transcript (${ch2.commands} commands) replayed, fresh cluster: median of 7`, value: round(ch2.ms, 1), unit: 'ms', limit: 100, ok: ch2.ms <= 100 },
  ];
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
