import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { ApiError } from '../k8s/errors';
import type { Deployment, KubeObject, Pod, WatchEvent } from '../k8s/types';

function bare(): Cluster {
  // Only the store and the bootstrap objects: no controller acts behind the test's back.
  return new Cluster({ seed: 7, controllers: [] });
}

function pod(name: string, labels: Record<string, string> = {}, image = 'nginx:1.27'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'web', image }] } };
}

function deployment(name: string, replicas = 1): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

function errorOf(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('store: create', () => {
  it('create assigns a uid, a resourceVersion, a creationTimestamp, the kind and the namespace', () => {
    const c = bare();
    const before = c.store.resourceVersion;
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    expect(p.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(p.metadata.resourceVersion).toBe(String(before + 1));
    expect(p.metadata.creationTimestamp).toBe('2025-03-26T02:43:14Z');
    expect(p.metadata.namespace).toBe('default');
    expect(p.kind).toBe('Pod');
    expect(p.apiVersion).toBe('v1');
    expect(p.metadata).not.toHaveProperty('generation');
  });

  it('generateName gets five characters from the apimachinery alphabet', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', { ...pod(''), metadata: { generateName: 'web-' } });
    expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('creating a pod that exists fails with AlreadyExists as the server words it', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    const e = errorOf(() => c.store.create('pods', 'default', pod('web')));
    expect(e.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web" already exists',
      reason: 'AlreadyExists',
      details: { name: 'web', kind: 'pods' },
      code: 409,
    });
  });

  it('an uppercase pod name is Invalid with the RFC 1123 message', () => {
    const e = errorOf(() => bare().store.create('pods', 'default', pod('Web')));
    expect(e.code).toBe(422);
    expect(e.status.message).toBe(
      `Pod "Web" is invalid: metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
    );
  });

  it('creating in a namespace that does not exist is NotFound for the namespace', () => {
    const e = errorOf(() => bare().store.create('pods', 'nope', pod('web')));
    expect(e.status.message).toBe('namespaces "nope" not found');
    expect(e.code).toBe(404);
  });

  it('a Deployment whose selector does not match its template labels is invalid', () => {
    const d = deployment('d');
    d.spec.template.metadata = { labels: { app: 'other' } };
    const e = errorOf(() => bare().store.create('deployments', 'default', d));
    expect(e.status.message).toContain('Deployment.apps "d" is invalid: ');
    expect(e.status.message).toContain('spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
    expect(e.status.details).toMatchObject({ name: 'd', group: 'apps', kind: 'Deployment' });
  });

  it('dry-run create validates and defaults but stores nothing', () => {
    const c = bare();
    const rv = c.store.resourceVersion;
    const p = c.store.create<Pod>('pods', 'default', pod('web'), { dryRun: true });
    expect(p.spec.restartPolicy).toBe('Always');
    expect(c.store.find('pods', 'default', 'web')).toBeUndefined();
    expect(c.store.resourceVersion).toBe(rv);
  });
});

describe('store: update and patch', () => {
  it('an update with a stale resourceVersion is a 409 Conflict', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    c.store.patch('pods', 'default', 'web', 'application/merge-patch+json', { metadata: { labels: { a: 'b' } } });
    const stale = { ...p, metadata: { ...p.metadata, labels: { x: 'y' } } };
    const e = errorOf(() => c.store.update('pods', 'default', stale));
    expect(e.status.reason).toBe('Conflict');
    expect(e.status.message).toBe('Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again');
  });

  it('a no-op update writes nothing and keeps the resourceVersion', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    const again = c.store.update<Pod>('pods', 'default', p);
    expect(again.metadata.resourceVersion).toBe(p.metadata.resourceVersion);
  });

  it('resourceVersions only grow, across every resource', () => {
    const c = bare();
    const a = Number(c.store.create('pods', 'default', pod('a')).metadata.resourceVersion);
    const b = Number(c.store.create('configmaps', 'default', { metadata: { name: 'cm' }, data: { k: 'v' } }).metadata.resourceVersion);
    const d = Number(c.store.patch('pods', 'default', 'a', 'application/merge-patch+json', { metadata: { labels: { x: '1' } } }).metadata.resourceVersion);
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(d);
  });

  it('a Deployment generation grows with spec changes only', () => {
    const c = bare();
    const d = c.store.create<Deployment>('deployments', 'default', deployment('web'));
    expect(d.metadata.generation).toBe(1);
    const relabelled = c.store.patch<Deployment>('deployments', 'default', 'web', 'application/merge-patch+json', { metadata: { labels: { tier: 'x' } } });
    expect(relabelled.metadata.generation).toBe(1);
    const scaled = c.store.patch<Deployment>('deployments', 'default', 'web', 'application/merge-patch+json', { spec: { replicas: 3 } });
    expect(scaled.metadata.generation).toBe(2);
  });

  it('the status subresource changes status only', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    const next = { ...p, metadata: { ...p.metadata, labels: { sneaky: 'yes' } }, status: { ...p.status, phase: 'Running' as const } };
    const out = c.store.update<Pod>('pods', 'default', next, { subresource: 'status' });
    expect(out.status?.phase).toBe('Running');
    expect(out.metadata.labels).toBeUndefined();
  });

  it('the main endpoint ignores status changes of a pod', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    const next = { ...p, status: { ...p.status, phase: 'Running' as const } };
    expect(c.store.update<Pod>('pods', 'default', next).status?.phase).toBe('Pending');
  });

  it('a strategic merge patch changes one container image by name', () => {
    const c = bare();
    c.store.create('pods', 'default', { ...pod('web'), spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } });
    const out = c.store.patch<Pod>('pods', 'default', 'web', 'application/strategic-merge-patch+json', { spec: { containers: [{ name: 'side', image: 'busybox:1.36' }] } });
    expect(out.spec.containers.map((x) => `${x.name}=${x.image}`)).toEqual(['web=nginx:1.27', 'side=busybox:1.36']);
  });

  it('changing a pod container name is forbidden by pod update validation', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    const e = errorOf(() => c.store.patch('pods', 'default', 'web', 'application/json-patch+json', [{ op: 'replace', path: '/spec/containers/0/name', value: 'x' }]));
    expect(e.code).toBe(422);
    expect(e.status.message).toContain('Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than');
  });

  it('a patch to a missing object is NotFound with the group in the message', () => {
    const e = errorOf(() => bare().store.patch('deployments', 'default', 'nope', 'application/merge-patch+json', {}));
    expect(e.status.message).toBe('deployments.apps "nope" not found');
  });

  it('the scale subresource reads and writes spec.replicas', () => {
    const c = bare();
    c.store.create('deployments', 'default', deployment('web', 2));
    expect(c.store.getScale('deployments', 'default', 'web')).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { replicas: 0, selector: 'app=web' } });
    c.store.patch('deployments', 'default', 'web', 'application/merge-patch+json', { spec: { replicas: 5 } }, { subresource: 'scale' });
    expect(c.store.get<Deployment>('deployments', 'default', 'web').spec.replicas).toBe(5);
  });

  it('binding a pod sets its node and the PodScheduled condition, once', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    const bound = c.store.bind('default', 'web', 'docker-desktop');
    expect(bound.spec.nodeName).toBe('docker-desktop');
    expect(bound.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z' }]);
    const e = errorOf(() => c.store.bind('default', 'web', 'other'));
    expect(e.status.message).toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "docker-desktop"');
  });
});

describe('store: list', () => {
  function labelled(): Cluster {
    const c = bare();
    c.store.create('pods', 'default', pod('a', { app: 'web', tier: 'front' }));
    c.store.create('pods', 'default', pod('b', { app: 'api' }));
    c.store.create('pods', 'default', pod('c', { run: 'c' }));
    return c;
  }
  const names = (c: Cluster, sel: string) => c.store.list('pods', 'default', { labelSelector: sel }).items.map((p) => p.metadata.name);

  it('lists with equality, inequality, set-based and existence label selectors', () => {
    const c = labelled();
    expect(names(c, 'app=web')).toEqual(['a']);
    expect(names(c, 'app==api')).toEqual(['b']);
    expect(names(c, 'app!=web')).toEqual(['b', 'c']);
    expect(names(c, 'app in (web,api)')).toEqual(['a', 'b']);
    expect(names(c, 'app notin (web)')).toEqual(['b', 'c']);
    expect(names(c, 'app')).toEqual(['a', 'b']);
    expect(names(c, '!app')).toEqual(['c']);
    expect(names(c, 'app,tier=front')).toEqual(['a']);
  });

  it('lists by the field selectors the server supports and refuses others', () => {
    const c = labelled();
    c.store.bind('default', 'b', 'docker-desktop');
    expect(c.store.list('pods', 'default', { fieldSelector: 'spec.nodeName=docker-desktop' }).items.map((p) => p.metadata.name)).toEqual(['b']);
    expect(c.store.list('pods', 'default', { fieldSelector: 'metadata.name=c' }).items.map((p) => p.metadata.name)).toEqual(['c']);
    expect(c.store.list('pods', 'default', { fieldSelector: 'status.phase=Pending,metadata.name!=a' }).items.map((p) => p.metadata.name)).toEqual(['b', 'c']);
    const e = errorOf(() => c.store.list('pods', 'default', { fieldSelector: 'spec.image=x' }));
    expect(e.code).toBe(400);
  });

  it('pages with limit and continue in name order', () => {
    const c = labelled();
    const first = c.store.list('pods', 'default', { limit: 2 });
    expect(first.items.map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(first.metadata.remainingItemCount).toBe(1);
    const rest = c.store.list('pods', 'default', { limit: 2, continue: first.metadata.continue });
    expect(rest.items.map((p) => p.metadata.name)).toEqual(['c']);
    expect(rest.metadata.continue).toBeUndefined();
  });

  it('lists across namespaces sorted by namespace then name', () => {
    const c = bare();
    c.store.create('namespaces', undefined, { metadata: { name: 'zeta' } });
    c.store.create('pods', 'zeta', pod('a'));
    c.store.create('pods', 'default', pod('z'));
    expect(c.store.list('pods').items.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual(['default/z', 'zeta/a']);
  });

  it('stored objects cannot be mutated by readers', () => {
    const c = bare();
    const p = c.store.create<Pod>('pods', 'default', pod('web'));
    expect(() => {
      (p.metadata as { name?: string }).name = 'other';
    }).toThrow(TypeError);
  });
});

describe('store: delete', () => {
  it('a scheduled pod is deleted gracefully: Terminating with a deletionTimestamp 30 s ahead', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    c.store.bind('default', 'web', 'docker-desktop');
    const out = c.store.delete('pods', 'default', 'web') as Pod;
    expect(out.metadata.deletionTimestamp).toBe('2025-03-26T02:43:44Z');
    expect(out.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(c.store.find('pods', 'default', 'web')).toBeDefined();
  });

  it('an unscheduled pod is deleted at once', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    c.store.delete('pods', 'default', 'web');
    expect(c.store.find('pods', 'default', 'web')).toBeUndefined();
  });

  it('grace period 0 removes a scheduled pod immediately', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('web'));
    c.store.bind('default', 'web', 'docker-desktop');
    c.store.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(c.store.find('pods', 'default', 'web')).toBeUndefined();
  });

  it('orphan propagation keeps the object with the orphan finalizer until it is removed', () => {
    const c = bare();
    c.store.create('deployments', 'default', deployment('web'));
    const d = c.store.delete('deployments', 'default', 'web', { propagationPolicy: 'Orphan' }) as Deployment;
    expect(d.metadata.finalizers).toEqual(['orphan']);
    expect(d.metadata.deletionTimestamp).toBe('2025-03-26T02:43:14Z');
    c.store.patch('deployments', 'default', 'web', 'application/merge-patch+json', { metadata: { finalizers: null } });
    expect(c.store.find('deployments', 'default', 'web')).toBeUndefined();
  });

  it('a delete returns a Success status for non-pod kinds', () => {
    const c = bare();
    c.store.create('configmaps', 'default', { metadata: { name: 'cm' } });
    expect(c.store.delete('configmaps', 'default', 'cm')).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'cm', kind: 'configmaps' } });
  });

  it('a uid precondition that does not match is a Conflict', () => {
    const c = bare();
    c.store.create('configmaps', 'default', { metadata: { name: 'cm' } });
    const e = errorOf(() => c.store.delete('configmaps', 'default', 'cm', { preconditions: { uid: 'nope' } }));
    expect(e.status.message).toMatch(/^Operation cannot be fulfilled on configmaps "cm": Precondition failed: UID in precondition: nope, UID in object meta: /);
  });

  it('the default namespace may not be deleted', () => {
    const e = errorOf(() => bare().store.delete('namespaces', undefined, 'default'));
    expect(e.status.message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
    expect(e.code).toBe(403);
  });
});

describe('store: watch', () => {
  it('replays every change after the given resourceVersion, then streams new ones', () => {
    const c = bare();
    const rv = c.store.create('pods', 'default', pod('a')).metadata.resourceVersion!;
    c.store.create('pods', 'default', pod('b'));
    c.store.patch('pods', 'default', 'a', 'application/merge-patch+json', { metadata: { labels: { x: '1' } } });
    const seen: string[] = [];
    const w = c.store.watch('pods', 'default', { resourceVersion: rv }, (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name}`));
    c.store.delete('pods', 'default', 'b');
    w.stop();
    c.store.create('pods', 'default', pod('c'));
    expect(seen).toEqual(['ADDED b', 'MODIFIED a', 'DELETED b']);
  });

  it('resourceVersion 0 starts with ADDED for what exists', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('a'));
    const seen: string[] = [];
    c.store.watch('pods', 'default', { resourceVersion: '0' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`)).stop();
    expect(seen).toEqual(['ADDED a']);
  });

  it('a watch with a label selector sees an object leave as DELETED and come back as ADDED', () => {
    const c = bare();
    c.store.create('pods', 'default', pod('a', { app: 'web' }));
    const seen: string[] = [];
    c.store.watch('pods', 'default', { resourceVersion: String(c.store.resourceVersion), labelSelector: 'app=web' }, (e) => seen.push(`${e.type} ${e.object.metadata.name}`));
    c.store.patch('pods', 'default', 'a', 'application/merge-patch+json', { metadata: { labels: { app: 'x' } } });
    c.store.patch('pods', 'default', 'a', 'application/merge-patch+json', { metadata: { labels: { app: 'web' } } });
    expect(seen).toEqual(['DELETED a', 'ADDED a']);
  });

  it('a resourceVersion older than the retained history is 410 Expired', () => {
    const c = new Cluster({ seed: 1, controllers: [], historySize: 10 });
    for (let i = 0; i < 2000; i++) c.store.create('configmaps', 'default', { metadata: { name: `cm-${i}` } });
    const e = errorOf(() => c.store.watch('configmaps', 'default', { resourceVersion: '5' }, () => {}));
    expect(e.code).toBe(410);
    expect(e.status.message).toMatch(/^too old resource version: 5 \(\d+\)$/);
  });

  it('events a watcher causes are delivered after the current one, in order', () => {
    const c = bare();
    const seen: string[] = [];
    c.store.watch('configmaps', 'default', { resourceVersion: String(c.store.resourceVersion) }, (e: WatchEvent<KubeObject>) => {
      seen.push(`${e.type} ${e.object.metadata.name}`);
      if (e.object.metadata.name === 'first') c.store.create('configmaps', 'default', { metadata: { name: 'second' } });
    });
    c.store.create('configmaps', 'default', { metadata: { name: 'first' } });
    expect(seen).toEqual(['ADDED first', 'ADDED second']);
  });
});
