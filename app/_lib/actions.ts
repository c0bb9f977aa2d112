'use server';
// Server actions the notebook pages call: quiz grading (a predict quiz needs a fresh simulator),
// exercise checks against the reader's own kernel, .ipynb export with the outputs of this
// session, and importing a pasted or uploaded note. Each is a thin call into lib/*.
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { gradeQuiz, runChecks, type ExerciseResult, type QuizAnswer, type QuizResult } from '@/lib/grading';
import type { Exercise as GradingExercise, Quiz as GradingQuiz } from '@/lib/grading';
import { importNote, parseNotebookMarkdown, toIpynbText, type Execution, type Notebook, type Output } from '@/lib/notebook';
import { Kernel } from '@/lib/runtime/kernel';
import { getRegistry } from '@/lib/runtime/registry';
import { SESSION_COOKIE } from '@/lib/realtime/http';
import { loadChapter } from './content';
import { getImported, saveImported } from './imported';

/** Runs a predict quiz's setup and command on a fresh simulated cluster (virtual time). */
async function predictOutput(setup: string[], command: string): Promise<string> {
  const k = new Kernel({ seed: 1 });
  try {
    let i = 0;
    for (const line of setup) await k.run({ type: 'command', id: `setup-${i++}`, source: line, allowError: true });
    const r = await k.run({ type: 'command', id: 'predict', source: command, allowError: true });
    return r.outputs.map((o) => (o.output_type === 'stream' ? o.text : '')).join('');
  } finally {
    k.close();
  }
}

/** The same limits the kernel API applies to a command (app/api/README.md): 4 KiB a line. */
const MAX_COMMAND_BYTES = 4096;
const MAX_SETUP_LINES = 20;

export async function gradeQuizAction(quiz: GradingQuiz, answer: QuizAnswer): Promise<QuizResult> {
  // the quiz comes from the page, so a predict quiz's commands are bounded before they run
  const lines = [...(quiz.setup ?? []), quiz.command ?? ''];
  if ((quiz.setup?.length ?? 0) > MAX_SETUP_LINES || lines.some((l) => Buffer.byteLength(l, 'utf8') > MAX_COMMAND_BYTES)) {
    return { correct: false, feedback: '이 퀴즈는 너무 길어서 채점할 수 없습니다.', explanation: quiz.explanation };
  }
  return gradeQuiz(quiz, answer, { predict: predictOutput });
}

export type GradeExerciseResult = { ok: true; result: ExerciseResult } | { ok: false; message: string };

/** Checks the exercise against the cluster of the reader's kernel (only their own kernel). */
export async function gradeExerciseAction(kernelId: string | undefined, exercise: GradingExercise): Promise<GradeExerciseResult> {
  if (!kernelId) return { ok: false, message: '아직 클러스터가 없습니다. 먼저 셀을 하나 실행하세요.' };
  const registry = await getRegistry();
  const entry = registry.peek(kernelId);
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!entry || entry.session !== session) {
    return { ok: false, message: '이 클러스터를 찾을 수 없습니다(만료되었을 수 있습니다). 셀을 다시 실행한 뒤 채점하세요.' };
  }
  registry.get(kernelId); // touch: grading is use
  const result = await runChecks(exercise, entry.kernel.client, { now: Date.now });
  return { ok: true, result };
}

export interface CellRunRecord {
  outputs: Output[];
  execution?: Execution;
}

/** The notebook as .ipynb (nbformat 4.5) with this session's outputs where a cell ran. */
export async function exportIpynbAction(
  source: { chapter: string } | { imported: string },
  runs: Record<string, CellRunRecord>,
  edits: Record<string, string>,
): Promise<{ ok: true; fileName: string; text: string } | { ok: false; message: string }> {
  let nb: Notebook | undefined;
  let name: string;
  if ('chapter' in source) {
    const r = loadChapter(source.chapter);
    nb = r?.ok ? r.notebook : undefined;
    name = source.chapter;
  } else {
    nb = getImported(source.imported);
    name = `imported-${source.imported}`;
  }
  if (!nb) return { ok: false, message: '노트북을 찾을 수 없습니다.' };
  const cells = nb.cells.map((c) => {
    if (c.type !== 'command' && c.type !== 'manifest') return c;
    const run = runs[c.id];
    const edited = c.type === 'manifest' && typeof edits[c.id] === 'string' ? { source: edits[c.id] } : {};
    if (!run) return { ...c, ...edited };
    const { execution: _old, ...rest } = c;
    return { ...rest, ...edited, outputs: run.outputs, ...(run.execution ? { execution: run.execution } : {}) };
  });
  try {
    return { ok: true, fileName: `${name}.ipynb`, text: toIpynbText({ ...nb, cells } as Notebook) };
  } catch (e) {
    return { ok: false, message: `내보내지 못했습니다: ${e instanceof Error ? e.message : String(e)}` };
  }
}

export interface ImportState {
  errors: string[];
}

const MAX_NOTE_BYTES = 512 * 1024;

/** A pasted or uploaded note → a notebook kept in this server's memory → its page. */
export async function importAction(_prev: ImportState, form: FormData): Promise<ImportState> {
  let text = String(form.get('text') ?? '');
  let fileName: string | undefined;
  const file = form.get('file');
  if (file && typeof file === 'object' && 'text' in file && file.size > 0) {
    if (file.size > MAX_NOTE_BYTES) return { errors: ['파일이 너무 큽니다(최대 512 KiB).'] };
    text = await file.text();
    fileName = file.name;
  }
  if (!text.trim()) return { errors: ['노트를 붙여 넣거나 파일을 골라 주세요.'] };
  if (Buffer.byteLength(text, 'utf8') > MAX_NOTE_BYTES) return { errors: ['노트가 너무 깁니다(최대 512 KiB).'] };
  // Podbook markdown (fences with ids) reads exactly; anything else goes through the free-form importer
  const exact = /```(?:kubectl|sh|yaml|output)\s+\{/.test(text) ? parseNotebookMarkdown(text) : undefined;
  const r = exact?.ok ? exact : importNote(text, { fileName });
  if (!r.ok) return { errors: r.errors.map((e) => (e.line !== undefined ? `${e.line}번째 줄: ${e.message}` : e.message)) };
  const id = saveImported(r.value);
  redirect(`/import/${id}`);
}
