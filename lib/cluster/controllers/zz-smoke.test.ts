import { it } from 'vitest';
import { Cluster } from '../cluster';
import { createReplicaSetController } from './replicaset';
import { createDeploymentController } from './deployment';
import { rfc3339 } from '../../k8s/duration';
import type { Pod } from '../../k8s/types';
function readyAll(c: Cluster) {
  for (const p of c.objects<Pod>('pods')) {
    if (p.status?.phase === 'Running') continue;
    const t = rfc3339(c.now());
    c.store.update('pods', 'default', { ...p, status: { ...p.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }], containerStatuses: [{ name: 'web', ready: true, restartCount: 0, image: 'x', imageID: '' }] } }, { subresource: 'status' });
  }
}
it('smoke', () => {
  const c = new Cluster({ seed: 1, controllers: [createReplicaSetController(), createDeploymentController()] });
  const log: string[] = [];
  c.store.onChange((e) => { if (e.resource !== 'events') log.push(`${c.now() - 1742956994000} ${e.type} ${e.resource} ${e.object.metadata.name} rv=${e.object.metadata.resourceVersion}`); });
  c.store.create('deployments', 'default', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'hello-kiamol-2', labels: { app: 'hello-kiamol-2' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'hello-kiamol-2' } }, template: { metadata: { labels: { app: 'hello-kiamol-2' } }, spec: { containers: [{ name: 'hello-kiamol-2', image: 'kiamol/ch02-hello-kiamol' }] } } } });
  c.advance(100);
  readyAll(c);
  c.advance(100);
  console.log(log.join('\n'));
  console.log(JSON.stringify(c.objects('deployments')[0], null, 1));
  console.log(JSON.stringify(c.objects('replicasets')[0].metadata, null, 1));
  console.log(c.objects('events').map((e: any) => `${e.involvedObject.kind} ${e.reason} ${e.message}`).join('\n'));
});
