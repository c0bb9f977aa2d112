// The shell command line of a notebook cell, parsed the way bash would parse it, but never run
// by a shell: quoting (single, double, `$'…'`, backslash), `\`+newline continuations, `#`
// comments at a word start, `$VAR` / `${VAR}` / `${VAR:-word}`, `$(…)` and `` `…` `` command
// substitution kept as structured nodes, pipelines (`|`, `|&`), lists (newline, `;`, `&&`,
// `||`, `&`), redirections (`>`, `>>`, `<`, `2>&1`, `&>`, here-documents and here-strings).
// Compound commands (`for`, `if`, `( … )`, `{ …; }`) and arithmetic are refused with a clear
// error instead of being half-parsed. Syntax errors are worded as bash words them.

// ---------------------------------------------------------------------------------------------
// Types

export type WordPart =
  /** Text. `quoted` when it came from quotes or a backslash escape (never field-split). */
  | { type: 'literal'; value: string; quoted: boolean }
  /**
   * `$NAME`, `${NAME}`, `$?`, `$1`…, or `${NAME:-word}` (also `-`, `:+`, `+`): `op` and `word`
   * are set for the forms with a default or alternative.
   */
  | { type: 'param'; name: string; quoted: boolean; op?: ':-' | '-' | ':+' | '+'; word?: WordPart[] }
  /**
   * `$(…)` or `` `…` ``: `pipelines` is the parsed inner command line, `source` its text. The
   * executor runs it through Podbook's own commands and splices the output in, with trailing
   * newlines removed and, unless `quoted`, split into fields on blanks.
   */
  | { type: 'command'; source: string; pipelines: Pipeline[]; quoted: boolean; backquoted: boolean };

export interface Word {
  parts: WordPart[];
  /** The word as written, quotes included. */
  text: string;
}

/** `NAME=value` before the command name (or a line of nothing but assignments). */
export interface Assignment {
  name: string;
  value: Word;
  text: string;
}

export type RedirectOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redirect {
  op: RedirectOp;
  /** The file descriptor redirected: `2>` → 2; `>` → 1; `<`, `<<`, `<<<` → 0; `&>` → 1 (and 2). */
  fd: number;
  /**
   * The file name, the descriptor for `>&` / `<&` (`2>&1` → `1`), the here-string, or the
   * here-document's body (every part quoted; expansions only when the delimiter was unquoted).
   */
  target: Word;
  /** `target` expanded with the parse-time environment, or null when it holds `$(…)`. */
  value: string | null;
  /** Here-documents only: the delimiter without its quotes, and whether it was quoted. */
  heredoc?: { delimiter: string; quoted: boolean; stripTabs: boolean };
  text: string;
}

/** One command of a pipeline. */
export interface Stage {
  /**
   * The argument vector after expansion with the parse-time environment (`opts.env`), or null
   * when a word holds a command substitution: then call {@link expandStage} with a `substitute`.
   * Empty for a stage that is only assignments or redirections.
   */
  argv: string[] | null;
  words: Word[];
  assignments: Assignment[];
  redirects: Redirect[];
  /** The stage as written (continuations included; comments and here-document bodies not). */
  text: string;
  /** 1-based line of the stage's first character. */
  line: number;
  /**
   * Offsets of `text` in the parsed input (CRLF read as LF); for a pipeline inside
   * `` `…` `` they are offsets into that substitution's `source`.
   */
  start: number;
  end: number;
}

export interface Pipeline {
  stages: Stage[];
  /** When this pipeline runs, judged by the exit status of the last pipeline that ran. */
  runIf: 'always' | 'success' | 'failure';
  /** Ended by `&`. */
  background: boolean;
  /** Started with `! `: the exit status is inverted. */
  negated: boolean;
  text: string;
  line: number;
  start: number;
  end: number;
}

export type ParseResult =
  | {
      ok: true;
      pipelines: Pipeline[];
      /** Non-fatal notes bash would print, e.g. an unterminated here-document. */
      warnings: string[];
    }
  | {
      ok: false;
      /** bash's wording: "unexpected EOF while looking for matching `''". */
      error: string;
      /** 1-based line bash would report. */
      line: number;
    };

export interface ParseOptions {
  /** Variables for `$VAR`; unknown names expand to nothing. */
  env?: Readonly<Record<string, string | undefined>>;
}

// ---------------------------------------------------------------------------------------------
// Parser

class ShellSyntaxError extends Error {
  constructor(
    message: string,
    /** Where bash would report it; -1 for "at the end of the input". */
    readonly offset: number,
  ) {
    super(message);
  }
}

const BLANK = new Set([' ', '\t']);
/** Characters that end an unquoted word. */
const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Words that end or continue a compound command: a syntax error where a command should start. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}', ']]']);
/** Words that start a compound command, which Podbook does not run. */
const OPENERS = new Set(['if', 'for', 'while', 'until', 'case', 'select', 'function', '{', '[[', 'coproc']);

interface PendingHeredoc {
  redirect: Redirect;
  delimiter: string;
  quoted: boolean;
  stripTabs: boolean;
  line: number;
}

