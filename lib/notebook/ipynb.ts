// The notebook model ↔ Jupyter's nbformat 4.5 (docs/notebook-format.md, ".ipynb").
//
// Markdown cells → `markdown`; command and manifest cells → `code` cells with their source as
// written and outputs as nbformat stream/error outputs, `execution_count` from execution.count;
// quizzes and exercises → `raw` cells holding their YAML body. What nbformat has no field for
// (a command's lang, expected output, interactive lines, the run's duration and exit code; a
// manifest's file) goes in the cell's `metadata.podbook`, and the notebook's meta in the
// notebook's `metadata.podbook`, so fromIpynb(toIpynb(nb)) restores the model exactly. Sources
// and stream texts are written as lists of lines, as Jupyter itself saves them.
//
// fromIpynb also reads notebooks Podbook did not write: code cells become command cells,
// execute_result/display_data outputs keep their text/plain as stdout, other raw cells become
// markdown, and missing or invalid ids are derived.

import { stringify } from 'yaml';
import { z } from 'zod';
import { commandLang } from './commands';
import { finishNotebook, parseYamlBody, type Draft } from './markdown';
import {
  CELL_ID_MAX,
  CELL_ID_PATTERN,
  ExecutionSchema,
  NotebookMetaSchema,
  fail,
  neverThrows,
  type Cell,
  type Notebook,
  type NotebookIssue,
  type Output,
  type Result,
} from './schema';

export const KERNELSPEC = { name: 'podbook', display_name: 'Podbook (kubectl)', language: 'shell' } as const;

type MultilineString = string | string[];

export interface IpynbOutput {
  output_type: string;
  [key: string]: unknown;
}

export interface IpynbCell {
  cell_type: 'markdown' | 'code' | 'raw';
  id: string;
  metadata: Record<string, unknown>;
  source: MultilineString;
  outputs?: IpynbOutput[];
  execution_count?: number | null;
}

export interface Ipynb {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** Jupyter's multiline-string list: every line keeps its `\n`, the last one has none. */
export function toLines(text: string): string[] {
  if (text === '') return [];
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const fromLines = (s: MultilineString | undefined): string => (Array.isArray(s) ? s.join('') : (s ?? ''));

function outputToIpynb(o: Output): IpynbOutput {
  return o.output_type === 'stream'
    ? { output_type: 'stream', name: o.name, text: toLines(o.text) }
    : { output_type: 'error', ename: o.ename, evalue: o.evalue, traceback: o.traceback };
}

function yamlBody(value: object): string {
  return stringify(value, { lineWidth: 0 }).replace(/\n$/, '');
}

export function toIpynb(nb: Notebook): Ipynb {
  const cells: IpynbCell[] = nb.cells.map((c): IpynbCell => {
    switch (c.type) {
      case 'markdown':
        return { cell_type: 'markdown', id: c.id, metadata: {}, source: toLines(c.source) };
      case 'command': {
        const podbook: Record<string, unknown> = { type: 'command', lang: c.lang };
        if (c.expected !== undefined) podbook.expected = c.expected;
        if (c.interactive !== undefined) podbook.interactive = c.interactive;
        if (c.allowError) podbook.allowError = true;
        if (c.execution) podbook.execution = executionMeta(c.execution);
        return {
          cell_type: 'code',
          id: c.id,
          metadata: { podbook },
          source: toLines(c.source),
          outputs: c.outputs.map(outputToIpynb),
          execution_count: c.execution?.count ?? null,
        };
      }
      case 'manifest': {
        const podbook: Record<string, unknown> = { type: 'manifest', file: c.file };
        if (c.execution) podbook.execution = executionMeta(c.execution);
        return {
          cell_type: 'code',
          id: c.id,
          metadata: { podbook },
          source: toLines(c.source),
          outputs: c.outputs.map(outputToIpynb),
          execution_count: c.execution?.count ?? null,
        };
      }
      case 'quiz':
        return { cell_type: 'raw', id: c.id, metadata: { podbook: { type: 'quiz' } }, source: toLines(yamlBody(c.quiz)) };
      case 'exercise':
        return { cell_type: 'raw', id: c.id, metadata: { podbook: { type: 'exercise' } }, source: toLines(yamlBody(c.exercise)) };
    }
  });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { ...KERNELSPEC },
      language_info: { name: 'shell' },
      podbook: { format: nb.format, meta: nb.meta },
    },
    cells,
  };
}

