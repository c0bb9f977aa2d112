// What kube-apiserver does to an object between decoding it and storing it:
//   1. defaulting (every decoded object, CREATE and UPDATE),
//   2. mutating admission (pods: ServiceAccount on CREATE, Priority, DefaultTolerationSeconds),
//   3. the registry strategy's PrepareForCreate/PrepareForUpdate (status reset, namespace
//      finalizers) and the Service REST's IP and port allocation,
//   4. validation (validate(), called by the store afterwards).
// Metadata bookkeeping (uid, resourceVersion, generation, timestamps, generateName, namespace)
// belongs to the store.

import type { FieldError } from '../../k8s/errors';
import { forbidden } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import { resourceInfo } from '../../k8s/resources';
import type { KubeObject, Pod, PodSpec } from '../../k8s/types';
import { podQOSClass } from '../../k8s/qos';
import type { Rand } from '../rand';
import { applyDefaults, orderKeys, orderPodSpec, POD_STATUS_ORDER, SERVICE_SPEC_ORDER, TOP_ORDER } from './defaults';
import { admitDefaultTolerationSeconds, admitServiceAccount } from './serviceaccount';
import { validateObject } from './validation';

export interface AdmissionContext {
  operation: 'CREATE' | 'UPDATE';
  rand: Rand;
  /** RFC3339 "now" */
  now: string;
  allocateClusterIP(): string; // supplied by the store
  allocateNodePort(): number;
  /**
   * Optional: the subresource written. `finalize` (PUT namespaces/<ns>/finalize) runs the
   * namespace finalize strategy, the only one that may change spec.finalizers.
   */
  subresource?: string;
}

type Obj = Record<string, unknown>;

const POD_INFO = resourceInfo('pods')!;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Mutating admission + defaulting, as the apiserver runs them before validation. `obj` is a private mutable deep copy; return it (or a replacement). */
export function admit(info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): KubeObject {
  if (!isObj(obj.metadata)) obj.metadata = {};
  applyDefaults(info.resource, obj);
  const creating = ctx.operation === 'CREATE' || old === undefined;
  switch (info.resource) {
    case 'pods':
      admitPod(obj as Pod, creating ? undefined : (old as Pod), ctx);
      break;
    case 'services':
      admitService(obj, creating ? undefined : old, ctx);
      break;
    case 'deployments':
      if (creating) obj.status = {};
      else if (old && 'status' in old) obj.status = old.status;
      break;
    case 'replicasets':
      if (creating) obj.status = { replicas: 0 };
      else if (old && 'status' in old) obj.status = old.status;
      break;
    case 'namespaces':
      admitNamespace(obj, creating ? undefined : old, ctx.subresource === 'finalize');
      break;
  }
  orderKeys(obj as Obj, TOP_ORDER);
  return obj;
}

/** Validation after defaulting. Returns field errors in the order the real validator reports them. */
export function validate(info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  return validateObject(info, obj, old);
}

// ---------------------------------------------------------------------------------------------
// Pods

function admitPod(pod: Pod, old: Pod | undefined, ctx: AdmissionContext): void {
  const spec = pod.spec as PodSpec;
  if (!Array.isArray(spec.containers)) spec.containers = spec.containers ?? [];
  if (!old) {
    admitServiceAccount(pod, ctx.rand);
    admitPriority(pod);
  } else {
    // Priority admission on UPDATE keeps what it set at create; validation forbids changes.
    if ((spec.priority === undefined || spec.priority === null) && old.spec.priority !== undefined) spec.priority = old.spec.priority;
    if (spec.preemptionPolicy === undefined && old.spec.preemptionPolicy !== undefined) spec.preemptionPolicy = old.spec.preemptionPolicy;
  }
  admitDefaultTolerationSeconds(pod);
  orderPodSpec(spec);
  if (!old) {
    // PrepareForCreate: the status is the server's, whatever the client sent.
    pod.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
    orderKeys(pod.status as Obj, POD_STATUS_ORDER);
  } else if ('status' in old) {
    pod.status = old.status;
  }
}