class Parser {
  pos = 0;
  private pending: PendingHeredoc[] = [];
  readonly warnings: string[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly src: string,
    readonly env: Readonly<Record<string, string | undefined>>,
    /** Offset of src within the outermost text, for line numbers of nested parsers. */
    private readonly lineBase = 0,
  ) {
    for (let i = 0; i < src.length; i++) if (src[i] === '\n') this.lineStarts.push(i + 1);
  }

  lineAt(offset: number): number {
    // bash counts the end of input as one line past a last line without its newline.
    if (offset < 0) return this.lineAt(this.src.length) + (this.src.endsWith('\n') ? 0 : 1);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 + this.lineBase;
  }

  private fail(message: string, offset = this.pos): never {
    throw new ShellSyntaxError(message, offset);
  }

  private peek(n = 0): string {
    return this.src[this.pos + n] ?? '';
  }

  private startsWith(s: string): boolean {
    return this.src.startsWith(s, this.pos);
  }

  /** Skips blanks and `\`+newline continuations. */
  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (BLANK.has(c)) this.pos++;
      else if (c === '\\' && this.peek(1) === '\n') this.pos += 2;
      else return;
    }
  }

  /** Skips a `#` comment (the caller has checked we are at a word start). */
  private skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.pos < this.src.length && this.peek() !== '\n') this.pos++;
  }

  /** Consumes one newline and then reads any pending here-document bodies. */
  private consumeNewline(): void {
    this.pos++;
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  /** Skips blanks, comments and newlines (where a command may follow `&&`, `|`, …). */
  private skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      this.skipComment();
      if (this.peek() === '\n') this.consumeNewline();
      else return;
    }
  }

  /** The control operator at pos, if any. */
  private operatorAt(): string | null {
    for (const op of ['&&', '||', ';;', '|&', '|', '&', ';', '(', ')']) {
      if (this.startsWith(op)) {
        if (op === '&' && this.peek(1) === '>') return null; // &> redirection
        return op;
      }
    }
    return null;
  }

  private unexpected(token: string, offset = this.pos): never {
    this.fail(`syntax error near unexpected token \`${token}'`, offset);
  }

  private unexpectedEnd(): never {
    this.fail('syntax error: unexpected end of file', -1);
  }

  // --- lists and pipelines -----------------------------------------------------------------

  parseList(nested: boolean): Pipeline[] {
    const pipelines: Pipeline[] = [];
    let runIf: Pipeline['runIf'] = 'always';
    let needCommand = false; // after && or ||
    for (;;) {
      if (needCommand) this.skipLinebreaks();
      else {
        this.skipBlanks();
        this.skipComment();
        if (this.peek() === '\n') {
          this.consumeNewline();
          continue;
        }
      }
      if (this.pos >= this.src.length) {
        if (needCommand) this.unexpectedEnd();
        break;
      }
      const op = this.operatorAt();
      if (op === ')' && nested) {
        if (needCommand) this.unexpected(')');
        break;
      }
      if (op !== null && op !== '(') this.unexpected(op);
      const pipeline = this.parsePipeline(runIf);
      pipelines.push(pipeline);
      needCommand = false;
      runIf = 'always';
      this.skipBlanks();
      this.skipComment();
      const next = this.operatorAt();
      if (next === '&&' || next === '||') {
        this.pos += 2;
        runIf = next === '&&' ? 'success' : 'failure';
        needCommand = true;
      } else if (next === ';') {
        this.pos += 1;
      } else if (next === '&') {
        this.pos += 1;
        pipeline.background = true;
      } else if (next === ';;') {
        this.unexpected(';;');
      } else if (next === ')') {
        if (!nested) this.unexpected(')');
        break;
      } else if (next === '(') {
        this.unexpected('(');
      } else if (this.peek() === '\n') {
        this.consumeNewline();
      } else if (this.pos < this.src.length) {
        // parsePipeline stops only at an operator, a newline or the end
        this.unexpected(this.peek());
      }
    }
    return pipelines;
  }

  private parsePipeline(runIf: Pipeline['runIf']): Pipeline {
    const start = this.pos;
    const line = this.lineAt(start);
    let negated = false;
    if (this.peek() === '!' && (BLANK.has(this.peek(1)) || this.peek(1) === '\n' || this.peek(1) === '')) {
      negated = true;
      this.pos++;
      this.skipBlanks();
    }
    const stages: Stage[] = [];
    for (;;) {
      const stage = this.parseCommand();
      stages.push(stage);
      this.skipBlanks();
      const op = this.operatorAt();
      if (op !== '|' && op !== '|&') break;
      this.pos += op.length;
      if (op === '|&') {
        // bash: `a |& b` is `a 2>&1 | b`
        const one: Word = { parts: [{ type: 'literal', value: '1', quoted: false }], text: '1' };
        stage.redirects.push({ op: '>&', fd: 2, target: one, value: '1', text: '2>&1' });
      }
      this.skipLinebreaks();
      if (this.pos >= this.src.length) this.unexpectedEnd();
      const after = this.operatorAt();
      if (after !== null && after !== '(') this.unexpected(after);
    }
    const end = stages[stages.length - 1].end;
    return { stages, runIf, background: false, negated, text: this.src.slice(start, end), line, start, end };
  }

  // --- simple commands ---------------------------------------------------------------------

  private parseCommand(): Stage {
    this.skipBlanks();
    const start = this.pos;
    const line = this.lineAt(start);
    const words: Word[] = [];
    const assignments: Assignment[] = [];
    const redirects: Redirect[] = [];
    let end = start;
    for (;;) {
      this.skipBlanks();
      const c = this.peek();
      if (c === '' || c === '\n' || c === ';' || c === '|' || c === ')') break;
      if (c === '&' && this.peek(1) !== '>') break;
      if (c === '#') {
        this.skipComment();
        break;
      }
      if (c === '(') {
        if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
          this.fail(this.startsWith('((') ? 'arithmetic commands `(( … ))\' are not supported' : "subshells `( … )' are not supported");
        }
        this.unexpected('(');
      }
      const redirect = this.tryRedirect();
      if (redirect) {
        redirects.push(redirect);
        end = this.pos;
        continue;
      }
      const wordStart = this.pos;
      const word = this.readWord();
      end = this.pos;
      if (words.length === 0) {
        const plain = plainLiteral(word);
        const assign = this.asAssignment(word);
        if (assign) {
          assignments.push(assign);
          continue;
        }
        if (plain !== null && assignments.length === 0 && redirects.length === 0) {
          if (CLOSERS.has(plain)) this.unexpected(plain, wordStart);
          if (OPENERS.has(plain)) this.fail(`shell compound commands (\`${plain}') are not supported`, wordStart);
        }
      }
      words.push(...braceExpand(word));
    }
    if (words.length === 0 && assignments.length === 0 && redirects.length === 0) {
      const op = this.operatorAt();
      if (op) this.unexpected(op);
      if (this.peek() === '\n') this.unexpected('newline');
      this.unexpectedEnd();
    }
    const stage: Stage = {
      argv: null,
      words,
      assignments,
      redirects,
      text: this.src.slice(start, end),
      line,
      start,
      end,
    };
    if (!words.some(hasCommand)) stage.argv = expandWords(words, { env: this.env });
    return stage;
  }

  private asAssignment(word: Word): Assignment | null {
    const first = word.parts[0];
    if (!first || first.type !== 'literal' || first.quoted) return null;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
    if (!m) return null;
    const rest: WordPart[] = [];
    const tail = first.value.slice(m[0].length);
    if (tail) rest.push({ type: 'literal', value: tail, quoted: false });
    rest.push(...word.parts.slice(1));
    return { name: m[1], value: { parts: rest, text: word.text.slice(m[0].length) }, text: word.text };
  }

  /** A redirection operator (with its optional fd number) and its target, or null. */
  private tryRedirect(): Redirect | null {
    const start = this.pos;
    const m = /^(\d*)(<<<|<<-|<<|<>|<&|<|>>|>\||>&|>|&>>|&>)/.exec(this.src.slice(this.pos, this.pos + 32));
    if (!m) return null;
    const [, digits, opText] = m;
    if (digits && opText.startsWith('&')) return null; // `2&>x` is the word 2 then `&>`
    const op = opText as RedirectOp;
    this.pos += m[0].length;
    let fd: number;
    if (digits) fd = Number(digits);
    else fd = op.startsWith('<') ? 0 : 1;
    this.skipBlanks();
    const c = this.peek();
    if (c === '' || c === '\n') this.unexpected('newline');
    const opNext = this.operatorAt();
    if (opNext !== null || c === '<' || c === '>') {
      const tok = opNext ?? (/^(<<<|<<-|<<|<>|<&|<|>>|>\||>&|>|&>>|&>)/.exec(this.src.slice(this.pos))?.[0] ?? c);
      this.unexpected(tok);
    }
    const target = this.readWord();
    const text = this.src.slice(start, this.pos);
    if (op === '<<' || op === '<<-') {
      const quoted = target.parts.some((p) => p.type !== 'literal' || p.quoted);
      const delimiter = heredocDelimiter(target);
      const redirect: Redirect = {
        op,
        fd,
        target: { parts: [], text: '' },
        value: '',
        heredoc: { delimiter, quoted, stripTabs: op === '<<-' },
        text,
      };
      this.pending.push({ redirect, delimiter, quoted, stripTabs: op === '<<-', line: this.lineAt(start) });
      return redirect;
    }
    const value = hasCommand(target) ? null : expandWordToString(target, { env: this.env });
    return { op, fd, target, value, text };
  }

  private readHeredocBodies(): void {
    const pending = this.pending;
    this.pending = [];
    for (const h of pending) {
      let body = '';
      let found = false;
      while (this.pos < this.src.length) {
        const nl = this.src.indexOf('\n', this.pos);
        const lineEnd = nl === -1 ? this.src.length : nl;
        let text = this.src.slice(this.pos, lineEnd);
        this.pos = nl === -1 ? this.src.length : nl + 1;
        if (h.stripTabs) text = text.replace(/^\t+/, '');
        if (text === h.delimiter) {
          found = true;
          break;
        }
        body += `${text}\n`;
      }
      if (!found) {
        this.warnings.push(
          `here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delimiter}')`,
        );
      }
      h.redirect.target = h.quoted
        ? { parts: [{ type: 'literal', value: body, quoted: true }], text: body }
        : { parts: parseHeredocBody(body, this.env), text: body };
      h.redirect.value = hasCommand(h.redirect.target) ? null : expandWordToString(h.redirect.target, { env: this.env });
    }
  }

  /** Called at the end of the input: bodies of here-documents never reached. */
  finish(): void {
    if (this.pending.length > 0) this.readHeredocBodies();
  }

  // --- words -------------------------------------------------------------------------------

  /** Reads one word up to an unquoted metacharacter. */
  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    const lit = (value: string, quoted: boolean) => pushLiteral(parts, value, quoted);
    for (;;) {
      const c = this.peek();
      if (c === '' || META.has(c)) break;
      if (c === '\\') {
        const n = this.peek(1);
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '') {
          lit('\\', false);
          this.pos += 1;
          continue;
        }
        const ch = String.fromCodePoint(this.src.codePointAt(this.pos + 1)!);
        lit(ch, true);
        this.pos += 1 + ch.length;
        continue;
      }
      if (c === "'") {
        const close = this.src.indexOf("'", this.pos + 1);
        if (close === -1) this.fail("unexpected EOF while looking for matching `''", this.pos);
        lit(this.src.slice(this.pos + 1, close), true);
        this.pos = close + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        // an empty "" still makes a (quoted, empty) word
        lit('', true);
        this.readDoubleQuoted(parts, '"');
        continue;
      }
      if (c === '$') {
        this.readDollar(parts, false);
        continue;
      }
      if (c === '`') {
        parts.push(this.readBackquote(false));
        continue;
      }
      lit(c, false);
      this.pos++;
    }
    return { parts, text: this.src.slice(start, this.pos) };
  }

  /**
   * Reads double-quoted text up to `terminator` (consumed), or, with terminator null, to the
   * end of the source (here-document bodies).
   */
  readDoubleQuoted(parts: WordPart[], terminator: '"' | null): void {
    const openAt = this.pos - 1;
    for (;;) {
      const c = this.peek();
      if (c === '') {
        if (terminator === null) return;
        this.fail('unexpected EOF while looking for matching `"\'', openAt);
      }
      if (c === terminator) {
        this.pos++;
        return;
      }
      if (c === '\\') {
        const n = this.peek(1);
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\' || (n === '"' && terminator === '"')) {
          pushLiteral(parts, n, true);
          this.pos += 2;
          continue;
        }
        pushLiteral(parts, '\\', true);
        this.pos++;
        continue;
      }
      if (c === '$') {
        this.readDollar(parts, true);
        continue;
      }
      if (c === '`') {
        parts.push(this.readBackquote(true));
        continue;
      }
      pushLiteral(parts, c, true);
      this.pos++;
    }
  }

  private readDollar(parts: WordPart[], quoted: boolean): void {
    const at = this.pos;
    const n = this.peek(1);
    if (n === '(') {
      if (this.peek(2) === '(') this.fail("arithmetic expansion `$(( … ))' is not supported", at);
      this.pos += 2;
      const inner = this.pos;
      const pipelines = this.parseList(true);
      if (this.peek() !== ')') this.fail("unexpected EOF while looking for matching `)'", -1);
      const source = this.src.slice(inner, this.pos);
      this.pos++;
      parts.push({ type: 'command', source, pipelines, quoted, backquoted: false });
      return;
    }
    if (n === '{') {
      parts.push(this.readBraceParam(quoted));
      return;
    }
    if (!quoted && n === "'") {
      this.pos += 2;
      pushLiteral(parts, this.readAnsiC(), true);
      return;
    }
    if (!quoted && n === '"') {
      // $"…" (locale translation) reads as "…"
      this.pos += 2;
      pushLiteral(parts, '', true);
      this.readDoubleQuoted(parts, '"');
      return;
    }
    const name = NAME_RE.exec(this.src.slice(this.pos + 1, this.pos + 256));
    if (name) {
      this.pos += 1 + name[0].length;
      parts.push({ type: 'param', name: name[0], quoted });
      return;
    }
    if (n !== '' && '?$#!@*-0123456789'.includes(n)) {
      this.pos += 2;
      parts.push({ type: 'param', name: n, quoted });
      return;
    }
    pushLiteral(parts, '$', quoted);
    this.pos++;
  }

  private readBraceParam(quoted: boolean): WordPart {
    const open = this.pos;
    this.pos += 2;
    const name = NAME_RE.exec(this.src.slice(this.pos, this.pos + 256))?.[0] ?? (/^[?$#!@*0-9-]/.exec(this.peek())?.[0] ?? '');
    // Find the closing brace, honouring quotes and nested ${…}.
    let depth = 0;
    let i = this.pos;
    for (; i < this.src.length; i++) {
      const c = this.src[i];
      if (c === '\\') {
        i++;
        continue;
      }
      if (c === "'" && !quoted) {
        const close = this.src.indexOf("'", i + 1);
        if (close === -1) break;
        i = close;
        continue;
      }
      if (c === '$' && this.src[i + 1] === '{') {
        depth++;
        i++;
        continue;
      }
      if (c === '}') {
        if (depth === 0) break;
        depth--;
      }
    }
    if (i >= this.src.length) this.fail("unexpected EOF while looking for matching `}'", open);
    const body = this.src.slice(this.pos, i);
    const whole = this.src.slice(open, i + 1);
    if (!name) this.fail(`${whole}: bad substitution`, open);
    const rest = body.slice(name.length);
    if (rest === '') {
      this.pos = i + 1;
      return { type: 'param', name, quoted };
    }
    const op = /^(:-|:\+|-|\+)/.exec(rest)?.[0] as ':-' | '-' | ':+' | '+' | undefined;
    if (!op) this.fail(`${whole}: bad substitution`, open);
    // Parse the word in place: quotes and expansions work as inside double quotes.
    this.pos += name.length + op.length;
    const wordParts: WordPart[] = [];
    const stopAt = i;
    while (this.pos < stopAt) {
      const c = this.peek();
      if (c === '\\' && this.pos + 1 < stopAt) {
        pushLiteral(wordParts, this.peek(1), true);
        this.pos += 2;
      } else if (c === "'" && !quoted) {
        const close = this.src.indexOf("'", this.pos + 1);
        pushLiteral(wordParts, this.src.slice(this.pos + 1, close), true);
        this.pos = close + 1;
      } else if (c === '"') {
        this.pos++;
        this.readDoubleQuoted(wordParts, '"');
      } else if (c === '$') {
        this.readDollar(wordParts, quoted);
      } else if (c === '`') {
        wordParts.push(this.readBackquote(quoted));
      } else {
        pushLiteral(wordParts, c, quoted);
        this.pos++;
      }
    }
    this.pos = stopAt + 1;
    return { type: 'param', name, quoted, op, word: wordParts };
  }

  private readAnsiC(): string {
    const open = this.pos - 2;
    let out = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail("unexpected EOF while looking for matching `''", open);
      this.pos++;
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.peek();
      this.pos++;
      const simple: Record<string, string> = {
        a: '\x07',
        b: '\b',
        e: '\x1b',
        E: '\x1b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        v: '\v',
        '\\': '\\',
        "'": "'",
        '"': '"',
        '?': '?',
      };
      if (e in simple) out += simple[e];
      else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(this.src.slice(this.pos - 1))![0];
        this.pos += m.length - 1;
        out += String.fromCharCode(parseInt(m, 8) & 0xff);
      } else if (e === 'x' && /[0-9a-fA-F]/.test(this.peek())) {
        const m = /^[0-9a-fA-F]{1,2}/.exec(this.src.slice(this.pos))![0];
        this.pos += m.length;
        out += String.fromCharCode(parseInt(m, 16));
      } else if ((e === 'u' || e === 'U') && /[0-9a-fA-F]/.test(this.peek())) {
        const m = new RegExp(`^[0-9a-fA-F]{1,${e === 'u' ? 4 : 8}}`).exec(this.src.slice(this.pos))![0];
        this.pos += m.length;
        out += String.fromCodePoint(Math.min(parseInt(m, 16), 0x10ffff));
      } else if (e === 'c' && this.peek() !== '') {
        out += String.fromCharCode(this.peek().charCodeAt(0) & 0x1f);
        this.pos++;
      } else out += `\\${e}`;
    }
  }

  private readBackquote(quoted: boolean): WordPart {
    const open = this.pos;
    this.pos++;
    let inner = '';
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail("unexpected EOF while looking for matching ``'", open);
      this.pos++;
      if (c === '`') break;
      if (c === '\\') {
        const n = this.peek();
        if (n === '$' || n === '`' || n === '\\' || (quoted && n === '"')) {
          inner += n;
          this.pos++;
          continue;
        }
      }
      inner += c;
    }
    const sub = new Parser(inner, this.env, this.lineAt(open) - 1);
    const pipelines = sub.parseList(false);
    sub.finish();
    this.warnings.push(...sub.warnings);
    return { type: 'command', source: inner, pipelines, quoted, backquoted: true };
  }
}

