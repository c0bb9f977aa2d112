// The notebook model of docs/notebook-format.md as zod schemas: one definition that the server,
// the UI, the CLI, the kernel and the grader all import (as Srcbook shares its cell schemas and
// JupyterLab its nbformat types). Types are inferred from the schemas, never written twice.
//
// Cell ids follow nbformat 4.5's rule (`^[a-zA-Z0-9-_]+$`, 1–64 characters) so a notebook can be
// exported to .ipynb without renaming anything.

import { z } from 'zod';

export const NOTEBOOK_FORMAT = 'podbook/1' as const;

/** nbformat 4.5's cell id pattern (nbformat/v4/nbformat.v4.5.schema.json, "cell_id"). */
export const CELL_ID_PATTERN = /^[a-zA-Z0-9-_]+$/;
export const CELL_ID_MAX = 64;

export const CellIdSchema = z
  .string()
  .min(1)
  .max(CELL_ID_MAX)
  .regex(CELL_ID_PATTERN, { message: 'ids use only letters, digits, "-" and "_" (nbformat 4.5)' });

// ---------------------------------------------------------------------------------------------
// Outputs and execution (nbformat's stream and error outputs)

export const StreamOutputSchema = z.strictObject({
  output_type: z.literal('stream'),
  name: z.enum(['stdout', 'stderr']),
  text: z.string(),
});

export const ErrorOutputSchema = z.strictObject({
  output_type: z.literal('error'),
  ename: z.string(),
  evalue: z.string(),
  traceback: z.array(z.string()),
});

export const OutputSchema = z.discriminatedUnion('output_type', [StreamOutputSchema, ErrorOutputSchema]);

export const ExecutionSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  exitCode: z.number().int(),
  startedAt: z.string().optional(),
});

// ---------------------------------------------------------------------------------------------
// Quiz

export const QUIZ_KINDS = ['single', 'multiple', 'ordering', 'short', 'predict'] as const;

const QuizBase = z.strictObject({
  id: CellIdSchema,
  kind: z.enum(QUIZ_KINDS),
  question: z.string().min(1),
  choices: z.array(z.string()).optional(),
  answer: z.union([z.number().int(), z.array(z.number().int()), z.string(), z.array(z.string())]).optional(),
  command: z.string().optional(),
  setup: z.array(z.string()).optional(),
  explanation: z.string(),
  hint: z.string().optional(),
});

/** Index answers must point at a choice; `predict` has no stored answer but needs a command. */
export const QuizSchema = QuizBase.superRefine((q, ctx) => {
  const n = q.choices?.length ?? 0;
  const isIndex = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < n;
  const issue = (message: string, path: string[]) => ctx.addIssue({ code: 'custom', message, path });
  switch (q.kind) {
    case 'single':
      if (n < 2) issue('a single-choice quiz needs at least two choices', ['choices']);
      if (!isIndex(q.answer)) issue('answer must be the index of one choice', ['answer']);
      break;
    case 'multiple':
      if (n < 2) issue('a multiple-choice quiz needs at least two choices', ['choices']);
      if (!Array.isArray(q.answer) || !(q.answer as unknown[]).every(isIndex))
        issue('answer must be a list of choice indices', ['answer']);
      break;
    case 'ordering':
      if (n < 2) issue('an ordering quiz needs at least two choices', ['choices']);
      if (
        !Array.isArray(q.answer) ||
        q.answer.length !== n ||
        !(q.answer as unknown[]).every(isIndex) ||
        new Set(q.answer as unknown[]).size !== n
      )
        issue('answer must list every choice index once, in the right order', ['answer']);
      break;
    case 'short':
      if (!(typeof q.answer === 'string' || (Array.isArray(q.answer) && q.answer.length > 0 && (q.answer as unknown[]).every((a) => typeof a === 'string'))))
        issue('answer must be the accepted answer or a list of them', ['answer']);
      break;
    case 'predict':
      if (!q.command) issue('a predict quiz needs the command whose output is predicted', ['command']);
      if (q.answer !== undefined) issue('a predict quiz has no stored answer: the simulator computes it', ['answer']);
      break;
  }
});

// ---------------------------------------------------------------------------------------------
// Exercise checks

export const CHECK_KINDS = ['exists', 'jsonpath', 'podsReady', 'selectorMatches', 'http', 'hostnameIsPod'] as const;
export const JSONPATH_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'contains', 'matches'] as const;

