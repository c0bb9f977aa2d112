// The endpoints controller (pkg/controller/endpoint) and the EndpointSlice controller
// (pkg/controller/endpointslice with staging k8s.io/endpointslice's reconciler), as one loop over
// Services with a selector:
//
// * Endpoints `<svc>`: labels copied from the Service, the
//   `endpoints.kubernetes.io/last-change-trigger-time` annotation, and `subsets` repacked the way
//   RepackSubsets does (ready pods under `addresses`, unready ones under `notReadyAddresses`,
//   terminating pods left out), truncated to 1000 addresses with the over-capacity annotation.
//   1.32 puts no managed-by label on Endpoints (that came with 1.33).
// * EndpointSlices `<svc>-xxxxx` (generateName), owned by the Service, labelled
//   `kubernetes.io/service-name` and `endpointslice.kubernetes.io/managed-by`, one group per
//   distinct port mapping, at most 100 endpoints each, with ready/serving/terminating conditions
//   (terminating pods stay in slices). A Service with no endpoints keeps one placeholder slice
//   (`endpoints: null`, `ports: null`), which is reused, name and all, when pods arrive.
//
// Services without a selector (like `kubernetes`) and ExternalName services are left alone.
// When a Service goes, its Endpoints are deleted here and its slices by the garbage collector.
//
// Indexes (services per namespace, pods per service, slices per service) follow store events, so
// a pod change costs one pass over its namespace's services and a sync costs one pass over the
// service's own pods. Syncs are timers keyed `sync/<ns>/<name>` after `latency.endpoints` (the
// controllers' endpointUpdatesBatchPeriod), and write only on change.

import type { EndpointAddress, EndpointSlice, EndpointSubset, Endpoints, KubeObject, Labels, Node, Pod, Service, ServicePort } from '../../k8s/types';
import { isApiError } from '../../k8s/errors';
import { selectorFromSet } from '../../k8s/labels';
import type { Selector } from '../../k8s/labels';
import { parseTime } from '../../k8s/duration';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { clone, deepEqual } from '../object';

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER = 'endpointslice-controller.k8s.io';
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
export const ANNOTATION_OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** endpoints_controller.go maxCapacity */
export const MAX_ENDPOINTS_ADDRESSES = 1000;
/** kube-controller-manager --max-endpoints-per-slice default */
export const MAX_ENDPOINTS_PER_SLICE = 100;
const LABEL_ZONE = 'topology.kubernetes.io/zone';

type AddressType = 'IPv4' | 'IPv6';
type SliceEndpoint = EndpointSlice['endpoints'][number] & { hostname?: string; zone?: string };
interface SlicePort {
  name: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}
interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

/** TriggerTimeTracker's memory of one Service: what it saw at the previous sync. */
interface TriggerState {
  svc: string;
  pods: Record<string, string>;
}

interface SavedState {
  triggers?: Record<string, TriggerState>;
  missingNode?: string[];
}

interface ServiceEntry {
  selector: Selector;
}

export interface EndpointsController extends Controller {
  readonly name: 'endpoints';
}

class EndpointsControllerImpl implements EndpointsController {
  readonly name = 'endpoints' as const;
  private host!: ControllerHost;
  private unsubscribe?: () => void;
  /** namespace → service name → its selector (services this controller manages) */
  private services = new Map<string, Map<string, ServiceEntry>>();
  /** `ns/svc` → names of the pods its selector matches */
  private members = new Map<string, Set<string>>();
  /** `ns/svc` → the same names sorted, until the set changes (syncs walk pods in name order) */
  private sortedMembers = new Map<string, string[]>();
  /** `ns/svc` → names of the EndpointSlices this controller manages for it */
  private slices = new Map<string, Set<string>>();
  private triggers: Record<string, TriggerState> = {};
  /** services whose last sync skipped a pod because its Node was missing */
  private missingNode = new Set<string>();
  /** our own writes to slices are not news to us */
  private writing = false;
  /** `ns/svc` → what each member pod contributes, valid while the service and pod objects are */
  private views = new Map<string, { svc: Service; pods: Map<string, PodView> }>();
  /** `ns/svc` → the Endpoints object last written or confirmed, and the entries it was made from */
  private lastEndpoints = new Map<string, { obj: Endpoints; entries: EndpointsEntry[] }>();
  /** `ns/slice` → the slice object last written or confirmed, and the endpoints it was made from */
  private lastSlices = new Map<string, { obj: EndpointSlice; eps: SliceEndpoint[] }>();

  start(host: ControllerHost, _restored: boolean): void {
    this.host = host;
    this.unsubscribe?.();
    this.services.clear();
    this.members.clear();
    this.slices.clear();
    this.views.clear();
    this.sortedMembers.clear();
    this.lastEndpoints.clear();
    this.lastSlices.clear();
    for (const svc of host.store.all<Service>('services')) this.indexService(svc);
    for (const slice of host.store.all<EndpointSlice>('endpointslices')) this.indexSlice(slice);
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    // After a restore, pending syncs come back with the timers; the indexes above are all the
    // state there is (the trigger-time tracker is saved). A fresh cluster starts empty.
  }