/** Execution facts nbformat has no field for (the count is `execution_count`). */
function executionMeta(e: NonNullable<Extract<Cell, { type: 'command' }>['execution']>): Record<string, unknown> {
  const m: Record<string, unknown> = { durationMs: e.durationMs, exitCode: e.exitCode };
  if (e.startedAt !== undefined) m.startedAt = e.startedAt;
  return m;
}

/** The notebook as .ipynb text: JSON indented by one space with a final newline, as Jupyter writes it. */
export function toIpynbText(nb: Notebook): string {
  return JSON.stringify(toIpynb(nb), null, 1) + '\n';
}

// ---------------------------------------------------------------------------------------------
// Reading

const Multiline = z.union([z.string(), z.array(z.string())]);

const IpynbShape = z.looseObject({
  nbformat: z.number(),
  nbformat_minor: z.number().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  cells: z.array(
    z.looseObject({
      cell_type: z.string(),
      id: z.string().optional(),
      metadata: z.record(z.string(), z.unknown()).optional(),
      source: Multiline,
      outputs: z.array(z.looseObject({ output_type: z.string() })).optional(),
      execution_count: z.number().nullable().optional(),
    }),
  ),
});

const PodbookCellMeta = z.looseObject({
  type: z.enum(['command', 'manifest', 'quiz', 'exercise']).optional(),
  lang: z.enum(['kubectl', 'sh']).optional(),
  expected: z.string().optional(),
  interactive: z.array(z.string()).optional(),
  allowError: z.boolean().optional(),
  file: z.string().optional(),
  execution: z.looseObject({ durationMs: z.number(), exitCode: z.number(), startedAt: z.string().optional() }).optional(),
});

function outputFromIpynb(o: Record<string, unknown>): Output | undefined {
  switch (o.output_type) {
    case 'stream':
      return { output_type: 'stream', name: o.name === 'stderr' ? 'stderr' : 'stdout', text: fromLines(o.text as MultilineString) };
    case 'error':
      return {
        output_type: 'error',
        ename: String(o.ename ?? ''),
        evalue: String(o.evalue ?? ''),
        traceback: Array.isArray(o.traceback) ? o.traceback.map(String) : [],
      };
    case 'execute_result':
    case 'display_data': {
      const data = o.data as Record<string, MultilineString> | undefined;
      const text = data?.['text/plain'];
      return text === undefined ? undefined : { output_type: 'stream', name: 'stdout', text: fromLines(text) };
    }
    default:
      return undefined;
  }
}

/** .ipynb (parsed JSON or its text) → notebook. Never throws. */
export function fromIpynb(input: unknown): Result<Notebook> {
  return neverThrows('.ipynb', () => fromIpynbUnsafe(input));
}

