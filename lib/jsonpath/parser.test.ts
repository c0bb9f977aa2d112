// Parse-error messages marked "kubectl 1.32" are what kubectl printed after
// "error: error parsing jsonpath <template>, " for the same template.
import { describe, expect, it } from 'vitest';
import { parseTemplate, unquoteExtend, type Node } from './parser';

function nodes(t: string): Node[] {
  const p = parseTemplate(t);
  if (!p.ok) throw new Error(p.error);
  return p.template.root.nodes;
}

function actionNodes(t: string): Node[] {
  const [first] = nodes(t);
  if (first.type !== 'list') throw new Error('not an action');
  return first.nodes;
}

function parseError(t: string): string {
  const p = parseTemplate(t);
  if (p.ok) throw new Error(`${t} parsed`);
  return p.error;
}

describe('template structure', () => {
  it('splits literal text from actions and keeps a stray } as text', () => {
    expect(nodes('a{.b}c}')).toEqual([
      { type: 'text', text: 'a' },
      { type: 'list', nodes: [{ type: 'field', name: 'b' }] },
      { type: 'text', text: 'c}' },
    ]);
  });

  it('keeps the template source for error messages', () => {
    const p = parseTemplate('{.x}');
    expect(p.ok && p.template.source).toBe('{.x}');
  });

  it('skips $, @ and spaces inside an action', () => {
    expect(actionNodes('{ $.a @.b }')).toEqual([
      { type: 'field', name: 'a' },
      { type: 'field', name: 'b' },
    ]);
  });

  it("parses ['a.b'] as two fields, and a backslash keeps a dot in the name", () => {
    expect(actionNodes("{['a.b']}")).toEqual([
      { type: 'field', name: 'a' },
      { type: 'field', name: 'b' },
    ]);
    expect(actionNodes("{['a\\.b']}")).toEqual([{ type: 'field', name: 'a.b' }]);
    expect(actionNodes('{.kubernetes\\.io/name}')).toEqual([{ type: 'field', name: 'kubernetes.io/name' }]);
  });

  it('parses [n] as a slice whose end is derived from the start', () => {
    expect(actionNodes('{[-1]}')).toEqual([
      {
        type: 'array',
        params: [
          { value: -1, known: true, derived: false },
          { value: 0, known: true, derived: true },
          { value: 0, known: false, derived: false },
        ],
      },
    ]);
  });

  it('parses [*] as the full slice and .* as a wildcard', () => {
    expect(actionNodes('{[*]}')).toEqual([
      {
        type: 'array',
        params: [
          { value: 0, known: false, derived: false },
          { value: 0, known: false, derived: false },
          { value: 0, known: false, derived: false },
        ],
      },
    ]);
    expect(actionNodes('{.*}')).toEqual([{ type: 'wildcard' }]);
  });

  it('parses a union into one list per part', () => {
    const [u] = actionNodes("{['x', 'y']}");
    expect(u).toEqual({
      type: 'union',
      nodes: [
        { type: 'list', nodes: [{ type: 'field', name: 'x' }] },
        { type: 'list', nodes: [{ type: 'field', name: 'y' }] },
      ],
    });
  });

  it('parses filters into left, operator and right, and a bare path as an existence test', () => {
    expect(actionNodes('{[?(@.status.phase == "Running")]}')).toEqual([
      {
        type: 'filter',
        left: {
          type: 'list',
          nodes: [
            { type: 'field', name: 'status' },
            { type: 'field', name: 'phase' },
          ],
        },
        operator: '==',
        right: { type: 'list', nodes: [{ type: 'text', text: 'Running' }] },
      },
    ]);
    expect(actionNodes('{[?(@.x)]}')).toEqual([
      { type: 'filter', left: { type: 'list', nodes: [{ type: 'field', name: 'x' }] }, right: { type: 'list', nodes: [] }, operator: 'exists' },
    ]);
  });

  it('parses numbers as int or float literals and true/false as booleans', () => {
    expect(actionNodes('{1 -2 +3 1.5 1. true false}')).toEqual([
      { type: 'int', value: 1 },
      { type: 'int', value: -2 },
      { type: 'int', value: 3 },
      { type: 'float', value: 1.5 },
      { type: 'float', value: 1 },
      { type: 'bool', value: true },
      { type: 'bool', value: false },
    ]);
  });

  it('parses range and end as identifiers and .. as recursive descent', () => {
    expect(nodes('{range .items[*]}{..name}{end}').map((n) => (n.type === 'list' ? n.nodes.map((m) => m.type) : n.type))).toEqual([
      ['identifier', 'field', 'array'],
      ['recursive', 'field'],
      ['identifier'],
    ]);
  });

  it('takes string literals in double or single quotes', () => {
    expect(actionNodes('{"\\n"}')).toEqual([{ type: 'text', text: '\n' }]);
    expect(actionNodes("{'\\t'}")).toEqual([{ type: 'text', text: '\t' }]);
    expect(actionNodes('{"it\'s"}')).toEqual([{ type: 'text', text: "it's" }]);
  });
});

