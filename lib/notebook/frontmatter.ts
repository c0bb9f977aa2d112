// Frontmatter ↔ NotebookMeta. Study groups write Korean keys (`챕터`, `발제`, `일자`); content/
// writes English ones. Values are kept as written: `일자: 24.09.28` stays the string "24.09.28"
// and `챕터: 6.1 - 6.2` stays "6.1 - 6.2", because a date or a range means what the group meant,
// not what a YAML resolver would make of it. Keys Podbook does not know go to meta.extra.

import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import type { NotebookIssue, NotebookMeta } from './schema';

type MetaKey = Exclude<keyof NotebookMeta, 'extra'>;

/** English and Korean spellings of each known key. */
export const META_KEYS: Record<string, MetaKey> = {
  title: 'title',
  제목: 'title',
  book: 'book',
  책: 'book',
  chapter: 'chapter',
  챕터: 'chapter',
  장: 'chapter',
  section: 'section',
  절: 'section',
  presenter: 'presenter',
  발제: 'presenter',
  발표: 'presenter',
  date: 'date',
  일자: 'date',
  날짜: 'date',
  tags: 'tags',
  태그: 'tags',
  source: 'source',
};

export interface FrontmatterResult {
  meta: Partial<NotebookMeta>;
  errors: NotebookIssue[];
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Reads frontmatter YAML (without the `---` lines). `firstLine` is the 1-based line of the YAML's
 * first line in the whole note, so errors point into the note.
 */
export function readFrontmatter(yamlText: string, firstLine: number): FrontmatterResult {
  const errors: NotebookIssue[] = [];
  const meta: Partial<NotebookMeta> = {};
  if (yamlText.trim() === '') return { meta, errors };
  const doc = parseDocument(yamlText, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      errors.push({
        line: firstLine + lineAt(yamlText, e.pos[0]) - 1,
        message: `frontmatter가 올바른 YAML이 아닙니다 / frontmatter is not valid YAML: ${e.message.split('\n')[0]}`,
      });
    }
    return { meta, errors };
  }
  if (!isMap(doc.contents)) {
    errors.push({ line: firstLine, message: 'frontmatter는 "키: 값" 목록이어야 합니다 / frontmatter must be a mapping of keys to values' });
    return { meta, errors };
  }
  const extra: Record<string, string> = {};
  for (const pair of doc.contents.items) {
    const keyNode = pair.key;
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
    const node = pair.value;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const raw = range ? yamlText.slice(range[0], range[1]).trim() : '';
    const value: unknown = isScalar(node) ? node.value : (node as { toJSON?: () => unknown } | null)?.toJSON?.();
    // a plain string as parsed; anything YAML resolved to another type, as written
    const asWritten = typeof value === 'string' ? value : value === null || value === undefined ? '' : raw;
    const known = META_KEYS[key];
    if (known === 'tags') {
      if (Array.isArray(value)) meta.tags = value.map((v) => String(v));
      else if (asWritten !== '') meta.tags = asWritten.split(',').map((t) => t.trim()).filter(Boolean);
    } else if (known === 'chapter') {
      meta.chapter = typeof value === 'number' && Number.isInteger(value) && /^\d+$/.test(raw) ? value : asWritten;
    } else if (known) {
      meta[known] = asWritten;
    } else {
      extra[key] = asWritten;
    }
  }
  if (Object.keys(extra).length > 0) meta.extra = extra;
  return { meta, errors };
}

/** A YAML scalar for `value`: plain when YAML reads it back as the same string, else quoted. */
export function yamlScalar(value: string): string {
  if (value !== '' && !value.includes('\n')) {
    try {
      const back = parseDocument(`k: ${value}`);
      if (back.errors.length === 0 && (back.toJS() as { k?: unknown }).k === value) return value;
    } catch {
      // fall through to quoting
    }
  }
  return JSON.stringify(value);
}

/** Frontmatter text (with the `---` lines) for `meta`; known keys in English, then extra keys. */
export function writeFrontmatter(meta: NotebookMeta): string {
  const lines: string[] = [];
  const put = (key: string, v: string | number | undefined) => {
    if (v === undefined) return;
    lines.push(`${key}: ${typeof v === 'number' ? String(v) : yamlScalar(v)}`);
  };
  put('title', meta.title);
  put('book', meta.book);
  put('chapter', meta.chapter);
  put('section', meta.section);
  put('presenter', meta.presenter);
  put('date', meta.date);
  if (meta.tags) lines.push(`tags: ${stringify(meta.tags, { flowCollectionPadding: false, collectionStyle: 'flow' }).trim()}`);
  put('source', meta.source);
  for (const [k, v] of Object.entries(meta.extra ?? {})) put(/^[\p{L}\p{N}_-]+$/u.test(k) ? k : JSON.stringify(k), v);
  return `---\n${lines.join('\n')}\n---\n`;
}
