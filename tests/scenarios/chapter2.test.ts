// Chapter 2 of 『쿠버네티스 교과서』 (Learn Kubernetes in a Month of Lunches) and 6.1–6.2 of
// 『시작하세요! 도커/쿠버네티스』, played against the simulated cluster through its API, the way
// kubectl will drive it. Each test is one behaviour a learner sees in the book.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../lib/cluster/cluster';
import type { Cluster } from '../../lib/cluster/cluster';
import type { Deployment, Event, Pod, ReplicaSet } from '../../lib/k8s/types';

const REF = new URL('../../../shared/reference/', import.meta.url);

/** What `kubectl run NAME --image=IMAGE` POSTs (kube-protocol §1.6). */
function runPod(c: Cluster, name: string, image: string): Pod {
  return c.store.create<Pod>('pods', 'default', {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: { run: name } },
    spec: { containers: [{ name, image, resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  } as Pod);
}

/** What `kubectl create deployment NAME --image=IMAGE` sends. */
function createDeployment(c: Cluster, name: string, image: string, replicas = 1): Deployment {
  const container = image.split('/').pop()!.split(':')[0];
  return c.store.create<Deployment>('deployments', 'default', {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: container, image, resources: {} }] } },
      strategy: {},
    },
  } as Deployment);
}

/** A manifest from the books' repositories, applied as `kubectl apply -f` would create it. */
function applyManifest<T extends Pod | Deployment>(c: Cluster, file: string): T {
  const text = readFileSync(new URL(file, REF), 'utf8');
  const obj = parseSimpleYaml(text) as T;
  const resource = obj.kind === 'Deployment' ? 'deployments' : 'pods';
  return c.store.create<T>(resource, 'default', obj);
}

const pod = (c: Cluster, name: string) => c.store.get<Pod>('pods', 'default', name);
const pods = (c: Cluster, selector?: string) => c.store.list<Pod>('pods', 'default', { labelSelector: selector }).items;
const isReady = (p: Pod | undefined) => p?.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') ?? false;
const allReady = (ps: Pod[]) => ps.length > 0 && ps.every((p) => isReady(p) && !p.metadata.deletionTimestamp);

/** STATUS as `kubectl get pods` prints it for a single-container pod (printPod, simplified). */
function printedStatus(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const cs = p.status?.containerStatuses?.[0];
  return cs?.state?.waiting?.reason ?? cs?.state?.terminated?.reason ?? p.status?.phase ?? 'Pending';
}

/** Events in the order `kubectl describe` lists them: by lastTimestamp, the scheduler's (which has none) first. */
function eventsFor(c: Cluster, name: string): Event[] {
  const evs = c.store.list<Event>('events', 'default', { fieldSelector: `involvedObject.name=${name}` }).items;
  const at = (e: Event) => (e.lastTimestamp ? Date.parse(e.lastTimestamp) : 0);
  return [...evs].sort((a, b) => at(a) - at(b));
}

const MINUTE = 60_000;

