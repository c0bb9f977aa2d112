import { describe, expect, it } from 'vitest';
import { cloneJson } from './merge';
import type { JsonObject } from './merge';
import {
  applyStrategicMergePatch,
  createThreeWayStrategicPatch,
  createTwoWayStrategicPatch,
  goFormatForTests,
  schemaFor,
  schemaFromTypes,
} from './strategic';
import type { PatchSchema } from './strategic';

const podSchema = schemaFor('Pod');
const deploySchema = schemaFor('Deployment');

/** A test schema with one merging list of maps and one of scalars, like upstream's fixtures. */
const listSchema: PatchSchema = (path) => {
  const p = path.join('.');
  if (p === 'mergingList') return { list: true, strategy: 'merge', mergeKey: 'name' };
  if (p === 'mergingIntList') return { list: true, strategy: 'merge' };
  return {};
};

function apply(original: unknown, patch: unknown, schema: PatchSchema = podSchema): JsonObject {
  const r = applyStrategicMergePatch(original, patch, schema);
  if (!r.ok) throw new Error(`unexpected failure: ${r.error}`);
  return r.value;
}

function pod(): JsonObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-abc12',
      namespace: 'default',
      uid: 'POD',
      labels: { app: 'web', 'pod-template-hash': 'abc' },
      finalizers: ['example.com/a'],
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'X', controller: true, blockOwnerDeletion: true },
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'keep', uid: 'Y' },
      ],
    },
    spec: {
      containers: [
        {
          name: 'web',
          image: 'nginx:1.27',
          args: ['-g', 'daemon off;'],
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
          ],
          ports: [
            { containerPort: 80, protocol: 'TCP' },
            { containerPort: 443, protocol: 'TCP' },
          ],
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'cfg', mountPath: '/etc/cfg', readOnly: true },
          ],
        },
        { name: 'sidecar', image: 'busybox' },
      ],
      tolerations: [{ key: 'a', operator: 'Exists' }],
      volumes: [
        { name: 'data', emptyDir: {} },
        { name: 'cfg', configMap: { name: 'cfg' } },
      ],
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Ready', status: 'False' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [{ name: 'web', ready: false, restartCount: 0 }],
    },
  };
}

type AnyPod = ReturnType<typeof pod> & { metadata: JsonObject; spec: { containers: JsonObject[] } & JsonObject; status: JsonObject };

