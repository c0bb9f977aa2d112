// `podbook run`, `podbook build` and `podbook grade`: notebooks through the kernel
// (lib/runtime/notebook-run.ts), on the simulated cluster by default.
//
// * run <note|nb> [--backend sim|sandbox] [--kubeconfig F] [--context C] [--seed N] [--out F]
//   prints a transcript (`$ command`, its output) and exits 1 when a cell fails without
//   `allowError` (or a manifest does not parse). --out writes the notebook with its outputs
//   (.ipynb or .md by extension). The sandbox backend opens a fresh learner namespace
//   (lib/sandbox SandboxSessions) and removes it afterwards.
// * build [chapter...] [--check]: content/<chapter>/note.md → notebooks/<chapter>.ipynb, run on a
//   fresh simulator with seed 1 on the virtual clock, so the outputs are the same on every
//   machine. --check writes nothing and fails when a committed notebook differs (CI runs it).
// * grade <notebook|answers.json> [--exercise ID] [--solution]: runs the notebook, then each
//   exercise's checks (after the learner's commands from the answers file, or the exercise's own
//   solution with --solution) and each answered quiz; prints every result and the score.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatIssues, readNotebookText, toIpynbText, toMarkdown } from '../../lib/notebook';
import type { Exercise, Notebook, Quiz } from '../../lib/notebook';
import { gradeQuiz, runChecks } from '../../lib/grading';
import type { Exercise as GradingExercise, Quiz as GradingQuiz, QuizAnswer } from '../../lib/grading';
import { Kernel } from '../../lib/runtime/kernel';
import type { KernelBackend, KernelOutput } from '../../lib/runtime/kernel';
import { runNotebook } from '../../lib/runtime/notebook-run';
import { SandboxSessions } from '../../lib/sandbox';
import { readNote } from './import';

export interface NotebookIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const RUN_USAGE = 'Usage: podbook run <note.md|notebook.ipynb> [--backend sim|sandbox] [--kubeconfig FILE] [--context NAME] [--seed N] [--out out.ipynb|out.md]\n';
const BUILD_USAGE = 'Usage: podbook build [chapter...] [--check]\n';
const GRADE_USAGE = 'Usage: podbook grade <notebook|answers.json> [--exercise ID] [--solution]\n';

/** The repository root: content/ and notebooks/ live there. */
export function repoRoot(): string {
  return path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
}

function fail(io: NotebookIO, cmd: string, ko: string, en: string, usage = ''): number {
  io.stderr(`podbook ${cmd}: ${ko} / ${en}\n${usage}`);
  return 1;
}

/** `--flag value` / `--flag=value` arguments with the positionals left over. */
function parseArgs(argv: string[], valued: string[], bools: string[]): { flags: Record<string, string | true>; args: string[]; bad?: string } {
  const flags: Record<string, string | true> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      args.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (bools.includes(name) && eq < 0) flags[name] = true;
    else if (valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '') return { flags, args, bad: `--${name} needs a value` };
      flags[name] = v;
    } else return { flags, args, bad: `unknown flag: ${a}` };
  }
  return { flags, args };
}

function loadNotebook(io: NotebookIO, cmd: string, file: string): Notebook | undefined {
  const r = readNote(file);
  if ('ko' in r) {
    fail(io, cmd, r.ko, r.en);
    return undefined;
  }
  const nb = readNotebookText(r.text, { fileName: file });
  if (!nb.ok) {
    fail(io, cmd, `${file}을(를) 노트북으로 읽을 수 없습니다`, `cannot read ${file} as a notebook:\n${formatIssues(nb.errors)}`);
    return undefined;
  }
  return nb.value;
}

