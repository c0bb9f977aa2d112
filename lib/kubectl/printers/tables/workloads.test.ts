import { describe, expect, test } from 'vitest';
import type { Deployment, ReplicaSet } from '../../../k8s/types';
import {
  CRONJOB_COLUMNS,
  DAEMONSET_COLUMNS,
  DEPLOYMENT_COLUMNS,
  JOB_COLUMNS,
  REPLICASET_COLUMNS,
  STATEFULSET_COLUMNS,
  cronJobCells,
  daemonSetCells,
  deploymentCells,
  jobCells,
  replicaSetCells,
  statefulSetCells,
  type CronJob,
  type DaemonSet,
  type Job,
  type StatefulSet,
} from './workloads';
import { HOUR, MINUTE, NOW, ago } from './testing';

const template = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] },
};

function deployment(status: Deployment['status'], replicas?: number): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(3 * MINUTE) },
    spec: { ...(replicas === undefined ? {} : { replicas }), selector: { matchLabels: { app: 'web' } }, template },
    status,
  };
}

describe('the workload columns', () => {
  test('Deployment declares Up-to-date and Available as strings although the cells are integers', () => {
    expect(DEPLOYMENT_COLUMNS.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0],
      ['Ready', 'string', 0],
      ['Up-to-date', 'string', 0],
      ['Available', 'string', 0],
      ['Age', 'string', 0],
      ['Containers', 'string', 1],
      ['Images', 'string', 1],
      ['Selector', 'string', 1],
    ]);
  });

  test('ReplicaSet, StatefulSet, DaemonSet, Job and CronJob have the 1.32 column sets', () => {
    const names = (cols: { name: string; priority: number }[]) => cols.map((c) => (c.priority ? `*${c.name}` : c.name));
    expect(names(REPLICASET_COLUMNS)).toEqual(['Name', 'Desired', 'Current', 'Ready', 'Age', '*Containers', '*Images', '*Selector']);
    expect(REPLICASET_COLUMNS.slice(1, 4).map((c) => c.type)).toEqual(['integer', 'integer', 'integer']);
    expect(names(STATEFULSET_COLUMNS)).toEqual(['Name', 'Ready', 'Age', '*Containers', '*Images']);
    expect(names(DAEMONSET_COLUMNS)).toEqual([
      'Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', '*Containers', '*Images', '*Selector',
    ]);
    expect(names(JOB_COLUMNS)).toEqual(['Name', 'Status', 'Completions', 'Duration', 'Age', '*Containers', '*Images', '*Selector']);
    expect(names(CRONJOB_COLUMNS)).toEqual([
      'Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', '*Containers', '*Images', '*Selector',
    ]);
  });
});

describe('printDeployment', () => {
  test('a deployment with both replicas ready shows 2/2 2 2 and, wide, its containers, images and selector', () => {
    const d = deployment({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }, 2);
    expect(deploymentCells(d, NOW)).toEqual(['web', '2/2', 2, 2, '3m', 'web,log', 'nginx:1.27,busybox', 'app=web']);
  });

  test('a new deployment without status shows 0/N with zero counts, replicas defaulting to 1', () => {
    expect(deploymentCells(deployment(undefined, 3), NOW).slice(0, 4)).toEqual(['web', '0/3', 0, 0]);
    expect(deploymentCells(deployment(undefined), NOW)[1]).toBe('0/1');
  });

  test('a set-based selector prints as LabelSelectorAsSelector().String(), sorted by key', () => {
    const d = deployment({}, 1);
    d.spec.selector = { matchLabels: { tier: 'front', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] };
    expect(deploymentCells(d, NOW)[7]).toBe('app=web,env in (dev,prod),tier=front');
  });
});

describe('printReplicaSet', () => {
  test('shows desired, current and ready as integers and FormatLabelSelector when wide', () => {
    const rs: ReplicaSet = {
      metadata: { name: 'web-7d4b9c8f5', creationTimestamp: ago(3 * MINUTE) },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f5' } }, template },
      status: { replicas: 2, readyReplicas: 1, availableReplicas: 1 },
    };
    expect(replicaSetCells(rs, NOW)).toEqual(['web-7d4b9c8f5', 2, 2, 1, '3m', 'web,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=7d4b9c8f5']);
  });

  test('an empty selector prints <none>', () => {
    const rs: ReplicaSet = { metadata: { name: 'x', creationTimestamp: ago(1) }, spec: { replicas: 0, selector: {} } };
    expect(replicaSetCells(rs, NOW)).toEqual(['x', 0, 0, 0, '1s', '', '', '<none>']);
  });
});

