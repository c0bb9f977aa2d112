// The template parser of client-go `util/jsonpath/parser.go`, rewritten in TypeScript.
//
// Behaviour mirrored on purpose, including the odd corners (all VERIFIED against kubectl 1.32):
// * text outside `{…}` is literal, `}` outside an action is literal, actions never nest;
// * inside an action a space is skipped but a tab is "unrecognized character in action: U+0009";
// * `['a.b']` is parsed as `.a.b` (two fields); only a backslash keeps a dot in a key:
//   `.metadata.annotations.kubernetes\.io/change-cause` or `['kubernetes\.io/change-cause']`;
// * `["a"]` is "invalid array index \"a\"" (dictionary keys take single quotes only);
// * `[]` means `[0]`; `[*]` means `[:]`; `[a,b]` parses every part as its own `[part]`;
// * a filter is split by the regexp `^([^!<>=]+)([!<>=]+)(.+?)$`, so `=~` fails on the `~` and
//   `<>` or a lone `=` parse but fail at execution as "unrecognized filter operator";
// * string literals take double or single quotes with Go escapes (`\n`, `\t`, `\x41`, `\u00e9`,
//   `\101`, `\U0001F600`); `\'` inside double quotes (and `\"` inside single) is invalid syntax.

import { goSharpU } from './gofmt';

export interface ParamsEntry {
  value: number;
  known: boolean;
  /** The end index was derived from the start (`[n]` is `[n:n+1]`), so `[-1]` ends at len. */
  derived: boolean;
}

export interface ListNode {
  type: 'list';
  nodes: Node[];
}

export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export interface Template {
  /** The template exactly as given (kubectl quotes it in execution errors). */
  readonly source: string;
  /** Literal text nodes and one list node per `{…}` action, in order. */
  readonly root: ListNode;
}

export type ParseResult = { ok: true; template: Template } | { ok: false; error: string };

const EOF = -1;
const DICT_KEY = /^'([^']*)'$/;
// Go's \d is ASCII-only, as is JavaScript's without the u flag.
const SLICE_OPERATOR = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
// `.+?` in Go does not match a newline; a filter cannot contain one anyway, but `\r` and U+2028
// can, and JavaScript's `.` would refuse those.
const FILTER = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/;

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

class ParseError {
  constructor(readonly message: string) {}
}

function isDigit(r: number): boolean {
  if (r >= 0x30 && r <= 0x39) return true;
  return r > 0x7f && /\p{Nd}/u.test(String.fromCodePoint(r));
}

function isLetter(r: number): boolean {
  if ((r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a)) return true;
  return r > 0x7f && /\p{L}/u.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  return r === 0x5f || isLetter(r) || isDigit(r);
}

function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09;
}

function isEndOfLine(r: number): boolean {
  return r === 0x0d || r === 0x0a;
}

/** Characters that end a field name or identifier. */
function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  switch (r) {
    case EOF:
    case 0x2e: // .
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x24: // $
    case 0x40: // @
    case 0x7b: // {
    case 0x7d: // }
      return true;
  }
  return false;
}

/** strconv.Atoi: optional sign, ASCII digits, int64 range. */
function atoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) return null;
  return Number(n);
}

/** strconv.ParseFloat for the only shapes parseNumber produces: sign, digits and dots. */
function parseFloat64(s: string): number | null {
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null; // Go reports ErrRange for overflow
}

const UTF8 = new TextEncoder();
const UTF8_DECODER = new TextDecoder('utf-8');

function hexValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
  return -1;
}

/**
 * client-go's UnquoteExtend: strconv.Unquote that also accepts single quotes, built on
 * strconv.UnquoteChar. Returns null for Go's "invalid syntax". `\x` and octal escapes produce raw
 * bytes (as in Go); the result is decoded as UTF-8 with U+FFFD for bytes that do not form text.
 */
export function unquoteExtend(s: string): string | null {
  if (s.length < 2) return null;
  const quote = s[0];
  if (quote !== s[s.length - 1]) return null;
  if (quote !== '"' && quote !== "'") return null;
  let body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;

  const bytes: number[] = [];
  const pushText = (t: string) => {
    for (const b of UTF8.encode(t)) bytes.push(b);
  };
  while (body.length > 0) {
    const c = body[0];
    if (c === quote) return null;
    if (c !== '\\') {
      const cp = body.codePointAt(0)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      body = body.slice(ch.length);
      continue;
    }
    if (body.length <= 1) return null;
    const e = body[1];
    body = body.slice(2);
    switch (e) {
      case 'a': bytes.push(0x07); continue;
      case 'b': bytes.push(0x08); continue;
      case 'f': bytes.push(0x0c); continue;
      case 'n': bytes.push(0x0a); continue;
      case 'r': bytes.push(0x0d); continue;
      case 't': bytes.push(0x09); continue;
      case 'v': bytes.push(0x0b); continue;
      case '\\': bytes.push(0x5c); continue;
      case "'":
      case '"':
        if (e !== quote) return null;
        bytes.push(e.charCodeAt(0));
        continue;
      case 'x':
      case 'u':
      case 'U': {
        const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        if (body.length < n) return null;
        let v = 0;
        for (let j = 0; j < n; j++) {
          const x = hexValue(body[j]);
          if (x < 0) return null;
          v = v * 16 + x;
        }
        body = body.slice(n);
        if (e === 'x') {
          bytes.push(v);
          continue;
        }
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return null;
        pushText(String.fromCodePoint(v));
        continue;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        let v = e.charCodeAt(0) - 48;
        if (body.length < 2) return null;
        for (let j = 0; j < 2; j++) {
          const x = body.charCodeAt(j) - 48;
          if (x < 0 || x > 7) return null;
          v = (v << 3) | x;
        }
        body = body.slice(2);
        if (v > 255) return null;
        bytes.push(v);
        continue;
      }
      default:
        return null;
    }
  }
  return UTF8_DECODER.decode(new Uint8Array(bytes));
}

