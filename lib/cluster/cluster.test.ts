import { describe, expect, it } from 'vitest';
import { Cluster, createCluster } from './cluster';
import type { Deployment, Node, Pod, Service } from '../k8s/types';

function helloDeployment(name: string, replicas = 1): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } },
    },
  };
}

const names = (c: Cluster, resource: string, ns?: string) => c.objects(resource, ns).map((o) => (o.metadata.namespace ? `${o.metadata.namespace}/` : '') + o.metadata.name);

describe('a new cluster', () => {
  it('holds the four system namespaces, one ready docker-desktop node and the kubernetes service', () => {
    const c = createCluster();
    expect(names(c, 'namespaces')).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(names(c, 'nodes')).toEqual(['docker-desktop']);
    const node = c.objects<Node>('nodes')[0];
    expect(node.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(node.status?.addresses).toContainEqual({ type: 'InternalIP', address: '192.168.65.3' });
    const svc = c.store.get<Service>('services', 'default', 'kubernetes');
    expect(svc.spec.clusterIP).toBe('10.96.0.1');
    expect(svc.spec.ports?.[0].port).toBe(443);
  });

  it('has a default service account and the kube-root-ca.crt config map in every namespace', () => {
    const c = createCluster();
    expect(names(c, 'serviceaccounts')).toEqual(['default/default', 'kube-node-lease/default', 'kube-public/default', 'kube-system/default']);
    expect(names(c, 'configmaps')).toEqual(['default/kube-root-ca.crt', 'kube-node-lease/kube-root-ca.crt', 'kube-public/kube-root-ca.crt', 'kube-system/kube-root-ca.crt']);
  });

  it('has no pods and no pending work left once it settles', () => {
    const c = createCluster();
    expect(c.objects('pods')).toEqual([]);
    c.advance(60_000);
    expect(c.objects('pods')).toEqual([]);
  });
});

describe('determinism and snapshots', () => {
  function scripted(c: Cluster): void {
    c.store.create('deployments', 'default', helloDeployment('web', 3));
    c.advance(2_000);
    c.store.create('pods', 'default', { metadata: { name: 'solo', labels: { run: 'solo' } }, spec: { containers: [{ name: 'solo', image: 'nginx' }] } });
    c.advance(30_000);
  }

  it('the same seed and the same steps give the same names, uids and IPs', () => {
    const a = createCluster({ seed: 11 });
    const b = createCluster({ seed: 11 });
    scripted(a);
    scripted(b);
    expect(a.snapshot()).toEqual(b.snapshot());
    const pods = a.objects<Pod>('pods', 'default');
    expect(pods).toHaveLength(4);
    expect(new Set(pods.map((p) => p.status?.podIP)).size).toBe(4);
  });

  it('a different seed gives different pod names', () => {
    const a = createCluster({ seed: 1 });
    const b = createCluster({ seed: 2 });
    scripted(a);
    scripted(b);
    expect(names(a, 'pods', 'default')).not.toEqual(names(b, 'pods', 'default'));
  });

  it('a snapshot taken mid-rollout restores losslessly: both copies continue identically', () => {
    const original = createCluster({ seed: 3 });
    original.store.create('deployments', 'default', helloDeployment('web', 2));
    original.advance(1_500); // pods exist, images still pulling
    const snap = original.snapshot();
    const copy = Cluster.restore(JSON.parse(JSON.stringify(snap)));
    expect(copy.snapshot()).toEqual(snap);

    for (const c of [original, copy]) {
      c.advance(20_000);
      c.store.patch('deployments', 'default', 'web', 'application/merge-patch+json', { spec: { replicas: 3 } });
      c.advance(20_000);
    }
    expect(copy.snapshot()).toEqual(original.snapshot());
    const running = copy.objects<Pod>('pods', 'default').filter((p) => p.status?.phase === 'Running');
    expect(running).toHaveLength(3);
  });
});

describe('virtual time', () => {
  it('runUntil stops at the first moment the condition holds', () => {
    const c = createCluster();
    c.store.create('pods', 'default', { metadata: { name: 'p' }, spec: { containers: [{ name: 'p', image: 'kiamol/ch02-hello-kiamol' }] } });
    const start = c.now();
    const ok = c.runUntil(() => c.store.get<Pod>('pods', 'default', 'p').status?.phase === 'Running', 60_000);
    expect(ok).toBe(true);
    const took = c.now() - start;
    // the image pull alone takes 5.358 s in the catalogue; the whole start stays under 10 s
    expect(took).toBeGreaterThan(5_358);
    expect(took).toBeLessThan(10_000);
  });

  it('runUntil gives up at the timeout with the clock at the deadline', () => {
    const c = createCluster();
    const start = c.now();
    expect(c.runUntil(() => false, 5_000)).toBe(false);
    expect(c.now() - start).toBe(5_000);
  });
});
