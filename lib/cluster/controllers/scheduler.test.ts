import { describe, expect, test } from 'vitest';
import { Cluster } from '../cluster';
import { createScheduler, fitErrorMessage } from './scheduler';
import { createKubelet } from '../kubelet';
import type { Event, KubeObject, Node, Pod, PodSpec, Toleration } from '../../k8s/types';

function node(name: string, extra: { labels?: Record<string, string>; taints?: Toleration[]; unschedulable?: boolean; pods?: string; cpu?: string } = {}): Node {
  const spec: Node['spec'] = {};
  if (extra.taints) spec.taints = extra.taints;
  if (extra.unschedulable) spec.unschedulable = true;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...extra.labels } },
    spec,
    status: { allocatable: { cpu: extra.cpu ?? '8', memory: '8Gi', pods: extra.pods ?? '110' }, capacity: { cpu: extra.cpu ?? '8', memory: '8Gi', pods: extra.pods ?? '110' } },
  };
}

/** A cluster with the scheduler alone and the nodes given (no kubelet runs the pods). */
function schedulerOnly(nodes: Node[]): Cluster {
  const c = new Cluster({
    seed: 1,
    controllers: [createScheduler()],
    nodes: nodes.map((n) => ({ name: n.metadata.name!, internalIP: '10.0.0.1', podCIDR: '10.244.0.0/24', roles: n.metadata.name === 'cp' ? ['control-plane'] : [] })),
  });
  for (const n of nodes) c.store.create('nodes', undefined, n);
  return c;
}

function pod(name: string, extra: Partial<PodSpec> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra } };
}

function get(c: Cluster, name: string): Pod {
  return c.store.get<Pod>('pods', 'default', name);
}

function schedulerEvents(c: Cluster, name: string): Event[] {
  return c.objects<Event>('events', 'default').filter((e) => e.involvedObject.name === name && e.reportingComponent === 'default-scheduler');
}

