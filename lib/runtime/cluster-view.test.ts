import { describe, expect, it } from 'vitest';
import { Kernel } from './kernel';
import { clusterView, eventTextKo, goDurationKo, podTone, viewOfCluster } from './cluster-view';
import type { Event, Pod } from '../k8s/types';

async function kernelAfter(...commands: string[]): Promise<Kernel> {
  const k = new Kernel({ seed: 7 });
  let i = 0;
  for (const source of commands) {
    const r = await k.run({ type: 'command', id: `c${i++}`, source });
    expect(r.failed, `${source}: ${JSON.stringify(r.outputs)}`).toBe(false);
  }
  // as a reader would take a moment before looking at the panel: controllers catch up
  k.cluster!.advance(2000);
  return k;
}

function ev(partial: Partial<Event> & { reason: string; message: string }): Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'x.1', namespace: 'default', uid: 'e1' },
    involvedObject: { kind: 'Pod', name: 'hello-kiamol', namespace: 'default' },
    type: 'Normal',
    ...partial,
  };
}

describe('the live cluster view (chapter 2)', () => {
  it('kubectl run makes one bare pod that is Running 1/1 with the STATUS kubectl prints', async () => {
    const k = await kernelAfter('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol', 'kubectl wait --for=condition=Ready pod hello-kiamol');
    const v = viewOfCluster(k.cluster!);
    expect(v.deployments).toEqual([]);
    expect(v.pods).toHaveLength(1);
    expect(v.pods[0]).toMatchObject({ key: 'default/hello-kiamol', name: 'hello-kiamol', phase: 'Running', status: 'Running', ready: '1/1', restarts: 0, restartsText: '0', node: 'docker-desktop', tone: 'running', deleting: false });
    expect(v.pods[0].owner).toBeUndefined();
    expect(v.pods[0].labels).toEqual({ run: 'hello-kiamol' });
  });

  it('a pod that has just been created shows Pending and ContainerCreating before the image arrives', async () => {
    const k = new Kernel({ seed: 7 });
    await k.run({ type: 'command', id: 'c0', source: 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol' });
    // the kernel's pause before a cell lets the scheduler bind it; the pull takes seconds longer
    const cluster = k.cluster!;
    const pod = viewOfCluster(cluster).pods[0];
    expect(pod.phase).toBe('Pending');
    expect(['Pending', 'ContainerCreating']).toContain(pod.status);
    expect(pod.tone).toBe('pending');
  });

  it('kubectl create deployment shows the Deployment → ReplicaSet → Pod tree and no bare pod', async () => {
    const k = await kernelAfter('kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol', 'kubectl rollout status deployment/hello-kiamol-2');
    const v = viewOfCluster(k.cluster!);
    expect(v.pods).toEqual([]);
    expect(v.replicaSets).toEqual([]);
    expect(v.deployments).toHaveLength(1);
    const d = v.deployments[0];
    expect(d).toMatchObject({ name: 'hello-kiamol-2', desired: 1, ready: 1, available: 1, selector: 'app=hello-kiamol-2' });
    expect(d.replicaSets).toHaveLength(1);
    const rs = d.replicaSets[0];
    expect(rs.name).toMatch(/^hello-kiamol-2-[a-z0-9]{8,10}$/);
    expect(rs).toMatchObject({ desired: 1, current: 1, ready: 1, revision: '1' });
    expect(rs.pods).toHaveLength(1);
    expect(rs.pods[0].name.startsWith(`${rs.name}-`)).toBe(true);
    expect(rs.pods[0]).toMatchObject({ status: 'Running', ready: '1/1', tone: 'running', owner: { kind: 'ReplicaSet', name: rs.name } });
  });

  it('relabelling a managed pod makes a new pod appear under the ReplicaSet and leaves the old one bare', async () => {
    const k = await kernelAfter('kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol', 'kubectl rollout status deployment/hello-kiamol-2');
    const before = viewOfCluster(k.cluster!).deployments[0].replicaSets[0].pods[0].name;
    const r = await k.run({ type: 'command', id: 'relabel', source: 'kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x' });
    expect(r.outputs[0]).toMatchObject({ text: `pod/${before} labeled\n` });
    k.cluster!.advance(2000);
    const v = viewOfCluster(k.cluster!);
    const managed = v.deployments[0].replicaSets[0].pods;
    expect(managed).toHaveLength(1);
    expect(managed[0].name).not.toBe(before);
    expect(managed[0].labels.app).toBe('hello-kiamol-2');
    expect(v.pods.map((p) => p.name)).toEqual([before]);
    expect(v.pods[0].labels.app).toBe('hello-kiamol-x');
    expect(v.pods[0].owner).toBeUndefined();
  });

  it('the timeline tells in Korean who scheduled, pulled, created and started the pod, oldest first', async () => {
    const k = await kernelAfter('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol', 'kubectl wait --for=condition=Ready pod hello-kiamol');
    const texts = viewOfCluster(k.cluster!).events.map((e) => e.text);
    expect(texts[0]).toBe('스케줄러가 default/hello-kiamol 파드를 docker-desktop 노드에 배치했습니다');
    expect(texts).toContain('kubelet이 "kiamol/ch02-hello-kiamol" 이미지를 받기 시작했습니다 (hello-kiamol 파드)');
    expect(texts.some((t) => /^kubelet이 "kiamol\/ch02-hello-kiamol" 이미지를 받았습니다 \(\d+\.\d초\)$/.test(t))).toBe(true);
    expect(texts.slice(-2)).toEqual(['kubelet이 hello-kiamol 파드의 hello-kiamol 컨테이너를 만들었습니다', 'kubelet이 hello-kiamol 파드의 hello-kiamol 컨테이너를 시작했습니다']);
    const scheduled = viewOfCluster(k.cluster!).events[0];
    expect(scheduled).toMatchObject({ component: 'default-scheduler', componentKo: '스케줄러', reason: 'Scheduled', object: { kind: 'Pod', name: 'hello-kiamol', namespace: 'default' } });
  });

  it('the timeline says the ReplicaSet controller created pods and the Deployment controller scaled', async () => {
    const k = await kernelAfter('kubectl create deployment web --image=kiamol/ch02-hello-kiamol --replicas=2', 'kubectl scale deployment web --replicas=1');
    const v = viewOfCluster(k.cluster!);
    const rs = v.deployments[0].replicaSets[0].name;
    const texts = v.events.map((e) => e.text);
    expect(texts).toContain(`디플로이먼트 컨트롤러가 레플리카셋 ${rs}의 레플리카를 0개에서 2개로 늘렸습니다 (디플로이먼트 web)`);
    expect(texts).toContain(`디플로이먼트 컨트롤러가 레플리카셋 ${rs}의 레플리카를 2개에서 1개로 줄였습니다 (디플로이먼트 web)`);
    expect(texts.filter((t) => t.startsWith('레플리카셋 컨트롤러가 ') && t.endsWith(`파드를 만들었습니다 (레플리카셋 ${rs})`))).toHaveLength(2);
    expect(texts.filter((t) => /^레플리카셋 컨트롤러가 \S+ 파드를 삭제했습니다 \(레플리카 수 초과, 레플리카셋 /.test(t))).toHaveLength(1);
  });

  it('services list their ports like kubectl and the pods their selector matches', async () => {
    const k = await kernelAfter('kubectl create deployment web --image=kiamol/ch02-hello-kiamol', 'kubectl expose deployment web --port=8080 --target-port=80 --type=NodePort');
    const v = viewOfCluster(k.cluster!);
    expect(v.services).toHaveLength(1);
    expect(v.services[0]).toMatchObject({ name: 'web', type: 'NodePort', selector: 'app=web' });
    expect(v.services[0].ports).toMatch(/^8080:3\d{4}\/TCP$/);
    expect(v.services[0].pods).toEqual(v.deployments[0].replicaSets[0].pods.map((p) => p.name));
  });

  it('kube-system is hidden unless asked for', async () => {
    const k = new Kernel({ seed: 7 });
    const all = viewOfCluster(k.cluster!, { includeSystem: true });
    const mine = viewOfCluster(k.cluster!);
    expect(mine.pods.filter((p) => p.namespace.startsWith('kube-'))).toEqual([]);
    expect(all.pods.length + all.deployments.length).toBeGreaterThanOrEqual(mine.pods.length + mine.deployments.length);
  });

  it('keeps only the newest events when there are more than maxEvents', () => {
    const events = [1, 2, 3].map((i) =>
      ev({ reason: 'Started', message: 'Started container web', metadata: { name: `e${i}`, namespace: 'default', uid: `u${i}` }, lastTimestamp: `2026-01-01T00:00:0${i}Z` }),
    );
    const v = clusterView({ deployments: [], replicaSets: [], pods: [], services: [], events: events.reverse() }, 0, { maxEvents: 2 });
    expect(v.events.map((e) => e.key)).toEqual(['u2', 'u3']);
  });
});

describe('Korean event texts', () => {
  it('words every reason the simulator records', () => {
    const kubelet = { source: { component: 'kubelet', host: 'docker-desktop' } };
    const c = { kind: 'Pod', name: 'web-1', namespace: 'default', fieldPath: 'spec.containers{web}' };
    const rsObj = { kind: 'ReplicaSet', name: 'web-abc', namespace: 'default' };
    const dObj = { kind: 'Deployment', name: 'web', namespace: 'default' };
    const rsc = { source: { component: 'replicaset-controller' }, involvedObject: rsObj };
    const dc = { source: { component: 'deployment-controller' }, involvedObject: dObj };
    const sched = { source: {}, reportingComponent: 'default-scheduler' };
    const cases: [Partial<Event> & { reason: string; message: string }, string][] = [
      [{ ...sched, reason: 'Scheduled', message: 'Successfully assigned default/web-1 to docker-desktop' }, '스케줄러가 default/web-1 파드를 docker-desktop 노드에 배치했습니다'],
      [
        { ...sched, reason: 'FailedScheduling', message: '0/1 nodes are available: 1 Insufficient cpu.', involvedObject: c },
        '스케줄러가 default/web-1 파드를 둘 노드를 찾지 못했습니다: 0/1 nodes are available: 1 Insufficient cpu.',
      ],
      [{ ...rsc, reason: 'SuccessfulCreate', message: 'Created pod: web-abc-x1' }, '레플리카셋 컨트롤러가 web-abc-x1 파드를 만들었습니다 (레플리카셋 web-abc)'],
      [{ ...rsc, reason: 'FailedCreate', message: 'Error creating: pods "web-abc-x" is forbidden: exceeded quota' }, '레플리카셋 컨트롤러가 레플리카셋 web-abc의 파드를 만들지 못했습니다: pods "web-abc-x" is forbidden: exceeded quota'],
      [{ ...rsc, reason: 'SuccessfulDelete', message: 'Deleted pod: web-abc-x1' }, '레플리카셋 컨트롤러가 web-abc-x1 파드를 삭제했습니다 (레플리카 수 초과, 레플리카셋 web-abc)'],
      [{ ...rsc, reason: 'FailedDelete', message: 'Error deleting: not found' }, '레플리카셋 컨트롤러가 레플리카셋 web-abc의 파드를 삭제하지 못했습니다: not found'],
      [{ ...dc, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-abc from 0 to 3' }, '디플로이먼트 컨트롤러가 레플리카셋 web-abc의 레플리카를 0개에서 3개로 늘렸습니다 (디플로이먼트 web)'],
      [{ ...dc, reason: 'ScalingReplicaSet', message: 'Scaled down replica set web-abc from 3 to 1' }, '디플로이먼트 컨트롤러가 레플리카셋 web-abc의 레플리카를 3개에서 1개로 줄였습니다 (디플로이먼트 web)'],
      [{ ...dc, reason: 'ReplicaSetCreateError', message: 'Failed to create new replica set "web-abc": boom' }, '디플로이먼트 컨트롤러가 디플로이먼트 web의 레플리카셋을 만들지 못했습니다: Failed to create new replica set "web-abc": boom'],
      [
        { ...dc, type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' },
        '디플로이먼트 컨트롤러가 디플로이먼트 web의 셀렉터가 비어 있어 모든 파드를 고르게 되므로 처리하지 않습니다. 비어 있지 않은 셀렉터가 필요합니다',
      ],
      [{ ...kubelet, involvedObject: c, reason: 'Pulling', message: 'Pulling image "nginx:1.27"' }, 'kubelet이 "nginx:1.27" 이미지를 받기 시작했습니다 (web-1 파드)'],
      [
        { ...kubelet, involvedObject: c, reason: 'Pulled', message: 'Successfully pulled image "kiamol/ch02-hello-kiamol" in 2.127s (2.127s including waiting). Image size: 123 bytes.' },
        'kubelet이 "kiamol/ch02-hello-kiamol" 이미지를 받았습니다 (2.1초)',
      ],
      [{ ...kubelet, involvedObject: c, reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine' }, 'kubelet이 노드에 이미 있는 "nginx:1.27" 이미지를 씁니다 (web-1 파드)'],
      [{ ...kubelet, involvedObject: c, reason: 'Created', message: 'Created container web' }, 'kubelet이 web-1 파드의 web 컨테이너를 만들었습니다'],
      [{ ...kubelet, involvedObject: c, reason: 'Started', message: 'Started container web' }, 'kubelet이 web-1 파드의 web 컨테이너를 시작했습니다'],
      [{ ...kubelet, involvedObject: c, reason: 'Killing', message: 'Stopping container web' }, 'kubelet이 web-1 파드의 web 컨테이너를 멈추고 있습니다'],
      [
        { ...kubelet, involvedObject: c, type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container web in pod web-1_default(uid)' },
        'kubelet이 계속 실패하는 web-1 파드의 web 컨테이너의 재시작을 잠시 미룹니다 (CrashLoopBackOff)',
      ],
      [{ ...kubelet, involvedObject: c, reason: 'BackOff', message: 'Back-off pulling image "nginx:nope"' }, 'kubelet이 "nginx:nope" 이미지 받기를 잠시 미룹니다 (ImagePullBackOff)'],
      [
        { ...kubelet, involvedObject: c, type: 'Warning', reason: 'Failed', message: 'Failed to pull image "nginx:nope": manifest unknown' },
        'kubelet이 "nginx:nope" 이미지를 받지 못했습니다: manifest unknown',
      ],
      [{ ...kubelet, involvedObject: c, type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' }, 'kubelet이 web-1 파드의 web 컨테이너를 시작하지 못했습니다: ErrImagePull'],
      [
        { ...kubelet, involvedObject: c, type: 'Warning', reason: 'InspectFailed', message: 'Failed to apply default image tag "NGINX": invalid reference format' },
        'kubelet이 이미지 이름을 해석하지 못했습니다 (web-1 파드): Failed to apply default image tag "NGINX": invalid reference format',
      ],
      [
        { ...kubelet, involvedObject: c, type: 'Warning', reason: 'ErrImageNeverPull', message: 'Container image "nginx:1.27" is not present with pull policy of Never' },
        'kubelet이 노드에 "nginx:1.27" 이미지가 없는데 imagePullPolicy가 Never라서 받지 않습니다 (web-1 파드)',
      ],
    ];
    for (const [e, text] of cases) expect(eventTextKo(ev(e))).toBe(text);
  });

  it('falls back to the reason and message for a reason it does not know', () => {
    expect(eventTextKo(ev({ source: { component: 'node-controller' }, reason: 'NodeNotReady', message: 'Node is not ready' }))).toBe(
      'node-controller 컴포넌트가 파드 default/hello-kiamol에 대해 알렸습니다: NodeNotReady — Node is not ready',
    );
  });

  it('reads Go durations as Korean seconds', () => {
    expect(goDurationKo('2.127s')).toBe('2.1초');
    expect(goDurationKo('512ms')).toBe('0.5초');
    expect(goDurationKo('1m2.5s')).toBe('1분 2.5초');
    expect(goDurationKo('soon')).toBeUndefined();
  });

  it('colours pods by the STATUS column first', () => {
    expect(podTone('CrashLoopBackOff', 'Running', false)).toBe('failed');
    expect(podTone('ErrImagePull', 'Pending', false)).toBe('failed');
    expect(podTone('ContainerCreating', 'Pending', false)).toBe('pending');
    expect(podTone('Init:0/1', 'Pending', false)).toBe('pending');
    expect(podTone('Completed', 'Succeeded', false)).toBe('succeeded');
    expect(podTone('Running', 'Running', true)).toBe('terminating');
    expect(podTone('Running', 'Running', false)).toBe('running');
  });

  it('a pod summary keeps a pod being deleted visible as Terminating', () => {
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default', uid: 'u', deletionTimestamp: '2026-01-01T00:00:00Z' },
      spec: { containers: [{ name: 'c', image: 'x' }] },
      status: { phase: 'Running' },
    };
    const v = clusterView({ deployments: [], replicaSets: [], pods: [pod], services: [], events: [] }, 0);
    expect(v.pods[0]).toMatchObject({ status: 'Terminating', tone: 'terminating', deleting: true });
  });
});