  save(): SavedState {
    return { triggers: clone(this.triggers), missingNode: [...this.missingNode].sort() };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as SavedState;
    this.triggers = clone(s.triggers ?? {});
    this.missingNode = new Set(s.missingNode ?? []);
  }

  fire(key: string): void {
    if (!key.startsWith('sync/')) return;
    const [ns, name] = key.slice(5).split('/');
    try {
      this.sync(ns, name);
    } catch (err) {
      if (!isApiError(err)) throw err;
      // The work queue retries a failed sync with back-off; one retry a second is plenty here.
      this.host.schedule(this, 1000, key);
    }
  }

  // ------------------------------------------------------------------------------------------
  // indexes and events

  private observe(e: ChangeEvent): void {
    switch (e.resource) {
      case 'pods':
        this.observePod(e);
        return;
      case 'services': {
        const svc = e.object as Service;
        const ns = svc.metadata.namespace!;
        const name = svc.metadata.name!;
        if (e.type === 'DELETED') {
          this.services.get(ns)?.delete(name);
          this.members.delete(`${ns}/${name}`);
          this.sortedMembers.delete(`${ns}/${name}`);
          this.views.delete(`${ns}/${name}`);
          this.lastEndpoints.delete(`${ns}/${name}`);
        } else if (e.type === 'ADDED' || !deepEqual((e.old as Service).spec.selector, svc.spec.selector) || (e.old as Service).spec.type !== svc.spec.type) {
          this.indexService(svc);
        }
        this.enqueue(ns, name);
        return;
      }
      case 'endpoints':
        // Someone deleted the Endpoints of a managed service: put them back.
        if (e.type === 'DELETED' && this.services.get(e.object.metadata.namespace!)?.has(e.object.metadata.name!)) {
          this.enqueue(e.object.metadata.namespace!, e.object.metadata.name!);
        }
        return;
      case 'endpointslices': {
        const slice = e.object as EndpointSlice;
        if (e.type === 'DELETED') {
          this.unindexSlice(slice);
          this.lastSlices.delete(`${slice.metadata.namespace}/${slice.metadata.name}`);
        }
        else {
          if (e.type === 'MODIFIED') this.unindexSlice(e.old as EndpointSlice);
          this.indexSlice(slice);
        }
        // A managed slice changed behind our back (EndpointSliceTracker.ShouldSync): resync.
        const svcName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
        if (!this.writing && svcName && slice.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER) {
          this.enqueue(slice.metadata.namespace!, svcName, true);
        }
        return;
      }
      case 'nodes':
        if (e.type === 'ADDED' && this.missingNode.size) {
          for (const key of [...this.missingNode].sort()) {
            const [ns, name] = key.split('/');
            this.enqueue(ns, name);
          }
        }
        return;
    }
  }

  private observePod(e: ChangeEvent): void {
    const pod = e.object as Pod;
    const ns = pod.metadata.namespace!;
    const services = this.services.get(ns);
    if (!services || services.size === 0) return;
    const name = pod.metadata.name!;
    const old = e.type === 'MODIFIED' ? (e.old as Pod) : undefined;
    const labelsChanged = !old || !deepEqual(old.metadata.labels, pod.metadata.labels) || !hostnameEqual(old, pod);
    const changed = e.type !== 'MODIFIED' || podEndpointChanged(old!, pod);
    if (!labelsChanged && !changed) return;
    const due: string[] = [];
    for (const [svcName, entry] of services) {
      const key = `${ns}/${svcName}`;
      const set = this.members.get(key)!;
      const was = set.has(name);
      const now = e.type !== 'DELETED' && entry.selector.matches(pod.metadata.labels);
      if (was !== now) {
        if (now) set.add(name);
        else set.delete(name);
        this.sortedMembers.delete(key);
      }
      if (was !== now || (now && changed)) due.push(svcName);
    }
    // in name order, so the work queue looks the same however the index was built
    if (due.length > 1) due.sort();
    for (const svcName of due) this.enqueue(ns, svcName);
  }

  private indexService(svc: Service): void {
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    let m = this.services.get(ns);
    if (!m) this.services.set(ns, (m = new Map()));
    const selector = svc.spec.selector;
    if (svc.spec.type === 'ExternalName' || !selector || Object.keys(selector).length === 0) {
      m.delete(name);
      this.members.delete(`${ns}/${name}`);
      this.sortedMembers.delete(`${ns}/${name}`);
      return;
    }
    const sel = selectorFromSet(selector);
    m.set(name, { selector: sel });
    const set = new Set<string>();
    for (const pod of this.host.store.all<Pod>('pods', ns)) if (sel.matches(pod.metadata.labels)) set.add(pod.metadata.name!);
    this.members.set(`${ns}/${name}`, set);
    this.sortedMembers.delete(`${ns}/${name}`);
  }

