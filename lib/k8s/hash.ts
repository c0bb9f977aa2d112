// Hashes the controllers use to name things: FNV-1a (Go hash/fnv New32a), apimachinery
// util/rand SafeEncodeString, and the pod-template-hash (pkg/controller/controller_utils.go
// ComputeHash). Upstream hashes a spew dump of the Go struct; we hash canonical JSON instead,
// so names look real and are stable, but differ from a real cluster's (kube-protocol.md §3.4).

import { RAND_ALPHANUMS } from './names';

/** UTF-8 bytes of a string, as Go sees a string. */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) {
      // a lone surrogate encodes as U+FFFD, as Go's string conversion does
      const d = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
      out.push(0xe0 | (d >> 12), 0x80 | ((d >> 6) & 0x3f), 0x80 | (d & 0x3f));
    } else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a, 32 bits, over bytes (a string is hashed as UTF-8). Feed `state` to continue a hash. */
export function fnv32a(input: string | Uint8Array, state: number = FNV32_OFFSET): number {
  const bytes = typeof input === 'string' ? utf8Bytes(input) : input;
  let h = state >>> 0;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, FNV32_PRIME) >>> 0;
  }
  return h >>> 0;
}

/**
 * rand.SafeEncodeString: each character becomes alphanums[codePoint % 27], so decimal digits
 * map 0→4 1→5 2→6 3→7 4→8 5→9 6→b 7→c 8→d 9→f.
 */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += RAND_ALPHANUMS[ch.codePointAt(0)! % RAND_ALPHANUMS.length];
  return out;
}

/**
 * JSON with object keys sorted (by UTF-16 code units) and undefined members dropped, so equal
 * templates hash equally whatever order their keys were written in.
 */
export function canonicalJSON(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJSON(v))).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(obj[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

/**
 * The pod-template-hash label value for a template: SafeEncodeString(decimal FNV-1a of the
 * template, with the collision count appended as 8 bytes, a little-endian uint32 then zeros).
 * Only the characters 4-9 and b c d f appear; the length is the hash's decimal digit count.
 */
export function computeTemplateHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(canonicalJSON(template));
  if (collisionCount !== undefined && collisionCount !== null) {
    const c = collisionCount >>> 0;
    h = fnv32a(Uint8Array.from([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0]), h);
  }
  return safeEncodeString(String(h));
}