describe('parse errors', () => {
  it('reports client-go messages, as kubectl 1.32 printed them', () => {
    const cases: [string, string][] = [
      ['{.a[}', 'unterminated array'],
      ['{.a', 'unclosed action'],
      ['{.pods[0]', 'unclosed action'],
      ['}{.metadata.name}{', 'unclosed action'],
      ['{!}', "unrecognized character in action: U+0021 '!'"],
      ['{\t.metadata.name}', 'unrecognized character in action: U+0009'],
      ['{😀}', "unrecognized character in action: U+1F600 '😀'"],
      ['{.pods[0].name,phase}', "unrecognized character in action: U+002C ','"],
      ['{.metadata.name}{{.metadata.name}}', "unrecognized character in action: U+007B '{'"],
      ['{..*}', "unrecognized character in action: U+002A '*'"],
      ['{.pods[?(@.name=~"a")].name}', "unrecognized character in action: U+007E '~'"],
      ['{.pods[?(@.name=="a"||@.name=="b")].name}', "unrecognized character in action: U+007C '|'"],
      ['{.pods[?(=1)].name}', "unrecognized character in action: U+003D '='"],
      ['{.pods[?(@.x=="y"]}', 'unterminated filter'],
      ['{.pods[?(@.x=="y")}', 'unclosed array expect ]'],
      ['{.pods[?(@.n==1),0].name}', 'unclosed array expect ]'],
      ['{"abc}', 'unterminated quoted string'],
      ['{"\\\\"}', 'unterminated quoted string'],
      ['{"a\\\'b"}', 'unquote string "a\\\'b" error invalid syntax'],
      ["{'a\\\"b'}", "unquote string 'a\\\"b' error invalid syntax"],
      ['{"a\\\\"b"}', 'unquote string "a\\\\"b" error invalid syntax'],
      ['{"\\q"}', 'unquote string "\\q" error invalid syntax'],
      ['{"\\400"}', 'unquote string "\\400" error invalid syntax'],
      ['{"\\uD800"}', 'unquote string "\\uD800" error invalid syntax'],
      ['{"\\U00110000"}', 'unquote string "\\U00110000" error invalid syntax'],
      ['{.pods[a]}', 'invalid array index a'],
      ['{.metadata["name"]}', 'invalid array index "name"'],
      ['{.pods[ 0 ].name}', 'invalid array index  0 '],
      ['{.pods[1:2:3:4]}', 'invalid array index 1:2:3:4'],
      ['{.pods[-]}', 'array index - is not a number'],
      ['{+}', 'cannot parse number +'],
      ['{1.2.3}', 'cannot parse number 1.2.3'],
      ['{....name}', 'invalid multiple recursive descent'],
    ];
    for (const [t, msg] of cases) expect([t, parseError(t)]).toEqual([t, msg]);
  });

  it('accepts what only fails at execution: unknown identifiers and operators', () => {
    expect(parseTemplate('{3abc}').ok).toBe(true);
    expect(parseTemplate('{.pods[?(@.name<>"a")]}').ok).toBe(true);
    expect(parseTemplate('{end}').ok).toBe(true);
  });
});

describe('unquoteExtend', () => {
  it('decodes Go escapes, including hex and octal bytes that form UTF-8', () => {
    expect(unquoteExtend('"\\x41\\u00e9\\101\\U0001F600"')).toBe('AéA😀');
    expect(unquoteExtend('"\\xc3\\xa9"')).toBe('é');
    expect(unquoteExtend('"\\a\\b\\f\\v\\r"')).toBe('\u0007\b\f\u000b\r');
  });

  it("rejects the other quote's escape and a bare quote", () => {
    expect(unquoteExtend('"\\\'"')).toBeNull();
    expect(unquoteExtend("'\\''")).toBe("'");
    expect(unquoteExtend('"a"b"')).toBeNull();
  });
});
