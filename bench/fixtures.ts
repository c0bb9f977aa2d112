// Shared bench fixtures.
import { createCluster } from '../lib/cluster/cluster';
import type { Cluster } from '../lib/cluster/cluster';
import type { Deployment, Pod } from '../lib/k8s/types';

/** A simulated cluster with a Deployment `web` of 100 Running pods (virtual time run forward). */
export function clusterWith100Pods(seed: number): Cluster {
  const cluster = createCluster({ seed });
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 100,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } },
    },
  };
  cluster.store.create('deployments', 'default', d);
  const running = () => cluster.store.list<Pod>('pods', 'default').items.filter((p) => p.status?.phase === 'Running').length === 100;
  if (!cluster.runUntil(running, 600_000)) throw new Error('100 pods did not reach Running');
  return cluster;
}
