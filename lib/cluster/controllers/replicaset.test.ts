import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { Controller } from '../controller';
import type { ChangeEvent } from '../store';
import { createReplicaSetController } from './replicaset';
import { SYNC_COST_PER_ITEM_MS } from './workqueue';
import type { ReplicaSetController } from './replicaset';
import { rfc3339 } from '../../k8s/duration';
import type { Event, KubeObject, Pod, ReplicaSet } from '../../k8s/types';

// ---------------------------------------------------------------------------------------------
// fixture

const SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;
const SECOND = 1000;
const MINUTE = 60 * SECOND;

function cluster(controllers: Controller[] = [createReplicaSetController()]): Cluster {
  return new Cluster({ seed: 42, controllers });
}

function replicaSet(name: string, replicas: number, opts: { labels?: Record<string, string>; namespace?: string; minReadySeconds?: number } = {}): ReplicaSet {
  const labels = opts.labels ?? { app: name };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: opts.namespace ?? 'default' },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
  if (opts.minReadySeconds) rs.spec.minReadySeconds = opts.minReadySeconds;
  return rs;
}

/** A bare pod (an orphan the ReplicaSet may adopt); `nodeName` makes it a scheduled one. */
function pod(name: string, labels: Record<string, string>, nodeName?: string): Pod {
  const p: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } };
  if (nodeName) p.spec.nodeName = nodeName;
  return p;
}

function pods(c: Cluster, ns = 'default'): Pod[] {
  return c.objects<Pod>('pods', ns);
}

function names(c: Cluster, ns = 'default'): string[] {
  return pods(c, ns).map((p) => p.metadata.name!);
}

function rs(c: Cluster, name: string, ns = 'default'): ReplicaSet {
  return c.store.get<ReplicaSet>('replicasets', ns, name);
}

/** What the kubelet reports for a running container, written through pods/status. */
function setStatus(c: Cluster, name: string, status: { phase: 'Pending' | 'Running'; ready?: boolean; restarts?: number; readySince?: number }, ns = 'default'): Pod {
  const p = c.store.get<Pod>('pods', ns, name);
  const t = rfc3339(status.readySince ?? c.now());
  const ready = status.ready ?? status.phase === 'Running';
  return c.store.update<Pod>(
    'pods',
    ns,
    {
      ...p,
      status: {
        ...p.status,
        phase: status.phase,
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t }],
        containerStatuses: [{ name: 'web', ready, restartCount: status.restarts ?? 0, image: 'docker.io/library/nginx:1.27', imageID: '', started: ready }],
      },
    },
    { subresource: 'status' },
  );
}

function relabel(c: Cluster, name: string, labels: Record<string, string>, ns = 'default'): void {
  c.store.patch('pods', ns, name, 'application/merge-patch+json', { metadata: { labels } });
}

function scale(c: Cluster, name: string, replicas: number, ns = 'default'): void {
  c.store.patch('replicasets', ns, name, 'application/merge-patch+json', { spec: { replicas } });
}

/** `Reason message` of the replicaset-controller's events, oldest first. */
function rsEvents(c: Cluster): string[] {
  return c
    .objects<Event>('events')
    .filter((e) => e.source?.component === 'replicaset-controller')
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => `${e.reason} ${e.message}`)
    .sort((a, b) => eventOrder(c, a) - eventOrder(c, b));
}

// Event names are `<object>.<hex nanos>`, so name order within one object is creation order.
function eventOrder(c: Cluster, line: string): number {
  const evs = c.objects<Event>('events').filter((e) => e.source?.component === 'replicaset-controller');
  const e = evs.find((x) => `${x.reason} ${x.message}` === line)!;
  return parseInt(e.metadata.name!.split('.').pop()!, 16);
}

/** Records the API writes as `VERB resource name` (events excluded). */
function recordWrites(c: Cluster): string[] {
  const log: string[] = [];
  c.store.onChange((e: ChangeEvent) => {
    if (e.resource === 'events') return;
    let verb: string = e.type === 'ADDED' ? 'create' : e.type === 'DELETED' ? 'delete' : 'update';
    if (e.type === 'MODIFIED' && e.old && JSON.stringify({ ...e.old, status: 0, metadata: { ...e.old.metadata, resourceVersion: 0 } }) === JSON.stringify({ ...e.object, status: 0, metadata: { ...e.object.metadata, resourceVersion: 0 } })) verb = 'update-status';
    if (e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp) verb = 'delete(graceful)';
    log.push(`${verb} ${e.resource} ${e.object.metadata.name}`);
  });
  return log;
}

