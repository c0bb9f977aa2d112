import { describe, expect, it } from 'vitest';
import { GoNumber } from '../../k8s/patch/gonumber';
import { kubectlObjectErrors, kubectlParseError, parseYamlDocuments, yamlToJson, type YamlError } from './index';

// The fixtures come in through Vite's raw imports (bytes kept, CRLF included), so this core folder
// needs no node:fs.
const files = import.meta.glob<string>('./testdata/*', { query: '?raw', import: 'default', eager: true });
const testdata = (name: string): string => {
  const text = files[`./testdata/${name}`];
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return text;
};

function only(text: string): unknown {
  const r = parseYamlDocuments(text);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.documents).toHaveLength(1);
  return r.documents[0].value;
}

function failure(text: string): YamlError {
  const r = parseYamlDocuments(text);
  if (r.ok) throw new Error('expected a parse error');
  return r.error;
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

describe('reference manifests', () => {
  it('the kiamol pod.yaml (CRLF) parses to its Pod', () => {
    expect(only(testdata('kiamol-pod.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'hello-kiamol-3' },
      spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] },
    });
  });

  it('the kiamol deployment.yaml (CRLF) parses to its Deployment', () => {
    expect(only(testdata('kiamol-deployment.yaml'))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'hello-kiamol-4' },
      spec: {
        selector: { matchLabels: { app: 'hello-kiamol-4' } },
        template: {
          metadata: { labels: { app: 'hello-kiamol-4' } },
          spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] },
        },
      },
    });
  });

  it('the kiamol lab pod.yaml parses to the whoami Pod', () => {
    expect(only(testdata('kiamol-lab-pod.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'whoami-1' },
      spec: { containers: [{ name: 'web', image: 'kiamol/ch02-whoami' }] },
    });
  });

  it('the ch06 nginx-pod.yaml reads a sequence that is not indented under its key', () => {
    expect(only(testdata('nginx-pod.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'my-nginx-pod' },
      spec: {
        containers: [{ name: 'my-nginx-container', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      },
    });
  });

  it('the ch06 sidecar pod keeps flow sequences and drops the Korean comment after them', () => {
    expect(only(testdata('nginx-pod-with-ubuntu.yaml'))).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'my-nginx-pod' },
      spec: {
        containers: [
          { name: 'my-nginx-container', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' }] },
          { name: 'ubuntu-sidecar-container', image: 'alicek106/rr-test:curl', command: ['tail'], args: ['-f', '/dev/null'] },
        ],
      },
    });
  });

  it('the tab-indented manifest from seed 003 fails on line 4 as kubectl reports', () => {
    const e = failure(testdata('seed003-tab-indented.yaml'));
    expect(e).toEqual({ message: 'yaml: line 4: found character that cannot start any token', kind: 'yaml', line: 4, column: 1 });
    // kubectl 1.32: `kubectl create -f tab.yaml --dry-run=client`
    expect(kubectlParseError('tab.yaml', e)).toBe(
      'error: error parsing tab.yaml: error converting YAML to JSON: yaml: line 4: found character that cannot start any token',
    );
  });
});

describe('alias expansion', () => {
  it('a billion-laughs document fails fast with the excessive-aliasing message', () => {
    const text = testdata('billion-laughs.yaml');
    const t0 = performance.now();
    const e = failure(text);
    expect(performance.now() - t0).toBeLessThan(100);
    // kubectl 1.32 prints this for the same file.
    expect(kubectlParseError('laughs.yaml', e)).toBe(
      'error: error parsing laughs.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing',
    );
  });

  it('anchors, aliases and merge keys expand, later keys overriding merged ones', () => {
    expect(only('base: &base\n  app: web\n  tier: fe\nlabels:\n  <<: *base\n  tier: be\nlist: [*base]\n')).toEqual({
      base: { app: 'web', tier: 'fe' },
      labels: { app: 'web', tier: 'be' },
      list: [{ app: 'web', tier: 'fe' }],
    });
  });

  it('an alias inside its own anchor is refused', () => {
    expect(failure(CM + 'data: &a [*a]\n').message).toBe("yaml: anchor 'a' value contains itself");
  });

  it('an unknown alias is refused', () => {
    expect(failure(CM + 'data: *nope\n').message).toBe("yaml: unknown anchor 'nope' referenced");
  });
});

