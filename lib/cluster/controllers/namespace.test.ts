import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { ClusterSnapshot } from '../cluster';
import type { ConfigMap, KubeObject, Namespace, Pod, Service } from '../../k8s/types';
import { isApiError } from '../../k8s/errors';
import { createNamespaceController, NAMESPACE_DELETION_GRACE_MS, ROOT_CA_DESCRIPTION } from './namespace';
import type { NamespaceController } from './namespace';
import { createGarbageCollector } from './gc';
import { createEndpointsController } from './endpoints';

const SYSTEM = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

function cluster(): Cluster {
  return new Cluster({ seed: 1, controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
}

function ns(name: string): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

function pod(name: string, extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra } };
}

function names(c: Cluster, resource: string, namespace?: string): string[] {
  return c.objects(resource, namespace).map((o) => o.metadata.name!);
}

function conditions(n: KubeObject): { type: string; status: string; reason: string; message: string }[] {
  const st = n.status as { conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime: string }[] };
  return (st.conditions ?? []).map(({ type, status, reason, message }) => ({ type, status, reason, message }));
}

describe('namespace controller: service accounts and the root CA', () => {
  it('a new cluster has a default service account and kube-root-ca.crt in every namespace', () => {
    const c = cluster();
    expect(names(c, 'namespaces')).toEqual(SYSTEM);
    for (const n of SYSTEM) {
      expect(names(c, 'serviceaccounts', n)).toEqual(['default']);
      expect(names(c, 'configmaps', n)).toEqual(['kube-root-ca.crt']);
    }
  });

  it('kube-root-ca.crt carries the CA bundle and the publisher description', () => {
    const c = cluster();
    const cm = c.store.get<ConfigMap>('configmaps', 'default', 'kube-root-ca.crt');
    expect(cm.metadata.annotations).toEqual({
      'kubernetes.io/description':
        'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.',
    });
    expect(Object.keys(cm.data!)).toEqual(['ca.crt']);
    const pem = cm.data!['ca.crt'];
    expect(pem.startsWith('-----BEGIN CERTIFICATE-----\nMII')).toBe(true);
    expect(pem.endsWith('\n-----END CERTIFICATE-----\n')).toBe(true);
    const body = pem.split('\n').slice(1, -2);
    expect(body.slice(0, -1).every((l) => l.length === 64)).toBe(true);
    expect(body.join('').length).toBeGreaterThan(900);
    expect(body.join('').length).toBeLessThan(1400);
    // kubeadm's CA has the same DER header: 766 bytes, version 3, serial 0, sha256WithRSA, CN=kubernetes
    expect(body[0]).toMatch(/^MIIC\/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl$/);
    expect(body[1].startsWith('cm5ldGVzMB4X')).toBe(true);
  });

  it('every namespace gets the same CA bundle, and the same seed gives the same bundle', () => {
    const a = cluster();
    const b = cluster();
    const caA = a.store.get<ConfigMap>('configmaps', 'kube-system', 'kube-root-ca.crt').data!['ca.crt'];
    expect(a.store.get<ConfigMap>('configmaps', 'default', 'kube-root-ca.crt').data!['ca.crt']).toBe(caA);
    expect(b.store.get<ConfigMap>('configmaps', 'default', 'kube-root-ca.crt').data!['ca.crt']).toBe(caA);
    expect(a.controller<NamespaceController>('namespace')!.rootCA()).toBe(caA);
  });

  it('a created namespace gets its default service account and kube-root-ca.crt a moment later', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    expect(names(c, 'serviceaccounts', 'study')).toEqual([]);
    c.advance(c.config.latency.namespace);
    expect(names(c, 'serviceaccounts', 'study')).toEqual(['default']);
    expect(names(c, 'configmaps', 'study')).toEqual(['kube-root-ca.crt']);
  });

  it('the default service account and kube-root-ca.crt come back after being deleted', () => {
    const c = cluster();
    const oldUid = c.store.get('serviceaccounts', 'default', 'default').metadata.uid;
    c.store.delete('serviceaccounts', 'default', 'default');
    c.store.delete('configmaps', 'default', 'kube-root-ca.crt');
    expect(names(c, 'serviceaccounts', 'default')).toEqual([]);
    c.advance(c.config.latency.namespace);
    expect(c.store.get('serviceaccounts', 'default', 'default').metadata.uid).not.toBe(oldUid);
    expect(names(c, 'configmaps', 'default')).toEqual(['kube-root-ca.crt']);
  });

  it('an edited kube-root-ca.crt is put back by the publisher', () => {
    const c = cluster();
    const cm = c.store.get<ConfigMap>('configmaps', 'default', 'kube-root-ca.crt');
    const ca = cm.data!['ca.crt'];
    c.store.update('configmaps', 'default', { ...cm, data: { 'ca.crt': 'tampered' }, metadata: { ...cm.metadata, annotations: { note: 'mine' } } });
    c.advance(c.config.latency.namespace);
    const after = c.store.get<ConfigMap>('configmaps', 'default', 'kube-root-ca.crt');
    expect(after.data).toEqual({ 'ca.crt': ca });
    expect(after.metadata.annotations).toEqual({ note: 'mine', 'kubernetes.io/description': ROOT_CA_DESCRIPTION });
  });

  it('the system namespaces cannot be deleted', () => {
    const c = cluster();
    for (const n of ['default', 'kube-system', 'kube-public']) {
      try {
        c.store.delete('namespaces', undefined, n);
        throw new Error('expected Forbidden');
      } catch (err) {
        expect(isApiError(err, 'Forbidden')).toBe(true);
        expect((err as Error).message).toBe(`namespaces "${n}" is forbidden: this namespace may not be deleted`);
      }
    }
  });
});

