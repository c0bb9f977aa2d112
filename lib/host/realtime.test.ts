import { afterEach, describe, expect, it, vi } from 'vitest';
import { Cluster } from '../cluster/cluster';
import { driveInRealTime, RealClock } from './realtime';
import type { Pod } from '../k8s/types';

afterEach(() => {
  vi.useRealTimers();
});

describe('real-time clusters', () => {
  it('a cluster on the wall clock runs its pods to Running as real time passes, with no advance() calls', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 22, 5, 0, 0) });
    const cluster = new Cluster({ clock: new RealClock() });
    const stop = driveInRealTime(cluster);
    cluster.store.create('pods', 'default', { metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } });
    const phase = () => cluster.store.get<Pod>('pods', 'default', 'web').status?.phase;
    const created = cluster.store.get<Pod>('pods', 'default', 'web').metadata.creationTimestamp;
    expect(created).toBe('2026-11-22T05:00:00Z');

    await vi.advanceTimersByTimeAsync(1_000);
    expect(cluster.store.get<Pod>('pods', 'default', 'web').spec.nodeName).toBe('docker-desktop');
    expect(phase()).toBe('Pending');
    await vi.advanceTimersByTimeAsync(9_000);
    expect(phase()).toBe('Running');
    stop();
  });

  it('advance() refuses to move a real clock', () => {
    const cluster = new Cluster({ clock: new RealClock() });
    expect(() => cluster.advance(1000)).toThrow('advance() needs a virtual clock');
  });
});
