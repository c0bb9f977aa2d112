import { describe, expect, test } from 'vitest';
import { Cluster } from '../cluster';
import { DEFAULT_EPOCH } from '../clock';
import { createScheduler } from '../controllers/scheduler';
import { createKubelet } from './index';
import type { Container, Event, KubeObject, Node, Pod, PodSpec } from '../../k8s/types';

// --- helpers -------------------------------------------------------------------------------------

function cluster(opts: { runtime?: 'docker' | 'containerd'; nodes?: number } = {}): Cluster {
  return new Cluster({ seed: 1, controllers: [createScheduler(), createKubelet()], ...opts });
}

/** What `kubectl run NAME --image=IMAGE` POSTs (kube-protocol.md §1.6). */
function kubectlRun(name: string, image: string, extra: Partial<PodSpec> = {}): KubeObject {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name, creationTimestamp: null, labels: { run: name } },
    spec: { containers: [{ name, image, resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', ...extra },
    status: {},
  };
}

function podWith(name: string, containers: Container[], extra: Partial<PodSpec> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers, ...extra } };
}

/** STATUS, READY and RESTARTS as kubectl's printPod derives them (kube-protocol.md §2.3). */
function row(p: Pod): string {
  let reason = p.status?.reason || p.status?.phase || '';
  let restarts = 0;
  let ready = 0;
  let hasRunning = false;
  for (const c of [...(p.status?.containerStatuses ?? [])].reverse()) {
    restarts += c.restartCount;
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state?.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) reason = 'Running';
  if (p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') reason = 'Terminating';
  return `${ready}/${p.spec.containers.length} ${reason} ${restarts}`;
}

/** Every distinct row of a pod as the store changes, with virtual seconds since the epoch. */
function watchRows(c: Cluster, name: string): { t: number; row: string }[] {
  const seen: { t: number; row: string }[] = [];
  c.store.onChange((e) => {
    if (e.resource !== 'pods' || e.object.metadata.name !== name) return;
    const r = e.type === 'DELETED' ? 'DELETED' : row(e.object as Pod);
    if (seen[seen.length - 1]?.row !== r) seen.push({ t: (c.now() - DEFAULT_EPOCH) / 1000, row: r });
  });
  return seen;
}

function pod(c: Cluster, name: string): Pod {
  return c.store.get<Pod>('pods', 'default', name);
}

function events(c: Cluster, name: string): Event[] {
  return c.objects<Event>('events', 'default').filter((e) => e.involvedObject.name === name);
}

function eventLines(c: Cluster, name: string): string[] {
  return events(c, name).map((e) => `${e.type} ${e.reason} ${e.message}`);
}

function runningWithin(c: Cluster, name: string, ms: number): boolean {
  return c.runUntil(() => c.store.find<Pod>('pods', 'default', name)?.status?.phase === 'Running' && !!pod(c, name).status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True'), ms);
}

const KIAMOL_DIGEST = 'f4165d27755978cffde4e5cc7187e8123d929d239409e108e760130d9e0d8f2f';

// --- the pod lifecycle -----------------------------------------------------------------------------

describe('a pod started by kubectl run', () => {
  test('a pod from kubectl run goes Pending → ContainerCreating → Running with the five events in order', () => {
    const c = cluster();
    const rows = watchRows(c, 'hello-kiamol');
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    expect(rows).toEqual([
      { t: 0, row: '0/1 Pending 0' },
      { t: 0.028, row: '0/1 ContainerCreating 0' },
      { t: 6.64, row: '1/1 Running 0' },
    ]);
    expect(eventLines(c, 'hello-kiamol')).toEqual([
      'Normal Scheduled Successfully assigned default/hello-kiamol to docker-desktop',
      'Normal Pulling Pulling image "kiamol/ch02-hello-kiamol"',
      'Normal Pulled Successfully pulled image "kiamol/ch02-hello-kiamol" in 5.358s (5.358s including waiting). Image size: 22009873 bytes.',
      'Normal Created Created container hello-kiamol',
      'Normal Started Started container hello-kiamol',
    ]);
    const kubelet = events(c, 'hello-kiamol').filter((e) => e.reason !== 'Scheduled');
    expect(kubelet.map((e) => e.source)).toEqual(Array(4).fill({ component: 'kubelet', host: 'docker-desktop' }));
    expect(kubelet.map((e) => e.involvedObject.fieldPath)).toEqual(Array(4).fill('spec.containers{hello-kiamol}'));
  });

  test('the running pod reports the seed note’s node, times, docker ids and the first pod IP', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const s = pod(c, 'hello-kiamol').status!;
    expect(s.phase).toBe('Running');
    expect(s.hostIP).toBe('192.168.65.3');
    expect(s.hostIPs).toEqual([{ ip: '192.168.65.3' }]);
    expect(s.podIP).toBe('10.1.0.6');
    expect(s.podIPs).toEqual([{ ip: '10.1.0.6' }]);
    // describe shows these as Start Time 11:43:14 and Started 11:43:19 in KST, as in seed 001
    expect(s.startTime).toBe('2025-03-26T02:43:14Z');
    const cs = s.containerStatuses![0];
    expect(cs.state).toEqual({ running: { startedAt: '2025-03-26T02:43:19Z' } });
    expect(cs.containerID).toMatch(/^docker:\/\/[0-9a-f]{64}$/);
    expect(cs.image).toBe('kiamol/ch02-hello-kiamol:latest');
    expect(cs.imageID).toBe(`docker-pullable://kiamol/ch02-hello-kiamol@sha256:${KIAMOL_DIGEST}`);
    expect(cs.ready).toBe(true);
    expect(cs.started).toBe(true);
    expect(cs.restartCount).toBe(0);
    expect(cs.lastState).toEqual({});
    expect(cs.volumeMounts).toEqual([
      { name: pod(c, 'hello-kiamol').spec.volumes![0].name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true, recursiveReadOnly: 'Disabled' },
    ]);
    expect(Object.keys(cs)).toEqual(['name', 'state', 'lastState', 'ready', 'restartCount', 'image', 'imageID', 'containerID', 'started', 'volumeMounts']);
  });

  test('conditions come in the kubelet’s order: PodReadyToStartContainers, Initialized, Ready, ContainersReady, PodScheduled', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(1000);
    const creating = pod(c, 'hello-kiamol').status!;
    expect(creating.conditions).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z' },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z' },
      { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z', reason: 'ContainersNotReady', message: 'containers with unready status: [hello-kiamol]' },
      { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z', reason: 'ContainersNotReady', message: 'containers with unready status: [hello-kiamol]' },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-03-26T02:43:14Z' },
    ]);
    expect(creating.containerStatuses).toEqual([
      { name: 'hello-kiamol', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'kiamol/ch02-hello-kiamol', imageID: '', started: false },
    ]);
    expect(creating.podIP).toBeUndefined();
    c.advance(9000);
    const running = pod(c, 'hello-kiamol').status!;
    expect(running.conditions!.map((x) => `${x.type}=${x.status}@${x.lastTransitionTime}`)).toEqual([
      'PodReadyToStartContainers=True@2025-03-26T02:43:20Z',
      'Initialized=True@2025-03-26T02:43:14Z',
      'Ready=True@2025-03-26T02:43:20Z',
      'ContainersReady=True@2025-03-26T02:43:20Z',
      'PodScheduled=True@2025-03-26T02:43:14Z',
    ]);
    expect(Object.keys(running)).toEqual(['phase', 'conditions', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'containerStatuses', 'qosClass']);
  });

  test('an image already on the node is reported as already present on machine', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('first', 'nginx:1.27'));
    c.advance(15_000);
    c.store.create('pods', 'default', kubectlRun('second', 'nginx:1.27'));
    c.advance(3000);
    expect(eventLines(c, 'second')).toEqual([
      'Normal Scheduled Successfully assigned default/second to docker-desktop',
      'Normal Pulled Container image "nginx:1.27" already present on machine',
      'Normal Created Created container second',
      'Normal Started Started container second',
    ]);
    expect(pod(c, 'second').status!.podIP).toBe('10.1.0.7');
  });

  test('pulls on one node are serialized: the second pull counts its wait', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('a', 'nginx:1.27'));
    c.store.create('pods', 'default', kubectlRun('b', 'nginx:1.27'));
    c.advance(15_000);
    expect(eventLines(c, 'a')).toContain('Normal Pulled Successfully pulled image "nginx:1.27" in 8.127s (8.127s including waiting). Image size: 72223946 bytes.');
    expect(eventLines(c, 'b')).toContain('Normal Pulled Successfully pulled image "nginx:1.27" in 1.064s (9.191s including waiting). Image size: 72223946 bytes.');
  });

  test('on containerd nodes ids are containerd:// and image names fully qualified', () => {
    const c = cluster({ runtime: 'containerd' });
    c.store.create('pods', 'default', kubectlRun('web', 'nginx:1.27'));
    expect(runningWithin(c, 'web', 20_000)).toBe(true);
    const cs = pod(c, 'web').status!.containerStatuses![0];
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.image).toBe('docker.io/library/nginx:1.27');
    expect(cs.imageID).toBe('docker.io/library/nginx@sha256:124b44bfc9ccd1f3cedf4b592d4d1e8bddb78b51ec2ed5056c52d3692baebc19');
    const node = c.store.get<Node>('nodes', undefined, 'docker-desktop');
    expect(node.status!.nodeInfo!.containerRuntimeVersion).toBe('containerd://1.7.24');
  });
});

