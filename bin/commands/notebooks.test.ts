import { mkdtempSync, readFileSync, writeFileSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromIpynb } from '../../lib/notebook';
import { buildCommand, gradeCommand, repoRoot, runCommand } from './notebooks';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

const SEEDS = path.resolve(repoRoot(), '..', 'shared', 'seeds');

describe('podbook run', () => {
  it('runs an imported study note as a transcript and exits 0 when every cell works', async () => {
    const t = io();
    expect(await runCommand([path.join(SEEDS, '001_9b92fec630870e6c.txt')], t.io)).toBe(0);
    const out = t.out.join('');
    expect(out).toContain('> kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol\npod/hello-kiamol created\n');
    expect(out).toContain('pod/hello-kiamol condition met\n');
    expect(t.err.join('')).toContain('ran 7 cells, 0 failed');
  });

  it('exits 1 on seed 003, whose tab-indented YAML fails, and names the failing cell; --out keeps the outputs', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podbook-run-'));
    const out = path.join(dir, 'out.ipynb');
    const t = io();
    expect(await runCommand([path.join(SEEDS, '003_25d536a143654ee9.txt'), '--out', out], t.io)).toBe(1);
    expect(t.out.join('')).toContain('yaml: line 4: found character that cannot start any token');
    expect(t.err.join('')).toMatch(/failed \(exit 1\)/);
    const nb = fromIpynb(readFileSync(out, 'utf8'));
    expect(nb.ok).toBe(true);
    if (nb.ok) expect(nb.value.cells.some((c) => c.type === 'manifest' && c.outputs.some((o) => o.output_type === 'error'))).toBe(true);
  });

  it('refuses a missing file and an unknown backend with a clear message', async () => {
    const t = io();
    expect(await runCommand(['/nonexistent/note.md'], t.io)).toBe(1);
    expect(t.err.join('')).toContain('no such file: /nonexistent/note.md');
    expect(await runCommand(['x.md', '--backend', 'cloud'], t.io)).toBe(1);
    expect(t.err.join('')).toContain('--backend is sim or sandbox');
  });
});

describe('podbook build', () => {
  it('builds every chapter into notebooks/*.ipynb, and --check notices a stale one', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'podbook-build-'));
    mkdirSync(path.join(root, 'content'), { recursive: true });
    cpSync(path.join(repoRoot(), 'content', 'start-docker-k8s-ch06'), path.join(root, 'content', 'start-docker-k8s-ch06'), { recursive: true });
    const t = io();
    expect(await buildCommand([], t.io, root)).toBe(0);
    const target = path.join(root, 'notebooks', 'start-docker-k8s-ch06.ipynb');
    const built = readFileSync(target, 'utf8');
    const nb = fromIpynb(built);
    expect(nb.ok && nb.value.cells.filter((c) => c.type === 'command' && c.outputs.length > 0).length).toBeGreaterThan(10);
    expect(await buildCommand(['--check'], t.io, root)).toBe(0);
    writeFileSync(target, built.replace('my-nginx-pod', 'my-other-pod'));
    const c = io();
    expect(await buildCommand(['--check'], c.io, root)).toBe(1);
    expect(c.err.join('')).toContain('is stale: run podbook build');
    expect(await buildCommand(['nope'], c.io, root)).toBe(1);
  });
});

describe('podbook grade', () => {
  it('fails the chapter-2 lab before the solution and passes it after', async () => {
    const note = path.join(repoRoot(), 'content', 'kiamol-ch02', 'note.md');
    const before = io();
    expect(await gradeCommand([note, '--exercise', 'lab-whoami'], before.io)).toBe(1);
    expect(before.out.join('')).toContain('디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)');
    const after = io();
    expect(await gradeCommand([note, '--exercise', 'lab-whoami', '--solution'], after.io)).toBe(0);
    expect(after.out.join('')).toMatch(/점수 \/ score: 5\/5 \(100%\)/);
  });

  it('grades quiz answers from an answers file and counts unanswered ones', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podbook-grade-'));
    const file = path.join(dir, 'answers.json');
    writeFileSync(file, JSON.stringify({ notebook: path.join(repoRoot(), 'content', 'kiamol-ch02', 'note.md'), answers: { nope: 1 } }));
    const t = io();
    expect(await gradeCommand([file, '--exercise', 'missing'], t.io)).toBe(1);
    expect(t.err.join('')).toContain('no exercise missing');
  });
});
