// ControllerRefs, an index of objects by their controller, and adoption/release as
// k8s.io/kubernetes pkg/controller/controller_ref_manager.go does it (1.32).

import type { KubeObject, OwnerReference } from '../../k8s/types';
import { isApiError } from '../../k8s/errors';
import type { Store } from '../store';

/** metav1.GetControllerOf: the ownerReference with controller: true, if any. */
export function controllerOf(obj: KubeObject | undefined): OwnerReference | undefined {
  const refs = obj?.metadata.ownerReferences;
  if (!refs) return undefined;
  for (const r of refs) if (r.controller) return r;
  return undefined;
}

/** metav1.NewControllerRef. */
export function newControllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

export function objectKey(namespace: string | undefined, name: string): string {
  return `${namespace ?? ''}/${name}`;
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function sameRef(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.apiVersion === b.apiVersion && a.kind === b.kind && a.name === b.name && a.uid === b.uid && !!a.controller === !!b.controller && !!a.blockOwnerDeletion === !!b.blockOwnerDeletion;
}

export function controllerRefChanged(a: KubeObject | undefined, b: KubeObject | undefined): boolean {
  return !sameRef(controllerOf(a), controllerOf(b));
}

/**
 * Objects of one resource by namespace and controller uid, plus the orphans (no controller)
 * of each namespace. Kept current from the store's change events, so a controller can find
 * "its" objects in O(their number) instead of listing the namespace. What it keeps per object
 * is `E`: the object itself, or what `wrap` makes of each version (facts worked out once).
 */
export class OwnerIndex<T extends KubeObject = KubeObject, E = T> {
  // Keyed level by level by the objects' own namespace, uid and name strings, whose hashes V8
  // keeps, rather than by joined keys built (and hashed) on every change.
  /** ns → controller uid → name → entry */
  private owned = new Map<string, Map<string, Map<string, E>>>();
  /** ns → name → entry */
  private orphans = new Map<string, Map<string, E>>();
  /** ns → name → the controller uid it is filed under (null: an orphan) */
  private where = new Map<string, Map<string, string | null>>();

  constructor(private readonly wrap: (obj: T) => E = (obj) => obj as unknown as E) {}

  clear(): void {
    this.owned.clear();
    this.orphans.clear();
    this.where.clear();
  }

  upsert(obj: T): void {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    const ref = controllerOf(obj);
    const owner = ref ? String(ref.uid) : null;
    let w = this.where.get(ns);
    if (!w) this.where.set(ns, (w = new Map()));
    const prev = w.get(name);
    if (prev !== undefined && prev !== owner) this.dropFrom(prev, ns, name);
    if (prev !== owner) w.set(name, owner);
    if (owner !== null) {
      let byUid = this.owned.get(ns);
      if (!byUid) this.owned.set(ns, (byUid = new Map()));
      let b = byUid.get(owner);
      if (!b) byUid.set(owner, (b = new Map()));
      b.set(name, this.wrap(obj));
    } else {
      let b = this.orphans.get(ns);
      if (!b) this.orphans.set(ns, (b = new Map()));
      b.set(name, this.wrap(obj));
    }
  }

  remove(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name!;
    const w = this.where.get(ns);
    const prev = w?.get(name);
    if (prev === undefined) return;
    w!.delete(name);
    if (w!.size === 0) this.where.delete(ns);
    this.dropFrom(prev, ns, name);
  }

  /** Objects whose controller is `uid`, in namespace `ns`. */
  ownedBy(ns: string, uid: string): Iterable<E> {
    return this.owned.get(ns)?.get(uid)?.values() ?? [];
  }

  countOwnedBy(ns: string, uid: string): number {
    return this.owned.get(ns)?.get(uid)?.size ?? 0;
  }

  orphansIn(ns: string): Iterable<E> {
    return this.orphans.get(ns)?.values() ?? [];
  }

  private dropFrom(owner: string | null, ns: string, name: string): void {
    if (owner === null) {
      const b = this.orphans.get(ns);
      b?.delete(name);
      if (b && b.size === 0) this.orphans.delete(ns);
    } else {
      const byUid = this.owned.get(ns);
      const b = byUid?.get(owner);
      b?.delete(name);
      if (b && b.size === 0) {
        byUid!.delete(owner);
        if (byUid!.size === 0) this.owned.delete(ns);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Adoption and release

/**
 * ownerRefControllerPatch: the strategic merge patch that makes `owner` the controller of the
 * object with `uid` (the uid doubles as a precondition).
 */
export function adoptPatch(owner: KubeObject, apiVersion: string, kind: string, uid: string): unknown {
  return { metadata: { ownerReferences: [newControllerRef(owner, apiVersion, kind)], uid } };
}

/** deleteOwnerRefStrategicMergePatch: removes the ownerReference with `ownerUid`. */
export function releasePatch(dependentUid: string, ownerUid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: dependentUid } };
}

export interface ClaimOptions<T extends KubeObject> {
  store: Store;
  resource: 'pods' | 'replicasets';
  /** the controller claiming */
  owner: KubeObject;
  ownerApiVersion: string;
  ownerKind: string;
  matches(obj: T): boolean;
  /**
   * RecheckDeletionTimestamp: asked once, before the first adoption; false stops adoptions
   * (the owner is gone or being deleted).
   */
  canAdopt(): boolean;
}

/**
 * ClaimObject over a set of candidates (objects controlled by the owner and orphans): keeps
 * what the owner controls and still matches, releases what it controls but no longer matches
 * (unless the owner is being deleted), adopts matching orphans that are not being deleted.
 * Returns the claimed objects (adopted ones as the patch left them). NotFound and Invalid
 * answers to a patch mean "gone or changed": the object is skipped, as upstream does.
 */
export function claimObjects<T extends KubeObject>(candidates: Iterable<T>, opts: ClaimOptions<T>): T[] {
  const { store, owner } = opts;
  const ownerUid = owner.metadata.uid!;
  const ownerDeleting = !!owner.metadata.deletionTimestamp;
  const ns = owner.metadata.namespace;
  const claimed: T[] = [];
  // Writes happen after the walk (the index behind `candidates` changes with each write), in
  // name order, so the list of API actions does not depend on the index's iteration order.
  const release: T[] = [];
  const adopt: T[] = [];
  for (const obj of candidates) {
    const ref = controllerOf(obj);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (opts.matches(obj)) claimed.push(obj);
      else if (!ownerDeleting) release.push(obj);
      continue;
    }
    // an orphan
    if (ownerDeleting || !opts.matches(obj)) continue;
    if (obj.metadata.deletionTimestamp) continue;
    if (ns && obj.metadata.namespace !== ns) continue;
    adopt.push(obj);
  }
  if (!release.length && !adopt.length) return claimed;
  const actions = [...release.map((o) => ({ o, adopt: false })), ...adopt.map((o) => ({ o, adopt: true }))];
  actions.sort((a, b) => (a.o.metadata.name! < b.o.metadata.name! ? -1 : a.o.metadata.name! > b.o.metadata.name! ? 1 : 0));
  let adoptable: boolean | undefined;
  for (const { o: obj, adopt: isAdopt } of actions) {
    if (!isAdopt) {
      try {
        store.patch(opts.resource, obj.metadata.namespace, obj.metadata.name!, 'application/strategic-merge-patch+json', releasePatch(obj.metadata.uid!, ownerUid));
      } catch (e) {
        if (isApiError(e, 'NotFound') || isApiError(e, 'Invalid')) continue;
        throw e;
      }
      continue;
    }
    if (adoptable === undefined) adoptable = opts.canAdopt();
    if (!adoptable) continue;
    try {
      claimed.push(store.patch<T>(opts.resource, obj.metadata.namespace, obj.metadata.name!, 'application/strategic-merge-patch+json', adoptPatch(owner, opts.ownerApiVersion, opts.ownerKind, obj.metadata.uid!)));
    } catch (e) {
      if (isApiError(e, 'NotFound')) continue;
      throw e;
    }
  }
  return claimed;
}
