import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { KubeObject, Pod } from '../../k8s/types';
import { createNamespaceController } from './namespace';
import { createResourceQuotaController, podCountsForQuota } from './resourcequota';

type Quota = KubeObject & { status?: { hard?: Record<string, string>; used?: Record<string, string> } };

function cluster(): Cluster {
  return new Cluster({ seed: 1, controllers: [createNamespaceController(), createResourceQuotaController()] });
}

function pod(name: string, resources?: { requests?: Record<string, string>; limits?: Record<string, string> }): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ...(resources ? { resources } : {}) }] } } as Pod;
}

function quota(c: Cluster, ns = 'default', name = 'q'): Quota {
  return c.store.get<Quota>('resourcequotas', ns, name);
}

describe('resource quota controller', () => {
  it('a new quota gets status.hard from spec.hard (canonical) and zero usage in an empty namespace', () => {
    const c = cluster();
    c.store.create('resourcequotas', 'default', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { pods: '10', 'requests.memory': '2048Mi', 'limits.cpu': '4' } } } as KubeObject);
    c.advance(100);
    expect(quota(c).status).toEqual({ hard: { pods: '10', 'requests.memory': '2Gi', 'limits.cpu': '4' }, used: { pods: '0', 'requests.memory': '0', 'limits.cpu': '0' } });
  });

  it('used counts pods, their requests and limits, and objects, and follows deletions', () => {
    const c = cluster();
    c.store.create('resourcequotas', 'default', {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'q' },
      spec: { hard: { pods: '5', 'requests.cpu': '2', 'requests.memory': '1Gi', 'limits.memory': '2Gi', configmaps: '3', 'count/services': '2' } },
    } as KubeObject);
    c.store.create('pods', 'default', pod('a', { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } }));
    c.store.create('pods', 'default', pod('b', { requests: { cpu: '250m', memory: '128Mi' } }));
    c.store.create('pods', 'kube-system', pod('elsewhere', { requests: { cpu: '1' } }));
    c.advance(100);
    // default holds kube-root-ca.crt (the namespace controller's) and the `kubernetes` Service
    expect(quota(c).status?.used).toEqual({ pods: '2', 'requests.cpu': '350m', 'requests.memory': '256Mi', 'limits.memory': '256Mi', configmaps: '1', 'count/services': '1' });
    c.store.delete('pods', 'default', 'b', { gracePeriodSeconds: 0 });
    c.advance(100);
    expect(quota(c).status?.used).toMatchObject({ pods: '1', 'requests.cpu': '100m', 'requests.memory': '128Mi' });
  });

  it('finished pods and pods past their deletion grace period do not count', () => {
    const now = Date.parse('2026-01-01T00:00:30Z');
    const base = pod('p');
    expect(podCountsForQuota(base, now)).toBe(true);
    expect(podCountsForQuota({ ...base, status: { phase: 'Succeeded' } } as Pod, now)).toBe(false);
    const deleting = { ...base, metadata: { ...base.metadata, deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 10 } };
    expect(podCountsForQuota(deleting as Pod, now)).toBe(false);
    expect(podCountsForQuota(deleting as Pod, Date.parse('2026-01-01T00:00:05Z'))).toBe(true);
  });
});
