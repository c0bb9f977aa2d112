import { describe, expect, it } from 'vitest';
import { naturalLess, sortByField } from './sort';

describe('--sort-by', () => {
  it('compares strings naturally: digit runs by value, digits before letters', () => {
    expect(naturalLess('pod-9', 'pod-10')).toBe(true);
    expect(naturalLess('pod-10', 'pod-9')).toBe(false);
    expect(naturalLess('a1', 'ab')).toBe(true);
    expect(naturalLess('a01', 'a1')).toBe(false);
    expect(naturalLess('a1', 'a01')).toBe(true);
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
