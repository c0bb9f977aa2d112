// The few pieces of Go's standard library whose exact behaviour and error text leak into
// kubectl's flag errors: strconv.Quote / QuoteRune (fmt's %q), strconv.ParseInt / ParseUint /
// ParseBool with their *NumError messages, time.ParseDuration, and encoding/csv's Reader.Read as
// pflag's stringSlice uses it. Pure functions; nothing here knows about flags.

export type GoResult<T> = { ok: true; value: T } | { ok: false; error: string };

const utf8 = new TextEncoder();

/** The UTF-8 bytes of a JS string (lone surrogates become U+FFFD, as Go would see them). */
export function utf8Bytes(s: string): Uint8Array {
  return utf8.encode(s);
}

/** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  return /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(String.fromCodePoint(cp));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function quoteCodePoint(cp: number, quote: string): string {
  if (cp === quote.codePointAt(0) || cp === 0x5c) return `\\${String.fromCodePoint(cp)}`;
  if (isPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** strconv.Quote, which is also what fmt's %q prints for a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // A lone surrogate is invalid UTF-8 to Go: it prints the replacement character's escape.
    if (cp >= 0xd800 && cp <= 0xdfff) out += '\\ufffd';
    else out += quoteCodePoint(cp, '"');
  }
  return out + '"';
}

/** strconv.QuoteRune, which is what fmt's %q prints for an integer such as a byte. */
export function goQuoteRune(cp: number): string {
  return `'${quoteCodePoint(cp, "'")}'`;
}

// ---------------------------------------------------------------------------------------------
// strconv

function numError(fn: string, num: string, err: 'invalid syntax' | 'value out of range'): string {
  return `strconv.${fn}: parsing ${goQuote(num)}: ${err}`;
}

function lower(c: string): string {
  return c.toLowerCase();
}

/** strconv's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s0: string): boolean {
  let s = s0;
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let isHex = false;
  if (s.length >= 2 && s[0] === '0' && ['b', 'o', 'x'].includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    isHex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (isHex && lower(c) >= 'a' && lower(c) <= 'f')) {
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

type UintResult = { ok: true; value: bigint } | { ok: false; range: boolean };

/** strconv.ParseUint's digit loop (the caller words the error). */
function parseUintCore(s0: string, base0: number, bitSize: number): UintResult {
  if (s0 === '') return { ok: false, range: false };
  let s = s0;
  let base = base0;
  const isBase0 = base === 0;
  if (base === 0) {
    base = 10;
    if (s[0] === '0') {
      if (s.length >= 3 && lower(s[1]) === 'b') {
        base = 2;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'o') {
        base = 8;
        s = s.slice(2);
      } else if (s.length >= 3 && lower(s[1]) === 'x') {
        base = 16;
        s = s.slice(2);
      } else {
        base = 8;
        s = s.slice(1);
      }
    }
  }
  const maxVal = (1n << BigInt(bitSize)) - 1n;
  const bigBase = BigInt(base);
  const cutoff = (1n << 64n) / bigBase + 1n;
  let n = 0n;
  let underscores = false;
  // Go ranges over bytes; any non-ASCII byte is a syntax error, as is any non-ASCII char here.
  for (const c of s) {
    let d: number;
    if (c === '_' && isBase0) {
      underscores = true;
      continue;
    } else if (c >= '0' && c <= '9') {
      d = c.charCodeAt(0) - 48;
    } else if (/^[a-zA-Z]$/.test(c)) {
      d = lower(c).charCodeAt(0) - 97 + 10;
    } else {
      return { ok: false, range: false };
    }
    if (d >= base) return { ok: false, range: false };
    if (n >= cutoff) return { ok: false, range: true };
    n *= bigBase;
    const n1 = n + BigInt(d);
    if (n1 > maxVal) return { ok: false, range: true };
    n = n1;
  }
  if (underscores && !underscoreOK(s0)) return { ok: false, range: false };
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, base, bitSize) with Go's exact *NumError text. */
export function goParseInt(s: string, base: number, bitSize: number): GoResult<bigint> {
  if (s === '') return { ok: false, error: numError('ParseInt', s, 'invalid syntax') };
  let rest = s;
  let neg = false;
  if (rest[0] === '+') rest = rest.slice(1);
  else if (rest[0] === '-') {
    neg = true;
    rest = rest.slice(1);
  }
  const un = parseUintCore(rest, base, 64);
  if (!un.ok && !un.range) return { ok: false, error: numError('ParseInt', s, 'invalid syntax') };
  const cutoff = 1n << BigInt(bitSize - 1);
  const value = un.ok ? un.value : (1n << 64n) - 1n;
  if (!neg && value >= cutoff) return { ok: false, error: numError('ParseInt', s, 'value out of range') };
  if (neg && value > cutoff) return { ok: false, error: numError('ParseInt', s, 'value out of range') };
  return { ok: true, value: neg ? -value : value };
}

