// `kubectl describe node` (describe.go describeNode, describeNodeLease, describeNodeResource;
// kubectl pkg/util/resource PodRequestsAndLimits).

import { addQuantity, compareQuantity, parseQuantity, quantityMilliValue, quantityString, quantityValue } from '../../k8s/quantity';
import type { Quantity } from '../../k8s/quantity';
import type { Container, Event, KubeObject, Node, Pod } from '../../k8s/types';
import { maybeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, quantityText } from './common';
import { LEVEL_0, LEVEL_1, goStringLess, tabbedString } from './writer';
import type { DescribeOptions, PrefixWriter } from './writer';

type ResourceList = Map<string, Quantity>;

function parse(q: string | undefined): Quantity | undefined {
  if (q === undefined) return undefined;
  const r = parseQuantity(q);
  return r.ok ? r.quantity : undefined;
}

function addList(into: ResourceList, list: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(list ?? {})) {
    const q = parse(value);
    if (!q) continue;
    const cur = into.get(name);
    into.set(name, cur ? addQuantity(cur, q) : q);
  }
}

function maxList(into: ResourceList, list: ResourceList): void {
  for (const [name, q] of list) {
    const cur = into.get(name);
    if (!cur || compareQuantity(q, cur) > 0) into.set(name, q);
  }
}

/**
 * PodRequestsAndLimits: the containers' sum, sidecars (restartable init containers) added, each
 * other init container raising the total to its own need plus the sidecars started before it,
 * then the pod overhead.
 */
export function podRequestsAndLimits(pod: Pod): { reqs: ResourceList; limits: ResourceList } {
  const result = (kind: 'requests' | 'limits'): ResourceList => {
    const sum: ResourceList = new Map();
    for (const c of pod.spec.containers ?? []) addList(sum, c.resources?.[kind]);
    const sidecars: ResourceList = new Map();
    const initMax: ResourceList = new Map();
    for (const c of (pod.spec.initContainers ?? []) as Container[]) {
      if (c.restartPolicy === 'Always') {
        addList(sum, c.resources?.[kind]);
        addList(sidecars, c.resources?.[kind]);
        continue;
      }
      const need: ResourceList = new Map(sidecars);
      addList(need, c.resources?.[kind]);
      maxList(initMax, need);
    }
    maxList(sum, initMax);
    addList(sum, pod.spec.overhead as Record<string, string> | undefined);
    return sum;
  };
  return { reqs: result('requests'), limits: result('limits') };
}

const text = (q: Quantity | undefined) => (q ? quantityString(q) : '0');
const milli = (q: Quantity | undefined) => (q ? quantityMilliValue(q) : 0);
/** Quantity.Value(): rounded up to a whole unit */
const value = (q: Quantity | undefined) => (q ? Math.ceil(quantityValue(q)) : 0);
/** int64(float64 fraction): truncated toward zero */
const pct = (part: number, whole: number) => {
  const f = (part / whole) * 100;
  return Number.isFinite(f) ? Math.trunc(f) : 0;
};

function isHugePage(name: string): boolean {
  return name.startsWith('hugepages-');
}

function isStandardContainerResource(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePage(name);
}

