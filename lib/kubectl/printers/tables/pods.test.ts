import { describe, expect, test } from 'vitest';
import type { ContainerStatus, Pod } from '../../../k8s/types';
import { POD_COLUMNS, podCells, podRowConditions } from './pods';
import { NOW, ago } from './testing';

function pod(over: Partial<Pod> & { status?: Pod['status'] } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(5 * 60), ...(over.metadata ?? {}) },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...(over.spec ?? {}) },
    status: over.status,
  };
}

function running(name: string, ready = true, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready, restartCount: 0, image: 'nginx:1.27', imageID: '', started: true, state: { running: { startedAt: ago(60) } }, ...extra };
}

function waiting(name: string, reason: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return { name, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false, state: { waiting: { reason } }, ...extra };
}

function terminated(name: string, exitCode: number, reason?: string, extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name,
    ready: false,
    restartCount: 0,
    image: 'busybox',
    imageID: '',
    started: false,
    state: { terminated: { exitCode, ...(reason ? { reason } : {}), startedAt: ago(70), finishedAt: ago(60) } },
    ...extra,
  };
}

const scheduled = { containers: [{ name: 'web', image: 'nginx:1.27' }], nodeName: 'node-1' };

describe('the Pod columns', () => {
  test('are Name, Ready, Status, Restarts, Age and the wide IP, Node, Nominated Node, Readiness Gates', () => {
    expect(POD_COLUMNS.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Status', 'string', '', 0],
      ['Restarts', 'string', '', 0],
      ['Age', 'string', '', 0],
      ['IP', 'string', '', 1],
      ['Node', 'string', '', 1],
      ['Nominated Node', 'string', '', 1],
      ['Readiness Gates', 'string', '', 1],
    ]);
    expect(POD_COLUMNS[2].description).toBe('The aggregate status of the containers in this pod.');
    expect(POD_COLUMNS[4].description).toContain('It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system.');
  });
});

