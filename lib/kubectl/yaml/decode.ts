// go-yaml v2's decoder into interface{} (decode.go) plus sigs.k8s.io/yaml's conversion of the
// result to JSON-able values (convertToJSONableObject + json.Marshal). YAML 1.1 resolution is
// resolve.go's: y/yes/on → true, 0777 octal, 0x1F, 1_000, .inf, ~ …

import { GoNumber } from '../../k8s/patch/gonumber';
import { YamlFailure, type YamlNode } from './parser';

/** sigs.k8s.io/yaml's own conversion errors and encoding/json's: no "yaml: " prefix. */
export class JsonMarshalError extends Error {}

const STR = 'tag:yaml.org,2002:str';
const BOOL = 'tag:yaml.org,2002:bool';
const INT = 'tag:yaml.org,2002:int';
const FLOAT = 'tag:yaml.org,2002:float';
const NULL = 'tag:yaml.org,2002:null';
const TIMESTAMP = 'tag:yaml.org,2002:timestamp';
const BINARY = 'tag:yaml.org,2002:binary';
const MERGE = 'tag:yaml.org,2002:merge';

function shortTag(tag: string): string {
  return tag.startsWith('tag:yaml.org,2002:') ? '!!' + tag.slice('tag:yaml.org,2002:'.length) : tag;
}

/** A resolved scalar: Go's dynamic type matters for map keys and for the final JSON step. */
export type GoScalar =
  | { t: 'null' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: number; exact?: bigint } // int / int64 (exact: beyond ±2^53)
  | { t: 'uint'; v: number; exact?: bigint } // uint64 (only when it does not fit int64)
  | { t: 'float'; v: number }
  | { t: 'string'; v: string };

const RESOLVE_MAP = new Map<string, [string, GoScalar]>();
{
  const add = (tag: string, v: GoScalar, words: string[]) => words.forEach((w) => RESOLVE_MAP.set(w, [tag, v]));
  add(BOOL, { t: 'bool', v: true }, ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
  add(BOOL, { t: 'bool', v: false }, ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
  add(NULL, { t: 'null' }, ['', '~', 'null', 'Null', 'NULL']);
  add(FLOAT, { t: 'float', v: NaN }, ['.nan', '.NaN', '.NAN']);
  add(FLOAT, { t: 'float', v: Infinity }, ['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
  add(FLOAT, { t: 'float', v: -Infinity }, ['-.inf', '-.Inf', '-.INF']);
  add(MERGE, { t: 'string', v: '<<' }, ['<<']);
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64): base prefixes, leading-0 octal. */
function parseGoInt(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    base = 8;
    body = body.slice(1);
  }
  const digits = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!digits.test(body)) return undefined;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base]!;
  let v = BigInt(prefix + body);
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

function goParseFloat(s: string): number | undefined {
  // Only the decimal shapes reach here (regexp above or a leading '.').
  if (!/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(s)) return undefined;
  const v = Number(s);
  if (!Number.isFinite(v)) return undefined; // ErrRange
  return v;
}

function intScalar(v: bigint, tag: string): [string, GoScalar] {
  const n = Number(v);
  const exact = Number.isSafeInteger(n) ? {} : { exact: v };
  return [tag, v > INT64_MAX ? { t: 'uint', v: n, ...exact } : { t: 'int', v: n, ...exact }];
}

/** resolve.go resolve(tag, in) for tags go-yaml can resolve. */
export function resolve(tag: string, input: string): [string, GoScalar] {
  const resolvable = tag === '' || tag === STR || tag === BOOL || tag === INT || tag === FLOAT || tag === TIMESTAMP;
  if (!resolvable) return [tag, { t: 'string', v: input }];
  const [rtag, out] = resolvePlain(tag, input);
  if (tag === '' || tag === rtag || tag === STR) return [rtag, out];
  if (tag === FLOAT && rtag === INT) return [FLOAT, { t: 'float', v: (out as { v: number }).v }];
  throw new YamlFailure(`cannot decode ${shortTag(rtag)} \`${input}\` as a ${shortTag(tag)}`);
}

function resolvePlain(tag: string, input: string): [string, GoScalar] {
  let hint = 'N';
  if (input !== '') {
    const c = input[0];
    if (c === '+' || c === '-') hint = 'S';
    else if (c >= '0' && c <= '9') hint = 'D';
    else if ('yYnNtTfFoO~'.includes(c)) hint = 'M';
    else if (c === '.') hint = '.';
    else hint = '';
  }
  if (hint !== '' && tag !== STR && tag !== BINARY) {
    const hit = RESOLVE_MAP.get(input);
    if (hit) return hit;
    switch (hint) {
      case '.': {
        const f = goParseFloat(input);
        if (f !== undefined) return [FLOAT, { t: 'float', v: f }];
        break;
      }
      case 'D':
      case 'S': {
        // Timestamps decode to their original text when the target is interface{}, so the
        // timestamp branch is skipped: the result is the same string.
        const plain = input.replace(/_/g, '');
        const i = parseGoInt(plain, true);
        if (i !== undefined) return intScalar(i, INT);
        const u = parseGoInt(plain, false);
        if (u !== undefined) return intScalar(u, INT);
        if (YAML_STYLE_FLOAT.test(plain)) {
          const f = goParseFloat(plain);
          if (f !== undefined) return [FLOAT, { t: 'float', v: f }];
        }
        if (plain.startsWith('0b')) {
          const b = /^[01]+$/.test(plain.slice(2)) ? BigInt('0b' + plain.slice(2)) : undefined;
          if (b !== undefined && b <= UINT64_MAX) return intScalar(b, INT);
        } else if (plain.startsWith('-0b')) {
          const b = /^[01]+$/.test(plain.slice(3)) ? -BigInt('0b' + plain.slice(3)) : undefined;
          if (b !== undefined && b >= INT64_MIN) return intScalar(b, INT);
        }
        break;
      }
    }
  }
  return [STR, { t: 'string', v: input }];
}

// ---- decoding with go-yaml v2.4's alias-expansion limit ----

const ALIAS_RATIO_RANGE_LOW = 400000;
const ALIAS_RATIO_RANGE_HIGH = 4000000;
const ALIAS_RATIO_RANGE = ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW;

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_RANGE_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_RANGE_HIGH) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_RANGE_LOW) / ALIAS_RATIO_RANGE);
}

