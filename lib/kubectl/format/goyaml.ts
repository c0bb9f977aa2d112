// `kubectl -o yaml`: sigs.k8s.io/yaml.Marshal, which is json.Marshal, then go-yaml v2 Unmarshal
// into interface{}, then go-yaml v2 Marshal (the fork vendored as sigs.k8s.io/yaml/goyaml.v2,
// v1.4.0). This file is a port of the pieces of that pipeline a JSON value can reach:
//
// * encode.go: which scalar style each value asks for (strings that would resolve to another
//   YAML 1.1 type are double-quoted, strings with `\n` ask for a literal block);
// * resolve.go: the YAML 1.1 resolver used for that decision (bools such as `yes`/`on`/`n`,
//   ints in any Go base-0 syntax, floats, timestamps, nulls);
// * sorter.go: the "natural" map key order (`a9` before `a10`, non-letters before letters);
// * emitterc.go: the libyaml emitter state machine with best_indent 2 and best_width 80, which
//   decides the final style (plain, single-quoted, double-quoted, literal), folds long scalars at
//   spaces past column 80, writes `? ` complex keys and `{}`/`[]` for empty collections.
//
// Strings are processed as UTF-8 bytes, like the Go code, because several checks look at bytes
// (is_printable treats every 4-byte sequence as unprintable; is_bom looks at the first three bytes
// of the whole value, so a value starting with U+FEFF escapes every character).

import { GoNumber } from '../../k8s/patch/gonumber';
import { formatYamlGoNumber, formatYamlNumber } from './gonum';

// ---------------------------------------------------------------------------------------------
// Errors the Go pipeline reports.

/**
 * go-yaml's reader rejects characters outside the YAML character set while re-reading the JSON
 * that json.Marshal produced. encoding/json writes DEL, C1 controls (except NEL) and U+FFFE/U+FFFF
 * raw, so `kubectl -o yaml` fails with `error: yaml: control characters are not allowed`.
 */
export class YamlControlCharacterError extends Error {
  constructor() {
    super('yaml: control characters are not allowed');
    this.name = 'YamlControlCharacterError';
  }
}

function checkReadable(s: string): void {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x7f || (c >= 0x80 && c <= 0x9f && c !== 0x85) || c === 0xfffe || c === 0xffff) {
      throw new YamlControlCharacterError();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// resolve.go: would this plain scalar resolve to something other than !!str?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
  // '<<' (merge) is in the Go map too, but its first byte has no hint, so it is never looked up.
]);

function resolveHint(c: number): string {
  if (c === 0x2b || c === 0x2d) return 'S';
  if (c >= 0x30 && c <= 0x39) return 'D';
  if ('yYnNtTfFoO~'.includes(String.fromCharCode(c))) return 'M';
  if (c === 0x2e) return '.';
  return '';
}

/** strconv's underscoreOK: `_` only between digits, or between a base prefix and a digit. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && c.toLowerCase() >= 'a' && c.toLowerCase() <= 'f')) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseUint(s, 0, 64) without underscores (resolve removes them first). */
function parseUintBase0(s: string): bigint | null {
  if (s === '') return null;
  let base = 10n;
  let digits = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    if (p === 'b') [base, digits] = [2n, s.slice(2)];
    else if (p === 'o') [base, digits] = [8n, s.slice(2)];
    else if (p === 'x') [base, digits] = [16n, s.slice(2)];
    else [base, digits] = [8n, s.slice(1)];
  }
  let n = 0n;
  for (const c of digits) {
    const lc = c.toLowerCase();
    let d: bigint;
    if (c >= '0' && c <= '9') d = BigInt(c.charCodeAt(0) - 48);
    else if (lc >= 'a' && lc <= 'z') d = BigInt(lc.charCodeAt(0) - 87);
    else return null;
    if (d >= base) return null;
    n = n * base + d;
    if (n > UINT64_MAX) return null; // range error: not an int either way
  }
  return n;
}

/** strconv.ParseInt(s, 0, 64) succeeds? */
function parsesAsInt64(s: string): boolean {
  let body = s;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    body = s.slice(1);
  }
  const u = parseUintBase0(body);
  if (u === null) return false;
  return neg ? u <= INT64_MAX + 1n : u <= INT64_MAX;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseFloat(s, 64) for the decimal syntax resolve can reach; overflow is an error. */