// --- self-healing ------------------------------------------------------------------------------

describe('the book’s self-healing demo', () => {
  test('docker container rm -f of the pod’s container: the kubelet starts a new one and RESTARTS becomes 1', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const rt = c.kubelet.runtime;
    const filter = { label: { 'io.kubernetes.container.name': 'hello-kiamol' } };
    const before = rt.listContainers(filter).map((x) => x.id);
    expect(before).toHaveLength(1);
    const oldID = pod(c, 'hello-kiamol').status!.containerStatuses![0].containerID;
    expect(oldID).toBe(`docker://${before[0]}`);

    const rows = watchRows(c, 'hello-kiamol');
    const removed = rt.removeContainer(before[0].slice(0, 12), true);
    expect(removed.id).toBe(before[0]);
    expect(rt.listContainers(filter)).toEqual([]);

    // the next relist notices: the container is gone, so it must have stopped (exit 137, unknown)
    c.advance(1000);
    const gone = pod(c, 'hello-kiamol').status!.containerStatuses![0];
    expect(gone.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    expect(gone.restartCount).toBe(1);
    expect(gone.lastState).toEqual({
      terminated: {
        exitCode: 137,
        reason: 'ContainerStatusUnknown',
        message: 'The container could not be located when the pod was deleted.  The container used to be Running',
        startedAt: null,
        finishedAt: null,
      },
    });

    c.advance(5000);
    const after = rt.listContainers(filter).map((x) => x.id);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
    expect(rt.listContainers(filter)[0].name).toBe(`k8s_hello-kiamol_hello-kiamol_default_${pod(c, 'hello-kiamol').metadata.uid}_1`);
    const now = pod(c, 'hello-kiamol').status!.containerStatuses![0];
    expect(now.containerID).toBe(`docker://${after[0]}`);
    expect(now.restartCount).toBe(1);
    expect(now.lastState).toEqual({});
    expect(rows.map((r) => r.row)).toEqual(['0/1 ContainerCreating 1', '1/1 Running 1']);
    // imagePullPolicy Always (the image is :latest): the kubelet pulls again, layers cached
    expect(eventLines(c, 'hello-kiamol').slice(5)).toEqual([
      'Normal Pulled Successfully pulled image "kiamol/ch02-hello-kiamol" in 1.312s (1.312s including waiting). Image size: 22009873 bytes.',
    ]);
    const counts = Object.fromEntries(events(c, 'hello-kiamol').map((e) => [e.reason + (e.reason === 'Pulled' ? e.message!.slice(0, 30) : ''), e.count]));
    expect(counts['Pulling']).toBe(2);
    expect(counts['Created']).toBe(2);
    expect(counts['Started']).toBe(2);
  });

  test('docker rm without -f refuses a running container, with the daemon’s message', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const info = c.kubelet.runtime.listContainers({ label: { 'io.kubernetes.container.name': 'hello-kiamol' } })[0];
    expect(() => c.kubelet.runtime.removeContainer(info.id.slice(0, 12))).toThrow(
      `Error response from daemon: cannot remove container "/${info.name}": container is running: stop the container before removing or force remove`,
    );
    expect(() => c.kubelet.runtime.removeContainer('deadbeef')).toThrow('Error response from daemon: No such container: deadbeef');
  });

  test('docker kill: the container exits 137 and restarts with lastState Error', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('web', [{ name: 'web', image: 'nginx:1.27' }]));
    c.advance(15_000);
    const id = c.kubelet.runtime.listContainers({ label: { 'io.kubernetes.container.name': 'web' } })[0].id;
    c.kubelet.runtime.killContainer(id);
    c.advance(3000);
    const cs = pod(c, 'web').status!.containerStatuses![0];
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.running).toBeDefined();
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', containerID: `docker://${id}` });
    expect(row(pod(c, 'web'))).toBe('1/1 Running 1');
  });
});

