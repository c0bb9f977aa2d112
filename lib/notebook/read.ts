// One door for any notebook text a user hands Podbook: an .ipynb, Podbook markdown (content/'s
// spelling, with ```kubectl {"id":…}``` / ```quiz``` fences) or a free-form study note. The CLI's
// `import` and `run` use it so a file is read the same way everywhere.

import { importNote } from './importer';
import { fromIpynb } from './ipynb';
import { parseNotebookMarkdown } from './markdown';
import type { Notebook, Result } from './schema';

export type NotebookTextKind = 'ipynb' | 'podbook-markdown' | 'note';

/** Fences only Podbook markdown writes: a cell type with JSON attributes, or quiz/exercise/output. */
const PODBOOK_FENCE = /^ {0,3}(`{3,}|~{3,})\s*(?:(?:kubectl|sh|bash|shell|console|zsh|yaml|yml|output|quiz|exercise)\s+\{.*\}\s*$|(?:quiz|exercise|output)\s*$)/m;

export function notebookTextKind(text: string, fileName?: string): NotebookTextKind {
  if (fileName && /\.ipynb$/i.test(fileName)) return 'ipynb';
  if (!fileName && /^\s*\{/.test(text) && /"nbformat"\s*:/.test(text)) return 'ipynb';
  return PODBOOK_FENCE.test(text.replace(/\r\n?/g, '\n')) ? 'podbook-markdown' : 'note';
}

export function readNotebookText(text: string, options: { fileName?: string } = {}): Result<Notebook> {
  switch (notebookTextKind(text, options.fileName)) {
    case 'ipynb':
      return fromIpynb(text);
    case 'podbook-markdown':
      return parseNotebookMarkdown(text);
    case 'note':
      return importNote(text, options);
  }
}