describe('applyStrategicMergePatch: the patches our controllers and kubectl send', () => {
  it('the ReplicaSet release patch removes only that owner reference', () => {
    const out = apply(pod(), { metadata: { ownerReferences: [{ $patch: 'delete', uid: 'X' }], uid: 'POD' } }) as AnyPod;
    expect(out.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'ConfigMap', name: 'keep', uid: 'Y' }]);
    expect(out.metadata.uid).toBe('POD');
    expect(out.spec).toEqual(pod().spec);
  });

  it('the adoption patch adds a controller owner reference in front of the others', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-def', uid: 'Z', controller: true, blockOwnerDeletion: true };
    const out = apply(pod(), { metadata: { ownerReferences: [owner], uid: 'POD' } }) as AnyPod;
    expect((out.metadata.ownerReferences as JsonObject[]).map((r) => r.uid)).toEqual(['Z', 'X', 'Y']);
  });

  it('merging a container by name changes only its image', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'web', image: 'nginx:1.28' }] } }) as AnyPod;
    const expected = pod() as AnyPod;
    expected.spec.containers[0].image = 'nginx:1.28';
    expect(out).toEqual(expected);
  });

  it('env merges by name: a named variable is updated and the others stay', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'web', env: [{ name: 'B', value: '3' }] }] } }) as AnyPod;
    expect(out.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
    ]);
  });

  it('env merges by name: changed and new variables keep the patch order after the live ones before them', () => {
    const out = apply(pod(), {
      spec: {
        containers: [
          {
            name: 'web',
            env: [
              { name: 'B', value: '3' },
              { name: 'C', value: '4' },
            ],
          },
        ],
      },
    }) as AnyPod;
    expect(out.spec.containers[0].env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '3' },
      { name: 'C', value: '4' },
    ]);
  });

  it('a new list item without $setElementOrder goes in front of the live items, as upstream orders it', () => {
    // mergeSortedSlice only puts a server item first when both items are in the live list.
    const out = apply(pod(), { spec: { containers: [{ name: 'web', env: [{ name: 'C', value: '4' }] }] } }) as AnyPod;
    expect((out.spec.containers[0].env as JsonObject[]).map((e) => e.name)).toEqual(['C', 'A', 'B']);
  });

  it('a new container is added to the pod and the existing ones are kept', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'logger', image: 'fluentd' }] } }) as AnyPod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['logger', 'web', 'sidecar']);
    expect(out.spec.containers[0]).toEqual({ name: 'logger', image: 'fluentd' });
  });

  it('volumeMounts merge by mountPath', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'web', volumeMounts: [{ name: 'cfg2', mountPath: '/etc/cfg' }] }] } }) as AnyPod;
    expect(out.spec.containers[0].volumeMounts).toEqual([
      { name: 'data', mountPath: '/data' },
      { name: 'cfg2', mountPath: '/etc/cfg', readOnly: true },
    ]);
  });

  it('ports merge by containerPort', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'web', ports: [{ containerPort: 443, name: 'https' }] }] } }) as AnyPod;
    expect(out.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: 'TCP' },
      { containerPort: 443, protocol: 'TCP', name: 'https' },
    ]);
  });

  it('volumes merge by name', () => {
    const out = apply(pod(), { spec: { volumes: [{ name: 'data', emptyDir: { medium: 'Memory' } }] } }) as AnyPod;
    expect(out.spec.volumes).toEqual([
      { name: 'data', emptyDir: { medium: 'Memory' } },
      { name: 'cfg', configMap: { name: 'cfg' } },
    ]);
  });

  it('a volume with $retainKeys switches its source, dropping the old one', () => {
    const out = apply(pod(), { spec: { volumes: [{ name: 'data', $retainKeys: ['hostPath', 'name'], hostPath: { path: '/srv' } }] } }) as AnyPod;
    expect((out.spec.volumes as JsonObject[])[0]).toEqual({ name: 'data', hostPath: { path: '/srv' } });
  });

  it('status conditions merge by type', () => {
    const out = apply(pod(), { status: { conditions: [{ type: 'Ready', status: 'True' }] } }) as AnyPod;
    expect(out.status.conditions).toEqual([
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('tolerations are atomic: the patch list replaces the live one', () => {
    const out = apply(pod(), { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } }) as AnyPod;
    expect(out.spec.tolerations).toEqual([{ key: 'b', operator: 'Exists' }]);
  });

  it('args are atomic: the patch list replaces the live one', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'web', args: ['-v'] }] } }) as AnyPod;
    expect(out.spec.containers[0].args).toEqual(['-v']);
  });

  it('containerStatuses are atomic', () => {
    const out = apply(pod(), { status: { containerStatuses: [{ name: 'web', ready: true, restartCount: 0 }] } }) as AnyPod;
    expect(out.status.containerStatuses).toEqual([{ name: 'web', ready: true, restartCount: 0 }]);
  });

  it('a null deletes a map key and the other keys stay', () => {
    const out = apply(pod(), { metadata: { labels: { app: null, tier: 'fe' } } }) as AnyPod;
    expect(out.metadata.labels).toEqual({ 'pod-template-hash': 'abc', tier: 'fe' });
  });

  it('a null for a key that is not there changes nothing', () => {
    expect(apply(pod(), { metadata: { annotations: null } })).toEqual(pod());
  });

  it('nulls inside a value the object did not have are dropped', () => {
    const out = apply(pod(), { metadata: { annotations: { a: '1', b: null } } }) as AnyPod;
    expect(out.metadata.annotations).toEqual({ a: '1' });
  });

  it('finalizers merge as a set, new ones first', () => {
    const out = apply(pod(), { metadata: { finalizers: ['example.com/b', 'example.com/a'] } }) as AnyPod;
    expect(out.metadata.finalizers).toEqual(['example.com/b', 'example.com/a']);
    const out2 = apply(pod(), { metadata: { finalizers: ['example.com/c'] } }) as AnyPod;
    expect(out2.metadata.finalizers).toEqual(['example.com/c', 'example.com/a']);
  });

  it('$deleteFromPrimitiveList removes finalizers', () => {
    const base = pod() as AnyPod;
    base.metadata.finalizers = ['a', 'b', 'c', 'b'];
    const out = apply(base, { metadata: { '$deleteFromPrimitiveList/finalizers': ['b', 'x'] } }) as AnyPod;
    expect(out.metadata.finalizers).toEqual(['a', 'c']);
  });

  it('the patch and the original are not modified', () => {
    const original = pod();
    const patch = { metadata: { labels: { app: null }, ownerReferences: [{ $patch: 'delete', uid: 'X' }] }, spec: { containers: [{ name: 'web', image: 'x' }] } };
    const p0 = cloneJson(patch);
    apply(original, patch);
    expect(original).toEqual(pod());
    expect(patch).toEqual(p0);
  });
});

