import { describe, expect, it } from 'vitest';
import { goCsvReadRecord, goParseBool, goParseDuration, goParseInt, goParseUint, goQuote, goQuoteRune } from './go';

describe('Go %q quoting', () => {
  it('escapes quotes, backslashes and control characters and keeps printable Unicode', () => {
    expect(goQuote('zzz')).toBe('"zzz"');
    expect(goQuote('"a')).toBe('"\\"a"');
    expect(goQuote('a\\b')).toBe('"a\\\\b"');
    expect(goQuote('a\nb\tc\x01\x7f')).toBe('"a\\nb\\tc\\x01\\x7f"');
    expect(goQuote('한글')).toBe('"한글"');
    expect(goQuote('\u00a0')).toBe('"\\u00a0"');
  });

  it('quotes a byte as a rune, so the first byte of 한 prints as í', () => {
    expect(goQuoteRune(0x7a)).toBe("'z'");
    expect(goQuoteRune(0xed)).toBe("'í'");
    expect(goQuoteRune(0x27)).toBe("'\\''");
    expect(goQuoteRune(0x85)).toBe("'\\u0085'");
  });
});

describe('strconv', () => {
  it('ParseInt with base 0 reads hex, octal, binary and underscores as Go does', () => {
    expect(goParseInt('0x10', 0, 64)).toEqual({ ok: true, value: 16n });
    expect(goParseInt('010', 0, 64)).toEqual({ ok: true, value: 8n });
    expect(goParseInt('0b101', 0, 64)).toEqual({ ok: true, value: 5n });
    expect(goParseInt('0o17', 0, 64)).toEqual({ ok: true, value: 15n });
    expect(goParseInt('1_000', 0, 64)).toEqual({ ok: true, value: 1000n });
    expect(goParseInt('-5', 0, 64)).toEqual({ ok: true, value: -5n });
    expect(goParseInt('+5', 0, 64)).toEqual({ ok: true, value: 5n });
    expect(goParseInt('0', 0, 64)).toEqual({ ok: true, value: 0n });
  });

  it('ParseInt reports invalid syntax and range errors with the original text', () => {
    expect(goParseInt('x', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "x": invalid syntax' });
    expect(goParseInt('', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "": invalid syntax' });
    expect(goParseInt('-', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "-": invalid syntax' });
    expect(goParseInt('1__0', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "1__0": invalid syntax' });
    expect(goParseInt('_10', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "_10": invalid syntax' });
    expect(goParseInt('0x', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "0x": invalid syntax' });
    expect(goParseInt('1_0', 10, 64)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "1_0": invalid syntax' });
    expect(goParseInt('2147483648', 0, 32)).toEqual({
      ok: false,
      error: 'strconv.ParseInt: parsing "2147483648": value out of range',
    });
    expect(goParseInt('-2147483648', 0, 32)).toEqual({ ok: true, value: -2147483648n });
    expect(goParseInt('9223372036854775807', 0, 64)).toEqual({ ok: true, value: 9223372036854775807n });
    expect(goParseInt('99999999999999999999', 0, 64)).toEqual({
      ok: false,
      error: 'strconv.ParseInt: parsing "99999999999999999999": value out of range',
    });
  });

  it('ParseUint rejects a sign', () => {
    expect(goParseUint('-1', 0, 64)).toEqual({ ok: false, error: 'strconv.ParseUint: parsing "-1": invalid syntax' });
  });

  it('ParseBool accepts exactly Go’s twelve spellings', () => {
    for (const t of ['1', 't', 'T', 'true', 'TRUE', 'True']) expect(goParseBool(t)).toEqual({ ok: true, value: true });
    for (const f of ['0', 'f', 'F', 'false', 'FALSE', 'False']) expect(goParseBool(f)).toEqual({ ok: true, value: false });
    expect(goParseBool('yes')).toEqual({ ok: false, error: 'strconv.ParseBool: parsing "yes": invalid syntax' });
    expect(goParseBool('tRUE')).toEqual({ ok: false, error: 'strconv.ParseBool: parsing "tRUE": invalid syntax' });
  });
});

describe('time.ParseDuration', () => {
  it('reads Go durations into nanoseconds', () => {
    expect(goParseDuration('30s')).toEqual({ ok: true, value: 30_000_000_000n });
    expect(goParseDuration('1m')).toEqual({ ok: true, value: 60_000_000_000n });
    expect(goParseDuration('1h30m')).toEqual({ ok: true, value: 5_400_000_000_000n });
    expect(goParseDuration('1.5h')).toEqual({ ok: true, value: 5_400_000_000_000n });
    expect(goParseDuration('300ms')).toEqual({ ok: true, value: 300_000_000n });
    expect(goParseDuration('2µs')).toEqual({ ok: true, value: 2000n });
    expect(goParseDuration('-1m0s')).toEqual({ ok: true, value: -60_000_000_000n });
    expect(goParseDuration('0')).toEqual({ ok: true, value: 0n });
    expect(goParseDuration('.5s')).toEqual({ ok: true, value: 500_000_000n });
  });

  it('words errors as Go does', () => {
    expect(goParseDuration('abc')).toEqual({ ok: false, error: 'time: invalid duration "abc"' });
    expect(goParseDuration('1')).toEqual({ ok: false, error: 'time: missing unit in duration "1"' });
    expect(goParseDuration('1q')).toEqual({ ok: false, error: 'time: unknown unit "q" in duration "1q"' });
    expect(goParseDuration('.s')).toEqual({ ok: false, error: 'time: invalid duration ".s"' });
    expect(goParseDuration('')).toEqual({ ok: false, error: 'time: invalid duration ""' });
    // the time package's own quote() writes non-ASCII as \x escapes
    expect(goParseDuration('한')).toEqual({ ok: false, error: 'time: invalid duration "\\xed\\x95\\x9c"' });
    expect(goParseDuration('9999999999h')).toEqual({ ok: false, error: 'time: invalid duration "9999999999h"' });
  });
});

describe('encoding/csv as pflag reads a stringSlice value', () => {
  it('splits on commas and honours quoted fields', () => {
    expect(goCsvReadRecord('a,b')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(goCsvReadRecord('"a,b",c')).toEqual({ ok: true, value: ['a,b', 'c'] });
    expect(goCsvReadRecord('a,,b,')).toEqual({ ok: true, value: ['a', '', 'b', ''] });
    expect(goCsvReadRecord('"say ""hi"""')).toEqual({ ok: true, value: ['say "hi"'] });
    expect(goCsvReadRecord(' a , b ')).toEqual({ ok: true, value: [' a ', ' b '] });
  });

  it('reads only the first record of a multi-line value', () => {
    expect(goCsvReadRecord('a,b\nc')).toEqual({ ok: true, value: ['a', 'b'] });
    expect(goCsvReadRecord('"a\nb",c')).toEqual({ ok: true, value: ['a\nb', 'c'] });
  });

  it('reports Go’s parse errors with line and column', () => {
    // kubectl v1.32.5: `kubectl get -f '"a'` →
    // error: invalid argument "\"a" for "-f, --filename" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field
    expect(goCsvReadRecord('"a')).toEqual({
      ok: false,
      error: 'parse error on line 1, column 3: extraneous or missing " in quoted-field',
    });
    expect(goCsvReadRecord('a,"b"c')).toEqual({
      ok: false,
      error: 'parse error on line 1, column 5: extraneous or missing " in quoted-field',
    });
    expect(goCsvReadRecord('a,b"')).toEqual({ ok: false, error: 'parse error on line 1, column 4: bare " in non-quoted-field' });
    expect(goCsvReadRecord('"a\nb')).toEqual({
      ok: false,
      error: 'record on line 1; parse error on line 2, column 2: extraneous or missing " in quoted-field',
    });
    expect(goCsvReadRecord('\n')).toEqual({ ok: false, error: 'EOF' });
  });
});