type GoValue = GoScalar | { t: 'map'; entries: Map<string, [GoScalar, GoValue]> } | { t: 'seq'; items: GoValue[] };

/** Identity of a Go map key (interface{} equality: type + value). */
function keyId(k: GoScalar): string {
  switch (k.t) {
    case 'null':
      return 'null';
    case 'bool':
      return `bool:${k.v}`;
    case 'int':
    case 'uint':
      return `${k.t}:${k.exact ?? k.v}`;
    case 'float':
      return `${k.t}:${Object.is(k.v, -0) ? '0' : String(k.v)}`;
    case 'string':
      return `string:${k.v}`;
  }
}

class Decoder {
  decodeCount = 0;
  aliasCount = 0;
  aliasDepth = 0;
  private active = new Set<YamlNode>();

  unmarshal(n: YamlNode): GoValue {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    // Counted before any work, so a "billion laughs" document fails after a few thousand nodes
    // instead of expanding: decode.go `unmarshal`.
    if (
      this.aliasCount > 100 &&
      this.decodeCount > 1000 &&
      this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)
    ) {
      throw new YamlFailure('document contains excessive aliasing');
    }
    switch (n.kind) {
      case 'alias':
        return this.alias(n);
      case 'scalar':
        return this.scalar(n);
      case 'sequence':
        return { t: 'seq', items: n.children.map((c) => this.unmarshal(c)) };
      case 'mapping': {
        const out = { t: 'map' as const, entries: new Map<string, [GoScalar, GoValue]>() };
        this.mapping(n, out);
        return out;
      }
    }
  }

  private alias(n: Extract<YamlNode, { kind: 'alias' }>): GoValue {
    if (this.active.has(n)) throw new YamlFailure(`anchor '${n.name}' value contains itself`);
    this.active.add(n);
    this.aliasDepth++;
    const v = this.unmarshal(n.target);
    this.aliasDepth--;
    this.active.delete(n);
    return v;
  }

  private scalar(n: Extract<YamlNode, { kind: 'scalar' }>): GoScalar {
    if (n.tag === '' && !n.implicit) return { t: 'string', v: n.value };
    if (n.tag === BINARY) return { t: 'string', v: decodeBase64(n.value) };
    const [, v] = resolve(n.tag, n.value);
    return v;
  }

  private mapping(n: Extract<YamlNode, { kind: 'mapping' }>, out: { t: 'map'; entries: Map<string, [GoScalar, GoValue]> }): void {
    for (let i = 0; i < n.children.length; i += 2) {
      const k = n.children[i];
      if (k.kind === 'scalar' && k.value === '<<' && (k.implicit || k.tag === MERGE)) {
        this.merge(n.children[i + 1], out);
        continue;
      }
      const key = this.unmarshal(k);
      if (key.t === 'map' || key.t === 'seq') {
        throw new YamlFailure(`invalid map key: ${goSyntax(key)}`);
      }
      const value = this.unmarshal(n.children[i + 1]);
      // Non-strict go-yaml: a repeated key silently replaces the earlier value.
      out.entries.set(keyId(key), [key, value]);
    }
  }

  private merge(n: YamlNode, out: { t: 'map'; entries: Map<string, [GoScalar, GoValue]> }): void {
    const wantMap = () => new YamlFailure('map merge requires map or sequence of maps as the value');
    const into = (m: YamlNode) => {
      // decode.go: d.unmarshal(n, out) into the existing map — counts like any unmarshal.
      this.decodeCount++;
      if (this.aliasDepth > 0) this.aliasCount++;
      if (m.kind === 'alias') {
        if (this.active.has(m)) throw new YamlFailure(`anchor '${m.name}' value contains itself`);
        this.active.add(m);
        this.aliasDepth++;
        this.decodeCount++;
        this.aliasCount++;
        this.mapping(m.target as Extract<YamlNode, { kind: 'mapping' }>, out);
        this.aliasDepth--;
        this.active.delete(m);
      } else {
        this.mapping(m as Extract<YamlNode, { kind: 'mapping' }>, out);
      }
    };
    switch (n.kind) {
      case 'mapping':
        into(n);
        return;
      case 'alias':
        if (n.target.kind !== 'mapping') throw wantMap();
        into(n);
        return;
      case 'sequence':
        for (let i = n.children.length - 1; i >= 0; i--) {
          const c = n.children[i];
          if (c.kind === 'alias') {
            if (c.target.kind !== 'mapping') throw wantMap();
          } else if (c.kind !== 'mapping') throw wantMap();
          into(c);
        }
        return;
      default:
        throw wantMap();
    }
  }
}