describe('applyStrategicMergePatch: directives', () => {
  it('$patch: replace in a map replaces the map', () => {
    const out = apply(pod(), { metadata: { labels: { $patch: 'replace', only: 'this' } } }) as AnyPod;
    expect(out.metadata.labels).toEqual({ only: 'this' });
  });

  it('$patch: delete in a map empties it', () => {
    const out = apply(pod(), { metadata: { labels: { $patch: 'delete' } } }) as AnyPod;
    expect(out.metadata.labels).toEqual({});
  });

  it('$patch: replace as a list element replaces the list with the other elements', () => {
    const out = apply(pod(), { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } }) as AnyPod;
    expect(out.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });

  it('$patch: delete as a list element removes the item with that merge key', () => {
    const out = apply(pod(), { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } }) as AnyPod;
    expect(out.spec.containers.map((c) => c.name)).toEqual(['web']);
  });

  it('$setElementOrder reorders the merged list', () => {
    const out = apply(pod(), {
      spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'web' }], containers: [{ name: 'web', image: 'nginx:1.28' }] },
    }) as AnyPod;
    expect(out.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['sidecar', 'busybox'],
      ['web', 'nginx:1.28'],
    ]);
  });

  it('$setElementOrder with new, kept and live-only items follows upstream (merge lists of maps)', () => {
    const original = { mergingList: [{ name: '1', other: 'a' }, { name: '2', value: '2', other: 'b' }] };
    const patch = {
      '$setElementOrder/mergingList': [{ name: '4' }, { name: '1' }, { name: '2' }, { name: '3' }],
      mergingList: [{ name: '4', value: '4' }, { name: '3', value: '3' }],
    };
    expect(apply(original, patch, listSchema)).toEqual({
      mergingList: [{ name: '4', value: '4' }, { name: '1', other: 'a' }, { name: '2', value: '2', other: 'b' }, { name: '3', value: '3' }],
    });
  });

  it('an item added and one deleted keep server-only items in their live place (upstream fixture)', () => {
    const original = { mergingList: [{ name: '1' }, { name: '2', other: 'b' }, { name: '4', other: 'c' }] };
    const patch = {
      '$setElementOrder/mergingList': [{ name: '2' }, { name: '3' }],
      mergingList: [{ name: '3' }, { name: '1', $patch: 'delete' }],
    };
    expect(apply(original, patch, listSchema)).toEqual({ mergingList: [{ name: '2', other: 'b' }, { name: '4', other: 'c' }, { name: '3' }] });
  });

  it('$setElementOrder with $deleteFromPrimitiveList deletes a scalar and keeps server-only ones (upstream fixture)', () => {
    const patch = { '$setElementOrder/mergingIntList': [1, 2], '$deleteFromPrimitiveList/mergingIntList': [3] };
    expect(apply({ mergingIntList: [1, 2, 3, 4] }, patch, listSchema)).toEqual({ mergingIntList: [1, 2, 4] });
  });

  it('$retainKeys clears the fields of the deployment strategy that are not listed', () => {
    const d = { spec: { replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } } };
    const out = apply(d, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, deploySchema);
    expect(out).toEqual({ spec: { replicas: 1, strategy: { type: 'Recreate' } } });
  });

  it('a merge into a list the object does not have yet drops the directive elements', () => {
    const out = apply({ metadata: { name: 'x' } }, { metadata: { ownerReferences: [{ uid: 'A', name: 'a' }, { uid: 'B', $patch: 'delete' }] } });
    expect(out).toEqual({ metadata: { name: 'x', ownerReferences: [{ uid: 'A', name: 'a' }] } });
  });

  it('directive keys never reach the stored object', () => {
    const out = apply(pod(), {
      spec: { containers: [{ name: 'new', image: 'x', '$setElementOrder/env': [{ name: 'E' }], env: [{ name: 'E', value: 'e' }] }] },
    }) as AnyPod;
    expect(out.spec.containers[0]).toEqual({ name: 'new', image: 'x', env: [{ name: 'E', value: 'e' }] });
  });
});