// --- crashes and failures ----------------------------------------------------------------------------

describe('containers that exit', () => {
  test('busybox with restartPolicy Always completes, restarts at once, then backs off 10s, 20s, 40s', () => {
    const c = cluster();
    const rows = watchRows(c, 'bb');
    c.store.create('pods', 'default', kubectlRun('bb', 'busybox'));
    c.advance(100_000);
    expect(rows.map((r) => `${r.t.toFixed(3)} ${r.row}`)).toEqual([
      '0.000 0/1 Pending 0',
      '0.028 0/1 ContainerCreating 0',
      '3.640 0/1 Completed 0',
      '5.640 0/1 Completed 1',
      '5.640 0/1 CrashLoopBackOff 1',
      '16.640 0/1 Completed 2',
      '16.640 0/1 CrashLoopBackOff 2',
      '37.640 0/1 Completed 3',
      '37.640 0/1 CrashLoopBackOff 3',
      '78.640 0/1 Completed 4',
      '78.640 0/1 CrashLoopBackOff 4',
    ]);
    const p = pod(c, 'bb');
    const cs = p.status!.containerStatuses![0];
    expect(cs.state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message: `back-off 1m20s restarting failed container=bb pod=bb_default(${p.metadata.uid})` } });
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p.status!.phase).toBe('Running');
    const backoff = events(c, 'bb').find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toBe(`Back-off restarting failed container bb in pod bb_default(${p.metadata.uid})`);
    expect(backoff.count).toBe(4);
  });

  test('the CrashLoopBackOff message doubles the back-off: 10s, 20s, 40s', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('bb', 'busybox'));
    const messages: string[] = [];
    c.store.onChange((e) => {
      const m = (e.object as Pod).status?.containerStatuses?.[0]?.state?.waiting?.message;
      if (e.resource === 'pods' && m && messages[messages.length - 1] !== m) messages.push(m.split(' restarting')[0]);
    });
    c.advance(60_000);
    expect(messages).toEqual(['back-off 10s', 'back-off 20s', 'back-off 40s']);
  });

  test('restartPolicy Never: sh -c "exit 3" fails the pod with Error, sleep 1 succeeds with Completed', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('fail', [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo bye; exit 3'] }], { restartPolicy: 'Never' }));
    c.store.create('pods', 'default', podWith('ok', [{ name: 'c', image: 'busybox:1.37', command: ['sleep', '1'] }], { restartPolicy: 'Never' }));
    c.advance(20_000);
    const fail = pod(c, 'fail');
    expect(fail.status!.phase).toBe('Failed');
    expect(row(fail)).toBe('0/1 Error 0');
    expect(fail.status!.containerStatuses![0].state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(c.kubelet.runtime.logs('default', 'fail')).toBe('bye\n');
    const ok = pod(c, 'ok');
    expect(ok.status!.phase).toBe('Succeeded');
    expect(row(ok)).toBe('0/1 Completed 0');
    expect(ok.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(ok.status!.conditions!.find((x) => x.type === 'PodReadyToStartContainers')!.status).toBe('False');
  });

  test('ubuntu’s default bash exits at once without a terminal: Completed, then CrashLoopBackOff', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('u', 'ubuntu'));
    c.advance(12_000);
    expect(row(pod(c, 'u'))).toBe('0/1 CrashLoopBackOff 1');
  });

  test('a command missing from the image fails to start: RunContainerError with the runtime’s message', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('nobash', [{ name: 'c', image: 'alpine:3.21', command: ['bash'] }]));
    c.advance(4000);
    const cs = pod(c, 'nobash').status!.containerStatuses![0];
    const inner =
      'failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown';
    expect(cs.state).toEqual({ waiting: { reason: 'RunContainerError', message: `failed to start container "c": Error response from daemon: ${inner}` } });
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message: inner, startedAt: '1970-01-01T00:00:00Z' });
    expect(eventLines(c, 'nobash')).toContain(`Warning Failed Error: failed to start container "c": Error response from daemon: ${inner}`);
  });
});