  private indexSlice(slice: EndpointSlice): void {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc || slice.metadata.labels?.[LABEL_MANAGED_BY] !== ENDPOINTSLICE_CONTROLLER) return;
    const key = `${slice.metadata.namespace}/${svc}`;
    let s = this.slices.get(key);
    if (!s) this.slices.set(key, (s = new Set()));
    s.add(slice.metadata.name!);
  }

  private unindexSlice(slice: EndpointSlice): void {
    const svc = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svc) return;
    const key = `${slice.metadata.namespace}/${svc}`;
    const s = this.slices.get(key);
    if (!s) return;
    s.delete(slice.metadata.name!);
    if (s.size === 0) this.slices.delete(key);
  }

  /**
   * A sync costs time in proportion to the service's pods, and changes arriving meanwhile are
   * picked up together by the next one: a big service batches its updates (+1ms per 100 pods).
   */
  private enqueue(ns: string, name: string, soon = false): void {
    const size = this.members.get(`${ns}/${name}`)?.size ?? 0;
    this.host.schedule(this, soon ? 0 : this.host.config.latency.endpoints + Math.floor(size / 100), `sync/${ns}/${name}`);
  }

  // ------------------------------------------------------------------------------------------
  // the sync

  private sync(ns: string, name: string): void {
    const store = this.host.store;
    const key = `${ns}/${name}`;
    const svc = store.find<Service>('services', ns, name);
    if (!svc) {
      // The service is gone: its Endpoints go with it (slices are left to the garbage collector).
      delete this.triggers[key];
      this.missingNode.delete(key);
      if (store.find<Endpoints>('endpoints', ns, name)) {
        try {
          store.delete('endpoints', ns, name, {});
        } catch (err) {
          if (!isApiError(err, 'NotFound')) throw err;
        }
      }
      return;
    }
    if (!this.services.get(ns)?.has(name)) {
      this.views.delete(key);
      return; // no selector, or ExternalName
    }

    // Member pods in name order (sorted again only when membership changed); each pod's
    // contribution is recomputed only when the pod or the service object changed.
    const cached = this.views.get(key);
    const reuse = cached && cached.svc === svc ? cached.pods : undefined;
    const fresh = new Map<string, PodView>();
    const types = addressTypesFor(svc);
    const views: PodView[] = [];
    let sorted = this.sortedMembers.get(key);
    if (!sorted) {
      sorted = [...(this.members.get(key) ?? [])].sort();
      this.sortedMembers.set(key, sorted);
    }
    for (const podName of sorted) {
      const pod = store.find<Pod>('pods', ns, podName);
      if (!pod) continue;
      let v = reuse?.get(podName);
      if (!v || v.pod !== pod) v = podView(svc, pod, types);
      fresh.set(podName, v);
      views.push(v);
    }
    this.views.set(key, { svc, pods: fresh });
    const trigger = this.triggerTime(key, svc, views);
    this.syncEndpoints(svc, views, trigger);
    this.syncSlices(svc, views, types, trigger);
  }

  /** TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime */
  private triggerTime(key: string, svc: Service, views: PodView[]): string | undefined {
    const prev = this.triggers[key];
    let min: string | undefined;
    const consider = (t: string, before: string | undefined): void => {
      if (before !== undefined && !timeAfter(t, before)) return;
      if (min === undefined || timeAfter(min, t)) min = t;
    };
    const podTimes: Record<string, string> = {};
    for (const v of views) {
      const t = v.trigger;
      if (!t) continue;
      podTimes[v.name] = t;
      consider(t, prev?.pods[v.name]);
    }
    const svcTime = svc.metadata.creationTimestamp ?? '';
    if (svcTime) consider(svcTime, prev?.svc);
    this.triggers[key] = { svc: svcTime, pods: podTimes };
    if (!prev) return svcTime || undefined; // a service seen for the first time
    return min;
  }

  // ------------------------------------------------------------------------------------------
  // Endpoints (endpoints_controller.go syncService)

  private syncEndpoints(svc: Service, views: PodView[], trigger: string | undefined): void {
    const store = this.host.store;
    const ns = svc.metadata.namespace!;
    const name = svc.metadata.name!;
    const key = `${ns}/${name}`;
    const entries: EndpointsEntry[] = [];
    for (const v of views) if (v.ep) entries.push(v.ep);
    const current = store.find<Endpoints>('endpoints', ns, name);
    const svcLabels = svc.metadata.labels ?? {};
    const compareLabels = { ...(current?.metadata.labels ?? {}) };
    delete compareLabels[LABEL_HEADLESS];
    // Nothing changed since the Endpoints were made from these very entries.
    const last = this.lastEndpoints.get(key);
    if (current && last && last.obj === current && sameItems(last.entries, entries) && deepEqual(compareLabels, svcLabels)) return;

    const subsets = repackSubsets(entries);
    if (current) {
      if (
        deepEqual(current.subsets ?? [], subsets) &&
        deepEqual(compareLabels, svcLabels) &&
        capacityAnnotationSetCorrectly(current.metadata.annotations, current.subsets ?? [])
      ) {
        this.lastEndpoints.set(key, { obj: current, entries });
        return;
      }
    }
    const next: Endpoints = current ? clone(current) : { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns } };
    const labels: Labels = { ...svcLabels };
    if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
    next.metadata.labels = sortedRecord(labels);
    const annotations = { ...(next.metadata.annotations ?? {}) };
    if (trigger) annotations[ANNOTATION_TRIGGER_TIME] = trigger;
    else delete annotations[ANNOTATION_TRIGGER_TIME];
    const truncated = truncateEndpoints(subsets);
    if (truncated) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    next.metadata.annotations = sortedRecord(annotations);
    if (subsets.length) next.subsets = clone(subsets);
    else delete next.subsets;
    try {
      const stored = current ? store.update<Endpoints>('endpoints', ns, next, { owned: true }) : store.create<Endpoints>('endpoints', ns, next, { owned: true });
      this.lastEndpoints.set(key, { obj: stored, entries });
    } catch (err) {
      // A terminating namespace takes no new objects: drop the item (NamespaceTerminatingCause).
      if (!current && isApiError(err, 'Forbidden')) return;
      throw err;
    }
  }

  // ------------------------------------------------------------------------------------------
  // EndpointSlices (endpointslice_controller.go syncService + reconciler.go)

  private syncSlices(svc: Service, views: PodView[], types: AddressType[], trigger: string | undefined): void {
    const store = this.host.store;
    const ns = svc.metadata.namespace!;
    const svcKey = `${ns}/${svc.metadata.name}`;
    const existing: EndpointSlice[] = [];
    for (const n of [...(this.slices.get(svcKey) ?? [])].sort()) {
      const s = store.find<EndpointSlice>('endpointslices', ns, n);
      if (s) existing.push(s);
    }
    const plan: SlicePlan = { create: [], update: [], delete: [] };
    const byType = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      if (!types.includes(s.addressType as AddressType)) plan.delete.push(s);
      else {
        const list = byType.get(s.addressType) ?? [];
        list.push(s);
        byType.set(s.addressType, list);
      }
    }
    let missingNode = false;
    const nodes = new Map<string, Node | undefined>();
    for (const t of types) {
      if (this.reconcileByAddressType(svc, views, byType.get(t) ?? [], t, plan, nodes)) missingNode = true;
    }
    if (missingNode) this.missingNode.add(svcKey);
    else this.missingNode.delete(svcKey);
    this.finalizeSlices(svc, plan, trigger);
  }

  /** Returns whether a pod was skipped because its Node does not exist (yet). */
  private reconcileByAddressType(
    svc: Service,
    views: PodView[],
    existing: EndpointSlice[],
    addressType: AddressType,
    plan: SlicePlan,
    nodes: Map<string, Node | undefined>,
  ): boolean {
    const toDelete: EndpointSlice[] = [];
    const toCreate: NewSlice[] = [];
    const existingByPorts = new Map<string, EndpointSlice[]>();
    for (const s of existing) {
      if (!ownedBy(s, svc)) {
        toDelete.push(s);
        continue;
      }
      const k = portKey(s.ports ?? []);
      const list = existingByPorts.get(k) ?? [];
      list.push(s);
      existingByPorts.set(k, list);
    }

    const desired = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>();
    let missingNode = false;
    const publishNotReady = svc.spec.publishNotReadyAddresses === true;
    for (const v of views) {
      const sv = v.slice;
      if (!sv) continue;
      let group = desired.get(sv.key);
      if (!group) desired.set(sv.key, (group = { ports: sv.ports, endpoints: new Map() }));
      const nodeName = v.pod.spec.nodeName;
      let node: Node | undefined;
      if (nodeName) {
        if (nodes.has(nodeName)) node = nodes.get(nodeName);
        else nodes.set(nodeName, (node = this.host.store.find<Node>('nodes', undefined, nodeName)));
      }
      if (!node && !publishNotReady) {
        // reconciler.go: skip the pod (and retry the service when the Node shows up)
        missingNode = true;
        continue;
      }
      const ep = sv.eps[addressType];
      if (!ep) continue;
      const zone = node?.metadata.labels?.[LABEL_ZONE];
      group.endpoints.set(v.name, zone ? { ...ep, zone } : ep);
    }

    for (const [k, group] of desired) {
      this.reconcileByPortMapping(svc, existingByPorts.get(k) ?? [], group.ports, group.endpoints, addressType, plan, toCreate, toDelete);
    }
    for (const [k, slices] of existingByPorts) if (!desired.has(k)) toDelete.push(...slices);

    // When no slice would be left, keep (or make) a placeholder so the service has one.
    if (existing.length === toDelete.length && toCreate.length < 1) {
      const placeholder = newSlice(svc, [], addressType);
      if (toDelete.length === 1 && isPlaceholder(toDelete[0], placeholder)) toDelete.length = 0;
      else toCreate.push(placeholder);
    }
    plan.create.push(...toCreate);
    plan.delete.push(...toDelete);
    return missingNode;
  }

  /** reconciler.go reconcileByPortMapping */
  private reconcileByPortMapping(
    svc: Service,
    existing: EndpointSlice[],
    ports: SlicePort[],
    desired: Map<string, SliceEndpoint>,
    addressType: AddressType,
    plan: SlicePlan,
    toCreate: NewSlice[],
    toDelete: EndpointSlice[],
  ): void {
    const remaining = new Map(desired);
    const toUpdate: UpdatedSlice[] = [];
    const unchanged: EndpointSlice[] = [];
    const labels = sliceLabels(svc);
    // 1. Existing slices: keep wanted endpoints (refreshed), drop the rest.
    for (const s of existing) {
      const kept: SliceEndpoint[] = [];
      let updated = false;
      // endpoints this slice was written from: the same object means the same endpoint
      const lastKey = `${s.metadata.namespace}/${s.metadata.name}`;
      const last = this.lastSlices.get(lastKey);
      const madeFrom = last && last.obj === s ? last.eps : undefined;
      const eps = s.endpoints ?? [];
      for (let i = 0; i < eps.length; i++) {
        const ep = eps[i];
        const podName = ep.targetRef?.name;
        const want = podName !== undefined ? remaining.get(podName) : undefined;
        if (!want) continue;
        if (madeFrom && madeFrom[i] === want) {
          kept.push(want);
          remaining.delete(podName!);
        } else if (deepEqual(want.addresses, ep.addresses)) {
          kept.push(want);
          remaining.delete(podName!);
          if (!deepEqual(want, ep)) updated = true;
        }
      }
      const labelsChanged = !deepEqual(s.metadata.labels ?? {}, labels);
      if (updated || kept.length !== (s.endpoints ?? []).length) {
        if (kept.length === 0) toDelete.push(s);
        else toUpdate.push({ base: s, labels, endpoints: kept });
      } else if (labelsChanged) {
        toUpdate.push({ base: s, labels, endpoints: kept });
      } else {
        unchanged.push(s);
        this.lastSlices.set(lastKey, { obj: s, eps: kept });
      }
    }
    const queue = [...remaining.values()];
    let qi = 0;
    // 2. Fill the slices already being updated, fullest first.
    if (queue.length && toUpdate.length) {
      toUpdate.sort((a, b) => b.endpoints.length - a.endpoints.length);
      for (const u of toUpdate) while (qi < queue.length && u.endpoints.length < MAX_ENDPOINTS_PER_SLICE) u.endpoints.push(queue[qi++]);
    }
    // 3. Then one unchanged slice that can take all that is left, else new slices.
    while (qi < queue.length) {
      const left = queue.length - qi;
      let fill: UpdatedSlice | undefined;
      if (left < MAX_ENDPOINTS_PER_SLICE && unchanged.length) {
        const s = sliceToFill(unchanged, left);
        if (s) {
          unchanged.splice(unchanged.indexOf(s), 1);
          fill = { base: s, labels, endpoints: [...(s.endpoints ?? [])] };
          toUpdate.push(fill);
        }
      }
      const target: { endpoints: SliceEndpoint[] } = fill ?? newSlice(svc, ports, addressType);
      while (qi < queue.length && target.endpoints.length < MAX_ENDPOINTS_PER_SLICE) target.endpoints.push(queue[qi++]);
      if (!fill) toCreate.push(target as NewSlice);
    }
    plan.update.push(...toUpdate);
  }

  /** reconciler.go finalize: creates become updates of slices about to be deleted, then write. */
  private finalizeSlices(svc: Service, plan: SlicePlan, trigger: string | undefined): void {
    const store = this.host.store;
    const ns = svc.metadata.namespace!;
    // Objects handed to the store are frozen there; nothing written may share parts with another.
    const updates: { obj: KubeObject; eps: SliceEndpoint[] }[] = [];
    for (const u of plan.update) {
      const next = clone(u.base);
      next.metadata.labels = { ...u.labels };
      next.endpoints = u.endpoints.length ? clone(u.endpoints) : (null as unknown as SliceEndpoint[]);
      updates.push({ obj: next, eps: u.endpoints });
    }
    let i = 0;
    while (i < plan.delete.length && plan.create.length) {
      const victim = plan.delete[i];
      const fresh = plan.create[plan.create.length - 1];
      if (victim.addressType === fresh.addressType && ownedBy(victim, svc)) {
        plan.create.pop();
        plan.delete.splice(i, 1);
        updates.push({ obj: materialize({ ...fresh, name: victim.metadata.name }, victim), eps: fresh.endpoints });
      } else i++;
    }
    const remember = (stored: EndpointSlice, eps: SliceEndpoint[]): void => {
      this.lastSlices.set(`${ns}/${stored.metadata.name}`, { obj: stored, eps });
    };
    this.writing = true;
    try {
      for (const c of plan.create) {
        const obj = materialize(c);
        setTriggerTime(obj, trigger);
        try {
          remember(store.create<EndpointSlice>('endpointslices', ns, obj, { owned: true }), c.endpoints);
        } catch (err) {
          if (isApiError(err, 'Forbidden')) return; // the namespace is terminating
          throw err;
        }
      }
      for (const u of updates) {
        setTriggerTime(u.obj, trigger);
        remember(store.update<EndpointSlice>('endpointslices', ns, u.obj, { owned: true }), u.eps);
      }
      for (const s of plan.delete) {
        try {
          store.delete('endpointslices', ns, s.metadata.name!, {});
        } catch (err) {
          if (!isApiError(err, 'NotFound')) throw err;
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// what one pod contributes to one service

interface EndpointsEntry {
  addr: EndpointAddress;
  ready: boolean;
  ports: EndpointPort[];
  /** the ports as a string, for grouping */
  portsKey: string;
}

interface PodView {
  pod: Pod;
  name: string;
  /** the Ready condition's lastTransitionTime (getPodTriggerTime) */
  trigger?: string;
  /** its address in the Endpoints, unless left out */
  ep?: EndpointsEntry;
  /** its endpoint per address type in the slices, unless left out (terminal or no IP) */
  slice?: { ports: SlicePort[]; key: string; eps: Partial<Record<AddressType, SliceEndpoint>> };
}

function podView(svc: Service, pod: Pod, types: AddressType[]): PodView {
  const v: PodView = { pod, name: pod.metadata.name! };
  const t = readyCondition(pod)?.lastTransitionTime;
  if (t) v.trigger = t;

  // Endpoints: podToEndpointAddressForService and the ports loop of syncService
  const publishNotReady = svc.spec.publishNotReadyAddresses === true;
  if (shouldPodBeInEndpoints(pod, publishNotReady)) {
    const family = (svc.spec.ipFamilies?.[0] as AddressType | undefined) ?? (svc.spec.clusterIP?.includes(':') ? 'IPv6' : 'IPv4');
    const ip = podIPs(pod).find((i) => isIPv6(i) === (family === 'IPv6'));
    if (ip) {
      const addr: EndpointAddress = { ip };
      if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec.hostname;
      if (pod.spec.nodeName !== undefined) addr.nodeName = pod.spec.nodeName;
      addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: v.name, uid: pod.metadata.uid };
      const ready = publishNotReady || isPodReady(pod);
      const ports = svc.spec.ports ?? [];
      if (ports.length === 0) {
        // a headless service may have no ports
        if (svc.spec.clusterIP === 'None') v.ep = { addr, ready, ports: [], portsKey: '' };
      } else {
        const epPorts: EndpointPort[] = [];
        for (const sp of ports) {
          const num = findPort(pod, sp);
          if (num === undefined) continue;
          const p: EndpointPort = { name: sp.name, port: num, protocol: sp.protocol ?? 'TCP' };
          if (!p.name) delete p.name;
          if (sp.appProtocol) p.appProtocol = sp.appProtocol;
          epPorts.push(p);
        }
        if (epPorts.length) v.ep = { addr, ready, ports: epPorts, portsKey: portKey(epPorts) };
      }
    }
  }

  // EndpointSlices keep terminating pods
  if (shouldPodBeInEndpoints(pod, true)) {
    const ports = slicePorts(svc, pod);
    const eps: Partial<Record<AddressType, SliceEndpoint>> = {};
    for (const t of types) {
      const ep = podToEndpoint(pod, svc, t);
      if (ep.addresses.length) eps[t] = ep;
    }
    v.slice = { ports, key: portKey(ports), eps };
  }
  return v;
}

const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** a is strictly later than b (metav1.Time strings; canonical ones compare as text) */
function timeAfter(a: string, b: string): boolean {
  if (CANONICAL_TIME.test(a) && CANONICAL_TIME.test(b)) return a > b;
  const x = parseTime(a);
  const y = parseTime(b);
  if (x === null) return false;
  return y === null || x > y;
}

// ---------------------------------------------------------------------------------------------
// slices

interface NewSlice {
  svc: Service;
  name?: string;
  addressType: AddressType;
  ports: SlicePort[];
  endpoints: SliceEndpoint[];
}
interface UpdatedSlice {
  base: EndpointSlice;
  labels: Labels;
  endpoints: SliceEndpoint[];
}
interface SlicePlan {
  create: NewSlice[];
  update: UpdatedSlice[];
  delete: EndpointSlice[];
}

function newSlice(svc: Service, ports: SlicePort[], addressType: AddressType): NewSlice {
  return { svc, addressType, ports, endpoints: [] };
}

/** utils.go newEndpointSlice, as the object to write (a reused slice keeps its name and uid). */
function materialize(n: NewSlice, reuse?: EndpointSlice): EndpointSlice {
  const svc = n.svc;
  const metadata: KubeObject['metadata'] = {};
  if (n.name) metadata.name = n.name;
  else metadata.generateName = sliceNamePrefix(svc.metadata.name!);
  if (reuse) {
    metadata.generateName = reuse.metadata.generateName;
    metadata.resourceVersion = reuse.metadata.resourceVersion;
  }
  metadata.namespace = svc.metadata.namespace;
  metadata.labels = sliceLabels(svc);
  metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name!, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }];
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata,
    addressType: n.addressType,
    // Empty lists come back from the API server as null (they do not survive storage).
    endpoints: n.endpoints.length ? clone(n.endpoints) : (null as unknown as SliceEndpoint[]),
    ports: n.ports.length ? clone(n.ports) : null,
  };
}

