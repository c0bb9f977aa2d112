import { describe, expect, it } from 'vitest';
import { GoNumber } from '../k8s/patch/gonumber';
import { clone, cloneSharing, deepEqual, deepFreeze, shared } from './object';

describe('object helpers', () => {
  it('cloneSharing keeps the parts taken unchanged from the old version and copies the rest', () => {
    const old = deepFreeze({ spec: { containers: [{ name: 'a' }] }, status: { phase: 'Pending', conditions: [{ type: 'PodScheduled' }] } });
    const next = { ...old, status: { ...old.status, phase: 'Running', extra: undefined } };
    const stored = cloneSharing(next, old);
    expect(stored.spec).toBe(old.spec);
    expect(stored.status.conditions).toBe(old.status.conditions);
    expect(stored.status).not.toBe(next.status);
    expect(stored.status).toEqual({ phase: 'Running', conditions: [{ type: 'PodScheduled' }] });
    expect(Object.keys(stored.status)).toEqual(['phase', 'conditions']);
  });

  it('clone copies everything but the shared constant arrays', () => {
    const constant = shared([{ key: 'k' }]);
    const obj = { a: constant, b: [{ key: 'k' }] };
    const copy = clone(obj);
    expect(copy.a).toBe(constant);
    expect(copy.b).not.toBe(obj.b);
    expect(Object.isFrozen(constant[0])).toBe(true);
  });
});

describe('object helpers meeting GoNumbers from manifests', () => {
  it('clone turns a GoNumber into the plain number a JSON round trip gives, so the store holds plain data', () => {
    const copy = clone({ spec: { replicas: GoNumber.float64(2), limit: GoNumber.int64(9007199254740993n) } });
    expect(copy).toEqual({ spec: { replicas: 2, limit: 9007199254740992 } });
    expect(typeof copy.spec.replicas).toBe('number');
    expect(cloneSharing({ a: GoNumber.float64(-0) }, { a: 1 })).toEqual({ a: -0 });
  });

  it('deepEqual compares a GoNumber with a plain number by value', () => {
    expect(deepEqual({ n: GoNumber.float64(1e6) }, { n: 1000000 })).toBe(true);
    expect(deepEqual({ n: GoNumber.float64(1e6) }, { n: 1 })).toBe(false);
    expect(deepEqual({ n: GoNumber.float64(1e6) }, { n: {} })).toBe(false);
  });
});