function outputText(outputs: readonly KernelOutput[]): string {
  let text = '';
  for (const o of outputs) {
    if (o.output_type === 'stream') text += o.text;
    else if (o.ename !== 'ExitCode') text += [`${o.ename}: ${o.evalue}`, ...o.traceback].join('\n') + '\n';
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// run

export async function runCommand(argv: string[], io: NotebookIO): Promise<number> {
  const p = parseArgs(argv, ['backend', 'kubeconfig', 'context', 'seed', 'out'], []);
  if (p.bad) return fail(io, 'run', '인자를 확인하세요', p.bad, RUN_USAGE);
  if (p.args.length !== 1) return fail(io, 'run', '노트북 파일 하나를 주세요', 'name one notebook file', RUN_USAGE);
  const backend = (p.flags.backend as string | undefined) ?? (p.flags.kubeconfig ? 'sandbox' : 'sim');
  if (backend !== 'sim' && backend !== 'sandbox') return fail(io, 'run', '--backend는 sim 또는 sandbox입니다', '--backend is sim or sandbox', RUN_USAGE);
  const seed = p.flags.seed === undefined ? 1 : Number(p.flags.seed);
  if (!Number.isInteger(seed)) return fail(io, 'run', '--seed에는 정수가 필요합니다', '--seed needs a whole number', RUN_USAGE);
  const nb = loadNotebook(io, 'run', p.args[0]);
  if (!nb) return 1;

  let kernel: Kernel;
  let closeSandbox: (() => Promise<void>) | undefined;
  if (backend === 'sandbox') {
    const kubeconfig = (p.flags.kubeconfig as string | undefined) ?? process.env.KUBECONFIG;
    if (!kubeconfig) return fail(io, 'run', 'sandbox에는 --kubeconfig(또는 KUBECONFIG)가 필요합니다', 'the sandbox backend needs --kubeconfig or KUBECONFIG', RUN_USAGE);
    const sessions = new SandboxSessions({ kubeconfig, context: p.flags.context as string | undefined });
    let session;
    try {
      session = await sessions.open();
    } catch (e) {
      return fail(io, 'run', '클러스터에 연결할 수 없습니다', e instanceof Error ? e.message : String(e));
    }
    const backendOf = (): KernelBackend => ({ client: session.client });
    kernel = new Kernel({ backend: backendOf, namespace: session.namespace });
    io.stderr(`podbook run: 네임스페이스 ${session.namespace}에서 실행합니다 / running in namespace ${session.namespace}\n`);
    closeSandbox = async () => {
      await sessions.close(session.id);
      sessions.stop();
    };
  } else {
    kernel = new Kernel({ seed });
  }

  try {
    const run = await runNotebook(nb, {
      kernel,
      onCell: (cell, r) => {
        if (cell.type === 'manifest') io.stdout(`# ${cell.file}\n`);
        else if (cell.type === 'command') {
          const lines = cell.source.replace(/\n$/, '').split('\n');
          io.stdout(lines.map((l, i) => (i === 0 ? `$ ${l}` : `> ${l}`)).join('\n') + '\n');
        }
        const text = outputText(r.outputs);
        if (text) io.stdout(text.endsWith('\n') ? text : `${text}\n`);
        if (r.failed) io.stderr(`podbook run: 셀 ${r.cellId}이(가) 실패했습니다 (종료 코드 ${r.execution.exitCode}) / cell ${r.cellId} failed (exit ${r.execution.exitCode})\n`);
      },
    });
    const out = p.flags.out as string | undefined;
    if (out) writeFileSync(out, /\.ipynb$/i.test(out) ? toIpynbText(run.notebook) : toMarkdown(run.notebook));
    io.stderr(`podbook run: 셀 ${run.results.length}개 실행, 실패 ${run.failed.length}개 / ran ${run.results.length} cells, ${run.failed.length} failed\n`);
    return run.failed.length > 0 ? 1 : 0;
  } finally {
    kernel.close();
    await closeSandbox?.();
  }
}

// ---------------------------------------------------------------------------------------------
// build

export interface BuildResult {
  chapter: string;
  ipynb: string;
  cells: number;
  failed: string[];
}

/** Runs content/<chapter>/note.md on a fresh simulator (seed 1, virtual clock) → .ipynb text. */
export async function buildChapter(root: string, chapter: string): Promise<BuildResult> {
  const file = path.join(root, 'content', chapter, 'note.md');
  const nb = readNotebookText(readFileSync(file, 'utf8'), { fileName: file });
  if (!nb.ok) throw new Error(`${file}: ${formatIssues(nb.errors)}`);
  const kernel = new Kernel({ seed: 1 });
  try {
    const run = await runNotebook(nb.value, { kernel });
    return { chapter, ipynb: toIpynbText(run.notebook), cells: run.results.length, failed: run.failed.map((r) => r.cellId) };
  } finally {
    kernel.close();
  }
}

export function chapters(root: string): string[] {
  const dir = path.join(root, 'content');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'note.md')))
    .map((d) => d.name)
    .sort();
}

export async function buildCommand(argv: string[], io: NotebookIO, root = repoRoot()): Promise<number> {
  const p = parseArgs(argv, [], ['check']);
  if (p.bad) return fail(io, 'build', '인자를 확인하세요', p.bad, BUILD_USAGE);
  const all = chapters(root);
  const wanted = p.args.length > 0 ? p.args : all;
  const unknown = wanted.filter((c) => !all.includes(c));
  if (unknown.length > 0) return fail(io, 'build', `content/에 없는 장입니다: ${unknown.join(', ')}`, `no such chapter in content/: ${unknown.join(', ')} (have: ${all.join(', ')})`, BUILD_USAGE);
  const check = p.flags.check === true;
  let bad = 0;
  for (const chapter of wanted) {
    io.stderr(`podbook build: ${chapter} 실행 중… / running ${chapter}…\n`);
    let r: BuildResult;
    try {
      r = await buildChapter(root, chapter);
    } catch (e) {
      fail(io, 'build', `${chapter}을(를) 읽을 수 없습니다`, e instanceof Error ? e.message : String(e));
      bad++;
      continue;
    }
    if (r.failed.length > 0) {
      io.stderr(`podbook build: ${chapter}: 실패한 셀 ${r.failed.join(', ')} / failed cells: ${r.failed.join(', ')}\n`);
      bad++;
    }
    const target = path.join(root, 'notebooks', `${chapter}.ipynb`);
    if (check) {
      const current = existsSync(target) ? readFileSync(target, 'utf8') : undefined;
      if (current !== r.ipynb) {
        io.stderr(`podbook build --check: notebooks/${chapter}.ipynb이(가) content/${chapter}/note.md와 맞지 않습니다. podbook build를 실행해 다시 만드세요 / notebooks/${chapter}.ipynb is stale: run podbook build\n`);
        bad++;
      } else io.stdout(`notebooks/${chapter}.ipynb 최신 / up to date (${r.cells} cells)\n`);
    } else {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, r.ipynb);
      io.stdout(`notebooks/${chapter}.ipynb (${r.cells} cells)\n`);
    }
  }
  return bad > 0 ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// grade