function describeNodeResource(w: PrefixWriter, pods: readonly Pod[], node: Node): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocList = node.status?.allocatable && Object.keys(node.status.allocatable).length > 0 ? node.status.allocatable : (node.status?.capacity ?? {});
  const alloc: ResourceList = new Map();
  addList(alloc, allocList);
  const allocCPU = milli(alloc.get('cpu'));
  const allocMem = value(alloc.get('memory'));
  const totalReqs: ResourceList = new Map();
  const totalLimits: ResourceList = new Map();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cpuReq = reqs.get('cpu');
    const cpuLim = limits.get('cpu');
    const memReq = reqs.get('memory');
    const memLim = limits.get('memory');
    w.write(
      LEVEL_1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name ?? ''}\t\t` +
        `${text(cpuReq)} (${pct(milli(cpuReq), allocCPU)}%)\t${text(cpuLim)} (${pct(milli(cpuLim), allocCPU)}%)\t` +
        `${text(memReq)} (${pct(value(memReq), allocMem)}%)\t${text(memLim)} (${pct(value(memLim), allocMem)}%)\t` +
        `${w.since(pod.metadata.creationTimestamp)}\n`,
    );
    for (const [n, q] of reqs) totalReqs.set(n, totalReqs.has(n) ? addQuantity(totalReqs.get(n) as Quantity, q) : q);
    for (const [n, q] of limits) totalLimits.set(n, totalLimits.has(n) ? addQuantity(totalLimits.get(n) as Quantity, q) : q);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, r: Quantity | undefined, l: Quantity | undefined, whole: number, measure: (q: Quantity | undefined) => number) => {
    const fr = whole !== 0 ? pct(measure(r), whole) : 0;
    const fl = whole !== 0 ? pct(measure(l), whole) : 0;
    w.write(LEVEL_1, `${name}\t${text(r)} (${fr}%)\t${text(l)} (${fl}%)\n`);
  };
  row('cpu', totalReqs.get('cpu'), totalLimits.get('cpu'), allocCPU, milli);
  row('memory', totalReqs.get('memory'), totalLimits.get('memory'), allocMem, value);
  row('ephemeral-storage', totalReqs.get('ephemeral-storage'), totalLimits.get('ephemeral-storage'), value(alloc.get('ephemeral-storage')), value);
  const names = Object.keys(allocList).sort(goStringLess);
  for (const n of names.filter(isHugePage)) row(n, totalReqs.get(n), totalLimits.get(n), value(alloc.get(n)), value);
  for (const n of names.filter((x) => !isStandardContainerResource(x) && x !== 'pods')) {
    w.write(LEVEL_1, `${n}\t${text(totalReqs.get(n))}\t${text(totalLimits.get(n))}\n`);
  }
}

/** findNodeRoles: `node-role.kubernetes.io/<role>` labels and `kubernetes.io/role`, sorted. */
function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') {
      roles.add(v);
    }
  }
  return [...roles].sort(goStringLess);
}

export interface NodeDescribeData {
  /** the node's pods that are neither Succeeded nor Failed; null when listing pods was forbidden */
  pods?: readonly Pod[] | null;
  /** events for the node by uid and by name (uid = node name, as the kubelet records them), merged */
  events?: readonly Event[];
  /** the Lease kube-node-lease/<node>; when absent the Lease block prints `<unset>` values */
  lease?: KubeObject | null;
  /** set when getting the Lease failed: `Lease:  Failed to get lease: <leaseError>` */
  leaseError?: string;
}

export function describeNode(node: Node, data: NodeDescribeData, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    const spec = (node.spec ?? {}) as NonNullable<Node['spec']> & { providerID?: string };
    const status = node.status ?? {};
    w.write(LEVEL_0, `Name:\t${node.metadata.name ?? ''}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${w.time(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (data.leaseError !== undefined) {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: ${data.leaseError}\n`);
    } else {
      const leaseSpec = (data.lease?.spec ?? {}) as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${leaseSpec.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${leaseSpec.acquireTime ? w.time(leaseSpec.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${leaseSpec.renewTime ? w.time(leaseSpec.renewTime) : '<unset>'}\n`);
    }
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${w.time(c.lastHeartbeatTime)} \t${w.time(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printList = (list: Record<string, string>) => {
      for (const name of Object.keys(list).sort(goStringLess)) w.write(LEVEL_0, `  ${name}:\t${quantityText(list[name])}\n`);
    };
    if (status.capacity && Object.keys(status.capacity).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printList(status.capacity);
    }
    if (status.allocatable && Object.keys(status.allocatable).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printList(status.allocatable);
    }
    const info = status.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs && spec.podCIDRs.length > 0) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    if (data.pods === null) w.write(LEVEL_0, 'Pods:\tnot authorized\n');
    else describeNodeResource(w, data.pods ?? [], node);
    maybeEvents(w, data.events ?? []);
  });
}