describe('printPod STATUS, READY and RESTARTS', () => {
  test('a pod the apiserver has just created (phase Pending, no container statuses) is Pending 0/1', () => {
    const p = pod({ metadata: { name: 'web', creationTimestamp: ago(5) }, status: { phase: 'Pending', qosClass: 'BestEffort' } });
    expect(podCells(p, NOW)).toEqual(['web', '0/1', 'Pending', '0', '5s', '<none>', '<none>', '<none>', '<none>']);
  });

  test('a scheduled pod whose container is being created shows ContainerCreating and its node', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Pending', hostIP: '172.18.0.2', containerStatuses: [waiting('web', 'ContainerCreating')] } });
    expect(podCells(p, NOW)).toEqual(['web', '0/1', 'ContainerCreating', '0', '5m', '<none>', 'node-1', '<none>', '<none>']);
  });

  test('a running ready container gives Running 1/1 with the pod IP', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Running', podIP: '10.244.0.5', podIPs: [{ ip: '10.244.0.5' }], containerStatuses: [running('web')] } });
    expect(podCells(p, NOW)).toEqual(['web', '1/1', 'Running', '0', '5m', '10.244.0.5', 'node-1', '<none>', '<none>']);
  });

  test('two running ready containers give Running 2/2', () => {
    const p = pod({
      spec: { containers: [{ name: 'web' }, { name: 'sidecar' }], nodeName: 'node-1' },
      status: { phase: 'Running', podIPs: [{ ip: '10.244.0.6' }], containerStatuses: [running('sidecar'), running('web')] },
    });
    expect(podCells(p, NOW).slice(0, 5)).toEqual(['web', '2/2', 'Running', '0', '5m']);
  });

  test('a running container that fails its readiness probe shows Running 0/1', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Running', containerStatuses: [running('web', false)] } });
    expect(podCells(p, NOW).slice(0, 4)).toEqual(['web', '0/1', 'Running', '0']);
  });

  test('a crash-looping container shows CrashLoopBackOff and RESTARTS with the time since its last exit', () => {
    const p = pod({
      spec: scheduled,
      status: {
        phase: 'Running',
        containerStatuses: [
          waiting('web', 'CrashLoopBackOff', { restartCount: 3, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(30), finishedAt: ago(25) } } }),
        ],
      },
    });
    expect(podCells(p, NOW).slice(0, 5)).toEqual(['web', '0/1', 'CrashLoopBackOff', '3 (25s ago)', '5m']);
  });

  test('restarts without a recorded last termination print as a bare number', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Running', containerStatuses: [running('web', true, { restartCount: 2 })] } });
    expect(podCells(p, NOW)[3]).toBe('2');
  });

  test('a container that exited 0 shows Completed, with the Completed row condition of a Succeeded pod', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Succeeded', containerStatuses: [terminated('web', 0, 'Completed')] } });
    expect(podCells(p, NOW).slice(0, 4)).toEqual(['web', '0/1', 'Completed', '0']);
    expect(podRowConditions(p)).toEqual([{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }]);
  });

  test('a container that exited non-zero shows Error, with the Failed row condition', () => {
    const p = pod({ spec: scheduled, status: { phase: 'Failed', containerStatuses: [terminated('web', 1, 'Error')] } });
    expect(podCells(p, NOW).slice(0, 4)).toEqual(['web', '0/1', 'Error', '0']);
    expect(podRowConditions(p)).toEqual([{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]);
  });

  test('a running pod has no row conditions', () => {
    expect(podRowConditions(pod({ status: { phase: 'Running' } }))).toBeUndefined();
  });

  test('a terminated container without a reason shows ExitCode:N, or Signal:N when killed by a signal', () => {
    const exit = pod({ spec: scheduled, status: { phase: 'Failed', containerStatuses: [terminated('web', 2)] } });
    expect(podCells(exit, NOW)[2]).toBe('ExitCode:2');
    const sig = pod({
      spec: scheduled,
      status: { phase: 'Failed', containerStatuses: [{ ...terminated('web', 137), state: { terminated: { exitCode: 137, signal: 9 } } }] },
    });
    expect(podCells(sig, NOW)[2]).toBe('Signal:9');
  });

  test('an image that cannot be pulled shows ErrImagePull, then ImagePullBackOff', () => {
    const pull = pod({ spec: scheduled, status: { phase: 'Pending', containerStatuses: [waiting('web', 'ErrImagePull')] } });
    expect(podCells(pull, NOW).slice(0, 4)).toEqual(['web', '0/1', 'ErrImagePull', '0']);
    const backoff = pod({ spec: scheduled, status: { phase: 'Pending', containerStatuses: [waiting('web', 'ImagePullBackOff')] } });
    expect(podCells(backoff, NOW)[2]).toBe('ImagePullBackOff');
  });

  test('a pod being deleted shows Terminating while its container still runs', () => {
    const p = pod({
      metadata: { name: 'web', creationTimestamp: ago(600), deletionTimestamp: ago(-30), deletionGracePeriodSeconds: 30 },
      spec: scheduled,
      status: { phase: 'Running', containerStatuses: [running('web')] },
    });
    expect(podCells(p, NOW).slice(0, 5)).toEqual(['web', '1/1', 'Terminating', '0', '10m']);
  });

  test('a deleted pod that already Succeeded keeps showing Completed', () => {
    const p = pod({
      metadata: { name: 'web', creationTimestamp: ago(600), deletionTimestamp: ago(0) },
      spec: scheduled,
      status: { phase: 'Succeeded', containerStatuses: [terminated('web', 0, 'Completed')] },
    });
    expect(podCells(p, NOW)[2]).toBe('Completed');
  });

  test('a deleted pod on a lost node shows Unknown', () => {
    const p = pod({
      metadata: { name: 'web', creationTimestamp: ago(600), deletionTimestamp: ago(0) },
      spec: scheduled,
      status: { phase: 'Running', reason: 'NodeLost', containerStatuses: [running('web')] },
    });
    expect(podCells(p, NOW)[2]).toBe('Unknown');
  });

  test('a pod whose init container runs shows Init:0/1 and its app containers PodInitializing', () => {
    const p = pod({
      spec: { ...scheduled, initContainers: [{ name: 'init', image: 'busybox' }] },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Initialized', status: 'False' }],
        initContainerStatuses: [running('init', false)],
        containerStatuses: [waiting('web', 'PodInitializing')],
      },
    });
    expect(podCells(p, NOW).slice(0, 4)).toEqual(['web', '0/1', 'Init:0/1', '0']);
  });

  test('the second of two init containers, still waiting to start, shows Init:1/2', () => {
    const p = pod({
      spec: { ...scheduled, initContainers: [{ name: 'a' }, { name: 'b' }] },
      status: { phase: 'Pending', initContainerStatuses: [terminated('a', 0, 'Completed'), waiting('b', 'PodInitializing')] },
    });
    expect(podCells(p, NOW)[2]).toBe('Init:1/2');
  });

  test('failing init containers show Init:CrashLoopBackOff, Init:Error and Init:ExitCode:N, counting init restarts', () => {
    const crash = pod({
      spec: { ...scheduled, initContainers: [{ name: 'init' }] },
      status: {
        phase: 'Pending',
        initContainerStatuses: [
          waiting('init', 'CrashLoopBackOff', { restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(90) } } }),
        ],
        containerStatuses: [waiting('web', 'PodInitializing')],
      },
    });
    expect(podCells(crash, NOW).slice(0, 4)).toEqual(['web', '0/1', 'Init:CrashLoopBackOff', '4 (90s ago)']);
    const error = pod({ spec: { ...scheduled, initContainers: [{ name: 'init' }] }, status: { phase: 'Pending', initContainerStatuses: [terminated('init', 1, 'Error')] } });
    expect(podCells(error, NOW)[2]).toBe('Init:Error');
    const exit = pod({ spec: { ...scheduled, initContainers: [{ name: 'init' }] }, status: { phase: 'Pending', initContainerStatuses: [terminated('init', 3)] } });
    expect(podCells(exit, NOW)[2]).toBe('Init:ExitCode:3');
  });

  test('a started sidecar (restartable init container) counts in READY and its restarts in RESTARTS', () => {
    const p = pod({
      spec: { containers: [{ name: 'web' }], initContainers: [{ name: 'proxy', restartPolicy: 'Always' }], nodeName: 'node-1' },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
        initContainerStatuses: [running('proxy', true, { restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(60) } } })],
        containerStatuses: [running('web')],
      },
    });
    expect(podCells(p, NOW).slice(0, 4)).toEqual(['web', '2/2', 'Running', '2 (60s ago)']);
  });

  test('a completed container next to a running one shows NotReady without the Ready condition, Running with it', () => {
    const statuses = [running('web'), terminated('job', 0, 'Completed')];
    const spec = { containers: [{ name: 'web' }, { name: 'job' }], nodeName: 'node-1' };
    const notReady = pod({ spec, status: { phase: 'Running', containerStatuses: statuses } });
    expect(podCells(notReady, NOW).slice(0, 3)).toEqual(['web', '1/2', 'NotReady']);
    const ready = pod({ spec, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: statuses } });
    expect(podCells(ready, NOW)[2]).toBe('Running');
  });

  test('the first container in spec order decides STATUS because statuses are walked in reverse', () => {
    const p = pod({
      spec: { containers: [{ name: 'a' }, { name: 'b' }], nodeName: 'node-1' },
      status: { phase: 'Pending', containerStatuses: [waiting('a', 'ErrImagePull'), waiting('b', 'ContainerCreating')] },
    });
    expect(podCells(p, NOW)[2]).toBe('ErrImagePull');
  });

  test('a scheduling-gated pod shows SchedulingGated', () => {
    const p = pod({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] } });
    expect(podCells(p, NOW)[2]).toBe('SchedulingGated');
  });
});

describe('printPod wide cells', () => {
  test('kubectl get pods -o wide reads IP, NODE, NOMINATED NODE and READINESS GATES from the row', () => {
    const p = pod({
      spec: { ...scheduled, readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      status: {
        phase: 'Running',
        nominatedNodeName: 'node-2',
        podIPs: [{ ip: '10.244.1.7' }, { ip: 'fd00::7' }],
        conditions: [
          { type: 'example.com/lb', status: 'True' },
          { type: 'example.com/dns', status: 'False' },
        ],
        containerStatuses: [running('web')],
      },
    });
    expect(podCells(p, NOW).slice(5)).toEqual(['10.244.1.7', 'node-1', 'node-2', '1/2']);
  });

  test('podIP wins over podIPs, as the v1 to internal conversion makes it', () => {
    const p = pod({ status: { phase: 'Running', podIP: '10.0.0.9' } });
    expect(podCells(p, NOW)[5]).toBe('10.0.0.9');
  });
});
