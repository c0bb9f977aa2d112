// The Deployment controller (k8s.io/kubernetes pkg/controller/deployment/deployment_controller.go,
// 1.32): per Deployment, claim the ReplicaSets its selector matches (adopting orphans, releasing
// ones that moved away), then dispatch: status only while being deleted, proportional scaling
// when paused or on a scaling event, otherwise a rollout by strategy (deployment-rolling.ts,
// deployment-recreate.ts). The other steps live in deployment-sync.ts and
// deployment-progress.ts; helpers in deployment-util.ts.
//
// A Deployment is synced when it changes, when one of its ReplicaSets changes (their status
// carries pod availability), and when a pod of one of its ReplicaSets changes or goes. Every
// trigger is a timer keyed by namespace/name, so a burst of events makes one sync.

import type { Deployment, KubeObject, LabelSelector, Pod, ReplicaSet } from '../../k8s/types';
import { badRequest, isApiError } from '../../k8s/errors';
import { labelSelectorAsSelector, selectorFromLabelSelector } from '../../k8s/labels';
import type { Selector } from '../../k8s/labels';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { deepEqual } from '../object';
import { claimObjects, controllerOf, controllerRefChanged, objectKey, OwnerIndex, splitKey } from './controller-ref';
import type { DeploymentContext } from './deployment-sync';
import { APPS_V1, event, getAllReplicaSetsAndSyncRevision, isScalingEvent, syncDeploymentStatus, syncScale, updateDeploymentStatus } from './deployment-sync';
import { checkPausedConditions } from './deployment-progress';
import { rolloutRolling } from './deployment-rolling';
import { rolloutRecreate } from './deployment-recreate';
import { byCreation, mutable } from './deployment-util';
import { WorkQueue } from './workqueue';

export { DEPLOYMENT_COMPONENT } from './deployment-sync';

/** maxRetries: a Deployment that keeps failing is dropped from the queue after this many retries. */
const MAX_RETRIES = 15;

export interface DeploymentController extends Controller {
  readonly name: 'deployment';
}

export function createDeploymentController(): DeploymentController {
  return new DController();
}

class DController implements DeploymentController {
  readonly name = 'deployment' as const;
  private host!: ControllerHost;
  private readonly queue = new WorkQueue(this, (h) => h.config.latency.deployment);
  private readonly replicaSets = new OwnerIndex<ReplicaSet>();
  /** `${ns}/${rs uid}` → pods controlled by that ReplicaSet that are not Succeeded/Failed */
  private readonly livePods = new Map<string, number>();
  private readonly selectors = new WeakMap<object, Selector>();
  private unsubscribe?: () => void;
  private ctx!: DeploymentContext;

  start(host: ControllerHost, restored: boolean): void {
    this.host = host;
    this.queue.attach(host);
    this.ctx = {
      host,
      store: host.store,
      now: () => host.now(),
      enqueueAfter: (d, ms) => this.queue.addAfter(keyOf(d), ms),
      enqueueRateLimited: (d) => this.queue.addRateLimited(keyOf(d)),
      livePodsOf: (ns, uid) => this.livePods.get(`${ns}/${uid}`) ?? 0,
    };
    this.unsubscribe?.();
    this.replicaSets.clear();
    this.livePods.clear();
    for (const rs of host.store.all<ReplicaSet>('replicasets')) this.replicaSets.upsert(rs);
    for (const p of host.store.all<Pod>('pods')) this.countPod(p, 1);
    this.unsubscribe = host.store.onChange((e) => this.onChange(e));
    if (!restored) for (const d of host.store.all<Deployment>('deployments')) this.queue.add(keyOf(d));
  }

  fire(key: string): void {
    try {
      this.sync(key);
      this.queue.forget(key);
    } catch (e) {
      if (!isApiError(e)) throw e;
      // handleErr: retry with back-off, give up after maxRetries
      if (this.queue.numRequeues(key) < MAX_RETRIES) this.queue.addRateLimited(key);
      else this.queue.forget(key);
    }
  }

