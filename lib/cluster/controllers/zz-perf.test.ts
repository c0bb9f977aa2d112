import { it } from 'vitest';
import { Cluster } from '../cluster';
import type { Pod, ReplicaSet } from '../../k8s/types';
import { rfc3339 } from '../../k8s/duration';
import { createNamespaceController } from './namespace';
import { createGarbageCollector } from './gc';
import { createEndpointsController } from './endpoints';

it('perf', () => {
  const c = new Cluster({ seed: 1, controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
  c.store.create('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } });
  c.store.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
  c.store.create('services', 'big', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  const rs = c.store.create<ReplicaSet>('replicasets', 'big', { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'w', image: 'nginx' }] } } } });
  let t = performance.now();
  const N = 10000;
  for (let i = 0; i < N; i++) {
    c.store.create('pods', 'big', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' + i, labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }] }, spec: { nodeName: 'n1', containers: [{ name: 'w', image: 'nginx' }] } });
    if (i % 100 === 0) c.advance(1);
  }
  console.log('create', performance.now() - t); t = performance.now();
  for (let i = 0; i < N; i++) {
    const p = c.store.get<Pod>('pods', 'big', 'p' + i);
    c.store.update('pods', 'big', { ...p, status: { ...p.status, phase: 'Running', podIP: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, podIPs: [{ ip: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}` }], conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(c.now()) }] } }, { subresource: 'status' });
    if (i % 10 === 0) c.advance(3);
  }
  c.advance(100);
  console.log('ready', performance.now() - t, c.store.count('endpointslices', 'big')); t = performance.now();
  c.store.delete('replicasets', 'big', 'web', { propagationPolicy: 'Foreground' });
  c.advance(100);
  console.log('fg delete pass', performance.now() - t); t = performance.now();
  for (let i = 0; i < N; i++) { c.store.delete('pods', 'big', 'p' + i, { gracePeriodSeconds: 0 }); if (i % 10 === 0) c.advance(3); }
  c.advance(100);
  console.log('pods gone', performance.now() - t, !!c.store.find('replicasets', 'big', 'web'), c.store.count('endpointslices', 'big')); t = performance.now();
  c.store.delete('namespaces', undefined, 'big');
  c.advance(20000);
  console.log('ns gone', performance.now() - t, !!c.store.find('namespaces', undefined, 'big'));
}, 120000);
