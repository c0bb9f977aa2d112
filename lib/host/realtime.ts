// Real time for a simulated cluster, for the web UI and `podbook cluster`: the cores never read
// the wall clock, so the host injects it here and wakes the cluster when work falls due.

import type { Clock } from '../cluster/clock';
import type { Cluster } from '../cluster/cluster';

export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }
}

/**
 * Runs a cluster's pending work as it falls due in wall-clock time. Returns a stop function.
 * The cluster must have been built with a RealClock.
 */
export function driveInRealTime(cluster: Cluster): () => void {
  let handle: ReturnType<typeof setTimeout> | undefined;
  let wakeAt = Infinity;
  let stopped = false;

  const arm = (at: number | undefined): void => {
    if (stopped || at === undefined || at >= wakeAt) return;
    if (handle) clearTimeout(handle);
    wakeAt = at;
    handle = setTimeout(tick, Math.max(0, at - Date.now()));
    // A sleeping cluster must not keep the process alive on its own.
    (handle as { unref?: () => void }).unref?.();
  };

  const tick = (): void => {
    handle = undefined;
    wakeAt = Infinity;
    cluster.runDue();
    arm(cluster.nextTimerAt());
  };

  cluster.onWake(arm);
  arm(cluster.nextTimerAt());
  return () => {
    stopped = true;
    cluster.onWake(undefined);
    if (handle) clearTimeout(handle);
  };
}