describe('documents', () => {
  it('splits on --- lines, skips empty and comment-only documents, and reports start lines', () => {
    const r = parseYamlDocuments('---\n---\n# only comment\n---\na: 1\n--- # next\nb: 2\n---\n');
    expect(r).toEqual({
      ok: true,
      documents: [
        { value: { a: 1 }, startLine: 5, json: '{"a":1}' },
        { value: { b: 2 }, startLine: 7, json: '{"b":2}' },
      ],
    });
  });

  it('a null document is skipped', () => {
    expect(parseYamlDocuments('null\n---\na: 1\n')).toMatchObject({ ok: true, documents: [{ value: { a: 1 } }] });
  });

  it('an error in the second document keeps the first and counts lines from the separator', () => {
    const r = parseYamlDocuments(CM + 'data:\n  x: "1"\n---\n' + CM + 'data:\n  y: [\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.documentIndex).toBe(1);
    expect(r.documentsBefore).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { x: '1' } }]);
    // kubectl 1.32: the line is relative to the document (go-yaml sees one document at a time).
    expect(r.error.message).toBe('yaml: line 6: did not find expected node content');
    expect(r.error.line).toBe(14);
  });

  it('a separator followed by text is refused like kubectl', () => {
    const e = failure('a: 1\n--- foo\nb: 2\n');
    expect(kubectlParseError('sepbad.yaml', e)).toBe('error: error parsing sepbad.yaml: invalid Yaml document separator: foo');
  });

  it('a document end marker hides the rest of its document', () => {
    expect(parseYamlDocuments('a: 1\n...\nb: [\n')).toMatchObject({ ok: true, documents: [{ value: { a: 1 } }] });
  });

  it('a stream starting with { is read as consecutive JSON values', () => {
    const r = parseYamlDocuments('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"j1"}}\n{"kind": "ConfigMap", "n": 1e3}\n');
    expect(r).toEqual({
      ok: true,
      documents: [
        { value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'j1' } }, startLine: 1, json: '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"j1"}}' },
        // 1e3 is not integer text, so Go holds a float64 (GoNumber: a plain 1000 would read as int64).
        { value: { kind: 'ConfigMap', n: GoNumber.float64(1000) }, startLine: 2, json: '{"kind": "ConfigMap", "n": 1e3}' },
      ],
    });
  });

  it('JSON syntax errors carry Go offsets as kubectl prints them', () => {
    // kubectl 1.32 on each file:
    const cases: [string, string][] = [
      [
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}\n{"apiVersion":"v1",,}',
        "error: error parsing f.json: json: offset 84: invalid character ',' looking for beginning of object key string",
      ],
      [
        '{"apiVersion":"v1","kind":"ConfigMap",\n "metadata":{"name":"j1",}}',
        "error: error parsing f.json: json: offset 65: invalid character '}' looking for beginning of object key string",
      ],
      [
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}\n---\napiVersion: v1\n',
        "error: error parsing f.json: json: offset 66: invalid character '-' in numeric literal",
      ],
      ['{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}\n', 'error: error parsing f.json: unexpected EOF'],
    ];
    for (const [text, message] of cases) expect(kubectlParseError('f.json', failure(text))).toBe(message);
  });

  it('yamlToJson reads only the first document', () => {
    expect(yamlToJson('a: 1\n---\nb: 2\n')).toEqual({ ok: true, value: { a: 1 } });
  });
});

describe('YAML 1.1 resolution as go-yaml v2 does it', () => {
  it('resolves booleans, octal, hex, underscores, nulls and keeps timestamps as strings', () => {
    // Values checked against kubectl 1.32 (a CRD default object printed by `label --local -o json`).
    expect(
      only('{a: yes, b: on, c: 0777, d: 0x1F, e: 1_000, g: ~, h: 2001-12-14, i: 1e3, j: 12345678901234567890, k: -0, l: 0o17, m: +12, n: 1.0, o: Yes, p: y, q: NO}'.replace(/^/, 'x: ')),
    ).toEqual({
      x: { a: true, b: true, c: 511, d: 31, e: 1000, false: 1, g: null, h: '2001-12-14', i: 1000, j: 12345678901234567000, k: 0, l: 15, m: 12, o: true, p: true, q: false },
    });
  });

  it('keys that resolve to other types become their string forms, sorted', () => {
    expect(only('b: 1\n1: x\ntrue: y\n1.5: z\na: 2\n')).toEqual({ '1': 'x', '1.5': 'z', a: 2, b: 1, true: true }); // the value y is a YAML 1.1 bool too
    expect(Object.keys(only('b: 1\na: 2\n') as object)).toEqual(['a', 'b']);
  });

  it('quoted scalars and explicit tags stay strings', () => {
    expect(only(`a: "yes"\nb: 'on'\nc: !!str 0777\nd: !!int "12"\ne: !!float 1\n`)).toEqual({ a: 'yes', b: 'on', c: '0777', d: 12, e: 1 });
  });

  it('non-numbers that look numeric stay strings or floats as Go parses them', () => {
    expect(only('a: 0778\nb: 1e400\nc: .5\nd: "-"\ne: 1.2.3\nf: 0b101\n')).toEqual({ a: 778, b: '1e400', c: 0.5, d: '-', e: '1.2.3', f: 5 });
  });

  it('.inf and .nan cannot become JSON', () => {
    expect(kubectlParseError('inf.yaml', failure(CM + 'data: {a: .inf}\n'))).toBe(
      'error: error parsing inf.yaml: error converting YAML to JSON: json: unsupported value: +Inf',
    );
    expect(failure(CM + 'data: [.nan]\n').message).toBe('json: unsupported value: NaN');
  });

  it('duplicate keys keep the last value (YAMLToJSON is not strict)', () => {
    expect(only('metadata:\n  name: a\n  name: b\n')).toEqual({ metadata: { name: 'b' } });
  });
});

