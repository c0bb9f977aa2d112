// The RollingUpdate strategy (k8s.io/kubernetes pkg/controller/deployment/rolling.go, 1.32):
// grow the new ReplicaSet while the total stays within replicas + maxSurge, shrink old ones
// while at least replicas − maxUnavailable stay available, unhealthy old replicas first.

import type { Deployment, ReplicaSet } from '../../k8s/types';
import type { DeploymentContext } from './deployment-sync';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './deployment-sync';
import { syncRolloutStatus } from './deployment-progress';
import { activeReplicaSets, availableReplicaCount, byCreation, deploymentComplete, maxUnavailable, newRSNewReplicas, replicaCount, replicasOf } from './deployment-util';

export function rolloutRolling(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): void {
  const [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const allRSs = [...oldRSs, newRS!];

  if (reconcileNewReplicaSet(ctx, allRSs, newRS!, d)) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (reconcileOldReplicaSets(ctx, allRSs, activeReplicaSets(oldRSs), newRS!, d)) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** reconcileNewReplicaSet: scale the new ReplicaSet down to spec.replicas, or up as far as maxSurge allows. */
function reconcileNewReplicaSet(ctx: DeploymentContext, allRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicasOf(newRS) === replicasOf(d)) return false;
  if (replicasOf(newRS) > replicasOf(d)) return scaleReplicaSetAndRecordEvent(ctx, newRS, replicasOf(d), d)[0];
  return scaleReplicaSetAndRecordEvent(ctx, newRS, newRSNewReplicas(d, allRSs, newRS), d)[0];
}

/**
 * reconcileOldReplicaSets: maxScaledDown = all − (replicas − maxUnavailable) − the new
 * ReplicaSet's unavailable pods; unhealthy old replicas go first, then available ones while
 * availability stays at the minimum.
 */
function reconcileOldReplicaSets(ctx: DeploymentContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet, d: Deployment): boolean {
  if (replicaCount(oldRSs) === 0) return false;
  const allPods = replicaCount(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;

  const [olds, cleaned] = cleanupUnhealthyReplicas(ctx, oldRSs, d, maxScaledDown);
  const scaledDown = scaleDownOldReplicaSets(ctx, [...olds, newRS], olds, d);
  return cleaned + scaledDown > 0;
}

/** cleanupUnhealthyReplicas: oldest first, scale away replicas that are not available. */
function cleanupUnhealthyReplicas(ctx: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment, maxCleanup: number): [ReplicaSet[], number] {
  const olds = [...oldRSs].sort(byCreation);
  let total = 0;
  for (let i = 0; i < olds.length; i++) {
    if (total >= maxCleanup) break;
    const rs = olds[i];
    if (replicasOf(rs) === 0) continue;
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === available) continue;
    const n = Math.min(maxCleanup - total, replicasOf(rs) - available);
    const [, updated] = scaleReplicaSetAndRecordEvent(ctx, rs, replicasOf(rs) - n, d);
    total += n;
    olds[i] = updated;
  }
  return [olds, total];
}

/** scaleDownOldReplicaSetsForRollingUpdate: oldest first, down to the availability floor. */
function scaleDownOldReplicaSets(ctx: DeploymentContext, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], d: Deployment): number {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const olds = [...oldRSs].sort(byCreation);
  const toScaleDown = available - minAvailable;
  let total = 0;
  for (const rs of olds) {
    if (total >= toScaleDown) break;
    if (replicasOf(rs) === 0) continue;
    const n = Math.min(replicasOf(rs), toScaleDown - total);
    scaleReplicaSetAndRecordEvent(ctx, rs, replicasOf(rs) - n, d);
    total += n;
  }
  return total;
}
