// Pod predicates the workload controllers share, and the order in which a ReplicaSet deletes
// surplus pods. Mirrors k8s.io/kubernetes pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable)
// and pkg/controller/controller_utils.go (IsPodActive, ActivePodsWithRanks) as of 1.32.

import type { Pod } from '../../k8s/types';
import { parseTime } from '../../k8s/duration';

/** Not finished (Succeeded/Failed) and not being deleted: controller.IsPodActive. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** The Ready condition is True: podutil.IsPodReady. */
export function isPodReady(pod: Pod): boolean {
  const conds = pod.status?.conditions;
  if (!conds) return false;
  for (const c of conds) if (c.type === 'Ready') return c.status === 'True';
  return false;
}

/** When the pod last became Ready, in ms; undefined when not ready or unknown (Go's zero time). */
export function podReadyTime(pod: Pod): number | undefined {
  const conds = pod.status?.conditions;
  if (!conds) return undefined;
  for (const c of conds) {
    if (c.type !== 'Ready') continue;
    if (c.status !== 'True' || !c.lastTransitionTime) return undefined;
    return parseTime(c.lastTransitionTime) ?? undefined;
  }
  return undefined;
}

/**
 * podutil.IsPodAvailable: Ready, and Ready for strictly longer than minReadySeconds (the
 * condition's lastTransitionTime plus minReadySeconds is before now).
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const t = podReadyTime(pod);
  return t !== undefined && t + minReadySeconds * 1000 < nowMs;
}

/** The moment a Ready pod becomes available (IsPodAvailable turns true), in ms. */
export function podAvailableAt(pod: Pod, minReadySeconds: number): number | undefined {
  const t = podReadyTime(pod);
  return t === undefined ? undefined : t + minReadySeconds * 1000 + 1;
}

export function creationTime(obj: { metadata: { creationTimestamp?: string | null } }): number | undefined {
  const s = obj.metadata.creationTimestamp;
  if (!s) return undefined;
  return parseTime(s) ?? undefined;
}

// ---------------------------------------------------------------------------------------------
// ActivePodsWithRanks

const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/**
 * helper.GetDeletionCostFromPodAnnotations: `controller.kubernetes.io/pod-deletion-cost` as an
 * int32; absent or malformed counts as 0.
 */
export function podDeletionCost(pod: Pod): number {
  const v = pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (v === undefined) return 0;
  // validFirstDigit: '-', a lone '0', or 1-9; then strconv.ParseInt(v, 10, 32).
  if (!(v[0] === '-' || v === '0' || (v[0] >= '1' && v[0] <= '9'))) return 0;
  if (!/^-?[0-9]+$/.test(v)) return 0;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < -2147483648 || n > 2147483647) return 0;
  return n;
}

/** maxContainerRestarts: the largest restartCount of the regular containers, then of restartable init containers (sidecars). */
function maxRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set<string>();
  for (const c of pod.spec.initContainers ?? []) if (c.restartPolicy === 'Always') sidecars.add(c.name);
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

/** afterOrZero: a zero time sorts first, otherwise the later time first. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

/** logarithmicRankDiff: floor(log2(age in ns)) of each, compared; -1 for a non-positive age. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const d1 = (now - t1) * 1e6;
  const d2 = (now - t2) * 1e6;
  const r1 = d1 > 0 ? Math.floor(Math.log2(d1)) : -1;
  const r2 = d2 > 0 ? Math.floor(Math.log2(d2)) : -1;
  return r1 - r2;
}

/** Compares two times the LogarithmicScaleDown way (on by default since 1.22): newer bucket first, ties by UID. */
function newerFirst(t1: number | undefined, t2: number | undefined, uid1: string, uid2: string, now: number): boolean {
  if (t1 === undefined || t2 === undefined) return afterOrZero(t1, t2);
  const diff = logRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

export interface RankedPod {
  pod: Pod;
  /** how many active pods of the related ReplicaSets share this pod's node */
  rank: number;
}

/**
 * ActivePodsWithRanks.Less: true when `a` should be deleted before `b`.
 *  1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 *  4. lower pod-deletion-cost; 5. more siblings on the node (higher rank);
 *  6. both ready: ready more recently (log buckets, then UID); 7. more container restarts;
 *  8. created more recently (log buckets, then UID).
 */
export function deleteBefore(a: RankedPod, b: RankedPod, now: number): boolean {
  const pa = a.pod;
  const pb = b.pod;
  const na = pa.spec.nodeName ?? '';
  const nb = pb.spec.nodeName ?? '';
  if (na !== nb && (na === '' || nb === '')) return na === '';
  const oa = PHASE_ORDINAL[pa.status?.phase ?? ''] ?? 0;
  const ob = PHASE_ORDINAL[pb.status?.phase ?? ''] ?? 0;
  if (oa !== ob) return oa < ob;
  const ra = isPodReady(pa);
  const rb = isPodReady(pb);
  if (ra !== rb) return !ra;
  const ca = podDeletionCost(pa);
  const cb = podDeletionCost(pb);
  if (ca !== cb) return ca < cb;
  if (a.rank !== b.rank) return a.rank > b.rank;
  const uidA = pa.metadata.uid ?? '';
  const uidB = pb.metadata.uid ?? '';
  if (ra && rb) {
    const t1 = podReadyTime(pa);
    const t2 = podReadyTime(pb);
    if (t1 !== t2) return newerFirst(t1, t2, uidA, uidB, now);
  }
  const [regA, sideA] = maxRestarts(pa);
  const [regB, sideB] = maxRestarts(pb);
  if (regA !== regB) return regA > regB;
  if (sideA !== sideB) return sideA > sideB;
  const c1 = creationTime(pa);
  const c2 = creationTime(pb);
  if (c1 !== c2) return newerFirst(c1, c2, uidA, uidB, now);
  return false;
}

/**
 * getPodsToDelete: the `count` pods to delete first. `related` are the active pods of every
 * ReplicaSet with the same controller (the Deployment's other ReplicaSets), including these.
 */
export function podsToDelete(pods: Pod[], related: Iterable<Pod>, count: number, now: number): Pod[] {
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const n = p.spec.nodeName ?? '';
    onNode.set(n, (onNode.get(n) ?? 0) + 1);
  }
  // Pods alike in every ranked respect (same phase, readiness, node, and creation second: the
  // usual case for pods one sync created) tie. Upstream the tie goes whichever way Go's unstable
  // sort over the informer's list leaves it; here it goes by name, so it does not depend on the
  // order of an index (which a restore rebuilds differently). Upstream sorts only when some pods
  // stay; sorting always also makes the order of deletions deterministic.
  const ranked: RankedPod[] = pods
    .map((pod) => ({ pod, rank: onNode.get(pod.spec.nodeName ?? '') ?? 0 }))
    .sort((a, b) => (a.pod.metadata.name! < b.pod.metadata.name! ? -1 : a.pod.metadata.name! > b.pod.metadata.name! ? 1 : 0));
  ranked.sort((a, b) => (deleteBefore(a, b, now) ? -1 : deleteBefore(b, a, now) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
