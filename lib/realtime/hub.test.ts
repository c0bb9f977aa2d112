import { describe, expect, it } from 'vitest';
import { Kernel } from '../runtime/kernel';
import { SimulatedClient } from '../runtime/simulated-client';
import { createCluster } from '../cluster/cluster';
import { KernelHub } from './hub';
import type { HubMessage, HubTimers } from './hub';

/** Timers the test fires by hand. */
function manualTimers(): HubTimers & { pending: { fn: () => void; ms: number }[]; fire(): void } {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    set(fn, ms) {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clear(h) {
      const i = pending.indexOf(h as { fn: () => void; ms: number });
      if (i >= 0) pending.splice(i, 1);
    },
    fire() {
      for (const t of pending.splice(0)) t.fn();
    },
  };
}

const views = (ms: HubMessage[]) => ms.filter((m) => m.event === 'view');

describe('the kernel hub', () => {
  it('sends the current view at once to a new subscriber', () => {
    const hub = new KernelHub({ timers: manualTimers() });
    const k = new Kernel({ seed: 1 });
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ event: 'view', data: { pods: [], deployments: [] } });
  });

  it('gathers a burst of store changes into one view after 100 ms', async () => {
    const timers = manualTimers();
    const hub = new KernelHub({ timers });
    const k = new Kernel({ seed: 1 });
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    got.length = 0;
    await k.run({ type: 'command', id: 'c1', source: 'kubectl create deployment web --image=kiamol/ch02-hello-kiamol --replicas=3' });
    k.cluster!.advance(2000);
    // the run and the controllers made many writes (deployment, replica set, 3 pods, events, statuses) but one timer
    expect(timers.pending).toHaveLength(1);
    expect(timers.pending[0].ms).toBe(100);
    expect(views(got)).toHaveLength(0);
    timers.fire();
    expect(views(got)).toHaveLength(1);
    const v = views(got)[0].data as { deployments: { replicaSets: { pods: unknown[] }[] }[] };
    expect(v.deployments[0].replicaSets[0].pods).toHaveLength(3);
  });

  it('does not send a view equal to the last one', () => {
    const timers = manualTimers();
    const hub = new KernelHub({ timers });
    const k = new Kernel({ seed: 1 });
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    got.length = 0;
    // a write outside the view's objects (a ConfigMap) changes the store but not the view
    k.cluster!.store.create('configmaps', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } });
    expect(timers.pending).toHaveLength(1);
    timers.fire();
    expect(views(got)).toHaveLength(0);
  });

  it('passes kernel events through, and after a restart shows the fresh cluster at once and watches it', async () => {
    const timers = manualTimers();
    const hub = new KernelHub({ timers });
    const k = new Kernel({ seed: 1 });
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    await k.run({ type: 'command', id: 'c1', source: 'kubectl run web --image=nginx' });
    timers.fire();
    expect(got.filter((m) => m.event === 'kernel').map((m) => (m.data as { type: string }).type)).toEqual(['pending', 'output', 'done']);
    expect(views(got).at(-1)!.data.pods.map((p) => p.name)).toEqual(['web']);
    got.length = 0;
    k.restart();
    expect(got.map((m) => m.event)).toEqual(['kernel', 'view']);
    expect(got[0].data).toEqual({ type: 'reset' });
    expect(views(got)[0].data.pods).toEqual([]);
    timers.pending.splice(0);
    await k.run({ type: 'command', id: 'c2', source: 'kubectl run again --image=nginx' });
    timers.fire();
    expect(views(got).at(-1)!.data.pods.map((p) => p.name)).toEqual(['again']);
  });

  it('detaches from the kernel when the last subscriber leaves', async () => {
    const timers = manualTimers();
    const hub = new KernelHub({ timers });
    const k = new Kernel({ seed: 1 });
    const a: HubMessage[] = [];
    const b: HubMessage[] = [];
    const offA = hub.subscribe('k1', k, (m) => a.push(m));
    const offB = hub.subscribe('k1', k, (m) => b.push(m));
    expect(hub.subscribers('k1')).toBe(2);
    offA();
    await k.run({ type: 'command', id: 'c1', source: 'kubectl run web --image=nginx' });
    expect(a).toHaveLength(1);
    expect(b.length).toBeGreaterThan(1);
    offB();
    expect(hub.subscribers('k1')).toBe(0);
    const before = b.length;
    await k.run({ type: 'command', id: 'c2', source: 'kubectl run web2 --image=nginx' });
    timers.fire();
    expect(b).toHaveLength(before);
  });

  it('tells subscribers when the kernel closed and forgets them', () => {
    const hub = new KernelHub({ timers: manualTimers() });
    const k = new Kernel({ seed: 1 });
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    hub.closed('k1', 'expired');
    expect(got.at(-1)).toEqual({ event: 'closed', data: { reason: 'expired' } });
    expect(hub.subscribers('k1')).toBe(0);
  });

  it('keeps sending to the other subscribers when one of them throws', async () => {
    const hub = new KernelHub({ timers: manualTimers() });
    const k = new Kernel({ seed: 1 });
    const good: HubMessage[] = [];
    let calls = 0;
    hub.subscribe('k1', k, () => {
      if (calls++ > 0) throw new Error('stream closed');
    });
    hub.subscribe('k1', k, (m) => good.push(m));
    await k.run({ type: 'command', id: 'c1', source: 'echo hi' });
    expect(good.filter((m) => m.event === 'kernel')).toHaveLength(3);
    expect(hub.subscribers('k1')).toBe(1);
  });

  it('polls a kernel without an in-process cluster (a sandbox) through its client, and soon after each cell', async () => {
    const timers = manualTimers();
    const hub = new KernelHub({ timers, pollMs: 2000 });
    const cluster = createCluster({ seed: 1 });
    // a backend that, like a sandbox, offers only a client
    const k = new Kernel({ backend: () => ({ client: new SimulatedClient(cluster) }) });
    expect(k.cluster).toBeUndefined();
    const got: HubMessage[] = [];
    hub.subscribe('k1', k, (m) => got.push(m));
    await new Promise((r) => setTimeout(r, 0));
    expect(views(got)).toHaveLength(1);
    expect(timers.pending.map((t) => t.ms)).toEqual([2000]);
    await k.run({ type: 'command', id: 'c1', source: 'kubectl run web --image=nginx' });
    // the cell's end brings the poll forward
    expect(timers.pending.map((t) => t.ms)).toEqual([100]);
    timers.fire();
    await new Promise((r) => setTimeout(r, 0));
    expect(views(got).at(-1)!.data.pods.map((p) => p.name)).toEqual(['web']);
    expect(timers.pending.map((t) => t.ms)).toEqual([2000]);
    expect(await hub.viewOf(k)).toMatchObject({ pods: [{ name: 'web', namespace: 'default' }] });
  });
});