/** getEndpointSlicePrefix: `<svc>-`, or the bare name when the dash would make it invalid. */
function sliceNamePrefix(name: string): string {
  return name.length + 1 > 253 ? name : `${name}-`;
}

/** setEndpointSliceLabels: the service's labels, minus reserved ones, plus ours. */
function sliceLabels(svc: Service): Labels {
  const labels: Labels = {};
  for (const [k, v] of Object.entries(svc.metadata.labels ?? {})) {
    if (k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS) continue;
    labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = '';
  labels[LABEL_SERVICE_NAME] = svc.metadata.name!;
  labels[LABEL_MANAGED_BY] = ENDPOINTSLICE_CONTROLLER;
  return sortedRecord(labels);
}

function setTriggerTime(slice: KubeObject, trigger: string | undefined): void {
  const annotations = { ...(slice.metadata.annotations ?? {}) };
  if (trigger) annotations[ANNOTATION_TRIGGER_TIME] = trigger;
  else delete annotations[ANNOTATION_TRIGGER_TIME];
  slice.metadata.annotations = Object.keys(annotations).length ? sortedRecord(annotations) : undefined;
}

/** placeholderSliceCompare: same namespace and labels, same address type, nothing inside. */
function isPlaceholder(s: EndpointSlice, p: NewSlice): boolean {
  return (
    s.addressType === p.addressType &&
    !(s.endpoints ?? []).length &&
    !(s.ports ?? []).length &&
    deepEqual(s.metadata.labels ?? {}, sliceLabels(p.svc))
  );
}

function ownedBy(s: EndpointSlice, svc: Service): boolean {
  return (s.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

/** getSliceToFill: the slice that ends up closest to full when n endpoints are added. */
function sliceToFill(slices: EndpointSlice[], n: number): EndpointSlice | undefined {
  let best: EndpointSlice | undefined;
  let closest = MAX_ENDPOINTS_PER_SLICE;
  for (const s of slices) {
    const diff = MAX_ENDPOINTS_PER_SLICE - (n + (s.endpoints ?? []).length);
    if (diff >= 0 && diff < closest) {
      closest = diff;
      best = s;
      if (diff === 0) break;
    }
  }
  return best;
}

function portKey(ports: readonly { name?: string; port?: number; protocol?: string; appProtocol?: string }[]): string {
  return JSON.stringify(ports.map((p) => [p.name ?? '', p.port ?? 0, p.protocol ?? '', p.appProtocol ?? '']));
}

/** utils.go getEndpointPorts */
function slicePorts(svc: Service, pod: Pod): SlicePort[] {
  const out: SlicePort[] = [];
  for (const sp of svc.spec.ports ?? []) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    const p: SlicePort = { name: sp.name ?? '', port: num, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol) p.appProtocol = sp.appProtocol;
    out.push(p);
  }
  return out;
}

/** utils.go podToEndpoint */
function podToEndpoint(pod: Pod, svc: Service, addressType: AddressType): SliceEndpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // "ready" is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = svc.spec.publishNotReadyAddresses === true || (serving && !terminating);
  const ep: SliceEndpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name!, uid: pod.metadata.uid };
  if (pod.spec.nodeName) ep.nodeName = pod.spec.nodeName;
  return ep;
}