function parsesAsDecimalFloat(s: string): boolean {
  if (s.includes('_') && !underscoreOK(s)) return false;
  const plain = s.replace(/_/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return false;
  return Number.isFinite(Number(plain));
}

function isDigitAt(s: string, i: number): boolean {
  return i < s.length && s[i] >= '0' && s[i] <= '9';
}

/** time.getnum(s, false): one or two digits. */
function getnum(s: string, pos: number): [number, number] | null {
  if (!isDigitAt(s, pos)) return null;
  if (!isDigitAt(s, pos + 1)) return [s.charCodeAt(pos) - 48, pos + 1];
  return [(s.charCodeAt(pos) - 48) * 10 + (s.charCodeAt(pos + 1) - 48), pos + 2];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * time.Parse against go-yaml's allowedTimestampFormats: "2006-1-2T15:4:5.999999999Z07:00",
 * the same with a lower-case "t", "2006-1-2 15:4:5.999999999" and "2006-1-2".
 */
function parsesAsTimestamp(s: string): boolean {
  // Quick check from resolve.go: all formats start with YYYY-.
  let i = 0;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i !== 4 || i === s.length || s[i] !== '-') return false;
  for (const sep of ['T', 't', ' ', '']) {
    if (matchTimestamp(s, sep)) return true;
  }
  return false;
}

function matchTimestamp(s: string, sep: string): boolean {
  const year = Number(s.slice(0, 4));
  let p = 4;
  if (s[p++] !== '-') return false;
  const mo = getnum(s, p);
  if (mo === null || mo[0] < 1 || mo[0] > 12) return false;
  p = mo[1];
  if (s[p++] !== '-') return false;
  const d = getnum(s, p);
  if (d === null) return false;
  p = d[1];
  if (sep === '') return p === s.length && d[0] >= 1 && d[0] <= daysIn(mo[0], year);
  if (s[p++] !== sep) return false;
  const h = getnum(s, p);
  if (h === null || h[0] >= 24) return false;
  p = h[1];
  if (s[p++] !== ':') return false;
  const mi = getnum(s, p);
  if (mi === null || mi[0] >= 60) return false;
  p = mi[1];
  if (s[p++] !== ':') return false;
  const se = getnum(s, p);
  if (se === null || se[0] >= 60) return false;
  p = se[1];
  // .999999999: a '.' or ',' followed by any number of digits, or nothing.
  if ((s[p] === '.' || s[p] === ',') && isDigitAt(s, p + 1)) {
    p++;
    while (isDigitAt(s, p)) p++;
  }
  if (sep === ' ') return p === s.length && d[0] >= 1 && d[0] <= daysIn(mo[0], year);
  // Z07:00
  if (s[p] === 'Z') {
    p++;
  } else {
    if (s.length - p < 6 || s[p + 3] !== ':' || (s[p] !== '+' && s[p] !== '-')) return false;
    if (!isDigitAt(s, p + 1) || !isDigitAt(s, p + 2) || !isDigitAt(s, p + 4) || !isDigitAt(s, p + 5)) return false;
    const zh = Number(s.slice(p + 1, p + 3));
    const zm = Number(s.slice(p + 4, p + 6));
    if (zh > 24 || zm > 60) return false;
    p += 6;
  }
  return p === s.length && d[0] >= 1 && d[0] <= daysIn(mo[0], year);
}

/** resolve("", s) returns a tag other than !!str. */
export function resolvesToNonString(s: string): boolean {
  const hint = s === '' ? 'N' : resolveHint(s.charCodeAt(0));
  if (hint === '') return false;
  if (RESOLVE_MAP.has(s)) return true;
  switch (hint) {
    case 'M':
      return false;
    case '.':
      return parsesAsDecimalFloat(s);
    case 'D':
    case 'S': {
      if (parsesAsTimestamp(s)) return true;
      const plain = s.replace(/_/g, '');
      if (parsesAsInt64(plain)) return true;
      if (parseUintBase0(plain) !== null) return true;
      if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
      // The 0b/-0b branches of resolve.go are already covered by base-0 ParseInt. The vendored
      // v1.4.0 copy has no big.Int fallback: `0xFFFFFFFFFFFFFFFFFFFF` stays a plain string.
      return false;
    }
  }
  return false;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** encode.go isBase60Float: YAML 1.1 sexagesimal numbers (`1:20`) are quoted for old parsers. */
function isBase60Float(s: string): boolean {
  if (s === '') return false;
  const c = s[0];
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9')) || !s.includes(':')) return false;
  return BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// sorter.go: keyList.Less for string keys.

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

function isLetter(cp: number): boolean {
  return LETTER.test(String.fromCodePoint(cp));
}

function isDigit(cp: number): boolean {
  return cp >= 0x30 && cp <= 0x39 ? true : cp < 0x80 ? false : DIGIT.test(String.fromCodePoint(cp));
}

/**
 * go-yaml v2's natural key order: letters by code point, a non-letter before a letter, digit runs
 * compared as (wrapping int64) numbers, then by run length, then by the differing rune.
 */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a, (c) => c.codePointAt(0)!);
  const br = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i];
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === 0x30 || br[i] === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== 0x30) {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai] - 0x30));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi] - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i] < br[i];
  }
  return ar.length < br.length;
}

