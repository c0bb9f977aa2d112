// The object store: what kube-apiserver + etcd do for Podbook's simulated cluster.
// create/get/list/update/patch/delete/watch with API-server semantics: uid, a monotonic
// resourceVersion, generation, admission and validation, optimistic concurrency, graceful
// deletion with finalizers, and watch replay from a resourceVersion.

import type { KubeObject, ObjectMeta, Pod, Status, WatchEvent } from '../k8s/types';
import type { ResourceInfo } from '../k8s/resources';
import { apiVersionOf, resourceInfo } from '../k8s/resources';
import { ApiError, alreadyExists, badRequest, conflict, forbidden, gone, invalid, notFound } from '../k8s/errors';
import type { FieldError } from '../k8s/errors';
import { parseSelector } from '../k8s/labels';
import type { Selector } from '../k8s/labels';
import { fieldsForObject, parseFieldSelector } from '../k8s/fields';
import { rfc3339 } from '../k8s/duration';
import { admit, validate } from './admission';
import type { AdmissionContext } from './admission';
import { applyPatch, patchFailureToApiError } from '../k8s/patch';
import type { Clock } from './clock';
import type { Rand } from './rand';
import { clone, cloneSharing, deepEqual, deepFreeze } from './object';

export type PatchType =
  | 'application/merge-patch+json'
  | 'application/json-patch+json'
  | 'application/strategic-merge-patch+json';

export type Subresource = 'status' | 'scale' | 'binding' | 'finalize';

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  subresource?: Subresource;
  /**
   * The caller hands the object over and will not touch it again: the store may keep it without
   * copying. Controllers use this on hot paths.
   */
  owned?: boolean;
  /**
   * A write by the simulated control plane itself that is valid by construction (the event
   * recorder's events): skips defaulting and validation. Never set for user input.
   */
  trusted?: boolean;
  /**
   * create only: the uid to give the object instead of a random one — for control-plane objects
   * derived from another (the node lease), so the shared random source is not consumed and every
   * later name and id stays as it was.
   */
  uid?: string;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface WatchOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** '' or '0': start with ADDED for every current object; N: replay events after N. */
  resourceVersion?: string;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ObjectList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

/** A change as the store records it; `old` is the previous version for MODIFIED/DELETED. */
export interface ChangeEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  rv: number;
  object: KubeObject;
  old?: KubeObject;
}

export interface Watcher {
  stop(): void;
}

/** Scale subresource objects (autoscaling/v1). */
export interface Scale extends KubeObject {
  spec: { replicas?: number };
  status: { replicas: number; selector?: string };
}

export interface StoreOptions {
  clock: Clock;
  rand: Rand;
  /** how many changes watch can replay (etcd compaction stand-in) */
  historySize?: number;
  serviceCIDR?: { base: string; first: number };
}

type Bucket = Map<string, KubeObject>; // name → object

/** Resources that carry metadata.generation in 1.32 (spec-bearing workload types). */
const GENERATION = new Set(['deployments', 'replicasets']);
/** Resources whose main endpoint ignores status (they have a status subresource). */
const STATUS_SUBRESOURCE = new Set(['pods', 'deployments', 'replicasets', 'services', 'namespaces', 'nodes', 'resourcequotas']);

/** The apiserver refuses to delete these (plugin/pkg/admission/namespace/lifecycle). */
const SYSTEM_NAMESPACES = new Set(['default', 'kube-system', 'kube-public']);

export interface StoreSnapshot {
  rv: number;
  objects: Record<string, KubeObject[]>;
  ipNext: number;
  nodePortNext: number;
}

export class Store {
  private rv = 0;
  private data = new Map<string, Map<string, Bucket>>(); // resource → namespace ('' cluster) → bucket
  /** each bucket's names in order, kept until a name comes or goes (lists come back sorted, as from etcd) */
  private sortedNames = new WeakMap<Bucket, string[]>();
  private history: ChangeEvent[] = [];
  private readonly historySize: number;
  private listeners = new Set<(e: ChangeEvent) => void>();
  private pending: ChangeEvent[] = [];
  private delivering = false;
  private ipNext = 10; // 10.96.0.1 is the kubernetes service
  private nodePortNext = 30000;
  readonly clock: Clock;
  readonly rand: Rand;

