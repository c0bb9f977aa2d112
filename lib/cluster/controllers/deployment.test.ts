import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { createReplicaSetController } from './replicaset';
import { createDeploymentController } from './deployment';
import { maxSurge, maxUnavailable } from './deployment-util';
import { computeTemplateHash } from '../../k8s/hash';
import { rfc3339 } from '../../k8s/duration';
import type { Deployment, DeploymentStrategy, Event, Pod, PodTemplateSpec, ReplicaSet } from '../../k8s/types';

// ---------------------------------------------------------------------------------------------
// fixture

const SECOND = 1000;
const HASH = /^[4-9bcdf]{9,10}$/;
const REVISION = 'deployment.kubernetes.io/revision';

/**
 * Stands in for the scheduler and kubelet: `readyAfter` ms after a pod appears it is Running
 * and Ready, unless its image is in `broken` (then it stays Pending forever).
 */
function fakeKubelet(readyAfter = 2 * SECOND, broken: string[] = []): Controller {
  let host: ControllerHost;
  const self: Controller = {
    name: 'fake-kubelet',
    start(h) {
      host = h;
      h.store.onChange((e) => {
        if (e.resource === 'pods' && e.type === 'ADDED') h.schedule(self, readyAfter, `${e.object.metadata.namespace}/${e.object.metadata.name}`);
      });
    },
    fire(key) {
      const [ns, name] = key.split('/');
      const p = host.store.find<Pod>('pods', ns, name);
      if (!p || p.metadata.deletionTimestamp) return;
      if (p.spec.containers.some((c) => broken.includes(c.image ?? ''))) return;
      const t = rfc3339(host.now());
      host.store.update(
        'pods',
        ns,
        {
          ...p,
          status: {
            ...p.status,
            phase: 'Running',
            conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t }],
            containerStatuses: p.spec.containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, image: c.image ?? '', imageID: '', started: true })),
          },
        },
        { subresource: 'status' },
      );
    },
  };
  return self;
}

function cluster(opts: { readyAfter?: number; broken?: string[]; kubelet?: boolean } = {}): Cluster {
  const controllers: Controller[] = [createReplicaSetController(), createDeploymentController()];
  if (opts.kubelet !== false) controllers.push(fakeKubelet(opts.readyAfter, opts.broken));
  return new Cluster({ seed: 2, controllers });
}

function deployment(name: string, replicas = 1, image = 'kiamol/ch02-hello-kiamol', extra: Partial<Deployment['spec']> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: name, image }] } },
      ...extra,
    },
  };
}

function getD(c: Cluster, name: string): Deployment {
  return c.store.get<Deployment>('deployments', 'default', name);
}

function replicaSets(c: Cluster): ReplicaSet[] {
  return c.objects<ReplicaSet>('replicasets', 'default');
}

function rsByRevision(c: Cluster, revision: number): ReplicaSet {
  const rs = replicaSets(c).find((r) => r.metadata.annotations?.[REVISION] === String(revision));
  if (!rs) throw new Error(`no ReplicaSet at revision ${revision}`);
  return rs;
}

function activePods(c: Cluster): Pod[] {
  return c.objects<Pod>('pods', 'default').filter((p) => !p.metadata.deletionTimestamp);
}

function setImage(c: Cluster, name: string, image: string): void {
  c.store.patch('deployments', 'default', name, 'application/strategic-merge-patch+json', { spec: { template: { spec: { containers: [{ name, image }] } } } });
}

function scale(c: Cluster, name: string, replicas: number): void {
  c.store.patch('deployments', 'default', name, 'application/merge-patch+json', { spec: { replicas } }, { subresource: 'scale' });
}

/** The deployment-controller's event messages, oldest first. */
function deploymentEvents(c: Cluster): string[] {
  return c
    .objects<Event>('events')
    .filter((e) => e.source?.component === 'deployment-controller')
    .sort((a, b) => parseInt(a.metadata.name!.split('.').pop()!, 16) - parseInt(b.metadata.name!.split('.').pop()!, 16))
    .map((e) => `${e.reason} ${e.message}`);
}

