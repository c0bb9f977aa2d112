// `kubectl explain` data and rendering. kubectl 1.27+ renders the server's OpenAPI v3 document
// through k8s.io/kubectl/pkg/explain/v2/templates/plaintext.tmpl; renderExplain follows that
// template step by step (output → fieldList → fieldDetail → typeGuess → extractEnum, the
// `wrap`/`indent` funcs of explain/v2/funcs.go: go-wordwrap's WrapString, keeping line breaks).
//
// The schemas are a subset of the 1.32 API (the kinds the books use and every type reachable
// from them), generated from the @kubernetes/client-node 1.32.0 models (class and field docs,
// types, required fields) into schemas.json, plus overlays.ts for what that generator drops
// (descriptions of object-typed fields, enums). Object-typed fields outside overlays.ts print
// `<no description>` where the real server has text.

import rawSchemas from './schemas.json';
import { applyOverlays } from './overlays';

export interface Schema {
  description?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: string[];
  $ref?: string;
}

export interface ExplainGvk {
  group: string;
  version: string;
  kind: string;
}

const EXTRA: Record<string, Schema> = {
  // meta/v1 Time: OpenAPISchemaType string, format date-time (typeGuess prints `string`)
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': {
    description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
    type: 'string',
  },
  // IntOrString and Quantity have OpenAPIV3OneOfTypes and no `type`: typeGuess prints their names
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'Quantity is a fixed-point representation of a number.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
};

function buildSchemas(): Record<string, Schema> {
  const out: Record<string, Schema> = { ...(rawSchemas as Record<string, Schema>), ...EXTRA };
  applyOverlays(out as Parameters<typeof applyOverlays>[0]);
  return out;
}

let schemas: Record<string, Schema> | undefined;
function allSchemas(): Record<string, Schema> {
  schemas ??= buildSchemas();
  return schemas;
}

/** The components with an x-kubernetes-group-version-kind Podbook has docs for. */
const KINDS: Record<string, string> = {
  '/v1/Pod': 'Pod',
  '/v1/Service': 'Service',
  '/v1/ConfigMap': 'ConfigMap',
  '/v1/Namespace': 'Namespace',
  'apps/v1/Deployment': 'Deployment',
  'apps/v1/ReplicaSet': 'ReplicaSet',
};

/** The schema for a kind, or undefined when Podbook carries no docs for it. */
export function schemaForKind(gvk: ExplainGvk): Schema | undefined {
  const name = KINDS[`${gvk.group}/${gvk.version}/${gvk.kind}`];
  return name ? allSchemas()[name] : undefined;
}

export class ExplainError extends Error {
  /** what the template had written before its `throw` (kubectl prints it to stdout first) */
  constructor(
    message: string,
    readonly partial = '',
  ) {
    super(message);
  }
}

function resolveRef(ref: string | undefined): Schema | undefined {
  return ref ? allSchemas()[ref] : undefined;
}

function isObjectSchema(v: Schema | boolean | undefined): v is Schema {
  return typeof v === 'object' && v !== null;
}

/** go-wordwrap's WrapString: break at whitespace so lines stay within lim (longer words stay whole). */
export function wrapString(s: string, lim: number): string {
  let buf = '';
  let current = 0;
  let word = '';
  let space = '';
  const chars = Array.from(s);
  for (const ch of chars) {
    if (ch === '\n') {
      if (word.length === 0) {
        if (current + space.length > lim) current = 0;
        else {
          current += space.length;
          buf += space;
        }
        space = '';
      } else {
        current += space.length + Array.from(word).length;
        buf += space + word;
        space = '';
        word = '';
      }
      buf += ch;
      current = 0;
    } else if (/\s/u.test(ch) && ch !== '\u00a0') {
      if (space.length === 0 || word.length > 0) {
        current += space.length + Array.from(word).length;
        buf += space + word;
        space = '';
        word = '';
      }
      space += ch;
    } else {
      word += ch;
      const wl = Array.from(word).length;
      if (current + space.length + wl > lim && wl < lim) {
        buf += '\n';
        current = 0;
        space = '';
      }
    }
  }
  if (word.length === 0) {
    if (current + space.length <= lim) buf += space;
  } else {
    buf += space + word;
  }
  return buf;
}

/**
 * explain/v2 funcs.go `wrap`: go-wordwrap's WrapString over the text as it is. Line breaks stay
 * (checked against the real kubectl 1.32 rendering our /openapi/v3: a description ends with an
 * indented empty line, and "Possible enum values:" starts its own paragraph).
 */
function wrap(l: number, s: string): string {
  return wrapString(s, l);
}

function indent(n: number, s: string): string {
  const pad = ' '.repeat(n);
  return pad + s.replaceAll('\n', `\n${pad}`);
}