const checkCommon = {
  id: CellIdSchema,
  description: z.string().min(1),
  hint: z.string().optional(),
};

export const CheckSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...checkCommon,
    kind: z.literal('exists'),
    resource: z.string().min(1),
    name: z.string().min(1),
    namespace: z.string().optional(),
  }),
  z.strictObject({
    ...checkCommon,
    kind: z.literal('jsonpath'),
    resource: z.string().min(1),
    name: z.string().min(1),
    namespace: z.string().optional(),
    path: z.string().min(1),
    op: z.enum(JSONPATH_OPS),
    value: z.union([z.string(), z.number()]),
  }),
  z.strictObject({
    ...checkCommon,
    kind: z.literal('podsReady'),
    selector: z.string().min(1),
    count: z.number().int().nonnegative(),
    namespace: z.string().optional(),
  }),
  z.strictObject({
    ...checkCommon,
    kind: z.literal('selectorMatches'),
    resource: z.string().min(1),
    selector: z.string().min(1),
    count: z.number().int().nonnegative(),
    namespace: z.string().optional(),
  }),
  z.strictObject({
    ...checkCommon,
    kind: z.literal('http'),
    target: z.string().regex(/^[a-z]+\/.+$/, { message: 'target is kind/name, e.g. deploy/web' }),
    port: z.number().int().min(1).max(65535),
    path: z.string().optional(),
    contains: z.string(),
    namespace: z.string().optional(),
  }),
  z.strictObject({
    ...checkCommon,
    kind: z.literal('hostnameIsPod'),
    target: z.string().regex(/^[a-z]+\/.+$/, { message: 'target is kind/name, e.g. deploy/whoami' }),
    port: z.number().int().min(1).max(65535),
    path: z.string().optional(),
  }),
]);

export const ExerciseSchema = z.strictObject({
  id: CellIdSchema,
  title: z.string().min(1),
  task: z.string().min(1),
  hints: z.array(z.string()).optional(),
  checks: z.array(CheckSchema).min(1),
  solution: z.array(z.string()).optional(),
});

// ---------------------------------------------------------------------------------------------
// Cells

export const MarkdownCellSchema = z.strictObject({
  type: z.literal('markdown'),
  id: CellIdSchema,
  source: z.string(),
});

export const CommandCellSchema = z.strictObject({
  type: z.literal('command'),
  id: CellIdSchema,
  source: z.string(),
  lang: z.enum(['kubectl', 'sh']),
  expected: z.string().optional(),
  interactive: z.array(z.string()).optional(),
  /** the command is meant to fail (a note showing an error): a non-zero exit is not a failure */
  allowError: z.boolean().optional(),
  outputs: z.array(OutputSchema),
  execution: ExecutionSchema.optional(),
});

export const ManifestCellSchema = z.strictObject({
  type: z.literal('manifest'),
  id: CellIdSchema,
  /** relative path the kernel saves the YAML under, so `kubectl apply -f <file>` finds it */
  file: z
    .string()
    .min(1)
    .refine((f) => !f.startsWith('/') && !f.split('/').includes('..'), {
      message: 'file is a relative path inside the notebook folder',
    }),
  source: z.string(),
  outputs: z.array(OutputSchema),
  execution: ExecutionSchema.optional(),
});

export const QuizCellSchema = z.strictObject({
  type: z.literal('quiz'),
  id: CellIdSchema,
  quiz: QuizSchema,
});

export const ExerciseCellSchema = z.strictObject({
  type: z.literal('exercise'),
  id: CellIdSchema,
  exercise: ExerciseSchema,
});

export const CellSchema = z.discriminatedUnion('type', [
  MarkdownCellSchema,
  CommandCellSchema,
  ManifestCellSchema,
  QuizCellSchema,
  ExerciseCellSchema,
]);

