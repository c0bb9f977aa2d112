// The ReplicaSet controller (k8s.io/kubernetes pkg/controller/replicaset/replica_set.go, 1.32):
// per ReplicaSet, claim the active pods of its namespace that it selects (adopting orphans,
// releasing pods whose labels moved away), create or delete pods until the count matches
// spec.replicas, and write status. Pods are found through an index kept from the store's change
// events (by controller uid, plus the orphans of each namespace), so a sync costs O(pods of
// that ReplicaSet) and ten thousand pod events for one ReplicaSet make one pending sync.

import type { KubeObject, Pod, ReplicaSet, ReplicaSetStatus } from '../../k8s/types';
import { isApiError } from '../../k8s/errors';
import { labelSelectorAsSelector, selectorFromLabelSelector, selectorFromSet } from '../../k8s/labels';
import type { Selector } from '../../k8s/labels';
import { nameIsDNSSubdomain } from '../../k8s/names';
import { rfc3339 } from '../../k8s/duration';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { clone, deepEqual } from '../object';
import { claimObjects, controllerOf, controllerRefChanged, newControllerRef, objectKey, OwnerIndex, splitKey } from './controller-ref';
import { isPodActive, isPodAvailable, isPodReady, podAvailableAt, podsToDelete } from './pod-util';
import { Expectations, WorkQueue } from './workqueue';

export const REPLICASET_COMPONENT = 'replicaset-controller';
const API_VERSION = 'apps/v1';
const KIND = 'ReplicaSet';

export interface ReplicaSetControllerOptions {
  /**
   * Most pods one sync creates or deletes (upstream's BurstReplicas is 500). Unlimited by
   * default: the simulator creates a 10,000-replica ReplicaSet's pods in one sync.
   */
  burstReplicas?: number;
}

export interface ReplicaSetController extends Controller {
  readonly name: 'replicaset';
}

export function createReplicaSetController(opts: ReplicaSetControllerOptions = {}): ReplicaSetController {
  return new RSController(opts.burstReplicas ?? Infinity);
}

/** The error a sync ends with when a create or delete failed (it is retried with back-off). */
class ManageReplicasError extends Error {}

class RSController implements ReplicaSetController {
  readonly name = 'replicaset' as const;
  private host!: ControllerHost;
  private readonly pods = new OwnerIndex<Pod, PodEntry>((p) => new PodEntry(p));
  private readonly queue = new WorkQueue(this, (h) => h.config.latency.replicaset);
  private readonly expectations = new Expectations();
  private readonly selectors = new WeakMap<object, Selector>();
  private unsubscribe?: () => void;

  constructor(private readonly burst: number) {}

  start(host: ControllerHost, restored: boolean): void {
    this.host = host;
    this.queue.attach(host);
    this.unsubscribe?.();
    this.pods.clear();
    for (const p of host.store.all<Pod>('pods')) this.pods.upsert(p);
    this.unsubscribe = host.store.onChange((e) => this.onChange(e));
    if (!restored) for (const rs of host.store.all<ReplicaSet>('replicasets')) this.queue.add(keyOf(rs));
  }

  fire(key: string): void {
    if (this.queue.deferred(key)) return;
    try {
      this.sync(key);
      this.queue.forget(key);
    } catch (e) {
      // An API error (conflict, a failed create or delete) is retried with back-off, like
      // processNextWorkItem's AddRateLimited; anything else is a bug and surfaces.
      if (isApiError(e) || e instanceof ManageReplicasError) this.queue.addRateLimited(key);
      else throw e;
    }
  }

  save(): unknown {
    return { expectations: this.expectations.save(), retries: this.queue.save() };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as { expectations?: unknown; retries?: unknown };
    this.expectations.load(s.expectations);
    this.queue.load(s.retries);
  }

  // -------------------------------------------------------------------------------------------
  // event handlers (addPod/updatePod/deletePod, addRS/updateRS/deleteRS)