function typeGuess(s: Schema): string {
  if (s.items) return `[]${typeGuess(s.items)}`;
  if (isObjectSchema(s.additionalProperties)) return `map[string]${typeGuess(s.additionalProperties)}`;
  if (s.allOf && !s.properties && s.allOf.length === 1) return typeGuess(s.allOf[0]);
  if (s.$ref) {
    const ref = resolveRef(s.$ref);
    if (!ref || !ref.type || ref.type === 'object') {
      const name = s.$ref.split('/').at(-1) ?? '';
      return name.split('.').at(-1) || 'Object';
    }
    return ref.type;
  }
  if (s.type === 'object') return 'Object';
  return s.type || 'Object';
}

function extractEnum(s: Schema, longView: boolean, limit: number, indentAmount = 0): string {
  if (!s.enum || s.enum.length === 0) return '';
  let out = longView ? 'ENUM:' : `\n${' '.repeat(indentAmount)}enum: `;
  for (let i = 0; i < s.enum.length; i++) {
    if (limit > -1 && i >= limit) {
      out += ', ....';
      break;
    }
    if (i > 0 && !longView) out += ', ';
    else if (longView) out += '\n    ';
    out += s.enum[i] === '' ? '""' : s.enum[i];
  }
  return out;
}

function description(s: Schema): string {
  const r = resolveRef(s.$ref) ?? s;
  let out = r.description ? `${r.description}\n` : '';
  for (const sub of r.allOf ?? []) out += description(sub);
  if (r.items) out += description(r.items);
  if (isObjectSchema(r.additionalProperties)) out += description(r.additionalProperties);
  return out;
}

function fieldDetail(name: string, schema: Schema, short: boolean, level: number): string {
  const indentAmount = level * 2;
  const field = schema.properties?.[name] ?? {};
  let out = `${indent(indentAmount, name)}\t<${typeGuess(field)}>`;
  if (schema.required?.includes(name)) out += ' -required-';
  out += extractEnum(field, false, 4, indentAmount);
  out += '\n';
  if (!short) {
    out += `${indent(indentAmount + 2, wrap(78 - indentAmount, field.description || '<no description>'))}\n`;
    out += '\n';
  }
  return out;
}

function fieldList(schema: Schema, level: number, history: ReadonlySet<string>, recursive: boolean): string {
  const ref = schema.$ref ?? '';
  if (ref && history.has(ref)) return '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref) ?? schema;
  let out = '';
  for (const k of Object.keys(r.properties ?? {}).sort()) {
    out += fieldDetail(k, r, recursive, level);
    if (recursive) out += fieldList(r.properties![k], level + 1, next, recursive);
  }
  for (const sub of r.allOf ?? []) out += fieldList(sub, level, next, recursive);
  if (r.items) out += fieldList(r.items, level, next, recursive);
  if (isObjectSchema(r.additionalProperties)) out += fieldList(r.additionalProperties, level, next, recursive);
  return out;
}

function output(schema: Schema, fieldPath: readonly string[], history: ReadonlySet<string>, recursive: boolean): string {
  const ref = schema.$ref ?? '';
  const next = new Set(history).add(ref);
  const r = resolveRef(ref) ?? schema;
  if (fieldPath.length === 0) {
    let out = 'DESCRIPTION:\n';
    out += `${indent(4, wrap(76, description(r) || '<empty>'))}\n`;
    const fl = fieldList(r, 1, new Set(), recursive);
    if (fl) out += `FIELDS:\n${fl}`;
    return out;
  }
  if (ref && history.has(ref)) return '';
  const sub = r.properties?.[fieldPath[0]];
  if (sub) {
    let out = '';
    if (fieldPath.length === 1) {
      out += `FIELD: ${fieldPath[0]} <${typeGuess(sub)}>\n`;
      out += `${extractEnum(sub, true, -1)}\n\n`;
    }
    return out + output(sub, fieldPath.slice(1), new Set(), recursive);
  }
  if (r.items) return output(r.items, fieldPath, next, recursive);
  if (isObjectSchema(r.additionalProperties)) return output(r.additionalProperties, fieldPath, next, recursive);
  for (const s of r.allOf ?? []) {
    const o = output(s, fieldPath, next, recursive);
    if (o) return o;
  }
  return '';
}

/**
 * plaintext.tmpl for one kind and field path. Throws ExplainError with the template's `throw`
 * messages (`error: field "x" does not exist`, naming the path's last element as kubectl does).
 */
export function renderExplain(gvk: ExplainGvk, root: Schema, fieldPath: readonly string[], recursive: boolean): string {
  let out = '';
  if (gvk.group) out += `GROUP:      ${gvk.group}\n`;
  out += `KIND:       ${gvk.kind}\n`;
  out += `VERSION:    ${gvk.version}\n\n`;
  const body = output(root, fieldPath, new Set(), recursive);
  if (!body) throw new ExplainError(`error: field ${JSON.stringify(fieldPath[fieldPath.length - 1] ?? '')} does not exist`, out);
  return `${out}${body}\n`;
}