function fromIpynbUnsafe(input: unknown): Result<Notebook> {
  let json = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (e) {
      return fail({ message: `.ipynb가 올바른 JSON이 아닙니다 / the .ipynb is not valid JSON: ${(e as Error).message}` });
    }
  }
  const shape = IpynbShape.safeParse(json);
  if (!shape.success) {
    return fail({ message: `.ipynb 형식이 아닙니다 / not an nbformat notebook: ${shape.error.issues[0]?.path.join('.')}: ${shape.error.issues[0]?.message}` });
  }
  const ipynb = shape.data;
  if (ipynb.nbformat !== 4) return fail({ message: `nbformat ${ipynb.nbformat}은 지원하지 않습니다 / only nbformat 4 is supported` });

  const errors: NotebookIssue[] = [];
  const podbookNb = (ipynb.metadata?.podbook ?? {}) as { meta?: unknown };
  const metaR = NotebookMetaSchema.safeParse(podbookNb.meta);
  const seen = new Set<string>();
  const drafts: Draft[] = [];
  ipynb.cells.forEach((cell, index) => {
    const where = `cells[${index}]`;
    const source = fromLines(cell.source);
    // keep a valid, unique id; otherwise let finishNotebook derive one
    const id =
      cell.id !== undefined && CELL_ID_PATTERN.test(cell.id) && cell.id.length <= CELL_ID_MAX && !seen.has(cell.id) ? cell.id : undefined;
    if (id) seen.add(id);
    const pm = PodbookCellMeta.safeParse((cell.metadata ?? {}).podbook ?? {});
    if (!pm.success) {
      errors.push({ message: `${where}: metadata.podbook: ${pm.error.issues[0]?.message}` });
      return;
    }
    const p = pm.data;
    const line = index + 1;
    if (cell.cell_type === 'code') {
      const outputs = (cell.outputs ?? []).flatMap((o) => {
        const out = outputFromIpynb(o);
        return out ? [out] : [];
      });
      const ex =
        typeof cell.execution_count === 'number'
          ? ExecutionSchema.safeParse({
              count: cell.execution_count,
              durationMs: p.execution?.durationMs ?? 0,
              exitCode: p.execution?.exitCode ?? 0,
              ...(p.execution?.startedAt !== undefined ? { startedAt: p.execution.startedAt } : {}),
            })
          : undefined;
      if (ex && !ex.success) {
        errors.push({ message: `${where}: execution: ${ex.error.issues[0]?.path.join('.')}: ${ex.error.issues[0]?.message}` });
        return;
      }
      const execution = ex?.data;
      if (p.type === 'manifest') {
        if (!p.file) {
          errors.push({ message: `${where}: manifest 셀에 file이 없습니다 / a manifest cell needs metadata.podbook.file` });
          return;
        }
        drafts.push({ kind: 'cell', line, cell: { type: 'manifest', id, file: p.file, source, outputs, ...(execution ? { execution } : {}) } });
      } else {
        drafts.push({
          kind: 'cell',
          line,
          cell: {
            type: 'command',
            id,
            source,
            lang: p.lang ?? commandLang(source),
            ...(p.expected !== undefined ? { expected: p.expected } : {}),
            ...(p.interactive !== undefined ? { interactive: p.interactive } : {}),
            ...(p.allowError ? { allowError: true } : {}),
            outputs,
            ...(execution ? { execution } : {}),
          },
        });
      }
    } else if (cell.cell_type === 'raw' && (p.type === 'quiz' || p.type === 'exercise')) {
      const r = parseYamlBody(p.type, source, 1);
      if (!r.ok) {
        errors.push(...r.errors.map((e) => ({ message: `${where}: ${e.line !== undefined ? `line ${e.line}: ` : ''}${e.message}` })));
        return;
      }
      drafts.push(
        p.type === 'quiz'
          ? { kind: 'cell', line, cell: { type: 'quiz', id: id ?? (r.value.id as string), quiz: r.value as never } }
          : { kind: 'cell', line, cell: { type: 'exercise', id: id ?? (r.value.id as string), exercise: r.value as never } },
      );
    } else {
      drafts.push({ kind: 'cell', line, cell: { type: 'markdown', id, source } });
    }
  });
  if (errors.length > 0) return fail(errors);
  const meta = metaR.success ? metaR.data : { title: titleOf(ipynb.metadata, drafts) };
  return finishNotebook(meta, drafts);
}

function titleOf(metadata: Record<string, unknown> | undefined, drafts: Draft[]): string {
  if (typeof metadata?.title === 'string' && metadata.title) return metadata.title;
  for (const d of drafts) {
    if (d.kind === 'cell' && d.cell.type === 'markdown') {
      const m = /^\s{0,3}#{1,6}\s+(.+)$/m.exec(d.cell.source);
      if (m) return m[1].trim();
    }
  }
  return '제목 없음';
}