describe('namespace controller: deletion', () => {
  it('deleting a namespace removes everything in it and then the namespace', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    c.advance(c.config.latency.namespace);
    c.store.create('pods', 'study', pod('web')); // never scheduled: deleted at once
    c.store.create<Service>('services', 'study', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    c.store.create<ConfigMap>('configmaps', 'study', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } });
    c.advance(100);
    expect(names(c, 'endpoints', 'study')).toEqual(['web']);
    expect(c.objects('endpointslices', 'study')).toHaveLength(1);

    c.store.delete('namespaces', undefined, 'study');
    const terminating = c.store.get<Namespace>('namespaces', undefined, 'study');
    expect(terminating.status?.phase).toBe('Terminating');
    expect(terminating.spec?.finalizers).toEqual(['kubernetes']);
    // The namespace controller waits its 5s grace period before it starts.
    c.advance(NAMESPACE_DELETION_GRACE_MS - 1);
    expect(names(c, 'configmaps', 'study')).toEqual(['kube-root-ca.crt', 'settings']);
    c.advance(1);
    for (const r of ['pods', 'services', 'configmaps', 'serviceaccounts', 'endpoints', 'endpointslices']) expect(names(c, r, 'study')).toEqual([]);
    expect(c.store.find('namespaces', undefined, 'study')).toBeUndefined();
    // nothing was put back while it went
    c.advance(60_000);
    expect(names(c, 'namespaces')).toEqual(SYSTEM);
    expect(c.objects('serviceaccounts', 'study')).toEqual([]);
  });

  it('a terminating namespace reports the pods still terminating in its conditions and waits for them', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    c.store.create('pods', 'study', pod('web', { nodeName: 'docker-desktop' }));
    c.advance(100);
    const deletedAt = c.now();
    c.store.delete('namespaces', undefined, 'study');
    c.advance(NAMESPACE_DELETION_GRACE_MS);
    const p = c.store.get<Pod>('pods', 'study', 'web');
    expect(p.metadata.deletionTimestamp).toBeDefined();
    expect(p.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(names(c, 'configmaps', 'study')).toEqual([]);
    const n = c.store.get<Namespace>('namespaces', undefined, 'study');
    expect(conditions(n)).toEqual([
      { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
      { type: 'NamespaceDeletionGroupVersionParsingFailure', status: 'False', reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
      { type: 'NamespaceDeletionContentFailure', status: 'False', reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: pods. has 1 resource instances' },
      { type: 'NamespaceFinalizersRemaining', status: 'False', reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
    ]);
    // The kubelet would finish the pod; here it is force-deleted, as `--grace-period=0 --force` does.
    c.advance(2000);
    c.store.delete('pods', 'study', 'web', { gracePeriodSeconds: 0 });
    expect(c.runUntil(() => !c.store.find('namespaces', undefined, 'study'), 60_000)).toBe(true);
    // The first pass requeued itself after 30/2+1 seconds (ResourcesRemainingError{30}), but its
    // own status update brought the namespace back 5s later, and by then the pod was gone.
    expect(c.now() - deletedAt).toBe(2 * NAMESPACE_DELETION_GRACE_MS);
  });

  it('objects held by finalizers are named in NamespaceFinalizersRemaining', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    c.store.create<ConfigMap>('configmaps', 'study', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/keep'] } });
    c.advance(100);
    c.store.delete('namespaces', undefined, 'study');
    c.advance(NAMESPACE_DELETION_GRACE_MS);
    const n = c.store.get<Namespace>('namespaces', undefined, 'study');
    expect(conditions(n).slice(3)).toEqual([
      { type: 'NamespaceContentRemaining', status: 'True', reason: 'SomeResourcesRemain', message: 'Some resources are remaining: configmaps. has 1 resource instances' },
      { type: 'NamespaceFinalizersRemaining', status: 'True', reason: 'SomeFinalizersRemain', message: 'Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances' },
    ]);
    const held = c.store.get<ConfigMap>('configmaps', 'study', 'held');
    c.store.update('configmaps', 'study', { ...held, metadata: { ...held.metadata, finalizers: [] } });
    expect(c.store.find('configmaps', 'study', 'held')).toBeUndefined();
    expect(c.runUntil(() => !c.store.find('namespaces', undefined, 'study'), 60_000)).toBe(true);
  });

  it('nothing new can be created in a terminating namespace, and the controllers do not try', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    c.store.create('pods', 'study', pod('web', { nodeName: 'docker-desktop' }));
    c.advance(100);
    c.store.delete('namespaces', undefined, 'study');
    c.advance(NAMESPACE_DELETION_GRACE_MS);
    try {
      c.store.create<ConfigMap>('configmaps', 'study', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late' } });
      throw new Error('expected Forbidden');
    } catch (err) {
      expect((err as Error).message).toBe('configmaps "late" is forbidden: unable to create new content in namespace study because it is being terminated');
    }
    c.advance(1000);
    expect(names(c, 'serviceaccounts', 'study')).toEqual([]);
    expect(names(c, 'configmaps', 'study')).toEqual([]);
  });

  it('a snapshot taken mid-deletion finishes the deletion after restore', () => {
    const c = cluster();
    c.store.create('namespaces', undefined, ns('study'));
    c.advance(100);
    c.store.delete('namespaces', undefined, 'study');
    const snap: ClusterSnapshot = c.snapshot();
    const r = Cluster.restore(snap, { controllers: [createNamespaceController(), createGarbageCollector(), createEndpointsController()] });
    expect(r.controller<NamespaceController>('namespace')!.rootCA()).toBe(c.controller<NamespaceController>('namespace')!.rootCA());
    r.advance(NAMESPACE_DELETION_GRACE_MS);
    expect(r.store.find('namespaces', undefined, 'study')).toBeUndefined();
    expect(names(r, 'serviceaccounts', 'study')).toEqual([]);
  });
});
