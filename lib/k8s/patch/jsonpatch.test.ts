import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodePointerToken, encodePointerToken, MAX_JSON_PATCH_OPERATIONS } from './jsonpatch';
import { cloneJson } from './merge';

const deployment = () => ({
  metadata: { name: 'web', labels: { app: 'web' }, annotations: { 'example.com/team': 'a', 'a~b': 'tilde' } },
  spec: {
    replicas: 1,
    template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', args: ['-g', 'daemon off;'] }] } },
  },
});

const ok = (doc: unknown, ops: unknown) => {
  const r = applyJsonPatch(doc, ops);
  if (!r.ok) throw new Error(`unexpected failure: ${r.error}`);
  return r.value as ReturnType<typeof deployment> & Record<string, unknown>;
};

describe('applyJsonPatch: operations', () => {
  it('replace changes an existing member', () => {
    expect(ok(deployment(), [{ op: 'replace', path: '/spec/replicas', value: 3 }]).spec.replicas).toBe(3);
  });

  it('replace reaches into arrays by index', () => {
    const out = ok(deployment(), [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.28' }]);
    expect(out.spec.template.spec.containers[0]).toEqual({ name: 'web', image: 'nginx:1.28', args: ['-g', 'daemon off;'] });
  });

  it('add with "-" appends to an array', () => {
    const out = ok(deployment(), [{ op: 'add', path: '/spec/template/spec/containers/0/args/-', value: '--x' }]);
    expect(out.spec.template.spec.containers[0].args).toEqual(['-g', 'daemon off;', '--x']);
  });

  it('add at an index inserts before the element there', () => {
    const out = ok({ l: ['a', 'c'] }, [{ op: 'add', path: '/l/1', value: 'b' }]);
    expect(out).toEqual({ l: ['a', 'b', 'c'] });
  });

  it('add at the array length appends', () => {
    expect(ok({ l: ['a'] }, [{ op: 'add', path: '/l/1', value: 'b' }])).toEqual({ l: ['a', 'b'] });
  });

  it('add creates a member and replaces an existing one', () => {
    expect(ok({ a: 1 }, [{ op: 'add', path: '/b', value: { c: [1] } }, { op: 'add', path: '/a', value: 2 }])).toEqual({ a: 2, b: { c: [1] } });
  });

  it('add without a value stores null, as evanphx/json-patch v4 does', () => {
    expect(ok({ a: 1 }, [{ op: 'add', path: '/b' }])).toEqual({ a: 1, b: null });
  });

  it('remove deletes a member and an array element', () => {
    const out = ok(deployment(), [
      { op: 'remove', path: '/metadata/labels/app' },
      { op: 'remove', path: '/spec/template/spec/containers/0/args/0' },
    ]);
    expect(out.metadata.labels).toEqual({});
    expect(out.spec.template.spec.containers[0].args).toEqual(['daemon off;']);
  });

  it('move takes the value away from one place and puts it in another', () => {
    expect(ok({ a: { x: 1 }, b: {} }, [{ op: 'move', from: '/a/x', path: '/b/y' }])).toEqual({ a: {}, b: { y: 1 } });
  });

  it('move within an array sees the array after the removal', () => {
    expect(ok({ l: ['a', 'b', 'c'] }, [{ op: 'move', from: '/l/0', path: '/l/2' }])).toEqual({ l: ['b', 'c', 'a'] });
  });

  it('copy duplicates a value without sharing it', () => {
    const out = ok({ a: { x: [1] } }, [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'add', path: '/b/x/-', value: 2 },
    ]);
    expect(out).toEqual({ a: { x: [1] }, b: { x: [1, 2] } });
  });

  it('a passing test lets the following operations run', () => {
    const out = ok(deployment(), [
      { op: 'test', path: '/spec/replicas', value: 1 },
      { op: 'test', path: '/spec/template/spec/containers/0', value: { args: ['-g', 'daemon off;'], image: 'nginx:1.27', name: 'web' } },
      { op: 'replace', path: '/spec/replicas', value: 2 },
    ]);
    expect(out.spec.replicas).toBe(2);
  });

  it('test with a null value matches a missing member', () => {
    expect(ok({ a: 1 }, [{ op: 'test', path: '/b', value: null }])).toEqual({ a: 1 });
  });

  it('test on the empty path compares the whole document', () => {
    expect(ok({ a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }])).toEqual({ a: 1 });
  });

  it('replace on the empty path replaces the whole document', () => {
    expect(ok({ a: 1 }, [{ op: 'replace', path: '', value: { b: 2 } }])).toEqual({ b: 2 });
  });

  it('operations apply in order, each seeing the result of the one before', () => {
    expect(ok({}, [
      { op: 'add', path: '/a', value: [] },
      { op: 'add', path: '/a/-', value: 1 },
      { op: 'add', path: '/a/0', value: 0 },
      { op: 'replace', path: '/a/1', value: 9 },
    ])).toEqual({ a: [0, 9] });
  });

  it('a negative index counts from the end, as evanphx/json-patch v4 allows', () => {
    expect(ok({ l: ['a', 'b', 'c'] }, [{ op: 'remove', path: '/l/-1' }])).toEqual({ l: ['a', 'b'] });
    expect(ok({ l: ['a', 'b'] }, [{ op: 'replace', path: '/l/-2', value: 'z' }])).toEqual({ l: ['z', 'b'] });
  });

  it('replace of a missing object member adds it, as the apiserver (evanphx/json-patch v4) does', () => {
    expect(ok({ spec: {} }, [{ op: 'replace', path: '/spec/foo', value: 1 }])).toEqual({ spec: { foo: 1 } });
  });

  it('a null body is an empty patch', () => {
    expect(ok({ a: 1 }, null)).toEqual({ a: 1 });
  });

  it('the document passed in is never modified', () => {
    const doc = deployment();
    const before = cloneJson(doc);
    ok(doc, [
      { op: 'remove', path: '/metadata/labels' },
      { op: 'add', path: '/spec/template/spec/containers/0/args/0', value: 'x' },
    ]);
    expect(doc).toEqual(before);
  });
});