interface Answers {
  notebook: string;
  /** quiz id → the learner's answer */
  answers?: Record<string, QuizAnswer>;
  /** exercise id → the command lines the learner ran for it */
  commands?: Record<string, string[]>;
}

export async function gradeCommand(argv: string[], io: NotebookIO): Promise<number> {
  const p = parseArgs(argv, ['exercise'], ['solution']);
  if (p.bad) return fail(io, 'grade', '인자를 확인하세요', p.bad, GRADE_USAGE);
  if (p.args.length !== 1) return fail(io, 'grade', '노트북이나 답안 파일 하나를 주세요', 'name one notebook or answers file', GRADE_USAGE);
  let answers: Answers = { notebook: p.args[0] };
  if (/\.json$/i.test(p.args[0])) {
    try {
      answers = JSON.parse(readFileSync(p.args[0], 'utf8')) as Answers;
      if (typeof answers.notebook !== 'string') throw new Error('"notebook" (the notebook file) is missing');
      answers.notebook = path.resolve(path.dirname(p.args[0]), answers.notebook);
    } catch (e) {
      return fail(io, 'grade', '답안 파일을 읽을 수 없습니다', e instanceof Error ? e.message : String(e));
    }
  }
  const nb = loadNotebook(io, 'grade', answers.notebook);
  if (!nb) return 1;
  const only = p.flags.exercise as string | undefined;
  const exercises = nb.cells.filter((c) => c.type === 'exercise').map((c) => (c as { exercise: Exercise }).exercise);
  if (only && !exercises.some((e) => e.id === only)) return fail(io, 'grade', `실습 ${only}이(가) 없습니다`, `no exercise ${only} (have: ${exercises.map((e) => e.id).join(', ')})`);

  let earned = 0;
  let total = 0;
  const kernel = new Kernel({ seed: 1 });
  try {
    await runNotebook(nb, { kernel });
    for (const ex of exercises) {
      if (only && ex.id !== only) continue;
      const lines = p.flags.solution === true ? (ex.solution ?? []) : (answers.commands?.[ex.id] ?? []);
      for (const line of lines) await kernel.run({ type: 'command', id: `${ex.id}-answer`, source: line, allowError: true });
      const r = await runChecks(ex as unknown as GradingExercise, kernel.client, { namespace: kernel.shell.namespace });
      io.stdout(`실습 ${ex.id} — ${ex.title}: ${r.passed}/${r.total}\n`);
      for (const c of r.checks) {
        io.stdout(`  ${c.passed ? '✓' : '✗'} ${c.description}\n    ${c.message}\n`);
        if (!c.passed && c.hint) io.stdout(`    힌트: ${c.hint}\n`);
      }
      earned += r.passed;
      total += r.total;
    }
    if (!only) {
      const quizzes = nb.cells.filter((c) => c.type === 'quiz').map((c) => (c as { quiz: Quiz }).quiz);
      for (const q of quizzes) {
        const answer = answers.answers?.[q.id];
        total++;
        if (answer === undefined) {
          io.stdout(`퀴즈 ${q.id}: 답하지 않음 / not answered\n`);
          continue;
        }
        const r = await gradeQuiz(q as unknown as GradingQuiz, answer, {
          predict: async (setup, command) => {
            const k = new Kernel({ seed: 1 });
            try {
              for (const s of setup) await k.run({ type: 'command', id: 'setup', source: s, allowError: true });
              const out = await k.run({ type: 'command', id: 'predict', source: command, allowError: true });
              return outputText(out.outputs);
            } finally {
              k.close();
            }
          },
        });
        if (r.correct) earned++;
        io.stdout(`퀴즈 ${q.id}: ${r.correct ? '✓' : '✗'} ${r.feedback}\n`);
      }
    }
  } finally {
    kernel.close();
  }
  const pct = total === 0 ? 100 : Math.round((earned / total) * 100);
  io.stdout(`점수 / score: ${earned}/${total} (${pct}%)\n`);
  return earned === total ? 0 : 1;
}