describe('binding', () => {
  test('binds a pending pod after the scheduler latency and records Scheduled through events.k8s.io', () => {
    const c = new Cluster({ seed: 1, controllers: [createScheduler(), createKubelet()] });
    c.store.create('pods', 'default', pod('hello-kiamol'));
    c.advance(7);
    expect(get(c, 'hello-kiamol').spec.nodeName).toBeUndefined();
    c.advance(1);
    const p = get(c, 'hello-kiamol');
    expect(p.spec.nodeName).toBe('docker-desktop');
    expect(p.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z' }]);
    const [ev] = schedulerEvents(c, 'hello-kiamol');
    expect(ev).toMatchObject({
      type: 'Normal',
      reason: 'Scheduled',
      message: 'Successfully assigned default/hello-kiamol to docker-desktop',
      action: 'Binding',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-docker-desktop',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: '2025-03-26T02:43:14.008000Z',
    });
  });

  test('spreads pods over the nodes with the fewest pods, ties going to the first name', () => {
    const c = schedulerOnly([node('node-b'), node('node-a'), node('node-c')]);
    for (let i = 0; i < 7; i++) c.store.create('pods', 'default', pod(`p${i}`));
    c.advance(100);
    expect(Array.from({ length: 7 }, (_, i) => get(c, `p${i}`).spec.nodeName)).toEqual(['node-a', 'node-b', 'node-c', 'node-a', 'node-b', 'node-c', 'node-a']);
  });

  test('a deleted pod frees its slot for the next one', () => {
    const c = schedulerOnly([node('node-a'), node('node-b')]);
    c.store.create('pods', 'default', pod('p0'));
    c.store.create('pods', 'default', pod('p1'));
    c.advance(100);
    c.store.delete('pods', 'default', 'p0', { gracePeriodSeconds: 0 });
    c.store.create('pods', 'default', pod('p2'));
    c.advance(100);
    expect(get(c, 'p2').spec.nodeName).toBe('node-a');
  });

  test('leaves alone pods that name their node or another scheduler, and terminating pods', () => {
    const c = schedulerOnly([node('node-a')]);
    c.store.create('pods', 'default', pod('pinned', { nodeName: 'elsewhere' }));
    c.store.create('pods', 'default', pod('custom', { schedulerName: 'my-scheduler' }));
    c.advance(100);
    expect(get(c, 'pinned').spec.nodeName).toBe('elsewhere');
    expect(get(c, 'custom').spec.nodeName).toBeUndefined();
    expect(get(c, 'custom').status!.conditions).toBeUndefined();
    expect(c.objects<Event>('events', 'default')).toEqual([]);
  });
});

describe('pods that fit nowhere', () => {
  test('a nodeSelector no node matches leaves the pod Pending with the 1.32 FailedScheduling message', () => {
    const c = new Cluster({ seed: 1, controllers: [createScheduler(), createKubelet()] });
    c.store.create('pods', 'default', pod('picky', { nodeSelector: { disktype: 'ssd' } }));
    c.advance(100);
    const msg = "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.";
    const p = get(c, 'picky');
    expect(p.spec.nodeName).toBeUndefined();
    expect(p.status!.phase).toBe('Pending');
    expect(p.status!.conditions).toEqual([{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z', reason: 'Unschedulable', message: msg }]);
    const [ev] = schedulerEvents(c, 'picky');
    expect(ev).toMatchObject({ type: 'Warning', reason: 'FailedScheduling', message: msg, action: 'Scheduling', reportingInstance: 'default-scheduler-docker-desktop' });

    // labelling the node makes it fit: the pod is retried and bound
    const n = c.store.get<Node>('nodes', undefined, 'docker-desktop');
    c.store.update('nodes', undefined, { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, disktype: 'ssd' } } });
    c.advance(2000);
    const bound = get(c, 'picky');
    expect(bound.spec.nodeName).toBe('docker-desktop');
    expect(bound.status!.conditions!.find((x) => x.type === 'PodScheduled')).toEqual({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:15Z' });
    expect(schedulerEvents(c, 'picky').map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled']);
  });

  test('the control-plane taint and a selector: reasons are counted and sorted', () => {
    const c = schedulerOnly([node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }), node('w1'), node('w2')]);
    c.store.create('pods', 'default', pod('p', { nodeSelector: { 'kubernetes.io/hostname': 'cp' } }));
    c.advance(100);
    expect(get(c, 'p').status!.conditions![0].message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  test('a toleration lets a pod onto a tainted node', () => {
    const c = schedulerOnly([node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })]);
    c.store.create('pods', 'default', pod('p', { tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    c.advance(100);
    expect(get(c, 'p').spec.nodeName).toBe('cp');
  });

  test('a full node says Too many pods, and preemption finds no victims', () => {
    const c = schedulerOnly([node('tiny', { pods: '2' })]);
    for (const n of ['a', 'b', 'c']) c.store.create('pods', 'default', pod(n));
    c.advance(100);
    expect(get(c, 'c').spec.nodeName).toBeUndefined();
    expect(get(c, 'c').status!.conditions![0].message).toBe(
      '0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
    c.store.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    c.advance(2000);
    expect(get(c, 'c').spec.nodeName).toBe('tiny');
  });

  test('cpu requests beyond what is allocatable are Insufficient cpu', () => {
    const c = schedulerOnly([node('small', { cpu: '2' })]);
    c.store.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '3' } } }] } });
    c.advance(100);
    expect(get(c, 'big').status!.conditions![0].message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });

  test('a cordoned node is unschedulable', () => {
    const c = schedulerOnly([node('node-a', { unschedulable: true })]);
    c.store.create('pods', 'default', pod('p'));
    c.advance(100);
    expect(get(c, 'p').status!.conditions![0].message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  test('required node affinity is honoured like a selector', () => {
    const c = schedulerOnly([node('node-a', { labels: { zone: 'a' } }), node('node-b', { labels: { zone: 'b' } })]);
    c.store.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'web', image: 'nginx' }],
        affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } },
      },
    });
    c.advance(100);
    expect(get(c, 'p').spec.nodeName).toBe('node-b');
  });

  test('with no nodes at all the message says so', () => {
    expect(fitErrorMessage(0, new Map())).toBe('no nodes available to schedule pods');
  });
});

describe('scale', () => {
  test('10,000 pods over 100 nodes are bound in one batch, 100 per node', () => {
    const nodes = Array.from({ length: 100 }, (_, i) => node(`node-${String(i).padStart(3, '0')}`));
    const c = schedulerOnly(nodes);
    for (let i = 0; i < 10_000; i++) c.store.create('pods', 'default', pod(`p${i}`), { owned: true });
    const t0 = performance.now();
    c.advance(10);
    const ms = performance.now() - t0;
    const perNode = new Map<string, number>();
    for (const p of c.store.all<Pod>('pods')) perNode.set(p.spec.nodeName ?? '', (perNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
    expect(perNode.size).toBe(100);
    expect([...perNode.values()].every((n) => n === 100)).toBe(true);
    // generous for a loaded CI machine; a quiet one takes a few hundred milliseconds
    expect(ms).toBeLessThan(5000);
  });
});

describe('snapshots', () => {
  test('an unschedulable pod stays queued across a snapshot and binds once a node fits', () => {
    const c = schedulerOnly([node('node-a', { unschedulable: true })]);
    c.store.create('pods', 'default', pod('p'));
    c.advance(100);
    const r = Cluster.restore(JSON.parse(JSON.stringify(c.snapshot())), { controllers: [createScheduler()] });
    const n = r.store.get<Node>('nodes', undefined, 'node-a');
    r.store.update('nodes', undefined, { ...n, spec: {} });
    r.advance(2000);
    expect(r.store.get<Pod>('pods', 'default', 'p').spec.nodeName).toBe('node-a');
  });
});
