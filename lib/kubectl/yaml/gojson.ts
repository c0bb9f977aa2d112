// encoding/json's Decoder as kubectl meets it for JSON manifests (YAMLOrJSONDecoder picks JSON when
// the stream starts with '{'): consecutive values, Go's syntax-error texts, byte offsets.

import { GoNumber } from '../../k8s/patch/gonumber';

export class GoJsonError extends Error {
  constructor(
    message: string,
    /** 0-based byte offset of the offending byte (undefined for "unexpected EOF") */
    readonly byteOffset: number | undefined,
  ) {
    super(message);
  }
}

function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const s = JSON.stringify(String.fromCharCode(c)).slice(1, -1);
  const named: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 11: '\\v' };
  if (named[c]) return `'${named[c]}'`;
  if (s.startsWith('\\u00')) return `'\\x${s.slice(4)}'`;
  return `'${s}'`;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * The value apimachinery's unstructured decoder gives a JSON number (sigs.k8s.io/json
 * UnmarshalCaseSensitivePreserveInts: strconv.ParseInt(text, 10, 64) first, else ParseFloat), as
 * Podbook holds it: a plain number unless the Go type cannot be read back from one (GoNumber).
 */
export function goJsonNumber(text: string): unknown {
  if (/^-?\d+$/.test(text)) {
    const i = BigInt(text);
    if (i >= INT64_MIN && i <= INT64_MAX) {
      // "-0" is int64 0 (ParseInt accepts it), not a negative zero.
      const n = Number(i);
      return Number.isSafeInteger(n) ? n : GoNumber.int64(i);
    }
    // Out of int64's range: a float64, which is what the plain number stands for (printers read
    // an integral number beyond int64 as a float64).
    return Number(text);
  }
  const f = Number(text);
  // A float64 that a plain number would pass off as an int64: integral text within int64, or -0.
  if (Object.is(f, -0) || /^-?\d+$/.test(String(f))) {
    const t = String(f);
    const i = BigInt(t);
    if (Object.is(f, -0) || (i >= INT64_MIN && i <= INT64_MAX)) return GoNumber.float64(f);
  }
  return f;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

export interface JsonValue {
  value: unknown;
  /** the value's bytes as kubectl keeps them (RawExtension) */
  raw: string;
  start: number;
}

/** Reads every top-level value; throws GoJsonError like json.Decoder.Decode would. */
export function decodeJsonStream(bytes: Uint8Array, out: JsonValue[] = []): JsonValue[] {
  let p = 0;
  const dec = new TextDecoder();
  const eof = () => {
    throw new GoJsonError('unexpected EOF', undefined);
  };
  const bad = (context: string): never => {
    throw new GoJsonError(`json: offset ${p + 1}: invalid character ${quoteChar(bytes[p])} ${context}`, p);
  };
  const ws = () => {
    while (p < bytes.length && isSpace(bytes[p])) p++;
  };
  const literal = (word: string, v: unknown): unknown => {
    for (let i = 0; i < word.length; i++) {
      if (p >= bytes.length) eof();
      if (bytes[p] !== word.charCodeAt(i)) {
        if (i === 0) bad('looking for beginning of value');
        bad(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(i))})`);
      }
      p++;
    }
    return v;
  };
  const string = (): string => {
    const start = p;
    p++;
    for (;;) {
      if (p >= bytes.length) eof();
      const c = bytes[p];
      if (c === 0x22) break;
      if (c < 0x20) bad('in string literal');
      if (c === 0x5c) {
        p++;
        if (p >= bytes.length) eof();
        const e = bytes[p];
        if (e === 0x75) {
          for (let i = 0; i < 4; i++) {
            p++;
            if (p >= bytes.length) eof();
            if (!/[0-9a-fA-F]/.test(String.fromCharCode(bytes[p]))) bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) {
          bad('in string escape code');
        }
      }
      p++;
    }
    p++;
    return JSON.parse(dec.decode(bytes.subarray(start, p))) as string;
  };
  const digits = () => {
    while (p < bytes.length && bytes[p] >= 0x30 && bytes[p] <= 0x39) p++;
  };
  const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
  const number = (): unknown => {
    const start = p;
    if (bytes[p] === 0x2d) {
      p++;
      if (p >= bytes.length) eof();
      if (!isDigit(bytes[p])) bad('in numeric literal');
    }
    if (bytes[p] === 0x30) p++;
    else digits();
    if (p < bytes.length && bytes[p] === 0x2e) {
      p++;
      if (p >= bytes.length) eof();
      if (!isDigit(bytes[p])) bad('after decimal point in numeric literal');
      digits();
    }
    if (p < bytes.length && (bytes[p] === 0x65 || bytes[p] === 0x45)) {
      p++;
      if (p < bytes.length && (bytes[p] === 0x2b || bytes[p] === 0x2d)) p++;
      if (p >= bytes.length) eof();
      if (!isDigit(bytes[p])) bad('in exponent of numeric literal');
      digits();
    }
    return goJsonNumber(dec.decode(bytes.subarray(start, p)));
  };
  // After a number the scanner needs the next byte: a letter or '-' right after is an error.
  const afterNumber = () => {
    if (p < bytes.length && !isSpace(bytes[p]) && !',]}'.includes(String.fromCharCode(bytes[p]))) {
      if (bytes[p] === 0x2d || bytes[p] === 0x2b || bytes[p] === 0x2e || /[0-9eE]/.test(String.fromCharCode(bytes[p]))) {
        bad('in numeric literal');
      }
    }
  };
  const value = (depth: number): unknown => {
    ws();
    if (p >= bytes.length) eof();
    if (depth > 10000) throw new GoJsonError('exceeded max depth', p);
    const c = bytes[p];
    if (c === 0x7b) {
      p++;
      const entries: [string, unknown][] = [];
      ws();
      if (p >= bytes.length) eof();
      if (bytes[p] === 0x7d) {
        p++;
        return {};
      }
      for (;;) {
        ws();
        if (p >= bytes.length) eof();
        if (bytes[p] !== 0x22) bad('looking for beginning of object key string');
        const k = string();
        ws();
        if (p >= bytes.length) eof();
        if (bytes[p] !== 0x3a) bad('after object key');
        p++;
        entries.push([k, value(depth + 1)]);
        ws();
        if (p >= bytes.length) eof();
        if (bytes[p] === 0x2c) {
          p++;
          continue;
        }
        if (bytes[p] === 0x7d) {
          p++;
          break;
        }
        bad('after object key:value pair');
      }
      const m = new Map(entries);
      return Object.fromEntries([...m.keys()].sort().map((k) => [k, m.get(k)]));
    }
    if (c === 0x5b) {
      p++;
      const items: unknown[] = [];
      ws();
      if (p >= bytes.length) eof();
      if (bytes[p] === 0x5d) {
        p++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (p >= bytes.length) eof();
        if (bytes[p] === 0x2c) {
          p++;
          continue;
        }
        if (bytes[p] === 0x5d) {
          p++;
          break;
        }
        bad('after array element');
      }
      return items;
    }
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) {
      const n = number();
      afterNumber();
      return n;
    }
    if (c === 0x74) return literal('true', true);
    if (c === 0x66) return literal('false', false);
    if (c === 0x6e) return literal('null', null);
    return bad('looking for beginning of value');
  };
  for (;;) {
    ws();
    if (p >= bytes.length) return out;
    const start = p;
    const v = value(0);
    out.push({ value: v, raw: dec.decode(bytes.subarray(start, p)), start });
  }
}
