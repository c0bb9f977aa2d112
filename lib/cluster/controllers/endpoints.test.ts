import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { EndpointSlice, Endpoints, Labels, Node, Pod, Service } from '../../k8s/types';
import { rfc3339 } from '../../k8s/duration';
import { createNamespaceController } from './namespace';
import { createGarbageCollector } from './gc';
import { createEndpointsController, MAX_ENDPOINTS_PER_SLICE } from './endpoints';

const CONTROLLERS = () => [createNamespaceController(), createGarbageCollector(), createEndpointsController()];

function cluster(): Cluster {
  const c = new Cluster({ seed: 1, controllers: CONTROLLERS() });
  node(c, 'docker-desktop');
  return c;
}

function node(c: Cluster, name: string, labels: Labels = {}): Node {
  return c.store.create<Node>('nodes', undefined, { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
}

function service(c: Cluster, name: string, spec: Partial<Service['spec']> = {}, labels?: Labels): Service {
  return c.store.create<Service>('services', 'default', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
  });
}

function pod(c: Cluster, name: string, app = 'web', ports: { name?: string; containerPort: number }[] = [], nodeName = 'docker-desktop'): Pod {
  return c.store.create<Pod>('pods', 'default', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app } },
    spec: { nodeName, containers: [{ name: 'web', image: 'nginx:1.27', ports }] },
  });
}

/** What the kubelet reports once the sandbox has an IP: Running, and Ready or not. */
function report(c: Cluster, name: string, ip: string, ready: boolean): Pod {
  const p = c.store.get<Pod>('pods', 'default', name);
  return c.store.update<Pod>(
    'pods',
    'default',
    {
      ...p,
      status: {
        ...p.status,
        phase: 'Running',
        podIP: ip,
        podIPs: [{ ip }],
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: rfc3339(c.now()) }],
      },
    },
    { subresource: 'status' },
  );
}

function endpoints(c: Cluster, name = 'web'): Endpoints {
  return c.store.get<Endpoints>('endpoints', 'default', name);
}

function slices(c: Cluster, name = 'web'): EndpointSlice[] {
  return c.store.list<EndpointSlice>('endpointslices', 'default', { labelSelector: `kubernetes.io/service-name=${name}` }).items;
}

/** Long enough for a sync of up to 1,000 pods (a big service batches its updates). */
function settle(c: Cluster): void {
  c.advance(c.config.latency.endpoints + 10);
}

