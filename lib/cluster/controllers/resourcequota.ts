// The resource quota controller (kube-controller-manager pkg/controller/resourcequota), status
// half only: every ResourceQuota's status.hard mirrors spec.hard and status.used counts what the
// namespace holds, so `kubectl get quota` and `kubectl describe quota` show real numbers.
//
// Usage follows the quota evaluators of pkg/quota/v1/evaluator/core:
// * `pods`: pods that still count (QuotaV1Pod: not Succeeded/Failed, and not past their
//   deletion grace period);
// * `cpu`/`requests.cpu`, `memory`/`requests.memory`, `limits.cpu`, `limits.memory`,
//   `requests.ephemeral-storage`, `limits.ephemeral-storage`: the sum over those pods of each
//   pod's request/limit (PodUsageFunc: the sum of the containers, or an init container's if larger);
// * `services`, `configmaps`, `secrets`, `resourcequotas`, `replicationcontrollers`,
//   `persistentvolumeclaims` and `count/<resource>[.<group>]`: object counts;
// * `services.loadbalancers`: Services of type LoadBalancer; `services.nodeports`: the ports of
//   NodePort and LoadBalancer Services.
// Anything else is reported as 0, as a zero Quantity. Quota scopes are not evaluated (every pod
// counts), and nothing is enforced at admission: the simulator has no ResourceQuota admission.
//
// Work items: `ns/<namespace>` timers, scheduled when a quota or anything it counts changes in
// that namespace (the controller's replenishment); `resync` recounts every namespace.

import type { KubeObject, Pod } from '../../k8s/types';
import { RESOURCES } from '../../k8s/resources';
import { addQuantity, canonicalQuantity, compareQuantity, quantityString } from '../../k8s/quantity';
import { isApiError } from '../../k8s/errors';
import { parseTime } from '../../k8s/duration';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { deepEqual } from '../object';

/** How soon after a change the quota's status follows (replenishment is immediate upstream). */
export const QUOTA_SYNC_DELAY_MS = 10;

interface ResourceQuota extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[] };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

interface ServiceLike extends KubeObject {
  spec?: { type?: string; ports?: { nodePort?: number }[] };
}

/** Resource names counted as objects without a `count/` prefix (pkg/quota/v1/evaluator/core). */
const LEGACY_COUNTS: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  resourcequotas: 'resourcequotas',
  replicationcontrollers: 'replicationcontrollers',
  persistentvolumeclaims: 'persistentvolumeclaims',
};

/** Compute resources of a pod, by quota name → container resource name and requests/limits. */
const COMPUTE: Record<string, { kind: 'requests' | 'limits'; name: string }> = {
  cpu: { kind: 'requests', name: 'cpu' },
  memory: { kind: 'requests', name: 'memory' },
  'requests.cpu': { kind: 'requests', name: 'cpu' },
  'requests.memory': { kind: 'requests', name: 'memory' },
  'requests.ephemeral-storage': { kind: 'requests', name: 'ephemeral-storage' },
  'limits.cpu': { kind: 'limits', name: 'cpu' },
  'limits.memory': { kind: 'limits', name: 'memory' },
  'limits.ephemeral-storage': { kind: 'limits', name: 'ephemeral-storage' },
};

/** QuotaV1Pod: whether a pod still uses quota at `now`. */
export function podCountsForQuota(pod: Pod, now: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  const del = pod.metadata.deletionTimestamp;
  const grace = pod.metadata.deletionGracePeriodSeconds;
  if (del && grace !== undefined) {
    const t = parseTime(del);
    if (t !== null && now > t + grace * 1000) return false;
  }
  return true;
}

/** Quantity.Add: a zero sum takes the addend's format (`0` + `128Mi` = `128Mi`, not `134217728`). */
function add(sum: string, v: string): string {
  if (compareQuantity(sum, '0') === 0) return canonicalQuantity(v) ?? v;
  return quantityString(addQuantity(sum, v));
}

type ContainerResources = { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };

function containerValue(c: ContainerResources, kind: 'requests' | 'limits', name: string): string | undefined {
  const v = c.resources?.[kind]?.[name];
  return v === undefined ? undefined : (canonicalQuantity(String(v)) ?? undefined);
}

