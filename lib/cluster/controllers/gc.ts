// The garbage collector (pkg/controller/garbagecollector): deletes objects whose owners are gone,
// and carries out the two propagation policies that need help after the owner's own DELETE:
//
// * Background: the owner is removed at once; its dependents are then found absent-owned and
//   deleted here (pods gracefully, so they show Terminating), level by level.
// * Foreground: the owner stays with `deletionTimestamp` and the `foregroundDeletion` finalizer;
//   its dependents are deleted (those with dependents of their own in Foreground too), and once
//   no dependent with `blockOwnerDeletion: true` is left, the finalizer goes and so does the owner.
// * Orphan: the owner stays with the `orphan` finalizer until every dependent's ownerReference to
//   it has been removed, then the finalizer goes.
//
// Like the real one it keeps a dependency graph from watch events (here: owner uid → dependents,
// plus a count of blocking dependents), never lists to find dependents, and verifies every owner
// against the store by coordinates and uid before acting (attemptToDeleteItem, classifyReferences).
// Work items are timers keyed `delete:<res>/<ns>/<name>/<uid>` and `orphan:…`, so a snapshot
// carries pending work; the graph itself is rebuilt from the store on start.

import type { KubeObject, OwnerReference } from '../../k8s/types';
import { RESOURCES, resourceForKind, resourceInfo } from '../../k8s/resources';
import { isApiError } from '../../k8s/errors';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent, DeleteOptions } from '../store';
import { clone } from '../object';

export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

const DELETE = 'delete:';
const ORPHAN = 'orphan:';

interface Coords {
  resource: string;
  namespace: string | undefined;
  name: string;
}

function hasFinalizer(obj: KubeObject, f: string): boolean {
  return !!obj.metadata.finalizers?.includes(f);
}

/** The owner is being deleted in the foreground and waits for its dependents (isDeletingDependents). */
function deletingDependents(obj: KubeObject): boolean {
  return !!obj.metadata.deletionTimestamp && hasFinalizer(obj, FINALIZER_FOREGROUND);
}

const NO_REFS: readonly OwnerReference[] = Object.freeze([]);

function refsOf(obj: KubeObject): readonly OwnerReference[] {
  return obj.metadata.ownerReferences ?? NO_REFS;
}

