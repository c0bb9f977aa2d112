import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { ConfigMap, Deployment, KubeObject, OwnerReference, Pod, ReplicaSet } from '../../k8s/types';
import { createNamespaceController } from './namespace';
import { createGarbageCollector } from './gc';
import type { GarbageCollector } from './gc';
import { createEndpointsController } from './endpoints';

function cluster(): Cluster {
  return new Cluster({ seed: 1, controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
}

function ref(owner: KubeObject, block = true): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: block };
}

function deployment(c: Cluster, name = 'web'): Deployment {
  return c.store.create<Deployment>('deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
}

function replicaSet(c: Cluster, name: string, owner?: KubeObject): ReplicaSet {
  return c.store.create<ReplicaSet>('replicasets', 'default', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, labels: { app: 'web' }, ownerReferences: owner ? [ref(owner)] : undefined },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  });
}

/** A pod bound to the node, so deleting it is graceful (there is no kubelet to finish it here). */
function pod(c: Cluster, name: string, owners: OwnerReference[] = []): Pod {
  return c.store.create<Pod>('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: 'web' }, ownerReferences: owners.length ? owners : undefined },
    spec: { nodeName: 'docker-desktop', containers: [{ name: 'web', image: 'nginx:1.27' }] },
  });
}

function configMap(c: Cluster, name: string, owners: OwnerReference[] = []): ConfigMap {
  return c.store.create<ConfigMap>('configmaps', 'default', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, ownerReferences: owners.length ? owners : undefined },
    data: { k: 'v' },
  });
}

function find(c: Cluster, resource: string, name: string): KubeObject | undefined {
  return c.store.find(resource, 'default', name);
}

function forceDelete(c: Cluster, name: string): void {
  c.store.delete('pods', 'default', name, { gracePeriodSeconds: 0 });
}

describe('garbage collector: background deletion', () => {
  it('deleting a ReplicaSet in the background deletes its pods, which show Terminating', () => {
    const c = cluster();
    const rs = replicaSet(c, 'web-7d4b9c8f5');
    pod(c, 'web-7d4b9c8f5-abcde', [ref(rs)]);
    pod(c, 'web-7d4b9c8f5-fghjk', [ref(rs)]);
    c.store.delete('replicasets', 'default', rs.metadata.name!, { propagationPolicy: 'Background' });
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeUndefined();
    expect(find(c, 'pods', 'web-7d4b9c8f5-abcde')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance(c.config.latency.garbageCollector);
    for (const name of ['web-7d4b9c8f5-abcde', 'web-7d4b9c8f5-fghjk']) {
      const p = find(c, 'pods', name) as Pod;
      expect(p.metadata.deletionTimestamp).toBe('2025-03-26T02:43:44Z');
      expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
      // still owned: the reference stays on a pod being collected
      expect(p.metadata.ownerReferences?.[0].uid).toBe(rs.metadata.uid);
    }
  });

  it('deleting a Deployment removes its ReplicaSets, then their pods, one level at a time', () => {
    const c = cluster();
    const d = deployment(c);
    const rs = replicaSet(c, 'web-7d4b9c8f5', d);
    const p = pod(c, 'web-7d4b9c8f5-abcde', [ref(rs)]);
    c.store.delete('deployments', 'default', 'web');
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeUndefined();
    expect(find(c, 'pods', p.metadata.name!)?.metadata.deletionTimestamp).toBeUndefined();
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'pods', p.metadata.name!)?.metadata.deletionTimestamp).toBeDefined();
    forceDelete(c, p.metadata.name!);
    expect(c.objects('pods', 'default')).toEqual([]);
  });

  it('an object whose owners are all gone is deleted; one with an owner left only loses the dangling reference', () => {
    const c = cluster();
    const a = configMap(c, 'owner-a');
    const b = configMap(c, 'owner-b');
    configMap(c, 'only-a', [ref(a)]);
    configMap(c, 'both', [ref(a, false), { ...ref(b, false), controller: false }]);
    c.store.delete('configmaps', 'default', 'owner-a');
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'only-a')).toBeUndefined();
    expect(find(c, 'configmaps', 'both')?.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner-b', uid: b.metadata.uid, controller: false, blockOwnerDeletion: false },
    ]);
  });

  it('an object created with a reference to an owner that does not exist is collected', () => {
    const c = cluster();
    configMap(c, 'stray', [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'gone', uid: '00000000-0000-4000-8000-000000000000' }]);
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'stray')).toBeUndefined();
  });

  it('a reference to a replaced owner (same name, new uid) counts as dangling', () => {
    const c = cluster();
    const first = configMap(c, 'owner');
    configMap(c, 'dep', [ref(first)]);
    c.store.delete('configmaps', 'default', 'owner');
    configMap(c, 'owner');
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'dep')).toBeUndefined();
  });

  it('references to kinds the cluster does not serve are left alone', () => {
    const c = cluster();
    configMap(c, 'dep', [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: '00000000-0000-4000-8000-000000000001' }]);
    c.advance(1000);
    expect(find(c, 'configmaps', 'dep')).toBeDefined();
  });
});

