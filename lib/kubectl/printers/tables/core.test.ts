import { describe, expect, test } from 'vitest';
import { rfc3339Micro } from '../../../k8s/duration';
import type { ConfigMap, Namespace, Node, Secret, ServiceAccount } from '../../../k8s/types';
import {
  EVENT_COLUMNS,
  NODE_COLUMNS,
  configMapCells,
  eventCells,
  namespaceCells,
  nodeCells,
  secretCells,
  serviceAccountCells,
  type EventLike,
} from './core';
import { DAY, HOUR, MINUTE, NOW, ago } from './testing';

describe('printNamespace', () => {
  test('shows the phase, Active by default', () => {
    const ns: Namespace = { metadata: { name: 'default', creationTimestamp: ago(5 * DAY) }, status: { phase: 'Active' } };
    expect(namespaceCells(ns, NOW)).toEqual(['default', 'Active', '5d']);
    expect(namespaceCells({ metadata: { name: 'x', creationTimestamp: ago(3) } }, NOW)).toEqual(['x', 'Active', '3s']);
    expect(namespaceCells({ metadata: { name: 'old', creationTimestamp: ago(3) }, status: { phase: 'Terminating' } }, NOW)[1]).toBe('Terminating');
  });
});

describe('printNode', () => {
  const controlPlane: Node = {
    metadata: {
      name: 'podbook-control-plane',
      creationTimestamp: ago(5 * DAY + 2 * HOUR),
      labels: { 'kubernetes.io/hostname': 'podbook-control-plane', 'node-role.kubernetes.io/control-plane': '' },
    },
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        { type: 'Ready', status: 'True', reason: 'KubeletReady' },
      ],
      addresses: [
        { type: 'InternalIP', address: '172.18.0.2' },
        { type: 'Hostname', address: 'podbook-control-plane' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.2',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        kernelVersion: '6.1.0-18-amd64',
        containerRuntimeVersion: 'containerd://1.7.24',
      },
    },
  };

  test('a ready control-plane node shows Ready control-plane 5d v1.32.2, and the wide columns', () => {
    expect(nodeCells(controlPlane, NOW)).toEqual([
      'podbook-control-plane',
      'Ready',
      'control-plane',
      '5d2h',
      'v1.32.2',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.1.0-18-amd64',
      'containerd://1.7.24',
    ]);
    const exactly5d = { ...controlPlane, metadata: { ...controlPlane.metadata, creationTimestamp: ago(5 * DAY) } };
    expect(nodeCells(exactly5d, NOW).slice(0, 5)).toEqual(['podbook-control-plane', 'Ready', 'control-plane', '5d', 'v1.32.2']);
  });

  test('a cordoned node that stopped reporting Ready shows NotReady,SchedulingDisabled', () => {
    const n: Node = { ...controlPlane, spec: { unschedulable: true }, status: { ...controlPlane.status, conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    expect(nodeCells(n, NOW)[1]).toBe('NotReady,SchedulingDisabled');
  });

  test('a node without a Ready condition is Unknown; roles come from both label forms, sorted; missing node info is <unknown>', () => {
    const n: Node = {
      metadata: { name: 'w1', creationTimestamp: ago(HOUR), labels: { 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/ingress': '', 'node-role.kubernetes.io/': '' } },
      status: {},
    };
    expect(nodeCells(n, NOW)).toEqual(['w1', 'Unknown', 'ingress,worker', '60m', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });

  test('the Node columns hide the addresses and versions behind -o wide', () => {
    expect(NODE_COLUMNS.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
  });
});

describe('printEvent', () => {
  const scheduled: EventLike = {
    metadata: { name: 'web.17f1a2b3c4d5e6f7', namespace: 'default', creationTimestamp: ago(40) },
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', apiVersion: 'v1' },
    reason: 'Scheduled',
    message: 'Successfully assigned default/web to podbook-control-plane\n',
    source: { component: 'default-scheduler' },
    firstTimestamp: ago(40),
    lastTimestamp: ago(40),
    count: 1,
    type: 'Normal',
  };

  test('the Event columns start with Last Seen and end with a wide Name column of format name', () => {
    expect(EVENT_COLUMNS.map((c) => (c.priority ? `*${c.name}` : c.name))).toEqual([
      'Last Seen', 'Type', 'Reason', 'Object', '*Subobject', '*Source', 'Message', '*First Seen', '*Count', '*Name',
    ]);
    expect(EVENT_COLUMNS.map((c) => c.format)).toEqual(['', '', '', '', '', '', '', '', '', 'name']);
  });

  test('a scheduler event shows last seen, type, reason, kind/name, trimmed message, first seen, count and name', () => {
    expect(eventCells(scheduled, NOW)).toEqual([
      '40s',
      'Normal',
      'Scheduled',
      'pod/web',
      '',
      'default-scheduler',
      'Successfully assigned default/web to podbook-control-plane',
      '40s',
      1,
      'web.17f1a2b3c4d5e6f7',
    ]);
  });

  test('a repeated kubelet event shows the container subobject, component and host, and its count', () => {
    const pulled: EventLike = {
      ...scheduled,
      involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' },
      reason: 'BackOff',
      type: 'Warning',
      message: 'Back-off restarting failed container web in pod web_default(uid)',
      source: { component: 'kubelet', host: 'podbook-control-plane' },
      firstTimestamp: ago(3 * MINUTE),
      lastTimestamp: ago(12),
      count: 7,
    };
    expect(eventCells(pulled, NOW)).toEqual([
      '12s',
      'Warning',
      'BackOff',
      'pod/web',
      'spec.containers{web}',
      'kubelet, podbook-control-plane',
      'Back-off restarting failed container web in pod web_default(uid)',
      '3m',
      7,
      'web.17f1a2b3c4d5e6f7',
    ]);
  });

  test('an events.k8s.io event without timestamps uses eventTime, count 1 and the reporting controller and instance', () => {
    const ev: EventLike = {
      metadata: { name: 'web-7d4b9c8f5.1', creationTimestamp: ago(20) },
      involvedObject: { kind: 'ReplicaSet', name: 'web-7d4b9c8f5' },
      reason: 'SuccessfulCreate',
      message: 'Created pod: web-7d4b9c8f5-x2x9q',
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: rfc3339Micro(NOW - 20_500),
      reportingComponent: 'replicaset-controller',
      reportingInstance: 'kube-controller-manager-1',
      type: 'Normal',
    };
    expect(eventCells(ev, NOW)).toEqual([
      '20s',
      'Normal',
      'SuccessfulCreate',
      'replicaset/web-7d4b9c8f5',
      '',
      'replicaset-controller, kube-controller-manager-1',
      'Created pod: web-7d4b9c8f5-x2x9q',
      '20s',
      1,
      'web-7d4b9c8f5.1',
    ]);
  });

  test('an event series takes LAST SEEN and COUNT from the series; an unnamed involved object prints its kind alone', () => {
    const ev: EventLike = {
      metadata: { name: 'n.1', creationTimestamp: ago(HOUR) },
      involvedObject: { kind: 'Node' },
      reason: 'Rebooted',
      eventTime: rfc3339Micro(NOW - HOUR * 1000),
      series: { count: 4, lastObservedTime: rfc3339Micro(NOW - 65_000) },
      type: 'Warning',
    };
    const cells = eventCells(ev, NOW);
    expect([cells[0], cells[3], cells[7], cells[8]]).toEqual(['65s', 'node', '60m', 4]);
  });

  test('an event without any timestamp shows <unknown>', () => {
    const ev: EventLike = { metadata: { name: 'x' }, involvedObject: { kind: 'Pod', name: 'p' } };
    expect(eventCells(ev, NOW)).toEqual(['<unknown>', '', '', 'pod/p', '', '', '', '<unknown>', 1, 'x']);
  });
});

describe('printConfigMap, printSecret and printServiceAccount', () => {
  test('a configmap counts data and binaryData keys', () => {
    const cm: ConfigMap = { metadata: { name: 'kube-root-ca.crt', creationTimestamp: ago(DAY) }, data: { 'ca.crt': '…' }, binaryData: { 'logo.png': 'iVBO' } };
    expect(configMapCells(cm, NOW)).toEqual(['kube-root-ca.crt', 2, '24h']);
    expect(configMapCells({ metadata: { name: 'empty', creationTimestamp: ago(1) } }, NOW)).toEqual(['empty', 0, '1s']);
  });

  test('a secret shows its type and key count, Opaque when untyped, with stringData merged into data', () => {
    const s: Secret = { metadata: { name: 'db', creationTimestamp: ago(10) }, type: 'kubernetes.io/basic-auth', data: { username: 'YQ==', password: 'Yg==' } };
    expect(secretCells(s, NOW)).toEqual(['db', 'kubernetes.io/basic-auth', 2, '10s']);
    const untyped: Secret = { metadata: { name: 'x', creationTimestamp: ago(10) }, data: { a: 'YQ==' }, stringData: { a: 'a', b: 'b' } };
    expect(secretCells(untyped, NOW)).toEqual(['x', 'Opaque', 2, '10s']);
  });

  test('a service account counts its secrets, 0 in 1.32 where tokens are not stored as secrets', () => {
    const sa: ServiceAccount = { metadata: { name: 'default', creationTimestamp: ago(5 * DAY) } };
    expect(serviceAccountCells(sa, NOW)).toEqual(['default', 0, '5d']);
    expect(serviceAccountCells({ ...sa, secrets: [{ name: 'old-token' }] }, NOW)[1]).toBe(1);
  });
});
