// JSON patch (RFC 6902), the `application/json-patch+json` body the API server accepts.
//
// The API server decodes the body strictly into `[]jsonPatchOp` (apiserver
// endpoints/handlers/patch.go, `applyJSPatch`) and then applies it with gopkg.in/evanphx/json-patch.v4
// (v4.12). Decoding failures are returned with phase 'decode' and carry the server's full message
// (it answers 400 BadRequest with it). Application failures carry the library's `err.Error()` text
// with phase 'apply'; the server answers those with 422 and a generic message (see ./index.ts).
//
// We follow v4 where it differs from the RFC and the difference is observable on a real cluster:
// `replace` of a missing object member adds it, `copy` from a missing member copies null, negative
// array indices count from the end, and a path's first segment is not required to be empty.

import { GoNumber } from './gonumber';
import { cloneJson, hasKey, isJsonObject, jsonEqual, setKey } from './merge';
import type { JsonObject } from './merge';

export type JsonPatchResult =
  | { ok: true; value: unknown }
  | { ok: false; error: string; phase: 'decode' | 'apply' | 'too-large' };

/** The apiserver's limit on operations in one JSON patch (patch.go `maxJSONPatchOperations`). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** Applies `ops` (a decoded JSON patch body) to a copy of `doc`; `doc` is never modified. */
export function applyJsonPatch(doc: unknown, ops: unknown): JsonPatchResult {
  const decoded = decode(ops);
  if (typeof decoded === 'string') return { ok: false, error: decoded, phase: 'decode' };
  if (decoded.length > MAX_JSON_PATCH_OPERATIONS) {
    return {
      ok: false,
      phase: 'too-large',
      error: `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${decoded.length}`,
    };
  }
  const box: Box = { root: cloneJson(doc) };
  for (const op of decoded) {
    const err = applyOp(box, op);
    if (err !== null) return { ok: false, error: err, phase: 'apply' };
  }
  return { ok: true, value: box.root };
}

/** RFC 6901 reference-token decoding: `~1` is `/`, `~0` is `~` (so `~01` is `~1`). */
export function decodePointerToken(token: string): string {
  return token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** RFC 6901 reference-token encoding. */
export function encodePointerToken(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// ---------------------------------------------------------------------------------------------
// Decoding, as the apiserver's strict `kjson.UnmarshalStrict(body, &[]jsonPatchOp)` words it.

type Op = JsonObject | null;

function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof GoNumber) return 'number';
  if (typeof v === 'object') return 'object';
  return typeof v; // 'string' | 'number'
}

function decode(ops: unknown): Op[] | string {
  if (ops === null || ops === undefined) return [];
  if (!Array.isArray(ops)) {
    return `error decoding patch: json: cannot unmarshal ${goJsonKind(ops)} into Go value of type []handlers.jsonPatchOp`;
  }
  for (const op of ops) {
    if (op === null) continue;
    if (!isJsonObject(op)) {
      return `error decoding patch: json: cannot unmarshal ${goJsonKind(op)} into Go value of type handlers.jsonPatchOp`;
    }
    for (const field of ['op', 'path', 'from']) {
      const v = op[field];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        return `error decoding patch: json: cannot unmarshal ${goJsonKind(v)} into Go struct field jsonPatchOp.${field} of type string`;
      }
    }
  }
  return ops as Op[];
}

// ---------------------------------------------------------------------------------------------
// Application (evanphx/json-patch v4 `Patch.ApplyIndent` and friends).

interface Box {
  root: unknown;
}

// The document is a private copy, so containers are changed in place.
type Container = { kind: 'object'; o: JsonObject } | { kind: 'array'; a: unknown[] };

const MISSING = 'missing value';
const INVALID_INDEX = 'invalid index referenced';
const TEST_FAILED = 'test failed';

function str(op: Op, field: string): string | undefined {
  const v = op?.[field];
  return typeof v === 'string' ? v : undefined;
}

