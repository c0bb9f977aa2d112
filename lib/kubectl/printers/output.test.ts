import { describe, expect, it } from 'vitest';
import { parseOutputFormat, printCustomColumns, printName } from './output';

describe('get output formats', () => {
  it('recognises every format get prints', () => {
    expect(parseOutputFormat('').kind).toBe('human');
    expect(parseOutputFormat('wide')).toEqual({ kind: 'human', wide: true });
    expect(parseOutputFormat('yaml').kind).toBe('yaml');
    expect(parseOutputFormat('json').kind).toBe('json');
    expect(parseOutputFormat('name').kind).toBe('name');
    expect(parseOutputFormat('jsonpath={.a}').kind).toBe('jsonpath');
    expect(parseOutputFormat('jsonpath-as-json={.a}')).toMatchObject({ kind: 'jsonpath', asJson: true });
    expect(parseOutputFormat('custom-columns=A:.a').kind).toBe('custom-columns');
    expect(parseOutputFormat('go-template={{.}}')).toEqual({ kind: 'unsupported', format: 'go-template' });
  });

  it('words the custom-columns errors as kubectl does', () => {
    expect(() => parseOutputFormat('custom-columns')).toThrow('custom-columns format specified but no custom columns given');
    expect(() => parseOutputFormat('custom-columns=A')).toThrow('unexpected custom-columns spec: A, expected <header>:<json-path-expr>');
  });

  it('reports a template that does not parse with the template and a newline', () => {
    expect(() => parseOutputFormat('jsonpath={.a[}')).toThrow('error parsing jsonpath {.a[}, unterminated array\n');
  });

  it('prints custom columns with %v values, <none> for missing ones and verbatim headers', () => {
    const list = { items: [{ metadata: { name: 'web', labels: { b: '2', a: '1' } } }, { metadata: { name: 'db' } }] };
    const f = parseOutputFormat('custom-columns=Name:metadata.name,LABELS:.metadata.labels');
    if (f.kind !== 'custom-columns') throw new Error('expected custom-columns');
    expect(printCustomColumns(list, f.columns, false)).toBe('Name   LABELS\nweb    map[a:1 b:2]\ndb     <none>\n');
  });

  it('prints names with the group for non-core kinds', () => {
    expect(printName({ items: [{ kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'web' } }, { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'p' } }] })).toBe(
      'deployment.apps/web\npod/p\n',
    );
  });
});
