// A port of go-yaml v2's scanner (scannerc.go, itself a port of libyaml 0.1.x), which is what
// sigs.k8s.io/yaml — and therefore `kubectl apply/create/delete -f` — uses to read manifests.
// The structure (simple keys, indentation stack, flow levels) and every error text mirror the Go
// code so that line numbers and messages come out exactly as kubectl prints them.

export interface Mark {
  /** offset in code points */
  index: number;
  /** 0-based */
  line: number;
  /** 0-based, in code points */
  column: number;
}

export type TokenType =
  | 'STREAM-START'
  | 'STREAM-END'
  | 'VERSION-DIRECTIVE'
  | 'TAG-DIRECTIVE'
  | 'DOCUMENT-START'
  | 'DOCUMENT-END'
  | 'BLOCK-SEQUENCE-START'
  | 'BLOCK-MAPPING-START'
  | 'BLOCK-END'
  | 'FLOW-SEQUENCE-START'
  | 'FLOW-SEQUENCE-END'
  | 'FLOW-MAPPING-START'
  | 'FLOW-MAPPING-END'
  | 'BLOCK-ENTRY'
  | 'FLOW-ENTRY'
  | 'KEY'
  | 'VALUE'
  | 'ALIAS'
  | 'ANCHOR'
  | 'TAG'
  | 'SCALAR';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface Token {
  type: TokenType;
  start: Mark;
  end: Mark;
  /** scalar text, anchor/alias name, tag handle, directive handle */
  value?: string;
  /** tag suffix, tag directive prefix */
  suffix?: string;
  style?: ScalarStyle;
}

/** go-yaml's yaml_parser_t error fields: only `problem` reaches the message. */
export class YamlSyntaxError extends Error {
  constructor(
    readonly kind: 'reader' | 'scanner' | 'parser',
    readonly problem: string,
    readonly problemMark: Mark | undefined,
    readonly contextMark: Mark | undefined,
  ) {
    super(problem);
  }
}

interface SimpleKey {
  possible: boolean;
  required: boolean;
  tokenNumber: number;
  mark: Mark;
}

const NUL = 0;
const cp = (s: string) => s.codePointAt(0)!;
const SP = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

