// Podbook markdown ↔ the notebook model (docs/notebook-format.md, "Podbook markdown").
//
// parseNotebookMarkdown reads the strict spelling `content/` is written in; free-form study notes
// go through importer.ts instead. Fences whose info string names a cell type become cells; every
// other block stays in a markdown cell, sliced from the text byte for byte. The fence info is
// `<lang> <json attributes>`:
//   ```kubectl {"id":"run-hello"}        command cell (also sh, bash, shell, console, zsh)
//   ```output {"for":"run-hello"}        the book's output, attached as `expected` (with a final
//                                        newline, unless {"newline":false}: jsonpath prints none)
//   ```yaml {"file":"pod.yaml"}          manifest cell (file derived from kind and name if absent)
//   ```quiz / ```exercise                YAML bodies validated against schema.ts
// A fence with no language whose command lines all start with `kubectl` is a command cell too.
//
// Markdown cells carry no fence, so their ids are derived (`md-<n>-<heading slug>`) unless a
// marker line `<!-- cell {"id":"…"} -->` names one; toMarkdown writes that marker only when the
// derived id would differ or when two markdown cells follow each other (which would otherwise
// merge). Outputs and execution records are not part of the markdown spelling: they live in the
// .ipynb. So parse(toMarkdown(nb)) equals nb with outputs emptied and executions dropped.

import { parseDocument, stringify, type Document } from 'yaml';
import { readFrontmatter, writeFrontmatter } from './frontmatter';
import { commandId, manifestId, markdownId, uniqueId } from './ids';
import { defaultManifestFile, looksLikeManifest } from './manifest';
import { fenceFor, isFence, parseMarkdownTree, span, startLine, trimBlankLines } from './mdast';
import {
  CHECK_KINDS,
  ExerciseSchema,
  NOTEBOOK_FORMAT,
  QUIZ_KINDS,
  QuizSchema,
  fail,
  neverThrows,
  ok,
  validateNotebook,
  type Cell,
  type CommandCell,
  type Notebook,
  type NotebookIssue,
  type NotebookMeta,
  type Result,
} from './schema';

export const COMMAND_LANGS = ['kubectl', 'sh', 'bash', 'shell', 'console', 'zsh'] as const;

const MARKER = /^<!--\s*cell\s+(\{.*\})\s*-->$/;

/** A cell before ids are settled: `id` is the explicit one, if the text gave one. */
/** A cell whose id may still be unknown (distributes over the union, unlike a bare Omit). */
export type CellDraft = Cell extends infer C ? (C extends Cell ? Omit<C, 'id'> & { id?: string } : never) : never;

export type Draft =
  | { kind: 'cell'; cell: CellDraft; line: number }
  | { kind: 'output'; forId?: string; text: string; line: number };

export function parseFenceAttributes(meta: string | null | undefined, line: number): Result<Record<string, unknown>> {
  const text = (meta ?? '').trim();
  if (text === '') return ok({});
  try {
    const v: unknown = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return ok(v as Record<string, unknown>);
  } catch {
    // reported below
  }
  return fail({
    line,
    message: `코드 블록 속성은 JSON 객체여야 합니다 / fence attributes must be a JSON object, e.g. {"id":"get-pods"}: ${text}`,
  });
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The line (within the body) of the YAML node at `path`, or of the nearest ancestor that has one. */
function lineOfPath(doc: Document, body: string, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return lineOfOffset(body, node.range[0]);
  }
  return 1;
}