/** Counts syncs that ran (a sync pushed back while the key is still busy does not count). */
function countSyncs(rsc: ReplicaSetController): { n: number } {
  const counter = { n: 0 };
  const inner = rsc as unknown as { sync(key: string): void };
  const sync = inner.sync.bind(rsc);
  inner.sync = (key) => {
    counter.n++;
    sync(key);
  };
  return counter;
}

// ---------------------------------------------------------------------------------------------

describe('ReplicaSet controller: creating pods', () => {
  it('a ReplicaSet of 3 creates 3 pods named <rs>-<5 chars from bcdfghjklmnpqrstvwxz2456789>', () => {
    const c = cluster();
    const created = c.store.create<ReplicaSet>('replicasets', 'default', replicaSet('web', 3));
    c.advance(100);
    const ps = pods(c);
    expect(ps).toHaveLength(3);
    for (const p of ps) {
      expect(p.metadata.name!.slice(0, 4)).toBe('web-');
      expect(p.metadata.name!.slice(4)).toMatch(SUFFIX);
      expect(p.metadata.generateName).toBe('web-');
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
      expect(p.spec.containers[0].image).toBe('nginx:1.27');
    }
    expect(rs(c, 'web').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('each created pod is announced with a SuccessfulCreate event on the ReplicaSet, in creation order', () => {
    const c = cluster();
    const order: string[] = [];
    c.store.onChange((e) => {
      if (e.resource === 'pods' && e.type === 'ADDED') order.push(e.object.metadata.name!);
    });
    c.store.create('replicasets', 'default', replicaSet('web', 3));
    c.advance(100);
    expect(rsEvents(c)).toEqual(order.map((n) => `SuccessfulCreate Created pod: ${n}`));
    const ev = c.objects<Event>('events')[0];
    expect(ev.involvedObject).toMatchObject({ kind: 'ReplicaSet', name: 'web', namespace: 'default', apiVersion: 'apps/v1' });
    expect(ev.source).toEqual({ component: 'replicaset-controller' });
    expect(ev.type).toBe('Normal');
  });

  it('a new ReplicaSet is synced after the controller latency: pods first, then status as observed before and after', () => {
    const c = cluster();
    const writes = recordWrites(c);
    c.store.create('replicasets', 'default', replicaSet('web', 2));
    c.advance(3);
    expect(pods(c)).toHaveLength(0);
    c.advance(1); // latency.replicaset = 4ms
    expect(pods(c)).toHaveLength(2);
    c.advance(100);
    const [p1, p2] = writes.filter((w) => w.startsWith('create pods')).map((w) => w.split(' ')[2]);
    expect(writes).toEqual([
      'create replicasets web',
      `create pods ${p1}`,
      `create pods ${p2}`,
      // the first sync's status counts the pods it saw before creating any
      'update-status replicasets web',
      // the creations, observed, trigger the sync that counts them
      'update-status replicasets web',
    ]);
    expect(rs(c, 'web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, observedGeneration: 1 });
  });

  it('status counts ready pods and, with minReadySeconds, availability once they have been ready long enough', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 2, { minReadySeconds: 10 }));
    c.advance(100);
    const [a, b] = names(c);
    setStatus(c, a, { phase: 'Running' });
    setStatus(c, b, { phase: 'Running', ready: false });
    c.advance(100);
    expect(rs(c, 'web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, observedGeneration: 1 });
    c.advance(9 * SECOND);
    expect(rs(c, 'web').status?.availableReplicas).toBeUndefined();
    // Ready at a whole second T: available once T + 10s is strictly in the past.
    c.advance(1 * SECOND);
    expect(rs(c, 'web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('fullyLabeledReplicas counts only pods carrying every template label', () => {
    const c = cluster();
    const base = replicaSet('web', 2);
    base.spec.template!.metadata!.labels = { app: 'web', tier: 'front' };
    c.store.create('pods', 'default', pod('partial', { app: 'web' }));
    c.store.create('replicasets', 'default', base);
    c.advance(100);
    expect(rs(c, 'web').status).toEqual({ replicas: 2, fullyLabeledReplicas: 1, observedGeneration: 1 });
  });

  it('an RS of 10,000 replicas creates its pods in one sync, and ten thousand pod updates make one sync (plus one for its own status write)', () => {
    const rsc = createReplicaSetController();
    const syncs = countSyncs(rsc);
    const c = cluster([rsc]);
    c.store.create('replicasets', 'default', replicaSet('big', 10_000));
    const started = performance.now();
    c.advance(4);
    expect(syncs.n).toBe(1);
    expect(c.store.count('pods', 'default')).toBe(10_000);
    // the 10,000 ADDED events: one sync; its own status write: one more (updateRS always
    // enqueues), which waits while a sync of 10,000 pods keeps the key busy (SYNC_COST_PER_ITEM_MS)
    const busy = 10_000 * SYNC_COST_PER_ITEM_MS;
    c.advance(100);
    expect(syncs.n).toBe(2);
    expect(rs(c, 'big').status?.replicas).toBe(10_000);
    c.advance(busy);
    expect(syncs.n).toBe(3);
    // every pod becomes Running at the same moment: one sync, not ten thousand
    const t = rfc3339(c.now());
    for (const p of pods(c)) {
      c.store.update('pods', 'default', { ...p, status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] } }, { subresource: 'status', owned: true });
    }
    c.advance(busy);
    expect(syncs.n).toBe(4);
    expect(rs(c, 'big').status).toEqual({ replicas: 10_000, fullyLabeledReplicas: 10_000, readyReplicas: 10_000, availableReplicas: 10_000, observedGeneration: 1 });
    // Most of the time is the store's (admission, 10,000 Event objects); a sync that listed
    // the namespace per pod event would be quadratic and blow this bound.
    expect(performance.now() - started).toBeLessThan(90_000);
  }, 120_000);
});

describe('ReplicaSet controller: adoption and release', () => {
  it('a matching orphan is adopted with a controller ownerReference instead of creating a pod', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('stray', { app: 'web' }));
    const created = c.store.create<ReplicaSet>('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    expect(names(c)).toEqual(['stray']);
    expect(pods(c)[0].metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rsEvents(c)).toEqual([]);
  });

  it('relabelling a pod out of the selector releases it and a replacement is created', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    const [original] = names(c);
    const writes = recordWrites(c);
    relabel(c, original, { app: 'web-x' });
    c.advance(100);
    const released = c.store.get<Pod>('pods', 'default', original);
    expect(released.metadata.labels).toEqual({ app: 'web-x' });
    expect(released.metadata.ownerReferences).toBeUndefined();
    const replacement = names(c).find((n) => n !== original)!;
    expect(replacement).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(writes).toEqual([
      `update pods ${original}`, // the relabel
      `update pods ${original}`, // the release: {"metadata":{"ownerReferences":[{"$patch":"delete","uid":…}],"uid":…}}
      `create pods ${replacement}`,
      'update-status replicasets web', // replicas 0: the sync counts what it claimed before creating
      'update-status replicasets web', // replicas 1
    ]);
    expect(rsEvents(c).slice(-1)).toEqual([`SuccessfulCreate Created pod: ${replacement}`]);
    expect(rs(c, 'web').status?.replicas).toBe(1);
  });

  it('relabelling it back makes the ReplicaSet adopt it and delete the newest ready pod', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    const [original] = names(c);
    setStatus(c, original, { phase: 'Running' });
    c.advance(5 * MINUTE);
    relabel(c, original, { app: 'web-x' });
    c.advance(100);
    const replacement = names(c).find((n) => n !== original)!;
    setStatus(c, replacement, { phase: 'Running' });
    c.advance(30 * SECOND);

    relabel(c, original, { app: 'web' });
    c.advance(100);
    // ready 5 minutes vs 30 seconds: different log2 buckets, so the newer one goes
    expect(names(c)).toEqual([original]);
    expect(c.store.get<Pod>('pods', 'default', original).metadata.ownerReferences?.[0]).toMatchObject({ kind: 'ReplicaSet', name: 'web' });
    expect(rsEvents(c)).toEqual([`SuccessfulCreate Created pod: ${original}`, `SuccessfulCreate Created pod: ${replacement}`, `SuccessfulDelete Deleted pod: ${replacement}`]);
    expect(rs(c, 'web').status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('a pod that is not ready is deleted before a ready one, however new', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    const [original] = names(c);
    c.advance(5 * MINUTE);
    relabel(c, original, { app: 'web-x' });
    c.advance(100);
    const replacement = names(c).find((n) => n !== original)!;
    setStatus(c, replacement, { phase: 'Running' });
    c.advance(SECOND);
    relabel(c, original, { app: 'web' });
    c.advance(100);
    expect(names(c)).toEqual([replacement]);
  });

  it('a ReplicaSet only claims pods of its own namespace', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    c.store.create('pods', 'other', pod('elsewhere', { app: 'web' }));
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    expect(c.store.get<Pod>('pods', 'other', 'elsewhere').metadata.ownerReferences).toBeUndefined();
    expect(names(c)).toHaveLength(1);
    expect(names(c)[0]).toMatch(/^web-/);
  });

  it('a pod controlled by another ReplicaSet is left alone even if the selector matches', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('first', 1, { labels: { app: 'web' } }));
    c.advance(100);
    c.store.create('replicasets', 'default', replicaSet('second', 1, { labels: { app: 'web' } }));
    c.advance(100);
    expect(pods(c).map((p) => p.metadata.ownerReferences![0].name).sort()).toEqual(['first', 'second']);
  });

  it('a terminating orphan is not adopted', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('going', { app: 'web' }, 'docker-desktop'));
    c.store.delete('pods', 'default', 'going');
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    expect(c.store.get<Pod>('pods', 'default', 'going').metadata.ownerReferences).toBeUndefined();
    expect(names(c)).toHaveLength(2);
  });
});

