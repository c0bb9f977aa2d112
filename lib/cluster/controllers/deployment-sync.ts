// The Deployment controller's shared sync steps (k8s.io/kubernetes
// pkg/controller/deployment/sync.go, 1.32): find or create the new ReplicaSet and keep revisions
// in step, scale ReplicaSets (proportionally on a scaling event), clean up old revisions,
// compute status.
//
// `d` is the sync's working copy of the Deployment, mutated in place as upstream mutates its
// pointer; its resourceVersion stays the one read at the start of the sync, so a second status
// write in one sync conflicts exactly where it conflicts against a real API server.

import type { Deployment, DeploymentStatus, LabelSelector, ReplicaSet } from '../../k8s/types';
import { isApiError } from '../../k8s/errors';
import { computeTemplateHash } from '../../k8s/hash';
import type { ControllerHost } from '../controller';
import type { Store } from '../store';
import { deepEqual } from '../object';
import { controllerOf, newControllerRef } from './controller-ref';
import {
  activeReplicaSets,
  actualReplicaCount,
  availableReplicaCount,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  equalIgnoreHash,
  FAILED_RS_CREATE_REASON,
  findActiveOrLatest,
  findNewReplicaSet,
  findOldReplicaSets,
  FOUND_NEW_RS_REASON,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  maxUnavailable,
  MIN_AVAILABLE_REASON,
  MIN_UNAVAILABLE_REASON,
  mutable,
  NEW_RS_REASON,
  newCondition,
  newRSNewReplicas,
  normalizeStatus,
  readyReplicaCount,
  REVISION_ANNOTATION,
  replicaCount,
  replicaSetProportion,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  desiredReplicasAnnotation,
  setCondition,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
  TEMPLATE_HASH_LABEL,
} from './deployment-util';

export const DEPLOYMENT_COMPONENT = 'deployment-controller';
export const APPS_V1 = 'apps/v1';

/** What the sync steps need from the controller. */
export interface DeploymentContext {
  readonly host: ControllerHost;
  readonly store: Store;
  now(): number;
  /** queue.AddAfter for this Deployment */
  enqueueAfter(d: Deployment, ms: number): void;
  /** queue.AddRateLimited for this Deployment */
  enqueueRateLimited(d: Deployment): void;
  /** how many pods of this ReplicaSet (by uid) are not Succeeded or Failed */
  livePodsOf(ns: string, rsUid: string): number;
}

export function event(ctx: DeploymentContext, d: Deployment, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.host.events.record(d, type, reason, message, { component: DEPLOYMENT_COMPONENT });
}

/**
 * UpdateStatus as the API server treats it for a Deployment: status and metadata (annotations,
 * where the controller keeps the revision) from the request, spec and labels from storage, and
 * optimistic concurrency on the request's resourceVersion.
 */
export function updateDeploymentStatus(ctx: DeploymentContext, d: Deployment): Deployment {
  return ctx.store.update<Deployment>('deployments', d.metadata.namespace, { ...d, status: normalizeStatus(d.status ?? {}) }, { subresource: 'status' });
}

/** getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked) and all old ones. */
export function getAllReplicaSetsAndSyncRevision(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[], createIfNotExisted: boolean): [ReplicaSet | undefined, ReplicaSet[]] {
  const { all } = findOldReplicaSets(d, rsList);
  const newRS = getNewReplicaSet(ctx, d, rsList, all, createIfNotExisted);
  return [newRS, all];
}

function cloneSelectorAndAddLabel(sel: LabelSelector, key: string, value: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...(sel.matchLabels ?? {}), [key]: value } };
  if (sel.matchExpressions) out.matchExpressions = sel.matchExpressions.map((e) => (e.values ? { key: e.key, operator: e.operator, values: [...e.values] } : { key: e.key, operator: e.operator }));
  return out;
}

/**
 * getNewReplicaSet: the ReplicaSet running the Deployment's current template. An existing one
 * gets its annotations (revision, copied annotations) and minReadySeconds synced; otherwise,
 * if asked, one is created: `<deployment>-<pod-template-hash>`, sized by NewRSNewReplicas.
 */