function pushLiteral(parts: WordPart[], value: string, quoted: boolean): void {
  const last = parts[parts.length - 1];
  if (last && last.type === 'literal' && last.quoted === quoted) last.value += value;
  else parts.push({ type: 'literal', value, quoted });
}

/** The word's text if it is one unquoted literal (how bash recognizes reserved words). */
function plainLiteral(word: Word): string | null {
  return word.parts.length === 1 && word.parts[0].type === 'literal' && !word.parts[0].quoted ? word.parts[0].value : null;
}

function hasCommandParts(parts: readonly WordPart[]): boolean {
  return parts.some((p) => p.type === 'command' || (p.type === 'param' && p.word !== undefined && hasCommandParts(p.word)));
}

function hasCommand(word: Word): boolean {
  return hasCommandParts(word.parts);
}

/** A here-document delimiter is its word with quoting removed (and nothing expanded). */
function heredocDelimiter(word: Word): string {
  let out = '';
  const t = word.text;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '\\' && i + 1 < t.length) {
      out += t[++i];
    } else if (c === "'" || c === '"') {
      const close = t.indexOf(c, i + 1);
      out += t.slice(i + 1, close === -1 ? t.length : close);
      i = close === -1 ? t.length : close;
    } else out += c;
  }
  return out;
}