/** Keys of a map in the order go-yaml v2 writes them. */
export function yamlSortKeys(keys: string[]): string[] {
  return [...keys].sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Events (encode.go): what the encoder hands to the emitter.

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

type YamlEvent =
  | { type: 'stream-start' }
  | { type: 'stream-end' }
  | { type: 'doc-start' }
  | { type: 'doc-end' }
  | { type: 'scalar'; value: Uint8Array; style: ScalarStyle }
  | { type: 'seq-start' }
  | { type: 'seq-end' }
  | { type: 'map-start' }
  | { type: 'map-end' };

const utf8 = new TextEncoder();

function scalarEvent(text: string, style: ScalarStyle): YamlEvent {
  return { type: 'scalar', value: utf8.encode(text), style };
}

/** encode.go stringv for an untagged string. */
function stringEvent(s: string): YamlEvent {
  checkReadable(s);
  const canUsePlain = !resolvesToNonString(s) && !isBase60Float(s);
  let style: ScalarStyle;
  if (s.includes('\n')) style = 'literal';
  else if (canUsePlain) style = 'plain';
  else style = 'double';
  return scalarEvent(s, style);
}

/**
 * A number as it comes back from json.Marshal → yaml.Unmarshal: integer text that fits int64 or
 * uint64 stays an integer, anything else is a float64 printed with FormatFloat('g', -1).
 */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return 'null'; // encoding/json cannot marshal these; JS's JSON gives null
  return formatYamlNumber(n);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toJsonValue(v: unknown): unknown {
  if (typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    return (v as { toJSON: () => unknown }).toJSON();
  }
  return v;
}

function encodeValue(raw: unknown, events: YamlEvent[]): void {
  if (raw instanceof GoNumber) {
    events.push(scalarEvent(formatYamlGoNumber(raw), 'plain'));
    return;
  }
  const v = toJsonValue(raw);
  if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') {
    events.push(scalarEvent('null', 'plain'));
  } else if (typeof v === 'string') {
    events.push(stringEvent(v));
  } else if (typeof v === 'boolean') {
    events.push(scalarEvent(v ? 'true' : 'false', 'plain'));
  } else if (typeof v === 'number') {
    events.push(scalarEvent(numberText(v), 'plain'));
  } else if (typeof v === 'bigint') {
    events.push(scalarEvent(v.toString(), 'plain'));
  } else if (Array.isArray(v)) {
    events.push({ type: 'seq-start' });
    for (const item of v) encodeValue(item, events);
    events.push({ type: 'seq-end' });
  } else if (isPlainObject(v)) {
    events.push({ type: 'map-start' });
    const keys = Object.keys(v).filter((k) => {
      const x = v[k];
      return x !== undefined && typeof x !== 'function' && typeof x !== 'symbol';
    });
    for (const k of yamlSortKeys(keys)) {
      events.push(stringEvent(k));
      encodeValue(v[k], events);
    }
    events.push({ type: 'map-end' });
  } else {
    events.push(stringEvent(String(v)));
  }
}

// ---------------------------------------------------------------------------------------------
// yamlprivateh.go byte classes. Out-of-range reads yield undefined, which compares false.