describe('printStatefulSet and printDaemonSet', () => {
  test('a statefulset shows ready/desired', () => {
    const s: StatefulSet = { metadata: { name: 'db', creationTimestamp: ago(HOUR) }, spec: { replicas: 3, template }, status: { readyReplicas: 2 } };
    expect(statefulSetCells(s, NOW)).toEqual(['db', '2/3', '60m', 'web,log', 'nginx:1.27,busybox']);
  });

  test('a daemonset shows its counts and node selector', () => {
    const ds: DaemonSet = {
      metadata: { name: 'kube-proxy', creationTimestamp: ago(5 * 24 * HOUR) },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        template: { spec: { containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.32.2' }], nodeSelector: { 'kubernetes.io/os': 'linux' } } },
      },
      status: { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 },
    };
    expect(daemonSetCells(ds, NOW)).toEqual([
      'kube-proxy', 1, 1, 1, 1, 1, 'kubernetes.io/os=linux', '5d', 'kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.2', 'k8s-app=kube-proxy',
    ]);
  });
});

describe('printJob', () => {
  const base = (over: Partial<Job>): Job => ({
    metadata: { name: 'pi', creationTimestamp: ago(2 * MINUTE), ...(over.metadata ?? {}) },
    spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } }, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } }, ...(over.spec ?? {}) },
    status: over.status,
  });

  test('a completed job shows Complete, succeeded/completions and the time it took', () => {
    const job = base({ spec: { completions: 1, parallelism: 1 }, status: { startTime: ago(110), completionTime: ago(70), succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } });
    expect(jobCells(job, NOW)).toEqual(['pi', 'Complete', '1/1', '40s', '2m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=abc']);
  });

  test('a running job counts its duration up to now', () => {
    const job = base({ spec: { completions: 3 }, status: { startTime: ago(100), succeeded: 1, active: 1 } });
    expect(jobCells(job, NOW).slice(1, 4)).toEqual(['Running', '1/3', '100s']);
  });

  test('a parallel job without completions shows succ/1 of N, and an unstarted one has no duration', () => {
    expect(jobCells(base({ spec: { parallelism: 3 } }), NOW).slice(1, 4)).toEqual(['Running', '0/1 of 3', '']);
    expect(jobCells(base({}), NOW).slice(1, 4)).toEqual(['Running', '0/1', '']);
  });

  test('Failed, Terminating, Suspended and FailureTarget come in printers.go order', () => {
    expect(jobCells(base({ status: { conditions: [{ type: 'Failed', status: 'True' }] } }), NOW)[1]).toBe('Failed');
    expect(jobCells(base({ metadata: { name: 'pi', deletionTimestamp: ago(0) }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }), NOW)[1]).toBe('Terminating');
    expect(jobCells(base({ status: { conditions: [{ type: 'Suspended', status: 'True' }] } }), NOW)[1]).toBe('Suspended');
    expect(jobCells(base({ status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }), NOW)[1]).toBe('FailureTarget');
  });
});

describe('printCronJob', () => {
  test('shows schedule, <none> timezone, suspend as False, active count and last schedule', () => {
    const cj: CronJob = {
      metadata: { name: 'backup', creationTimestamp: ago(2 * HOUR) },
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'b', image: 'busybox' }] } } } } },
      status: { active: [{ name: 'backup-1' }], lastScheduleTime: ago(4 * MINUTE) },
    };
    expect(cronJobCells(cj, NOW)).toEqual(['backup', '*/5 * * * *', '<none>', 'False', 1, '4m', '120m', 'b', 'busybox', '<none>']);
  });

  test('a cronjob never scheduled shows <none> as its last schedule', () => {
    const cj: CronJob = { metadata: { name: 'x', creationTimestamp: ago(1) }, spec: { schedule: '@daily', timeZone: 'Asia/Seoul', suspend: true } };
    expect(cronJobCells(cj, NOW).slice(0, 7)).toEqual(['x', '@daily', 'Asia/Seoul', 'True', 0, '<none>', '1s']);
  });
});