/** An unquoted-delimiter here-document body: `\$`, `` \` ``, `\\`, `\`+newline, `$…` and `` `…` ``. */
function parseHeredocBody(body: string, env: Readonly<Record<string, string | undefined>>): WordPart[] {
  const p = new Parser(body, env);
  const parts: WordPart[] = [];
  // Inside a here-document `"` is an ordinary character: read as double-quoted text whose
  // terminator never occurs.
  p.readDoubleQuoted(parts, null);
  return parts.length > 0 ? parts : [{ type: 'literal', value: '', quoted: true }];
}

// ---------------------------------------------------------------------------------------------
// Brace expansion

/** A word as characters (with their quoting) and opaque expansions, for brace expansion. */
type BraceToken = { ch: string; quoted: boolean } | { part: WordPart };

function toTokens(word: Word): BraceToken[] {
  const out: BraceToken[] = [];
  for (const part of word.parts) {
    if (part.type === 'literal') for (const ch of part.value) out.push({ ch, quoted: part.quoted });
    else out.push({ part });
  }
  return out;
}

function fromTokens(tokens: readonly BraceToken[], text: string): Word {
  const parts: WordPart[] = [];
  for (const t of tokens) {
    if ('part' in t) parts.push(t.part);
    else pushLiteral(parts, t.ch, t.quoted);
  }
  return { parts, text };
}