describe('garbage collector: orphan deletion', () => {
  it('orphan deletion keeps the pods and removes their ownerReferences', () => {
    const c = cluster();
    const rs = replicaSet(c, 'web-7d4b9c8f5');
    pod(c, 'web-7d4b9c8f5-abcde', [ref(rs)]);
    pod(c, 'web-7d4b9c8f5-fghjk', [ref(rs)]);
    c.store.delete('replicasets', 'default', rs.metadata.name!, { propagationPolicy: 'Orphan' });
    const held = find(c, 'replicasets', rs.metadata.name!)!;
    expect(held.metadata.finalizers).toEqual(['orphan']);
    expect(held.metadata.deletionTimestamp).toBeDefined();
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeUndefined();
    for (const name of ['web-7d4b9c8f5-abcde', 'web-7d4b9c8f5-fghjk']) {
      const p = find(c, 'pods', name)!;
      expect(p.metadata.deletionTimestamp).toBeUndefined();
      expect(p.metadata.ownerReferences).toBeUndefined();
    }
    c.advance(60_000);
    expect(c.objects('pods', 'default').map((p) => p.metadata.name)).toEqual(['web-7d4b9c8f5-abcde', 'web-7d4b9c8f5-fghjk']);
  });

  it('orphaning keeps references to other owners', () => {
    const c = cluster();
    const a = configMap(c, 'owner-a');
    const b = configMap(c, 'owner-b');
    configMap(c, 'dep', [ref(a), { ...ref(b), controller: false }]);
    c.store.delete('configmaps', 'default', 'owner-a', { propagationPolicy: 'Orphan' });
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'owner-a')).toBeUndefined();
    expect(find(c, 'configmaps', 'dep')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner-b']);
  });
});

describe('garbage collector: foreground deletion', () => {
  it('foreground deletion keeps the owner until its dependents are gone', () => {
    const c = cluster();
    const d = deployment(c);
    const rs = replicaSet(c, 'web-7d4b9c8f5', d);
    pod(c, 'web-7d4b9c8f5-abcde', [ref(rs)]);
    pod(c, 'web-7d4b9c8f5-fghjk', [ref(rs)]);
    c.store.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(find(c, 'deployments', 'web')?.metadata.finalizers).toEqual(['foregroundDeletion']);

    c.advance(c.config.latency.garbageCollector);
    // the ReplicaSet has dependents, so it is deleted in the foreground too
    const rsNow = find(c, 'replicasets', rs.metadata.name!)!;
    expect(rsNow.metadata.deletionTimestamp).toBeDefined();
    expect(rsNow.metadata.finalizers).toEqual(['foregroundDeletion']);

    c.advance(c.config.latency.garbageCollector);
    expect(c.objects<Pod>('pods', 'default').map((p) => p.metadata.deletionGracePeriodSeconds)).toEqual([30, 30]);
    c.advance(10_000);
    expect(find(c, 'deployments', 'web')).toBeDefined();
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeDefined();

    // The kubelet would remove them when their containers stop.
    forceDelete(c, 'web-7d4b9c8f5-abcde');
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeDefined();
    forceDelete(c, 'web-7d4b9c8f5-fghjk');
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'replicasets', rs.metadata.name!)).toBeUndefined();
    expect(find(c, 'deployments', 'web')).toBeDefined();
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'deployments', 'web')).toBeUndefined();
  });

  it('a foreground owner with no dependents goes at once', () => {
    const c = cluster();
    configMap(c, 'lonely');
    c.store.delete('configmaps', 'default', 'lonely', { propagationPolicy: 'Foreground' });
    expect(find(c, 'configmaps', 'lonely')).toBeDefined();
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'lonely')).toBeUndefined();
  });

  it('dependents without blockOwnerDeletion are deleted but do not hold the owner', () => {
    const c = cluster();
    const owner = configMap(c, 'owner');
    pod(c, 'loose', [ref(owner, false)]);
    c.store.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'owner')).toBeUndefined();
    expect(find(c, 'pods', 'loose')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('a dependent that another owner still holds only drops its reference to the waiting owner', () => {
    const c = cluster();
    const a = configMap(c, 'owner-a');
    const b = configMap(c, 'owner-b');
    pod(c, 'shared', [ref(a), { ...ref(b), controller: false }]);
    c.store.delete('configmaps', 'default', 'owner-a', { propagationPolicy: 'Foreground' });
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'pods', 'shared')?.metadata.ownerReferences?.map((r) => r.name)).toEqual(['owner-b']);
    expect(find(c, 'pods', 'shared')?.metadata.deletionTimestamp).toBeUndefined();
    c.advance(c.config.latency.garbageCollector);
    expect(find(c, 'configmaps', 'owner-a')).toBeUndefined();
  });
});