function applyOp(box: Box, op: Op): string | null {
  const kind = str(op, 'op') ?? 'unknown';
  switch (kind) {
    case 'add':
      return opAdd(box, op);
    case 'remove':
      return opRemove(box, op);
    case 'replace':
      return opReplace(box, op);
    case 'move':
      return opMove(box, op);
    case 'test':
      return opTest(box, op);
    case 'copy':
      return opCopy(box, op);
    default:
      return `Unexpected kind: ${kind}`;
  }
}

/** `Operation.value()`: the value member, or null when it is absent. */
function valueOf(op: Op): unknown {
  const v = op?.value;
  return v === undefined ? null : cloneJson(v);
}

function hasValue(op: Op): boolean {
  return op !== null && hasKey(op, 'value');
}

function rootContainer(box: Box): Container | null {
  if (Array.isArray(box.root)) return { kind: 'array', a: box.root };
  if (isJsonObject(box.root)) return { kind: 'object', o: box.root };
  return null;
}

/**
 * v4 `findObject`: walks every segment but the last (the first segment is skipped, whatever it
 * holds) and returns the container plus the decoded last key, or null when the parent is missing.
 */
function findObject(box: Box, path: string): { con: Container; key: string } | null {
  const split = path.split('/');
  if (split.length < 2) return null;
  let con = rootContainer(box);
  if (con === null) return null;
  for (const part of split.slice(1, -1)) {
    const got = get(con, decodePointerToken(part));
    if (typeof got === 'string' || got.value === undefined || got.value === null) return null;
    const next = got.value;
    if (Array.isArray(next)) {
      con = { kind: 'array', a: next };
    } else if (isJsonObject(next)) {
      con = { kind: 'object', o: next };
    } else {
      return null;
    }
  }
  return { con, key: decodePointerToken(split[split.length - 1]) };
}