const isOpen = (t: BraceToken | undefined) => t !== undefined && 'ch' in t && !t.quoted && t.ch === '{';
const isClose = (t: BraceToken | undefined) => t !== undefined && 'ch' in t && !t.quoted && t.ch === '}';
const isComma = (t: BraceToken | undefined) => t !== undefined && 'ch' in t && !t.quoted && t.ch === ',';

/** bash's sequence expression `{1..5}`, `{01..10..3}`, `{a..e}`; null when `inner` is not one. */
function sequence(inner: readonly BraceToken[]): BraceToken[][] | null {
  if (inner.some((t) => 'part' in t || t.quoted)) return null;
  const text = inner.map((t) => ('ch' in t ? t.ch : '')).join('');
  const num = /^([+-]?\d+)\.\.([+-]?\d+)(?:\.\.([+-]?\d+))?$/.exec(text);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.([+-]?\d+))?$/.exec(text);
  const mk = (s: string): BraceToken[] => [...s].map((ch) => ({ ch, quoted: false }));
  if (num) {
    const a = Number(num[1]);
    const b = Number(num[2]);
    let step = Math.abs(Number(num[3] ?? 1)) || 1;
    if (a > b) step = -step;
    const pad = [num[1], num[2]].some((s) => /^[+-]?0\d/.test(s))
      ? Math.max(num[1].replace(/^[+-]/, '').length, num[2].replace(/^[+-]/, '').length)
      : 0;
    const out: BraceToken[][] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
      const digits = String(Math.abs(v)).padStart(pad, '0');
      out.push(mk(`${v < 0 ? '-' : ''}${digits}`));
      if (out.length > 100_000) break;
    }
    return out;
  }
  if (chr) {
    const a = chr[1].charCodeAt(0);
    const b = chr[2].charCodeAt(0);
    let step = Math.abs(Number(chr[3] ?? 1)) || 1;
    if (a > b) step = -step;
    const out: BraceToken[][] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(mk(String.fromCharCode(v)));
    return out;
  }
  return null;
}