export function getNewReplicaSet(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[], oldRSs: ReplicaSet[], createIfNotExisted: boolean): ReplicaSet | undefined {
  const { store } = ctx;
  const ns = d.metadata.namespace;
  d.status ??= {};
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = maxRevision(oldRSs) + 1;

  if (existing) {
    const rsCopy = mutable(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
    const minReadyNeedsUpdate = (rsCopy.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
    if (annotationsUpdated || minReadyNeedsUpdate) {
      if (d.spec.minReadySeconds) rsCopy.spec.minReadySeconds = d.spec.minReadySeconds;
      else delete rsCopy.spec.minReadySeconds;
      return store.update<ReplicaSet>('replicasets', ns, rsCopy);
    }
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition(d.status, newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata.name}"`, ctx.now()));
      needsUpdate = true;
    }
    if (needsUpdate) updateDeploymentStatus(ctx, d);
    return rsCopy;
  }

  if (!createIfNotExisted) return undefined;

  const template = mutable(d.spec.template);
  const hash = computeTemplateHash(template, d.status.collisionCount);
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [TEMPLATE_HASH_LABEL]: hash } };
  const newRS: ReplicaSet = {
    apiVersion: APPS_V1,
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: ns,
      labels: { ...template.metadata.labels },
      ownerReferences: [newControllerRef(d, APPS_V1, 'Deployment')],
    },
    spec: { replicas: 0, selector: cloneSelectorAndAddLabel(d.spec.selector, TEMPLATE_HASH_LABEL, hash), template },
  };
  if (d.spec.minReadySeconds) newRS.spec.minReadySeconds = d.spec.minReadySeconds;
  const newReplicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  newRS.spec.replicas = newReplicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = store.create<ReplicaSet>('replicasets', ns, newRS);
  } catch (e) {
    if (isApiError(e, 'AlreadyExists')) {
      alreadyExists = true;
      const rs = store.find<ReplicaSet>('replicasets', ns, newRS.metadata.name!);
      if (!rs) throw e;
      // Ours, with our template: the new ReplicaSet after all. Otherwise a hash collision:
      // bump collisionCount so the next sync hashes differently.
      if (controllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash(d.spec.template, rs.spec.template)) {
        created = rs;
      } else {
        d.status.collisionCount = (d.status.collisionCount ?? 0) + 1;
        try {
          updateDeploymentStatus(ctx, d);
        } catch {
          // the original error is the one reported
        }
        throw e;
      }
    } else if (isApiError(e, 'Forbidden') && /being terminated/.test(e.message)) {
      throw e;
    } else {
      const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${e instanceof Error ? e.message : String(e)}`;
      if (hasProgressDeadline(d)) {
        setCondition(d.status, newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, ctx.now()));
        try {
          updateDeploymentStatus(ctx, d);
        } catch {
          // a bigger issue is being reported
        }
      }
      event(ctx, d, 'Warning', FAILED_RS_CREATE_REASON, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicas > 0) {
    event(ctx, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${newReplicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition(d.status, newCondition('Progressing', 'True', NEW_RS_REASON, `Created new replica set "${created.metadata.name}"`, ctx.now()));
    needsUpdate = true;
  }
  if (needsUpdate) updateDeploymentStatus(ctx, d);
  return created;
}

// ---------------------------------------------------------------------------------------------
// scaling

/** scaleReplicaSetAndRecordEvent: scales when the size differs. Returns [scaled, the ReplicaSet now]. */
export function scaleReplicaSetAndRecordEvent(ctx: DeploymentContext, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  if (replicasOf(rs) === newScale) return [false, rs];
  return scaleReplicaSet(ctx, rs, newScale, d);
}

/**
 * scaleReplicaSet: writes spec.replicas and the desired/max-replicas annotations when either is
 * stale; a size change is announced as `Scaled up|down replica set X from A to B`.
 */
export function scaleReplicaSet(ctx: DeploymentContext, rs: ReplicaSet, newScale: number, d: Deployment): [boolean, ReplicaSet] {
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return [false, rs];
  const oldScale = replicasOf(rs);
  const copy = mutable(rs);
  copy.spec.replicas = newScale;
  setReplicasAnnotations(copy, desired, max);
  const updated = ctx.store.update<ReplicaSet>('replicasets', rs.metadata.namespace, copy);
  if (!sizeNeedsUpdate) return [false, updated];
  event(ctx, d, 'Normal', 'ScalingReplicaSet', `Scaled ${oldScale < newScale ? 'up' : 'down'} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  return [true, updated];
}

/**
 * scale: on a scaling event (or while paused). One active ReplicaSet takes the whole size; a
 * saturated new ReplicaSet empties the old ones; otherwise a rolling Deployment spreads the
 * difference proportionally, largest first, the leftover to the largest.
 */
export function scale(ctx: DeploymentContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): void {
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === replicasOf(d)) return;
    scaleReplicaSetAndRecordEvent(ctx, activeOrLatest, replicasOf(d), d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of activeReplicaSets(oldRSs)) scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const all = activeReplicaSets([...oldRSs, newRS]);
  const allReplicas = replicaCount(all);
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  if (toAdd > 0) all.sort(bySizeNewer);
  else if (toAdd < 0) all.sort(bySizeOlder);
  let added = 0;
  const size = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = replicaSetProportion(rs, d, toAdd, added);
      size.set(rs.metadata.name!, replicasOf(rs) + p);
      added += p;
    } else {
      size.set(rs.metadata.name!, replicasOf(rs));
    }
  }
  all.forEach((rs, i) => {
    const name = rs.metadata.name!;
    if (i === 0 && toAdd !== 0) size.set(name, Math.max(0, size.get(name)! + (toAdd - added)));
    scaleReplicaSet(ctx, rs, size.get(name)!, d);
  });
}