function isPrintable(c: number): boolean {
  return (
    c === 0x0a ||
    c === 0x09 ||
    c === 0x0d ||
    (c >= 0x20 && c <= 0x7e) ||
    c === 0x85 ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

const isAlpha = (c: number) =>
  (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const asHex = (c: number) => (c >= 0x61 ? c - 0x61 + 10 : c >= 0x41 ? c - 0x41 + 10 : c - 0x30);
const isBlank = (c: number) => c === SP || c === TAB;
const isBreak = (c: number) => c === CR || c === LF || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBreakZ = (c: number) => isBreak(c) || c === NUL;
const isBlankZ = (c: number) => isBlank(c) || isBreakZ(c);

/** Converts text to code points, checking characters the way go-yaml's reader does. */
export function toCodePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (!isPrintable(c)) {
      // yaml_parser_update_buffer: a reader error carries no mark, so the message has no line.
      throw new YamlSyntaxError('reader', 'control characters are not allowed', undefined, undefined);
    }
    out.push(c);
  }
  // go-yaml pads its buffer with NULs; we look ahead at most 4 characters.
  out.push(NUL, NUL, NUL, NUL, NUL);
  return out;
}

export class Scanner {
  private pos = 0;
  private mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private head = 0;
  private tokensParsed = 0;
  private tokenAvailable = false;
  private streamStartProduced = false;
  private streamEndProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  private flowLevel = 0;

  constructor(private readonly buf: number[]) {}

  // ---- public API used by the parser ----

  peek(): Token {
    if (!this.tokenAvailable) this.fetchMoreTokens();
    return this.tokens[this.head];
  }

  skip(): void {
    this.tokenAvailable = false;
    this.tokensParsed++;
    const t = this.tokens[this.head++];
    if (t.type === 'STREAM-END') this.streamEndProduced = true;
    // keep the queue short
    if (this.head > 64 && this.head * 2 > this.tokens.length) {
      this.tokens = this.tokens.slice(this.head);
      this.head = 0;
    }
  }

  get done(): boolean {
    return this.streamEndProduced;
  }

  // ---- reader helpers ----

  private at(k = 0): number {
    return this.buf[this.pos + k] ?? NUL;
  }

  private skipChar(): void {
    this.mark.index++;
    this.mark.column++;
    this.pos++;
  }

  private skipLine(): void {
    const c = this.at();
    if (c === CR && this.at(1) === LF) {
      this.mark.index += 2;
      this.mark.column = 0;
      this.mark.line++;
      this.pos += 2;
    } else if (isBreak(c)) {
      this.mark.index++;
      this.mark.column = 0;
      this.mark.line++;
      this.pos++;
    }
  }

  private read(s: number[]): void {
    s.push(this.at());
    this.skipChar();
  }

  /** read_line: CR LF, CR, LF and NEL become '\n'; LS and PS are kept. */
  private readLine(s: number[]): void {
    const c = this.at();
    if (c === CR && this.at(1) === LF) {
      s.push(LF);
      this.pos += 2;
      this.mark.index += 2;
    } else if (c === CR || c === LF || c === 0x85) {
      s.push(LF);
      this.pos++;
      this.mark.index++;
    } else if (c === 0x2028 || c === 0x2029) {
      s.push(c);
      this.pos++;
      this.mark.index++;
    } else {
      return;
    }
    this.mark.column = 0;
    this.mark.line++;
  }

  private copyMark(): Mark {
    return { ...this.mark };
  }

  private scannerError(_context: string, contextMark: Mark, problem: string): never {
    throw new YamlSyntaxError('scanner', problem, this.copyMark(), contextMark);
  }

  // ---- token queue ----

  private insertToken(num: number, token: Token): void {
    if (num < 0) this.tokens.push(token);
    else this.tokens.splice(this.head + num, 0, token);
  }

  private fetchMoreTokens(): void {
    for (;;) {
      let needMore = false;
      if (this.head === this.tokens.length) {
        needMore = true;
      } else {
        this.staleSimpleKeys();
        for (const k of this.simpleKeys) {
          if (k.possible && k.tokenNumber === this.tokensParsed) {
            needMore = true;
            break;
          }
        }
      }
      if (!needMore) break;
      this.fetchNextToken();
    }
    this.tokenAvailable = true;
  }

  private fetchNextToken(): void {
    if (!this.streamStartProduced) {
      this.indent = -1;
      this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.copyMark() });
      this.simpleKeyAllowed = true;
      this.streamStartProduced = true;
      const m = this.copyMark();
      this.tokens.push({ type: 'STREAM-START', start: m, end: m });
      return;
    }
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unrollIndent(this.mark.column);

    const c = this.at();
    if (c === NUL && this.pos >= this.buf.length - 5) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === cp('%')) return this.fetchDirective();
    if (this.mark.column === 0 && c === cp('-') && this.at(1) === cp('-') && this.at(2) === cp('-') && isBlankZ(this.at(3)))
      return this.fetchDocumentIndicator('DOCUMENT-START');
    if (this.mark.column === 0 && c === cp('.') && this.at(1) === cp('.') && this.at(2) === cp('.') && isBlankZ(this.at(3)))
      return this.fetchDocumentIndicator('DOCUMENT-END');

    const n = this.at(1);
    switch (c) {
      case cp('['):
        return this.fetchFlowCollectionStart('FLOW-SEQUENCE-START');
      case cp('{'):
        return this.fetchFlowCollectionStart('FLOW-MAPPING-START');
      case cp(']'):
        return this.fetchFlowCollectionEnd('FLOW-SEQUENCE-END');
      case cp('}'):
        return this.fetchFlowCollectionEnd('FLOW-MAPPING-END');
      case cp(','):
        return this.fetchFlowEntry();
    }
    if (c === cp('-') && isBlankZ(n)) return this.fetchBlockEntry();
    if (c === cp('?') && (this.flowLevel > 0 || isBlankZ(n))) return this.fetchKey();
    if (c === cp(':') && (this.flowLevel > 0 || isBlankZ(n))) return this.fetchValue();
    if (c === cp('*')) return this.fetchAnchor('ALIAS');
    if (c === cp('&')) return this.fetchAnchor('ANCHOR');
    if (c === cp('!')) return this.fetchTag();
    if (c === cp('|') && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === cp('>') && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === cp("'")) return this.fetchFlowScalar(true);
    if (c === cp('"')) return this.fetchFlowScalar(false);

    const indicators = "-?:,[]{}#&*!|>'\"%@`";
    if (
      !(isBlankZ(c) || indicators.includes(String.fromCodePoint(c))) ||
      (c === cp('-') && !isBlank(n)) ||
      (this.flowLevel === 0 && (c === cp('?') || c === cp(':')) && !isBlankZ(n))
    ) {
      return this.fetchPlainScalar();
    }
    this.scannerError('while scanning for the next token', this.copyMark(), 'found character that cannot start any token');
  }

  private staleSimpleKeys(): void {
    for (const key of this.simpleKeys) {
      // go-yaml v2: a simple key is limited to a single line and 1024 characters.
      if (key.possible && (key.mark.line < this.mark.line || key.mark.index + 1024 < this.mark.index)) {
        if (key.required) this.scannerError('while scanning a simple key', key.mark, "could not find expected ':'");
        key.possible = false;
      }
    }
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = {
        possible: true,
        required,
        tokenNumber: this.tokensParsed + (this.tokens.length - this.head),
        mark: this.copyMark(),
      };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
    }
  }

  private removeSimpleKey(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible && key.required) {
      this.scannerError('while scanning a simple key', key.mark, "could not find expected ':'");
    }
    key.possible = false;
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: this.copyMark() });
    this.flowLevel++;
  }

  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) {
      this.flowLevel--;
      this.simpleKeys.pop();
    }
  }

  private rollIndent(column: number, num: number, type: TokenType, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      const token: Token = { type, start: { ...mark }, end: { ...mark } };
      if (num > -1) num -= this.tokensParsed;
      this.insertToken(num, token);
    }
  }

  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      const m = this.copyMark();
      this.tokens.push({ type: 'BLOCK-END', start: m, end: m });
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamEnd(): void {
    // Force new line.
    if (this.mark.column !== 0) {
      this.mark.column = 0;
      this.mark.line++;
    }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const m = this.copyMark();
    this.tokens.push({ type: 'STREAM-END', start: m, end: m });
  }

  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push(this.scanDirective());
  }

  private fetchDocumentIndicator(type: TokenType): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.copyMark();
    this.skipChar();
    this.skipChar();
    this.skipChar();
    this.tokens.push({ type, start, end: this.copyMark() });
  }

  private fetchFlowCollectionStart(type: TokenType): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type, start, end: this.copyMark() });
  }

  private fetchFlowCollectionEnd(type: TokenType): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type, start, end: this.copyMark() });
  }

  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type: 'FLOW-ENTRY', start, end: this.copyMark() });
  }

  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.scannerError('', this.copyMark(), 'block sequence entries are not allowed in this context');
      }
      this.rollIndent(this.mark.column, -1, 'BLOCK-SEQUENCE-START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type: 'BLOCK-ENTRY', start, end: this.copyMark() });
  }

  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) {
        this.scannerError('', this.copyMark(), 'mapping keys are not allowed in this context');
      }
      this.rollIndent(this.mark.column, -1, 'BLOCK-MAPPING-START', this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type: 'KEY', start, end: this.copyMark() });
  }

  private fetchValue(): void {
    const key = this.simpleKeys[this.simpleKeys.length - 1];
    if (key.possible) {
      this.insertToken(key.tokenNumber - this.tokensParsed, { type: 'KEY', start: { ...key.mark }, end: { ...key.mark } });
      this.rollIndent(key.mark.column, key.tokenNumber, 'BLOCK-MAPPING-START', key.mark);
      key.possible = false;
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) {
          this.scannerError('', this.copyMark(), 'mapping values are not allowed in this context');
        }
        this.rollIndent(this.mark.column, -1, 'BLOCK-MAPPING-START', this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = this.copyMark();
    this.skipChar();
    this.tokens.push({ type: 'VALUE', start, end: this.copyMark() });
  }

  private fetchAnchor(type: 'ALIAS' | 'ANCHOR'): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.copyMark();
    this.skipChar();
    const s: number[] = [];
    while (isAlpha(this.at())) this.read(s);
    const end = this.copyMark();
    const c = this.at();
    if (s.length === 0 || !(isBlankZ(c) || '?:,]}%@`'.includes(String.fromCodePoint(c)))) {
      this.scannerError(
        type === 'ANCHOR' ? 'while scanning an anchor' : 'while scanning an alias',
        start,
        'did not find expected alphabetic or numeric character',
      );
    }
    this.tokens.push({ type, start, end, value: String.fromCodePoint(...s) });
  }

  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    const start = this.copyMark();
    let handle: string;
    let suffix: string;
    if (this.at(1) === cp('<')) {
      handle = '';
      this.skipChar();
      this.skipChar();
      suffix = this.scanTagUri(false, '', start);
      if (this.at() !== cp('>')) this.scannerError('while scanning a tag', start, "did not find the expected '>'");
      this.skipChar();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle.length > 1 && handle.startsWith('!') && handle.endsWith('!')) {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (suffix.length === 0) {
          [handle, suffix] = [suffix, handle];
        }
      }
    }
    const c = this.at();
    if (!isBlankZ(c) && (this.flowLevel === 0 || c !== cp(','))) {
      this.scannerError('while scanning a tag', start, 'did not find expected whitespace or line break');
    }
    this.tokens.push({ type: 'TAG', start, end: this.copyMark(), value: handle, suffix });
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    const context = directive ? 'while scanning a tag directive' : 'while scanning a tag';
    if (this.at() !== cp('!')) this.scannerError(context, start, "did not find expected '!'");
    const s: number[] = [];
    this.read(s);
    while (isAlpha(this.at())) this.read(s);
    if (this.at() === cp('!')) this.read(s);
    else if (directive && !(s.length === 1 && s[0] === cp('!'))) {
      this.scannerError(context, start, "did not find expected '!'");
    }
    return String.fromCodePoint(...s);
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    const context = directive ? 'while parsing a %TAG directive' : 'while parsing a tag';
    let s = head.length > 1 ? head.slice(1) : '';
    let length = head.length;
    for (;;) {
      const c = this.at();
      if (!(isAlpha(c) || ";/?:@&=+$,.!~*'()[]%".includes(String.fromCodePoint(c))) || c === NUL) break;
      if (c === cp('%')) {
        const bytes: number[] = [];
        let w = 1024;
        while (w > 0) {
          if (!(this.at() === cp('%') && isHex(this.at(1)) && isHex(this.at(2)))) {
            this.scannerError(context, start, 'did not find URI escaped octet');
          }
          const octet = (asHex(this.at(1)) << 4) + asHex(this.at(2));
          if (bytes.length === 0) {
            w = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
            if (w === 0) this.scannerError(context, start, 'found an incorrect leading UTF-8 octet');
          } else if ((octet & 0xc0) !== 0x80) {
            this.scannerError(context, start, 'found an incorrect trailing UTF-8 octet');
          }
          bytes.push(octet);
          this.skipChar();
          this.skipChar();
          this.skipChar();
          w--;
        }
        s += new TextDecoder().decode(new Uint8Array(bytes));
      } else {
        s += String.fromCodePoint(c);
        this.skipChar();
      }
      length++;
    }
    if (length === 0) this.scannerError(context, start, 'did not find expected tag URI');
    return s;
  }

  private scanDirective(): Token {
    const start = this.copyMark();
    this.skipChar();
    const nameChars: number[] = [];
    while (isAlpha(this.at())) this.read(nameChars);
    const name = String.fromCodePoint(...nameChars);
    if (name.length === 0) this.scannerError('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.at())) {
      this.scannerError('while scanning a directive', start, 'found unexpected non-alphabetical character');
    }
    let token: Token;
    if (name === 'YAML') {
      while (isBlank(this.at())) this.skipChar();
      const major = this.scanVersionNumber(start);
      if (this.at() !== cp('.')) {
        this.scannerError('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
      }
      this.skipChar();
      const minor = this.scanVersionNumber(start);
      token = { type: 'VERSION-DIRECTIVE', start, end: this.copyMark(), value: `${major}.${minor}` };
    } else if (name === 'TAG') {
      while (isBlank(this.at())) this.skipChar();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.at())) this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace');
      while (isBlank(this.at())) this.skipChar();
      const prefix = this.scanTagUri(true, '', start);
      if (!isBlankZ(this.at())) {
        this.scannerError('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      }
      token = { type: 'TAG-DIRECTIVE', start, end: this.copyMark(), value: handle, suffix: prefix };
    } else {
      this.scannerError('while scanning a directive', start, 'found unknown directive name');
    }
    while (isBlank(this.at())) this.skipChar();
    if (this.at() === cp('#')) while (!isBreakZ(this.at())) this.skipChar();
    if (!isBreakZ(this.at())) {
      this.scannerError('while scanning a directive', start, 'did not find expected comment or line break');
    }
    if (isBreak(this.at())) this.skipLine();
    return token;
  }

  private scanVersionNumber(start: Mark): number {
    let value = 0;
    let length = 0;
    while (isDigit(this.at())) {
      length++;
      if (length > 9) this.scannerError('while scanning a %YAML directive', start, 'found extremely long version number');
      value = value * 10 + (this.at() - 0x30);
      this.skipChar();
    }
    if (length === 0) this.scannerError('while scanning a %YAML directive', start, 'did not find expected version number');
    return value;
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.at() === 0xfeff) this.skipChar();
      // Tabs are allowed in the flow context, and in the block context but not at the beginning
      // of the line or after '-', '?', or ':' (simple_key_allowed) — hence "found character that
      // cannot start any token" for tab-indented manifests.
      while (this.at() === SP || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.at() === TAB)) this.skipChar();
      if (this.at() === cp('#')) while (!isBreakZ(this.at())) this.skipChar();
      if (isBreak(this.at())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.tokens.push(this.scanBlockScalar(literal));
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = this.copyMark();
    this.skipChar();
    let chomping = 0;
    let increment = 0;
    const ctx = 'while scanning a block scalar';
    if (this.at() === cp('+') || this.at() === cp('-')) {
      chomping = this.at() === cp('+') ? 1 : -1;
      this.skipChar();
      if (isDigit(this.at())) {
        if (this.at() === cp('0')) this.scannerError(ctx, start, 'found an indentation indicator equal to 0');
        increment = this.at() - 0x30;
        this.skipChar();
      }
    } else if (isDigit(this.at())) {
      if (this.at() === cp('0')) this.scannerError(ctx, start, 'found an indentation indicator equal to 0');
      increment = this.at() - 0x30;
      this.skipChar();
      if (this.at() === cp('+') || this.at() === cp('-')) {
        chomping = this.at() === cp('+') ? 1 : -1;
        this.skipChar();
      }
    }
    while (isBlank(this.at())) this.skipChar();
    if (this.at() === cp('#')) while (!isBreakZ(this.at())) this.skipChar();
    if (!isBreakZ(this.at())) this.scannerError(ctx, start, 'did not find expected comment or line break');
    if (isBreak(this.at())) this.skipLine();
    let end = this.copyMark();
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;

    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    const breaks = () => {
      end = this.copyMark();
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.mark.column < indent) && this.at() === SP) this.skipChar();
        if (this.mark.column > maxIndent) maxIndent = this.mark.column;
        if ((indent === 0 || this.mark.column < indent) && this.at() === TAB) {
          this.scannerError(ctx, start, 'found a tab character where an indentation space is expected');
        }
        if (!isBreak(this.at())) break;
        this.readLine(trailingBreaks);
        end = this.copyMark();
      }
      if (indent === 0) {
        indent = maxIndent;
        if (indent < this.indent + 1) indent = this.indent + 1;
        if (indent < 1) indent = 1;
      }
    };
    breaks();
    let leadingBlank = false;
    while (this.mark.column === indent && !(this.at() === NUL && this.pos >= this.buf.length - 5)) {
      const trailingBlank = isBlank(this.at());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === LF) {
        if (trailingBreaks.length === 0) s.push(SP);
      } else {
        s.push(...leadingBreak);
      }
      leadingBreak = [];
      s.push(...trailingBreaks);
      trailingBreaks = [];
      leadingBlank = isBlank(this.at());
      while (!isBreakZ(this.at())) this.read(s);
      this.readLine(leadingBreak);
      breaks();
    }
    if (chomping !== -1) s.push(...leadingBreak);
    if (chomping === 1) s.push(...trailingBreaks);
    return { type: 'SCALAR', start, end, value: fromCodePoints(s), style: literal ? 'literal' : 'folded' };
  }

  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push(this.scanFlowScalar(single));
  }

  private atDocumentIndicator(): boolean {
    const c = this.at();
    return (
      this.mark.column === 0 &&
      ((c === cp('-') && this.at(1) === cp('-') && this.at(2) === cp('-')) ||
        (c === cp('.') && this.at(1) === cp('.') && this.at(2) === cp('.'))) &&
      isBlankZ(this.at(3))
    );
  }

  private atEnd(): boolean {
    return this.at() === NUL && this.pos >= this.buf.length - 5;
  }

  private scanFlowScalar(single: boolean): Token {
    const start = this.copyMark();
    this.skipChar();
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    for (;;) {
      if (this.atDocumentIndicator()) {
        this.scannerError('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (this.atEnd()) this.scannerError('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankZ(this.at()) || (this.at() === NUL && !this.atEnd())) {
        const c = this.at();
        if (single && c === cp("'") && this.at(1) === cp("'")) {
          s.push(cp("'"));
          this.skipChar();
          this.skipChar();
        } else if (single && c === cp("'")) {
          break;
        } else if (!single && c === cp('"')) {
          break;
        } else if (!single && c === cp('\\') && isBreak(this.at(1))) {
          this.skipChar();
          this.skipLine();
          leadingBlanks = true;
          break;
        } else if (!single && c === cp('\\')) {
          let codeLength = 0;
          const e = this.at(1);
          const simple: Record<string, number> = {
            '0': 0, a: 7, b: 8, t: 9, '\t': 9, n: 10, v: 11, f: 12, r: 13, e: 0x1b,
            ' ': 0x20, '"': 0x22, "'": 0x27, '\\': 0x5c, N: 0x85, _: 0xa0, L: 0x2028, P: 0x2029,
          };
          const ch = String.fromCodePoint(e);
          if (ch === 'x') codeLength = 2;
          else if (ch === 'u') codeLength = 4;
          else if (ch === 'U') codeLength = 8;
          else if (Object.prototype.hasOwnProperty.call(simple, ch) && e !== NUL) s.push(simple[ch]);
          else this.scannerError('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skipChar();
          this.skipChar();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.at(k))) {
                this.scannerError('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              }
              value = value * 16 + asHex(this.at(k));
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
              this.scannerError('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            }
            s.push(value);
            for (let k = 0; k < codeLength; k++) this.skipChar();
          }
        } else {
          this.read(s);
        }
      }
      if (this.at() === cp(single ? "'" : '"')) break;
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) {
          if (!leadingBlanks) this.read(whitespaces);
          else this.skipChar();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else {
          this.readLine(trailingBreaks);
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === LF) {
          if (trailingBreaks.length === 0) s.push(SP);
          else s.push(...trailingBreaks);
        } else {
          s.push(...leadingBreak, ...trailingBreaks);
        }
        trailingBreaks = [];
        leadingBreak = [];
      } else {
        s.push(...whitespaces);
        whitespaces = [];
      }
    }
    this.skipChar();
    return { type: 'SCALAR', start, end: this.copyMark(), value: fromCodePoints(s), style: single ? 'single' : 'double' };
  }

  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.tokens.push(this.scanPlainScalar());
  }

  private scanPlainScalar(): Token {
    const s: number[] = [];
    let leadingBreak: number[] = [];
    let trailingBreaks: number[] = [];
    let whitespaces: number[] = [];
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = this.copyMark();
    let end = this.copyMark();
    const flowEnders = ',?[]{}';
    for (;;) {
      if (this.atDocumentIndicator()) break;
      if (this.at() === cp('#')) break;
      while (!isBlankZ(this.at()) || (this.at() === NUL && !this.atEnd())) {
        const c = this.at();
        const n = this.at(1);
        // go-yaml v2: "x:" followed by one of ",?[]{}" in the flow context.
        if (this.flowLevel > 0 && c === cp(':') && flowEnders.includes(String.fromCodePoint(n)) && n !== NUL) {
          this.scannerError('while scanning a plain scalar', start, "found unexpected ':'");
        }
        if ((c === cp(':') && isBlankZ(n)) || (this.flowLevel > 0 && flowEnders.includes(String.fromCodePoint(c)))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === LF) {
              if (trailingBreaks.length === 0) s.push(SP);
              else s.push(...trailingBreaks);
            } else {
              s.push(...leadingBreak, ...trailingBreaks);
            }
            trailingBreaks = [];
            leadingBreak = [];
            leadingBlanks = false;
          } else {
            s.push(...whitespaces);
            whitespaces = [];
          }
        }
        this.read(s);
        end = this.copyMark();
      }
      if (!(isBlank(this.at()) || isBreak(this.at()))) break;
      while (isBlank(this.at()) || isBreak(this.at())) {
        if (isBlank(this.at())) {
          if (leadingBlanks && this.mark.column < indent && this.at() === TAB) {
            this.scannerError('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) this.read(whitespaces);
          else this.skipChar();
        } else if (!leadingBlanks) {
          whitespaces = [];
          this.readLine(leadingBreak);
          leadingBlanks = true;
        } else {
          this.readLine(trailingBreaks);
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: 'SCALAR', start, end, value: fromCodePoints(s), style: 'plain' };
  }
}

function fromCodePoints(s: number[]): string {
  let out = '';
  for (let i = 0; i < s.length; i += 4096) out += String.fromCodePoint(...s.slice(i, i + 4096));
  return out;
}