function expandBraceTokens(tokens: readonly BraceToken[]): BraceToken[][] {
  for (let i = 0; i < tokens.length; i++) {
    if (!isOpen(tokens[i])) continue;
    // find the matching close and the top-level commas
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i + 1; j < tokens.length; j++) {
      if (isOpen(tokens[j])) depth++;
      else if (isClose(tokens[j])) {
        if (depth === 0) {
          close = j;
          break;
        }
        depth--;
      } else if (isComma(tokens[j]) && depth === 0) commas.push(j);
    }
    if (close === -1) continue;
    const pre = tokens.slice(0, i);
    const post = tokens.slice(close + 1);
    let alternatives: BraceToken[][];
    if (commas.length > 0) {
      alternatives = [];
      let from = i + 1;
      for (const c of [...commas, close]) {
        alternatives.push(...expandBraceTokens(tokens.slice(from, c)));
        from = c + 1;
      }
    } else {
      const seq = sequence(tokens.slice(i + 1, close));
      if (!seq) continue;
      alternatives = seq;
    }
    const tails = expandBraceTokens(post);
    const out: BraceToken[][] = [];
    for (const alt of alternatives) for (const tail of tails) out.push([...pre, ...alt, ...tail]);
    return out;
  }
  return [[...tokens]];
}