function list(): ListNode {
  return { type: 'list', nodes: [] };
}

class Parser {
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;
  readonly root: ListNode = list();

  parse(text: string): void {
    this.input = text;
    this.pos = 0;
    this.start = 0;
    this.parseText();
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private hasPrefix(prefix: string): boolean {
    return this.input.startsWith(prefix, this.pos);
  }

  /** Literal text up to the next `{`, then the action; repeated until the end of input. */
  private parseText(): void {
    for (;;) {
      let atAction = false;
      for (;;) {
        if (this.hasPrefix('{')) {
          atAction = true;
          break;
        }
        if (this.next() === EOF) break;
      }
      if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consumeText() });
      if (!atAction) return;
      this.pos += 1;
      this.consumeText();
      const action = list();
      this.root.nodes.push(action);
      this.parseInsideAction(action);
    }
  }

  /** Tokens inside `{…}`; returns once the closing `}` is consumed. */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      if (this.hasPrefix('}')) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (this.hasPrefix('[?(')) {
        this.parseFilter(cur);
        continue;
      }
      if (this.hasPrefix('..')) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new ParseError('unclosed action');
      if (r === 0x20 || r === 0x40 || r === 0x24) {
        // a space, `@` (the current object) and `$` (the root, which is the current object at
        // the start of an action) are all just skipped
        this.consumeText();
      } else if (r === 0x5b) {
        this.parseArray(cur);
      } else if (r === 0x22 || r === 0x27) {
        this.parseQuote(cur, r);
      } else if (r === 0x2e) {
        this.parseField(cur);
      } else if (r === 0x2b || r === 0x2d || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else {
        throw new ParseError(`unrecognized character in action: ${goSharpU(r)}`);
      }
    }
  }

  /** Keywords (`range`, `end`, anything else fails at execution) and the booleans. */
  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new ParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === 0x2b || first === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== null) {
      cur.nodes.push({ type: 'int', value: i });
      return;
    }
    const f = parseFloat64(value);
    if (f !== null) {
      cur.nodes.push({ type: 'float', value: f });
      return;
    }
    throw new ParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const union: ListNode[] = [];
      for (const part of parts) union.push(parseAction(`[${trimSpaces(part)}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }

    const key = DICT_KEY.exec(text);
    if (key) {
      for (const node of parseAction(`.${key[1]}`).nodes) cur.nodes.push(node);
      return;
    }

    const m = SLICE_OPERATOR.exec(text);
    if (!m) throw new ParseError(`invalid array index ${text}`);
    const groups = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      let g = groups[i];
      if (g !== '') {
        if (i > 0) g = g.slice(1);
        if (i > 0 && g === '') {
          params[i].known = false;
        } else {
          const n = atoi(g);
          if (n === null) throw new ParseError(`array index ${g} is not a number`);
          params[i].known = true;
          params[i].value = n;
        }
      } else if (i === 1) {
        params[i] = { known: true, value: params[0].value + 1, derived: true };
      } else {
        params[i] = { known: false, value: 0, derived: false };
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          // remember which quote opened the literal
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        // a `)` ends the filter unless it is inside the (single) quoted literal
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new ParseError('unclosed array expect ]');
    const text = this.consumeText().slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: list(), operator: 'exists' });
    } else {
      const left = parseAction(m[1]);
      const right = parseAction(m[3]);
      cur.nodes.push({ type: 'filter', left, right, operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new ParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === null) throw new ParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) {
      /* scan */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.split('\\').join('') });
  }

  /** One step of a field name; a backslash takes the next character whatever it is. */
  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return s.slice(a, b);
}

/** Parses `{text}` on its own and returns the action's list (client-go's parseAction). */
function parseAction(text: string): ListNode {
  const p = new Parser();
  p.parse(`{${text}}`);
  return p.root.nodes[0] as ListNode;
}

/**
 * Parses a kubectl JSONPath template. On failure the error is client-go's raw message, e.g.
 * `unclosed action`; kubectl prints it as `error: error parsing jsonpath <template>, <message>`
 * (see formatParseError).
 */
export function parseTemplate(template: string): ParseResult {
  const p = new Parser();
  try {
    p.parse(template);
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
  return { ok: true, template: { source: template, root: p.root } };
}