describe('scalars', () => {
  it('block scalars, folding, chomping, indentation indicators, escapes and Korean text', () => {
    // Expected data as kubectl 1.32 prints it for testdata/block-scalars.yaml.
    const doc = only(testdata('block-scalars.yaml')) as { data: Record<string, string> };
    expect(doc.data).toEqual({
      dq: 'tab\tq"uAé😀 joined',
      fold: 'one two\nthree\n  more\nend\n',
      ind: ' x\ny\n',
      keep: 'a\n\n',
      ko: '한국어 # 주석 아님',
      lit: 'line1\n  indented\n\nline3\n',
      plain: 'multi line   plain',
      sq: "it's  a folded   line",
      strip: 'a\nb',
      url: 'http://x:80/a#b',
    });
  });

  it('flow collections nest and accept URLs and x:y words', () => {
    expect(only('a: [1, {b: c}, [d], http://x:80/]\nf: {a:1}\n')).toEqual({ a: [1, { b: 'c' }, ['d'], 'http://x:80/'], f: { 'a:1': null } });
  });
});

describe('go-yaml error messages as kubectl 1.32 prints them', () => {
  // Each expected line was produced by `kubectl label --local -f <file> x=y` on the same text.
  const cases: [string, string][] = [
    ['data: &\n', 'yaml: line 5: did not find expected alphabetic or numeric character'],
    ['data:\n  a: `x\n', 'yaml: line 6: found character that cannot start any token'],
    ['data:\n  a: "\\q"\n', 'yaml: line 6: found unknown escape character'],
    ['data: !!bool foo\n', 'yaml: cannot decode !!str `foo` as a !!bool'],
    ['data:\n  a: |0\n   x\n', 'yaml: line 6: found an indentation indicator equal to 0'],
    ['data:\n  a: |\n\tx\n', 'yaml: line 7: found a tab character where an indentation space is expected'],
    ['data:\n  a: b: c\n', 'yaml: line 6: mapping values are not allowed in this context'],
    ['data:\n  -a: 1\n  b\n', "yaml: line 8: could not find expected ':'"],
    ['data: {[a]: 1}\n', 'yaml: invalid map key: []interface {}{"a"}'],
    ['data:\n  <<: [1]\n', 'yaml: map merge requires map or sequence of maps as the value'],
    ['data: [a,', 'yaml: line 5: did not find expected node content'],
    ['data:\n  a: b\n\tc\n', 'yaml: line 7: found a tab character that violates indentation'],
    ['  - a\n', 'yaml: line 4: did not find expected key'],
    ['data: [a, b\n', "yaml: line 5: did not find expected ',' or ']'"],
    ['data: {a: 1\n', "yaml: line 5: did not find expected ',' or '}'"],
    ['data:\n  a: "abc\n', 'yaml: line 7: found unexpected end of stream'],
    ['data: {~: 1}\n', 'unsupported map key of type: %!s(<nil>), key: <nil>, value: 1'],
  ];
  for (const [tail, message] of cases) {
    it(`${JSON.stringify(tail)} → ${message}`, () => {
      expect(failure(CM + tail).message).toBe(message);
    });
  }

  it('errors on the first line carry no line number', () => {
    expect(failure('a: b: c\n').message).toBe('yaml: mapping values are not allowed in this context');
    expect(failure('\tapiVersion: v1\n').message).toBe('yaml: found character that cannot start any token');
    expect(failure('%YAML 1.2\n---\na: 1\n').message).toBe('yaml: found incompatible YAML document');
    expect(failure('[a, b\n').message).toBe("yaml: line 1: did not find expected ',' or ']'");
  });

  it('CRLF files count lines like LF files', () => {
    expect(failure('apiVersion: v1\r\nkind: Pod\r\n\tmetadata: x\r\n').message).toBe(
      'yaml: line 3: found a tab character that violates indentation',
    );
  });

  it('control characters are refused without a line', () => {
    expect(failure('apiVersion: v1\u0001\n').message).toBe('yaml: control characters are not allowed');
  });

  it('huge and deeply nested inputs fail with a clear error instead of hanging', () => {
    expect(failure('a: ' + 'x'.repeat(5 * 1024 * 1024)).message).toMatch(/^input too large/);
    expect(failure('a: ' + '['.repeat(6000) + ']'.repeat(6000) + '\n').message).toMatch(/exceeded max depth/);
  });
});