  save(): unknown {
    return { retries: this.queue.save() };
  }

  load(state: unknown): void {
    this.queue.load((state as { retries?: unknown } | undefined)?.retries);
  }

  // -------------------------------------------------------------------------------------------
  // event handlers

  private onChange(e: ChangeEvent): void {
    switch (e.resource) {
      case 'deployments':
        this.queue.add(keyOf(e.object));
        break;
      case 'replicasets':
        this.replicaSetChanged(e);
        break;
      case 'pods':
        this.podChanged(e);
        break;
    }
  }

  private replicaSetChanged(e: ChangeEvent): void {
    const rs = e.object as ReplicaSet;
    if (e.type === 'DELETED') {
      this.replicaSets.remove(rs);
      this.enqueueOwner(rs);
      return;
    }
    this.replicaSets.upsert(rs);
    if (e.type === 'ADDED') {
      if (rs.metadata.deletionTimestamp || controllerOf(rs)) this.enqueueOwner(rs);
      else for (const d of this.deploymentsSelecting(rs)) this.queue.add(keyOf(d));
      return;
    }
    const old = e.old as ReplicaSet;
    const refChanged = controllerRefChanged(old, rs);
    if (refChanged && controllerOf(old)) this.enqueueOwner(old);
    if (controllerOf(rs)) {
      this.enqueueOwner(rs);
      return;
    }
    if (refChanged || !deepEqual(old.metadata.labels, rs.metadata.labels)) {
      for (const d of this.deploymentsSelecting(rs)) this.queue.add(keyOf(d));
    }
  }

  private podChanged(e: ChangeEvent): void {
    const pod = e.object as Pod;
    const old = e.old as Pod | undefined;
    // A status write (same owner references, still live or still finished) leaves the count as
    // it is: taking the old version off and putting the new one on would cancel out.
    const sameCount =
      e.type === 'MODIFIED' &&
      !!old &&
      old.metadata.ownerReferences === pod.metadata.ownerReferences &&
      old.metadata.namespace === pod.metadata.namespace &&
      isFinished(old) === isFinished(pod);
    if (!sameCount) {
      if (e.type !== 'ADDED' && old) this.countPod(old, -1);
      if (e.type !== 'DELETED') this.countPod(pod, 1);
    }
    // Like upstream's deletePod handler, only a pod going away wakes the Deployment directly
    // (Recreate waits for old pods to be gone); availability reaches it through ReplicaSet status.
    if (e.type !== 'DELETED' && !pod.metadata.deletionTimestamp) return;
    const d = this.deploymentOfPod(pod);
    if (d) this.queue.add(keyOf(d));
    if (old && controllerRefChanged(old, pod)) {
      const before = this.deploymentOfPod(old);
      if (before && before !== d) this.queue.add(keyOf(before));
    }
  }

  /** Counts the live pods of each ReplicaSet (not Succeeded or Failed: Recreate waits for them). */
  private countPod(pod: Pod, delta: number): void {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return;
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const key = `${pod.metadata.namespace}/${ref.uid}`;
    const n = (this.livePods.get(key) ?? 0) + delta;
    if (n > 0) this.livePods.set(key, n);
    else this.livePods.delete(key);
  }

  private deploymentOfPod(pod: Pod): Deployment | undefined {
    const ref = controllerOf(pod);
    if (!ref || ref.kind !== 'ReplicaSet') return undefined;
    const rs = this.host.store.find<ReplicaSet>('replicasets', pod.metadata.namespace, ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = controllerOf(rs);
    return dref ? this.resolve(rs.metadata.namespace!, dref) : undefined;
  }

  /** Enqueues the Deployment controlling `rs`, if it still exists. */
  private enqueueOwner(rs: ReplicaSet): void {
    const ref = controllerOf(rs);
    if (!ref) return;
    const d = this.resolve(rs.metadata.namespace!, ref);
    if (d) this.queue.add(keyOf(d));
  }

  private resolve(ns: string, ref: { kind: string; name: string; uid: string }): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.host.store.find<Deployment>('deployments', ns, ref.name);
    return d && d.metadata.uid === ref.uid ? d : undefined;
  }

