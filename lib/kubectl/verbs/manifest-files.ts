// `-f FILE|DIR|URL|-` for create, apply and delete (cli-runtime resource.Builder's
// FilenameParam + FileVisitor/StreamVisitor): reads the notebook's virtual files, maps the
// book's raw.githubusercontent.com URLs to bundled copies (never fetching), splits YAML streams
// into documents and reports kubectl's errors:
//   error: the path "x.yaml" does not exist
//   error: error parsing x.yaml: error converting YAML to JSON: yaml: line 3: …
//   error: error validating "x.yaml": error validating data: kind not set; if you choose to …
//   error: unable to decode "x.yaml": Object 'Kind' is missing in '{…}'   (--validate=false)

import { KubectlError } from '../invocation';
import type { Invocation } from '../invocation';
import { bundledManifest, isUrl, urlRefusedMessage } from '../manifests';
import { kubectlObjectErrors, kubectlParseError, parseYamlDocuments } from '../yaml';
import { isObj, str, strings } from './common';
import type { Obj } from './common';

/** One object of a manifest: where it came from (for messages) and its decoded value. */
export interface ManifestObject {
  source: string;
  object: Obj;
}

/** A directory listing the kernel may offer on its VirtualFiles (not part of the interface yet). */
interface ListableFiles {
  list?(dir: string): string[] | undefined;
}

const MANIFEST_EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The documents of one source (YAMLOrJSONDecoder; empty and `null` documents dropped). */
function parseDocuments(source: string, text: string): { value: unknown; json: string }[] {
  const r = parseYamlDocuments(text);
  if (!r.ok) throw new KubectlError(kubectlParseError(source, r.error));
  return r.documents;
}

/** The sources `-f` names, expanded (directories list their manifest files), with their texts. */
function readSources(inv: Invocation, filenames: readonly string[], recursive: boolean): { source: string; text: string }[] {
  const out: { source: string; text: string }[] = [];
  for (const path of filenames) {
    if (path === '-') {
      // `-f -` reads kubectl's standard input (a pipe or here-document in a cell)
      const text = inv.stdin ?? inv.files.read('-');
      out.push({ source: 'STDIN', text: text ?? '' });
      continue;
    }
    if (isUrl(path)) {
      const text = bundledManifest(path);
      if (text === undefined) throw new KubectlError(urlRefusedMessage(path).replace(/\n$/, ''), 1, true);
      out.push({ source: path, text });
      continue;
    }
    const text = inv.files.read(path);
    if (text !== undefined) {
      out.push({ source: path, text });
      continue;
    }
    const listing = (inv.files as ListableFiles).list?.(path);
    if (listing === undefined) throw new KubectlError(`the path ${JSON.stringify(path)} does not exist`);
    const base = path.endsWith('/') ? path.slice(0, -1) : path;
    for (const entry of [...listing].sort()) {
      const full = `${base}/${entry}`;
      const t = inv.files.read(full);
      if (t === undefined) {
        if (recursive) out.push(...readSources(inv, [full], true).filter((s) => MANIFEST_EXTENSIONS.some((e) => s.source.endsWith(e))));
        continue;
      }
      if (MANIFEST_EXTENSIONS.some((e) => entry.endsWith(e))) out.push({ source: full, text: t });
    }
  }
  return out;
}

/**
 * The objects `-f` names, in order. `validate` is --validate (`strict`, `warn`, `true`… or
 * `false`/`ignore`): it decides how a document without apiVersion/kind is reported.
 */
export function loadManifests(inv: Invocation, opts: { filenames?: readonly string[]; recursive?: boolean } = {}): ManifestObject[] {
  const filenames = opts.filenames ?? strings(inv.flags.filename);
  const recursive = opts.recursive ?? inv.flags.recursive === true;
  const validate = str(inv.flags.validate);
  const validating = validate !== 'false' && validate !== 'ignore';
  const out: ManifestObject[] = [];
  for (const { source, text } of readSources(inv, filenames, recursive)) {
    for (const { value: doc, json } of parseDocuments(source, text)) {
      const invalid = validating ? kubectlObjectErrors.validate(source, doc) : kubectlObjectErrors.decode(source, doc, json);
      if (invalid) throw new KubectlError(invalid);
      if (!isObj(doc)) continue;
      const items = doc.kind === 'List' && Array.isArray(doc.items) ? (doc.items as unknown[]).filter(isObj) : [doc];
      for (const item of items) {
        if (!str(item.apiVersion)) throw new KubectlError(kubectlObjectErrors.missingApiVersion(source, json));
        out.push({ source, object: item });
      }
    }
  }
  return out;
}