  private onChange(e: ChangeEvent): void {
    if (e.resource === 'pods') {
      const pod = e.object as Pod;
      if (e.type === 'DELETED') {
        this.pods.remove(pod);
        this.podGone(pod);
      } else {
        this.pods.upsert(pod);
        if (e.type === 'ADDED') this.podAdded(pod);
        else this.podUpdated(e.old as Pod, pod);
      }
    } else if (e.resource === 'replicasets') {
      const key = keyOf(e.object);
      // deleteRS: a new ReplicaSet of the same name starts with clean expectations
      if (e.type === 'DELETED') this.expectations.delete(key);
      this.queue.add(key);
    }
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      this.podGone(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref) {
      const rs = this.resolve(pod.metadata.namespace!, ref);
      if (!rs) return;
      const key = keyOf(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    // An orphan: every ReplicaSet that selects it gets a chance to adopt it.
    for (const rs of this.replicaSetsSelecting(pod)) this.queue.add(keyOf(rs));
  }

  private podUpdated(old: Pod, cur: Pod): void {
    const labelChanged = !deepEqual(old.metadata.labels, cur.metadata.labels);
    if (cur.metadata.deletionTimestamp) {
      // Graceful deletion: act on the deletionTimestamp, not on the final removal.
      this.podGone(cur);
      if (labelChanged) this.podGone(old);
      return;
    }
    const refChanged = controllerRefChanged(old, cur);
    const oldRef = controllerOf(old);
    if (refChanged && oldRef) {
      const rs = this.resolve(old.metadata.namespace!, oldRef);
      if (rs) this.queue.add(keyOf(rs));
    }
    const ref = controllerOf(cur);
    if (ref) {
      const rs = this.resolve(cur.metadata.namespace!, ref);
      if (rs) this.queue.add(keyOf(rs));
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.replicaSetsSelecting(cur)) this.queue.add(keyOf(rs));
  }

  private podGone(pod: Pod): void {
    const ref = controllerOf(pod);
    if (!ref) return;
    const rs = this.resolve(pod.metadata.namespace!, ref);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, keyOf(pod));
    this.queue.add(key);
  }

  /** resolveControllerRef: the ReplicaSet a controllerRef names, if it is still that object. */
  private resolve(ns: string, ref: { kind: string; name: string; uid: string }): ReplicaSet | undefined {
    if (ref.kind !== KIND) return undefined;
    const rs = this.host.store.find<ReplicaSet>('replicasets', ns, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** GetPodReplicaSets: the namespace's ReplicaSets with a non-empty selector matching the pod. */
  private replicaSetsSelecting(pod: Pod): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.host.store.all<ReplicaSet>('replicasets', pod.metadata.namespace)) {
      const sel = this.selectorOf(rs);
      if (!sel || sel.empty() || !sel.matches(pod.metadata.labels)) continue;
      out.push(rs);
    }
    return out.sort(byName);
  }

  /** The ReplicaSet's selector; undefined if it does not parse (validation keeps that from happening). */
  private selectorOf(rs: ReplicaSet): Selector | undefined {
    const ls = rs.spec.selector;
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
  // syncReplicaSet

  private sync(key: string): void {
    const { store } = this.host;
    const [ns, name] = splitKey(key);
    const rs = store.find<ReplicaSet>('replicasets', ns, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const now = this.host.now();
    const needsSync = this.expectations.satisfied(key, now);
    const selector = this.selectorOf(rs);
    // An unparsable selector: nothing to do until the ReplicaSet changes (upstream logs and drops it).
    if (!selector) return;
    const uid = rs.metadata.uid!;

    // Only active pods are claimed (FilterActivePods before claimPods). The pods this
    // ReplicaSet controls that its selector still matches are claimed as they are; the rest (to
    // release) and the orphans (to adopt) go through claimObjects. Either way the claimed pods
    // come in the same order: the controlled ones as the index has them, then the adopted ones.
    const mine: PodEntry[] = [];
    const others: Pod[] = [];
    for (const e of this.pods.ownedBy(ns, uid)) {
      if (!(e.flags & ACTIVE)) continue;
      if (e.matches(selector)) mine.push(e);
      else others.push(e.pod);
    }
    for (const e of this.pods.orphansIn(ns)) if (e.flags & ACTIVE) others.push(e.pod);
    this.queue.synced(key, mine.length + others.length);
    const adopted = others.length
      ? claimObjects<Pod>(others, {
          store,
          resource: 'pods',
          owner: rs,
          ownerApiVersion: API_VERSION,
          ownerKind: KIND,
          matches: (p) => selector.matches(p.metadata.labels),
          canAdopt: () => {
            const fresh = store.find<ReplicaSet>('replicasets', ns, name);
            return !!fresh && fresh.metadata.uid === uid && !fresh.metadata.deletionTimestamp;
          },
        })
      : [];
    const claimed: Pod[] = new Array<Pod>(mine.length + adopted.length);
    for (let i = 0; i < mine.length; i++) claimed[i] = mine[i].pod;
    for (let i = 0; i < adopted.length; i++) claimed[mine.length + i] = adopted[i];

    let manageErr: Error | undefined;
    if (needsSync && !rs.metadata.deletionTimestamp) manageErr = this.manageReplicas(key, claimed, rs, now);

    const status = calculateStatus(rs, mine, adopted, manageErr, now);
    this.updateStatus(rs, status);

    // A ready pod becomes available minReadySeconds later: look again at that moment.
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (minReady > 0) {
      let next: number | undefined;
      for (const p of claimed) {
        if (!isPodReady(p) || isPodAvailable(p, minReady, now)) continue;
        const at = podAvailableAt(p, minReady);
        if (at !== undefined && (next === undefined || at < next)) next = at;
      }
      if (next !== undefined) this.queue.addAfter(key, next - now);
    }
    if (manageErr) throw manageErr;
  }

  /** Creates or deletes pods so that `claimed` (the active pods) reaches spec.replicas. */
  private manageReplicas(key: string, claimed: Pod[], rs: ReplicaSet, now: number): Error | undefined {
    const want = rs.spec.replicas ?? 1;
    const diff = claimed.length - want;
    if (diff < 0) return this.createPods(key, rs, Math.min(-diff, this.burst), now);
    if (diff > 0) return this.deletePods(key, rs, claimed, Math.min(diff, this.burst), now);
    return undefined;
  }

  /**
   * Creates `n` pods in slow-start batches (1, 2, 4, …) as slowStartBatch does: a batch with a
   * failure is the last one. Pods are created one after another, so names and events come in
   * a deterministic order.
   */
  private createPods(key: string, rs: ReplicaSet, n: number, now: number): Error | undefined {
    const { store, events } = this.host;
    this.expectations.expectCreations(key, n, now);
    let remaining = n;
    let batch = 1;
    let firstErr: Error | undefined;
    while (remaining > 0 && !firstErr) {
      const size = Math.min(batch, remaining);
      for (let i = 0; i < size; i++) {
        try {
          const pod = store.create<Pod>('pods', rs.metadata.namespace, podFromTemplate(rs), { owned: true });
          events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, { component: REPLICASET_COMPONENT });
        } catch (e) {
          // The creation will never be observed.
          this.expectations.lowerCreations(key, 1);
          if (isNamespaceTerminating(e)) continue; // every create fails there; nothing to report
          const msg = e instanceof Error ? e.message : String(e);
          events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`, { component: REPLICASET_COMPONENT });
          firstErr ??= e instanceof Error ? e : new ManageReplicasError(msg);
        }
      }
      remaining -= size;
      batch *= 2;
    }
    if (remaining > 0) this.expectations.lowerCreations(key, remaining);
    return firstErr;
  }

  /** Deletes the `n` pods that rank first for deletion (ActivePodsWithRanks). */
  private deletePods(key: string, rs: ReplicaSet, claimed: Pod[], n: number, now: number): Error | undefined {
    const { store, events } = this.host;
    const victims = podsToDelete(claimed, this.relatedPods(rs, claimed), n, now);
    this.expectations.expectDeletions(key, victims.map(keyOf), now);
    let firstErr: Error | undefined;
    for (const pod of victims) {
      try {
        store.delete('pods', pod.metadata.namespace, pod.metadata.name!);
        events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, { component: REPLICASET_COMPONENT });
      } catch (e) {
        this.expectations.deletionObserved(key, keyOf(pod));
        if (isApiError(e, 'NotFound')) continue;
        const msg = e instanceof Error ? e.message : String(e);
        events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${msg}`, { component: REPLICASET_COMPONENT });
        firstErr ??= new ManageReplicasError(`unable to delete pods: ${msg}`);
      }
    }
    return firstErr;
  }

  /**
   * getIndirectlyRelatedPods: the pods of every ReplicaSet with the same controller as `rs`
   * (a Deployment's old and new ReplicaSets), which rank pods by how crowded their node is.
   * A ReplicaSet without a controller has none.
   */
  private relatedPods(rs: ReplicaSet, claimed: Pod[]): Pod[] {
    const ref = controllerOf(rs);
    if (!ref) return [];
    const ns = rs.metadata.namespace!;
    const seen = new Set<string>();
    const out: Pod[] = [];
    const add = (p: Pod): void => {
      const uid = p.metadata.uid!;
      if (seen.has(uid)) return;
      seen.add(uid);
      out.push(p);
    };
    for (const p of claimed) add(p);
    for (const other of this.host.store.all<ReplicaSet>('replicasets', ns)) {
      if (other.metadata.uid === rs.metadata.uid || controllerOf(other)?.uid !== ref.uid) continue;
      for (const e of this.pods.ownedBy(ns, other.metadata.uid!)) add(e.pod);
    }
    return out;
  }

  /** updateReplicaSetStatus: writes only when a counter, the conditions or the observed generation changed. */
  private updateStatus(rs: ReplicaSet, status: ReplicaSetStatus): void {
    const cur = rs.status;
    const gen = rs.metadata.generation ?? 0;
    if (
      (cur?.replicas ?? 0) === status.replicas &&
      (cur?.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (cur?.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (cur?.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      gen === (cur?.observedGeneration ?? 0) &&
      deepEqual(cur?.conditions ?? [], status.conditions ?? [])
    ) {
      return;
    }
    const next: ReplicaSetStatus = { ...status };
    if (gen) next.observedGeneration = gen;
    else delete next.observedGeneration;
    if (!next.conditions) delete next.conditions;
    const obj: KubeObject = { ...rs, metadata: { ...rs.metadata, resourceVersion: undefined }, status: orderStatus(next) };
    try {
      this.host.store.update('replicasets', rs.metadata.namespace, obj, { subresource: 'status' });
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------------

function byName(a: KubeObject, b: KubeObject): number {
  return a.metadata.name! < b.metadata.name! ? -1 : a.metadata.name! > b.metadata.name! ? 1 : 0;
}

function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name!);
}

function isNamespaceTerminating(e: unknown): boolean {
  return isApiError(e, 'Forbidden') && /because it is being terminated/.test(e.message);
}

/** getPodsPrefix: `<rs>-`, or the bare name when that would not be a valid pod name prefix. */
function podPrefix(name: string): string {
  const prefix = `${name}-`;
  return nameIsDNSSubdomain(prefix, true).length ? name : prefix;
}

/** GetPodFromTemplate: labels, annotations, finalizers and spec from the template; the RS as controller. */
function podFromTemplate(rs: ReplicaSet): Pod {
  const tmpl = rs.spec.template;
  const meta = tmpl?.metadata ?? {};
  if (!meta.labels || Object.keys(meta.labels).length === 0) throw new ManageReplicasError('unable to create pods, no labels');
  // (kind first: the order the apiserver stores, so admission need not reorder the keys)
  const pod: Pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      generateName: podPrefix(rs.metadata.name!),
      labels: { ...meta.labels },
      ownerReferences: [newControllerRef(rs, API_VERSION, KIND)],
    },
    spec: clone(tmpl!.spec),
  };
  if (meta.annotations && Object.keys(meta.annotations).length) pod.metadata.annotations = { ...meta.annotations };
  if (meta.finalizers?.length) pod.metadata.finalizers = [...meta.finalizers];
  return pod;
}

const templateSelectors = new WeakMap<object, Selector>();

const ACTIVE = 1;
const READY = 2;

/**
 * What the index keeps of each pod version: isPodActive and isPodReady, worked out once, and
 * whether the labels match a selector, remembered for the last selector asked about. A sync
 * of a big ReplicaSet asks this of every pod, and pods in different stages of their life have
 * differently shaped statuses, which makes reading them in a hot loop slow.
 */
class PodEntry {
  private f = -1;
  private sel: Selector | undefined = undefined;
  private selOk = false;
  private tmpl: Selector | undefined = undefined;
  private tmplOk = false;

  constructor(readonly pod: Pod) {}

  /** (worked out when first asked: most versions are replaced before any sync looks at them) */
  get flags(): number {
    if (this.f < 0) this.f = (isPodActive(this.pod) ? ACTIVE : 0) | (isPodReady(this.pod) ? READY : 0);
    return this.f;
  }

  matches(sel: Selector): boolean {
    if (this.sel !== sel) {
      this.selOk = sel.matches(this.pod.metadata.labels);
      this.sel = sel;
    }
    return this.selOk;
  }

  matchesTemplate(sel: Selector): boolean {
    if (this.tmpl !== sel) {
      this.tmplOk = sel.matches(this.pod.metadata.labels);
      this.tmpl = sel;
    }
    return this.tmplOk;
  }
}

/** calculateStatus: counts over the claimed (active) pods; a failed create/delete sets ReplicaFailure. */
function calculateStatus(rs: ReplicaSet, mine: PodEntry[], adopted: Pod[], manageErr: Error | undefined, now: number): ReplicaSetStatus {
  const tmplLabels = rs.spec.template?.metadata?.labels;
  let tmplSel = tmplLabels ? templateSelectors.get(tmplLabels) : undefined;
  if (!tmplSel) {
    tmplSel = selectorFromSet(tmplLabels);
    if (tmplLabels) templateSelectors.set(tmplLabels, tmplSel);
  }
  const minReady = rs.spec.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const e of mine) {
    if (e.matchesTemplate(tmplSel)) fullyLabeled++;
    if (e.flags & READY) {
      ready++;
      if (!minReady || isPodAvailable(e.pod, minReady, now)) available++;
    }
  }
  for (const p of adopted) {
    if (tmplSel.matches(p.metadata.labels)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, minReady, now)) available++;
    }
  }
  const replicas = mine.length + adopted.length;
  let conditions = rs.status?.conditions ? [...rs.status.conditions] : undefined;
  const failure = conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageErr && !failure) {
    const diff = replicas - (rs.spec.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const cond = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(now), reason, message: manageErr.message };
    conditions = [...(conditions ?? []), cond];
  } else if (!manageErr && failure) {
    conditions = conditions!.filter((c) => c.type !== 'ReplicaFailure');
  }
  const status: ReplicaSetStatus = { replicas };
  if (fullyLabeled) status.fullyLabeledReplicas = fullyLabeled;
  if (ready) status.readyReplicas = ready;
  if (available) status.availableReplicas = available;
  if (conditions?.length) status.conditions = conditions;
  return status;
}

/** ReplicaSetStatus in Go field order, zero values omitted (omitempty), `replicas` always present. */
function orderStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}
