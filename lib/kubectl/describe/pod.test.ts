import { describe, expect, it } from 'vitest';
import seedCapture from './testdata/seed-001-describe-pod.txt?raw';
import { createCluster } from '../../cluster/cluster';
import type { Event, Pod } from '../../k8s/types';
import { describePod } from './index';

const SEOUL = 540;

function helloKiamol() {
  const c = createCluster();
  c.store.create('pods', 'default', {
    metadata: { name: 'hello-kiamol', labels: { run: 'hello-kiamol' } },
    spec: { containers: [{ name: 'hello-kiamol', image: 'kiamol/ch02-hello-kiamol' }] },
  });
  const ready = () => (c.store.get('pods', 'default', 'hello-kiamol') as Pod).status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True') === true;
  expect(c.runUntil(ready, 60000)).toBe(true);
  c.advance(19 * 60000);
  const pod = c.store.get('pods', 'default', 'hello-kiamol') as Pod;
  const events = c.store.list('events', 'default', { fieldSelector: 'involvedObject.name=hello-kiamol' }).items as Event[];
  return { c, pod, events };
}

/** Masks what differs between two runs of the same pod: ids, IPs, the volume suffix, times. */
function normalize(text: string): string[] {
  return text
    .split('\n')
    .map((l) =>
      l
        .replace(/ #.*$/, '') // the note's own comment on the IP line
        .replace(/docker:\/\/[0-9a-f]{64}/, 'docker://<id>')
        .replace(/\b10\.1\.\d+\.\d+\b/g, '<pod-ip>')
        .replace(/kube-api-access-[*a-z0-9]{5,6}/g, 'kube-api-access-<x>')
        .replace('/******/serviceaccount', '/var/run/secrets/kubernetes.io/serviceaccount')
        // the seed's cluster was 1.33+; ours is 1.32 (kube-protocol §3.3)
        .replace('Created container: ', 'Created container ')
        // the note's markdown lost trailing spaces (the Conditions rows end in one)
        .trimEnd(),
    );
}

describe('kubectl describe pod', () => {
  it('describe pod hello-kiamol matches the real docker-desktop capture line by line', () => {
    const { c, pod, events } = helloKiamol();
    const out = describePod(pod, events, { now: c.now(), tzOffsetMinutes: SEOUL });
    const seed = seedCapture;
    expect(normalize(out)).toEqual(normalize(seed));
  });

  it('describe pod prints the exact text, with trailing spaces on condition rows and a final newline', () => {
    const { c, pod, events } = helloKiamol();
    const out = describePod(pod, events, { now: c.now(), tzOffsetMinutes: SEOUL });
    const ip = pod.status?.podIP;
    const cid = pod.status?.containerStatuses?.[0].containerID;
    const vol = pod.spec.volumes?.[0].name;
    expect(out).toBe(`Name:             hello-kiamol
Namespace:        default
Priority:         0
Service Account:  default
Node:             docker-desktop/192.168.65.3
Start Time:       Wed, 26 Mar 2025 11:43:14 +0900
Labels:           run=hello-kiamol
Annotations:      <none>
Status:           Running
IP:               ${ip}
IPs:
  IP:  ${ip}
Containers:
  hello-kiamol:
    Container ID:   ${cid}
    Image:          kiamol/ch02-hello-kiamol
    Image ID:       docker-pullable://kiamol/ch02-hello-kiamol@sha256:f4165d27755978cffde4e5cc7187e8123d929d239409e108e760130d9e0d8f2f
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Wed, 26 Mar 2025 11:43:19 +0900
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from ${vol} (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  ${vol}:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  19m   default-scheduler  Successfully assigned default/hello-kiamol to docker-desktop
  Normal  Pulling    19m   kubelet            Pulling image "kiamol/ch02-hello-kiamol"
  Normal  Pulled     19m   kubelet            Successfully pulled image "kiamol/ch02-hello-kiamol" in 5.358s (5.358s including waiting). Image size: 22009873 bytes.
  Normal  Created    19m   kubelet            Created container hello-kiamol
  Normal  Started    19m   kubelet            Started container hello-kiamol
`);
  });

  it('Start Time and Started use RFC1123Z in kubectl local zone, +0000 by default', () => {
    const { c, pod, events } = helloKiamol();
    const out = describePod(pod, events, { now: c.now() });
    expect(out).toContain('Start Time:       Wed, 26 Mar 2025 02:43:14 +0000\n');
    expect(out).toContain('      Started:      Wed, 26 Mar 2025 02:43:19 +0000\n');
    const kolkata = describePod(pod, events, { now: c.now(), tzOffsetMinutes: 330 });
    expect(kolkata).toContain('Start Time:       Wed, 26 Mar 2025 08:13:14 +0530\n');
  });

  it('--show-events=false leaves the Events section out and an empty list prints Events:  <none>', () => {
    const { c, pod } = helloKiamol();
    const without = describePod(pod, [], { now: c.now(), showEvents: false });
    expect(without.endsWith('                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n')).toBe(true);
    const none = describePod(pod, [], { now: c.now() });
    expect(none.endsWith('Events:                      <none>\n')).toBe(true);
  });

  it('a deleted pod reads Terminating (lasts …) with its grace period', () => {
    const { c, pod } = helloKiamol();
    const deleting: Pod = {
      ...pod,
      metadata: { ...pod.metadata, deletionTimestamp: new Date(c.now() - 5000).toISOString().replace(/\.\d+Z$/, 'Z'), deletionGracePeriodSeconds: 30 },
    };
    const out = describePod(deleting, [], { now: c.now() });
    expect(out).toContain('Status:                    Terminating (lasts 5s)\nTermination Grace Period:  30s\n');
  });

  it('events sort by lastTimestamp with zero first and repeated ones read (xN over first)', () => {
    const { c, pod } = helloKiamol();
    const t = (msAgo: number) => new Date(c.now() - msAgo).toISOString().replace(/\.\d+Z$/, 'Z');
    const ev = (name: string, e: Partial<Event>): Event => ({ metadata: { name }, involvedObject: { name: 'hello-kiamol' }, type: 'Normal', ...e });
    const events = [
      ev('a', { reason: 'BackOff', type: 'Warning', count: 3, firstTimestamp: t(300000), lastTimestamp: t(10000), source: { component: 'kubelet' }, message: ' Back-off restarting failed container \n' }),
      ev('b', { reason: 'Scheduled', eventTime: t(600000), firstTimestamp: null, lastTimestamp: null, reportingController: 'default-scheduler', message: 'Successfully assigned' } as Partial<Event>),
      ev('c', { reason: 'Pulled', count: 1, firstTimestamp: t(400000), lastTimestamp: t(400000), source: { component: 'kubelet' }, message: 'pulled' }),
    ];
    const out = describePod(pod, events, { now: c.now() });
    expect(out.slice(out.indexOf('Events:'))).toBe(`Events:
  Type     Reason     Age               From               Message
  ----     ------     ----              ----               -------
  Normal   Scheduled  10m               default-scheduler  Successfully assigned
  Normal   Pulled     6m40s             kubelet            pulled
  Warning  BackOff    10s (x3 over 5m)  kubelet            Back-off restarting failed container
`);
  });
});
