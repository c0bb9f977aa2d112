import { describe, expect, it } from 'vitest';
import { applyMergePatch, cloneJson, createMergePatch, createThreeWayMergePatch, jsonEqual, sortJsonKeys } from './merge';

describe('applyMergePatch (RFC 7386)', () => {
  // RFC 7386 Appendix A, row by row.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('RFC 7386 example: %j patched with %j gives %j', (target, patch, want) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });

  it('a label patch adds one label and keeps the others', () => {
    const pod = { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web' }] } };
    expect(applyMergePatch(pod, { metadata: { labels: { tier: 'frontend' } } })).toEqual({
      metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } },
      spec: { containers: [{ name: 'web' }] },
    });
  });

  it('a null label value removes the label, as kubectl label key- sends it', () => {
    const pod = { metadata: { name: 'web', labels: { app: 'web', tier: 'frontend' } } };
    expect(applyMergePatch(pod, { metadata: { labels: { tier: null } } })).toEqual({ metadata: { name: 'web', labels: { app: 'web' } } });
  });

  it('a list in the patch replaces the whole list, unlike a strategic merge', () => {
    const pod = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] } };
    expect(applyMergePatch(pod, { spec: { containers: [{ name: 'a', image: 'z' }] } })).toEqual({ spec: { containers: [{ name: 'a', image: 'z' }] } });
  });

  it('the scale patch sets spec.replicas', () => {
    expect(applyMergePatch({ spec: { replicas: 1, paused: false } }, { spec: { replicas: 3 } })).toEqual({ spec: { replicas: 3, paused: false } });
  });

  it('an empty patch changes nothing', () => {
    expect(applyMergePatch({ a: 1, b: { c: 2 } }, {})).toEqual({ a: 1, b: { c: 2 } });
  });

  it('new keys are appended after the existing ones', () => {
    expect(Object.keys(applyMergePatch({ b: 1, a: 2 }, { c: 3, a: 4 }) as object)).toEqual(['b', 'a', 'c']);
  });

  it('neither the target nor the patch is modified', () => {
    const target = { a: { b: 1 }, c: [1] };
    const patch = { a: { b: null, d: { e: null } }, c: [2] };
    const t0 = cloneJson(target);
    const p0 = cloneJson(patch);
    const out = applyMergePatch(target, patch) as { a: object };
    expect(out).toEqual({ a: { d: {} }, c: [2] });
    expect(target).toEqual(t0);
    expect(patch).toEqual(p0);
    expect(out.a).not.toBe(target.a);
  });

  it('a __proto__ member is stored as data, never as the prototype', () => {
    const out = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe('createMergePatch', () => {
  it('a changed field is copied and a removed one becomes null', () => {
    expect(createMergePatch({ a: 1, b: 2, c: 3 }, { a: 1, b: 5 })).toEqual({ b: 5, c: null });
  });

  it('nested objects are diffed member by member', () => {
    const before = { metadata: { labels: { app: 'web', tier: 'db' }, name: 'x' } };
    const after = { metadata: { labels: { app: 'web', env: 'prod' }, name: 'x' } };
    expect(createMergePatch(before, after)).toEqual({ metadata: { labels: { env: 'prod', tier: null } } });
  });

  it('arrays are compared whole and sent whole when they differ', () => {
    expect(createMergePatch({ l: [1, 2], m: [1] }, { l: [1, 2, 3], m: [1] })).toEqual({ l: [1, 2, 3] });
  });

  it('identical documents give an empty patch', () => {
    expect(createMergePatch({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual({});
  });

  it('a value that changes type is replaced', () => {
    expect(createMergePatch({ a: { b: 1 } }, { a: 'x' })).toEqual({ a: 'x' });
  });

  it('keys come out sorted, as Go encodes maps', () => {
    expect(JSON.stringify(createMergePatch({ z: 1, a: 1 }, { z: 2, a: 2, m: { y: 1, b: 1 } }))).toBe('{"a":2,"m":{"b":1,"y":1},"z":2}');
  });

  it('applying the patch to the original gives the modified document', () => {
    const original = { a: 1, b: { c: 2, d: [1] }, e: 'x' };
    const modified = { a: 1, b: { c: 3 }, f: { g: true } };
    expect(applyMergePatch(original, createMergePatch(original, modified))).toEqual(modified);
  });
});

describe('createThreeWayMergePatch', () => {
  const lastApplied = { metadata: { name: 'cm', labels: { a: '1', b: '2' } }, data: { k: 'v' } };

  it('a field dropped from the manifest is deleted, but a field another writer added is kept', () => {
    const modified = { metadata: { name: 'cm', labels: { a: '1' } }, data: { k: 'v' } };
    const current = { metadata: { name: 'cm', labels: { a: '1', b: '2', added: 'by-someone' }, uid: 'u' }, data: { k: 'v' } };
    expect(createThreeWayMergePatch(lastApplied, modified, current)).toEqual({ metadata: { labels: { b: null } } });
  });

  it('a changed value is sent when it differs from the live object', () => {
    const modified = { metadata: { name: 'cm', labels: { a: '1', b: '2' } }, data: { k: 'w' } };
    const current = { metadata: { name: 'cm', labels: { a: '1', b: '2' } }, data: { k: 'v', extra: 'x' } };
    expect(createThreeWayMergePatch(lastApplied, modified, current)).toEqual({ data: { k: 'w' } });
  });

  it('nothing to do gives an empty patch', () => {
    const current = { ...lastApplied, metadata: { ...lastApplied.metadata, uid: 'u', resourceVersion: '5' } };
    expect(createThreeWayMergePatch(lastApplied, lastApplied, current)).toEqual({});
  });

  it('without a last-applied configuration nothing is deleted', () => {
    const modified = { data: { k: 'v' } };
    const current = { data: { k: 'old', other: 'x' } };
    expect(createThreeWayMergePatch(undefined, modified, current)).toEqual({ data: { k: 'v' } });
  });

  it('an explicitly empty object in the manifest is sent as a value', () => {
    expect(createThreeWayMergePatch({}, { data: {} }, { data: { a: 'b' } })).toEqual({});
    expect(createThreeWayMergePatch({}, { data: {} }, {})).toEqual({ data: {} });
  });
});

describe('JSON helpers', () => {
  it('jsonEqual ignores key order and undefined members', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });

  it('sortJsonKeys sorts object keys bytewise at every depth and leaves arrays in order', () => {
    expect(JSON.stringify(sortJsonKeys({ b: [{ z: 1, a: 2 }], A: 1, $x: 0 }))).toBe('{"$x":0,"A":1,"b":[{"a":2,"z":1}]}');
  });
});