/** bash's brace expansion of one word: `pod/{a,b}` → `pod/a pod/b`, `{1..3}` → `1 2 3`. */
function braceExpand(word: Word): Word[] {
  if (!word.parts.some((p) => p.type === 'literal' && !p.quoted && p.value.includes('{'))) return [word];
  const tokens = toTokens(word);
  const expanded = expandBraceTokens(tokens);
  if (expanded.length === 1) return [word];
  return expanded.map((t) => fromTokens(t, word.text));
}

// ---------------------------------------------------------------------------------------------
// Public entry points

/**
 * Parses a cell's command text: several lines, `;`, `&&`, `||`, `&`, pipes, redirections,
 * here-documents. CRLF line ends are read as LF. Never runs anything.
 */
export function parseCommandLine(text: string, opts: ParseOptions = {}): ParseResult {
  const src = text.replace(/\r\n/g, '\n');
  const p = new Parser(src, opts.env ?? {});
  try {
    const pipelines = p.parseList(false);
    p.finish();
    return { ok: true, pipelines, warnings: p.warnings };
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { ok: false, error: e.message, line: p.lineAt(e.offset) };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Expansion

export interface ExpandContext {
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Runs a command substitution and returns its standard output (trailing newlines are removed
   * here). Without it a substitution expands to nothing.
   */
  substitute?: (part: Extract<WordPart, { type: 'command' }>) => string;
}

const IFS_WS = /[ \t\n]+/;

function paramValue(part: Extract<WordPart, { type: 'param' }>, ctx: ExpandContext): { value: string; quoted: boolean; parts?: WordPart[] } {
  const raw = ctx.env?.[part.name];
  if (!part.op) return { value: raw ?? '', quoted: part.quoted };
  const isSet = raw !== undefined;
  const nonEmpty = isSet && raw !== '';
  const useWord =
    part.op === ':-' ? !nonEmpty : part.op === '-' ? !isSet : part.op === ':+' ? nonEmpty : isSet;
  if (part.op === ':-' || part.op === '-') {
    return useWord ? { value: '', quoted: part.quoted, parts: part.word ?? [] } : { value: raw ?? '', quoted: part.quoted };
  }
  return useWord ? { value: '', quoted: part.quoted, parts: part.word ?? [] } : { value: '', quoted: part.quoted };
}

/**
 * Expands a word into fields, as bash does: parameters and command substitutions are
 * replaced; their unquoted results are split on blanks and newlines; a word that expands to
 * nothing unquoted disappears; `""` stays an empty argument. No globbing, no tilde.
 */
export function expandWord(word: Word, ctx: ExpandContext = {}): string[] {
  const fields: string[] = [];
  let cur = '';
  let started = false;
  const addSplit = (value: string) => {
    if (value === '') return;
    const pieces = value.split(IFS_WS);
    const leading = pieces[0] === '';
    const trailing = pieces.length > 1 && pieces[pieces.length - 1] === '';
    const tokens = pieces.filter((p) => p !== '');
    if (leading && started) {
      fields.push(cur);
      cur = '';
      started = false;
    }
    tokens.forEach((tok, i) => {
      if (i > 0) {
        fields.push(cur);
        cur = '';
      }
      cur += tok;
      started = true;
    });
    if (trailing && tokens.length > 0) {
      fields.push(cur);
      cur = '';
      started = false;
    }
  };
  // `inExpansion`: the word of `${X:-word}` is itself an expansion result, so its unquoted
  // text is split too.
  const walk = (parts: readonly WordPart[], inExpansion: boolean) => {
    for (const part of parts) {
      if (part.type === 'literal') {
        if (inExpansion && !part.quoted) addSplit(part.value);
        else {
          cur += part.value;
          if (part.quoted || part.value !== '') started = true;
        }
      } else if (part.type === 'param') {
        const v = paramValue(part, ctx);
        if (v.parts) walk(v.parts, true);
        else if (part.quoted) {
          cur += v.value;
          started = true;
        } else addSplit(v.value);
      } else {
        const out = (ctx.substitute?.(part) ?? '').replace(/\n+$/, '');
        if (part.quoted) {
          cur += out;
          started = true;
        } else addSplit(out);
      }
    }
  };
  walk(word.parts, false);
  if (started) fields.push(cur);
  return fields;
}

/** Expands a word without field splitting (assignment values, redirection targets, here-documents). */
export function expandWordToString(word: Word, ctx: ExpandContext = {}): string {
  let out = '';
  const walk = (parts: readonly WordPart[]) => {
    for (const part of parts) {
      if (part.type === 'literal') out += part.value;
      else if (part.type === 'param') {
        const v = paramValue(part, ctx);
        if (v.parts) walk(v.parts);
        else out += v.value;
      } else out += (ctx.substitute?.(part) ?? '').replace(/\n+$/, '');
    }
  };
  walk(word.parts);
  return out;
}

/** Expands a list of words into an argv. */
export function expandWords(words: readonly Word[], ctx: ExpandContext = {}): string[] {
  return words.flatMap((w) => expandWord(w, ctx));
}

export interface ExpandedStage {
  argv: string[];
  assignments: Record<string, string>;
  redirects: { op: RedirectOp; fd: number; target: string }[];
}

/**
 * Expands a stage with the given environment and substitution runner, left to right as bash
 * does (assignments, then words, then redirections).
 */
export function expandStage(stage: Stage, ctx: ExpandContext = {}): ExpandedStage {
  const assignments: Record<string, string> = {};
  for (const a of stage.assignments) assignments[a.name] = expandWordToString(a.value, ctx);
  const argv = expandWords(stage.words, ctx);
  const redirects = stage.redirects.map((r) => ({ op: r.op, fd: r.fd, target: expandWordToString(r.target, ctx) }));
  return { argv, assignments, redirects };
}

/** The command substitutions of a stage in the order bash runs them. */
export function substitutionsOf(stage: Stage): Extract<WordPart, { type: 'command' }>[] {
  const out: Extract<WordPart, { type: 'command' }>[] = [];
  const walk = (parts: readonly WordPart[]) => {
    for (const p of parts) {
      if (p.type === 'command') out.push(p);
      else if (p.type === 'param' && p.word) walk(p.word);
    }
  };
  for (const a of stage.assignments) walk(a.value.parts);
  for (const w of stage.words) walk(w.parts);
  for (const r of stage.redirects) walk(r.target.parts);
  return out;
}

/**
 * {@link expandStage} with an asynchronous substitution runner: runs every `$(…)` of the
 * stage in order first, then expands.
 */
export async function expandStageAsync(
  stage: Stage,
  ctx: { env?: ExpandContext['env']; substitute: (part: Extract<WordPart, { type: 'command' }>) => Promise<string> },
): Promise<ExpandedStage> {
  const outputs = new Map<WordPart, string>();
  for (const part of substitutionsOf(stage)) outputs.set(part, await ctx.substitute(part));
  return expandStage(stage, { env: ctx.env, substitute: (part) => outputs.get(part) ?? '' });
}

// ---------------------------------------------------------------------------------------------
// Prompts

const PROMPTS: RegExp[] = [
  // PowerShell: `PS C:\Users\me> `, `PS> `
  /^\s*PS(?: [^>\n]*)?> ?/,
  // cmd.exe: `C:\Users\me>`
  /^\s*[A-Za-z]:\\[^>\n]*> ?/,
  // `user@host:~/dir$ `, `(venv) user@host:~$ `, `root@pod:/# `
  /^\s*(?:\([\w.-]+\)\s+)?[\w.-]+@[\w.-]+:[^\s$#%]*[$#%] /,
  // zsh on macOS: `user@MacBook-Pro ~ % `, `me@host ch02 % `
  /^\s*(?:\([\w.-]+\)\s+)?[\w.-]+@[\w.-]+ \S+ [%$#] /,
  // `[user@host dir]$ `
  /^\s*\[[^\]\n]+\][$#] /,
  // oh-my-zsh `➜  dir `, starship `❯ `
  /^\s*➜\s+\S+\s+(?:git:\([^)]*\)\s+(?:✗\s+)?)?/,
  /^\s*❯\s+/,
  // busybox/ash inside a container: `/ # `, `/usr/share/nginx/html # `, `~ $ `
  /^\s*(?:\/[\w./-]*|~[\w./-]*) [#$] /,
  // bare `$ ` or zsh's `% `
  /^\s*[$%] /,
];

/**
 * Removes a shell prompt copied in front of a command in a note: `$ `, `% `, `PS C:\…> `,
 * `user@host:~$ `, `user@host ~ % `, `[user@host dir]$ `, busybox's `/ # `, `➜  dir `, `❯ `.
 * A line without a recognizable prompt comes back unchanged. (Deciding which lines of a note
 * are commands at all is the importer's job.)
 */
export function stripPrompt(line: string): string {
  for (const re of PROMPTS) {
    const m = re.exec(line);
    if (m) return line.slice(m[0].length);
  }
  return line;
}

/**
 * Removes zsh's PROMPT_EOL_MARK: a `%` that zsh prints after output lacking a final newline
 * (`kubectl get pod x -o jsonpath='{…}'` in a note shows `docker://1a2b…%`). Returns the
 * output without the mark and whether it was there (then the real output had no newline).
 */
export function stripZshEolMark(output: string): { text: string; hadMark: boolean } {
  if (output.endsWith('%\n')) return { text: output.slice(0, -2), hadMark: true };
  if (output.endsWith('%')) return { text: output.slice(0, -1), hadMark: true };
  return { text: output, hadMark: false };
}
