import { describe, expect, it } from 'vitest';
import { goStringLess, sortByField } from './sort';

describe('--sort-by', () => {
  it('compares strings byte by byte as Go does, so a10 sorts before a9 (real kubectl 1.32.5)', () => {
    expect(goStringLess('a10', 'a9')).toBe(true);
    expect(goStringLess('hello-kiamol-2.x', 'hello-kiamol.x')).toBe(true);
    expect(goStringLess('18ea69f9', '18ea6a00')).toBe(true);
    expect(goStringLess('파드', 'pod')).toBe(false);
    expect(sortByField([{ n: 'a9' }, { n: 'c' }, { n: 'a10' }, { n: 'b2x' }], '.n', (o) => o).map((o) => o.n)).toEqual(['a10', 'a9', 'b2x', 'c']);
  });

  it('sorts quantities by value and numbers numerically', () => {
    const items = [{ q: '1Gi' }, { q: '512Mi' }, { q: '2Gi' }];
    expect(sortByField(items, '.q', (o) => o).map((o) => o.q)).toEqual(['512Mi', '1Gi', '2Gi']);
    expect(sortByField([{ n: 10 }, { n: 9 }], '{.n}', (o) => o).map((o) => o.n)).toEqual([9, 10]);
  });

  it('puts objects without the field first, as kubectl\'s Less does', () => {
    const items = [{ name: 'b', v: 'x' }, { name: 'a' }, { name: 'c', v: 'a' }];
    expect(sortByField(items, '.v', (o) => o).map((o) => o.name)).toEqual(['a', 'c', 'b']);
  });

  it('fails when no object has the field', () => {
    expect(() => sortByField([{ a: 1 }], '.foo', (o) => o)).toThrow('couldn\'t find any field with path "{.foo}" in the list of objects');
  });
});
