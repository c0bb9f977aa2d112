// JSON merge patch (RFC 7386), the `application/merge-patch+json` body the API server accepts,
// and the two- and three-way patch builders kubectl uses for kinds without strategic metadata
// (evanphx/json-patch `CreateMergePatch`, apimachinery `jsonmergepatch.CreateThreeWayJSONMergePatch`).
//
// Everything here works on plain JSON values and never mutates its inputs. The small JSON helpers
// at the top are shared by the other patch modules.

import { GoNumber, goNumbersEqual } from './gonumber';

export type JsonObject = Record<string, unknown>;

/** A JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof GoNumber);
}

export function hasKey(o: JsonObject, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Sets a member, also when the key is `__proto__` (which plain assignment would treat as the prototype). */
export function setKey(o: JsonObject, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** Deep copy of JSON data; `undefined` members are dropped, as JSON encoding would. */
export function cloneJson<T>(v: T): T {
  // A GoNumber (a manifest's exact int64 or integral float64) is an immutable scalar.
  if (v === null || typeof v !== 'object' || v instanceof GoNumber) return v;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : cloneJson(x))) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    const x = (v as JsonObject)[k];
    if (x !== undefined) setKey(out, k, cloneJson(x));
  }
  return out as T;
}

/** Structural equality of JSON data; `undefined` members count as absent. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GoNumber || b instanceof GoNumber) return goNumbersEqual(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => hasKey(bo, k) && jsonEqual(ao[k], bo[k]));
}

/** Recursively sorts object keys, the order Go's encoding/json writes map keys in. */
export function sortJsonKeys<T>(v: T): T {
  if (v === null || typeof v !== 'object' || v instanceof GoNumber) return v;
  if (Array.isArray(v)) return v.map(sortJsonKeys) as T;
  const out: JsonObject = {};
  for (const k of Object.keys(v).sort(compareBytes)) setKey(out, k, sortJsonKeys((v as JsonObject)[k]));
  return out as T;
}

/** Go's string comparison (bytewise; the same as UTF-16 order outside the surrogate range). */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// RFC 7386

/**
 * Applies a JSON merge patch (RFC 7386 §2): a `null` member deletes, an object member merges
 * recursively (creating the object when the target has none), anything else (arrays included)
 * replaces. A patch that is not an object replaces the whole target.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return cloneJson(patch);
  const out: JsonObject = isJsonObject(target) ? cloneJson(target) : {};
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) delete out[k];
    else setKey(out, k, applyMergePatch(hasKey(out, k) ? out[k] : undefined, v));
  }
  return out;
}

/**
 * The merge patch that turns `original` into `modified` (evanphx/json-patch `CreateMergePatch`):
 * added and changed members are copied, removed members become `null`, nested objects are diffed,
 * arrays are compared whole. Keys come out sorted, as kubectl would send them.
 */
export function createMergePatch(original: unknown, modified: unknown): unknown {
  if (!isJsonObject(original) || !isJsonObject(modified)) return cloneJson(modified);
  return sortJsonKeys(diffObjects(original, modified));
}

function diffObjects(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const k of Object.keys(b)) {
    const bv = b[k];
    if (bv === undefined) continue;
    if (!hasKey(a, k) || a[k] === undefined) {
      setKey(into, k, cloneJson(bv));
      continue;
    }
    const av = a[k];
    if (isJsonObject(av) && isJsonObject(bv)) {
      const d = diffObjects(av, bv);
      if (Object.keys(d).length > 0) setKey(into, k, d);
    } else if (!jsonEqual(av, bv)) {
      setKey(into, k, cloneJson(bv));
    }
  }
  for (const k of Object.keys(a)) {
    if (a[k] !== undefined && (!hasKey(b, k) || b[k] === undefined)) setKey(into, k, null);
  }
  return into;
}

/**
 * kubectl apply's patch for kinds without strategic metadata
 * (apimachinery `jsonmergepatch.CreateThreeWayJSONMergePatch`): additions and changes come from
 * `current`→`modified`, deletions only from `original` (the last-applied configuration)→`modified`,
 * so fields other writers added to the live object survive. `{}` means nothing to send.
 */
export function createThreeWayMergePatch(original: unknown, modified: unknown, current: unknown): JsonObject {
  const o = isJsonObject(original) ? original : {};
  const m = isJsonObject(modified) ? modified : {};
  const c = isJsonObject(current) ? current : {};
  const addAndChange = keepOrDeleteNull(diffObjects(c, m), false);
  const deletions = keepOrDeleteNull(diffObjects(o, m), true);
  return sortJsonKeys(applyMergePatch(deletions, addAndChange) as JsonObject);
}

// jsonmergepatch.keepOrDeleteNullInObj: keepNull keeps only the nulls (deletions), otherwise only
// the non-null values (additions and changes). An explicitly empty object counts as a value.
function keepOrDeleteNull(m: JsonObject, keepNull: boolean): JsonObject {
  const out: JsonObject = {};
  for (const k of Object.keys(m)) {
    const v = m[k];
    if (v === null) {
      if (keepNull) setKey(out, k, null);
    } else if (isJsonObject(v)) {
      if (Object.keys(v).length === 0) {
        if (!keepNull) setKey(out, k, v);
        continue;
      }
      const sub = keepOrDeleteNull(v, keepNull);
      if (Object.keys(sub).length > 0) setKey(out, k, sub);
    } else if (!keepNull) {
      setKey(out, k, v);
    }
  }
  return out;
}
