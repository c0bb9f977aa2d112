// Expected strings marked "kubectl 1.32" were printed by the real kubectl 1.32 and hard-coded.
import { describe, expect, it } from 'vitest';
import {
  compareGoStrings,
  formatGoFloat,
  formatGoNumber,
  goJSONMarshal,
  goJSONMarshalIndent,
  goJSONString,
  goQuote,
  goSharpU,
  goSharpV,
  goSprint,
  isGoInt64,
} from './gofmt';
import { executeTemplate, parseTemplate } from './index';

/** A template run as `kubectl -o jsonpath` runs it (missing keys allowed). */
function run(template: string, data: unknown): string {
  const p = parseTemplate(template);
  if (!p.ok) throw new Error(p.error);
  const r = executeTemplate(p.template, data, { allowMissingKeys: true });
  if (!r.ok) throw new Error(r.error);
  return r.output;
}

describe('numbers', () => {
  it('integers within int64 range are int64, everything else float64', () => {
    expect(isGoInt64(3)).toBe(true);
    expect(isGoInt64(-7)).toBe(true);
    expect(isGoInt64(1.5)).toBe(false);
    expect(isGoInt64(1e21)).toBe(false);
    expect(isGoInt64(2 ** 63)).toBe(false);
  });

  it('float64 prints with %v: exponent form below 1e-4 and from 1e6 up', () => {
    // kubectl 1.32: 1.5 1e+21 1.5000005e+06 1e-05 100000.5 2.5e-06 and 1e+06 for a JSON 1000000.0
    expect(formatGoFloat(1.5)).toBe('1.5');
    expect(formatGoFloat(1e21)).toBe('1e+21');
    expect(formatGoFloat(1500000.5)).toBe('1.5000005e+06');
    expect(formatGoFloat(0.00001)).toBe('1e-05');
    expect(formatGoFloat(100000.5)).toBe('100000.5');
    expect(formatGoFloat(0.0000025)).toBe('2.5e-06');
    expect(formatGoFloat(1e6)).toBe('1e+06');
    expect(formatGoFloat(0.0001)).toBe('0.0001');
    expect(formatGoFloat(-2.5e-7)).toBe('-2.5e-07');
    expect(formatGoFloat(1e100)).toBe('1e+100');
  });

  it('int64 prints every digit, even past 2^53', () => {
    expect(formatGoNumber(3)).toBe('3');
    expect(formatGoNumber(-7)).toBe('-7');
    expect(formatGoNumber(2 ** 60)).toBe('1152921504606846976');
  });
});

describe('encoding/json', () => {
  it('marshals compactly with keys in bytewise order', () => {
    expect(goJSONMarshal({ b: 1, a: [true, null, 'x'], B: {}, a10: 1, a9: 2 })).toBe(
      '{"B":{},"a":[true,null,"x"],"a10":1,"a9":2,"b":1}',
    );
  });

  it('escapes strings with HTML escaping and Go 1.22 short escapes', () => {
    // kubectl 1.32 printed "a\b\f\u0001<DEL>\u2028<NBSP>é😀\\/\u003c\u003e\u0026"
    expect(goJSONString('a\b\f\u0001\u007f\u2028\u00a0é😀\\/<>&')).toBe(
      '"a\\b\\f\\u0001\u007f\\u2028\u00a0é😀\\\\/\\u003c\\u003e\\u0026"',
    );
    expect(goJSONString('"\n\r\t\u001f\u2029')).toBe('"\\"\\n\\r\\t\\u001f\\u2029"');
  });

  it('writes floats as encoding/json does', () => {
    expect(goJSONMarshal([1e21, 0.0000025, 1e-7, 1.5, 100])).toBe('[1e+21,0.0000025,1e-7,1.5,100]');
  });

  it('indents with four spaces and keeps empty containers on one line', () => {
    expect(goJSONMarshalIndent([1, { a: [], b: {} }, []])).toBe(
      '[\n    1,\n    {\n        "a": [],\n        "b": {}\n    },\n    []\n]',
    );
  });
});

