// Pod QoS class, as the API server computes status.qosClass at create and kubectl describe
// shows it (pkg/apis/core/helper/qos ComputePodQOS; kubectl pkg/util/qos GetPodQOS).

import type { Container, PodSpec, PodStatus } from './types';
import { addQuantity, compareQuantity, parseQuantity, type Quantity } from './quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/** Only cpu and memory decide QoS (isSupportedQoSComputeResource). */
const QOS_RESOURCES = new Set(['cpu', 'memory']);

function positive(v: string): Quantity | null {
  const r = parseQuantity(v);
  if (!r.ok || compareQuantity(r.quantity, '0') !== 1) return null;
  return r.quantity;
}

/**
 * The container's requests after defaulting: SetDefaults_Pod copies each limit into requests
 * when that request is missing, which is what makes a limits-only pod Guaranteed.
 */
function defaultedRequests(c: Container): Record<string, string> {
  const requests: Record<string, string> = { ...(c.resources?.requests ?? {}) };
  for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(requests, name)) requests[name] = v;
  }
  return requests;
}

/**
 * ComputePodQOS: BestEffort with no cpu/memory requests or limits anywhere; Guaranteed when
 * every container (init containers too) limits both cpu and memory and the summed requests
 * equal the summed limits for each resource; Burstable otherwise. Zero quantities are ignored.
 */
export function podQOSClass(spec: PodSpec): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const all = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of all) {
    for (const [name, v] of Object.entries(defaultedRequests(c))) {
      if (!QOS_RESOURCES.has(name)) continue;
      const q = positive(v);
      if (!q) continue;
      const prev = requests.get(name);
      requests.set(name, prev ? addQuantity(q, prev) : q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      if (!QOS_RESOURCES.has(name)) continue;
      const q = positive(v);
      if (!q) continue;
      found.add(name);
      const prev = limits.get(name);
      limits.set(name, prev ? addQuantity(q, prev) : q);
    }
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || compareQuantity(lim, req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** kubectl's GetPodQOS: the recorded status.qosClass if there is one, else computed. */
export function getPodQOS(pod: { spec: PodSpec; status?: PodStatus }): QOSClass {
  return pod.status?.qosClass ?? podQOSClass(pod.spec);
}