  constructor(opts: StoreOptions) {
    this.clock = opts.clock;
    this.rand = opts.rand;
    this.historySize = opts.historySize ?? 50_000;
  }

  get resourceVersion(): number {
    return this.rv;
  }

  // ------------------------------------------------------------------------------------------
  // reads

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    const info = this.info(resource);
    const obj = this.bucket(info, namespace)?.get(name);
    if (!obj) throw notFound(info, name);
    return obj as T;
  }

  /** Like get, but undefined instead of NotFound. */
  find<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const info = this.info(resource);
    return this.bucket(info, namespace)?.get(name) as T | undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string, namespace?: string, opts: ListOptions = {}): ObjectList<T> {
    const info = this.info(resource);
    const match = this.matcher(info, opts.labelSelector, opts.fieldSelector);
    const items: KubeObject[] = [];
    const byNs = this.data.get(info.resource);
    if (byNs) {
      const buckets = info.namespaced && namespace !== undefined ? [[namespace, byNs.get(namespace)] as const] : [...byNs.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [, bucket] of buckets) {
        if (!bucket) continue;
        let names = this.sortedNames.get(bucket);
        if (!names) {
          names = [...bucket.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          this.sortedNames.set(bucket, names);
        }
        for (const n of names) {
          const obj = bucket.get(n)!;
          if (match(obj)) items.push(obj);
        }
      }
    }
    let start = 0;
    if (opts.continue) {
      const key = decodeContinue(opts.continue);
      if (key === undefined) throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
      start = items.findIndex((o) => keyOf(o) > key);
      if (start < 0) start = items.length;
    }
    const out: ObjectList<T> = {
      apiVersion: apiVersionOf(info),
      kind: info.listKind,
      metadata: { resourceVersion: String(this.rv) },
      items: items as T[],
    };
    if (opts.limit && opts.limit > 0 && items.length - start > opts.limit) {
      out.items = items.slice(start, start + opts.limit) as T[];
      out.metadata.continue = encodeContinue(keyOf(out.items[out.items.length - 1]), this.rv);
      out.metadata.remainingItemCount = items.length - start - opts.limit;
    } else if (start > 0) {
      out.items = items.slice(start) as T[];
    }
    return out;
  }

  /** Every object of a resource, unsorted, without copying: for controllers' indexes. */
  *all<T extends KubeObject = KubeObject>(resource: string, namespace?: string): IterableIterator<T> {
    const byNs = this.data.get(resource);
    if (!byNs) return;
    if (namespace !== undefined) {
      const b = byNs.get(namespace);
      if (b) yield* b.values() as IterableIterator<T>;
      return;
    }
    for (const b of byNs.values()) yield* b.values() as IterableIterator<T>;
  }

  count(resource: string, namespace?: string): number {
    const byNs = this.data.get(resource);
    if (!byNs) return 0;
    if (namespace !== undefined) return byNs.get(namespace)?.size ?? 0;
    let n = 0;
    for (const b of byNs.values()) n += b.size;
    return n;
  }

  // ------------------------------------------------------------------------------------------
  // writes

  create<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, input: KubeObject, opts: WriteOptions = {}): T {
    const info = this.info(resource);
    const obj = opts.owned ? input : clone(input);
    this.checkTypeMeta(info, obj);
    obj.metadata = obj.metadata ?? {};
    const meta = obj.metadata;
    const ns = this.resolveNamespace(info, namespace, meta);
    if (info.namespaced) {
      const nsObj = this.find('namespaces', undefined, ns!);
      if (!nsObj) throw notFound(resourceInfo('namespaces')!, ns!);
      if (nsObj.metadata.deletionTimestamp) {
        throw forbidden(info, meta.name ?? '', `${info.resource}${info.group ? '.' + info.group : ''} ${JSON.stringify(meta.name ?? '')} is forbidden: unable to create new content in namespace ${ns} because it is being terminated`);
      }
    }
    if (!meta.name && meta.generateName) {
      const base = meta.generateName.length > 58 ? meta.generateName.slice(0, 58) : meta.generateName;
      const bucket = this.bucket(info, ns);
      do meta.name = base + this.rand.string(5);
      while (bucket?.has(meta.name));
    }
    const admitted = opts.trusted ? obj : admit(info, obj, undefined, this.admissionContext('CREATE'));
    if (!opts.trusted) {
      const errs: FieldError[] = validate(info, admitted, undefined);
      if (errs.length) throw invalid(info, meta.name ?? '', errs);
    }
    const name = admitted.metadata.name!;
    if (this.bucket(info, ns)?.has(name)) throw alreadyExists(info, name);

    const m: ObjectMeta = admitted.metadata;
    // (each `delete` only when there is something to delete: it is a slow runtime call)
    if ('managedFields' in m) delete (m as Record<string, unknown>).managedFields;
    if ('deletionTimestamp' in m) delete m.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in m) delete m.deletionGracePeriodSeconds;
    m.uid = opts.uid ?? this.rand.uuid();
    m.creationTimestamp = rfc3339(this.clock.now());
    if (GENERATION.has(info.resource)) m.generation = 1;
    else if ('generation' in m) delete m.generation;
    if (info.namespaced) m.namespace = ns;
    else if ('namespace' in m) delete m.namespace;
    if (opts.dryRun) {
      m.resourceVersion = undefined;
      return deepFreeze(normalizeMeta(admitted)) as T;
    }
    m.resourceVersion = String(++this.rv);
    // Re-cloning gives every stored object of a kind the same V8 hidden class, which keeps the
    // controllers' loops over thousands of pods fast; trusted objects are built as literals.
    const stored = deepFreeze(opts.trusted ? normalizeMeta(admitted) : clone(normalizeMeta(admitted)));
    const bucket = this.bucketFor(info, ns);
    bucket.set(name, stored);
    this.sortedNames.delete(bucket);
    this.emit({ type: 'ADDED', resource: info.resource, rv: this.rv, object: stored });
    return stored as T;
  }

  update<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, input: KubeObject, opts: WriteOptions = {}): T {
    const info = this.info(resource);
    const name = input.metadata?.name;
    if (!name) throw badRequest('name is required');
    if (opts.subresource === 'scale') return this.updateScale(info, namespace, input as Scale, opts) as unknown as T;
    if (opts.subresource === 'binding') {
      const target = (input as KubeObject & { target?: { name?: string }; spec?: { nodeName?: string } });
      return this.bind(namespace ?? input.metadata.namespace ?? 'default', name, target.target?.name ?? target.spec?.nodeName ?? '') as unknown as T;
    }
    const ns = info.namespaced ? (input.metadata.namespace ?? namespace) : undefined;
    if (info.namespaced && namespace !== undefined && input.metadata.namespace !== undefined && input.metadata.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const old = this.bucket(info, ns)?.get(name);
    if (!old) throw notFound(info, name);
    const obj = opts.owned ? input : clone(input);
    this.checkTypeMeta(info, obj);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(info, name);
    return this.commitUpdate(info, ns, old, obj, opts) as T;
  }

  patch<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts: WriteOptions = {}): T {
    const info = this.info(resource);
    const ns = info.namespaced ? namespace : undefined;
    if (opts.subresource === 'scale') {
      const scale = this.getScale(info.resource, ns, name);
      const res = applyPatch(type, 'Scale', scale, patch);
      if (!res.ok) throw patchFailureToApiError(res);
      return this.updateScale(info, ns, res.value as Scale, opts) as unknown as T;
    }
    const old = this.bucket(info, ns)?.get(name);
    if (!old) throw notFound(info, name);
    const res = applyPatch(type, info.kind, old, patch);
    if (!res.ok) throw patchFailureToApiError(res);
    const obj = res.value as KubeObject;
    if (!obj || typeof obj !== 'object' || !obj.metadata) throw badRequest('Object \'metadata\' is missing');
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw badRequest(`the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`);
    }
    obj.metadata.name = name;
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw conflict(info, name);
    return this.commitUpdate(info, ns, old, obj, opts) as T;
  }

  delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): KubeObject | Status {
    const info = this.info(resource);
    const ns = info.namespaced ? namespace : undefined;
    const old = this.bucket(info, ns)?.get(name);
    if (!old) throw notFound(info, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw conflict(info, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw conflict(info, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
    }
    const now = this.clock.now();
    const obj = clone(old);
    const meta = obj.metadata;
    let finalizers = meta.finalizers ? [...meta.finalizers] : [];
    // Propagation: orphan and foreground are finalizers the garbage collector honours.
    const policy = opts.propagationPolicy;
    if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (policy === 'Background') finalizers = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');

    // Graceful deletion exists for pods only (pkg/registry/core/pod/strategy.go CheckGracefulDelete):
    // an unscheduled or finished pod goes at once.
    let grace = 0;
    if (info.resource === 'pods') {
      const pod = old as Pod;
      grace = opts.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (!pod.spec.nodeName || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') grace = 0;
      if (meta.deletionTimestamp && meta.deletionGracePeriodSeconds !== undefined && grace >= meta.deletionGracePeriodSeconds) {
        // already terminating with a shorter or equal grace: nothing changes
        if (!finalizers.length && meta.deletionGracePeriodSeconds === 0) return this.deleted(info, this.remove(info, ns, old, opts));
        return old;
      }
    } else if (opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds > 0 && info.resource !== 'namespaces') {
      grace = 0;
    }
    if (info.resource === 'namespaces' && SYSTEM_NAMESPACES.has(name)) {
      throw forbidden(info, name, `namespaces ${JSON.stringify(name)} is forbidden: this namespace may not be deleted`);
    }
    if (info.resource === 'namespaces') {
      // The namespace controller empties it, then drops the `kubernetes` finalizer.
      if (meta.deletionTimestamp) return old;
      meta.deletionTimestamp = rfc3339(now);
      meta.deletionGracePeriodSeconds = 0;
      meta.finalizers = finalizers.length ? finalizers : undefined;
      (obj as KubeObject & { status?: { phase?: string } }).status = { ...((obj.status as object) ?? {}), phase: 'Terminating' };
      if (opts.dryRun) return deepFreeze(normalizeMeta(obj));
      return this.write(info, ns, old, obj);
    }
    if (grace > 0 || finalizers.length) {
      if (opts.dryRun) return old;
      if (!meta.deletionTimestamp || grace > 0) {
        meta.deletionTimestamp = rfc3339(now + grace * 1000);
        meta.deletionGracePeriodSeconds = grace;
      }
      meta.finalizers = finalizers.length ? finalizers : undefined;
      normalizeMeta(obj);
      if (deepEqual(obj, old)) return old; // deleting again changes nothing and writes nothing
      return this.write(info, ns, old, obj);
    }
    if (opts.dryRun) return this.deleted(info, old);
    return this.deleted(info, this.remove(info, ns, old, opts));
  }

  /**
   * The pods/binding subresource, as the scheduler uses it: sets spec.nodeName and the
   * PodScheduled condition (pkg/registry/core/pod/storage assignPod).
   */
  bind(namespace: string, name: string, nodeName: string): Pod {
    const info = this.info('pods');
    const old = this.get<Pod>('pods', namespace, name);
    if (!nodeName) throw invalid({ ...info, kind: 'Binding', resource: 'bindings' }, name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
    if (old.metadata.deletionTimestamp) throw conflict({ ...info, resource: 'pods/binding' }, name, `pod ${name} is being deleted, cannot be assigned to a host`);
    if (old.spec.nodeName) throw conflict({ ...info, resource: 'pods/binding' }, name, `pod ${name} is already assigned to node ${JSON.stringify(old.spec.nodeName)}`);
    const now = rfc3339(this.clock.now());
    const conditions = (old.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
    const next: Pod = { ...old, metadata: { ...old.metadata }, spec: { ...old.spec, nodeName }, status: { ...old.status, conditions } };
    return this.write(info, namespace, old, next) as Pod;
  }

  // ------------------------------------------------------------------------------------------
  // scale subresource

  getScale(resource: string, namespace: string | undefined, name: string): Scale {
    const info = this.info(resource);
    if (!info.subresources.includes('scale')) throw notFound(info, name);
    const obj = this.get(resource, namespace, name) as KubeObject & { spec: { replicas?: number; selector?: unknown }; status?: { replicas?: number } };
    const sel = obj.spec.selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } | undefined;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        creationTimestamp: obj.metadata.creationTimestamp,
      },
      spec: { replicas: obj.spec.replicas },
      status: { replicas: obj.status?.replicas ?? 0, selector: sel ? selectorString(sel) : undefined },
    };
  }

  private updateScale(info: ResourceInfo, namespace: string | undefined, scale: Scale, opts: WriteOptions): Scale {
    const name = scale.metadata.name!;
    const old = this.get(info.resource, namespace, name);
    if (scale.metadata.resourceVersion && scale.metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(info, name);
    const replicas = scale.spec?.replicas ?? 0;
    if (replicas < 0) {
      throw invalid({ ...resourceInfo('deployments')!, kind: 'Scale', group: 'autoscaling', resource: 'scale' }, name, [
        { type: 'FieldValueInvalid', field: 'spec.replicas', value: String(replicas), detail: 'must be greater than or equal to 0' },
      ]);
    }
    const obj = clone(old) as KubeObject & { spec: { replicas?: number } };
    obj.spec.replicas = replicas;
    obj.metadata.resourceVersion = undefined;
    this.commitUpdate(info, namespace, old, obj, { ...opts, subresource: undefined });
    return this.getScale(info.resource, namespace, name);
  }

  // ------------------------------------------------------------------------------------------
  // watch

  /**
   * Watches a resource. Events are delivered after the write that caused them returns, in
   * resourceVersion order. With a resourceVersion, every retained change after it is replayed
   * first; a version older than the retained history gets 410 Expired, as from etcd compaction.
   */
  watch(resource: string, namespace: string | undefined, opts: WatchOptions, handler: (ev: WatchEvent) => void): Watcher {
    const info = this.info(resource);
    const labelSel = opts.labelSelector ? this.parseLabels(opts.labelSelector) : undefined;
    const fieldSel = opts.fieldSelector ? this.parseFields(info, opts.fieldSelector) : undefined;
    const visible = (obj: KubeObject | undefined): boolean => {
      if (!obj) return false;
      if (info.namespaced && namespace !== undefined && obj.metadata.namespace !== namespace) return false;
      if (labelSel && !labelSel.matches(obj.metadata.labels)) return false;
      if (fieldSel) {
        const fields = fieldsForObject(info.resource, obj) ?? {};
        if (!fieldSel.matches((f: string) => fields[f])) return false;
      }
      return true;
    };
    const translate = (e: ChangeEvent): WatchEvent | undefined => {
      if (e.resource !== info.resource) return undefined;
      const now = visible(e.object);
      const before = e.type === 'MODIFIED' ? visible(e.old) : now;
      if (e.type === 'MODIFIED') {
        if (now && before) return { type: 'MODIFIED', object: e.object };
        if (now) return { type: 'ADDED', object: e.object };
        if (before) return { type: 'DELETED', object: e.object };
        return undefined;
      }
      return now ? { type: e.type, object: e.object } : undefined;
    };
    let stopped = false;
    const rvStr = opts.resourceVersion ?? '';
    const backlog: WatchEvent[] = [];
    if (rvStr === '' || rvStr === '0') {
      for (const o of this.list(info.resource, namespace, { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector }).items) {
        backlog.push({ type: 'ADDED', object: o });
      }
    } else {
      const from = Number(rvStr);
      if (!Number.isInteger(from) || from < 0) throw badRequest(`invalid resource version: ${rvStr}`);
      const oldest = this.history.length ? this.history[0].rv : this.rv + 1;
      if (from + 1 < oldest && from < this.rv) throw gone(`too old resource version: ${from} (${oldest - 1})`);
      for (const e of this.history) {
        if (e.rv <= from) continue;
        const w = translate(e);
        if (w) backlog.push(w);
      }
    }
    const listener = (e: ChangeEvent): void => {
      if (stopped) return;
      const w = translate(e);
      if (w) handler(w);
    };
    this.listeners.add(listener);
    for (const w of backlog) {
      if (stopped) break;
      handler(w);
    }
    return {
      stop: () => {
        stopped = true;
        this.listeners.delete(listener);
      },
    };
  }

  /** Every change to every resource, delivered after the write: how controllers observe. */
  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ------------------------------------------------------------------------------------------
  // snapshot

  snapshot(): StoreSnapshot {
    const objects: Record<string, KubeObject[]> = {};
    for (const [res, byNs] of this.data) {
      const arr: KubeObject[] = [];
      for (const b of byNs.values()) for (const o of b.values()) arr.push(o);
      arr.sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion));
      objects[res] = arr;
    }
    return { rv: this.rv, objects, ipNext: this.ipNext, nodePortNext: this.nodePortNext };
  }

  restore(s: StoreSnapshot): void {
    this.data.clear();
    this.history = [];
    this.rv = s.rv;
    this.ipNext = s.ipNext;
    this.nodePortNext = s.nodePortNext;
    for (const [res, arr] of Object.entries(s.objects)) {
      const info = this.info(res);
      for (const o of arr) this.bucketFor(info, o.metadata.namespace).set(o.metadata.name!, deepFreeze(clone(o)));
    }
  }

  // ------------------------------------------------------------------------------------------
  // internals

  private info(resource: string): ResourceInfo {
    const info = resourceInfo(resource);
    if (!info) {
      throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
    }
    return info;
  }

  private bucket(info: ResourceInfo, namespace: string | undefined): Bucket | undefined {
    return this.data.get(info.resource)?.get(info.namespaced ? (namespace ?? '') : '');
  }

  private bucketFor(info: ResourceInfo, namespace: string | undefined): Bucket {
    let byNs = this.data.get(info.resource);
    if (!byNs) this.data.set(info.resource, (byNs = new Map()));
    const key = info.namespaced ? (namespace ?? '') : '';
    let b = byNs.get(key);
    if (!b) byNs.set(key, (b = new Map()));
    return b;
  }

  private checkTypeMeta(info: ResourceInfo, obj: KubeObject): void {
    if (!obj || typeof obj !== 'object') throw badRequest('Object is not a JSON object');
    const apiVersion = apiVersionOf(info);
    if (obj.kind !== undefined && obj.kind !== '' && obj.kind !== info.kind) {
      throw badRequest(`${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the object kind "${obj.kind}" does not match the resource "${info.resource}"`);
    }
    if (obj.apiVersion !== undefined && obj.apiVersion !== '' && obj.apiVersion !== apiVersion) {
      throw badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersion})`);
    }
    obj.kind = info.kind;
    obj.apiVersion = apiVersion;
  }

  private resolveNamespace(info: ResourceInfo, namespace: string | undefined, meta: ObjectMeta): string | undefined {
    if (!info.namespaced) return undefined;
    if (namespace !== undefined && meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const ns = namespace ?? (meta.namespace || 'default');
    return ns;
  }

  private admissionContext(operation: 'CREATE' | 'UPDATE'): AdmissionContext {
    return { operation, rand: this.rand, now: rfc3339(this.clock.now()), allocateClusterIP: this.allocIP, allocateNodePort: this.allocPort };
  }

  // (made once: tsx names every closure it creates, which is slow on a hot path)
  private readonly allocIP = (): string => this.allocateClusterIP();
  private readonly allocPort = (): number => this.nodePortNext++;

  private allocateClusterIP(): string {
    // 10.96.0.0/12 service range; .1 is the kubernetes service, then sequential from .10
    const n = this.ipNext++;
    return `10.${96 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
  }

  private commitUpdate(info: ResourceInfo, ns: string | undefined, old: KubeObject, obj: KubeObject, opts: WriteOptions): KubeObject {
    const name = old.metadata.name!;
    let next: KubeObject;
    if (opts.subresource === 'status') {
      // The status endpoint takes status only; everything else stays as stored. Workload status
      // strategies (apps deployments/replicasets) also let metadata other than labels through:
      // the deployment controller writes its revision annotation that way.
      next = { ...old, metadata: { ...old.metadata }, status: obj.status };
      if (GENERATION.has(info.resource)) next.metadata.annotations = obj.metadata.annotations ? { ...obj.metadata.annotations } : undefined;
    } else if (opts.subresource === 'finalize') {
      // namespaces/finalize: the only way to change spec.finalizers (the namespace controller's).
      if (info.resource !== 'namespaces') throw notFound(info, name);
      const finalizers = (obj.spec as { finalizers?: string[] } | undefined)?.finalizers;
      next = clone(old);
      next.spec = { ...(next.spec as object), finalizers: finalizers?.length ? [...finalizers] : undefined };
    } else {
      next = obj;
      // System-owned metadata cannot be changed through an update.
      const m = next.metadata;
      m.uid = old.metadata.uid;
      m.creationTimestamp = old.metadata.creationTimestamp;
      m.namespace = old.metadata.namespace;
      m.deletionTimestamp = old.metadata.deletionTimestamp;
      m.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
      m.generation = old.metadata.generation;
      if (STATUS_SUBRESOURCE.has(info.resource) && 'status' in old) next.status = old.status;
      else if (STATUS_SUBRESOURCE.has(info.resource)) delete next.status;
      if (!opts.trusted) {
        next = admit(info, next, old, this.admissionContext('UPDATE'));
        const errs = validate(info, next, old);
        if (errs.length) throw invalid(info, name, errs);
      }
      if (GENERATION.has(info.resource) && !deepEqual(next.spec, old.spec)) next.metadata.generation = (old.metadata.generation ?? 0) + 1;
      // a terminating object cannot gain finalizers back once they are all gone
    }
    delete (next.metadata as Record<string, unknown>).managedFields;
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    normalizeMeta(next);
    if (deepEqual(next, old)) return old; // a no-op update writes nothing (GuaranteedUpdate)
    if (opts.dryRun) return deepFreeze(next);
    // Finalizers gone on a terminating object: it is removed now.
    if (next.metadata.deletionTimestamp && !next.metadata.finalizers?.length && info.resource !== 'pods' && info.resource !== 'namespaces') {
      return this.remove(info, ns, old);
    }
    if (info.resource === 'namespaces' && next.metadata.deletionTimestamp && !next.metadata.finalizers?.length) {
      const spec = (next as KubeObject & { spec?: { finalizers?: string[] } }).spec;
      if (!spec?.finalizers?.length) return this.remove(info, ns, old);
    }
    if (info.resource === 'pods' && next.metadata.deletionTimestamp && next.metadata.deletionGracePeriodSeconds === 0 && !next.metadata.finalizers?.length) {
      return this.remove(info, ns, old);
    }
    return this.write(info, ns, old, next);
  }

  private write(info: ResourceInfo, ns: string | undefined, old: KubeObject, next: KubeObject): KubeObject {
    next.metadata.resourceVersion = String(++this.rv);
    // Parts the writer took unchanged from the old version stay shared with it.
    const stored = deepFreeze(cloneSharing(normalizeMeta(next), old));
    this.bucketFor(info, ns).set(stored.metadata.name!, stored);
    this.emit({ type: 'MODIFIED', resource: info.resource, rv: this.rv, object: stored, old });
    return stored;
  }

  private remove(info: ResourceInfo, ns: string | undefined, old: KubeObject, opts: DeleteOptions = {}): KubeObject {
    if (opts.dryRun) return old;
    const bucket = this.bucket(info, ns);
    if (bucket) {
      bucket.delete(old.metadata.name!);
      this.sortedNames.delete(bucket);
    }
    const gone = clone(old);
    gone.metadata.resourceVersion = String(++this.rv);
    const frozen = deepFreeze(gone);
    this.emit({ type: 'DELETED', resource: info.resource, rv: this.rv, object: frozen, old });
    return frozen;
  }

  /** What DELETE answers: the pod itself (kubectl prints it), a Success Status for other kinds. */
  private deleted(info: ResourceInfo, obj: KubeObject): KubeObject | Status {
    if (info.resource === 'pods') return obj;
    const details: NonNullable<Status['details']> = info.group
      ? { name: obj.metadata.name, group: info.group, kind: info.resource, uid: obj.metadata.uid }
      : { name: obj.metadata.name, kind: info.resource, uid: obj.metadata.uid };
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
  }

  private emit(e: ChangeEvent): void {
    this.history.push(e);
    if (this.history.length > this.historySize + 1024) this.history.splice(0, this.history.length - this.historySize);
    this.pending.push(e);
    if (this.delivering) return;
    this.delivering = true;
    try {
      // Listeners may write; their changes queue behind this one instead of nesting.
      for (let i = 0; i < this.pending.length; i++) {
        const ev = this.pending[i];
        for (const l of this.listeners) l(ev);
      }
    } finally {
      this.pending.length = 0;
      this.delivering = false;
    }
  }

  private parseLabels(s: string): Selector {
    const r = parseSelector(s);
    if (!r.ok) {
      // the server words every selector error as a requirement parse error; most already are
      const prefix = 'unable to parse requirement: ';
      throw badRequest(r.error.startsWith(prefix) ? r.error : prefix + r.error);
    }
    return r.selector;
  }

  private parseFields(info: ResourceInfo, s: string): { matches(get: (f: string) => string | undefined): boolean } {
    const r = parseFieldSelector(s);
    if (!r.ok) throw badRequest(r.error);
    const probe = fieldsForObjectKeys(info.resource);
    for (const req of r.selector.requirements) {
      if (!probe.has(req.field)) throw badRequest(`field label not supported: ${req.field}`);
    }
    return r.selector;
  }

  private matcher(info: ResourceInfo, labelSelector?: string, fieldSelector?: string): (o: KubeObject) => boolean {
    const ls = labelSelector ? this.parseLabels(labelSelector) : undefined;
    const fs = fieldSelector ? this.parseFields(info, fieldSelector) : undefined;
    if (!ls && !fs) return () => true;
    return (o) => {
      if (ls && !ls.matches(o.metadata.labels)) return false;
      if (fs) {
        const fields = fieldsForObject(info.resource, o) ?? {};
        if (!fs.matches((f: string) => fields[f])) return false;
      }
      return true;
    };
  }
}