/** PodUsageFunc for one compute resource: max(sum over containers, each init container). */
function podCompute(pod: Pod, kind: 'requests' | 'limits', name: string): string {
  const spec = (pod.spec ?? {}) as { containers?: ContainerResources[]; initContainers?: ContainerResources[] };
  let sum = '0';
  for (const c of spec.containers ?? []) {
    const v = containerValue(c, kind, name);
    if (v !== undefined) sum = add(sum, v);
  }
  for (const c of spec.initContainers ?? []) {
    const v = containerValue(c, kind, name);
    if (v !== undefined && compareQuantity(v, sum) > 0) sum = v;
  }
  return sum;
}

class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota';
  private host!: ControllerHost;
  private unsubscribe?: () => void;

  start(host: ControllerHost): void {
    this.host = host;
    this.unsubscribe?.();
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    // No start-up resync: the controller starts with the cluster, before any quota exists, and a
    // restored cluster carries its quotas' status (and any pending work) in the snapshot.
  }

  fire(key: string): void {
    if (key === 'resync') {
      const namespaces = new Set([...this.host.store.all<ResourceQuota>('resourcequotas')].map((q) => q.metadata.namespace!));
      for (const ns of [...namespaces].sort()) this.sync(ns);
      return;
    }
    if (key.startsWith('ns/')) this.sync(key.slice(3));
  }

  private observe(e: ChangeEvent): void {
    const ns = e.object.metadata.namespace;
    if (!ns) return;
    if (e.resource === 'events') return;
    if (e.resource !== 'resourcequotas' && !this.hasQuota(ns)) return;
    this.host.schedule(this, QUOTA_SYNC_DELAY_MS, 'ns/' + ns);
  }

  /** (every store change asks this: a scan of the stored quotas, no copies) */
  private hasQuota(namespace: string): boolean {
    for (const q of this.host.store.all('resourcequotas')) if (q.metadata.namespace === namespace) return true;
    return false;
  }

  private sync(namespace: string): void {
    const quotas = this.host.store.list<ResourceQuota>('resourcequotas', namespace).items;
    for (const q of quotas) {
      if (q.metadata.deletionTimestamp) continue;
      const hard: Record<string, string> = {};
      for (const [k, v] of Object.entries(q.spec?.hard ?? {})) hard[k] = canonicalQuantity(String(v)) ?? String(v);
      const used: Record<string, string> = {};
      for (const name of Object.keys(hard)) used[name] = this.usage(namespace, name);
      const status = { hard, used };
      if (deepEqual(q.status ?? {}, status)) continue;
      try {
        this.host.store.update('resourcequotas', namespace, { ...q, status }, { subresource: 'status' });
      } catch (err) {
        // Conflict / NotFound: the quota changed or went away meanwhile; its own event resyncs.
        if (!isApiError(err)) throw err;
      }
    }
  }

  private usage(namespace: string, name: string): string {
    const now = this.host.now();
    const pods = () => this.host.store.list<Pod>('pods', namespace).items.filter((p) => podCountsForQuota(p, now));
    const compute = COMPUTE[name];
    if (compute) {
      let sum = '0';
      for (const p of pods()) sum = add(sum, podCompute(p, compute.kind, compute.name));
      return sum;
    }
    if (name === 'pods' || name === 'count/pods') return String(pods().length);
    if (name === 'services.loadbalancers') {
      return String(this.host.store.list<ServiceLike>('services', namespace).items.filter((s) => s.spec?.type === 'LoadBalancer').length);
    }
    if (name === 'services.nodeports') {
      let n = 0;
      for (const s of this.host.store.list<ServiceLike>('services', namespace).items) {
        if (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer') n += (s.spec.ports ?? []).filter((p) => p.nodePort !== undefined).length;
      }
      return String(n);
    }
    let resource = LEGACY_COUNTS[name];
    if (!resource && name.startsWith('count/')) {
      const [plural, ...group] = name.slice('count/'.length).split('.');
      const info = RESOURCES.find((r) => r.resource === plural && r.group === group.join('.'));
      resource = info?.resource ?? '';
    }
    if (resource && RESOURCES.some((r) => r.resource === resource)) return String(this.host.store.list(resource, namespace).items.length);
    return '0';
  }
}

export function createResourceQuotaController(): Controller {
  return new ResourceQuotaController();
}