describe('images that cannot be pulled', () => {
  const denied =
    "rpc error: code = Unknown desc = Error response from daemon: pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied";

  test('an unknown image fails with ErrImagePull, then ImagePullBackOff, with the 1.32 messages', () => {
    const c = cluster();
    const rows = watchRows(c, 'bad');
    c.store.create('pods', 'default', kubectlRun('bad', 'nosuch'));
    c.advance(3000);
    expect(rows.map((r) => `${r.t.toFixed(3)} ${r.row}`)).toEqual(['0.000 0/1 Pending 0', '0.028 0/1 ContainerCreating 0', '2.083 0/1 ErrImagePull 0', '2.640 0/1 ImagePullBackOff 0']);
    expect(eventLines(c, 'bad')).toEqual([
      'Normal Scheduled Successfully assigned default/bad to docker-desktop',
      'Normal Pulling Pulling image "nosuch"',
      `Warning Failed Failed to pull image "nosuch": ${denied}`,
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "nosuch"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
    const s = pod(c, 'bad').status!;
    expect(s.phase).toBe('Pending');
    expect(s.podIP).toBe('10.1.0.6');
    expect(s.containerStatuses![0].state).toEqual({ waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "nosuch": ErrImagePull: ${denied}` } });
  });

  test('the kubelet keeps retrying the pull with a growing back-off', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('bad', 'nosuch'));
    c.advance(300_000);
    const pulling = events(c, 'bad').find((e) => e.reason === 'Pulling')!;
    expect(pulling.count).toBeGreaterThanOrEqual(3);
    expect(pulling.count).toBeLessThanOrEqual(5);
    expect(events(c, 'bad').find((e) => e.message === 'Error: ErrImagePull')!.count).toBe(pulling.count);
  });

  test('an unknown tag of a known repository is a manifest unknown', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('bad', 'nginx:9.99'));
    c.advance(3000);
    expect(eventLines(c, 'bad')[2]).toBe(
      'Warning Failed Failed to pull image "nginx:9.99": rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:9.99 not found: manifest unknown: manifest unknown',
    );
  });

  test('containerd words a missing repository its own way', () => {
    const c = cluster({ runtime: 'containerd' });
    c.store.create('pods', 'default', kubectlRun('bad', 'nosuch'));
    c.advance(3000);
    expect(eventLines(c, 'bad')[2]).toBe(
      'Warning Failed Failed to pull image "nosuch": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuch:latest": failed to resolve reference "docker.io/library/nosuch:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
  });
});

// --- deletion ----------------------------------------------------------------------------------------

describe('graceful deletion', () => {
  function deleteAndTime(image: string, command?: string[]): { rows: { t: number; row: string }[]; seconds: number; c: Cluster } {
    const c = cluster();
    c.store.create('pods', 'default', podWith('victim', [{ name: 'web', image, command }]));
    expect(runningWithin(c, 'victim', 30_000)).toBe(true);
    const rows = watchRows(c, 'victim');
    const t0 = c.now();
    c.store.delete('pods', 'default', 'victim');
    c.runUntil(() => !c.store.find('pods', 'default', 'victim'), 60_000);
    return { rows, seconds: (c.now() - t0) / 1000, c };
  }

  test('nginx stops on SIGQUIT well within a second and the pod is gone', () => {
    const { rows, seconds, c } = deleteAndTime('nginx:1.27');
    expect(seconds).toBeLessThan(1);
    expect(rows.map((r) => r.row)).toEqual(['1/1 Terminating 0', '0/1 Completed 0', 'DELETED']);
    expect(eventLines(c, 'victim')).toContain('Normal Killing Stopping container web');
    expect(c.kubelet.runtime.listContainers({ all: true })).toEqual([]);
  });

  test('tail -f /dev/null ignores SIGTERM as PID 1, so deletion takes the full 30s grace period', () => {
    const { rows, seconds } = deleteAndTime('busybox:1.37', ['tail', '-f', '/dev/null']);
    expect(seconds).toBeGreaterThanOrEqual(30);
    expect(seconds).toBeLessThan(30.2);
    expect(rows.map((r) => r.row)).toEqual(['1/1 Terminating 0', '0/1 Error 0', 'DELETED']);
  });

  test('the pod IP is free again once the pod is gone', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('a', 'nginx:1.27'));
    c.advance(15_000);
    expect(pod(c, 'a').status!.podIP).toBe('10.1.0.6');
    c.store.delete('pods', 'default', 'a');
    c.advance(2000);
    expect(c.kubelet.runtime.podByIP('10.1.0.6')).toBeUndefined();
    c.store.create('pods', 'default', kubectlRun('b', 'nginx:1.27'));
    c.advance(3000);
    // host-local IPAM moves on rather than reusing the address at once
    expect(pod(c, 'b').status!.podIP).toBe('10.1.0.7');
  });
});

// --- two containers, HTTP, logs, files -------------------------------------------------------------

describe('a two-container pod (시작하세요! 도커/쿠버네티스 ch06)', () => {
  const spec = [
    { name: 'my-nginx-container', image: 'nginx:latest', ports: [{ containerPort: 80, protocol: 'TCP' as const }] },
    { name: 'ubuntu-sidecar-container', image: 'alicek106/rr-test:curl', command: ['tail'], args: ['-f', '/dev/null'] },
  ];

  test('starts its containers in order, shares one IP and shows READY 2/2', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('my-nginx-pod', spec));
    expect(runningWithin(c, 'my-nginx-pod', 60_000)).toBe(true);
    const p = pod(c, 'my-nginx-pod');
    expect(row(p)).toBe('2/2 Running 0');
    expect(eventLines(c, 'my-nginx-pod').slice(1)).toEqual([
      'Normal Pulling Pulling image "nginx:latest"',
      'Normal Pulled Successfully pulled image "nginx:latest" in 8.127s (8.127s including waiting). Image size: 72223946 bytes.',
      'Normal Created Created container my-nginx-container',
      'Normal Started Started container my-nginx-container',
      'Normal Pulling Pulling image "alicek106/rr-test:curl"',
      'Normal Pulled Successfully pulled image "alicek106/rr-test:curl" in 14.206s (14.206s including waiting). Image size: 159915306 bytes.',
      'Normal Created Created container ubuntu-sidecar-container',
      'Normal Started Started container ubuntu-sidecar-container',
    ]);
    const sandboxes = c.kubelet.runtime.listContainers({ label: { 'io.kubernetes.pod.name': 'my-nginx-pod', 'io.kubernetes.container.name': 'POD' } });
    expect(sandboxes).toHaveLength(1);
    expect(p.status!.podIPs).toEqual([{ ip: '10.1.0.6' }]);
    expect(p.status!.containerStatuses!.map((x) => x.name)).toEqual(['my-nginx-container', 'ubuntu-sidecar-container']);
    // curl localhost from the sidecar reaches nginx: one network namespace
    const r = c.kubelet.runtime.http({ podIP: '10.1.0.6' }, 80, { path: '/', clientIP: '127.0.0.1', headers: { 'User-Agent': 'curl/7.47.0' } });
    expect('status' in r && r.status).toBe(200);
    expect('body' in r && r.body.length).toBe(615);
  });
});

describe('what the images serve', () => {
  test('hello-kiamol serves its 353-byte page and logs the access line with the caller’s IP', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const res = c.kubelet.runtime.http({ namespace: 'default', pod: 'hello-kiamol' }, 80, { method: 'GET', path: '/', headers: { 'User-Agent': 'Wget' }, clientIP: '127.0.0.1' });
    if ('error' in res) throw new Error(res.error);
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(353);
    expect(res.body.startsWith('<html>\r\n  <body>\r\n    <h1>\r\n      Hello from Chapter 2!\r\n')).toBe(true);
    expect(res.headers['Content-Length']).toBe('353');
    expect(res.headers['Server']).toBe('nginx/1.21.6');
    expect(c.kubelet.runtime.logs('default', 'hello-kiamol', undefined, { tailLines: 1 })).toBe('127.0.0.1 - - [26/Mar/2025:02:43:24 +0000] "GET / HTTP/1.1" 200 353 "-" "Wget" "-"\n');
  });

  test('a favicon request is nginx’s 404 page with the open() error line before the access line', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const res = c.kubelet.runtime.http({ podIP: '10.1.0.6' }, 80, {
      path: '/favicon.ico',
      headers: { Host: 'localhost:8080', Referer: 'http://localhost:8080/', 'User-Agent': 'Mozilla/5.0' },
      clientIP: '127.0.0.1',
    });
    if ('error' in res) throw new Error(res.error);
    expect(res.status).toBe(404);
    expect(res.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.21.6</center>\r\n</body>\r\n</html>\r\n');
    expect(c.kubelet.runtime.logs('default', 'hello-kiamol', undefined, { tailLines: 2 })).toBe(
      '2025/03/26 02:43:24 [error] 32#32: *1 open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory), client: 127.0.0.1, server: localhost, request: "GET /favicon.ico HTTP/1.1", host: "localhost:8080", referrer: "http://localhost:8080/"\n' +
        '127.0.0.1 - - [26/Mar/2025:02:43:24 +0000] "GET /favicon.ico HTTP/1.1" 404 153 "http://localhost:8080/" "Mozilla/5.0" "-"\n',
    );
  });

  test('whoami answers with the pod name and the node’s kernel, as a JSON string', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('whoami-1', [{ name: 'web', image: 'kiamol/ch02-whoami' }]));
    expect(runningWithin(c, 'whoami-1', 30_000)).toBe(true);
    c.advance(1000);
    const res = c.kubelet.runtime.http({ namespace: 'default', pod: 'whoami-1' }, 80, { path: '/' });
    if ('error' in res) throw new Error(res.error);
    expect(res.body).toBe('"I\'m whoami-1 running on Linux 6.10.14-linuxkit #1 SMP Thu Oct 24 19:28:55 UTC 2024"');
    expect(res.headers['Content-Type']).toBe('application/json; charset=utf-8');
    expect(c.kubelet.runtime.logs('default', 'whoami-1')).toBe(
      'info: Microsoft.Hosting.Lifetime[14]\n      Now listening on: http://[::]:80\ninfo: Microsoft.Hosting.Lifetime[0]\n      Application started. Press Ctrl+C to shut down.\n' +
        'info: Microsoft.Hosting.Lifetime[0]\n      Hosting environment: Production\ninfo: Microsoft.Hosting.Lifetime[0]\n      Content root path: /app/\n',
    );
  });

  test('a port nobody listens on, or a container that is not running, refuses the connection', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(2000);
    expect(c.kubelet.runtime.http({ namespace: 'default', pod: 'hello-kiamol' }, 80, {})).toEqual({ error: 'connection refused' });
    c.advance(8000);
    expect(c.kubelet.runtime.http({ namespace: 'default', pod: 'hello-kiamol' }, 8080, {})).toEqual({ error: 'connection refused' });
    c.store.delete('pods', 'default', 'hello-kiamol');
    c.advance(2000);
    expect(c.kubelet.runtime.http({ podIP: '10.1.0.6' }, 80, {})).toEqual({ error: 'connection refused' });
  });
});

describe('container logs', () => {
  test('hello-kiamol’s start-up lines are nginx 1.21.6 on Alpine with one worker per CPU', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const lines = c.kubelet.runtime.logs('default', 'hello-kiamol').split('\n');
    expect(lines.slice(0, 3)).toEqual([
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    ]);
    expect(lines).toContain('2025/03/26 02:43:19 [notice] 1#1: nginx/1.21.6');
    expect(lines).toContain('2025/03/26 02:43:19 [notice] 1#1: built by gcc 10.3.1 20211027 (Alpine 10.3.1_git20211027)');
    expect(lines).toContain('2025/03/26 02:43:19 [notice] 1#1: OS: Linux 6.10.14-linuxkit');
    expect(lines.filter((l) => l.includes('start worker process '))).toHaveLength(8);
    expect(lines[lines.length - 2]).toBe('2025/03/26 02:43:19 [notice] 1#1: start worker process 39');
  });

  test('--timestamps prefixes RFC 3339 with nine fractional digits; --previous needs a previous container', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const first = c.kubelet.runtime.logs('default', 'hello-kiamol', undefined, { timestamps: true }).split('\n')[0];
    expect(first).toMatch(/^2025-03-26T02:43:19\.\d{9}Z \/docker-entrypoint\.sh: /);
    expect(() => c.kubelet.runtime.logs('default', 'hello-kiamol', undefined, { previous: true })).toThrow('previous terminated container "hello-kiamol" in pod "hello-kiamol" not found');
    expect(() => c.kubelet.runtime.logs('default', 'hello-kiamol', 'web')).toThrow('container web is not valid for pod hello-kiamol');
  });

  test('a container still being created has no logs yet', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(2000);
    expect(() => c.kubelet.runtime.logs('default', 'hello-kiamol')).toThrow('container "hello-kiamol" in pod "hello-kiamol" is waiting to start: ContainerCreating');
  });

  test('a crashed container’s output is kept for --previous', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('echo', [{ name: 'c', image: 'busybox:1.37', command: ['sh', '-c', 'echo hello from $(hostname); exit 1'] }]));
    c.advance(8000);
    expect(c.kubelet.runtime.logs('default', 'echo', 'c', { previous: true })).toBe('hello from echo\n');
  });

  test('a multi-container pod needs the container name', () => {
    const c = cluster();
    c.store.create('pods', 'default', podWith('two', [{ name: 'a', image: 'nginx:1.27' }, { name: 'b', image: 'busybox:1.37', command: ['sleep', 'infinity'] }]));
    c.advance(20_000);
    expect(() => c.kubelet.runtime.logs('default', 'two')).toThrow('a container name must be specified for pod two, choose one of: [a b]');
  });
});

describe('the container filesystem', () => {
  test('reads the image’s files, the kubelet’s /etc/hostname, and keeps writes to itself', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.store.create('pods', 'default', kubectlRun('other', 'kiamol/ch02-hello-kiamol'));
    c.advance(12_000);
    const rt = c.kubelet.runtime;
    expect(rt.readFile('default', 'hello-kiamol', undefined, '/usr/share/nginx/html/index.html').length).toBe(353);
    expect(rt.stat('default', 'hello-kiamol', undefined, '/usr/share/nginx/html/index.html')).toMatchObject({ type: 'file', size: 353 });
    expect(rt.readFile('default', 'hello-kiamol', undefined, '/etc/hostname')).toBe('hello-kiamol\n');
    expect(rt.listDir('default', 'hello-kiamol', undefined, '/usr/share/nginx/html')).toEqual([
      { name: '50x.html', type: 'file' },
      { name: 'index.html', type: 'file' },
    ]);
    rt.writeFile('default', 'hello-kiamol', undefined, '/usr/share/nginx/html/index.html', '<h1>changed</h1>\n');
    expect(rt.readFile('default', 'hello-kiamol', undefined, '/usr/share/nginx/html/index.html')).toBe('<h1>changed</h1>\n');
    // the other pod's container still sees the image's file
    expect(rt.readFile('default', 'other', undefined, '/usr/share/nginx/html/index.html').length).toBe(353);
    const res = rt.http({ namespace: 'default', pod: 'hello-kiamol' }, 80, { path: '/' });
    expect('body' in res && res.body).toBe('<h1>changed</h1>\n');
    expect(() => rt.readFile('default', 'hello-kiamol', undefined, '/nope')).toThrow('/nope: No such file or directory');
  });
});

// --- nodes and snapshots ----------------------------------------------------------------------------------

describe('node registration', () => {
  test('the kubelet registers docker-desktop with its labels, capacity, conditions and runtime', () => {
    const c = cluster();
    const n = c.store.get<Node>('nodes', undefined, 'docker-desktop');
    expect(n.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'docker-desktop',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(n.spec).toEqual({ podCIDR: '10.1.0.0/16', podCIDRs: ['10.1.0.0/16'] });
    expect(n.status!.capacity!.pods).toBe('110');
    expect(n.status!.capacity!.cpu).toBe('8');
    expect(n.status!.conditions!.map((x) => `${x.type}=${x.status} ${x.reason}`)).toEqual([
      'MemoryPressure=False KubeletHasSufficientMemory',
      'DiskPressure=False KubeletHasNoDiskPressure',
      'PIDPressure=False KubeletHasSufficientPID',
      'Ready=True KubeletReady',
    ]);
    expect(n.status!.conditions![3].message).toBe('kubelet is posting ready status');
    expect(n.status!.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.65.3' },
      { type: 'Hostname', address: 'docker-desktop' },
    ]);
    expect(n.status!.nodeInfo).toMatchObject({
      architecture: 'amd64',
      containerRuntimeVersion: 'docker://27.4.0',
      kernelVersion: '6.10.14-linuxkit',
      kubeProxyVersion: 'v1.32.2',
      kubeletVersion: 'v1.32.2',
      operatingSystem: 'linux',
      osImage: 'Docker Desktop',
    });
  });

  test('a pulled image appears in the node’s status.images', () => {
    const c = cluster();
    c.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    c.advance(10_000);
    const images = c.store.get<Node>('nodes', undefined, 'docker-desktop').status!.images!;
    expect(images).toContainEqual({ names: [`kiamol/ch02-hello-kiamol@sha256:${KIAMOL_DIGEST}`, 'kiamol/ch02-hello-kiamol:latest'], sizeBytes: 22009873 });
  });

  test('with workers, the control-plane node is tainted NoSchedule and pods land on workers', () => {
    const c = cluster({ nodes: 3 });
    expect(c.store.get<Node>('nodes', undefined, 'desktop-control-plane').spec!.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    c.store.create('pods', 'default', kubectlRun('a', 'nginx:1.27'));
    c.advance(15_000);
    expect(pod(c, 'a').spec.nodeName).toBe('desktop-worker');
    expect(pod(c, 'a').status!.podIP).toBe('10.244.1.6');
    expect(pod(c, 'a').status!.hostIP).toBe('172.18.0.3');
  });
});

describe('snapshots', () => {
  test('a snapshot taken mid-pull restores and continues to Running with the same ids', () => {
    const a = cluster();
    a.store.create('pods', 'default', kubectlRun('hello-kiamol', 'kiamol/ch02-hello-kiamol'));
    a.advance(3000);
    expect(row(pod(a, 'hello-kiamol'))).toBe('0/1 ContainerCreating 0');
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = Cluster.restore(snap, { controllers: [createScheduler(), createKubelet()] });
    a.advance(7000);
    b.advance(7000);
    const sa = pod(a, 'hello-kiamol').status!;
    const sb = pod(b, 'hello-kiamol').status!;
    expect(sb.phase).toBe('Running');
    expect(sb).toEqual(sa);
    expect(eventLines(b, 'hello-kiamol')).toEqual(eventLines(a, 'hello-kiamol'));
    expect(b.kubelet.runtime.listContainers({ all: true }).map((x) => x.id)).toEqual(a.kubelet.runtime.listContainers({ all: true }).map((x) => x.id));
    expect(b.kubelet.runtime.logs('default', 'hello-kiamol')).toBe(a.kubelet.runtime.logs('default', 'hello-kiamol'));
  });

  test('an idle cluster snapshot stays small', () => {
    const c = cluster();
    expect(JSON.stringify(c.snapshot()).length).toBeLessThan(100_000);
  });
});
