// Manifest reading as `kubectl apply/create/delete -f` does it (kubectl 1.32):
// - k8s.io/apimachinery util/yaml YAMLOrJSONDecoder: a stream whose first non-space byte is '{'
//   is read as consecutive JSON values; anything else is split into documents on lines that
//   start with "---" (YAMLReader), each document converted by sigs.k8s.io/yaml YAMLToJSON;
// - sigs.k8s.io/yaml over go-yaml v2: YAML 1.1 resolution, go-yaml's error texts, map keys
//   stringified, NaN/Inf refused by encoding/json;
// - the resource builder skips documents that decode to nothing or to `null`.

import { GoNumber } from '../../k8s/patch/gonumber';
import { composeFirstDocument, YamlFailure } from './parser';
import { decodeNode, JsonMarshalError } from './decode';
import { YamlSyntaxError } from './scanner';
import { decodeJsonStream, GoJsonError, type JsonValue } from './gojson';
import { aggregateMessage } from '../../k8s/errors';

export interface YamlError {
  /** go-yaml / encoding/json text, e.g. "yaml: line 7: found character that cannot start any token" */
  message: string;
  /** 1-based line in the whole input, for the editor to point at */
  line?: number;
  /** 1-based column (in characters) */
  column?: number;
  /**
   * Which layer produced it, which decides kubectl's wrapping:
   * yaml → "error converting YAML to JSON: …"; separator/json/limit → printed as is.
   */
  kind?: 'yaml' | 'separator' | 'json' | 'limit';
}

export interface YamlDocument {
  value: unknown;
  /** 1-based line where the document's text starts */
  startLine: number;
  /** the JSON bytes kubectl holds for this document (YAMLToJSON output, or the raw JSON text) */
  json: string;
}

export type ParseDocumentsResult =
  | { ok: true; documents: YamlDocument[] }
  | { ok: false; error: YamlError; documentIndex: number; documentsBefore: unknown[] };

/** Podbook's own guard (kubectl has none): larger inputs are refused before any parsing. */
export const MAX_INPUT_CHARS = 4 * 1024 * 1024;

function limitError(text: string): YamlError | undefined {
  if (text.length > MAX_INPUT_CHARS) {
    return {
      message: `input too large: ${text.length} characters (limit ${MAX_INPUT_CHARS})`,
      kind: 'limit',
    };
  }
  return undefined;
}

/** Converts one document, reporting marks relative to `lineOffset` (0-based line of its first line). */
function convert(text: string, lineOffset: number): { ok: true; value: unknown } | { ok: false; error: YamlError } {
  try {
    return { ok: true, value: decodeNode(composeFirstDocument(text)) };
  } catch (e) {
    if (e instanceof YamlSyntaxError) {
      // decode.go parser.fail(): parser errors report the 0-based line of the problem mark,
      // scanner errors the 1-based one; a mark on the first line falls back to the context mark.
      let where = '';
      let line = 0;
      if (e.problemMark && e.problemMark.line !== 0) {
        line = e.problemMark.line + (e.kind === 'scanner' ? 1 : 0);
      } else if (e.contextMark && e.contextMark.line !== 0) {
        line = e.contextMark.line;
      }
      if (line !== 0) where = `line ${line}: `;
      const mark = e.problemMark;
      return {
        ok: false,
        error: {
          message: `yaml: ${where}${e.problem}`,
          kind: 'yaml',
          ...(mark ? { line: lineOffset + mark.line + 1, column: mark.column + 1 } : {}),
        },
      };
    }
    if (e instanceof YamlFailure) return { ok: false, error: { message: `yaml: ${e.message}`, kind: 'yaml' } };
    if (e instanceof JsonMarshalError) return { ok: false, error: { message: e.message, kind: 'yaml' } };
    if (e instanceof RangeError) {
      return { ok: false, error: { message: 'yaml: document nested too deeply', kind: 'limit' } };
    }
    throw e;
  }
}

/** sigs.k8s.io/yaml YAMLToJSON for a single document (only its first document is read). */
export function yamlToJson(text: string): { ok: true; value: unknown } | { ok: false; error: YamlError } {
  const limit = limitError(text);
  if (limit) return { ok: false, error: limit };
  return convert(text, 0);
}

/** util/yaml hasJSONPrefix over the first 4096 bytes (the builder's buffer size). */
function looksLikeJson(text: string): boolean {
  const head = text.slice(0, 4096);
  const trimmed = head.replace(/^[\s\u0085\u00a0]+/, '');
  return trimmed.startsWith('{');
}

/** Splits, converts and filters documents exactly as kubectl's resource builder reads a file. */
export function parseYamlDocuments(text: string): ParseDocumentsResult {
  const limit = limitError(text);
  if (limit) return { ok: false, error: limit, documentIndex: 0, documentsBefore: [] };
  return looksLikeJson(text) ? parseJsonStream(text) : parseYamlStream(text);
}

function parseJsonStream(text: string): ParseDocumentsResult {
  const bytes = new TextEncoder().encode(text);
  const values: JsonValue[] = [];
  const lineAt = (byteOffset: number) => {
    const before = new TextDecoder().decode(bytes.subarray(0, byteOffset));
    const lines = before.split('\n');
    return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
  };
  const keep = (vs: JsonValue[]) =>
    vs.filter((v) => v.value !== null).map((v) => ({ value: v.value, startLine: lineAt(v.start).line, json: v.raw }));
  try {
    decodeJsonStream(bytes, values);
  } catch (e) {
    if (!(e instanceof GoJsonError)) throw e;
    const docs = keep(values);
    const at = e.byteOffset !== undefined ? lineAt(e.byteOffset) : undefined;
    return {
      ok: false,
      error: { message: e.message, kind: 'json', ...(at ?? {}) },
      documentIndex: docs.length,
      documentsBefore: docs.map((d) => d.value),
    };
  }
  return { ok: true, documents: keep(values) };
}

