import { describe, expect, it } from 'vitest';
import { clone, cloneSharing, deepFreeze, shared } from './object';

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
