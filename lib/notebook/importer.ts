// Free-form study notes → notebook. The five notes in ../shared/seeds are the specification:
//
// * Frontmatter with Korean keys (`챕터`, `발제`, `일자`) → meta.chapter/presenter/date; other keys
//   → meta.extra, as written (frontmatter.ts).
// * Prose — headings, lists, Obsidian callouts (`> [!NOTE]`, `> [!TIP] 제목`), `[[wikilinks]]`,
//   `*ref.* [[…pdf#page=51]]`, images (`![](…)`, `![[….png]]`), `Cmd` markers — stays markdown,
//   sliced from the note byte for byte. A fence inside a callout is part of the callout.
// * Top-level fences:
//   - `yaml`/`yml`, or no language, holding `apiVersion:` and `kind:` → a manifest cell with the
//     text exactly as written (seed 003's tab-indented YAML included: running it shows the YAML
//     error). Its file is the one a later `kubectl apply|create -f F` names, seen from the
//     directory the manifest cell runs in (`cd ch02` then `-f pod.yaml` → `ch02/pod.yaml`), else
//     `<name>-<kind>.yaml`.
//   - `sh`/`bash`/`shell`/`console`/`zsh`/`kubectl`/`powershell`/… → command cells.
//   - no language: command cells when every line is a command, a comment or a continuation and one
//     runs kubectl or docker (a `Cmd` marker just before the fence drops the "every line" rule);
//     otherwise prose (seed 000 wraps its whole text in a fence).
//   A command block splits into one cell per command-and-output (commands.ts): `# 결과` starts the
//   output, prompts mark commands in a transcript, zsh's trailing `%` is removed; the output is
//   the cell's `expected`. After `kubectl exec -it POD -- sh`, lines at the container's prompt
//   (`/ # `, `root@pod:/# `) up to `exit` are the cell's `interactive` lines.
// * Fences nested in a list item or a callout are read the same way (strictly, as unlabeled ones
//   are); their cells come after that list or callout, which stays whole in the prose.
// * Inline commands: `kubectl …` (or `$ kubectl …`) in backticks in prose becomes a command cell right after that
//   block (a paragraph, a whole list, a callout), so the prose is never cut mid-list. Only complete
//   commands (a verb and an argument: `kubectl get pods`, not `kubectl run`) that the note does not
//   already run in a block. `<pod-name>`-style placeholders become the pod the note last created;
//   `kubectl exec -it POD` with no command gets `-- sh`, as the prose means a shell (`interactive`
//   then leaves it with `exit`). A rewritten command keeps the note's spelling in a comment line.
//   Commands still holding a placeholder are left in the prose and reported as warnings.
// * zsh's `%` after a note's last line (the file printed without a final newline) is dropped.
// * Ids come from content (ids.ts), so importing the same note twice gives the same ids.

import type { Code, RootContent } from 'mdast';
import { readFrontmatter } from './frontmatter';
import { commandLang, commandSegments, isCommandLine, promptedCommand, type Segment } from './commands';
import { finishNotebook, type Draft } from './markdown';
import { defaultManifestFile, looksLikeManifest, manifestInfo } from './manifest';
import { embeddedCode, isFence, parseMarkdownTree, span, startLine, trimBlankLines } from './mdast';
import { fail, neverThrows, type CommandCell, type ManifestCell, type Notebook, type NotebookIssue, type NotebookMeta, type Result } from './schema';

export interface ImportOptions {
  /** the note's file name, kept as meta.source and used as the title when the note has none */
  fileName?: string;
}

const SHELL_LANGS = ['sh', 'bash', 'shell', 'console', 'zsh', 'kubectl', 'terminal', 'powershell', 'pwsh', 'ps1', 'cmd', 'bat'];
const PLAIN_LANGS = ['', 'text', 'txt', 'plain', 'plaintext'];

/** kubectl verbs that are complete without an argument. */
const NO_ARG_VERBS = ['version', 'cluster-info', 'api-resources', 'api-versions'];

type CommandDraft = Omit<CommandCell, 'id'>;
type ManifestDraft = Omit<ManifestCell, 'id'>;