describe('chapter 2.1: a pod from kubectl run', () => {
  it('kubectl run hello-kiamol goes Pending → ContainerCreating → Running with Scheduled, Pulling, Pulled, Created and Started', () => {
    const c = createCluster();
    const seen: string[] = [];
    c.store.watch('pods', 'default', { resourceVersion: String(c.store.resourceVersion) }, (e) => {
      const s = printedStatus(e.object as Pod);
      if (seen[seen.length - 1] !== s) seen.push(s);
    });
    runPod(c, 'hello-kiamol', 'kiamol/ch02-hello-kiamol');
    expect(printedStatus(pod(c, 'hello-kiamol'))).toBe('Pending');
    expect(c.runUntil(() => isReady(pod(c, 'hello-kiamol')), MINUTE)).toBe(true);
    expect(seen).toEqual(['Pending', 'ContainerCreating', 'Running']);

    expect(eventsFor(c, 'hello-kiamol').map((e) => `${e.type} ${e.reason} ${e.source?.component ?? e.reportingComponent}: ${e.message}`)).toEqual([
      'Normal Scheduled default-scheduler: Successfully assigned default/hello-kiamol to docker-desktop',
      'Normal Pulling kubelet: Pulling image "kiamol/ch02-hello-kiamol"',
      'Normal Pulled kubelet: Successfully pulled image "kiamol/ch02-hello-kiamol" in 5.358s (5.358s including waiting). Image size: 22009873 bytes.',
      'Normal Created kubelet: Created container hello-kiamol',
      'Normal Started kubelet: Started container hello-kiamol',
    ]);
    // the scheduler records through events.k8s.io: no source, an eventTime, no timestamps
    expect(eventsFor(c, 'hello-kiamol')[0]).toMatchObject({ source: {}, firstTimestamp: null, lastTimestamp: null, action: 'Binding' });
  });

  it('a running pod has the five conditions in the kubelet order, a pod IP, and a docker container id', () => {
    const c = createCluster();
    runPod(c, 'hello-kiamol', 'kiamol/ch02-hello-kiamol');
    c.runUntil(() => isReady(pod(c, 'hello-kiamol')), MINUTE);
    const p = pod(c, 'hello-kiamol');
    expect(p.status?.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(p.status?.phase).toBe('Running');
    expect(p.status?.hostIP).toBe('192.168.65.3');
    expect(p.status?.podIP).toMatch(/^10\.1\.0\.\d+$/);
    expect(p.status?.containerStatuses?.[0].containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(p.status?.containerStatuses?.[0].imageID).toMatch(/^docker-pullable:\/\/kiamol\/ch02-hello-kiamol@sha256:[0-9a-f]{64}$/);
    expect(p.status?.qosClass).toBe('BestEffort');
    expect(p.spec.volumes?.[0].name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('removing the container through docker makes the kubelet start a new one: RESTARTS becomes 1 (self-healing)', () => {
    const c = createCluster();
    runPod(c, 'hello-kiamol', 'kiamol/ch02-hello-kiamol');
    c.runUntil(() => isReady(pod(c, 'hello-kiamol')), MINUTE);
    const runtime = c.kubelet.runtime;
    const byLabel = () => runtime.listContainers({ label: { 'io.kubernetes.container.name': 'hello-kiamol' } });
    const [before] = byLabel();
    expect(before.labels['io.kubernetes.pod.name']).toBe('hello-kiamol');
    runtime.removeContainer(before.id, true);

    expect(c.runUntil(() => pod(c, 'hello-kiamol').status?.containerStatuses?.[0].restartCount === 1 && isReady(pod(c, 'hello-kiamol')), MINUTE)).toBe(true);
    const [after] = byLabel();
    expect(after.id).not.toBe(before.id);
    expect(pod(c, 'hello-kiamol').status?.containerStatuses?.[0].containerID).toBe(`docker://${after.id}`);
  });

  it('the hello-kiamol container serves the 353-byte page and logs the request', () => {
    const c = createCluster();
    runPod(c, 'hello-kiamol', 'kiamol/ch02-hello-kiamol');
    c.runUntil(() => isReady(pod(c, 'hello-kiamol')), MINUTE);
    const res = c.kubelet.runtime.http({ namespace: 'default', pod: 'hello-kiamol' }, 80, { path: '/', clientIP: '127.0.0.1', headers: { 'User-Agent': 'Wget' } });
    if ('error' in res) throw new Error(res.error);
    const page = readFileSync(new URL('kiamol-ch02/hello-kiamol-html/index.html', REF), 'utf8');
    expect(res.status).toBe(200);
    expect(res.body).toBe(page);
    expect(new TextEncoder().encode(res.body).length).toBe(353);
    const last = c.kubelet.runtime.logs('default', 'hello-kiamol', undefined, { tailLines: 1 });
    expect(last).toMatch(/^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 353 "-" "Wget" "-"\n$/);
  });
});

describe('chapter 2.2: a Deployment manages its pod', () => {
  function withDeployment(): { c: Cluster; original: Pod } {
    const c = createCluster();
    createDeployment(c, 'hello-kiamol-2', 'kiamol/ch02-hello-kiamol');
    expect(c.runUntil(() => allReady(pods(c, 'app=hello-kiamol-2')), MINUTE)).toBe(true);
    return { c, original: pods(c, 'app=hello-kiamol-2')[0] };
  }

  it('the pod is named <deployment>-<template hash>-<5 characters> and carries app and pod-template-hash', () => {
    const { c, original } = withDeployment();
    const [rs] = c.objects<ReplicaSet>('replicasets', 'default');
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`hello-kiamol-2-${hash}`);
    expect(hash).toMatch(/^[456789bcdf]{8,10}$/);
    expect(original.metadata.name).toMatch(new RegExp(`^hello-kiamol-2-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(original.metadata.labels).toEqual({ app: 'hello-kiamol-2', 'pod-template-hash': hash });
  });

  it('relabelling the Deployment pod makes the ReplicaSet create a new one; relabelling it back deletes the newer pod', () => {
    const { c, original } = withDeployment();
    const name = original.metadata.name!;
    c.advance(30_000);
    // kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x
    c.store.patch('pods', 'default', name, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-x' } } });
    expect(c.runUntil(() => allReady(pods(c, 'app=hello-kiamol-2')), MINUTE)).toBe(true);
    const replacement = pods(c, 'app=hello-kiamol-2')[0];
    expect(replacement.metadata.name).not.toBe(name);
    expect(pod(c, name).metadata.ownerReferences).toBeUndefined(); // released: an orphan now
    expect(pods(c, 'app')).toHaveLength(2);

    // kubectl label pods -l app=hello-kiamol-x --overwrite app=hello-kiamol-2
    c.store.patch('pods', 'default', name, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-2' } } });
    expect(c.runUntil(() => c.store.find('pods', 'default', replacement.metadata.name!) === undefined, MINUTE)).toBe(true);
    const left = pods(c, 'app=hello-kiamol-2');
    expect(left.map((p) => p.metadata.name)).toEqual([name]);
    expect(left[0].metadata.ownerReferences?.[0].kind).toBe('ReplicaSet'); // adopted again
    const deleted = eventsFor(c, c.objects('replicasets', 'default')[0].metadata.name!).filter((e) => e.reason === 'SuccessfulDelete');
    expect(deleted.map((e) => e.message)).toEqual([`Deleted pod: ${replacement.metadata.name}`]);
  });

  it('deleting a managed pod brings a replacement with a new name', () => {
    const { c, original } = withDeployment();
    c.store.delete('pods', 'default', original.metadata.name!);
    expect(c.runUntil(() => c.store.find('pods', 'default', original.metadata.name!) === undefined && allReady(pods(c, 'app=hello-kiamol-2')), MINUTE)).toBe(true);
    const now = pods(c, 'app=hello-kiamol-2');
    expect(now).toHaveLength(1);
    expect(now[0].metadata.name).not.toBe(original.metadata.name);
  });
});

describe('chapter 2.3–2.5: manifests and resource management', () => {
  it('delete pods --all removes the bare pods for good and the Deployments replace theirs', () => {
    const c = createCluster();
    runPod(c, 'hello-kiamol', 'kiamol/ch02-hello-kiamol');
    createDeployment(c, 'hello-kiamol-2', 'kiamol/ch02-hello-kiamol');
    applyManifest(c, 'kiamol-ch02/pod.yaml');
    applyManifest(c, 'kiamol-ch02/deployment.yaml');
    expect(c.runUntil(() => pods(c).length === 4 && allReady(pods(c)), MINUTE)).toBe(true);
    const before = pods(c).map((p) => p.metadata.name!);
    expect(before.filter((n) => !/-[a-z0-9]{5}$/.test(n) || n.startsWith('hello-kiamol-3'))).toEqual(['hello-kiamol', 'hello-kiamol-3']);

    for (const n of before) c.store.delete('pods', 'default', n);
    expect(pods(c).every((p) => p.metadata.deletionTimestamp || !before.includes(p.metadata.name!))).toBe(true);
    expect(c.runUntil(() => pods(c).length === 2 && allReady(pods(c)), MINUTE)).toBe(true);
    const after = pods(c).map((p) => p.metadata.name!);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect(after.map((n) => n.replace(/-[^-]+-[^-]+$/, ''))).toEqual(['hello-kiamol-2', 'hello-kiamol-4']);
  });

  it('deleting the Deployment cascades to its ReplicaSet and pods, which terminate', () => {
    const c = createCluster();
    createDeployment(c, 'hello-kiamol-2', 'kiamol/ch02-hello-kiamol', 2);
    expect(c.runUntil(() => pods(c).length === 2 && allReady(pods(c)), MINUTE)).toBe(true);
    c.store.delete('deployments', 'default', 'hello-kiamol-2', { propagationPolicy: 'Background' });
    expect(c.store.find('deployments', 'default', 'hello-kiamol-2')).toBeUndefined();
    c.advance(50);
    expect(c.objects('replicasets', 'default')).toEqual([]);
    expect(pods(c).map(printedStatus)).toEqual(['Terminating', 'Terminating']);
    expect(c.runUntil(() => pods(c).length === 0, MINUTE)).toBe(true);
  });
});

describe('『시작하세요! 도커/쿠버네티스』 6.2: a pod with a sidecar', () => {
  it('nginx and the ubuntu sidecar run in one pod: READY 2/2, one IP, and the sidecar reaches nginx on localhost', () => {
    const c = createCluster();
    applyManifest(c, 'start-docker-kubernetes-ch06/nginx-pod-with-ubuntu.yaml');
    expect(c.runUntil(() => isReady(c.store.find<Pod>('pods', 'default', 'my-nginx-pod')), MINUTE)).toBe(true);
    const p = pod(c, 'my-nginx-pod');
    const statuses = p.status?.containerStatuses ?? [];
    expect(statuses.map((s) => `${s.name} ready=${s.ready} running=${!!s.state?.running}`)).toEqual([
      'my-nginx-container ready=true running=true',
      'ubuntu-sidecar-container ready=true running=true',
    ]);
    expect(p.status?.podIPs).toEqual([{ ip: p.status?.podIP }]);
    const res = c.kubelet.runtime.http({ podIP: p.status!.podIP! }, 80, { path: '/', clientIP: '127.0.0.1' });
    if ('error' in res) throw new Error(res.error);
    expect(res.body).toContain('<title>Welcome to nginx!</title>');
    const sandboxes = c.kubelet.runtime.listContainers({ label: { 'io.kubernetes.pod.name': 'my-nginx-pod' } }).filter((x) => x.sandbox);
    expect(sandboxes).toHaveLength(1);
  });
});

describe('failures a learner meets', () => {
  it('a misspelt image goes ErrImagePull then ImagePullBackOff, with Failed and BackOff events', () => {
    const c = createCluster();
    runPod(c, 'typo', 'kiamol/ch02-helo-kiamol');
    expect(c.runUntil(() => printedStatus(pod(c, 'typo')) === 'ErrImagePull', MINUTE)).toBe(true);
    expect(c.runUntil(() => printedStatus(pod(c, 'typo')) === 'ImagePullBackOff', MINUTE)).toBe(true);
    const reasons = eventsFor(c, 'typo').map((e) => `${e.type} ${e.reason}`);
    expect(reasons.slice(0, 2)).toEqual(['Normal Scheduled', 'Normal Pulling']);
    expect(reasons).toContain('Warning Failed');
    expect(reasons).toContain('Normal BackOff');
    expect(pod(c, 'typo').status?.phase).toBe('Pending');
  });

  it('busybox with nothing to do completes, restarts, and falls into CrashLoopBackOff with growing back-off', () => {
    const c = createCluster();
    runPod(c, 'box', 'busybox');
    expect(c.runUntil(() => printedStatus(pod(c, 'box')) === 'CrashLoopBackOff', 2 * MINUTE)).toBe(true);
    const restarts = () => pod(c, 'box').status?.containerStatuses?.[0].restartCount ?? 0;
    const first = restarts();
    c.advance(5 * MINUTE);
    expect(restarts()).toBeGreaterThan(first);
    expect(restarts()).toBeLessThan(first + 8); // back-off doubles: not a restart every few seconds
    const last = pod(c, 'box').status?.containerStatuses?.[0].lastState?.terminated;
    expect(last?.reason).toBe('Completed');
    expect(last?.exitCode).toBe(0);
  });
});

/** Just enough YAML for the books' small manifests (maps, lists, scalars, flow lists of strings). */
function parseSimpleYaml(text: string): unknown {
  const lines = text.replace(/\r\n/g, '\n').split('\n').map((l) => l.replace(/\s+#.*$/, '')).filter((l) => l.trim() !== '');
  let i = 0;
  const scalar = (s: string): unknown => {
    const t = s.trim();
    if (t.startsWith('[')) return t.slice(1, -1).split(',').map((x) => x.trim().replace(/^"|"$/g, ''));
    if (/^\d+$/.test(t)) return Number(t);
    return t.replace(/^"|"$/g, '');
  };
  const indentOf = (l: string) => l.length - l.trimStart().length;
  function block(indent: number): unknown {
    if (lines[i].trimStart().startsWith('- ')) {
      const arr: unknown[] = [];
      while (i < lines.length && indentOf(lines[i]) === indent && lines[i].trimStart().startsWith('- ')) {
        const inner = indent + 2;
        lines[i] = ' '.repeat(inner) + lines[i].trimStart().slice(2);
        arr.push(block(inner));
      }
      return arr;
    }
    const obj: Record<string, unknown> = {};
    while (i < lines.length && indentOf(lines[i]) === indent && !lines[i].trimStart().startsWith('- ')) {
      const [, key, rest] = /^\s*([^:]+):\s*(.*)$/.exec(lines[i])!;
      i++;
      if (rest !== '') obj[key] = scalar(rest);
      else obj[key] = block(indentOf(lines[i]));
    }
    return obj;
  }
  return block(0);
}