/** strconv.ParseUint(s, base, bitSize) with Go's exact *NumError text. */
export function goParseUint(s: string, base: number, bitSize: number): GoResult<bigint> {
  const r = parseUintCore(s, base, bitSize);
  if (r.ok) return { ok: true, value: r.value };
  return { ok: false, error: numError('ParseUint', s, r.range ? 'value out of range' : 'invalid syntax') };
}

/** strconv.ParseBool. */
export function goParseBool(s: string): GoResult<boolean> {
  switch (s) {
    case '1':
    case 't':
    case 'T':
    case 'true':
    case 'TRUE':
    case 'True':
      return { ok: true, value: true };
    case '0':
    case 'f':
    case 'F':
    case 'false':
    case 'FALSE':
    case 'False':
      return { ok: true, value: false };
  }
  return { ok: false, error: numError('ParseBool', s, 'invalid syntax') };
}

// ---------------------------------------------------------------------------------------------
// time.ParseDuration

/** The time package's own quote(): non-ASCII and control bytes as \xHH, `"` and `\` escaped. */
function timeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const b of utf8Bytes(ch)) out += `\\x${hex(b, 2)}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return out + '"';
}

const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_DURATION = 1n << 63n;

/**
 * time.ParseDuration: `300ms`, `-1.5h`, `2h45m`, and a bare `0`. Returns nanoseconds as a
 * bigint, or Go's exact error (`time: invalid duration "x"`, `time: missing unit in duration
 * "1"`, `time: unknown unit "q" in duration "1q"`).
 */
export function goParseDuration(orig: string): GoResult<bigint> {
  const invalid = () => ({ ok: false as const, error: `time: invalid duration ${timeQuote(orig)}` });
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== '') {
    const c = s[0];
    if (c === '-' || c === '+') {
      neg = c === '-';
      s = s.slice(1);
    }
  }
  if (s === '0') return { ok: true, value: 0n };
  if (s === '') return invalid();
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  while (s !== '') {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    if (!(s[0] === '.' || isDigit(s[0]))) return invalid();
    // leadingInt
    let i = 0;
    for (; i < s.length && isDigit(s[i]); i++) {
      if (v > MAX_DURATION / 10n) return invalid();
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > MAX_DURATION) return invalid();
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      // leadingFraction: digits beyond int64 precision are consumed but ignored
      let j = 0;
      let overflow = false;
      for (; j < s.length && isDigit(s[j]); j++) {
        if (overflow) continue;
        if (f > (MAX_DURATION - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
        if (y > MAX_DURATION) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid();
    let k = 0;
    for (; k < s.length; k++) {
      const c = s[k];
      if (c === '.' || isDigit(c)) break;
    }
    if (k === 0) return { ok: false, error: `time: missing unit in duration ${timeQuote(orig)}` };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNIT_NS[u];
    if (unit === undefined) {
      return { ok: false, error: `time: unknown unit ${timeQuote(u)} in duration ${timeQuote(orig)}` };
    }
    if (v > MAX_DURATION / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // Go uses float64 here: "float64 is needed to be nanosecond accurate for fractions of hours"
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX_DURATION) return invalid();
    }
    d += v;
    if (d > MAX_DURATION) return invalid();
  }
  if (neg) return { ok: true, value: -d };
  if (d > MAX_DURATION - 1n) return invalid();
  return { ok: true, value: d };
}

// ---------------------------------------------------------------------------------------------
// encoding/csv

/**
 * encoding/csv Reader.Read (default options: comma `,`, no lazy quotes) for one record, as
 * pflag's readAsCSV uses it for stringSlice values. Errors are Go's ParseError text, e.g.
 * `parse error on line 1, column 3: extraneous or missing " in quoted-field`. Only the first
 * record is read; a value that holds nothing but line breaks reads as EOF.
 */
