// Where a field of a manifest is written: `spec.containers[0].imagee` → its key's 1-based line
// and column in the YAML text, for editors that point at what the API server or the strict
// decoder complained about. Paths are the apiserver's (field.Path) spelling: dots between map
// keys, [i] for list items; a key that does not exist locates its nearest existing parent.

import { composeFirstDocument } from './parser';
import type { YamlNode } from './parser';

export interface FieldLocation {
  /** 1-based */
  line: number;
  /** 1-based, in characters */
  column: number;
}

/** `spec.containers[0].image` → ['spec', 'containers', 0, 'image']. */
export function fieldPathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function resolveAlias(n: YamlNode): YamlNode {
  return n.kind === 'alias' ? n.target : n;
}

/**
 * The location of `path` in the first YAML document of `text` (`lineOffset`: 0-based line where
 * that document starts in a larger text). Undefined when the text does not parse.
 */
export function locateField(text: string, path: string, lineOffset = 0): FieldLocation | undefined {
  let root: YamlNode | null;
  try {
    root = composeFirstDocument(text);
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  let node: YamlNode = resolveAlias(root);
  let at: FieldLocation = { line: node.line + 1 + lineOffset, column: node.column + 1 };
  for (const seg of fieldPathSegments(path)) {
    if (typeof seg === 'number') {
      if (node.kind !== 'sequence' || seg >= node.children.length) break;
      node = resolveAlias(node.children[seg]);
      at = { line: node.line + 1 + lineOffset, column: node.column + 1 };
      continue;
    }
    if (node.kind !== 'mapping') break;
    let found: YamlNode | undefined;
    for (let i = 0; i + 1 < node.children.length; i += 2) {
      const k = node.children[i];
      if (k.kind === 'scalar' && k.value === seg) {
        at = { line: k.line + 1 + lineOffset, column: k.column + 1 };
        found = resolveAlias(node.children[i + 1]);
        break;
      }
    }
    if (!found) break;
    node = found;
  }
  return at;
}