/** What `kubectl rollout undo` sends: the revision's template without its hash label. */
function rollbackTo(c: Cluster, name: string, revision: number): void {
  const tmpl = JSON.parse(JSON.stringify(rsByRevision(c, revision).spec.template)) as PodTemplateSpec;
  delete tmpl.metadata!.labels!['pod-template-hash'];
  const d = getD(c, name);
  c.store.update('deployments', 'default', { ...d, spec: { ...d.spec, template: tmpl } });
}

// ---------------------------------------------------------------------------------------------

describe('Deployment controller: the first ReplicaSet', () => {
  it('a Deployment creates a ReplicaSet named <deploy>-<hash of digits mapped to 4-9bcdf>', () => {
    const c = cluster();
    const d = c.store.create<Deployment>('deployments', 'default', deployment('hello-kiamol-2'));
    c.advance(100);
    const [rs] = replicaSets(c);
    const hash = rs.metadata.name!.slice('hello-kiamol-2-'.length);
    expect(rs.metadata.name!.startsWith('hello-kiamol-2-')).toBe(true);
    expect(hash).toMatch(HASH);
    expect(hash).toBe(computeTemplateHash(d.spec.template, undefined));
    expect(rs.metadata.labels).toEqual({ app: 'hello-kiamol-2', 'pod-template-hash': hash });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'hello-kiamol-2', 'pod-template-hash': hash } });
    expect(rs.spec.template!.metadata!.labels).toEqual({ app: 'hello-kiamol-2', 'pod-template-hash': hash });
    expect(rs.spec.replicas).toBe(1);
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'hello-kiamol-2', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '2',
      'deployment.kubernetes.io/revision': '1',
    });
  });

  it('its pods are named <deploy>-<hash>-<5 chars> and labelled app and pod-template-hash (kiamol 2.2 command 17)', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('hello-kiamol-2'));
    c.advance(100);
    const [rs] = replicaSets(c);
    const [p] = activePods(c);
    expect(p.metadata.name).toMatch(new RegExp(`^${rs.metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(p.metadata.labels).toEqual({ app: 'hello-kiamol-2', 'pod-template-hash': rs.metadata.labels!['pod-template-hash'] });
    expect(p.metadata.ownerReferences![0]).toMatchObject({ kind: 'ReplicaSet', name: rs.metadata.name });
  });

  it('a new Deployment: create the ReplicaSet, record revision 1, and retry the status write that conflicts', () => {
    const c = cluster();
    const writes: string[] = [];
    c.store.onChange((e: ChangeEvent) => {
      if (e.resource === 'events' || e.resource === 'pods') return;
      const what = e.type === 'ADDED' ? 'create' : e.object.metadata.generation !== e.old?.metadata.generation ? 'update' : JSON.stringify(e.object.status) !== JSON.stringify(e.old?.status) ? 'update-status' : 'update-metadata';
      writes.push(`${c.now() - start} ${what} ${e.resource}`);
    });
    const start = c.now();
    c.store.create('deployments', 'default', deployment('web', 1));
    c.advance(20);
    expect(writes).toEqual([
      '0 create deployments',
      // sync 1 (latency 4ms): the ReplicaSet, then one UpdateStatus carrying the Progressing
      // condition and the revision annotation; its second UpdateStatus used the resourceVersion
      // read at the start and conflicts, as against a real API server
      '4 create replicasets',
      '4 update-status deployments',
      // the ReplicaSet controller's first sync
      '8 update-status replicasets',
      // sync 2 (the retry)
      '8 update-status deployments',
      '12 update-status replicasets',
      '12 update-status deployments',
    ]);
    expect(getD(c, 'web').metadata.annotations).toEqual({ [REVISION]: '1' });
  });

  it('a ReplicaSet of that name that is not the Deployment\'s is a hash collision: collisionCount goes to 1 and the hash changes', () => {
    const c = cluster();
    const d = c.store.create<Deployment>('deployments', 'default', deployment('web', 1));
    const taken = computeTemplateHash(d.spec.template, undefined);
    c.store.create('replicasets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `web-${taken}`, labels: { app: 'squatter' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'squatter' } }, template: { metadata: { labels: { app: 'squatter' } }, spec: { containers: [{ name: 'x', image: 'x' }] } } },
    });
    c.advance(10 * SECOND);
    const second = computeTemplateHash(d.spec.template, 1);
    expect(second).not.toBe(taken);
    expect(second).toMatch(HASH);
    expect(getD(c, 'web').status!.collisionCount).toBe(1);
    const ours = replicaSets(c).find((rs) => rs.metadata.ownerReferences?.[0]?.uid === d.metadata.uid)!;
    expect(ours.metadata.name).toBe(`web-${second}`);
    expect(ours.metadata.labels!['pod-template-hash']).toBe(second);
    expect(getD(c, 'web').status).toMatchObject({ replicas: 1, availableReplicas: 1, collisionCount: 1 });
  });

  it('the first event is ScalingReplicaSet "Scaled up replica set <rs> from 0 to <n>" from the deployment-controller', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('hello-kiamol-2', 1));
    c.advance(100);
    const [rs] = replicaSets(c);
    expect(deploymentEvents(c)).toEqual([`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 0 to 1`]);
    const ev = c.objects<Event>('events').find((e) => e.reason === 'ScalingReplicaSet')!;
    expect(ev.involvedObject).toMatchObject({ kind: 'Deployment', name: 'hello-kiamol-2', apiVersion: 'apps/v1' });
    expect(ev.source).toEqual({ component: 'deployment-controller' });
  });

  it('after the rollout, status and conditions read like kubectl get deploy -o yaml: Available first, then Progressing', () => {
    const c = cluster();
    const t0 = c.now();
    c.store.create('deployments', 'default', deployment('hello-kiamol-2', 1));
    c.advance(10 * SECOND);
    const [rs] = replicaSets(c);
    const d = getD(c, 'hello-kiamol-2');
    expect(d.metadata.annotations).toEqual({ [REVISION]: '1' });
    expect(d.metadata.generation).toBe(1);
    // created at t0, Ready 2s later
    expect(d.status).toEqual({
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: rfc3339(t0 + 2 * SECOND),
          lastTransitionTime: rfc3339(t0 + 2 * SECOND),
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: rfc3339(t0 + 2 * SECOND),
          lastTransitionTime: rfc3339(t0),
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
        },
      ],
    });
    expect(rs.status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 });
  });

  it('while pods start, Available is False (MinimumReplicasUnavailable) and Progressing says the ReplicaSet is progressing', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 1));
    c.advance(100);
    const [rs] = replicaSets(c);
    const d = getD(c, 'web');
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1 });
    expect(d.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${rs.metadata.name}" is progressing.`],
    ]);
  });
});