describe('endpoints controller: Endpoints', () => {
  it("a service's endpoints list only ready pods", () => {
    const c = cluster();
    const svc = service(c, 'web');
    const ready = pod(c, 'web-ready');
    pod(c, 'web-unready');
    pod(c, 'web-pending');
    pod(c, 'other', 'db');
    report(c, 'web-ready', '10.1.0.7', true);
    report(c, 'web-unready', '10.1.0.8', false);
    settle(c);
    const ep = endpoints(c);
    expect(ep.subsets).toEqual([
      {
        addresses: [{ ip: '10.1.0.7', nodeName: 'docker-desktop', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-ready', uid: ready.metadata.uid } }],
        notReadyAddresses: [
          { ip: '10.1.0.8', nodeName: 'docker-desktop', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-unready', uid: c.store.get('pods', 'default', 'web-unready').metadata.uid } },
        ],
        ports: [{ port: 8080, protocol: 'TCP' }],
      },
    ]);
    expect(ep.metadata.labels).toBeUndefined();
    expect(ep.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp });
    expect(ep.metadata.ownerReferences).toBeUndefined();
  });

  it('a service with no ready pods has Endpoints without subsets', () => {
    const c = cluster();
    service(c, 'web', {}, { app: 'web' });
    settle(c);
    const ep = endpoints(c);
    expect(ep).not.toHaveProperty('subsets');
    expect(ep.metadata.labels).toEqual({ app: 'web' });
  });

  it('addresses are sorted by IP and ready pods come and go as they change', () => {
    const c = cluster();
    service(c, 'web');
    for (const [n, ip] of [['web-a', '10.1.0.12'], ['web-b', '10.1.0.10'], ['web-c', '10.1.0.11']]) {
      pod(c, n);
      report(c, n, ip, true);
    }
    settle(c);
    expect(endpoints(c).subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.1.0.10', '10.1.0.11', '10.1.0.12']);
    report(c, 'web-b', '10.1.0.10', false);
    settle(c);
    expect(endpoints(c).subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.1.0.11', '10.1.0.12']);
    expect(endpoints(c).subsets?.[0].notReadyAddresses?.map((a) => a.ip)).toEqual(['10.1.0.10']);
    // relabelled out of the selector
    const a = c.store.get<Pod>('pods', 'default', 'web-a');
    c.store.update('pods', 'default', { ...a, metadata: { ...a.metadata, labels: { app: 'debug' } } });
    settle(c);
    expect(endpoints(c).subsets?.[0].addresses?.map((x) => x.ip)).toEqual(['10.1.0.11']);
  });

  it('a named targetPort is resolved in each pod, and pods without that port are left out', () => {
    const c = cluster();
    service(c, 'web', { ports: [{ name: 'http', port: 80, targetPort: 'web' }] });
    pod(c, 'web-a', 'web', [{ name: 'web', containerPort: 8080 }]);
    pod(c, 'web-b', 'web', [{ name: 'web', containerPort: 9090 }]);
    pod(c, 'web-c', 'web', [{ name: 'metrics', containerPort: 9100 }]);
    report(c, 'web-a', '10.1.0.7', true);
    report(c, 'web-b', '10.1.0.8', true);
    report(c, 'web-c', '10.1.0.9', true);
    settle(c);
    expect(endpoints(c).subsets!.map((s) => [s.addresses!.map((a) => a.ip), s.ports])).toEqual([
      [['10.1.0.7'], [{ name: 'http', port: 8080, protocol: 'TCP' }]],
      [['10.1.0.8'], [{ name: 'http', port: 9090, protocol: 'TCP' }]],
    ]);
  });

  it('terminating pods leave the Endpoints', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    c.store.delete('pods', 'default', 'web-a');
    settle(c);
    expect(endpoints(c)).not.toHaveProperty('subsets');
  });

  it('services without a selector, like kubernetes, are left alone', () => {
    const c = cluster();
    const before = endpoints(c, 'kubernetes');
    const beforeSlice = c.store.get('endpointslices', 'default', 'kubernetes');
    service(c, 'external', { selector: undefined, ports: [{ port: 80 }] });
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    c.advance(1000);
    expect(endpoints(c, 'kubernetes')).toBe(before);
    expect(c.store.get('endpointslices', 'default', 'kubernetes')).toBe(beforeSlice);
    expect(c.store.find('endpoints', 'default', 'external')).toBeUndefined();
    expect(slices(c, 'external')).toEqual([]);
  });

  it('Endpoints are written only when something they show changes', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    const rv = endpoints(c).metadata.resourceVersion;
    const sliceRv = slices(c)[0].metadata.resourceVersion;
    const p = c.store.get<Pod>('pods', 'default', 'web-a');
    c.store.update('pods', 'default', { ...p, metadata: { ...p.metadata, annotations: { note: 'hello' } } });
    c.advance(1000);
    expect(endpoints(c).metadata.resourceVersion).toBe(rv);
    expect(slices(c)[0].metadata.resourceVersion).toBe(sliceRv);
  });

  it('the last-change-trigger-time is the service creation first, then the pod becoming ready', () => {
    const c = cluster();
    const svc = service(c, 'web');
    settle(c);
    expect(endpoints(c).metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': svc.metadata.creationTimestamp });
    pod(c, 'web-a');
    c.advance(3000);
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    expect(endpoints(c).metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2025-03-26T02:43:17Z' });
    expect(slices(c)[0].metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': '2025-03-26T02:43:17Z' });
  });

  it('deleting a service deletes its Endpoints, and the garbage collector its EndpointSlices', () => {
    const c = cluster();
    service(c, 'web');
    settle(c);
    expect(slices(c)).toHaveLength(1);
    c.store.delete('services', 'default', 'web');
    c.advance(Math.max(c.config.latency.endpoints, c.config.latency.garbageCollector));
    expect(c.store.find('endpoints', 'default', 'web')).toBeUndefined();
    expect(slices(c)).toEqual([]);
  });

  it('more than 1000 addresses are truncated and the Endpoints say so', () => {
    const c = cluster();
    service(c, 'web');
    for (let i = 0; i < 1001; i++) {
      const n = `web-${i}`;
      pod(c, n);
      report(c, n, `10.1.${i >> 8}.${i & 255}`, true);
    }
    settle(c);
    const ep = endpoints(c);
    expect(ep.subsets![0].addresses).toHaveLength(1000);
    expect(ep.metadata.annotations?.['endpoints.kubernetes.io/over-capacity']).toBe('truncated');
    // slices are not truncated: 1001 endpoints in 11 slices
    expect(slices(c).map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([...Array(10).fill(MAX_ENDPOINTS_PER_SLICE), 1]);
  });
});

describe('endpoints controller: EndpointSlices', () => {
  it('a service gets an EndpointSlice owned by it, with the pods as endpoints', () => {
    const c = cluster();
    const svc = service(c, 'web', { ports: [{ port: 80, targetPort: 8080 }] }, { app: 'web' });
    const a = pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    const b = pod(c, 'web-b');
    report(c, 'web-b', '10.1.0.8', false);
    settle(c);
    const [s] = slices(c);
    expect(s.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.labels).toEqual({
      app: 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
      'kubernetes.io/service-name': 'web',
    });
    expect(s.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints).toEqual([
      {
        addresses: ['10.1.0.7'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-a', uid: a.metadata.uid },
        nodeName: 'docker-desktop',
      },
      {
        addresses: ['10.1.0.8'],
        conditions: { ready: false, serving: false, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'default', name: 'web-b', uid: b.metadata.uid },
        nodeName: 'docker-desktop',
      },
    ]);
  });

  it('a service with no endpoints has a placeholder slice, which is reused when pods arrive', () => {
    const c = cluster();
    service(c, 'web');
    settle(c);
    const [placeholder] = slices(c);
    expect(placeholder.endpoints).toBeNull();
    expect(placeholder.ports).toBeNull();
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    const [s] = slices(c);
    expect(s.metadata.name).toBe(placeholder.metadata.name);
    expect(s.metadata.uid).toBe(placeholder.metadata.uid);
    expect(s.endpoints.map((e) => e.addresses)).toEqual([['10.1.0.7']]);
    expect(s.ports).toEqual([{ name: '', port: 8080, protocol: 'TCP' }]);
    c.store.delete('pods', 'default', 'web-a', { gracePeriodSeconds: 0 });
    settle(c);
    const after = slices(c);
    expect(after.map((x) => [x.metadata.name, x.endpoints, x.ports])).toEqual([[placeholder.metadata.name, null, null]]);
  });

  it('terminating pods stay in the slice as terminating and not ready', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    c.store.delete('pods', 'default', 'web-a');
    settle(c);
    expect(slices(c)[0].endpoints.map((e) => e.conditions)).toEqual([{ ready: false, serving: true, terminating: true }]);
  });

  it('slices hold at most 100 endpoints each', () => {
    const c = cluster();
    service(c, 'web');
    for (let i = 0; i < 250; i++) {
      pod(c, `web-${String(i).padStart(3, '0')}`);
      report(c, `web-${String(i).padStart(3, '0')}`, `10.1.${i >> 8}.${i & 255}`, true);
    }
    settle(c);
    const all = slices(c);
    expect(all.map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([MAX_ENDPOINTS_PER_SLICE, MAX_ENDPOINTS_PER_SLICE, 50]);
    expect(new Set(all.flatMap((s) => s.endpoints.map((e) => e.targetRef!.name))).size).toBe(250);
    // one more pod fills the emptiest slice rather than making a new one
    pod(c, 'web-250');
    report(c, 'web-250', '10.1.0.250', true);
    settle(c);
    expect(slices(c).map((s) => s.endpoints.length).sort((a, b) => b - a)).toEqual([100, 100, 51]);
  });

  it('a pod on a node that has not registered yet joins the slice once the node appears', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a', 'web', [], 'desktop-worker');
    report(c, 'web-a', '10.244.1.2', true);
    settle(c);
    expect(slices(c)[0].endpoints).toBeNull();
    expect(endpoints(c).subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    node(c, 'desktop-worker', { 'topology.kubernetes.io/zone': 'zone-a' });
    settle(c);
    expect(slices(c)[0].endpoints.map((e) => [e.addresses, e.nodeName, (e as { zone?: string }).zone])).toEqual([[['10.244.1.2'], 'desktop-worker', 'zone-a']]);
  });

  it('a slice deleted by hand is recreated', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    c.store.delete('endpointslices', 'default', slices(c)[0].metadata.name!);
    c.advance(1);
    expect(slices(c).map((s) => s.endpoints.map((e) => e.addresses[0]))).toEqual([['10.1.0.7']]);
  });

  it('after a restore the controller carries on with the same slices', () => {
    const c = cluster();
    service(c, 'web');
    pod(c, 'web-a');
    report(c, 'web-a', '10.1.0.7', true);
    settle(c);
    const name = slices(c)[0].metadata.name;
    const r = Cluster.restore(c.snapshot(), { controllers: CONTROLLERS() });
    pod(r, 'web-b');
    report(r, 'web-b', '10.1.0.8', true);
    settle(r);
    expect(slices(r).map((s) => [s.metadata.name, s.endpoints.map((e) => e.addresses[0])])).toEqual([[name, ['10.1.0.7', '10.1.0.8']]]);
    expect(endpoints(r).subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.1.0.7', '10.1.0.8']);
  });
});