export const NotebookMetaSchema = z.strictObject({
  title: z.string(),
  book: z.string().optional(),
  /** as written: `2` in content/, `6.1 - 6.2` in a study note's frontmatter */
  chapter: z.union([z.string(), z.number()]).optional(),
  section: z.string().optional(),
  /** 발제: who presented the chapter */
  presenter: z.string().optional(),
  /** 일자: kept as written (`24.09.28`), not reinterpreted */
  date: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** where the notebook came from (the imported note's file name) */
  source: z.string().optional(),
  /** frontmatter keys Podbook does not know, kept as written */
  extra: z.record(z.string(), z.string()).optional(),
});

export const NotebookSchema = z
  .strictObject({
    format: z.literal(NOTEBOOK_FORMAT),
    meta: NotebookMetaSchema,
    cells: z.array(CellSchema),
  })
  .superRefine((nb, ctx) => {
    const seen = new Set<string>();
    nb.cells.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `duplicate cell id "${c.id}"`, path: ['cells', i, 'id'] });
      seen.add(c.id);
    });
  });

export type StreamOutput = z.infer<typeof StreamOutputSchema>;
export type ErrorOutput = z.infer<typeof ErrorOutputSchema>;
export type Output = z.infer<typeof OutputSchema>;
export type Execution = z.infer<typeof ExecutionSchema>;
export type QuizKind = (typeof QUIZ_KINDS)[number];
export type Quiz = z.infer<typeof QuizSchema>;
export type CheckKind = (typeof CHECK_KINDS)[number];
export type Check = z.infer<typeof CheckSchema>;
export type Exercise = z.infer<typeof ExerciseSchema>;
export type MarkdownCell = z.infer<typeof MarkdownCellSchema>;
export type CommandCell = z.infer<typeof CommandCellSchema>;
export type ManifestCell = z.infer<typeof ManifestCellSchema>;
export type QuizCell = z.infer<typeof QuizCellSchema>;
export type ExerciseCell = z.infer<typeof ExerciseCellSchema>;
export type Cell = z.infer<typeof CellSchema>;
export type CellType = Cell['type'];
export type NotebookMeta = z.infer<typeof NotebookMetaSchema>;
export type Notebook = z.infer<typeof NotebookSchema>;

// ---------------------------------------------------------------------------------------------
// Results and guards

/** Where a problem is: 1-based line in the source text, when there is one. */
export interface NotebookIssue {
  line?: number;
  message: string;
}

/** Parsers return results, never throw (as Srcbook's markdown decoder does). */
export type Result<T> = { ok: true; value: T; warnings: NotebookIssue[] } | { ok: false; errors: NotebookIssue[] };

export function ok<T>(value: T, warnings: NotebookIssue[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(errors: NotebookIssue[] | NotebookIssue): Result<T> {
  return { ok: false, errors: Array.isArray(errors) ? errors : [errors] };
}

/**
 * Runs a parser and turns an unexpected exception into a failed result, so the public parsers
 * keep their promise never to throw (a bug shows up as a message, not a crashed server).
 */
export function neverThrows<T>(what: string, f: () => Result<T>): Result<T> {
  try {
    return f();
  } catch (e) {
    return fail({ message: `${what}: 예상하지 못한 오류 / unexpected error: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** `line 12: message` or just the message, one per line, for CLIs and tests. */
export function formatIssues(issues: NotebookIssue[]): string {
  return issues.map((i) => (i.line !== undefined ? `line ${i.line}: ${i.message}` : i.message)).join('\n');
}

/** zod's issues as one readable line each: `cells.3.id: duplicate cell id "x"`. */
export function zodIssues(error: z.ZodError, line?: number): NotebookIssue[] {
  return error.issues.map((i) => ({
    line,
    message: `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`,
  }));
}

/** Validates anything against the notebook schema. */
export function validateNotebook(value: unknown): Result<Notebook> {
  const r = NotebookSchema.safeParse(value);
  return r.success ? ok(r.data) : fail(zodIssues(r.error));
}

export const isNotebook = (v: unknown): v is Notebook => NotebookSchema.safeParse(v).success;
export const isCell = (v: unknown): v is Cell => CellSchema.safeParse(v).success;
export const isMarkdownCell = (c: Cell): c is MarkdownCell => c.type === 'markdown';
export const isCommandCell = (c: Cell): c is CommandCell => c.type === 'command';
export const isManifestCell = (c: Cell): c is ManifestCell => c.type === 'manifest';
export const isQuizCell = (c: Cell): c is QuizCell => c.type === 'quiz';
export const isExerciseCell = (c: Cell): c is ExerciseCell => c.type === 'exercise';
/** Cells the kernel runs: commands and manifests. */
export const isRunnableCell = (c: Cell): c is CommandCell | ManifestCell => c.type === 'command' || c.type === 'manifest';