describe('ReplicaSet controller: deleting pods', () => {
  it('deleting a managed pod brings a replacement', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    const [first] = names(c);
    c.store.delete('pods', 'default', first);
    c.advance(100);
    const [second] = names(c);
    expect(second).not.toBe(first);
    expect(second).toMatch(/^web-/);
    expect(rsEvents(c)).toEqual([`SuccessfulCreate Created pod: ${first}`, `SuccessfulCreate Created pod: ${second}`]);
  });

  it('a replacement is created while the deleted pod is still terminating', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('running', { app: 'web' }, 'docker-desktop'));
    setStatus(c, 'running', { phase: 'Running' });
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    c.store.delete('pods', 'default', 'running'); // graceful: 30s
    c.advance(100);
    const all = pods(c);
    expect(all).toHaveLength(2);
    expect(all.find((p) => p.metadata.name === 'running')!.metadata.deletionTimestamp).toBeDefined();
    expect(rs(c, 'web').status?.replicas).toBe(1);
  });

  it('scaling down deletes unscheduled before pending before running pods', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('running', { app: 'web' }, 'docker-desktop'));
    setStatus(c, 'running', { phase: 'Running' });
    c.store.create('pods', 'default', pod('pending', { app: 'web' }, 'docker-desktop'));
    c.store.create('pods', 'default', pod('unscheduled', { app: 'web' }));
    c.store.create('replicasets', 'default', replicaSet('web', 3));
    c.advance(100);
    expect(names(c)).toEqual(['pending', 'running', 'unscheduled']);
    const gone: string[] = [];
    c.store.onChange((e) => {
      if (e.resource === 'pods' && (e.type === 'DELETED' || (e.object.metadata.deletionTimestamp && !e.old?.metadata.deletionTimestamp))) gone.push(e.object.metadata.name!);
    });
    scale(c, 'web', 2);
    c.advance(100);
    scale(c, 'web', 1);
    c.advance(100);
    scale(c, 'web', 0);
    c.advance(100);
    expect(gone).toEqual(['unscheduled', 'pending', 'running']);
    expect(rsEvents(c)).toEqual(['SuccessfulDelete Deleted pod: unscheduled', 'SuccessfulDelete Deleted pod: pending', 'SuccessfulDelete Deleted pod: running']);
    expect(rs(c, 'web').status).toEqual({ replicas: 0, observedGeneration: 4 });
  });

  it('the pod with the lower controller.kubernetes.io/pod-deletion-cost is deleted first', () => {
    const c = cluster();
    const cheap = pod('cheap', { app: 'web' }, 'docker-desktop');
    cheap.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '-5' };
    const dear = pod('dear', { app: 'web' }, 'docker-desktop');
    dear.metadata.annotations = { 'controller.kubernetes.io/pod-deletion-cost': '100' };
    c.store.create('pods', 'default', dear);
    c.store.create('pods', 'default', cheap);
    setStatus(c, 'dear', { phase: 'Running' });
    setStatus(c, 'cheap', { phase: 'Running' });
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    expect(pods(c).filter((p) => !p.metadata.deletionTimestamp).map((p) => p.metadata.name)).toEqual(['dear']);
  });

  it('pods ready within the same power-of-two age bucket go lowest UID first (LogarithmicScaleDown)', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('a', { app: 'web' }, 'docker-desktop'));
    c.store.create('pods', 'default', pod('b', { app: 'web' }, 'docker-desktop'));
    const now = c.now();
    // 100s and 120s ago: floor(log2(1e11 ns)) = floor(log2(1.2e11 ns)) = 36
    setStatus(c, 'a', { phase: 'Running', readySince: now - 120 * SECOND });
    setStatus(c, 'b', { phase: 'Running', readySince: now - 100 * SECOND });
    const uids = Object.fromEntries(pods(c).map((p) => [p.metadata.name, p.metadata.uid!]));
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(1);
    c.advance(10);
    const expectGone = uids.a < uids.b ? 'a' : 'b';
    expect(pods(c).find((p) => p.metadata.deletionTimestamp)?.metadata.name).toBe(expectGone);
  });

  it('pods alike in every ranked respect are deleted in name order, so a restored cluster deletes the same ones', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 4));
    c.advance(100);
    const r = Cluster.restore(c.snapshot(), { controllers: [createReplicaSetController()] });
    scale(c, 'web', 1);
    scale(r, 'web', 1);
    c.advance(100);
    r.advance(100);
    const sorted = [...names(c)];
    expect(rsEvents(c).slice(4)).toEqual(rsEvents(r).slice(4));
    expect(names(r)).toEqual(sorted);
    expect(rsEvents(c).slice(4).map((e) => e.split(': ')[1])).toEqual([...rsEvents(c).slice(4).map((e) => e.split(': ')[1])].sort());
  });

  it('the pod with more container restarts is deleted first when readiness ties', () => {
    const c = cluster();
    c.store.create('pods', 'default', pod('steady', { app: 'web' }, 'docker-desktop'));
    c.store.create('pods', 'default', pod('flaky', { app: 'web' }, 'docker-desktop'));
    const since = c.now() - 10 * SECOND;
    setStatus(c, 'steady', { phase: 'Running', readySince: since });
    setStatus(c, 'flaky', { phase: 'Running', readySince: since, restarts: 3 });
    c.store.create('replicasets', 'default', replicaSet('web', 1));
    c.advance(100);
    expect(pods(c).find((p) => p.metadata.deletionTimestamp)?.metadata.name).toBe('flaky');
  });

  it('a ReplicaSet being deleted (foreground) stops managing its pods', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 2));
    c.advance(100);
    c.store.delete('replicasets', 'default', 'web', { propagationPolicy: 'Foreground' });
    const before = names(c);
    c.store.delete('pods', 'default', before[0]);
    c.advance(100);
    expect(names(c)).toEqual([before[1]]);
  });
});