/** The PriorityClasses every cluster has (pkg/apis/scheduling SystemPriorityClasses). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

/**
 * Priority admission on CREATE (plugin/pkg/admission/priority): no class and no global default
 * means priority 0; a class sets its value; a client may not choose the integer itself.
 */
function admitPriority(pod: Pod): void {
  const spec = pod.spec;
  const name = pod.metadata.name ?? '';
  let priority = 0;
  if (spec.priorityClassName) {
    const v = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (v === undefined) throw forbidden(POD_INFO, name, `pods ${JSON.stringify(name)} is forbidden: no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = v;
  }
  if (spec.priority !== undefined && spec.priority !== null && spec.priority !== priority) {
    throw forbidden(
      POD_INFO,
      name,
      `pods ${JSON.stringify(name)} is forbidden: the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
}

// ---------------------------------------------------------------------------------------------
// Namespaces

function admitNamespace(ns: KubeObject, old: KubeObject | undefined, finalize: boolean): void {
  const o = ns as Obj;
  if (!old) {
    // PrepareForCreate: Active, and the `kubernetes` finalizer is required.
    const spec = (isObj(o.spec) ? o.spec : {}) as { finalizers?: string[] };
    const finalizers = Array.isArray(spec.finalizers) ? [...spec.finalizers] : [];
    if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
    spec.finalizers = finalizers;
    o.spec = spec;
    o.status = { phase: 'Active' };
  } else if (finalize) {
    // namespaceFinalizeStrategy.PrepareForUpdate: the request's spec.finalizers win; status stays.
    const spec = (isObj(o.spec) ? o.spec : {}) as { finalizers?: string[] };
    if (!spec.finalizers?.length) delete spec.finalizers;
    o.spec = spec;
    if ('status' in old) o.status = (old as Obj).status;
  } else {
    // PrepareForUpdate: finalizers go through /finalize, status through /status.
    const oldSpec = (old as Obj).spec as { finalizers?: string[] } | undefined;
    const spec = (isObj(o.spec) ? o.spec : {}) as { finalizers?: string[] };
    if (oldSpec?.finalizers) spec.finalizers = oldSpec.finalizers;
    else delete spec.finalizers;
    o.spec = spec;
    if ('status' in old) o.status = (old as Obj).status;
  }
}

// ---------------------------------------------------------------------------------------------
// Services: ClusterIP / NodePort allocation (pkg/registry/core/service/storage)

interface SvcSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  selector?: Record<string, string>;
  ports?: { name?: string; nodePort?: number; port?: number; protocol?: string }[];
  externalTrafficPolicy?: string;
  healthCheckNodePort?: number;
  allocateLoadBalancerNodePorts?: boolean;
  [k: string]: unknown;
}

function specOf(o: KubeObject | undefined): SvcSpec {
  return (o && isObj(o.spec) ? o.spec : {}) as SvcSpec;
}

const needsClusterIP = (s: SvcSpec) => s.type !== 'ExternalName';
const needsNodePort = (s: SvcSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
const needsHCNodePort = (s: SvcSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
const sameStrings = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

function admitService(svc: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void {
  const spec = specOf(svc);
  svc.spec = spec;
  if (old) {
    const prev = specOf(old);
    patchAllocatedValues(spec, prev);
    normalizeClusterIPsOnUpdate(spec, prev);
  } else if (spec.clusterIP && !spec.clusterIPs?.length) {
    // normalizeClusterIPs on create: an old client set only the singular field.
    spec.clusterIPs = [spec.clusterIP];
  }

  // allocateCreate / allocateUpdate
  if (needsClusterIP(spec)) {
    if (!spec.clusterIP && !spec.clusterIPs?.length) {
      const ip = ctx.allocateClusterIP();
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }
    const headless = spec.clusterIPs?.length === 1 && spec.clusterIPs[0] === 'None';
    if (!spec.ipFamilyPolicy) {
      // Headless services without a selector default to RequireDualStack (single-stack here).
      spec.ipFamilyPolicy = headless && (!spec.selector || Object.keys(spec.selector).length === 0) ? 'RequireDualStack' : 'SingleStack';
    }
    if (!spec.ipFamilies?.length) spec.ipFamilies = ['IPv4'];
  }
  const allocatesNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
  if (allocatesNodePorts) {
    for (const p of spec.ports ?? []) if (isObj(p) && !p.nodePort) p.nodePort = ctx.allocateNodePort();
  }
  if (needsHCNodePort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = ctx.allocateNodePort();

  if (old) dropTypeDependentFields(spec, specOf(old));
  orderKeys(spec, SERVICE_SPEC_ORDER);
  if (!old) svc.status = { loadBalancer: {} };
  else if ('status' in old) svc.status = old.status;
}

/** patchAllocatedValues: a client that did not send the allocated values keeps them. */
function patchAllocatedValues(spec: SvcSpec, prev: SvcSpec): void {
  if (needsClusterIP(prev) && needsClusterIP(spec)) {
    if (!spec.clusterIP && prev.clusterIP) spec.clusterIP = prev.clusterIP;
    if (!spec.clusterIPs?.length && prev.clusterIPs?.length) spec.clusterIPs = [...prev.clusterIPs];
  }
  if (needsNodePort(prev) && needsNodePort(spec)) {
    const usedOld = new Set((prev.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
    const usedNew = new Set((spec.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
    const used = new Set([...usedOld].filter((n) => usedNew.has(n)));
    const byName = new Map<string, number>();
    for (const p of prev.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0);
    for (const p of spec.ports ?? []) {
      if (!isObj(p) || p.nodePort) continue;
      const v = byName.get(p.name ?? '');
      if (v && !used.has(v)) p.nodePort = v;
    }
  }
  if (needsHCNodePort(prev) && needsHCNodePort(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = prev.healthCheckNodePort;
}

/** normalizeClusterIPs for an update: keep clusterIP and clusterIPs in step. */
function normalizeClusterIPsOnUpdate(spec: SvcSpec, prev: SvcSpec): void {
  if (prev.clusterIPs?.length && !spec.clusterIPs?.length && (prev.clusterIP ?? '') === (spec.clusterIP ?? '')) {
    spec.clusterIPs = [...prev.clusterIPs];
  }
  if ((prev.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (prev.clusterIP && !spec.clusterIP) {
      if (sameStrings(prev.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs;
    } else if (sameStrings(prev.clusterIPs, spec.clusterIPs)) {
      spec.clusterIPs = [spec.clusterIP ?? ''];
    }
  }
}

/** dropTypeDependentFields: switching type clears what was allocated for the old type. */
function dropTypeDependentFields(spec: SvcSpec, prev: SvcSpec): void {
  if (needsClusterIP(prev) && !needsClusterIP(spec)) {
    if ((prev.clusterIP ?? '') === (spec.clusterIP ?? '') && sameStrings(prev.clusterIPs, spec.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameStrings(prev.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if (prev.ipFamilyPolicy === spec.ipFamilyPolicy) delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(prev) && !needsNodePort(spec)) {
    const same = JSON.stringify((prev.ports ?? []).map((p) => p.nodePort ?? 0)) === JSON.stringify((spec.ports ?? []).map((p) => p.nodePort ?? 0));
    if (same) for (const p of spec.ports ?? []) if (isObj(p)) delete p.nodePort;
  }
  if (needsHCNodePort(prev) && !needsHCNodePort(spec) && prev.healthCheckNodePort === spec.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (prev.type === 'LoadBalancer' && spec.type !== 'LoadBalancer' && prev.allocateLoadBalancerNodePorts !== undefined && prev.allocateLoadBalancerNodePorts === spec.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  const etp = (s: SvcSpec) => s.type === 'LoadBalancer' || s.type === 'NodePort' || (Array.isArray(s.externalIPs) && s.externalIPs.length > 0);
  if (etp(prev) && !etp(spec) && prev.externalTrafficPolicy === spec.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

export { validateObject } from './validation';