function decodeBase64(s: string): string {
  const clean = s.replace(/\s+/g, '');
  try {
    const bin = atob(clean);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    throw new YamlFailure(`!!binary value contains invalid base64 data`);
  }
}

/** Rough %#v for the rare error messages that print Go values. */
function goSyntax(v: GoValue): string {
  switch (v.t) {
    case 'null':
      return '<nil>';
    case 'string':
      return JSON.stringify(v.v);
    case 'bool':
    case 'float':
      return String(v.v);
    case 'int':
    case 'uint':
      return String(v.exact ?? v.v);
    case 'seq':
      return `[]interface {}{${v.items.map(goSyntax).join(', ')}}`;
    case 'map':
      return `map[interface {}]interface {}{${[...v.entries.values()].map(([k, x]) => `${goSyntax(k)}:${goSyntax(x)}`).join(', ')}}`;
  }
}

/** strconv.FormatFloat(f, 'g', -1, 32), as sigs.k8s.io/yaml formats float map keys. */
function formatFloatKey32(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const x = Math.fround(f);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(x).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(x)) {
      const [m, e] = s.split('e');
      digits = m.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  const sign = x < 0 ? '-' : '';
  // Go: with the shortest precision, %e is used when exp < -4 || exp >= 6.
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ee = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ee}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function keyString(k: GoScalar, value: GoValue): string {
  switch (k.t) {
    case 'string':
      return k.v;
    case 'int':
      return String(k.exact ?? k.v);
    case 'float':
      return formatFloatKey32(k.v);
    case 'bool':
      return k.v ? 'true' : 'false';
    case 'uint':
      throw new JsonMarshalError(`unsupported map key of type: uint64, key: 0x${(k.exact ?? BigInt(k.v)).toString(16)}, value: ${goSyntax(value)}`);
    case 'null':
      throw new JsonMarshalError(`unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(value)}`);
  }
}

/**
 * convertToJSONableObject + json.Marshal: map keys become strings, NaN/±Inf are refused the way
 * encoding/json refuses them, and object keys come out sorted as Go's encoder sorts them.
 */
function toJson(v: GoValue): unknown {
  switch (v.t) {
    case 'null':
      return null;
    case 'bool':
    case 'string':
      return v.v;
    case 'int':
      // int64 beyond ±2^53 keeps its exact value (the unstructured decoder reads it back as int64).
      return v.exact !== undefined ? GoNumber.int64(v.exact) : v.v;
    case 'uint':
      // json.Marshal writes the uint64's digits; ParseInt fails on them, so kubectl holds a float64,
      // which an integral number beyond int64 stands for in Podbook.
      return v.v;
    case 'float':
      if (!Number.isFinite(v.v)) {
        throw new JsonMarshalError(`json: unsupported value: ${Number.isNaN(v.v) ? 'NaN' : v.v > 0 ? '+Inf' : '-Inf'}`);
      }
      // json.Marshal writes a float64 in 'f' form below 1e21, so an integral float (1e6, 1.0,
      // -0.0 → "-0") comes back from the unstructured decoder as an int64: the plain number says
      // just that (with -0 as 0). Other floats stay float64, as their text says.
      return v.v === 0 ? 0 : v.v;
    case 'seq':
      return v.items.map(toJson);
    case 'map': {
      const entries = new Map<string, GoValue>();
      for (const [k, x] of v.entries.values()) entries.set(keyString(k, x), x);
      const keys = [...entries.keys()].sort(compareUtf8);
      return Object.fromEntries(keys.map((k) => [k, toJson(entries.get(k)!)]));
    }
  }
}

/** Go sorts map keys by bytes (UTF-8); code-point order is the same thing. */
function compareUtf8(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}


/** Decodes a composed document to the value YAMLToJSON would produce. */
export function decodeNode(n: YamlNode | null): unknown {
  if (n === null) return null;
  const d = new Decoder();
  d.decodeCount++; // the document node itself
  return toJson(d.unmarshal(n));
}
