// Benchmark runner: `npm run bench [-- filter...]`.
// Imports every bench/*.bench.ts module, calls its `run()`, prints one table and writes
// bench/results/latest.json. Exits 1 when any result is not ok or a bench module fails.
//
// A bench module exports:
//   export async function run(): Promise<BenchResult[]>
// A result's `ok`, when given, decides pass/fail. A `limit` without `ok` is read as an upper
// bound (value <= limit passes), which fits the usual "milliseconds per operation" measure.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  limit?: number;
  ok?: boolean;
}

export interface BenchRow extends BenchResult {
  file: string;
  ok: boolean;
  error?: string;
}

const benchDir = path.dirname(fileURLToPath(import.meta.url));

export function judge(r: BenchResult): boolean {
  if (typeof r.ok === 'boolean') return r.ok;
  if (typeof r.limit === 'number') return r.value <= r.limit;
  return Number.isFinite(r.value);
}

function isResult(x: unknown): x is BenchResult {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return typeof r.name === 'string' && typeof r.value === 'number' && typeof r.unit === 'string';
}

function formatNumber(n: number | undefined): string {
  if (n === undefined) return '';
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 1 : 3);
}

export function table(rows: BenchRow[]): string {
  const header = ['bench', 'name', 'value', 'unit', 'limit', 'status'];
  const body = rows.map((r) => [
    r.file,
    r.name,
    r.error ? '' : formatNumber(r.value),
    r.unit,
    formatNumber(r.limit),
    r.ok ? 'ok' : r.error ? `FAIL: ${r.error}` : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const numeric = new Set([2, 4]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function runFile(file: string): Promise<BenchRow[]> {
  const short = file.replace(/\.bench\.ts$/, '');
  const fail = (error: string): BenchRow[] => [{ file: short, name: '(module)', value: NaN, unit: '', ok: false, error }];
  let mod: { run?: unknown };
  try {
    mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { run?: unknown };
  } catch (e) {
    return fail(`import failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof mod.run !== 'function') return fail('does not export run()');
  let results: unknown;
  try {
    results = await (mod.run as () => Promise<unknown>)();
  } catch (e) {
    return fail(`run() threw: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(results) || !results.every(isResult)) {
    return fail('run() must resolve to [{ name, value, unit, limit?, ok? }]');
  }
  return results.map((r) => ({ ...r, file: short, ok: judge(r) }));
}

export async function main(filters: string[]): Promise<number> {
  const files = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => filters.length === 0 || filters.some((q) => f.includes(q)))
    .sort();

  const rows: BenchRow[] = [];
  if (files.length === 0) {
    console.log(
      filters.length === 0
        ? 'No benchmarks yet: add bench/<name>.bench.ts exporting `async function run()`.'
        : `No bench/*.bench.ts file matches ${filters.map((f) => JSON.stringify(f)).join(', ')}.`,
    );
  } else {
    for (const file of files) {
      const started = performance.now();
      const got = await runFile(file);
      rows.push(...got);
      console.error(`ran ${file} in ${((performance.now() - started) / 1000).toFixed(1)}s`);
    }
    console.log(table(rows));
  }

  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    files,
    results: rows.map(({ file, name, value, unit, limit, ok, error }) => ({
      file,
      name,
      value: Number.isFinite(value) ? value : null,
      unit,
      ...(limit === undefined ? {} : { limit }),
      ok,
      ...(error === undefined ? {} : { error }),
    })),
  };
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

  const failed = rows.filter((r) => !r.ok);
  if (failed.length > 0) {
    console.log(`\n${failed.length} of ${rows.length} benchmark result(s) failed.`);
    return 1;
  }
  if (rows.length > 0) console.log(`\nAll ${rows.length} benchmark result(s) ok.`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
