// Server-only loading of chapters: `content/<chapter>/note.md` (Podbook markdown) and, when the CLI
// has built it, `notebooks/<chapter>.ipynb` whose captured outputs are shown before anything runs.
// Files are read on each request in development and cached per process in production (content
// ships with the build and does not change under a running server).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fromIpynb, parseNotebookMarkdown, type Notebook, type NotebookIssue } from '@/lib/notebook';

const ROOT = process.cwd();
const CONTENT = path.join(ROOT, 'content');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
/** Chapter folder names are used in URLs and file paths: nothing but a safe slug. */
const CHAPTER_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

export interface ChapterSummary {
  slug: string;
  notebook?: Notebook;
  errors?: NotebookIssue[];
  /** runnable cells (for the progress line on the library page) */
  runnable: number;
  /** the built .ipynb exists (captured outputs available) */
  hasOutputs: boolean;
}

export type LoadedChapter = { ok: true; notebook: Notebook; hasOutputs: boolean } | { ok: false; errors: NotebookIssue[] };

const cache = new Map<string, LoadedChapter>();
const cacheable = process.env.NODE_ENV === 'production';

export function chapterSlugs(): string[] {
  if (!existsSync(CONTENT)) return [];
  return readdirSync(CONTENT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && CHAPTER_RE.test(d.name) && existsSync(path.join(CONTENT, d.name, 'note.md')))
    .map((d) => d.name)
    .sort();
}

/** Outputs and execution records from the built notebook, by cell id. */
function mergeOutputs(nb: Notebook, built: Notebook): Notebook {
  const byId = new Map(built.cells.map((c) => [c.id, c]));
  return {
    ...nb,
    cells: nb.cells.map((c) => {
      const b = byId.get(c.id);
      if (!b || (c.type !== 'command' && c.type !== 'manifest') || b.type !== c.type) return c;
      return { ...c, outputs: b.outputs, ...(b.execution ? { execution: b.execution } : {}) };
    }),
  };
}

export function loadChapter(slug: string): LoadedChapter | undefined {
  if (!CHAPTER_RE.test(slug)) return undefined;
  const hit = cacheable ? cache.get(slug) : undefined;
  if (hit) return hit;
  const file = path.join(CONTENT, slug, 'note.md');
  if (!existsSync(file)) return undefined;
  const parsed = parseNotebookMarkdown(readFileSync(file, 'utf8'));
  let result: LoadedChapter;
  if (!parsed.ok) {
    result = { ok: false, errors: parsed.errors };
  } else {
    let nb = parsed.value;
    let hasOutputs = false;
    const ipynb = path.join(NOTEBOOKS, `${slug}.ipynb`);
    if (existsSync(ipynb)) {
      try {
        const built = fromIpynb(JSON.parse(readFileSync(ipynb, 'utf8')));
        if (built.ok) {
          nb = mergeOutputs(nb, built.value);
          hasOutputs = true;
        }
      } catch {
        // a broken build artefact must not take the chapter down: show it without outputs
      }
    }
    result = { ok: true, notebook: nb, hasOutputs };
  }
  if (cacheable) cache.set(slug, result);
  return result;
}

export function listChapters(): ChapterSummary[] {
  return chapterSlugs().map((slug) => {
    const r = loadChapter(slug)!;
    if (!r.ok) return { slug, errors: r.errors, runnable: 0, hasOutputs: false };
    const runnable = r.notebook.cells.filter((c) => c.type === 'command' || c.type === 'manifest').length;
    return { slug, notebook: r.notebook, runnable, hasOutputs: r.hasOutputs };
  });
}