function isPrintable(b: Uint8Array, i: number): boolean {
  const c = b[i];
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c === 0xc2 && b[i + 1] >= 0xa0) ||
    (c > 0xc2 && c < 0xed) ||
    (c === 0xed && b[i + 1] < 0xa0) ||
    c === 0xee ||
    (c === 0xef && !(b[i + 1] === 0xbb && b[i + 2] === 0xbf) && !(b[i + 1] === 0xbf && (b[i + 2] === 0xbe || b[i + 2] === 0xbf)))
  );
}

function isBom(b: Uint8Array): boolean {
  // Upstream's is_bom ignores its index and checks the start of the buffer.
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function isSpace(b: Uint8Array, i: number): boolean {
  return b[i] === 0x20;
}

function isBlank(b: Uint8Array, i: number): boolean {
  return b[i] === 0x20 || b[i] === 0x09;
}

function isBreak(b: Uint8Array, i: number): boolean {
  const c = b[i];
  return (
    c === 0x0d ||
    c === 0x0a ||
    (c === 0xc2 && b[i + 1] === 0x85) ||
    (c === 0xe2 && b[i + 1] === 0x80 && (b[i + 2] === 0xa8 || b[i + 2] === 0xa9))
  );
}

function isBlankz(b: Uint8Array, i: number): boolean {
  return isBlank(b, i) || isBreak(b, i) || b[i] === 0x00;
}

function width(c: number): number {
  if ((c & 0x80) === 0x00) return 1;
  if ((c & 0xe0) === 0xc0) return 2;
  if ((c & 0xf0) === 0xe0) return 3;
  if ((c & 0xf8) === 0xf0) return 4;
  return 0;
}

// ---------------------------------------------------------------------------------------------
// emitterc.go

type EmitterState =
  | 'stream-start'
  | 'first-document-start'
  | 'document-start'
  | 'document-content'
  | 'document-end'
  | 'flow-sequence-first-item'
  | 'flow-sequence-item'
  | 'flow-mapping-first-key'
  | 'flow-mapping-key'
  | 'flow-mapping-simple-value'
  | 'flow-mapping-value'
  | 'block-sequence-first-item'
  | 'block-sequence-item'
  | 'block-mapping-first-key'
  | 'block-mapping-key'
  | 'block-mapping-simple-value'
  | 'block-mapping-value'
  | 'end';

interface ScalarData {
  value: Uint8Array;
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
  style: ScalarStyle;
}

const EMPTY = new Uint8Array(0);

/** The one-letter escapes of yaml_emitter_write_double_quoted_scalar. */
const SHORT_ESCAPES = new Map<number, string>([
  [0x00, '0'], [0x07, 'a'], [0x08, 'b'], [0x09, 't'], [0x0a, 'n'], [0x0b, 'v'], [0x0c, 'f'], [0x0d, 'r'],
  [0x1b, 'e'], [0x22, '"'], [0x5c, '\\'], [0x85, 'N'], [0xa0, '_'], [0x2028, 'L'], [0x2029, 'P'],
]);

class Emitter {
  private out: number[] = [];
  private head = 0;
  private state: EmitterState = 'stream-start';
  private states: EmitterState[] = [];
  private indent = -1;
  private indents: number[] = [];
  private flowLevel = 0;
  private rootContext = false;
  private sequenceContext = false;
  private mappingContext = false;
  private simpleKeyContext = false;
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  private readonly bestIndent = 2;
  private readonly bestWidth = 80;
  private scalar: ScalarData = {
    value: EMPTY,
    multiline: false,
    flowPlainAllowed: false,
    blockPlainAllowed: false,
    singleQuotedAllowed: false,
    blockAllowed: false,
    style: 'plain',
  };

  constructor(private readonly events: YamlEvent[]) {}

  run(): string {
    for (; this.head < this.events.length; this.head++) {
      const event = this.events[this.head];
      if (event.type === 'stream-end') this.openEnded = false; // encoder.finish()
      if (event.type === 'scalar') this.analyzeScalar(event.value);
      this.stateMachine(event);
    }
    return new TextDecoder().decode(new Uint8Array(this.out));
  }

  // --- output primitives -----------------------------------------------------------------

  private put(c: number): void {
    this.out.push(c);
    this.column++;
  }

  private putBreak(): void {
    this.out.push(0x0a);
    this.column = 0;
  }

  /** Copy one UTF-8 character; the column counts characters, not bytes. */
  private write(s: Uint8Array, i: number): number {
    const w = width(s[i]) || 1;
    for (let k = 0; k < w; k++) this.out.push(s[i + k]);
    this.column++;
    return i + w;
  }

  private writeAll(s: string): void {
    for (let i = 0; i < s.length; i++) this.put(s.charCodeAt(i));
  }

  private writeBreak(s: Uint8Array, i: number): number {
    if (s[i] === 0x0a) {
      this.putBreak();
      return i + 1;
    }
    const next = this.write(s, i);
    this.column = 0;
    return next;
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(0x20);
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(0x20);
    this.writeAll(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  // --- state machine -----------------------------------------------------------------------

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) {
      this.indent = flow ? this.bestIndent : 0;
    } else if (!indentless) {
      this.indent += this.bestIndent;
    }
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private popState(): void {
    this.state = this.states.pop()!;
  }

  private stateMachine(event: YamlEvent): void {
    switch (this.state) {
      case 'stream-start':
        return this.emitStreamStart(event);
      case 'first-document-start':
        return this.emitDocumentStart(event);
      case 'document-start':
        return this.emitDocumentStart(event);
      case 'document-content':
        this.states.push('document-end');
        return this.emitNode(event, true, false, false, false);
      case 'document-end':
        return this.emitDocumentEnd(event);
      case 'flow-sequence-first-item':
        return this.emitFlowSequenceItem(event, true);
      case 'flow-sequence-item':
        return this.emitFlowSequenceItem(event, false);
      case 'flow-mapping-first-key':
        return this.emitFlowMappingKey(event, true);
      case 'flow-mapping-key':
        return this.emitFlowMappingKey(event, false);
      case 'flow-mapping-simple-value':
        return this.emitFlowMappingValue(event, true);
      case 'flow-mapping-value':
        return this.emitFlowMappingValue(event, false);
      case 'block-sequence-first-item':
        return this.emitBlockSequenceItem(event, true);
      case 'block-sequence-item':
        return this.emitBlockSequenceItem(event, false);
      case 'block-mapping-first-key':
        return this.emitBlockMappingKey(event, true);
      case 'block-mapping-key':
        return this.emitBlockMappingKey(event, false);
      case 'block-mapping-simple-value':
        return this.emitBlockMappingValue(event, true);
      case 'block-mapping-value':
        return this.emitBlockMappingValue(event, false);
      case 'end':
        throw new Error('expected nothing after STREAM-END');
    }
  }

  private emitStreamStart(event: YamlEvent): void {
    if (event.type !== 'stream-start') throw new Error('expected STREAM-START');
    this.indent = -1;
    this.column = 0;
    this.whitespace = true;
    this.indention = true;
    this.state = 'first-document-start';
  }

  private emitDocumentStart(event: YamlEvent): void {
    if (event.type === 'doc-start') {
      // yaml.Marshal writes one implicit document: no `---`.
      if (this.state !== 'first-document-start') {
        this.writeIndent();
        this.writeIndicator('---', true, false, false);
      }
      this.state = 'document-content';
      return;
    }
    if (event.type === 'stream-end') {
      if (this.openEnded) {
        this.writeIndicator('...', true, false, false);
        this.writeIndent();
      }
      this.state = 'end';
      return;
    }
    throw new Error('expected DOCUMENT-START or STREAM-END');
  }

  private emitDocumentEnd(event: YamlEvent): void {
    if (event.type !== 'doc-end') throw new Error('expected DOCUMENT-END');
    this.writeIndent();
    this.state = 'document-start';
  }

  private emitFlowSequenceItem(event: YamlEvent, first: boolean): void {
    if (first) {
      this.writeIndicator('[', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (event.type === 'seq-end') {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator(']', false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > this.bestWidth) this.writeIndent();
    this.states.push('flow-sequence-item');
    this.emitNode(event, false, true, false, false);
  }

  private emitFlowMappingKey(event: YamlEvent, first: boolean): void {
    if (first) {
      this.writeIndicator('{', true, true, false);
      this.increaseIndent(true, false);
      this.flowLevel++;
    }
    if (event.type === 'map-end') {
      this.flowLevel--;
      this.popIndent();
      this.writeIndicator('}', false, false, false);
      this.popState();
      return;
    }
    if (!first) this.writeIndicator(',', false, false, false);
    if (this.column > this.bestWidth) this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push('flow-mapping-simple-value');
      this.emitNode(event, false, false, true, true);
      return;
    }
    this.writeIndicator('?', true, false, false);
    this.states.push('flow-mapping-value');
    this.emitNode(event, false, false, true, false);
  }

  private emitFlowMappingValue(event: YamlEvent, simple: boolean): void {
    if (simple) {
      this.writeIndicator(':', false, false, false);
    } else {
      if (this.column > this.bestWidth) this.writeIndent();
      this.writeIndicator(':', true, false, false);
    }
    this.states.push('flow-mapping-key');
    this.emitNode(event, false, false, true, false);
  }

  private emitBlockSequenceItem(event: YamlEvent, first: boolean): void {
    if (first) this.increaseIndent(false, this.mappingContext && !this.indention);
    if (event.type === 'seq-end') {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    this.writeIndicator('-', true, false, true);
    this.states.push('block-sequence-item');
    this.emitNode(event, false, true, false, false);
  }

  private emitBlockMappingKey(event: YamlEvent, first: boolean): void {
    if (first) this.increaseIndent(false, false);
    if (event.type === 'map-end') {
      this.popIndent();
      this.popState();
      return;
    }
    this.writeIndent();
    if (this.checkSimpleKey()) {
      this.states.push('block-mapping-simple-value');
      this.emitNode(event, false, false, true, true);
      return;
    }
    this.writeIndicator('?', true, false, true);
    this.states.push('block-mapping-value');
    this.emitNode(event, false, false, true, false);
  }

  private emitBlockMappingValue(event: YamlEvent, simple: boolean): void {
    if (simple) {
      this.writeIndicator(':', false, false, false);
    } else {
      this.writeIndent();
      this.writeIndicator(':', true, false, true);
    }
    this.states.push('block-mapping-key');
    this.emitNode(event, false, false, true, false);
  }

  private emitNode(event: YamlEvent, root: boolean, sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.rootContext = root;
    this.sequenceContext = sequence;
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (event.type) {
      case 'scalar':
        return this.emitScalar();
      case 'seq-start':
        this.state =
          this.flowLevel > 0 || this.checkEmpty('seq-start', 'seq-end') ? 'flow-sequence-first-item' : 'block-sequence-first-item';
        return;
      case 'map-start':
        this.state =
          this.flowLevel > 0 || this.checkEmpty('map-start', 'map-end') ? 'flow-mapping-first-key' : 'block-mapping-first-key';
        return;
      default:
        throw new Error(`expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS, but got ${event.type}`);
    }
  }

  private emitScalar(): void {
    this.selectScalarStyle();
    this.increaseIndent(true, false);
    this.processScalar();
    this.popIndent();
    this.popState();
  }

  private checkEmpty(start: YamlEvent['type'], end: YamlEvent['type']): boolean {
    if (this.events.length - this.head < 2) return false;
    return this.events[this.head].type === start && this.events[this.head + 1].type === end;
  }

  private checkSimpleKey(): boolean {
    const event = this.events[this.head];
    switch (event.type) {
      case 'scalar':
        if (this.scalar.multiline) return false;
        return this.scalar.value.length <= 128;
      case 'seq-start':
        return this.checkEmpty('seq-start', 'seq-end');
      case 'map-start':
        return this.checkEmpty('map-start', 'map-end');
      default:
        return false;
    }
  }

  private selectScalarStyle(): void {
    const event = this.events[this.head];
    let style: ScalarStyle = event.type === 'scalar' ? event.style : 'plain';
    const s = this.scalar;
    if (this.simpleKeyContext && s.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !s.flowPlainAllowed) || (this.flowLevel === 0 && !s.blockPlainAllowed)) style = 'single';
      if (s.value.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !s.singleQuotedAllowed) style = 'double';
    if (style === 'literal' || style === 'folded') {
      if (!s.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext) style = 'double';
    }
    s.style = style;
  }

  private processScalar(): void {
    const value = this.scalar.value;
    switch (this.scalar.style) {
      case 'plain':
        return this.writePlainScalar(value, !this.simpleKeyContext);
      case 'single':
        return this.writeSingleQuotedScalar(value, !this.simpleKeyContext);
      case 'double':
        return this.writeDoubleQuotedScalar(value, !this.simpleKeyContext);
      case 'literal':
        return this.writeLiteralScalar(value);
      case 'folded':
        return this.writeFoldedScalar(value);
    }
  }

  private analyzeScalar(value: Uint8Array): void {
    const s = this.scalar;
    s.value = value;
    if (value.length === 0) {
      s.multiline = false;
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = true;
      s.singleQuotedAllowed = true;
      s.blockAllowed = false;
      return;
    }
    let blockIndicators = false;
    let flowIndicators = false;
    let lineBreaks = false;
    let specialCharacters = false;
    let leadingSpace = false;
    let leadingBreak = false;
    let trailingSpace = false;
    let trailingBreak = false;
    let breakSpace = false;
    let spaceBreak = false;
    let precededByWhitespace = true;
    let previousSpace = false;
    let previousBreak = false;

    if (
      value.length >= 3 &&
      ((value[0] === 0x2d && value[1] === 0x2d && value[2] === 0x2d) || (value[0] === 0x2e && value[1] === 0x2e && value[2] === 0x2e))
    ) {
      blockIndicators = true;
      flowIndicators = true;
    }

    for (let i = 0, w = 0; i < value.length; i += w) {
      w = width(value[i]) || 1;
      const followedByWhitespace = i + w >= value.length || isBlank(value, i + w);
      const c = String.fromCharCode(value[i]);
      if (i === 0) {
        if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
          flowIndicators = true;
          blockIndicators = true;
        } else if (c === '?' || c === ':') {
          flowIndicators = true;
          if (followedByWhitespace) blockIndicators = true;
        } else if (c === '-') {
          if (followedByWhitespace) {
            flowIndicators = true;
            blockIndicators = true;
          }
        }
      } else if (',?[]{}'.includes(c)) {
        flowIndicators = true;
      } else if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      } else if (c === '#') {
        if (precededByWhitespace) {
          flowIndicators = true;
          blockIndicators = true;
        }
      }

      // The emitter is in unicode mode, so only unprintable characters are special.
      if (!isPrintable(value, i)) specialCharacters = true;
      if (isSpace(value, i)) {
        if (i === 0) leadingSpace = true;
        if (i + w === value.length) trailingSpace = true;
        if (previousBreak) breakSpace = true;
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(value, i)) {
        lineBreaks = true;
        if (i === 0) leadingBreak = true;
        if (i + w === value.length) trailingBreak = true;
        if (previousSpace) spaceBreak = true;
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlankz(value, i);
    }

    s.multiline = lineBreaks;
    s.flowPlainAllowed = true;
    s.blockPlainAllowed = true;
    s.singleQuotedAllowed = true;
    s.blockAllowed = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
    }
    if (trailingSpace) s.blockAllowed = false;
    if (breakSpace) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
      s.singleQuotedAllowed = false;
    }
    if (spaceBreak || specialCharacters) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
      s.singleQuotedAllowed = false;
      s.blockAllowed = false;
    }
    if (lineBreaks) {
      s.flowPlainAllowed = false;
      s.blockPlainAllowed = false;
    }
    if (flowIndicators) s.flowPlainAllowed = false;
    if (blockIndicators) s.blockPlainAllowed = false;
  }

  // --- scalar writers ------------------------------------------------------------------------

  private writePlainScalar(value: Uint8Array, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(0x20);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; ) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && !isSpace(value, i + 1)) {
          this.writeIndent();
          i += 1;
        } else {
          i = this.write(value, i);
        }
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] === 0x0a) this.putBreak();
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(value, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
    if (this.rootContext) this.openEnded = true;
  }

  private writeSingleQuotedScalar(value: Uint8Array, allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < value.length; ) {
      if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < value.length - 1 && !isSpace(value, i + 1)) {
          this.writeIndent();
          i += 1;
        } else {
          i = this.write(value, i);
        }
        spaces = true;
      } else if (isBreak(value, i)) {
        if (!breaks && value[i] === 0x0a) this.putBreak();
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (value[i] === 0x27) this.put(0x27);
        i = this.write(value, i);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuotedScalar(value: Uint8Array, allowBreaks: boolean): void {
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < value.length; ) {
      if (!isPrintable(value, i) || isBom(value) || isBreak(value, i) || value[i] === 0x22 || value[i] === 0x5c) {
        let octet = value[i];
        let w = 1;
        let v = 0;
        if ((octet & 0x80) === 0x00) [w, v] = [1, octet & 0x7f];
        else if ((octet & 0xe0) === 0xc0) [w, v] = [2, octet & 0x1f];
        else if ((octet & 0xf0) === 0xe0) [w, v] = [3, octet & 0x0f];
        else if ((octet & 0xf8) === 0xf0) [w, v] = [4, octet & 0x07];
        for (let k = 1; k < w; k++) {
          octet = value[i + k];
          v = (v << 6) + (octet & 0x3f);
        }
        i += w;
        this.put(0x5c);
        const short = SHORT_ESCAPES.get(v);
        if (short !== undefined) {
          this.writeAll(short);
        } else {
          let digits: number;
          if (v <= 0xff) {
            this.put(0x78); // x
            digits = 2;
          } else if (v <= 0xffff) {
            this.put(0x75); // u
            digits = 4;
          } else {
            this.put(0x55); // U
            digits = 8;
          }
          this.writeAll(v.toString(16).toUpperCase().padStart(digits, '0'));
        }
        spaces = false;
      } else if (isSpace(value, i)) {
        if (allowBreaks && !spaces && this.column > this.bestWidth && i > 0 && i < value.length - 1) {
          this.writeIndent();
          if (isSpace(value, i + 1)) this.put(0x5c);
          i += 1;
        } else {
          i = this.write(value, i);
        }
        spaces = true;
      } else {
        i = this.write(value, i);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeBlockScalarHints(value: Uint8Array): void {
    if (isSpace(value, 0) || isBreak(value, 0)) {
      this.writeIndicator(String(this.bestIndent), false, false, false);
    }
    this.openEnded = false;
    let chomp = '';
    if (value.length === 0) {
      chomp = '-';
    } else {
      let i = value.length - 1;
      while ((value[i] & 0xc0) === 0x80) i--;
      if (!isBreak(value, i)) {
        chomp = '-';
      } else if (i === 0) {
        chomp = '+';
        this.openEnded = true;
      } else {
        i--;
        while ((value[i] & 0xc0) === 0x80) i--;
        if (isBreak(value, i)) {
          chomp = '+';
          this.openEnded = true;
        }
      }
    }
    if (chomp !== '') this.writeIndicator(chomp, false, false, false);
  }

  private writeLiteralScalar(value: Uint8Array): void {
    this.writeIndicator('|', true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < value.length; ) {
      if (isBreak(value, i)) {
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        i = this.write(value, i);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private writeFoldedScalar(value: Uint8Array): void {
    // Never requested by the encoder for JSON values; kept for completeness of the port.
    this.writeIndicator('>', true, false, false);
    this.writeBlockScalarHints(value);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    let leadingSpaces = true;
    for (let i = 0; i < value.length; ) {
      if (isBreak(value, i)) {
        if (!breaks && !leadingSpaces && value[i] === 0x0a) {
          let k = 0;
          while (isBreak(value, k)) k += width(value[k]);
          if (!isBlankz(value, k)) this.putBreak();
        }
        i = this.writeBreak(value, i);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) {
          this.writeIndent();
          leadingSpaces = isBlank(value, i);
        }
        if (!breaks && isSpace(value, i) && !isSpace(value, i + 1) && this.column > this.bestWidth) {
          this.writeIndent();
          i += 1;
        } else {
          i = this.write(value, i);
        }
        this.indention = false;
        breaks = false;
      }
    }
  }
}

/**
 * What `sigs.k8s.io/yaml.Marshal` returns for a JSON value, i.e. what `kubectl -o yaml` prints
 * for one object (kubectl adds `---\n` between objects itself). Throws
 * YamlControlCharacterError where kubectl fails with `error: yaml: control characters are not allowed`.
 */
export function toYaml(value: unknown): string {
  const events: YamlEvent[] = [{ type: 'stream-start' }, { type: 'doc-start' }];
  encodeValue(value, events);
  events.push({ type: 'doc-end' }, { type: 'stream-end' });
  return new Emitter(events).run();
}
