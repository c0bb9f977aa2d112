// Server-side field validation (`?fieldValidation=Strict|Warn`) for built-in kinds.
//
// kube-apiserver decodes a JSON body into the Go type with sigs.k8s.io/json's strict decoder
// (apimachinery runtime/serializer/json, UnmarshalStrict; KEP-2885). The decoder walks the
// document in order and records, without stopping:
//   unknown field "<path>"     a key the struct has no (case-sensitive) field for
//   duplicate field "<path>"   a key seen earlier in the same object (struct or map)
// where <path> joins keys with "." and marks list elements `[i]`:
// `spec.template.spec.containers[0].imagee`. An unknown key's value is skipped unread. Map-typed
// fields (labels, annotations, data) accept any key.
//
// Messages built from these, as the 1.32 apiserver answers (kubectl's rendering in brackets; the
// formats as quoted by KEP-2885 and by public logs of real clusters, not traced here):
// * Strict, create/update: 400 BadRequest Status, message
//   `<Kind> in version "<version>" cannot be handled as a <Kind>: strict decoding error: <e1>, <e2>`
//   (apiserver handlers/create.go + runtime.NewStrictDecodingError, errors joined by ", ").
//   [kubectl: `Error from server (BadRequest): error when creating "x.yaml": <message>`]
// * Warn: one `Warning: 299 - "<e>"` response header per error, the request succeeds
//   [kubectl prints `Warning: <e>` on stderr, e.g. `Warning: unknown field "spec.replica"`].
// This module only finds the errors; the HTTP layer wraps them.

import { componentSchemas, definitionName, REF_PREFIX } from './openapi-schemas';
import type { OpenApiSchema } from './openapi-schemas';

/** A JSON value with object members kept in document order, duplicates included. */
type Node =
  | { t: 'object'; entries: [string, Node][] }
  | { t: 'array'; items: Node[] }
  | { t: 'scalar' };

const SCALAR: Node = { t: 'scalar' };

function fromValue(v: unknown): Node {
  if (Array.isArray(v)) return { t: 'array', items: v.map(fromValue) };
  if (v !== null && typeof v === 'object') return { t: 'object', entries: Object.entries(v).map(([k, x]) => [k, fromValue(x)]) };
  return SCALAR;
}

/** A JSON reader that keeps duplicate keys (JSON.parse keeps only the last). Throws on bad JSON. */
function parseOrdered(text: string): Node {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (): never => {
    throw new SyntaxError(`invalid JSON at offset ${i}`);
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): Node => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, Node][] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { t: 'object', entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        const k = str();
        ws();
        if (text[i] !== ':') fail();
        i++;
        entries.push([k, value()]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return { t: 'object', entries };
        } else fail();
      }
    }
    if (c === '[') {
      i++;
      const items: Node[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { t: 'array', items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return { t: 'array', items };
        } else fail();
      }
    }
    if (c === '"') {
      str();
      return SCALAR;
    }
    const m = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 64));
    if (!m) fail();
    i += m![0].length;
    return SCALAR;
  };
  const root = value();
  ws();
  if (i !== text.length) fail();
  return root;
}

const schemas = () => componentSchemas();

/** Follows `$ref` and single-element `allOf` wrappers to the schema that says what a value is. */
function resolve(s: OpenApiSchema | undefined): OpenApiSchema | undefined {
  let cur = s;
  for (let depth = 0; cur && depth < 10; depth++) {
    if (cur.$ref) cur = schemas()[cur.$ref.slice(REF_PREFIX.length)];
    else if (cur.allOf?.length === 1 && !cur.properties) cur = cur.allOf[0];
    else return cur;
  }
  return cur;
}

function walk(node: Node, schema: OpenApiSchema | undefined, path: string, out: string[]): void {
  const s = resolve(schema);
  if (!s || s['x-kubernetes-preserve-unknown-fields']) return;
  const join = (k: string) => (path ? `${path}.${k}` : k);
  if (node.t === 'object') {
    // A value of the wrong JSON type is a decode error, not a field error: not ours to report.
    if (s.properties) {
      const seen = new Set<string>();
      for (const [k, v] of node.entries) {
        const field = Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
        if (!field) {
          out.push(`unknown field ${JSON.stringify(join(k))}`);
          continue;
        }
        if (seen.has(k)) out.push(`duplicate field ${JSON.stringify(join(k))}`);
        seen.add(k);
        walk(v, field, join(k), out);
      }
    } else if (typeof s.additionalProperties === 'object') {
      const seen = new Set<string>();
      for (const [k, v] of node.entries) {
        if (seen.has(k)) out.push(`duplicate field ${JSON.stringify(join(k))}`);
        seen.add(k);
        walk(v, s.additionalProperties, join(k), out);
      }
    }
  } else if (node.t === 'array' && s.items) {
    node.items.forEach((item, idx) => walk(item, s.items, `${path}[${idx}]`, out));
  }
}

function rootSchema(apiVersion: string, kind: string): OpenApiSchema | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash >= 0 ? apiVersion.slice(0, slash) : '';
  const version = slash >= 0 ? apiVersion.slice(slash + 1) : apiVersion;
  const s = schemas()[definitionName(kind)];
  // only kinds the server serves carry a GVK (stub-kinds and explain's root kinds); a kind of
  // another group-version with the same name is not this one
  return s && servedGvk(definitionName(kind), group, version, kind) ? s : undefined;
}

function servedGvk(name: string, group: string, version: string, kind: string): boolean {
  const pkg = name.slice(0, name.length - kind.length - 1); // io.k8s.api.apps.v1
  const expected = group === '' ? `io.k8s.api.core.${version}` : `io.k8s.api.${group.replace(/\.k8s\.io$/, '')}.${version}`;
  return pkg === expected;
}

/**
 * The paths of the fields `obj` has that the kind's schema does not know, in document (key
 * insertion) order and the apiserver's format: `spec.replica`,
 * `spec.template.spec.containers[0].imagee`. Empty for a kind Podbook has no schema for.
 * A parsed object cannot hold duplicate keys; use strictDecodingErrors on the raw body for those.
 */
export function unknownFields(apiVersion: string, kind: string, obj: unknown): string[] {
  const root = rootSchema(apiVersion, kind);
  if (!root) return [];
  const out: string[] = [];
  walk(fromValue(obj), root, '', out);
  return out.map((e) => JSON.parse(e.slice('unknown field '.length)) as string);
}

/**
 * The strict decoder's errors for a raw JSON request body, in the order the apiserver lists them:
 * `unknown field "spec.replica"`, `duplicate field "spec.replicas"`. Join with ", " after
 * `strict decoding error: ` for Strict; one Warning header each for Warn. Throws SyntaxError on
 * malformed JSON (the caller's decode error comes first anyway).
 */
export function strictDecodingErrors(apiVersion: string, kind: string, body: string): string[] {
  const root = rootSchema(apiVersion, kind);
  if (!root) return [];
  const out: string[] = [];
  walk(parseOrdered(body), root, '', out);
  return out;
}