function objectKey(resource: string, obj: KubeObject): string {
  return `${resource}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

function parseKey(key: string): Coords & { uid?: string } {
  const [resource, namespace, name, uid] = key.split('/');
  return { resource, namespace: namespace || undefined, name, uid };
}

export interface GarbageCollector extends Controller {
  readonly name: 'garbage-collector';
  /** Keys (`<resource>/<namespace>/<name>`) of the objects that name `ownerUid` as an owner. */
  dependentsOf(ownerUid: string): string[];
}

class GarbageCollectorImpl implements GarbageCollector {
  readonly name = 'garbage-collector' as const;
  private host!: ControllerHost;
  private unsubscribe?: () => void;
  /** owner uid → dependent key → whether that dependent's reference blocks the owner's deletion */
  private dependents = new Map<string, Map<string, boolean>>();
  /** owner uid → number of dependents whose reference has blockOwnerDeletion: true */
  private blocking = new Map<string, number>();

  start(host: ControllerHost, _restored: boolean): void {
    this.host = host;
    this.unsubscribe?.();
    this.dependents.clear();
    this.blocking.clear();
    // The graph is derived data: rebuild it from the store (in a canonical order, so a restored
    // cluster behaves exactly like the original), then re-derive the work that is still to do.
    const all: [string, KubeObject][] = [];
    for (const info of RESOURCES) {
      const objs = [...host.store.all(info.resource)].sort((a, b) => cmp(objectKey(info.resource, a), objectKey(info.resource, b)));
      for (const obj of objs) {
        all.push([info.resource, obj]);
        this.addRefs(objectKey(info.resource, obj), refsOf(obj));
      }
    }
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    // Only work that would act: after a consistent restore each of these is already pending (and
    // the timer queue keeps the sooner request), so the restored queue is unchanged.
    for (const [resource, obj] of all) {
      if (obj.metadata.deletionTimestamp) {
        if (hasFinalizer(obj, FINALIZER_ORPHAN)) this.enqueue(ORPHAN, resource, obj);
        if (deletingDependents(obj) && (this.blocking.get(obj.metadata.uid!) ?? 0) === 0) this.enqueue(DELETE, resource, obj);
        continue; // otherwise being deleted is a one-way trip: nothing for us
      }
      if (refsOf(obj).length && this.needsAttention(obj, refsOf(obj))) this.enqueue(DELETE, resource, obj);
    }
  }

  /** Sorted, so work fans out in the same order however the graph was built. */
  dependentsOf(ownerUid: string): string[] {
    return [...(this.dependents.get(ownerUid)?.keys() ?? [])].sort(cmp);
  }

  fire(key: string): void {
    const kind = key.startsWith(DELETE) ? DELETE : key.startsWith(ORPHAN) ? ORPHAN : undefined;
    if (!kind) return;
    const c = parseKey(key.slice(kind.length));
    const info = resourceInfo(c.resource);
    if (!info) return;
    const obj = this.host.store.find(c.resource, c.namespace, c.name);
    if (!obj || obj.metadata.uid !== c.uid) return; // gone, or a new object by the same name
    try {
      if (kind === ORPHAN) this.attemptToOrphan(c.resource, obj);
      else this.attemptToDelete(c.resource, obj);
    } catch (err) {
      // An API error drops the item, as a work queue gives up on a key; bugs still surface.
      if (!isApiError(err)) throw err;
    }
  }

  // ------------------------------------------------------------------------------------------
  // the graph builder

  private observe(e: ChangeEvent): void {
    const obj = e.object;
    const refs = refsOf(obj);
    if (e.type === 'ADDED') {
      if (refs.length) {
        this.addRefs(objectKey(e.resource, obj), refs);
        if (this.needsAttention(obj, refs)) this.enqueue(DELETE, e.resource, obj);
      }
      if (obj.metadata.deletionTimestamp) this.startedDeleting(e.resource, obj, undefined);
      return;
    }
    if (e.type === 'DELETED') {
      this.removeRefs(objectKey(e.resource, obj), refs);
      // Dependents of a vanished owner are now (partly) orphaned: look at each.
      for (const depKey of this.dependentsOf(obj.metadata.uid!)) this.enqueueKey(depKey);
      // An owner waiting for its dependents may be free now.
      for (const ref of refs) this.recheckWaitingOwner(obj, ref);
      return;
    }
    // MODIFIED
    const old = e.old ?? obj;
    const oldRefs = refsOf(old);
    if (!sameRefs(oldRefs, refs)) {
      const key = objectKey(e.resource, obj);
      this.removeRefs(key, oldRefs);
      this.addRefs(key, refs);
      const before = new Map(oldRefs.map((r) => [r.uid, !!r.blockOwnerDeletion]));
      const after = new Map(refs.map((r) => [r.uid, !!r.blockOwnerDeletion]));
      // New owners: verify them (a reference to an absent owner makes this object garbage).
      const added = refs.filter((r) => !before.has(r.uid));
      if (added.length && this.needsAttention(obj, added)) this.enqueue(DELETE, e.resource, obj);
      // Removed or unblocked references may release an owner waiting in the foreground
      // (graph_builder.go addUnblockedOwnersToDeleteQueue).
      for (const r of oldRefs) {
        if (r.blockOwnerDeletion && !after.get(r.uid)) this.recheckWaitingOwner(obj, r);
      }
    }
    if (obj.metadata.deletionTimestamp) this.startedDeleting(e.resource, obj, old);
  }

  /** Orphan or foreground finalizers that just appeared on a terminating object start work. */
  private startedDeleting(resource: string, obj: KubeObject, old: KubeObject | undefined): void {
    const wasDeleting = !!old?.metadata.deletionTimestamp;
    if (hasFinalizer(obj, FINALIZER_ORPHAN) && !(wasDeleting && hasFinalizer(old!, FINALIZER_ORPHAN))) {
      this.enqueue(ORPHAN, resource, obj);
    }
    if (hasFinalizer(obj, FINALIZER_FOREGROUND) && !(wasDeleting && hasFinalizer(old!, FINALIZER_FOREGROUND))) {
      // graph_builder.go: the owner starts waiting for its dependents, so every dependent is
      // attempted (they are deleted unless another owner keeps them), and the owner itself.
      for (const depKey of this.dependentsOf(obj.metadata.uid!)) this.enqueueKey(depKey);
      this.enqueue(DELETE, resource, obj);
    }
  }

  /** An owner in foreground deletion whose last blocking dependent went away can be finished. */
  private recheckWaitingOwner(dependent: KubeObject, ref: OwnerReference): void {
    const owner = this.findOwner(dependent, ref);
    if (!owner || owner.obj.metadata.uid !== ref.uid || !deletingDependents(owner.obj)) return;
    if ((this.blocking.get(ref.uid) ?? 0) === 0) this.enqueue(DELETE, owner.resource, owner.obj);
  }

  /** Whether some owner is absent, replaced, or deleting its dependents in the foreground. */
  private needsAttention(obj: KubeObject, refs: readonly OwnerReference[]): boolean {
    for (const ref of refs) {
      const owner = this.findOwner(obj, ref);
      if (owner === null) continue; // a kind the cluster does not serve: leave it alone
      if (!owner || owner.obj.metadata.uid !== ref.uid || deletingDependents(owner.obj)) return true;
    }
    return false;
  }

  private addRefs(key: string, refs: readonly OwnerReference[]): void {
    for (const r of refs) {
      let m = this.dependents.get(r.uid);
      if (!m) this.dependents.set(r.uid, (m = new Map()));
      const was = m.get(key);
      const now = !!r.blockOwnerDeletion;
      m.set(key, now);
      this.bumpBlocking(r.uid, (now ? 1 : 0) - (was ? 1 : 0));
    }
  }

  private removeRefs(key: string, refs: readonly OwnerReference[]): void {
    for (const r of refs) {
      const m = this.dependents.get(r.uid);
      if (!m || !m.has(key)) continue;
      if (m.get(key)) this.bumpBlocking(r.uid, -1);
      m.delete(key);
      if (m.size === 0) this.dependents.delete(r.uid);
    }
  }

  private bumpBlocking(uid: string, d: number): void {
    if (!d) return;
    const n = (this.blocking.get(uid) ?? 0) + d;
    if (n > 0) this.blocking.set(uid, n);
    else this.blocking.delete(uid);
  }

  private enqueue(kind: string, resource: string, obj: KubeObject): void {
    this.host.schedule(this, this.host.config.latency.garbageCollector, `${kind}${objectKey(resource, obj)}/${obj.metadata.uid}`);
  }

  private enqueueKey(depKey: string): void {
    const c = parseKey(depKey);
    const obj = this.host.store.find(c.resource, c.namespace, c.name);
    if (obj) this.enqueue(DELETE, c.resource, obj);
  }

  /**
   * The owner an ownerReference names, looked up by coordinates (a namespaced owner lives in the
   * dependent's namespace). undefined: absent; null: a kind this cluster does not serve.
   */
  private findOwner(dependent: KubeObject, ref: OwnerReference): { resource: string; obj: KubeObject } | undefined | null {
    const info = resourceForKind(ref.apiVersion, ref.kind);
    if (!info) return null;
    let ns: string | undefined;
    if (info.namespaced) {
      // A cluster-scoped dependent cannot have a namespaced owner (OwnerRefInvalidNamespace).
      if (!dependent.metadata.namespace) return undefined;
      ns = dependent.metadata.namespace;
    }
    const obj = this.host.store.find(info.resource, ns, ref.name);
    return obj ? { resource: info.resource, obj } : undefined;
  }

  // ------------------------------------------------------------------------------------------
  // the workers

  /** garbagecollector.go attemptToDeleteItem */
  private attemptToDelete(resource: string, obj: KubeObject): void {
    const meta = obj.metadata;
    // "being deleted" is a one-way trip; only foreground owners still need us.
    if (meta.deletionTimestamp && !hasFinalizer(obj, FINALIZER_FOREGROUND)) return;
    if (deletingDependents(obj)) {
      this.processDeletingDependents(resource, obj);
      return;
    }
    const refs = refsOf(obj);
    if (!refs.length) return;

    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.findOwner(obj, ref);
      if (owner === null) solid.push(ref);
      else if (!owner || owner.obj.metadata.uid !== ref.uid) dangling.push(ref);
      else if (deletingDependents(owner.obj)) waiting.push(ref);
      else solid.push(ref);
    }

    if (solid.length) {
      if (!dangling.length && !waiting.length) return;
      // Some owner still holds it: drop the references to absent owners, and to owners waiting in
      // the foreground (otherwise they would wait forever for a dependent that is not leaving).
      const drop = new Set([...dangling, ...waiting].map((r) => r.uid));
      this.updateMeta(resource, obj, (m) => {
        m.ownerReferences = (m.ownerReferences ?? []).filter((r) => !drop.has(r.uid));
      });
      return;
    }

    if (waiting.length && this.dependents.has(meta.uid!)) {
      // In the middle of a foreground chain: delete in the foreground too, so the owner waits for
      // the whole subtree. If a dependent already waits on us, unblock our own references first to
      // avoid a cycle (garbagecollector.go unblockOwnerReferences).
      for (const depKey of this.dependentsOf(meta.uid!)) {
        const c = parseKey(depKey);
        const dep = this.host.store.find(c.resource, c.namespace, c.name);
        if (dep && deletingDependents(dep)) {
          this.updateMeta(resource, obj, (m) => {
            m.ownerReferences = (m.ownerReferences ?? []).map((r) => (r.blockOwnerDeletion ? { ...r, blockOwnerDeletion: false } : r));
          });
          break;
        }
      }
      this.deleteObject(resource, obj, 'Foreground');
      return;
    }

    // No solid owner left: collect it, honouring a propagation finalizer it already carries.
    const policy = hasFinalizer(obj, FINALIZER_ORPHAN) ? 'Orphan' : hasFinalizer(obj, FINALIZER_FOREGROUND) ? 'Foreground' : 'Background';
    this.deleteObject(resource, obj, policy);
  }

  /** garbagecollector.go processDeletingDependentsItem */
  private processDeletingDependents(resource: string, owner: KubeObject): void {
    const uid = owner.metadata.uid!;
    if ((this.blocking.get(uid) ?? 0) === 0) {
      this.removeFinalizer(resource, owner, FINALIZER_FOREGROUND);
      return;
    }
    const deps = this.dependents.get(uid);
    if (!deps) return;
    for (const depKey of this.dependentsOf(uid)) {
      if (!deps.get(depKey)) continue;
      const c = parseKey(depKey);
      const dep = this.host.store.find(c.resource, c.namespace, c.name);
      if (dep && !dep.metadata.deletionTimestamp) this.enqueue(DELETE, c.resource, dep);
    }
  }

  /** garbagecollector.go attemptToOrphanWorker: release every dependent, then the finalizer. */
  private attemptToOrphan(resource: string, owner: KubeObject): void {
    if (!owner.metadata.deletionTimestamp || !hasFinalizer(owner, FINALIZER_ORPHAN)) return;
    const uid = owner.metadata.uid!;
    for (const depKey of this.dependentsOf(uid)) {
      const c = parseKey(depKey);
      const dep = this.host.store.find(c.resource, c.namespace, c.name);
      if (!dep) continue;
      // The strategic merge patch {"metadata":{"ownerReferences":[{"$patch":"delete","uid":…}]}}.
      const res = this.updateMeta(c.resource, dep, (m) => {
        m.ownerReferences = (m.ownerReferences ?? []).filter((r) => r.uid !== uid);
      });
      if (res === 'conflict') {
        this.enqueue(ORPHAN, resource, owner);
        return;
      }
    }
    const latest = this.host.store.find(resource, owner.metadata.namespace, owner.metadata.name!);
    if (latest && latest.metadata.uid === uid) this.removeFinalizer(resource, latest, FINALIZER_ORPHAN);
  }

  // ------------------------------------------------------------------------------------------
  // API calls

  private deleteObject(resource: string, obj: KubeObject, policy: NonNullable<DeleteOptions['propagationPolicy']>): void {
    try {
      this.host.store.delete(resource, obj.metadata.namespace, obj.metadata.name!, {
        propagationPolicy: policy,
        preconditions: { uid: obj.metadata.uid },
      });
    } catch (err) {
      if (!isApiError(err, 'NotFound') && !isApiError(err, 'Conflict')) throw err;
    }
  }

  private removeFinalizer(resource: string, obj: KubeObject, finalizer: string): void {
    if (!hasFinalizer(obj, finalizer)) return;
    this.updateMeta(resource, obj, (m) => {
      m.finalizers = (m.finalizers ?? []).filter((f) => f !== finalizer);
    });
  }

  /** Read-modify-write of metadata with the object's resourceVersion; a lost race is retried. */
  private updateMeta(resource: string, obj: KubeObject, edit: (m: KubeObject['metadata']) => void): 'ok' | 'gone' | 'conflict' {
    const next = clone(obj);
    edit(next.metadata);
    try {
      this.host.store.update(resource, obj.metadata.namespace, next, { owned: true });
      return 'ok';
    } catch (err) {
      if (isApiError(err, 'NotFound')) return 'gone';
      if (isApiError(err, 'Conflict')) {
        this.enqueue(DELETE, resource, obj);
        return 'conflict';
      }
      throw err;
    }
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameRefs(a: readonly OwnerReference[], b: readonly OwnerReference[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].uid !== b[i].uid || !!a[i].blockOwnerDeletion !== !!b[i].blockOwnerDeletion) return false;
  }
  return true;
}

export function createGarbageCollector(): GarbageCollector {
  return new GarbageCollectorImpl();
}