const fieldKeyCache = new Map<string, Set<string>>();
/** The field selector keys a resource supports, read off fieldsForObject for an empty object. */
function fieldsForObjectKeys(resource: string): Set<string> {
  let s = fieldKeyCache.get(resource);
  if (!s) {
    const probe = fieldsForObject(resource, { metadata: {}, spec: {}, status: {}, involvedObject: {}, source: {} } as unknown as KubeObject) ?? {};
    s = new Set(Object.keys(probe));
    fieldKeyCache.set(resource, s);
  }
  return s;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function encodeContinue(key: string, rv: number): string {
  return btoa(unescape(encodeURIComponent(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: key }))));
}

function decodeContinue(token: string): string | undefined {
  try {
    const j = JSON.parse(decodeURIComponent(escape(atob(token)))) as { start?: unknown };
    return typeof j.start === 'string' ? j.start : undefined;
  } catch {
    return undefined;
  }
}

/** metav1.FormatLabelSelector-like string for the Scale status. */
function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] }): string {
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  return parts.join(',');
}

/** Drops empty metadata collections the way JSON omitempty would. */
function normalizeMeta(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  if (m.labels && isEmptyObject(m.labels)) delete m.labels;
  if (m.annotations && isEmptyObject(m.annotations)) delete m.annotations;
  if (m.ownerReferences && m.ownerReferences.length === 0) delete m.ownerReferences;
  if (m.finalizers && m.finalizers.length === 0) delete m.finalizers;
  for (const k in m) if (m[k as keyof ObjectMeta] === undefined) delete m[k as keyof ObjectMeta];
  return obj;
}

function isEmptyObject(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return false;
  return true;
}