function addressTypesFor(svc: Service): AddressType[] {
  const out: AddressType[] = [];
  for (const f of svc.spec.ipFamilies ?? []) if ((f === 'IPv4' || f === 'IPv6') && !out.includes(f)) out.push(f);
  if (out.length) return out;
  if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

// ---------------------------------------------------------------------------------------------
// Endpoints subsets

/** endpoints/util.go RepackSubsets + SortSubsets: group addresses by the ports they offer. */
function repackSubsets(entries: EndpointsEntry[]): EndpointSubset[] {
  if (!entries.length) return [];
  // The common case: every pod offers the same ports, so there is one subset.
  const k0 = entries[0].portsKey;
  if (k0 !== '' && entries.every((e) => e.portsKey === k0)) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    const seen = new Set<string>();
    for (const e of entries) {
      const akey = `${e.addr.ip}\u0000${e.addr.targetRef?.uid ?? ''}`;
      if (seen.has(akey)) continue;
      seen.add(akey);
      (e.ready ? ready : notReady).push(e.addr);
    }
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready.sort(lessAddress);
    if (notReady.length) s.notReadyAddresses = notReady.sort(lessAddress);
    s.ports = sortPorts([...entries[0].ports]);
    return [s];
  }
  // port → addresses offering it (ready or not)
  const byPort = new Map<string, { port: EndpointPort | undefined; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }>();
  for (const e of entries) {
    const akey = `${e.addr.ip}\u0000${e.addr.targetRef?.uid ?? ''}`;
    const list = e.ports.length ? e.ports : [undefined];
    for (const p of list) {
      const pk = p ? JSON.stringify([p.name ?? '', p.port, p.protocol, p.appProtocol ?? '']) : 'sentinel';
      let slot = byPort.get(pk);
      if (!slot) byPort.set(pk, (slot = { port: p, addrs: new Map() }));
      const cur = slot.addrs.get(akey);
      // an address ready for one port is ready (mapAddressesByPort keeps the ready flag)
      slot.addrs.set(akey, { addr: e.addr, ready: (cur?.ready ?? false) || e.ready });
    }
  }
  // address set → ports
  const groups = new Map<string, { addrs: Map<string, { addr: EndpointAddress; ready: boolean }>; ports: EndpointPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const hk = [...addrs.entries()].map(([k, v]) => `${k}\u0000${v.ready}`).sort().join('\u0001');
    let g = groups.get(hk);
    if (!g) groups.set(hk, (g = { addrs, ports: [] }));
    if (port) g.ports.push(port);
  }
  const subsets: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const { addr, ready: r } of g.addrs.values()) (r ? ready : notReady).push(addr);
    ready.sort(lessAddress);
    notReady.sort(lessAddress);
    const s: EndpointSubset = {};
    if (ready.length) s.addresses = ready;
    if (notReady.length) s.notReadyAddresses = notReady;
    if (g.ports.length) s.ports = sortPorts(g.ports);
    subsets.push(s);
  }
  const first = (s: EndpointSubset): string => (s.addresses?.[0] ?? s.notReadyAddresses?.[0])?.ip ?? '';
  return subsets.sort((a, b) => cmp(first(a), first(b)) || cmp(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? [])));
}