describe('garbage collector: restarts and the graph', () => {
  it('tracks dependents by owner uid from store events', () => {
    const c = cluster();
    const rs = replicaSet(c, 'web-1');
    pod(c, 'web-1-aaaaa', [ref(rs)]);
    pod(c, 'web-1-bbbbb', [ref(rs)]);
    const gc = c.controller<GarbageCollector>('garbage-collector')!;
    expect(gc.dependentsOf(rs.metadata.uid!).sort()).toEqual(['pods/default/web-1-aaaaa', 'pods/default/web-1-bbbbb']);
    const p = find(c, 'pods', 'web-1-aaaaa')!;
    c.store.update('pods', 'default', { ...p, metadata: { ...p.metadata, ownerReferences: [] } });
    expect(gc.dependentsOf(rs.metadata.uid!)).toEqual(['pods/default/web-1-bbbbb']);
  });

  it('after a restore without pending work, the collector finds orphaned dependents by itself', () => {
    const c = cluster();
    const rs = replicaSet(c, 'web-1');
    pod(c, 'web-1-aaaaa', [ref(rs)]);
    const fg = configMap(c, 'fg');
    configMap(c, 'fg-dep', [ref(fg)]);
    c.store.delete('replicasets', 'default', 'web-1');
    c.store.delete('configmaps', 'default', 'fg', { propagationPolicy: 'Foreground' });
    const snap = c.snapshot();
    snap.timers = snap.timers.filter((t) => !t.target.startsWith('garbage-collector'));
    const r = Cluster.restore(snap, { controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
    r.advance(r.config.latency.garbageCollector);
    expect(r.store.get('pods', 'default', 'web-1-aaaaa').metadata.deletionTimestamp).toBeDefined();
    expect(r.store.find('configmaps', 'default', 'fg-dep')).toBeUndefined();
    r.advance(r.config.latency.garbageCollector);
    expect(r.store.find('configmaps', 'default', 'fg')).toBeUndefined();
  });

  it('a snapshot restores without adding or moving pending work, and both copies carry on alike', () => {
    const c = cluster();
    c.store.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'docker-desktop' } });
    c.store.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'study' } });
    c.store.create('services', 'default', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    const d = deployment(c);
    const rs = replicaSet(c, 'web-1', d);
    for (const n of ['web-1-aaaaa', 'web-1-bbbbb', 'web-1-ccccc']) pod(c, n, [ref(rs)]);
    const p = find(c, 'pods', 'web-1-aaaaa') as Pod;
    c.store.update('pods', 'default', { ...p, status: { ...p.status, phase: 'Running', podIP: '10.1.0.7', podIPs: [{ ip: '10.1.0.7' }], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-03-26T02:43:14Z' }] } }, { subresource: 'status' });
    c.advance(100);
    c.store.delete('namespaces', undefined, 'study');
    c.store.delete('deployments', 'default', 'web', { propagationPolicy: 'Foreground' });
    c.advance(c.config.latency.garbageCollector * 2 + 1);
    forceDelete(c, 'web-1-bbbbb');

    const snap = c.snapshot();
    const r = Cluster.restore(JSON.parse(JSON.stringify(snap)), { controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
    const again = r.snapshot();
    expect(again.timers).toEqual(snap.timers);
    expect(again.controllers).toEqual(snap.controllers);
    expect(again.store).toEqual(snap.store);

    for (const x of [c, r]) {
      x.advance(10_000);
      forceDelete(x, 'web-1-aaaaa');
      forceDelete(x, 'web-1-ccccc');
      x.advance(10_000);
    }
    expect(r.snapshot().store).toEqual(c.snapshot().store);
    expect(r.snapshot().timers).toEqual(c.snapshot().timers);
    expect(find(r, 'deployments', 'web')).toBeUndefined();
    expect(r.store.find('namespaces', undefined, 'study')).toBeUndefined();
  });
});
