import { describe, expect, it } from 'vitest';
import { GO_NUMBER, GoNumber, goNumbersEqual, isGoNumber, plainNumber } from './gonumber';
import { applyMergePatch, cloneJson, createMergePatch, isJsonObject, jsonEqual, sortJsonKeys } from './merge';
import { applyStrategicMergePatch, createThreeWayStrategicPatch, schemaFor } from './strategic';

const big = GoNumber.int64(9007199254740993n);

describe('GoNumber', () => {
  it('keeps an int64 beyond 2^53 as exact text next to its nearest double', () => {
    expect(big.goType).toBe('int64');
    expect(big.text).toBe('9007199254740993');
    expect(big.value).toBe(9007199254740992);
    expect(String(big)).toBe('9007199254740993');
  });

  it('keeps a float64 -0 as the text encoding/json writes for it', () => {
    const nz = GoNumber.float64(-0);
    expect(nz.text).toBe('-0');
    expect(Object.is(nz.value, -0)).toBe(true);
    expect(GoNumber.float64(1e6).text).toBe('1000000');
  });

  it('behaves as its nearest number for arithmetic and JSON.stringify, and is frozen', () => {
    expect(+GoNumber.float64(1e6) + 1).toBe(1000001);
    expect(JSON.stringify({ a: GoNumber.float64(-0), b: big })).toBe('{"a":0,"b":9007199254740992}');
    expect(Object.isFrozen(big)).toBe(true);
    expect(Object.keys(big).sort()).toEqual(['goType', 'text', 'value']);
  });

  it('carries the registered brand symbol that lib/jsonpath tests for', () => {
    expect((big as unknown as Record<symbol, unknown>)[Symbol.for('podbook.go-number')]).toBe(true);
    expect(GO_NUMBER).toBe(Symbol.for('podbook.go-number'));
    expect(isGoNumber(big)).toBe(true);
    expect(isGoNumber({ goType: 'int64', value: 1, text: '1' })).toBe(false);
  });

  it('compares with plain numbers by value and with another exact int64 by its digits', () => {
    expect(goNumbersEqual(GoNumber.float64(1e6), 1000000)).toBe(true);
    expect(goNumbersEqual(GoNumber.float64(-0), 0)).toBe(true);
    expect(goNumbersEqual(big, GoNumber.int64(9007199254740992n))).toBe(false);
    expect(goNumbersEqual(big, GoNumber.int64(9007199254740993n))).toBe(true);
    expect(goNumbersEqual(big, '9007199254740993')).toBe(false);
    expect(plainNumber(big)).toBe(9007199254740992);
    expect(plainNumber('x')).toBe('x');
  });
});

describe('patch code meeting GoNumbers', () => {
  it('treats a GoNumber as a scalar, not as a JSON object', () => {
    expect(isJsonObject(big)).toBe(false);
    expect(cloneJson({ a: big }).a).toBe(big);
    expect(sortJsonKeys({ b: big, a: 1 })).toEqual({ a: 1, b: big });
    expect(jsonEqual({ a: GoNumber.float64(1) }, { a: 1 })).toBe(true);
    expect(jsonEqual({ a: big }, { a: 9007199254740992 })).toBe(true);
  });

  it('merge patches set a GoNumber as a value and find nothing to change for an equal number', () => {
    expect(applyMergePatch({ spec: { n: 1 } }, { spec: { n: big } })).toEqual({ spec: { n: big } });
    expect(createMergePatch({ spec: { n: 1000000 } }, { spec: { n: GoNumber.float64(1e6) } })).toEqual({});
  });

  it('a three-way strategic patch from a manifest with GoNumbers sends only real changes', () => {
    const schema = schemaFor('Deployment');
    const last = { spec: { replicas: 2, template: { spec: { containers: [{ name: 'c', image: 'a' }] } } } };
    const manifest = { spec: { replicas: GoNumber.float64(3), template: { spec: { containers: [{ name: 'c', image: 'a' }] } } } };
    const r = createThreeWayStrategicPatch(last, manifest, last, schema);
    expect(r).toEqual({ ok: true, value: { spec: { replicas: GoNumber.float64(3) } } });
    const same = createThreeWayStrategicPatch(last, { spec: { ...manifest.spec, replicas: GoNumber.float64(2) } }, last, schema);
    expect(same).toEqual({ ok: true, value: {} });
    const applied = applyStrategicMergePatch(last, { spec: { replicas: big } }, schema);
    expect(applied.ok && (applied.value as { spec: { replicas: unknown } }).spec.replicas).toBe(big);
  });
});
