// Go's printing rules for the values kubectl hands to its JSONPath engine.
//
// kubectl decodes JSON into `interface{}` with apimachinery's unstructured decoder: objects become
// map[string]interface{}, arrays []interface{}, integers int64 and every other number float64.
// JavaScript keeps only `number`, so this module classifies a number as int64 when it is an integer
// within int64's range and as float64 otherwise. What a number cannot say (an int64 beyond ±2^53, a
// JSON float written with an integral value such as `1e6` or `-0.0`, which Go prints `1e+06`, `-0`)
// the manifest decoder carries in a GoNumber object, recognised here by its brand (isGoNumber).

const TWO_63 = 2 ** 63;

/** Whether kubectl's unstructured decoder would have produced an int64 for this number. */
export function isGoInt64(n: number): boolean {
  return Number.isInteger(n) && n >= -TWO_63 && n < TWO_63;
}

/** An int64 printed with `strconv.FormatInt`, digit-exact for the double's value. */
export function formatGoInt(n: number): string {
  return BigInt(n).toString();
}

/**
 * A float64 as `fmt.Print` prints it: `%g` with the shortest round-trip digits, switching to
 * exponent form when the exponent is below -4 or at least 6 (strconv's 'g' with precision -1 uses
 * 6 as the cut-off), with a sign and at least two exponent digits: `1e+06`, `1.5000005e+06`,
 * `1e-05`, `100000.5`. VERIFIED against kubectl 1.32 `-o jsonpath`.
 */
export function formatGoFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const abs = Math.abs(exp);
    return `${mantissa}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  // Between 1e-4 and 1e6 JavaScript's shortest form is plain decimal, as Go's is.
  return String(n);
}

/** A float64 as encoding/json writes it (JavaScript's JSON number form is the same). */
function formatJSONFloat(n: number): string {
  if (!Number.isFinite(n)) return 'null'; // json.Marshal would fail; never reached with JSON input
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** Go string ordering: bytewise on UTF-8, which is code point order (not UTF-16 unit order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    // A surrogate (a code point above U+FFFF) sorts after every BMP character.
    if (sa !== sb) return sa ? 1 : -1;
    return ca < cb ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function sortedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareGoStrings);
}

function isObjectLike(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isGoNumber(v);
}

/**
 * The manifest decoder's GoNumber (lib/k8s/patch/gonumber.ts): an int64 beyond ±2^53 with its
 * exact digits, or a float64 with an integral value (`1e6`, `-0.0`) that a plain number would
 * pass off as an int64. This module may import nothing, so it knows the class by its registered
 * brand symbol and reads its three fields.
 */
export interface GoNumberLike {
  readonly goType: 'int64' | 'float64';
  readonly value: number;
  readonly text: string;
}

const GO_NUMBER = Symbol.for('podbook.go-number');

export function isGoNumber(v: unknown): v is GoNumberLike {
  return typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[GO_NUMBER] === true;
}

/** fmt.Print of a GoNumber: the int64's digits, or `%g` of the float64 (`1e+06`, `-0`). */
export function formatGoNumberLike(n: GoNumberLike): string {
  return n.goType === 'int64' ? n.text : formatGoFloat(n.value);
}

const HEX = '0123456789abcdef';

function hex(n: number, width: number): string {
  let s = '';
  for (let i = width - 1; i >= 0; i--) s += HEX[(n >> (4 * i)) & 0xf];
  return s;
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(cp));
}

/** strconv.Quote: the `%q` verb, used for the template in kubectl's execution error. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') {
      out += `\\${ch}`;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate is invalid UTF-8 for Go
    if (isGoPrint(cp)) {
      out += String.fromCodePoint(cp);
      continue;
    }
    switch (cp) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}

/** `%#U`: `U+0021 '!'`, or just `U+0009` for a character Go does not consider printable. */
export function goSharpU(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** A number from decoded JSON as `fmt.Print` prints it (int64 or float64). */
export function formatGoNumber(n: number): string {
  return isGoInt64(n) ? formatGoInt(n) : formatGoFloat(n);
}

/**
 * `fmt.Sprint` of a decoded-JSON value (`%v`): `map[a:1 b:x]` with sorted keys, `[a b]`,
 * `<nil>` for null, strings raw. kubectl's custom-columns printer uses this for every cell.
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatGoNumber(v);
  if (isGoNumber(v)) return formatGoNumberLike(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  if (isObjectLike(v)) return `map[${sortedKeys(v).map((k) => `${k}:${goSprint(v[k])}`).join(' ')}]`;
  return String(v);
}

/**
 * `%#v` of an `interface{}` holding a decoded-JSON value, as kubectl prints "object given to
 * jsonpath engine was" in its execution error:
 * `map[string]interface {}{"a":1, "b":[]interface {}{"x", interface {}(nil)}}`.
 */
export function goSharpV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return sharpV(v);
}

function sharpV(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return formatGoNumber(v);
  if (isGoNumber(v)) return formatGoNumberLike(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[]interface {}{${v.map(sharpV).join(', ')}}`;
  if (isObjectLike(v)) {
    return `map[string]interface {}{${sortedKeys(v)
      .map((k) => `${goQuote(k)}:${sharpV(v[k])}`)
      .join(', ')}}`;
  }
  return String(v);
}

/**
 * encoding/json's string form with HTMLEscape on (json.Marshal's default): `<`, `>`, `&` as
 * `\u003c \u003e \u0026`, U+2028/U+2029 escaped, `\b \f \n \r \t` short forms (Go 1.22+, kubectl
 * 1.32 is built with Go 1.23), other control characters as `\u00XX`, DEL and non-ASCII raw.
 */
export function goJSONString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22: out += '\\"'; continue;
      case 0x5c: out += '\\\\'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x3c: case 0x3e: case 0x26: case 0x2028: case 0x2029:
        out += `\\u${hex(c, 4)}`;
        continue;
    }
    if (c < 0x20) {
      out += `\\u${hex(c, 4)}`;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      out += s[i] + s[i + 1];
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      out += '\\ufffd'; // invalid UTF-8 in Go
    } else {
      out += s[i];
    }
  }
  return `${out}"`;
}

/** json.Marshal of a decoded-JSON value: compact, keys sorted bytewise, HTML-escaped strings. */
export function goJSONMarshal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJSONString(v);
  if (typeof v === 'number') return isGoInt64(v) ? formatGoInt(v) : formatJSONFloat(v);
  // encoding/json: the int64's digits, the float64's 'f' form (`-0`, `1000000`).
  if (isGoNumber(v)) return v.text;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJSONMarshal).join(',')}]`;
  if (isObjectLike(v)) return `{${sortedKeys(v).map((k) => `${goJSONString(k)}:${goJSONMarshal(v[k])}`).join(',')}}`;
  return 'null';
}

/** json.MarshalIndent(v, "", indent): what `-o jsonpath-as-json` prints for each action. */
export function goJSONMarshalIndent(v: unknown, indent = '    ', depth = 0): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    const inner = indent.repeat(depth + 1);
    return `[\n${v.map((e) => inner + goJSONMarshalIndent(e, indent, depth + 1)).join(',\n')}\n${indent.repeat(depth)}]`;
  }
  if (isObjectLike(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) return '{}';
    const inner = indent.repeat(depth + 1);
    return `{\n${keys
      .map((k) => `${inner}${goJSONString(k)}: ${goJSONMarshalIndent(v[k], indent, depth + 1)}`)
      .join(',\n')}\n${indent.repeat(depth)}}`;
  }
  return goJSONMarshal(v);
}