function parseYamlStream(text: string): ParseDocumentsResult {
  // LineReader: lines end at '\n' (a "\r\n" line keeps its '\r', which TrimSpace drops).
  const lines = text.split(/(?<=\n)/);
  const documents: YamlDocument[] = [];
  let chunk: string[] = [];
  let chunkStart = 0;
  const flush = (): ParseDocumentsResult | undefined => {
    if (chunk.length === 0) return undefined;
    const r = convert(chunk.join(''), chunkStart);
    if (!r.ok) {
      return { ok: false, error: r.error, documentIndex: documents.length, documentsBefore: documents.map((d) => d.value) };
    }
    // The builder skips empty documents and documents that are `null`.
    if (r.value !== null) documents.push({ value: r.value, startLine: chunkStart + 1, json: goJsonMarshal(r.value) });
    return undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).replace(/^[\s\u0085\u00a0]+|[\s\u0085\u00a0]+$/g, '');
      if (trimmed.length > 0 && trimmed[0] !== '#') {
        return {
          ok: false,
          error: { message: `invalid Yaml document separator: ${trimmed}`, kind: 'separator', line: i + 1, column: 1 },
          documentIndex: documents.length,
          documentsBefore: documents.map((d) => d.value),
        };
      }
      const failed = flush();
      if (failed) return failed;
      chunk = [];
      chunkStart = i + 1;
      continue;
    }
    if (chunk.length === 0) chunkStart = i;
    chunk.push(line);
  }
  return flush() ?? { ok: true, documents };
}

/** encoding/json Marshal of a decoded value: compact, HTML-escaped (<, >, & as \u003c…). */
export function goJsonMarshal(v: unknown): string {
  // A GoNumber goes out as its exact text (int64 digits, a float's -0) through a NUL-led
  // placeholder string (a manifest string would need that very NUL prefix to be mistaken for
  // one). The replacer reads holder[key]: JSON.stringify has already applied toJSON to `x`.
  let numbers = false;
  const text = JSON.stringify(v, function (this: Record<string, unknown>, k: string, x: unknown) {
    const raw = this[k];
    if (!(raw instanceof GoNumber)) return x;
    numbers = true;
    return `\u0000gonumber:${raw.text}`;
  });
  return (numbers ? text.replace(/"\\u0000gonumber:([-+.0-9eE]+)"/g, '$1') : text)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The line kubectl prints when a manifest fails to parse (verified against kubectl 1.32):
 *   error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token
 *   error: error parsing x.yaml: invalid Yaml document separator: foo
 *   error: error parsing x.json: json: offset 84: invalid character ',' looking for beginning of object key string
 */
export function kubectlParseError(path: string, e: YamlError): string {
  const inner = e.kind === 'yaml' || e.kind === undefined ? `error converting YAML to JSON: ${e.message}` : e.message;
  return `error: error parsing ${path}: ${inner}`;
}

const VALIDATE_HINT = 'if you choose to ignore these errors, turn validation off with --validate=false';

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

/** kubectl's messages for documents that parse but are not usable objects. */
export const kubectlObjectErrors = {
  /**
   * Client-side validation as `kubectl create/apply -f` runs it by default (kubectl
   * validation.getObjectKind), or undefined when apiVersion and kind are present strings:
   *   error: error validating "x.yaml": error validating data: kind not set; if you choose …
   *   error: error validating "x.yaml": error validating data: [apiVersion not set, kind not set]; if you choose …
   *   error: error validating "x.yaml": error validating data: invalid object to validate; if you choose …
   */
  validate(path: string, doc: unknown): string | undefined {
    const errs: string[] = [];
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      errs.push('invalid object to validate');
    } else {
      const o = doc as Record<string, unknown>;
      if (o.apiVersion === undefined || o.apiVersion === null) errs.push('apiVersion not set');
      else if (typeof o.apiVersion !== 'string') errs.push("apiVersion isn't string type");
      if (o.kind === undefined || o.kind === null) errs.push('kind not set');
      else if (typeof o.kind !== 'string') errs.push("kind isn't string type");
    }
    if (errs.length === 0) return undefined;
    return `error: error validating "${path}": error validating data: ${aggregateMessage(errs)}; ${VALIDATE_HINT}`;
  },
  /**
   * Decoding without validation (`--validate=false`, `label --local`): unstructured's errors.
   *   error: unable to decode "x.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'
   *   error: unable to decode "x.yaml": json: cannot unmarshal array into Go value of type unstructured.detector
   * `json` is the document's JSON bytes (YamlDocument.json).
   */
  decode(path: string, doc: unknown, json: string = goJsonMarshal(doc)): string | undefined {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      return `error: unable to decode "${path}": json: cannot unmarshal ${goJsonKind(doc)} into Go value of type unstructured.detector`;
    }
    const o = doc as Record<string, unknown>;
    if (typeof o.kind !== 'string' || o.kind === '') return this.missingKind(path, json);
    return undefined;
  },
  missingKind(path: string, json: string): string {
    return `error: unable to decode "${path}": Object 'Kind' is missing in '${json}'`;
  },
  /** runtime.NewMissingVersionErr (not observed offline: label --local accepts a missing apiVersion). */
  missingApiVersion(path: string, json: string): string {
    return `error: unable to decode "${path}": Object 'apiVersion' is missing in '${json}'`;
  },
};