function normalizeCommand(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function commandLinesOf(source: string): string[] {
  return source
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A complete kubectl command: a verb and at least one argument (or a verb that needs none). */
function isCompleteKubectl(cmd: string): boolean {
  const words = cmd.trim().split(/\s+/).slice(1);
  const positional = words.filter((w) => !w.startsWith('-'));
  if (positional.length === 0) return false;
  return positional.length >= 2 || NO_ARG_VERBS.includes(positional[0]);
}

const POD_PLACEHOLDER = /<[^<>\n]*(?:pod|파드)[^<>\n]*>/gi;

/**
 * The note's last-created pod at this point, from `kubectl run NAME` and Pod manifests; used to
 * fill `<pod-name>` in inline commands.
 */
function podCreatedBy(cell: CommandDraft | ManifestDraft): string | undefined {
  if (cell.type === 'manifest') {
    const info = manifestInfo(cell.source);
    return info.kind === 'Pod' ? info.name : undefined;
  }
  let name: string | undefined;
  for (const l of commandLinesOf(cell.source)) {
    const m = /^kubectl\s+run\s+([a-z0-9][a-z0-9.-]*)/.exec(l);
    if (m) name = m[1];
  }
  return name;
}

/** Turns an inline `kubectl …` into a runnable cell, or explains why not. */
function inlineCommand(code: string, lastPod: string | undefined): { cell?: CommandDraft; warning?: string } {
  const original = normalizeCommand(code);
  let cmd = original;
  if (POD_PLACEHOLDER.test(cmd) && lastPod) cmd = cmd.replace(POD_PLACEHOLDER, lastPod);
  POD_PLACEHOLDER.lastIndex = 0;
  if (/<[^<>\n]+>/.test(cmd)) {
    return { warning: `본문의 \`${original}\`에는 채울 수 없는 자리표시자가 있어 셀로 만들지 않았습니다 / inline \`${original}\` keeps a placeholder and was not made a cell` };
  }
  let interactive: string[] | undefined;
  const words = cmd.split(' ');
  if (words[1] === 'exec' && !words.includes('--') && words.some((w) => /^-[a-z]*[it][a-z]*$|^--(stdin|tty)$/.test(w))) {
    cmd = `${cmd} -- sh`;
    interactive = ['exit'];
  }
  const source = cmd === original ? cmd : `# 노트 본문: ${original}\n${cmd}`;
  return { cell: { type: 'command', source, lang: 'kubectl', ...(interactive ? { interactive } : {}), outputs: [] } };
}

/** `cd` steps of a command cell, applied to a relative working directory (undefined once unknown). */
function applyCd(cwd: string[] | undefined, line: string): string[] | undefined {
  const m = /^cd(?:\s+(\S+))?\s*(?:[;&]|$)/.exec(line);
  if (!m) return cwd;
  const target = m[1];
  if (cwd === undefined || !target || target.startsWith('/') || target.startsWith('~') || target.includes('$')) return undefined;
  const next = [...cwd];
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (next.length === 0) return undefined;
      next.pop();
    } else next.push(seg);
  }
  return next;
}