  /** GetDeploymentsForReplicaSet: Deployments of the namespace with a non-empty selector matching the ReplicaSet's labels. */
  private deploymentsSelecting(rs: ReplicaSet): Deployment[] {
    const out: Deployment[] = [];
    for (const d of this.host.store.all<Deployment>('deployments', rs.metadata.namespace)) {
      const sel = this.selectorOf(d.spec.selector);
      if (!sel || sel.empty() || !sel.matches(rs.metadata.labels)) continue;
      out.push(d);
    }
    return out.sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0));
  }

  /** A Deployment's selector; undefined if it does not parse (validation keeps that from happening). */
  private selectorOf(ls: LabelSelector | undefined): Selector | undefined {
    if (!ls) return selectorFromLabelSelector(ls);
    let s = this.selectors.get(ls);
    if (!s) {
      const r = labelSelectorAsSelector(ls);
      if (!r.ok) return undefined;
      this.selectors.set(ls, (s = r.selector));
    }
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // syncDeployment

  private sync(key: string): void {
    const { store } = this.host;
    const ctx = this.ctx;
    const [ns, name] = splitKey(key);
    const stored = store.find<Deployment>('deployments', ns, name);
    if (!stored) return;
    const d = mutable(stored);
    d.status ??= {};

    const sel = d.spec.selector;
    if (!sel || (Object.keys(sel).length === 0)) {
      event(ctx, d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) {
        d.status.observedGeneration = d.metadata.generation;
        updateDeploymentStatus(ctx, d);
      }
      return;
    }

    const rsList = this.replicaSetsFor(d);

    if (d.metadata.deletionTimestamp) {
      const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
      syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
      return;
    }

    checkPausedConditions(ctx, d);
    if (d.spec.paused) {
      syncScale(ctx, d, rsList);
      return;
    }
    // (apps/v1 has no rollbackTo: `kubectl rollout undo` rewrites the template client-side.)
    if (isScalingEvent(ctx, d, rsList)) {
      syncScale(ctx, d, rsList);
      return;
    }
    if (d.spec.strategy?.type === 'Recreate') rolloutRecreate(ctx, d, rsList);
    else rolloutRolling(ctx, d, rsList);
  }

  /**
   * getReplicaSetsForDeployment: the ReplicaSets this Deployment controls and selects, after
   * adopting matching orphans and releasing its ReplicaSets that no longer match. Oldest first.
   */
  private replicaSetsFor(d: Deployment): ReplicaSet[] {
    const { store } = this.host;
    const ns = d.metadata.namespace!;
    const uid = d.metadata.uid!;
    const sel = this.selectorOf(d.spec.selector);
    if (!sel) throw badRequest(`invalid label selector for deployment ${ns}/${d.metadata.name}`);
    const candidates = [...this.replicaSets.ownedBy(ns, uid), ...this.replicaSets.orphansIn(ns)];
    const claimed = claimObjects<ReplicaSet>(candidates, {
      store,
      resource: 'replicasets',
      owner: d,
      ownerApiVersion: APPS_V1,
      ownerKind: 'Deployment',
      matches: (rs) => sel.matches(rs.metadata.labels),
      canAdopt: () => {
        const fresh = store.find<Deployment>('deployments', ns, d.metadata.name!);
        return !!fresh && fresh.metadata.uid === uid && !fresh.metadata.deletionTimestamp;
      },
    });
    return claimed.sort(byCreation);
  }
}

function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name!);
}

function isFinished(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