describe('applyStrategicMergePatch: per-kind schemas', () => {
  it('a deployment merges its pod template containers by name', () => {
    const d = {
      spec: { replicas: 1, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'a:1', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'b:1' }] } } },
    };
    const out = apply(d, { spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', image: 'a:2' }] } } } }, deploySchema);
    expect(out).toEqual({
      spec: { replicas: 2, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'a:2', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'b:1' }] } } },
    });
  });

  it('a replica set merges its pod template containers by name too', () => {
    const rs = { spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '1' }] } } } };
    expect(apply(rs, { spec: { template: { spec: { containers: [{ name: 'b', image: '2' }] } } } }, schemaFor('ReplicaSet'))).toEqual({
      spec: { template: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b', image: '2' }] } } },
    });
  });

  it('service ports merge by port', () => {
    const svc = { spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }, { port: 443, targetPort: 8443, protocol: 'TCP' }] } };
    expect(apply(svc, { spec: { ports: [{ port: 80, nodePort: 30080 }] } }, schemaFor('Service'))).toEqual({
      spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }, { port: 443, targetPort: 8443, protocol: 'TCP' }] },
    });
  });

  it('endpoints subsets are atomic', () => {
    const ep = { subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] };
    expect(apply(ep, { subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] }, schemaFor('Endpoints'))).toEqual({ subsets: [{ addresses: [{ ip: '10.0.0.2' }] }] });
  });

  it('node addresses and conditions merge by type', () => {
    const node = { status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1' }], conditions: [{ type: 'Ready', status: 'False' }] } };
    expect(apply(node, { status: { addresses: [{ type: 'Hostname', address: 'n1.local' }], conditions: [{ type: 'Ready', status: 'True' }] } }, schemaFor('Node'))).toEqual({
      status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }, { type: 'Hostname', address: 'n1.local' }], conditions: [{ type: 'Ready', status: 'True' }] },
    });
  });

  it('a kind without a schema replaces lists and merges maps', () => {
    const obj = { metadata: { labels: { a: '1' }, finalizers: ['x'] }, spec: { containers: [{ name: 'a', image: '1' }, { name: 'b' }] } };
    expect(apply(obj, { metadata: { labels: { b: '2' }, finalizers: ['y'] }, spec: { containers: [{ name: 'a', image: '2' }] } }, schemaFor('Widget'))).toEqual({
      metadata: { labels: { a: '1', b: '2' }, finalizers: ['y', 'x'] },
      spec: { containers: [{ name: 'a', image: '2' }] },
    });
  });
});

