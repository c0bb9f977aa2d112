// The Recreate strategy (k8s.io/kubernetes pkg/controller/deployment/recreate.go, 1.32): scale
// every old ReplicaSet to zero, wait until none of their pods is left running, then create or
// scale up the new ReplicaSet.

import type { Deployment, ReplicaSet } from '../../k8s/types';
import type { DeploymentContext } from './deployment-sync';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision, scaleReplicaSetAndRecordEvent } from './deployment-sync';
import { syncRolloutStatus } from './deployment-progress';
import { activeReplicaSets, actualReplicaCount, deploymentComplete, replicasOf } from './deployment-util';

export function rolloutRecreate(ctx: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): void {
  // No new ReplicaSet yet: it must not scale up before the old ones are down.
  let [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  let allRSs: (ReplicaSet | undefined)[] = [...oldRSs, newRS];

  let scaledDown = false;
  for (const rs of activeReplicaSets(oldRSs)) {
    if (scaleReplicaSetAndRecordEvent(ctx, rs, 0, d)[0]) scaledDown = true;
  }
  if (scaledDown) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (oldPodsRunning(ctx, d, newRS, oldRSs, rsList)) {
    syncRolloutStatus(ctx, allRSs, newRS, d);
    return;
  }
  if (!newRS) {
    [newRS, oldRSs] = getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
    allRSs = [...oldRSs, newRS];
  }
  scaleReplicaSetAndRecordEvent(ctx, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) cleanupDeployment(ctx, oldRSs, d);
  syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** oldPodsRunning: old ReplicaSets still report pods, or still own a pod that has not finished. */
function oldPodsRunning(ctx: DeploymentContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], rsList: ReplicaSet[]): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  const ns = d.metadata.namespace!;
  for (const rs of rsList) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    if (ctx.livePodsOf(ns, rs.metadata.uid!) > 0) return true;
  }
  return false;
}