export function goCsvReadRecord(input: string): GoResult<string[]> {
  const data = utf8Bytes(input);
  let offset = 0;
  let numLine = 0;
  const NL = 0x0a;
  const CR = 0x0d;
  const QUOTE = 0x22;
  const COMMA = 0x2c;
  // readLine: returns the line including its "\n" (CRLF normalised), or null at EOF.
  const readLine = (): { line: Uint8Array; eof: boolean } => {
    if (offset >= data.length) return { line: new Uint8Array(0), eof: true };
    let end = data.indexOf(NL, offset);
    let line: Uint8Array;
    if (end === -1) {
      line = data.slice(offset);
      offset = data.length;
      // For backwards compatibility, drop trailing \r before EOF.
      if (line.length > 0 && line[line.length - 1] === CR) line = line.slice(0, -1);
    } else {
      end += 1;
      line = data.slice(offset, end);
      offset = end;
    }
    numLine++;
    const n = line.length;
    if (n >= 2 && line[n - 2] === CR && line[n - 1] === NL) {
      const copy = line.slice(0, n - 1);
      copy[n - 2] = NL;
      line = copy;
    }
    return { line, eof: false };
  };
  const lengthNL = (b: Uint8Array) => (b.length > 0 && b[b.length - 1] === NL ? 1 : 0);

  let line: Uint8Array = new Uint8Array(0);
  let eof = false;
  for (;;) {
    const r = readLine();
    line = r.line;
    eof = r.eof;
    if (!eof && line.length === lengthNL(line)) continue; // skip empty lines
    break;
  }
  if (eof) return { ok: false, error: 'EOF' };

  const dec = new TextDecoder();
  const fields: string[] = [];
  let buf: number[] = [];
  const recLine = numLine;
  let pos = { line: numLine, col: 1 };
  const perr = (lineNo: number, col: number, msg: string): GoResult<string[]> => ({
    ok: false,
    error:
      recLine !== lineNo
        ? `record on line ${recLine}; parse error on line ${lineNo}, column ${col}: ${msg}`
        : `parse error on line ${lineNo}, column ${col}: ${msg}`,
  });
  const BARE = 'bare " in non-quoted-field';
  const QUOTEERR = 'extraneous or missing " in quoted-field';
  for (;;) {
    if (line.length === 0 || line[0] !== QUOTE) {
      const i = line.indexOf(COMMA);
      const field = i >= 0 ? line.slice(0, i) : line.slice(0, line.length - lengthNL(line));
      const j = field.indexOf(QUOTE);
      if (j >= 0) return perr(numLine, pos.col + j, BARE);
      fields.push(dec.decode(field));
      if (i >= 0) {
        line = line.slice(i + 1);
        pos.col += i + 1;
        continue;
      }
      break;
    }
    // Quoted field
    line = line.slice(1);
    pos.col += 1;
    buf = [];
    let done = false;
    for (;;) {
      const i = line.indexOf(QUOTE);
      if (i >= 0) {
        buf.push(...line.slice(0, i));
        line = line.slice(i + 1);
        pos.col += i + 1;
        const rn = line.length > 0 ? line[0] : -1;
        if (rn === QUOTE) {
          buf.push(QUOTE);
          line = line.slice(1);
          pos.col += 1;
        } else if (rn === COMMA) {
          line = line.slice(1);
          pos.col += 1;
          fields.push(dec.decode(new Uint8Array(buf)));
          break;
        } else if (lengthNL(line) === line.length) {
          fields.push(dec.decode(new Uint8Array(buf)));
          done = true;
          break;
        } else {
          return perr(numLine, pos.col - 1, QUOTEERR);
        }
      } else if (line.length > 0) {
        // Hit end of line: keep reading lines (io.EOF is cleared, so an unterminated quote
        // always ends in the error below, as in Go).
        buf.push(...line);
        pos.col += line.length;
        line = readLine().line;
        if (line.length > 0) pos = { line: pos.line + 1, col: 1 };
      } else {
        return perr(pos.line, pos.col, QUOTEERR);
      }
    }
    if (done) break;
  }
  return { ok: true, value: fields };
}