/** Names later commands give manifest files, resolved against where each manifest runs. */
function assignManifestFiles(cells: (CommandDraft | ManifestDraft | { type: 'markdown'; source: string })[]): void {
  let cwd: string[] | undefined = [];
  const uses: { at: number; file: string; cwd: string[] | undefined }[] = [];
  const cwdAt: (string[] | undefined)[] = [];
  cells.forEach((c, i) => {
    cwdAt[i] = cwd;
    if (c.type !== 'command') return;
    for (const l of commandLinesOf(c.source)) {
      cwd = applyCd(cwd, l);
      const m = /^kubectl\s+(?:apply|create|replace)\b.*?\s(?:-f|--filename)(?:\s+|=)(\S+)/.exec(l);
      if (m && !m[1].includes('://') && m[1] !== '-' && /\.ya?ml$/i.test(m[1])) uses.push({ at: i, file: m[1], cwd });
    }
  });
  const claimed = new Set<number>();
  const files = new Set<string>();
  cells.forEach((c, i) => {
    if (c.type !== 'manifest') return;
    const here = cwdAt[i];
    const u = uses.findIndex((x, k) => x.at > i && !claimed.has(k));
    if (u >= 0 && here !== undefined) {
      const use = uses[u];
      const base = use.cwd;
      if (base !== undefined && base.length >= here.length && here.every((s, k) => base[k] === s)) {
        const file = [...base.slice(here.length), use.file.replace(/^\.\//, '')].join('/');
        if (!file.startsWith('/') && !file.split('/').includes('..') && !files.has(file)) {
          claimed.add(u);
          c.file = file;
          files.add(file);
          return;
        }
      }
    }
    let file = c.file;
    for (let k = 2; files.has(file); k++) file = c.file.replace(/\.ya?ml$/i, `-${k}.yaml`);
    c.file = file;
    files.add(file);
  });
}

function titleOf(text: string, nodes: RootContent[]): string | undefined {
  const headings = nodes.filter((n) => n.type === 'heading');
  const h = headings.find((n) => n.type === 'heading' && n.depth === 1) ?? headings[0];
  if (!h) return undefined;
  const [s, e] = span(h);
  const t = text.slice(s, e).replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s#+\s*$/, '').trim();
  return t || undefined;
}

/** A paragraph that is a `Cmd` marker (`Cmd **매니페스트 실행**`): the next fence is code, not prose. */
function isCmdMarker(node: RootContent, text: string): boolean {
  if (node.type !== 'paragraph') return false;
  const [s, e] = span(node);
  return /^Cmd\b/.test(text.slice(s, e));
}

/**
 * The cells a fence becomes: a manifest, command cells, or none (prose). `hinted`: a `Cmd`
 * marker stands just before it.
 */
function fenceToCells(node: Code, hinted: boolean): (CommandDraft | ManifestDraft)[] {
  const lang = (node.lang ?? '').toLowerCase();
  const body = node.value;
  const asCommands = (segs: Segment[]) =>
    segs.map((s): CommandDraft => ({
      type: 'command',
      source: s.source,
      lang: commandLang(s.source),
      ...(s.expected !== undefined ? { expected: s.expected } : {}),
      ...(s.interactive !== undefined ? { interactive: s.interactive } : {}),
      outputs: [],
    }));
  const manifest = (): ManifestDraft[] => [{ type: 'manifest', file: '', source: body, outputs: [] }];
  if (lang === 'yaml' || lang === 'yml') return looksLikeManifest(body) ? manifest() : [];
  if (SHELL_LANGS.includes(lang)) {
    const segs = commandSegments(body, false);
    return asCommands(segs.length > 0 ? segs : [{ source: trimBlankLines(body) }]);
  }
  if (!PLAIN_LANGS.includes(lang)) return [];
  // YAML first unless the block opens with a command (`kubectl apply -f - <<EOF` + YAML)
  const first = body.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  const segs = looksLikeManifest(body) && !isCommandLine(promptedCommand(first) ?? first) ? [] : commandSegments(body, !hinted);
  if (segs.length > 0) return asCommands(segs);
  return looksLikeManifest(body) ? manifest() : [];
}

/** Free-form note → notebook; never throws. Warnings name what could not become a cell. */
export function importNote(input: string, options: ImportOptions = {}): Result<Notebook> {
  return neverThrows('import', () => importUnsafe(input, options));
}

function importUnsafe(input: string, options: ImportOptions): Result<Notebook> {
  let text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const warnings: NotebookIssue[] = [];
  if (text.trim() === '') return fail({ message: '노트가 비어 있습니다 / the note is empty' });
  // zsh prints `%` after a file that lacks a final newline (seed 003 ends `…할 수 있음%`)
  if (/[^\d\s%]%$/.test(text)) text = text.slice(0, -1);

  let tree;
  try {
    tree = parseMarkdownTree(text);
  } catch (e) {
    return fail({ message: `노트를 읽을 수 없습니다 / cannot parse the note: ${String(e)}` });
  }

  let meta: Partial<NotebookMeta> = {};
  const items: ({ kind: 'md'; source: string; line: number } | { kind: 'cell'; cell: CommandDraft | ManifestDraft; line: number })[] = [];
  let mdStart = 0;
  let mdLine = 1;
  const flushMd = (end: number) => {
    const source = trimBlankLines(text.slice(mdStart, end));
    if (source !== '') items.push({ kind: 'md', source, line: mdLine });
  };

  // every command the note runs in a block, so an inline mention of it is not run twice
  const blockCommands = new Set<string>();
  const fenceCells = new Map<object, (CommandDraft | ManifestDraft)[]>();
  let cmdHint = false;
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      const r = readFrontmatter(node.value, startLine(node) + 1);
      if (r.errors.length > 0) warnings.push(...r.errors);
      meta = r.meta;
      continue;
    }
    const hinted = cmdHint;
    cmdHint = isCmdMarker(node, text);
    if (node.type === 'code') {
      const cells = isFence(node, text) ? fenceToCells(node, hinted) : [];
      if (cells.length > 0) fenceCells.set(node, cells);
      continue;
    }
    for (const x of embeddedCode(node, text)) {
      if (x.kind !== 'fence') continue;
      const cells = fenceToCells(x.node, false);
      if (cells.length > 0) fenceCells.set(x.node, cells);
    }
  }
  for (const cells of fenceCells.values()) {
    for (const c of cells) if (c.type === 'command') for (const l of commandLinesOf(c.source)) blockCommands.add(normalizeCommand(l));
  }

  const inlineSeen = new Set<string>();
  let lastPod: string | undefined;
  for (const node of tree.children) {
    const [s, e] = span(node);
    const line = startLine(node);
    if (node.type === 'yaml') {
      mdStart = e;
      mdLine = node.position?.end.line ?? line;
      continue;
    }
    const cells = fenceCells.get(node);
    if (cells) {
      flushMd(s);
      for (const c of cells) {
        items.push({ kind: 'cell', cell: c, line });
        lastPod = podCreatedBy(c) ?? lastPod;
      }
      mdStart = e;
      mdLine = node.position?.end.line ?? line;
      continue;
    }
    if (node.type === 'code') continue;
    const inline: (CommandDraft | ManifestDraft)[] = [];
    for (const x of embeddedCode(node, text)) {
      if (x.kind === 'fence') {
        for (const c of fenceCells.get(x.node) ?? []) {
          inline.push(c);
          lastPod = podCreatedBy(c) ?? lastPod;
        }
        continue;
      }
      const code = promptedCommand(x.value) ?? x.value;
      if (!/^kubectl\s+\S/.test(code.trim())) continue;
      const key = normalizeCommand(code);
      if (blockCommands.has(key) || inlineSeen.has(key) || !isCompleteKubectl(key)) continue;
      inlineSeen.add(key);
      const r = inlineCommand(code, lastPod);
      if (r.warning) warnings.push({ line, message: r.warning });
      if (r.cell) {
        const runs = normalizeCommand(commandLinesOf(r.cell.source).join(' '));
        if (blockCommands.has(runs)) continue;
        inline.push(r.cell);
        lastPod = podCreatedBy(r.cell) ?? lastPod;
      }
    }
    if (inline.length > 0) {
      flushMd(e);
      for (const c of inline) items.push({ kind: 'cell', cell: c, line });
      mdStart = e;
      mdLine = node.position?.end.line ?? line;
    }
  }
  flushMd(text.length);

  const runnable = items.flatMap((it) => (it.kind === 'cell' ? [it.cell] : []));
  let n = 0;
  for (const c of runnable) if (c.type === 'manifest') c.file = defaultManifestFile(c.source, ++n);
  assignManifestFiles(items.map((it) => (it.kind === 'md' ? { type: 'markdown' as const, source: it.source } : it.cell)));

  if (items.length === 0) return fail({ message: '노트에 내용이 없습니다 (frontmatter뿐입니다) / the note has nothing in it but frontmatter' });

  const stem = options.fileName?.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const title = meta.title ?? titleOf(text, tree.children) ?? (stem || '제목 없음');
  const fullMeta: NotebookMeta = { ...meta, title, ...(options.fileName ? { source: meta.source ?? options.fileName } : {}) };
  const drafts: Draft[] = items.map((it) =>
    it.kind === 'md' ? { kind: 'cell', cell: { type: 'markdown', source: it.source }, line: it.line } : { kind: 'cell', cell: it.cell, line: it.line },
  );
  const r = finishNotebook(fullMeta, drafts);
  return r.ok ? { ok: true, value: r.value, warnings: [...warnings, ...r.warnings] } : r;
}
