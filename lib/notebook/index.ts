// lib/notebook's public entry point: the schema, Podbook markdown, the free-form note importer
// and .ipynb. See docs/notebook-format.md.
export * from './schema';
export { parseNotebookMarkdown, toMarkdown } from './markdown';
export { importNote, type ImportOptions } from './importer';
export { fromIpynb, toIpynb, toIpynbText, KERNELSPEC, type Ipynb, type IpynbCell, type IpynbOutput } from './ipynb';
export { looksLikeManifest, manifestInfo } from './manifest';
export { notebookTextKind, readNotebookText, type NotebookTextKind } from './read';