describe('applyJsonPatch: JSON pointer escaping', () => {
  it('~1 stands for a slash in a key', () => {
    const out = ok(deployment(), [{ op: 'replace', path: '/metadata/annotations/example.com~1team', value: 'b' }]);
    expect(out.metadata.annotations['example.com/team']).toBe('b');
  });

  it('~0 stands for a tilde in a key', () => {
    const out = ok(deployment(), [{ op: 'remove', path: '/metadata/annotations/a~0b' }]);
    expect(out.metadata.annotations).toEqual({ 'example.com/team': 'a' });
  });

  it('tokens decode ~1 before ~0 per RFC 6901, so ~01 is a literal ~1', () => {
    expect(decodePointerToken('a~01b~1c~0')).toBe('a~1b/c~');
    expect(encodePointerToken('a~1b/c~')).toBe('a~01b~1c~0');
  });
});

describe('applyJsonPatch: failures, worded as evanphx/json-patch v4 words them', () => {
  const fail = (doc: unknown, ops: unknown) => {
    const r = applyJsonPatch(doc, ops);
    if (r.ok) throw new Error('expected a failure');
    return r;
  };

  it('a failed test names the path', () => {
    expect(fail(deployment(), [{ op: 'test', path: '/spec/replicas', value: 2 }])).toEqual({
      ok: false,
      phase: 'apply',
      error: 'testing value /spec/replicas failed: test failed',
    });
  });

  it('adding under a missing parent reports the missing path in quotes', () => {
    expect(fail(deployment(), [{ op: 'add', path: '/spec/foo/bar', value: 1 }]).error).toBe(
      'add operation does not apply: doc is missing path: "/spec/foo/bar": missing value',
    );
  });

  it('replacing under a missing parent reports the missing path', () => {
    expect(fail(deployment(), [{ op: 'replace', path: '/spec/foo/bar', value: 1 }]).error).toBe(
      'replace operation does not apply: doc is missing path: /spec/foo/bar: missing value',
    );
  });

  it('replacing past the end of an array reports the missing key', () => {
    expect(fail(deployment(), [{ op: 'replace', path: '/spec/template/spec/containers/1', value: {} }]).error).toBe(
      'replace operation does not apply: doc is missing key: /spec/template/spec/containers/1: missing value',
    );
  });

  it('removing a missing member names the key', () => {
    expect(fail(deployment(), [{ op: 'remove', path: '/metadata/labels/tier' }]).error).toBe(
      "error in remove for path: '/metadata/labels/tier': Unable to remove nonexistent key: tier: missing value",
    );
  });

  it('removing past the end of an array reports the invalid index', () => {
    expect(fail({ l: [1] }, [{ op: 'remove', path: '/l/1' }]).error).toBe("error in remove for path: '/l/1': Unable to access invalid index: 1: invalid index referenced");
  });

  it('adding beyond the end of an array reports the invalid index', () => {
    expect(fail({ l: [1] }, [{ op: 'add', path: '/l/5', value: 2 }]).error).toBe("error in add for path: '/l/5': Unable to access invalid index: 5: invalid index referenced");
  });

  it('a non-numeric array index is reported with strconv.Atoi\'s words', () => {
    expect(fail({ l: [1] }, [{ op: 'add', path: '/l/x', value: 2 }]).error).toBe(
      `error in add for path: '/l/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    );
  });

  it('a path without a slash has no parent', () => {
    expect(fail({ a: 1 }, [{ op: 'add', path: 'a', value: 2 }]).error).toBe('add operation does not apply: doc is missing path: "a": missing value');
  });

  it('a path through a scalar has no parent', () => {
    expect(fail({ a: 1 }, [{ op: 'add', path: '/a/b', value: 2 }]).error).toBe('add operation does not apply: doc is missing path: "/a/b": missing value');
  });

  it('move from a missing member fails on the removal', () => {
    expect(fail({ a: {} }, [{ op: 'move', from: '/a/x', path: '/b' }]).error).toBe("error in move for path: 'x': Unable to remove nonexistent key: x: missing value");
  });

  it('move to a missing parent reports the destination', () => {
    expect(fail({ a: 1 }, [{ op: 'move', from: '/a', path: '/b/c' }]).error).toBe('move operation does not apply: doc is missing destination path: /b/c: missing value');
  });

  it('copy from a missing parent reports the from path', () => {
    expect(fail({ a: 1 }, [{ op: 'copy', from: '/x/y', path: '/b' }]).error).toBe('copy operation does not apply: doc is missing from path: /x/y: missing value');
  });

  it('an operation without a path says so', () => {
    expect(fail({}, [{ op: 'add', value: 1 }]).error).toBe('add operation failed to decode path: missing value');
    expect(fail({}, [{ op: 'replace', value: 1 }]).error).toBe('replace operation failed to decode path: operation missing path field: missing value');
    expect(fail({}, [{ op: 'move', path: '/a' }]).error).toBe('move operation failed to decode from: operation, missing from field: missing value');
  });

  it('an unknown op is an unexpected kind', () => {
    expect(fail({}, [{ op: 'frobnicate', path: '/a' }]).error).toBe('Unexpected kind: frobnicate');
    expect(fail({}, [{ path: '/a' }]).error).toBe('Unexpected kind: unknown');
  });

  it('a failure part-way leaves the input untouched and reports only the failing operation', () => {
    const doc = { a: 1 };
    expect(fail(doc, [{ op: 'replace', path: '/a', value: 2 }, { op: 'test', path: '/a', value: 1 }]).error).toBe('testing value /a failed: test failed');
    expect(doc).toEqual({ a: 1 });
  });
});

describe('applyJsonPatch: decoding, worded as the apiserver words it', () => {
  it('an object body is not a patch', () => {
    expect(applyJsonPatch({}, { op: 'add', path: '/a', value: 1 })).toEqual({
      ok: false,
      phase: 'decode',
      error: 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp',
    });
  });

  it('an operation that is not an object is rejected', () => {
    expect(applyJsonPatch({}, [1])).toEqual({
      ok: false,
      phase: 'decode',
      error: 'error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp',
    });
  });

  it('a path that is not a string is rejected', () => {
    expect(applyJsonPatch({}, [{ op: 'add', path: 5 }])).toEqual({
      ok: false,
      phase: 'decode',
      error: 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.path of type string',
    });
  });

  it('more than 10000 operations are too large', () => {
    const ops = Array.from({ length: MAX_JSON_PATCH_OPERATIONS + 1 }, () => ({ op: 'test', path: '/a', value: 1 }));
    expect(applyJsonPatch({ a: 1 }, ops)).toEqual({
      ok: false,
      phase: 'too-large',
      error: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });
});