/** Go's strconv.Atoi: an optional sign and decimal digits. */
function atoi(s: string): number | string {
  if (!/^[+-]?[0-9]+$/.test(s)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (!Number.isSafeInteger(n)) return `strconv.Atoi: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

function normalizeIndex(idx: number, len: number): number {
  return idx < 0 ? idx + len : idx;
}

function invalidIndex(idx: number): string {
  return `Unable to access invalid index: ${idx}: ${INVALID_INDEX}`;
}

/** container.get: objects answer undefined for a missing member; arrays check the index. */
function get(con: Container, key: string): { value: unknown } | string {
  if (con.kind === 'object') return { value: hasKey(con.o, key) ? con.o[key] : undefined };
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  const len = con.a.length;
  if (idx < 0) {
    if (idx < -len) return invalidIndex(idx);
  }
  const i = normalizeIndex(idx, len);
  if (i >= len) return invalidIndex(i);
  return { value: con.a[i] };
}

/** container.set: only used by replace, after get succeeded. */
function set(con: Container, key: string, val: unknown): void {
  if (con.kind === 'object') setKey(con.o, key, val);
  else con.a[normalizeIndex(atoi(key) as number, con.a.length)] = val;
}

function add(con: Container, key: string, val: unknown): string | null {
  if (con.kind === 'object') {
    setKey(con.o, key, val);
    return null;
  }
  const arr = con.a;
  if (key === '-') {
    arr.push(val);
    return null;
  }
  const idx = atoi(key);
  if (typeof idx === 'string') return `value was not a proper array index: '${key}': ${idx}`;
  const size = arr.length + 1;
  if (idx >= size) return invalidIndex(idx);
  if (idx < -size) return invalidIndex(idx);
  const i = normalizeIndex(idx, size);
  arr.splice(i, 0, val);
  return null;
}

function remove(con: Container, key: string): string | null {
  if (con.kind === 'object') {
    if (!hasKey(con.o, key)) return `Unable to remove nonexistent key: ${key}: ${MISSING}`;
    delete con.o[key];
    return null;
  }
  const arr = con.a;
  const idx = atoi(key);
  if (typeof idx === 'string') return idx;
  if (idx >= arr.length) return invalidIndex(idx);
  if (idx < -arr.length) return invalidIndex(idx);
  const i = normalizeIndex(idx, arr.length);
  arr.splice(i, 1);
  return null;
}

function opAdd(box: Box, op: Op): string | null {
  const path = str(op, 'path');
  if (path === undefined) return `add operation failed to decode path: ${MISSING}`;
  const found = findObject(box, path);
  if (found === null) return `add operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const err = add(found.con, found.key, valueOf(op));
  return err === null ? null : `error in add for path: '${path}': ${err}`;
}

function opRemove(box: Box, op: Op): string | null {
  const path = str(op, 'path');
  if (path === undefined) return `remove operation failed to decode path: ${MISSING}`;
  const found = findObject(box, path);
  if (found === null) return `remove operation does not apply: doc is missing path: "${path}": ${MISSING}`;
  const err = remove(found.con, found.key);
  return err === null ? null : `error in remove for path: '${path}': ${err}`;
}

function opReplace(box: Box, op: Op): string | null {
  const path = str(op, 'path');
  if (path === undefined) return `replace operation failed to decode path: operation missing path field: ${MISSING}`;
  if (path === '') {
    // v4 replaces the whole document with an object or array value. For any other value it
    // wraps a nil error, which is no error at all: the operation silently does nothing.
    const v = valueOf(op);
    if (isJsonObject(v) || Array.isArray(v)) box.root = v;
    return null;
  }
  const found = findObject(box, path);
  if (found === null) return `replace operation does not apply: doc is missing path: ${path}: ${MISSING}`;
  if (typeof get(found.con, found.key) === 'string') {
    return `replace operation does not apply: doc is missing key: ${path}: ${MISSING}`;
  }
  set(found.con, found.key, valueOf(op));
  return null;
}

function opMove(box: Box, op: Op): string | null {
  const from = str(op, 'from');
  if (from === undefined) return `move operation failed to decode from: operation, missing from field: ${MISSING}`;
  const src = findObject(box, from);
  if (src === null) return `move operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const got = get(src.con, src.key);
  if (typeof got === 'string') return `error in move for path: '${src.key}': ${got}`;
  const removed = remove(src.con, src.key);
  if (removed !== null) return `error in move for path: '${src.key}': ${removed}`;
  const path = str(op, 'path');
  if (path === undefined) return `move operation failed to decode path: operation missing path field: ${MISSING}`;
  const dst = findObject(box, path);
  if (dst === null) return `move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const err = add(dst.con, dst.key, got.value === undefined ? null : got.value);
  return err === null ? null : `error in move for path: '${path}': ${err}`;
}

function opTest(box: Box, op: Op): string | null {
  const path = str(op, 'path');
  if (path === undefined) return `test operation failed to decode path: operation missing path field: ${MISSING}`;
  const failed = `testing value ${path} failed: ${TEST_FAILED}`;
  if (path === '') return jsonEqual(box.root, valueOf(op)) ? null : failed;
  const found = findObject(box, path);
  if (found === null) return `test operation does not apply: is missing path: ${path}: ${MISSING}`;
  const got = get(found.con, found.key);
  if (typeof got === 'string') return `error in test for path: '${path}': ${got}`;
  // A missing member and an explicit null both read as nil: they match a null test value only.
  if (got.value === undefined || got.value === null) return hasValue(op) && op?.value === null ? null : failed;
  if (!hasValue(op)) return failed;
  // v4 compares objects one-sidedly (extra members in the test value pass); we use full equality.
  return jsonEqual(got.value, op?.value) ? null : failed;
}

function opCopy(box: Box, op: Op): string | null {
  const from = str(op, 'from');
  if (from === undefined) return `copy operation failed to decode from: operation, missing from field: ${MISSING}`;
  const src = findObject(box, from);
  if (src === null) return `copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`;
  const got = get(src.con, src.key);
  if (typeof got === 'string') return `error in copy for from: '${from}': ${got}`;
  const path = str(op, 'path');
  if (path === undefined) return `copy operation failed to decode path: ${MISSING}`;
  const dst = findObject(box, path);
  if (dst === null) return `copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`;
  const err = add(dst.con, dst.key, got.value === undefined ? null : cloneJson(got.value));
  return err === null ? null : `error while adding value during copy: ${err}`;
}