describe('kubectl object messages', () => {
  it('client-side validation of documents that are not objects or lack kind/apiVersion', () => {
    // kubectl 1.32: `kubectl create -f <file> --dry-run=client`
    const hint = 'if you choose to ignore these errors, turn validation off with --validate=false';
    expect(kubectlObjectErrors.validate('notobj.yaml', ['a', 'b'])).toBe(
      `error: error validating "notobj.yaml": error validating data: invalid object to validate; ${hint}`,
    );
    expect(kubectlObjectErrors.validate('nokind.yaml', { apiVersion: 'v1', metadata: { name: 'x' } })).toBe(
      `error: error validating "nokind.yaml": error validating data: kind not set; ${hint}`,
    );
    expect(kubectlObjectErrors.validate('noapi.yaml', { kind: 'Pod' })).toBe(
      `error: error validating "noapi.yaml": error validating data: apiVersion not set; ${hint}`,
    );
    expect(kubectlObjectErrors.validate('nokindapi.yaml', { metadata: { name: 'x' } })).toBe(
      `error: error validating "nokindapi.yaml": error validating data: [apiVersion not set, kind not set]; ${hint}`,
    );
    expect(kubectlObjectErrors.validate('ok.yaml', { apiVersion: 'v1', kind: '' })).toBeUndefined();
  });

  it('decoding without validation names the missing Kind with the document JSON', () => {
    // kubectl 1.32: `kubectl label --local -f <file> x=y`
    const r = parseYamlDocuments('apiVersion: v1\nmetadata:\n  name: x\n');
    if (!r.ok) throw new Error('parse');
    expect(kubectlObjectErrors.decode('nokind.yaml', r.documents[0].value, r.documents[0].json)).toBe(
      `error: unable to decode "nokind.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`,
    );
    expect(kubectlObjectErrors.decode('notobj.yaml', ['a'])).toBe(
      'error: unable to decode "notobj.yaml": json: cannot unmarshal array into Go value of type unstructured.detector',
    );
    expect(kubectlObjectErrors.decode('str.yaml', 'hello')).toBe(
      'error: unable to decode "str.yaml": json: cannot unmarshal string into Go value of type unstructured.detector',
    );
  });
});

describe('Go number types of manifest values', () => {
  const spec = (text: string) => {
    const r = parseYamlDocuments(text);
    if (!r.ok) throw new Error(r.error.message);
    return { value: (r.documents[0].value as { spec: Record<string, unknown> }).spec, json: r.documents[0].json };
  };

  it('a JSON integer beyond 2^53 keeps its exact int64 digits', () => {
    const { value, json } = spec('{"kind":"W","spec":{"a":9007199254740993,"b":-9223372036854775808,"c":42}}');
    expect(value.a).toEqual(GoNumber.int64(9007199254740993n));
    expect((value.a as GoNumber).text).toBe('9007199254740993');
    expect((value.b as GoNumber).text).toBe('-9223372036854775808');
    expect(value.c).toBe(42);
    expect(json).toBe('{"kind":"W","spec":{"a":9007199254740993,"b":-9223372036854775808,"c":42}}');
  });

  it('a JSON float with an integral value or -0.0 stays a float64, and JSON "-0" is int64 zero', () => {
    const { value } = spec('{"kind":"W","spec":{"e6":1e6,"one":1.0,"nz":-0.0,"nzi":-0,"half":0.5,"huge":1e21,"over":9223372036854775808}}');
    expect(value.e6).toEqual(GoNumber.float64(1e6));
    expect(value.one).toEqual(GoNumber.float64(1));
    expect((value.nz as GoNumber).text).toBe('-0');
    expect(Object.is(value.nzi, 0)).toBe(true);
    // These read back from a plain number with the right Go type already.
    expect(value.half).toBe(0.5);
    expect(value.huge).toBe(1e21);
    expect(value.over).toBe(9223372036854775808);
  });

  it('a YAML int beyond 2^53 is exact, while YAML floats pass json.Marshal and come back as plain numbers', () => {
    const { value, json } = spec('kind: W\nspec:\n  big: 9007199254740993\n  e6: 1e6\n  nz: -0.0\n  hexbig: 0x7fffffffffffffff\n');
    expect((value.big as GoNumber).text).toBe('9007199254740993');
    expect((value.hexbig as GoNumber).text).toBe('9223372036854775807');
    expect(value.e6).toBe(1000000);
    expect(Object.is(value.nz, 0)).toBe(true);
    expect(json).toBe('{"kind":"W","spec":{"big":9007199254740993,"e6":1000000,"hexbig":9223372036854775807,"nz":0}}');
  });
});
