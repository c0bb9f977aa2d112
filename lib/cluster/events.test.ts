import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { nanoHex } from './events';
import type { Event, Pod } from '../k8s/types';

function podIn(c: Cluster, name: string): Pod {
  return c.store.create<Pod>('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
}

describe('event recorder', () => {
  it('names events <object>.<hex unix nanoseconds>, exactly past 2^53', () => {
    for (const [ms, seq] of [
      [0, 0],
      [1, 999_999],
      [16_777_215, 1],
      [1_742_957_132_604, 12_345],
      [2 ** 53 - 1, 999_999],
    ]) {
      expect(nanoHex(ms, seq)).toBe((BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16));
    }
  });

  it('counts a repeated event on one object, and combines more than ten similar ones', () => {
    const c = new Cluster({ seed: 3 });
    const pod = podIn(c, 'p');
    const src = { component: 'kubelet', host: 'docker-desktop' };
    c.events.record(pod, 'Normal', 'Pulled', 'same', src, { fieldPath: 'spec.containers{c}' });
    c.events.record(pod, 'Normal', 'Pulled', 'same', src, { fieldPath: 'spec.containers{c}' });
    for (let i = 0; i < 12; i++) c.events.record(pod, 'Warning', 'Failed', `message ${i}`, src);
    const events = c.store.list<Event>('events', 'default').items.filter((e) => e.involvedObject.name === 'p');
    const counts = events.map((e) => `${e.reason} ${e.count} ${e.message}`);
    expect(counts).toContain('Pulled 2 same');
    expect(counts.filter((s) => s.startsWith('Failed 1 message'))).toHaveLength(10);
    expect(counts).toContain('Failed 2 (combined from similar events): message 11');
    // events of one source and object share their source
    expect(events[0].source).toEqual({ component: 'kubelet', host: 'docker-desktop' });
  });

  it('saves its state keyed as client-go keys it, and a restored recorder goes on the same way', () => {
    const c = new Cluster({ seed: 3 });
    const pod = podIn(c, 'p');
    const src = { component: 'kubelet', host: 'docker-desktop' };
    for (let i = 0; i < 12; i++) c.events.record(pod, 'Normal', 'Pulled', `m${i}`, src);
    const saved = c.events.save();
    const spamKey = ['kubelet', 'docker-desktop', 'Pod', 'default', 'p', pod.metadata.uid, 'v1'].join('\u0000');
    const aggKey = [spamKey, '', 'Normal', 'Pulled'].join('\u0000');
    expect(Object.keys(saved.spam)).toEqual([spamKey]);
    expect(saved.spam[spamKey].tokens).toBe(13);
    expect(Object.keys(saved.aggregates)).toEqual([aggKey]);
    expect(saved.aggregates[aggKey].messages).toHaveLength(12);
    expect(Object.keys(saved.names)).toEqual([...Array.from({ length: 10 }, (_, i) => `${aggKey}\u0000m${i}`), aggKey]);

    const copy = Cluster.restore(c.snapshot());
    expect(copy.events.save()).toEqual(saved);
    const next = (x: Cluster) => {
      x.events.record(x.store.get<Pod>('pods', 'default', 'p'), 'Normal', 'Pulled', 'm12', src);
      return JSON.stringify([x.events.save(), x.store.list('events', 'default').items]);
    };
    expect(next(copy)).toBe(next(c));
  });
});
