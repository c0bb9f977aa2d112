// Plain-JSON object helpers shared by the store and the controllers.
// Stored objects are deep-frozen: readers share them, writers build new ones.

import { GoNumber, goNumbersEqual } from '../k8s/patch/gonumber';

/** Arrays that clone() keeps by reference: see shared(). */
const SHARED = new WeakSet<readonly unknown[]>();

/**
 * Marks a constant array (deep-frozen here) that admission puts into many objects as the
 * same for all of them: the store keeps it by reference instead of copying it into every pod.
 * It can be shared because stored objects are deep-frozen anyway.
 */
export function shared<T extends readonly unknown[]>(v: T): T {
  deepFreeze(v);
  SHARED.add(v);
  return v;
}

/**
 * Deep copy of plain JSON data (faster than structuredClone for API objects). A GoNumber from a
 * manifest (lib/k8s/patch/gonumber.ts: an exact int64 beyond ±2^53, or an integral float64) becomes
 * the plain number the API server's JSON would give back to a JS client: the store keeps only
 * plain JSON data, as it would after a real round trip over HTTP.
 */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof GoNumber) return v.value as T;
  if (Array.isArray(v)) {
    if (SHARED.has(v)) return v;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = clone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = clone(x);
  }
  return out as T;
}

/**
 * Like clone, but a part of `v` that is the very same object as the part at the same place in
 * `prev` (a stored, deep-frozen version: writers build the next version by spreading the old
 * one) is kept instead of copied. Everything else is copied as clone does, so every stored
 * object of a kind keeps the same V8 hidden classes.
 */
export function cloneSharing<T>(v: T, prev: unknown): T {
  if (v === prev || v === null || typeof v !== 'object') return v;
  if (v instanceof GoNumber) return v.value as T;
  const p = prev !== null && typeof prev === 'object' ? (prev as Record<string, unknown>) : undefined;
  if (Array.isArray(v)) {
    if (SHARED.has(v)) return v;
    const pa = Array.isArray(p) ? (p as unknown[]) : undefined;
    const out = new Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = pa ? cloneSharing(v[i], pa[i]) : clone(v[i]);
    return out as T;
  }
  const out: Record<string, unknown> = {};
  for (const k in v as Record<string, unknown>) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined) out[k] = p ? cloneSharing(x, p[k]) : clone(x);
  }
  return out as T;
}

/** Freezes an object graph, skipping parts that are already frozen (shared with older versions). */
export function deepFreeze<T>(v: T): T {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return v;
  Object.freeze(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) deepFreeze(v[i]);
  } else {
    for (const k in v as Record<string, unknown>) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') deepFreeze(x);
    }
  }
  return v;
}

/** Structural equality of plain JSON data; `undefined` members count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof GoNumber || b instanceof GoNumber) return goNumbersEqual(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], bb[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let na = 0;
  for (const k in ao) {
    if (ao[k] === undefined) continue;
    na++;
    if (!deepEqual(ao[k], bo[k])) return false;
  }
  let nb = 0;
  for (const k in bo) if (bo[k] !== undefined) nb++;
  return na === nb;
}
