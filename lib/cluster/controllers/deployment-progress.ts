// Rollout progress (k8s.io/kubernetes pkg/controller/deployment/progress.go, 1.32): the
// Progressing condition (NewReplicaSetCreated → ReplicaSetUpdated → NewReplicaSetAvailable, or
// ProgressDeadlineExceeded), ReplicaFailure from the ReplicaSets, the paused/resumed markers,
// and the re-check scheduled for when a stuck rollout would pass its deadline.

import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../k8s/types';
import { deepEqual } from '../object';
import type { DeploymentContext } from './deployment-sync';
import { calculateStatus, updateDeploymentStatus } from './deployment-sync';
import {
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  getCondition,
  hasProgressDeadline,
  NEW_RS_AVAILABLE_REASON,
  newCondition,
  normalizeStatus,
  PAUSED_REASON,
  removeCondition,
  RESUMED_REASON,
  RS_UPDATED_REASON,
  setCondition,
  timeOf,
  TIMED_OUT_REASON,
} from './deployment-util';

/** syncRolloutStatus: status plus the Progressing and ReplicaFailure conditions. */
export function syncRolloutStatus(ctx: DeploymentContext, allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): void {
  const now = ctx.now();
  const status = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');

  const current = getCondition(d.status, 'Progressing');
  const complete = (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !complete) {
    const rsName = newRS?.metadata.name;
    if (deploymentComplete(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(status, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, msg, now));
    } else if (deploymentProgressing(d, status)) {
      const msg = rsName ? `ReplicaSet "${rsName}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', RS_UPDATED_REASON, msg, now);
      // Progress moves lastUpdateTime even with the same reason; lastTransitionTime stays
      // while the condition stays True.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, now)) {
      const msg = rsName ? `ReplicaSet "${rsName}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(status, newCondition('Progressing', 'False', TIMED_OUT_REASON, msg, now));
    }
  }

  const failures = replicaFailures(allRSs, newRS);
  if (failures.length) setCondition(status, failures[0]);
  else removeCondition(status, 'ReplicaFailure');

  const next = normalizeStatus(status);
  if (deepEqual(normalizeStatus(d.status ?? {}), next)) {
    requeueStuckDeployment(ctx, d, next);
    return;
  }
  d.status = next;
  updateDeploymentStatus(ctx, d);
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else the old ones'. */
function replicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const toDeployment = (c: NonNullable<NonNullable<ReplicaSet['status']>['conditions']>[number]): DeploymentCondition => ({
    type: c.type as DeploymentCondition['type'],
    status: c.status as DeploymentCondition['status'],
    lastUpdateTime: c.lastTransitionTime,
    lastTransitionTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  });
  const out: DeploymentCondition[] = [];
  for (const c of newRS?.status?.conditions ?? []) if (c.type === 'ReplicaFailure') out.push(toDeployment(c));
  if (out.length) return out;
  for (const rs of allRSs) for (const c of rs?.status?.conditions ?? []) if (c.type === 'ReplicaFailure') out.push(toDeployment(c));
  return out;
}

/**
 * requeueStuckDeployment: a rollout that made no progress is looked at again when its
 * Progressing condition would pass progressDeadlineSeconds (plus a second against skew).
 */
function requeueStuckDeployment(ctx: DeploymentContext, d: Deployment, status: DeploymentStatus): void {
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, status) || current.reason === TIMED_OUT_REASON) return;
  const from = timeOf(current.lastUpdateTime);
  if (from === undefined) return;
  const after = from + d.spec.progressDeadlineSeconds! * 1000 - ctx.now();
  if (after < 1000) ctx.enqueueRateLimited(d);
  else ctx.enqueueAfter(d, after + 1000);
}

/**
 * checkPausedConditions: pausing sets Progressing Unknown/DeploymentPaused, resuming
 * Unknown/DeploymentResumed, so a paused rollout never times out; a timed-out one stays so.
 */
export function checkPausedConditions(ctx: DeploymentContext, d: Deployment): void {
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === TIMED_OUT_REASON) return;
  const pausedExists = cond?.reason === PAUSED_REASON;
  d.status ??= {};
  if (d.spec.paused && !pausedExists) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', PAUSED_REASON, 'Deployment is paused', ctx.now()));
  } else if (!d.spec.paused && pausedExists) {
    setCondition(d.status, newCondition('Progressing', 'Unknown', RESUMED_REASON, 'Deployment is resumed', ctx.now()));
  } else {
    return;
  }
  updateDeploymentStatus(ctx, d);
}