describe('Deployment controller: rolling updates', () => {
  it('maxSurge rounds up and maxUnavailable rounds down; if both come to zero one pod may be unavailable', () => {
    const strat = (s: DeploymentStrategy['rollingUpdate'], replicas: number): Deployment => deployment('x', replicas, 'i', { strategy: { type: 'RollingUpdate', rollingUpdate: s } });
    expect([maxSurge(strat({ maxSurge: '25%', maxUnavailable: '25%' }, 3)), maxUnavailable(strat({ maxSurge: '25%', maxUnavailable: '25%' }, 3))]).toEqual([1, 0]);
    expect([maxSurge(strat({ maxSurge: '25%', maxUnavailable: '25%' }, 10)), maxUnavailable(strat({ maxSurge: '25%', maxUnavailable: '25%' }, 10))]).toEqual([3, 2]);
    expect([maxSurge(strat({ maxSurge: 0, maxUnavailable: '10%' }, 3)), maxUnavailable(strat({ maxSurge: 0, maxUnavailable: '10%' }, 3))]).toEqual([0, 1]);
    expect(maxUnavailable(strat({ maxSurge: 0, maxUnavailable: 5 }, 2))).toBe(2);
    expect([maxSurge(deployment('r', 3, 'i', { strategy: { type: 'Recreate' } })), maxUnavailable(deployment('r', 3, 'i', { strategy: { type: 'Recreate' } }))]).toEqual([0, 0]);
  });

  it('changing the image rolls out a new ReplicaSet and respects maxSurge 25% / maxUnavailable 25% at every step', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 4, 'nginx:1.27'));
    c.advance(10 * SECOND);
    const oldRS = replicaSets(c)[0].metadata.name!;
    // 4 replicas: at most 4 + ceil(1) = 5 desired in total, at least 4 - floor(1) = 3 ready
    let maxTotal = 0;
    let minReady = Infinity;
    c.store.onChange(() => {
      maxTotal = Math.max(maxTotal, replicaSets(c).reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0));
      minReady = Math.min(minReady, activePods(c).filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True')).length);
    });
    setImage(c, 'web', 'nginx:1.28');
    c.advance(30 * SECOND);
    expect(maxTotal).toBe(5);
    expect(minReady).toBe(3);

    const newRS = replicaSets(c).find((r) => r.metadata.name !== oldRS)!;
    const n = newRS.metadata.name;
    expect(deploymentEvents(c)).toEqual([
      `ScalingReplicaSet Scaled up replica set ${oldRS} from 0 to 4`,
      `ScalingReplicaSet Scaled up replica set ${n} from 0 to 1`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 4 to 3`,
      `ScalingReplicaSet Scaled up replica set ${n} from 1 to 2`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 3 to 1`,
      `ScalingReplicaSet Scaled up replica set ${n} from 2 to 4`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 1 to 0`,
    ]);
    expect(newRS.spec.replicas).toBe(4);
    expect(newRS.metadata.annotations![REVISION]).toBe('2');
    expect(c.store.get<ReplicaSet>('replicasets', 'default', oldRS).spec.replicas).toBe(0);
    expect(c.store.get<ReplicaSet>('replicasets', 'default', oldRS).metadata.annotations![REVISION]).toBe('1');
    const d = getD(c, 'web');
    expect(d.metadata.annotations).toEqual({ [REVISION]: '2' });
    expect(d.metadata.generation).toBe(2);
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 });
    expect(d.status!.conditions!.map((x) => [x.type, x.reason, x.message])).toEqual([
      ['Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${n}" has successfully progressed.`],
    ]);
    expect(activePods(c).every((p) => p.metadata.labels!['pod-template-hash'] === newRS.metadata.labels!['pod-template-hash'])).toBe(true);
  });

  it('with maxSurge 0 a rollout first scales the old ReplicaSet down by the unavailable allowance', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 3, 'nginx:1.27', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: '10%' } } }));
    c.advance(10 * SECOND);
    const oldRS = replicaSets(c)[0].metadata.name!;
    setImage(c, 'web', 'nginx:1.28');
    c.advance(100);
    const newRS = replicaSets(c).find((r) => r.metadata.name !== oldRS)!.metadata.name!;
    expect(deploymentEvents(c).slice(1, 3)).toEqual([`ScalingReplicaSet Scaled down replica set ${oldRS} from 3 to 2`, `ScalingReplicaSet Scaled up replica set ${newRS} from 0 to 1`]);
  });

  it('kubectl rollout restart (a template annotation) produces a new ReplicaSet and revision 2', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 2));
    c.advance(10 * SECOND);
    c.store.patch('deployments', 'default', 'web', 'application/strategic-merge-patch+json', { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-03-26T11:50:00+09:00' } } } } });
    c.advance(30 * SECOND);
    expect(replicaSets(c)).toHaveLength(2);
    const rs2 = rsByRevision(c, 2);
    expect(rs2.spec.replicas).toBe(2);
    expect(rs2.spec.template!.metadata!.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-03-26T11:50:00+09:00' });
    expect(rsByRevision(c, 1).spec.replicas).toBe(0);
    expect(getD(c, 'web').metadata.annotations).toEqual({ [REVISION]: '2' });
    const pods = activePods(c);
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'] === '2025-03-26T11:50:00+09:00')).toBe(true);
  });

  it('a rollout that makes no progress for progressDeadlineSeconds is marked ProgressDeadlineExceeded', () => {
    const c = cluster({ broken: ['nginx:nope'] });
    const t0 = c.now();
    c.store.create('deployments', 'default', deployment('web', 1, 'nginx:nope', { progressDeadlineSeconds: 30 }));
    c.advance(30 * SECOND);
    expect(getD(c, 'web').status!.conditions!.find((x) => x.type === 'Progressing')!.reason).toBe('ReplicaSetUpdated');
    c.advance(5 * SECOND);
    const [rs] = replicaSets(c);
    const cond = getD(c, 'web').status!.conditions!.find((x) => x.type === 'Progressing')!;
    // last progress at t0; the deadline passes after t0 + 30s; the check runs a second later
    expect(cond).toEqual({
      type: 'Progressing',
      status: 'False',
      lastUpdateTime: rfc3339(t0 + 31 * SECOND),
      lastTransitionTime: rfc3339(t0 + 31 * SECOND),
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.`,
    });
  });

  it('minReadySeconds holds availability back until pods have been ready that long', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 1, 'nginx:1.27', { minReadySeconds: 10 }));
    c.advance(5 * SECOND);
    expect(getD(c, 'web').status).toMatchObject({ readyReplicas: 1, unavailableReplicas: 1 });
    expect(getD(c, 'web').status!.availableReplicas).toBeUndefined();
    c.advance(10 * SECOND);
    expect(getD(c, 'web').status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
    expect(replicaSets(c)[0].spec.minReadySeconds).toBe(10);
  });
});

describe('Deployment controller: scaling, history, rollback', () => {
  it('scaling a Deployment scales its current ReplicaSet and updates its replica annotations', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 1));
    c.advance(10 * SECOND);
    scale(c, 'web', 3);
    c.advance(10 * SECOND);
    const [rs] = replicaSets(c);
    expect(rs.spec.replicas).toBe(3);
    expect(rs.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', [REVISION]: '1' });
    expect(deploymentEvents(c).slice(1)).toEqual([`ScalingReplicaSet Scaled up replica set ${rs.metadata.name} from 1 to 3`]);
    expect(activePods(c)).toHaveLength(3);
    expect(getD(c, 'web').status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    scale(c, 'web', 0);
    c.advance(10 * SECOND);
    expect(deploymentEvents(c).slice(-1)).toEqual([`ScalingReplicaSet Scaled down replica set ${rs.metadata.name} from 3 to 0`]);
    expect(getD(c, 'web').status!.replicas).toBeUndefined();
  });

  it('scaling in the middle of a stuck rollout spreads the new replicas proportionally (the docs example: 3 old, 2 new)', () => {
    const c = cluster({ broken: ['nginx:sometag'] });
    c.store.create('deployments', 'default', deployment('nginx-deployment', 10, 'nginx:1.27', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    c.advance(10 * SECOND);
    setImage(c, 'nginx-deployment', 'nginx:sometag');
    c.advance(10 * SECOND);
    expect(rsByRevision(c, 1).spec.replicas).toBe(8);
    expect(rsByRevision(c, 2).spec.replicas).toBe(5);
    scale(c, 'nginx-deployment', 15);
    c.advance(10 * SECOND);
    expect(rsByRevision(c, 1).spec.replicas).toBe(11);
    expect(rsByRevision(c, 2).spec.replicas).toBe(7);
  });

  it('rollback re-uses the old ReplicaSet: revision 3 and revision-history 1', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 2, 'nginx:1.27'));
    c.advance(10 * SECOND);
    setImage(c, 'web', 'nginx:1.28');
    c.advance(20 * SECOND);
    const first = rsByRevision(c, 1).metadata.name!;
    const second = rsByRevision(c, 2).metadata.name!;
    rollbackTo(c, 'web', 1);
    c.advance(20 * SECOND);
    expect(replicaSets(c)).toHaveLength(2);
    const back = c.store.get<ReplicaSet>('replicasets', 'default', first);
    expect(back.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '2',
      'deployment.kubernetes.io/max-replicas': '3',
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(back.spec.replicas).toBe(2);
    expect(c.store.get<ReplicaSet>('replicasets', 'default', second).spec.replicas).toBe(0);
    expect(getD(c, 'web').metadata.annotations).toEqual({ [REVISION]: '3' });
    expect(getD(c, 'web').status!.conditions!.find((x) => x.type === 'Progressing')!.message).toBe(`ReplicaSet "${first}" has successfully progressed.`);
    expect(deploymentEvents(c).slice(-4)).toEqual([
      `ScalingReplicaSet Scaled up replica set ${first} from 0 to 1`,
      `ScalingReplicaSet Scaled down replica set ${second} from 2 to 1`,
      `ScalingReplicaSet Scaled up replica set ${first} from 1 to 2`,
      `ScalingReplicaSet Scaled down replica set ${second} from 1 to 0`,
    ]);
  });

  it('revisionHistoryLimit keeps that many old ReplicaSets and deletes the oldest empty ones', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 1, 'nginx:1', { revisionHistoryLimit: 1 }));
    c.advance(10 * SECOND);
    for (const tag of ['2', '3', '4']) {
      setImage(c, 'web', `nginx:${tag}`);
      c.advance(20 * SECOND);
    }
    expect(replicaSets(c).map((rs) => [rs.metadata.annotations![REVISION], rs.spec.replicas, rs.spec.template!.spec.containers[0].image]).sort()).toEqual([
      ['3', 0, 'nginx:3'],
      ['4', 1, 'nginx:4'],
    ]);
  });

  it('Recreate scales the old ReplicaSet to zero and creates the new one only when its pods are gone', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    c.advance(10 * SECOND);
    const oldRS = replicaSets(c)[0].metadata.name!;
    let overlap = false;
    c.store.onChange(() => {
      const hashes = new Set(activePods(c).map((p) => p.metadata.labels!['pod-template-hash']));
      if (hashes.size > 1) overlap = true;
    });
    setImage(c, 'web', 'nginx:1.28');
    c.advance(20 * SECOND);
    expect(overlap).toBe(false);
    const newRS = rsByRevision(c, 2).metadata.name!;
    expect(deploymentEvents(c)).toEqual([
      `ScalingReplicaSet Scaled up replica set ${oldRS} from 0 to 2`,
      `ScalingReplicaSet Scaled down replica set ${oldRS} from 2 to 0`,
      `ScalingReplicaSet Scaled up replica set ${newRS} from 0 to 2`,
    ]);
    expect(rsByRevision(c, 2).metadata.annotations!['deployment.kubernetes.io/max-replicas']).toBe('2');
  });

  it('a paused Deployment does not roll out a new template but still scales; resuming rolls out', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 2, 'nginx:1.27'));
    c.advance(10 * SECOND);
    c.store.patch('deployments', 'default', 'web', 'application/merge-patch+json', { spec: { paused: true } });
    c.advance(SECOND);
    const paused = getD(c, 'web').status!.conditions!.find((x) => x.type === 'Progressing')!;
    expect([paused.status, paused.reason, paused.message]).toEqual(['Unknown', 'DeploymentPaused', 'Deployment is paused']);
    setImage(c, 'web', 'nginx:1.28');
    scale(c, 'web', 3);
    c.advance(10 * SECOND);
    expect(replicaSets(c)).toHaveLength(1);
    expect(replicaSets(c)[0].spec.replicas).toBe(3);
    c.store.patch('deployments', 'default', 'web', 'application/merge-patch+json', { spec: { paused: false } });
    c.advance(30 * SECOND);
    expect(rsByRevision(c, 2).spec.replicas).toBe(3);
    expect(rsByRevision(c, 1).spec.replicas).toBe(0);
    expect(getD(c, 'web').status!.conditions!.map((x) => `${x.type} ${x.status} ${x.reason}`)).toEqual(['Available True MinimumReplicasAvailable', 'Progressing True NewReplicaSetAvailable']);
  });
});

describe('Deployment controller: ownership', () => {
  it('a Deployment adopts a matching orphan ReplicaSet and releases one whose labels no longer match', () => {
    const c = cluster();
    const d = c.store.create<Deployment>('deployments', 'default', deployment('web', 1, 'nginx:1.27', { paused: true }));
    c.store.create('replicasets', 'default', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'stray', labels: { app: 'web' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'web', extra: 'x' } }, template: { metadata: { labels: { app: 'web', extra: 'x' } }, spec: { containers: [{ name: 'web', image: 'other' }] } } },
    });
    c.advance(100);
    expect(c.store.get<ReplicaSet>('replicasets', 'default', 'stray').metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    c.store.patch('replicasets', 'default', 'stray', 'application/merge-patch+json', { metadata: { labels: { app: 'elsewhere' } } });
    c.advance(100);
    expect(c.store.get<ReplicaSet>('replicasets', 'default', 'stray').metadata.ownerReferences).toBeUndefined();
  });

  it('kiamol 2.2: relabelling the Deployment\'s pod gets a replacement; relabelling it back deletes the newer pod', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('hello-kiamol-2', 1));
    c.advance(5 * 60 * SECOND);
    const [original] = activePods(c).map((p) => p.metadata.name!);
    // kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x
    c.store.patch('pods', 'default', original, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-x' } } });
    c.advance(30 * SECOND);
    const rows = activePods(c).map((p) => [p.metadata.name, p.metadata.labels]);
    expect(rows).toHaveLength(2);
    const replacement = activePods(c).find((p) => p.metadata.name !== original)!.metadata.name!;
    expect(c.store.get<Pod>('pods', 'default', original).metadata.labels!.app).toBe('hello-kiamol-x');
    expect(c.store.get<Pod>('pods', 'default', replacement).metadata.labels!.app).toBe('hello-kiamol-2');
    // kubectl label pods -l app=hello-kiamol-x --overwrite app=hello-kiamol-2
    c.store.patch('pods', 'default', original, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-2' } } });
    c.advance(10 * SECOND);
    expect(activePods(c).map((p) => p.metadata.name)).toEqual([original]);
    const d = getD(c, 'hello-kiamol-2');
    expect(d.status).toMatchObject({ replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 });
    expect(replicaSets(c)).toHaveLength(1);
  });
});

describe('Deployment controller: with the whole control plane', () => {
  it('kiamol 2.2 and 2.5 on the default cluster: relabel out and back, delete the pods, delete the Deployment', () => {
    const c = new Cluster({ seed: 3 }); // scheduler, kubelet, garbage collector and all
    c.store.create('deployments', 'default', deployment('hello-kiamol-2', 1));
    const available = (): boolean => (getD(c, 'hello-kiamol-2').status?.availableReplicas ?? 0) === 1;
    expect(c.runUntil(available, 120 * SECOND)).toBe(true);
    c.advance(5 * 60 * SECOND);
    const [original] = activePods(c).map((p) => p.metadata.name!);

    c.store.patch('pods', 'default', original, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-x' } } });
    expect(c.runUntil(() => activePods(c).length === 2 && available(), 120 * SECOND)).toBe(true);
    const replacement = activePods(c).find((p) => p.metadata.name !== original)!.metadata.name!;
    expect(activePods(c).map((p) => [p.metadata.name, p.metadata.labels!.app]).sort()).toEqual(
      [
        [original, 'hello-kiamol-x'],
        [replacement, 'hello-kiamol-2'],
      ].sort(),
    );

    c.store.patch('pods', 'default', original, 'application/merge-patch+json', { metadata: { labels: { app: 'hello-kiamol-2' } } });
    expect(c.runUntil(() => c.objects<Pod>('pods').length === 1, 120 * SECOND)).toBe(true);
    expect(c.objects<Pod>('pods').map((p) => p.metadata.name)).toEqual([original]);

    for (const p of c.objects<Pod>('pods')) c.store.delete('pods', 'default', p.metadata.name!);
    expect(c.runUntil(() => c.objects<Pod>('pods').length === 1 && c.objects<Pod>('pods')[0].metadata.name !== original && available(), 120 * SECOND)).toBe(true);

    c.store.delete('deployments', 'default', 'hello-kiamol-2', { propagationPolicy: 'Background' });
    expect(c.runUntil(() => c.objects('pods').length === 0 && c.objects('replicasets').length === 0, 120 * SECOND)).toBe(true);
  });
});

describe('Deployment controller: snapshots', () => {
  it('a snapshot taken mid-rollout restores to a cluster that finishes it identically', () => {
    const c = cluster();
    c.store.create('deployments', 'default', deployment('web', 4, 'nginx:1.27'));
    c.advance(10 * SECOND);
    setImage(c, 'web', 'nginx:1.28');
    c.advance(2 * SECOND + 6);
    const snap = c.snapshot();
    expect(JSON.parse(JSON.stringify(snap.controllers.deployment))).toEqual(snap.controllers.deployment);
    const r = Cluster.restore(snap, { controllers: [createReplicaSetController(), createDeploymentController(), fakeKubelet()] });
    c.advance(30 * SECOND);
    r.advance(30 * SECOND);
    expect(deploymentEvents(r)).toEqual(deploymentEvents(c));
    expect(r.objects('replicasets')).toEqual(c.objects('replicasets'));
    expect(r.objects('deployments')).toEqual(c.objects('deployments'));
  });
});