/** isScalingEvent: an active ReplicaSet was sized for a different spec.replicas. */
export function isScalingEvent(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): boolean {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  for (const rs of activeReplicaSets([...oldRSs, newRS])) {
    const desired = desiredReplicasAnnotation(rs);
    if (desired === undefined) continue;
    if (desired !== replicasOf(d)) return true;
  }
  return false;
}

/** sync: scaling events and paused Deployments: scale, clean up (paused), write status. */
export function syncScale(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  scale(ctx, d, newRS, oldRSs);
  if (d.spec.paused) cleanupDeployment(ctx, oldRSs, d);
  syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

/**
 * cleanupDeployment: keeps revisionHistoryLimit old ReplicaSets; older ones that are empty,
 * observed and not already going are deleted, lowest revision first.
 */
export function cleanupDeployment(ctx: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment): void {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => rs && !rs.metadata.deletionTimestamp);
  const diff = cleanable.length - d.spec.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    try {
      ctx.store.delete('replicasets', rs.metadata.namespace, rs.metadata.name!);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}

/** syncDeploymentStatus: writes the calculated status if it differs. */
export function syncDeploymentStatus(ctx: DeploymentContext, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const status = calculateStatus(allRSs, newRS, d, ctx.now());
  if (deepEqual(normalizeStatus(d.status ?? {}), status)) return;
  d.status = status;
  updateDeploymentStatus(ctx, d);
}

/**
 * calculateStatus: counts from the ReplicaSets' status (replicas from status.replicas, the
 * unavailable count against spec.replicas), and the Available condition: at least
 * replicas − maxUnavailable available.
 */
export function calculateStatus(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, now: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    collisionCount: d.status?.collisionCount,
  };
  status.conditions = [...(d.status?.conditions ?? [])];
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', MIN_AVAILABLE_REASON, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', MIN_UNAVAILABLE_REASON, 'Deployment does not have minimum availability.', now));
  }
  return normalizeStatus(status);
}