describe('ReplicaSet controller: work queue and snapshots', () => {
  it('many events for one ReplicaSet within its latency make a single sync', () => {
    const rsc = createReplicaSetController();
    const syncs = countSyncs(rsc);
    const c = cluster([rsc]);
    c.store.create('replicasets', 'default', replicaSet('web', 5));
    c.advance(100);
    const before = syncs.n;
    for (const p of pods(c)) relabel(c, p.metadata.name!, { app: 'web', touched: 'yes' });
    c.advance(100);
    expect(syncs.n - before).toBe(1);
  });

  it('pending syncs and expectations survive a snapshot: the restored cluster creates each pod once', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 3));
    const snap = c.snapshot();
    expect(snap.timers.some((t) => t.target.startsWith('replicaset:') && t.key === 'default/web')).toBe(true);
    const r = Cluster.restore(snap, { controllers: [createReplicaSetController()] });
    r.advance(100);
    expect(pods(r)).toHaveLength(3);
    expect(JSON.parse(JSON.stringify(r.snapshot().controllers.replicaset))).toEqual({ expectations: {}, retries: { busy: {}, failures: {} } });
  });

  it('a restored cluster goes on from where the original was, pod for pod', () => {
    const c = cluster();
    c.store.create('replicasets', 'default', replicaSet('web', 2));
    c.advance(2);
    const r = Cluster.restore(c.snapshot(), { controllers: [createReplicaSetController()] });
    c.advance(100);
    r.advance(100);
    expect(names(r)).toEqual(names(c));
    relabel(c, names(c)[0], { app: 'x' });
    relabel(r, names(r)[0], { app: 'x' });
    c.advance(100);
    r.advance(100);
    expect(names(r)).toEqual(names(c));
    const strip = (o: KubeObject): unknown => o.metadata.ownerReferences;
    expect(pods(r).map(strip)).toEqual(pods(c).map(strip));
  });
});
