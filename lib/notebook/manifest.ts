// What a manifest cell's YAML names (kind, metadata.name), for its file name and its id. The
// cell keeps its text exactly as written; only this look-up is lenient: YAML forbids tabs in
// indentation (seed 003 indents with tabs), so when the text does not parse we read it once more
// with each leading tab as two spaces, only to learn the name. Running the cell still shows the
// real YAML error.

import { parseAllDocuments } from 'yaml';

export interface ManifestInfo {
  kind?: string;
  name?: string;
  /** whether the text parses as YAML as written */
  valid: boolean;
}

/** Lines that make a text a Kubernetes manifest: `apiVersion:` and `kind:` keys at any indent. */
export function looksLikeManifest(text: string): boolean {
  return /^[ \t]*apiVersion:[ \t]*\S/m.test(text) && /^[ \t]*kind:[ \t]*[A-Z]\w*/m.test(text);
}

function firstObject(text: string): { kind?: string; name?: string } | undefined {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return undefined;
    for (const d of docs) {
      const v = d.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (v && typeof v === 'object' && typeof v.kind === 'string') {
        return { kind: v.kind, name: typeof v.metadata?.name === 'string' ? v.metadata.name : undefined };
      }
    }
    return {};
  } catch {
    return undefined;
  }
}

export function manifestInfo(text: string): ManifestInfo {
  const strict = firstObject(text);
  if (strict) return { ...strict, valid: true };
  const detabbed = text.replace(/^\t+/gm, (tabs) => '  '.repeat(tabs.length));
  return { ...(firstObject(detabbed) ?? {}), valid: false };
}

/** The file a manifest is saved under when nothing names one: `hello-kiamol-pod.yaml`. */
export function defaultManifestFile(text: string, n: number): string {
  const { kind, name } = manifestInfo(text);
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '');
  if (name && kind) return `${safe(name)}-${safe(kind)}.yaml`;
  if (name) return `${safe(name)}.yaml`;
  if (kind) return `${safe(kind)}-${n}.yaml`;
  return `manifest-${n}.yaml`;
}