/** The same objects in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sortPorts(ports: EndpointPort[]): EndpointPort[] {
  return ports.sort((a, b) => cmp(a.name ?? '', b.name ?? '') || a.port - b.port || cmp(a.protocol ?? '', b.protocol ?? ''));
}

/** LessEndpointAddress: by IP (bytewise), then by target uid. */
function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  return cmp(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '');
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: EndpointSubset[]): boolean {
  let n = 0;
  for (const s of subsets) n += (s.addresses?.length ?? 0) + (s.notReadyAddresses?.length ?? 0);
  if (n > MAX_ENDPOINTS_ADDRESSES) return false;
  return !annotations || !(ANNOTATION_OVER_CAPACITY in annotations);
}

/** endpoints_controller.go truncateEndpoints: ready addresses first, proportionally per subset. */
function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const s of subsets) {
    totalReady += s.addresses?.length ?? 0;
    totalNotReady += s.notReadyAddresses?.length ?? 0;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_ADDRESSES) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_ADDRESSES;
  const max = truncateReady ? MAX_ENDPOINTS_ADDRESSES : MAX_ENDPOINTS_ADDRESSES - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const s of subsets) {
    const inSubset = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const toBeAdded = Math.min(Math.ceil((inSubset / numTotal) * max), canBeAdded);
    if (truncateReady) {
      s.addresses = (s.addresses ?? []).slice(0, toBeAdded);
      delete s.notReadyAddresses;
      canBeAdded -= s.addresses.length;
      if (!s.addresses.length) delete s.addresses;
    } else {
      s.notReadyAddresses = (s.notReadyAddresses ?? []).slice(0, toBeAdded);
      canBeAdded -= s.notReadyAddresses.length;
      if (!s.notReadyAddresses.length) delete s.notReadyAddresses;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// pods

function readyCondition(pod: Pod): { status: string; lastTransitionTime?: string | null } | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** podutil.IsPodReady */
function isPodReady(pod: Pod): boolean {
  return readyCondition(pod)?.status === 'True';
}

function podIPs(pod: Pod): string[] {
  if (pod.status?.podIPs?.length) return pod.status.podIPs.map((p) => p.ip);
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/** endpointslice util ShouldPodBeInEndpoints */
function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!podIPs(pod).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** ShouldSetHostname: a pod named into the service's DNS subdomain gets its hostname published. */
function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec.hostname && pod.spec.subdomain === svc.metadata.name && pod.metadata.namespace === svc.metadata.namespace;
}

function hostnameEqual(a: Pod, b: Pod): boolean {
  return a.spec.hostname === b.spec.hostname && a.spec.subdomain === b.spec.subdomain;
}

/** podEndpointsChanged (plus the phase, which decides terminal pods) */
function podEndpointChanged(old: Pod, pod: Pod): boolean {
  if (old.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp) return true;
  if (isPodReady(old) !== isPodReady(pod)) return true;
  if (old.status?.phase !== pod.status?.phase) return true;
  if (old.spec.nodeName !== pod.spec.nodeName) return true;
  const a = podIPs(old);
  const b = podIPs(pod);
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return true;
  return false;
}

/**
 * FindPort: a numeric targetPort is used as is; a named one is looked up among the containers'
 * ports (then restartable init containers') with the same protocol.
 */
function findPort(pod: Pod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const proto = sp.protocol ?? 'TCP';
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort;
  }
  return undefined;
}

function isServiceIPSet(svc: Service): boolean {
  return !!svc.spec.clusterIP && svc.spec.clusterIP !== 'None';
}

function sortedRecord(r: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) out[k] = r[k];
  return out;
}

export function createEndpointsController(): EndpointsController {
  return new EndpointsControllerImpl();
}
