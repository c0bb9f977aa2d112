// Notebook figures (Step 4): importing each seed note (`importNote`, the slowest of the five,
// median of 15 runs; bar ≤ 50 ms) and `podbook build` of all content/ in process (every chapter
// run on a fresh simulator and written as .ipynb text; wall time, modules loaded; bar ≤ 5 s).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { importNote } from '../lib/notebook';
import { buildChapter, chapters } from '../bin/commands/notebooks';

import type { BenchResult } from './run';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<BenchResult[]> {
  const seedsDir = path.resolve(root, '..', 'shared', 'seeds');
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt'));
  let worst = 0;
  let worstName = '';
  for (const f of seeds) {
    const text = readFileSync(path.join(seedsDir, f), 'utf8');
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      const r = importNote(text, { fileName: f });
      times.push(performance.now() - t0);
      if (!r.ok) throw new Error(`${f} did not import`);
    }
    const m = median(times);
    if (m > worst) {
      worst = m;
      worstName = f;
    }
  }
  // warm the modules and the kernel once, as a second `podbook build` in one process would
  await buildChapter(root, chapters(root)[0]);
  const t0 = performance.now();
  let cells = 0;
  for (const c of chapters(root)) cells += (await buildChapter(root, c)).cells;
  const build = performance.now() - t0;
  return [
    { name: `import of a seed note (slowest: ${worstName}, median of 15)`, value: worst, unit: 'ms', limit: 50 },
    { name: `podbook build of all content (${chapters(root).length} chapters, ${cells} cells)`, value: build, unit: 'ms', limit: 5000 },
  ];
}