describe('schemaFor', () => {
  it('knows the merge keys and strategies of the pod spec', () => {
    const s = schemaFor('Pod');
    expect(s(['spec', 'containers'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(s(['spec', 'initContainers'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(s(['spec', 'ephemeralContainers'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(s(['spec', 'containers', 'ports'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'containerPort' });
    expect(s(['spec', 'containers', 'env'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(s(['spec', 'containers', 'volumeMounts'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'mountPath' });
    expect(s(['spec', 'initContainers', 'volumeDevices'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'devicePath' });
    expect(s(['spec', 'volumes'])).toEqual({ list: true, strategy: 'merge,retainKeys', mergeKey: 'name' });
    expect(s(['spec', 'imagePullSecrets'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(s(['spec', 'hostAliases'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'ip' });
    expect(s(['spec', 'topologySpreadConstraints'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'topologyKey' });
    expect(s(['spec', 'tolerations'])).toEqual({ list: true });
    expect(s(['spec', 'containers', 'args'])).toEqual({ list: true });
    expect(s(['spec', 'containers', 'command'])).toEqual({ list: true });
    expect(s(['status', 'conditions'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'type' });
    expect(s(['status', 'containerStatuses'])).toEqual({ list: true });
    expect(s(['metadata', 'ownerReferences'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'uid' });
    expect(s(['metadata', 'finalizers'])).toEqual({ list: true, strategy: 'merge' });
  });

  it('reaches the pod spec through a deployment or replica set template', () => {
    expect(schemaFor('Deployment')(['spec', 'template', 'spec', 'containers', 'env'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(schemaFor('ReplicaSet')(['spec', 'template', 'metadata', 'finalizers'])).toEqual({ list: true, strategy: 'merge' });
    expect(schemaFor('Deployment')(['spec', 'strategy'])).toEqual({ strategy: 'retainKeys' });
    expect(schemaFor('Deployment')(['status', 'conditions'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'type' });
  });

  it('knows the service, service account and endpoints lists', () => {
    expect(schemaFor('Service')(['spec', 'ports'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'port' });
    expect(schemaFor('ServiceAccount')(['secrets'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'name' });
    expect(schemaFor('ServiceAccount')(['imagePullSecrets'])).toEqual({ list: true });
    expect(schemaFor('Endpoints')(['subsets'])).toEqual({ list: true });
  });

  it('answers {} for unknown paths, and for inner type names used as kinds', () => {
    expect(schemaFor('Pod')(['spec', 'nosuch'])).toEqual({});
    expect(schemaFor('Pod')(['metadata', 'labels', 'app'])).toEqual({});
    expect(schemaFor('PodSpec')(['containers'])).toEqual({});
    expect(schemaFor('Widget')(['metadata', 'ownerReferences'])).toEqual({ list: true, strategy: 'merge', mergeKey: 'uid' });
  });

  it('builds a schema from a custom type table', () => {
    const s = schemaFromTypes('Root', { Root: { items: { list: true, strategy: 'merge', mergeKey: 'id', type: 'Item' } }, Item: { tags: { list: true, strategy: 'merge' } } });
    expect(s(['items', 'tags'])).toEqual({ list: true, strategy: 'merge' });
  });
});

describe('applyStrategicMergePatch: failures, answered as the apiserver answers them', () => {
  const fail = (original: unknown, patch: unknown, schema: PatchSchema = podSchema) => {
    const r = applyStrategicMergePatch(original, patch, schema);
    if (r.ok) throw new Error('expected a failure');
    return r;
  };

  it('a merging list item without its merge key is a plain error (500)', () => {
    expect(fail(pod(), { spec: { containers: [{ image: 'nginx' }] } })).toEqual({
      ok: false,
      code: 500,
      reason: '',
      error: 'map: map[image:nginx] does not contain declared merge key: name',
    });
  });

  it('a delete directive without the merge key names the map', () => {
    expect(fail(pod(), { metadata: { ownerReferences: [{ $patch: 'delete', name: 'web-abc' }] } }).error).toBe(
      'map: map[$patch:delete name:web-abc] does not contain declared merge key: uid',
    );
  });

  it('$patch: merge in a list is not supported', () => {
    expect(fail(pod(), { spec: { containers: [{ $patch: 'merge' }] } }).error).toBe('merging lists cannot yet be specified in the patch');
  });

  it('an unknown $patch value in a map is reported with the map', () => {
    expect(fail(pod(), { metadata: { labels: { $patch: 'frob', a: 'b' } } }).error).toBe('unknown patch type: frob in map: map[$patch:frob a:b]');
  });

  it('a $retainKeys list missing a patched field is a bad request', () => {
    expect(fail({ spec: { strategy: { type: 'RollingUpdate' } } }, { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deploySchema)).toEqual({
      ok: false,
      code: 400,
      reason: 'BadRequest',
      error: 'invalid patch format of retainKeys',
    });
  });

  it('a malformed $deleteFromPrimitiveList key is a bad request', () => {
    expect(fail(pod(), { metadata: { $deleteFromPrimitiveListfinalizers: ['a'] } })).toEqual({
      ok: false,
      code: 400,
      reason: 'BadRequest',
      error: 'invalid patch format of primitive list',
    });
  });

  it('a $setElementOrder that contradicts the patch list is reported with both lists', () => {
    expect(fail({ mergingList: [{ name: 'a' }, { name: 'b' }] }, { '$setElementOrder/mergingList': [{ name: 'a' }, { name: 'b' }], mergingList: [{ name: 'b' }, { name: 'a' }] }, listSchema).error).toBe(
      'The order in patch list:\n[map[name:b] map[name:a]]\n doesn\'t match $setElementOrder list:\n[map[name:a] map[name:b]]\n',
    );
  });

  it('a list of lists is unprocessable, with the generic 422 message', () => {
    expect(fail({ metadata: { finalizers: [] } }, { metadata: { finalizers: [['x']] } })).toEqual({
      ok: false,
      code: 422,
      reason: 'Invalid',
      error: 'the server rejected our request due to an error in our request',
      detail: 'lists of lists are not supported',
    });
  });

  it('a patch body that is not an object fails to decode', () => {
    expect(fail(pod(), [1, 2])).toEqual({ ok: false, code: 400, reason: 'BadRequest', error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' });
    expect(fail(pod(), 'x').error).toBe('json: cannot unmarshal string into Go value of type map[string]interface {}');
  });

  it('a null body changes nothing', () => {
    expect(applyStrategicMergePatch(pod(), null, podSchema)).toEqual({ ok: true, value: pod() });
  });

  it('Go values are printed the way fmt prints them', () => {
    expect(goFormatForTests({ b: [1, 'x', null, true], a: { c: 1.5 } })).toBe('map[a:map[c:1.5] b:[1 x <nil> true]]');
  });
});

// ---------------------------------------------------------------------------------------------
// Client side

function deploymentManifest(image: string, replicas: number): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ image, name: 'api' }] } },
    },
  };
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** What kubectl apply does to a manifest before diffing: it records the manifest in an annotation. */
function withLastApplied(manifest: JsonObject): JsonObject {
  const m = cloneJson(manifest) as JsonObject & { metadata: JsonObject };
  const recorded = cloneJson(manifest) as JsonObject & { metadata: JsonObject };
  recorded.metadata = { annotations: {}, ...recorded.metadata };
  m.metadata.annotations = { [LAST_APPLIED]: `${JSON.stringify(recorded)}\n` };
  return m;
}

/** The live object as the apiserver returns it after `kubectl apply` created it. */
function liveDeployment(manifest: JsonObject): JsonObject {
  const m = withLastApplied(manifest) as { metadata: JsonObject; spec: { template: { spec: { containers: JsonObject[] } } & JsonObject } & JsonObject };
  return {
    ...m,
    metadata: { ...m.metadata, annotations: { ...(m.metadata.annotations as JsonObject), 'deployment.kubernetes.io/revision': '1' }, uid: 'u-1', resourceVersion: '100', generation: 1 },
    spec: {
      ...m.spec,
      progressDeadlineSeconds: 600,
      revisionHistoryLimit: 10,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        ...m.spec.template,
        spec: {
          ...m.spec.template.spec,
          containers: m.spec.template.spec.containers.map((c) => ({ ...c, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' })),
          restartPolicy: 'Always',
        },
      },
    },
    status: { replicas: 1, readyReplicas: 1 },
  };
}

describe('createThreeWayStrategicPatch (kubectl apply)', () => {
  it('changing a deployment image and replicas gives the patch real kubectl sends (§1.7)', () => {
    const v1 = deploymentManifest('nginx:1.27', 1);
    const v2 = deploymentManifest('nginx:1.28', 2);
    const r = createThreeWayStrategicPatch(v1, withLastApplied(v2), liveDeployment(v1), deploySchema);
    if (!r.ok) throw new Error(r.error);
    const annotation = (withLastApplied(v2).metadata as JsonObject & { annotations: Record<string, string> }).annotations[LAST_APPLIED];
    expect(JSON.stringify(r.value)).toBe(
      `{"metadata":{"annotations":{${JSON.stringify(LAST_APPLIED)}:${JSON.stringify(annotation)}}},` +
        '"spec":{"replicas":2,"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"image":"nginx:1.28","name":"api"}]}}}}',
    );
  });

  it('without the annotation, the image and replicas change is exactly the §1.7 body', () => {
    const r = createThreeWayStrategicPatch(deploymentManifest('nginx:1.27', 1), deploymentManifest('nginx:1.28', 2), liveDeployment(deploymentManifest('nginx:1.27', 1)), deploySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe(
      '{"spec":{"replicas":2,"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"image":"nginx:1.28","name":"api"}]}}}}',
    );
  });

  it('applying the computed patch on the server gives the new image and replicas and keeps server fields', () => {
    const v1 = deploymentManifest('nginx:1.27', 1);
    const live = liveDeployment(v1);
    const r = createThreeWayStrategicPatch(v1, deploymentManifest('nginx:1.28', 2), live, deploySchema);
    if (!r.ok) throw new Error(r.error);
    const out = apply(live, r.value, deploySchema) as { spec: { replicas: number; template: { spec: { containers: JsonObject[] } } } };
    expect(out.spec.replicas).toBe(2);
    expect(out.spec.template.spec.containers).toEqual([{ image: 'nginx:1.28', name: 'api', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log' }]);
  });

  it('applying the same manifest again gives an empty patch', () => {
    const v1 = deploymentManifest('nginx:1.27', 1);
    expect(createThreeWayStrategicPatch(withLastApplied(v1), withLastApplied(v1), liveDeployment(v1), deploySchema)).toEqual({ ok: true, value: {} });
  });

  it('a field removed from the manifest is deleted with null, and fields only the server set are left alone', () => {
    const v1 = deploymentManifest('nginx:1.27', 1) as { spec: JsonObject };
    v1.spec.minReadySeconds = 5;
    const v2 = deploymentManifest('nginx:1.27', 1);
    const r = createThreeWayStrategicPatch(v1, v2, liveDeployment(v1), deploySchema);
    expect(r).toEqual({ ok: true, value: { spec: { minReadySeconds: null } } });
  });

  it('a container removed from the manifest is deleted by name with the new order', () => {
    const two = deploymentManifest('a:1', 1) as { spec: { template: { spec: { containers: JsonObject[] } } } };
    two.spec.template.spec.containers.push({ image: 'b:1', name: 'side' });
    const one = deploymentManifest('a:1', 1);
    const r = createThreeWayStrategicPatch(two, one, liveDeployment(two as JsonObject), deploySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"$patch":"delete","name":"side"}]}}}}',
    );
  });

  it('an env var removed from the manifest is deleted inside its container', () => {
    const withEnv = (env: JsonObject[]) => {
      const m = deploymentManifest('a:1', 1) as { spec: { template: { spec: { containers: JsonObject[] } } } };
      m.spec.template.spec.containers[0].env = env;
      return m as JsonObject;
    };
    const before = withEnv([{ name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    const after = withEnv([{ name: 'A', value: '1' }]);
    const r = createThreeWayStrategicPatch(before, after, liveDeployment(before), deploySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"$setElementOrder/env":[{"name":"A"}],"env":[{"$patch":"delete","name":"B"}],"name":"api"}]}}}}',
    );
    if (!r.ok) return;
    const out = apply(liveDeployment(before), r.value, deploySchema) as { spec: { template: { spec: { containers: JsonObject[] } } } };
    expect(out.spec.template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
  });

  it('switching the deployment strategy sends $retainKeys so the server drops rollingUpdate', () => {
    const v1 = deploymentManifest('a:1', 1);
    const v2 = deploymentManifest('a:1', 1) as { spec: JsonObject };
    v2.spec.strategy = { type: 'Recreate' };
    const live = liveDeployment(v1);
    const r = createThreeWayStrategicPatch(v1, v2, live, deploySchema);
    expect(r).toEqual({ ok: true, value: { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } } });
    if (!r.ok) return;
    expect((apply(live, r.value, deploySchema) as { spec: JsonObject }).spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('switching a volume from emptyDir to hostPath sends $retainKeys and a null for the old source', () => {
    const withVolume = (volume: JsonObject) => {
      const m = deploymentManifest('a:1', 1) as { spec: { template: { spec: JsonObject } } };
      m.spec.template.spec.volumes = [volume];
      return m as JsonObject;
    };
    const before = withVolume({ name: 'data', emptyDir: {} });
    const after = withVolume({ name: 'data', hostPath: { path: '/srv' } });
    const live = liveDeployment(before);
    const r = createThreeWayStrategicPatch(before, after, live, deploySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe(
      '{"spec":{"template":{"spec":{"$setElementOrder/volumes":[{"name":"data"}],"volumes":[{"$retainKeys":["hostPath","name"],"emptyDir":null,"hostPath":{"path":"/srv"},"name":"data"}]}}}}',
    );
    if (!r.ok) return;
    const out = apply(live, r.value, deploySchema) as { spec: { template: { spec: JsonObject } } };
    expect(out.spec.template.spec.volumes).toEqual([{ name: 'data', hostPath: { path: '/srv' } }]);
  });

  it('a finalizer dropped from the manifest goes in a $deleteFromPrimitiveList list', () => {
    const cm = (finalizers: string[]) => ({ metadata: { name: 'c', finalizers }, data: { a: 'b' } });
    const r = createThreeWayStrategicPatch(cm(['x', 'y']), cm(['x']), cm(['x', 'y', 'z']), schemaFor('ConfigMap'));
    expect(r).toEqual({ ok: true, value: { metadata: { '$deleteFromPrimitiveList/finalizers': ['y'], '$setElementOrder/finalizers': ['x'] } } });
    if (!r.ok) return;
    expect(apply(cm(['x', 'y', 'z']), r.value, schemaFor('ConfigMap'))).toEqual(cm(['x', 'z']));
  });

  it('with no last-applied configuration only additions and changes are sent', () => {
    const live = { metadata: { name: 'c', labels: { a: '1', extra: 'x' } }, data: { k: 'old' } };
    const r = createThreeWayStrategicPatch(undefined, { metadata: { name: 'c', labels: { a: '1' } }, data: { k: 'new' } }, live, schemaFor('ConfigMap'));
    expect(r).toEqual({ ok: true, value: { data: { k: 'new' } } });
  });

  it('a manifest container without a name is reported like upstream', () => {
    const bad = { spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    const live = { spec: { template: { spec: { containers: [{ image: 'y', name: 'a' }] } } } };
    expect(createThreeWayStrategicPatch(undefined, bad, live, deploySchema)).toEqual({ ok: false, error: 'map: map[image:x] does not contain declared merge key: name' });
  });

  it('ports are sorted by their text to pair them, then sent in manifest order', () => {
    const svc = (ports: JsonObject[]) => ({ spec: { ports } });
    const r = createThreeWayStrategicPatch(
      svc([{ port: 8080, name: 'a' }, { port: 80, name: 'b' }]),
      svc([{ port: 8080, name: 'a2' }, { port: 80, name: 'b2' }]),
      svc([{ port: 8080, name: 'a' }, { port: 80, name: 'b' }]),
      schemaFor('Service'),
    );
    expect(r.ok && JSON.stringify(r.value)).toBe('{"spec":{"$setElementOrder/ports":[{"port":8080},{"port":80}],"ports":[{"name":"a2","port":8080},{"name":"b2","port":80}]}}');
  });
});

describe('createTwoWayStrategicPatch', () => {
  it('kubectl set image changes one container image', () => {
    const before = deploymentManifest('nginx:1.27', 1);
    const after = deploymentManifest('nginx:1.28', 1);
    const r = createTwoWayStrategicPatch(before, after, deploySchema);
    expect(r.ok && JSON.stringify(r.value)).toBe('{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"api"}],"containers":[{"image":"nginx:1.28","name":"api"}]}}}}');
  });

  it('a restart annotation on the template is a plain map addition', () => {
    const before = deploymentManifest('a:1', 1);
    const after = cloneJson(before) as { spec: { template: { metadata: JsonObject } } };
    after.spec.template.metadata.annotations = { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' };
    expect(createTwoWayStrategicPatch(before, after, deploySchema)).toEqual({
      ok: true,
      value: { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' } } } } },
    });
  });

  it('a removed field is sent as null and identical objects give {}', () => {
    expect(createTwoWayStrategicPatch({ a: 1, b: 2 }, { a: 1 }, podSchema)).toEqual({ ok: true, value: { b: null } });
    expect(createTwoWayStrategicPatch(pod(), pod(), podSchema)).toEqual({ ok: true, value: {} });
  });

  it('applying a two-way patch to the original gives the modified object', () => {
    const before = pod() as AnyPod;
    const after = pod() as AnyPod;
    after.spec.containers = [after.spec.containers[1], { ...after.spec.containers[0], image: 'x', env: [{ name: 'B', value: '2' }] }];
    after.metadata.finalizers = ['example.com/b'];
    delete after.metadata.labels;
    const r = createTwoWayStrategicPatch(before, after, podSchema);
    if (!r.ok) throw new Error(r.error);
    expect(apply(before, r.value)).toEqual(after);
  });
});