describe('fmt verbs', () => {
  it('%v prints maps as map[k:v] with sorted keys, slices as [a b] and null as <nil>', () => {
    expect(goSprint({ b: 'x', a: 1 })).toBe('map[a:1 b:x]');
    expect(goSprint(['a', 'b'])).toBe('[a b]');
    expect(goSprint([{ mountPath: '/var/run', readOnly: true }])).toBe('[map[mountPath:/var/run readOnly:true]]');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint({ f: false, nul: null, t: true })).toBe('map[f:false nul:<nil> t:true]');
    expect(goSprint(1500000.5)).toBe('1.5000005e+06');
  });

  it('%#v prints the Go syntax of an interface{} tree', () => {
    // kubectl 1.32, the "object given to jsonpath engine" line
    expect(
      goSharpV({
        ctl: 'a\b\f\u0001\u007f\u2028\u00a0é😀\\/<>&',
        n: [1, 2.5, -3, 1e21, 0.0000025],
        m: { x: null, e: {}, l: [] },
      }),
    ).toBe(
      'map[string]interface {}{"ctl":"a\\b\\f\\x01\\x7f\\u2028\\u00a0é😀\\\\/<>&", "m":map[string]interface {}{"e":map[string]interface {}{}, "l":[]interface {}{}, "x":interface {}(nil)}, "n":[]interface {}{1, 2.5, -3, 1e+21, 2.5e-06}}',
    );
  });

  it('%q escapes quotes, backslashes and unprintable characters but keeps printable Unicode', () => {
    expect(goQuote('\t"é\u0001\\{.nosuch}')).toBe('"\\t\\"é\\x01\\\\{.nosuch}"');
    expect(goQuote('\u00a0\u{10ffff}\u0007')).toBe('"\\u00a0\\U0010ffff\\a"');
  });

  it('%#U shows the character only when Go considers it printable', () => {
    expect(goSharpU(0x21)).toBe("U+0021 '!'");
    expect(goSharpU(0x09)).toBe('U+0009');
    expect(goSharpU(0x1f600)).toBe("U+1F600 '😀'");
  });
});

describe('string order', () => {
  it('compares by code point, as Go compares UTF-8 bytes', () => {
    expect(compareGoStrings('B', 'a')).toBeLessThan(0);
    expect(compareGoStrings('a10', 'a9')).toBeLessThan(0);
    // U+FF5E sorts before U+1F600 in UTF-8 although its UTF-16 unit is larger than a surrogate
    expect(compareGoStrings('\uff5e', '😀')).toBeLessThan(0);
    expect(compareGoStrings('ab', 'a')).toBeGreaterThan(0);
    expect(compareGoStrings('x', 'x')).toBe(0);
  });
});

describe('GoNumber values from the manifest decoder (known by their brand symbol)', () => {
  // Shaped like lib/k8s/patch/gonumber.ts GoNumber, which this module may not import.
  const goNumber = (goType: 'int64' | 'float64', value: number, text: string) => ({ goType, value, text, [Symbol.for('podbook.go-number')]: true });
  const e6 = goNumber('float64', 1e6, '1000000');
  const negZero = goNumber('float64', -0, '-0');
  const big = goNumber('int64', 9007199254740992, '9007199254740993');

  it('fmt.Print gives 1e+06 and -0 for float64 and the exact digits for int64 (kubectl 1.32)', () => {
    expect(goSprint(e6)).toBe('1e+06');
    expect(goSprint(negZero)).toBe('-0');
    expect(goSprint(big)).toBe('9007199254740993');
    expect(goSprint({ a: [big, e6] })).toBe('map[a:[9007199254740993 1e+06]]');
    expect(goSharpV([negZero])).toBe('[]interface {}{-0}');
  });

  it('json.Marshal gives the encoding/json texts (kubectl 1.32 {.spec})', () => {
    expect(goJSONMarshal({ e6, negZero, big })).toBe('{"big":9007199254740993,"e6":1000000,"negZero":-0}');
  });

  it('a template prints them as scalars, not as maps', () => {
    expect(run('{.spec.e6} {.spec.big} {.spec.n}', { spec: { e6, big, n: negZero } })).toBe('1e+06 9007199254740993 -0');
    expect(run('{.spec}', { spec: { e6 } })).toBe('{"e6":1000000}');
    expect(run('{.spec[?(@.v==1000000)].v}', { spec: [{ v: goNumber('int64', 1000000, '1000000') }] })).toBe('1000000');
  });
});