/** Parses a quiz or exercise YAML body; `firstLine` is the note line of the body's first line. */
export function parseYamlBody(
  type: 'quiz' | 'exercise',
  body: string,
  firstLine: number,
): Result<Record<string, unknown>> {
  const doc = parseDocument(body, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => ({
        line: firstLine + lineOfOffset(body, e.pos[0]) - 1,
        message: `${type} 본문이 올바른 YAML이 아닙니다 / the ${type} body is not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const value: unknown = doc.toJS();
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return fail({ line: firstLine, message: `${type} 본문은 YAML 객체여야 합니다 / the ${type} body must be a YAML mapping` });
  }
  const at = (path: (string | number)[]) => firstLine + lineOfPath(doc, body, path) - 1;
  const issues: NotebookIssue[] = [];
  const obj = value as Record<string, unknown>;
  if (type === 'quiz' && obj.kind !== undefined && !(QUIZ_KINDS as readonly unknown[]).includes(obj.kind)) {
    issues.push({
      line: at(['kind']),
      message: `알 수 없는 퀴즈 종류 "${String(obj.kind)}" / unknown quiz kind "${String(obj.kind)}" (known: ${QUIZ_KINDS.join(', ')})`,
    });
  }
  if (type === 'exercise' && Array.isArray(obj.checks)) {
    obj.checks.forEach((c: unknown, i) => {
      const k = (c as { kind?: unknown } | null)?.kind;
      if (!(CHECK_KINDS as readonly unknown[]).includes(k)) {
        issues.push({
          line: at(['checks', i, 'kind']),
          message: `알 수 없는 실습 검사 종류 "${String(k)}" / exercise check of unknown kind "${String(k)}" (known: ${CHECK_KINDS.join(', ')})`,
        });
      }
    });
  }
  if (issues.length > 0) return fail(issues);
  const r = (type === 'quiz' ? QuizSchema : ExerciseSchema).safeParse(value);
  if (!r.success) {
    return fail(
      r.error.issues.map((i) => ({
        line: at(i.path as (string | number)[]),
        message: `${type} ${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`,
      })),
    );
  }
  return ok(r.data as Record<string, unknown>);
}

/** Settles ids (explicit first, then derived ones made unique), attaches outputs, validates. */
export function finishNotebook(meta: NotebookMeta, drafts: Draft[]): Result<Notebook> {
  const errors: NotebookIssue[] = [];
  const used = new Set<string>();
  const cells: Cell[] = [];
  const lineOf = new Map<Cell, number>();
  for (const d of drafts) {
    if (d.kind !== 'cell' || d.cell.id === undefined) continue;
    if (used.has(d.cell.id)) errors.push({ line: d.line, message: `셀 id "${d.cell.id}"가 중복됩니다 / duplicate cell id "${d.cell.id}"` });
    used.add(d.cell.id);
  }
  const counters = { markdown: 0, command: 0, manifest: 0, quiz: 0, exercise: 0 };
  let last: Cell | undefined;
  for (const d of drafts) {
    if (d.kind === 'output') {
      const target = d.forId !== undefined ? cells.find((c) => c.id === d.forId) : last;
      if (!target || target.type !== 'command') {
        errors.push({
          line: d.line,
          message:
            d.forId !== undefined
              ? `output이 가리키는 명령 셀 "${d.forId}"이 앞에 없습니다 / output names no earlier command cell "${d.forId}"`
              : 'output 블록 앞에 명령 셀이 없습니다 / an output block must follow a command cell',
        });
      } else if (target.expected !== undefined) {
        errors.push({ line: d.line, message: `셀 "${target.id}"에 output이 두 번 있습니다 / cell "${target.id}" has two output blocks` });
      } else {
        (target as CommandCell).expected = d.text;
      }
      continue;
    }
    const c = d.cell;
    const n = ++counters[c.type];
    let id = c.id;
    if (id === undefined) {
      const base =
        c.type === 'markdown'
          ? markdownId(n, c.source)
          : c.type === 'command'
            ? commandId(n, c.source)
            : c.type === 'manifest'
              ? manifestId(n, c.file)
              : `${c.type}-${n}`;
      id = uniqueId(base, used);
    }
    const cell = { ...c, id } as Cell;
    cells.push(cell);
    lineOf.set(cell, d.line);
    last = cell;
  }
  if (errors.length > 0) return fail(errors);
  const nb = { format: NOTEBOOK_FORMAT, meta, cells };
  const v = validateNotebook(nb);
  if (!v.ok) {
    // point schema problems at the cell's line
    return fail(
      v.errors.map((e) => {
        const m = /^cells\.(\d+)\b/.exec(e.message);
        return m ? { line: lineOf.get(cells[Number(m[1])]), message: e.message } : e;
      }),
    );
  }
  return v;
}

function titleFromTree(text: string, tree: ReturnType<typeof parseMarkdownTree>): string | undefined {
  const headings = tree.children.filter((n) => n.type === 'heading');
  const h = headings.find((n) => n.type === 'heading' && n.depth === 1) ?? headings[0];
  if (!h) return undefined;
  const [s, e] = span(h);
  return text
    .slice(s, e)
    .replace(/^\s{0,3}#{1,6}\s*/, '')
    .replace(/\s#+\s*$/, '')
    .trim();
}

/** Podbook markdown → notebook. Never throws; problems come back with their line numbers. */
export function parseNotebookMarkdown(input: string): Result<Notebook> {
  return neverThrows('Podbook markdown', () => parseMarkdownUnsafe(input));
}

function parseMarkdownUnsafe(input: string): Result<Notebook> {
  const text = input.replace(/\r\n?/g, '\n');
  let tree;
  try {
    tree = parseMarkdownTree(text);
  } catch (e) {
    return fail({ message: `마크다운을 읽을 수 없습니다 / cannot parse the markdown: ${String(e)}` });
  }
  const errors: NotebookIssue[] = [];
  let meta: Partial<NotebookMeta> = {};
  const drafts: Draft[] = [];
  let mdStart = 0;
  let mdId: string | undefined;
  let mdLine = 1;

  const flush = (end: number) => {
    const source = trimBlankLines(text.slice(mdStart, end));
    if (source !== '' || mdId !== undefined) {
      drafts.push({ kind: 'cell', cell: { type: 'markdown', id: mdId, source }, line: mdLine });
    }
    mdId = undefined;
  };

  for (const node of tree.children) {
    const [s, e] = span(node);
    const line = startLine(node);
    if (node.type === 'yaml') {
      const r = readFrontmatter(node.value, line + 1);
      errors.push(...r.errors);
      meta = r.meta;
      mdStart = e;
      mdLine = node.position?.end.line ?? line;
      continue;
    }
    if (node.type === 'html') {
      const m = MARKER.exec(node.value.trim());
      if (m) {
        flush(s);
        const attrs = parseFenceAttributes(m[1], line);
        if (!attrs.ok) errors.push(...attrs.errors);
        else if (typeof attrs.value.id !== 'string') errors.push({ line, message: 'cell 표시에 id가 없습니다 / the cell marker has no "id"' });
        else mdId = attrs.value.id;
        mdStart = e;
        mdLine = line + 1;
      }
      continue;
    }
    if (!isFence(node, text)) continue;
    const lang = (node.lang ?? '').toLowerCase();
    const attrsR = parseFenceAttributes(node.meta, line);
    if (!attrsR.ok) {
      errors.push(...attrsR.errors);
      continue;
    }
    const attrs = attrsR.value;
    const body = node.value;
    const id = typeof attrs.id === 'string' ? attrs.id : undefined;
    let draft: Draft | undefined;

    if ((COMMAND_LANGS as readonly string[]).includes(lang) || (lang === '' && isBareKubectl(body))) {
      const interactive = attrs.interactive;
      if (interactive !== undefined && !(Array.isArray(interactive) && interactive.every((x) => typeof x === 'string'))) {
        errors.push({ line, message: '"interactive"는 문자열 목록이어야 합니다 / "interactive" must be a list of strings' });
        continue;
      }
      draft = {
        kind: 'cell',
        line,
        cell: {
          type: 'command',
          id,
          source: body,
          lang: lang === 'kubectl' || lang === '' ? 'kubectl' : 'sh',
          ...(interactive !== undefined ? { interactive: interactive as string[] } : {}),
          ...(attrs.allowError === true ? { allowError: true } : {}),
          outputs: [],
        },
      };
    } else if (lang === 'output') {
      // a terminal's output ends with a newline; {"newline":false} marks one that did not (jsonpath)
      draft = { kind: 'output', forId: typeof attrs.for === 'string' ? attrs.for : undefined, text: attrs.newline === false ? body : `${body}\n`, line };
    } else if ((lang === 'yaml' || lang === 'yml') && (typeof attrs.file === 'string' || looksLikeManifest(body))) {
      const n = drafts.filter((d) => d.kind === 'cell' && d.cell.type === 'manifest').length + 1;
      draft = {
        kind: 'cell',
        line,
        cell: { type: 'manifest', id, file: typeof attrs.file === 'string' ? attrs.file : defaultManifestFile(body, n), source: body, outputs: [] },
      };
    } else if (lang === 'quiz' || lang === 'exercise') {
      const r = parseYamlBody(lang, body, line + 1);
      if (!r.ok) {
        errors.push(...r.errors);
        continue;
      }
      const bodyId = r.value.id as string;
      draft =
        lang === 'quiz'
          ? { kind: 'cell', line, cell: { type: 'quiz', id: id ?? bodyId, quiz: r.value as never } }
          : { kind: 'cell', line, cell: { type: 'exercise', id: id ?? bodyId, exercise: r.value as never } };
    }
    if (!draft) continue; // any other fence is prose
    flush(s);
    drafts.push(draft);
    mdStart = e;
    mdLine = node.position?.end.line ?? line;
  }
  flush(text.length);
  if (errors.length > 0) return fail(errors);

  const title = meta.title ?? titleFromTree(text, tree) ?? '제목 없음';
  return finishNotebook({ ...meta, title } as NotebookMeta, drafts);
}

/** A language-less block whose command lines all start with `kubectl` (comments and blanks aside). */
function isBareKubectl(body: string): boolean {
  const lines = body.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return lines.length > 0 && lines.every((l, i) => /^kubectl\s/.test(l) || (i > 0 && /\\$/.test(lines[i - 1])));
}

function fence(lang: string, attrs: Record<string, unknown>, body: string): string {
  const f = fenceFor(body);
  const a = Object.keys(attrs).length > 0 ? ` ${JSON.stringify(attrs)}` : '';
  return `${f}${lang}${a}\n${body}\n${f}`;
}

/** The model as Podbook markdown. Outputs and execution records are left to the .ipynb. */
export function toMarkdown(nb: Notebook): string {
  const parts: string[] = [];
  const counters = { markdown: 0, command: 0, manifest: 0, quiz: 0, exercise: 0 };
  let prev: Cell | undefined;
  for (const c of nb.cells) {
    const n = ++counters[c.type];
    switch (c.type) {
      case 'markdown': {
        const derived = markdownId(n, c.source);
        if (prev?.type === 'markdown' || derived !== c.id || c.source.trim() === '' || MARKER.test(c.source.trim())) {
          parts.push(`<!-- cell ${JSON.stringify({ id: c.id })} -->`);
        }
        if (c.source !== '') parts.push(c.source);
        break;
      }
      case 'command': {
        const attrs: Record<string, unknown> = { id: c.id };
        if (c.interactive) attrs.interactive = c.interactive;
        if (c.allowError) attrs.allowError = true;
        parts.push(fence(c.lang, attrs, c.source));
        if (c.expected !== undefined) {
          const eol = c.expected.endsWith('\n');
          parts.push(fence('output', eol ? { for: c.id } : { for: c.id, newline: false }, eol ? c.expected.slice(0, -1) : c.expected));
        }
        break;
      }
      case 'manifest':
        parts.push(fence('yaml', { file: c.file, id: c.id }, c.source));
        break;
      case 'quiz':
        parts.push(fence('quiz', c.id === c.quiz.id ? {} : { id: c.id }, stringify(c.quiz, { lineWidth: 0 }).replace(/\n$/, '')));
        break;
      case 'exercise':
        parts.push(
          fence('exercise', c.id === c.exercise.id ? {} : { id: c.id }, stringify(c.exercise, { lineWidth: 0 }).replace(/\n$/, '')),
        );
        break;
    }
    prev = c;
  }
  return `${writeFrontmatter(nb.meta)}\n${parts.join('\n\n')}\n`;
}
