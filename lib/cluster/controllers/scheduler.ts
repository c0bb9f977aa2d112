// kube-scheduler, default profile, reduced to what a study cluster shows: it binds each pending
// pod of `default-scheduler` to a feasible node (filters NodeUnschedulable, TaintToleration,
// NodeAffinity, NodeResourcesFit), preferring the node with the fewest pods (ties by name), and
// reports a pod that fits nowhere the way 1.32 does: PodScheduled=False/Unschedulable and a
// FailedScheduling event whose message is the FitError histogram plus the preemption verdict
// (pkg/scheduler/framework/types.go FitError.Error, DefaultPreemption).
//
// One timer drains the whole queue (batch), per-node pod counts and requests are kept
// incrementally from store changes, so 10,000 pods over 100 nodes schedule in one pass.
// Unschedulable pods wait until a node or a pod change could help (or five minutes pass), with
// the scheduler's per-pod back-off (1s doubling to 10s).

import type { KubeObject, Node, Pod, Toleration } from '../../k8s/types';
import { quantityMilliValue, quantityValue } from '../../k8s/quantity';
import { rfc3339 } from '../../k8s/duration';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import { deepEqual } from '../object';

const SCHEDULER_NAME = 'default-scheduler';
/** podMaxInUnschedulablePodsDuration */
const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;
const BACKOFF_INITIAL_MS = 1000;
const BACKOFF_MAX_MS = 10_000;

interface NodeInfo {
  node: Node;
  pods: number;
  /** requested millicores and bytes of the pods assigned to it */
  cpu: number;
  mem: number;
  maxPods: number;
  allocCpu: number;
  allocMem: number;
}

interface Assigned {
  node: string;
  cpu: number;
  mem: number;
}

/** What the filters need of a pod, worked out once per scheduling attempt. */
interface PodFit {
  req: { cpu: number; mem: number };
  tols: Toleration[] | undefined;
  constrained: boolean;
}

interface Waiting {
  attempts: number;
  /** when the last attempt failed */
  at: number;
}

interface SchedulerState {
  v: 1;
  queue: string[];
  waiting: Record<string, Waiting>;
}

/** A failed filter: the reason text and whether preemption could help. */
interface Failure {
  reasons: string[];
  resolvable: boolean;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? 'default'}/${o.metadata.name}`;
}

/** Requests of a pod as the NodeResourcesFit plugin sums them (containers; init containers' max). */
const NO_REQUESTS = Object.freeze({ cpu: 0, mem: 0 });

export function podRequests(pod: Pod): { cpu: number; mem: number } {
  let any = false;
  for (const c of pod.spec.containers ?? []) if (c.resources?.requests || c.resources?.limits) any = true;
  if (!any && !pod.spec.initContainers?.length) return NO_REQUESTS;
  let cpu = 0;
  let mem = 0;
  const get = (r: Record<string, string> | undefined, k: string, milli: boolean): number => {
    const v = r?.[k];
    if (!v) return 0;
    try {
      return milli ? quantityMilliValue(v) : quantityValue(v);
    } catch {
      return 0;
    }
  };
  for (const c of pod.spec.containers ?? []) {
    const req = c.resources?.requests ?? c.resources?.limits;
    cpu += get(req, 'cpu', true);
    mem += get(req, 'memory', false);
  }
  for (const c of pod.spec.initContainers ?? []) {
    const req = c.resources?.requests ?? c.resources?.limits;
    cpu = Math.max(cpu, get(req, 'cpu', true));
    mem = Math.max(mem, get(req, 'memory', false));
  }
  return { cpu, mem };
}

function tolerates(tols: Toleration[] | undefined, taint: Toleration): boolean {
  for (const t of tols ?? []) {
    if (t.effect && t.effect !== taint.effect) continue;
    if (t.operator === 'Exists') {
      if (!t.key || t.key === taint.key) return true;
      continue;
    }
    if (t.key === taint.key && (t.value ?? '') === (taint.value ?? '')) return true;
  }
  return false;
}

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}

function matchRequirement(labels: Record<string, string>, r: NodeSelectorRequirement): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
      return has && (r.values ?? []).includes(v);
    case 'NotIn':
      return !has || !(r.values ?? []).includes(v);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const a = Number(v);
      const b = Number((r.values ?? [])[0]);
      if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
  }
  return false;
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (NodeAffinity filter). */
function matchesAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const sel = pod.spec.nodeSelector;
  if (sel) for (const [k, v] of Object.entries(sel)) if (labels[k] !== v) return false;
  const aff = (pod.spec as { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }[] } } } }).affinity;
  const terms = aff?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && terms.length) {
    const fields = { 'metadata.name': node.metadata.name ?? '' };
    const ok = terms.some((t) => {
      const exprs = t.matchExpressions ?? [];
      const fs = t.matchFields ?? [];
      if (!exprs.length && !fs.length) return false;
      return exprs.every((r) => matchRequirement(labels, r)) && fs.every((r) => matchRequirement(fields, r));
    });
    if (!ok) return false;
  }
  return true;
}

export function createScheduler(): Controller {
  return new Scheduler();
}

class Scheduler implements Controller {
  readonly name = 'scheduler';
  private host!: ControllerHost;
  private nodes = new Map<string, NodeInfo>();
  private sortedNodes: NodeInfo[] = [];
  private assigned = new Map<string, Assigned>(); // pod uid → where it counts
  private queue = new Set<string>();
  private waiting = new Map<string, Waiting>();
  private saved?: SchedulerState;
  private unsubscribe?: () => void;

  start(host: ControllerHost, restored: boolean): void {
    this.host = host;
    this.unsubscribe?.();
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    this.nodes.clear();
    this.assigned.clear();
    for (const n of host.store.all<Node>('nodes')) this.setNode(n);
    this.sortNodes();
    if (restored && this.saved) {
      for (const k of this.saved.queue) this.queue.add(k);
      for (const [k, w] of Object.entries(this.saved.waiting)) this.waiting.set(k, w);
      this.saved = undefined;
    }
    for (const pod of host.store.all<Pod>('pods')) this.observePod(pod, false);
    if (this.queue.size) host.schedule(this, host.config.latency.scheduler, 'schedule');
  }

  fire(key: string): void {
    if (key === 'schedule') this.scheduleAll();
    else if (key === 'flush') this.flushUnschedulable(true);
  }

  save(): SchedulerState {
    return { v: 1, queue: [...this.queue], waiting: Object.fromEntries(this.waiting) };
  }

  load(state: unknown): void {
    const s = state as SchedulerState;
    if (s && s.v === 1) this.saved = JSON.parse(JSON.stringify(s)) as SchedulerState;
  }

  // ------------------------------------------------------------------------------------------
  // cache

  private setNode(n: Node): void {
    const name = n.metadata.name!;
    const prev = this.nodes.get(name);
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    const num = (v: string | undefined, milli: boolean, dflt: number) => {
      if (!v) return dflt;
      try {
        return milli ? quantityMilliValue(v) : quantityValue(v);
      } catch {
        return dflt;
      }
    };
    const info: NodeInfo = prev ?? { node: n, pods: 0, cpu: 0, mem: 0, maxPods: 110, allocCpu: Infinity, allocMem: Infinity };
    info.node = n;
    info.maxPods = num(alloc.pods, false, 110);
    info.allocCpu = num(alloc.cpu, true, Infinity);
    info.allocMem = num(alloc.memory, false, Infinity);
    if (!prev) this.nodes.set(name, info);
  }

  private sortNodes(): void {
    this.sortedNodes = [...this.nodes.values()].sort((a, b) => (a.node.metadata.name! < b.node.metadata.name! ? -1 : 1));
  }

  private observe(e: ChangeEvent): void {
    if (e.resource === 'nodes') {
      const n = e.object as Node;
      if (e.type === 'DELETED') {
        this.nodes.delete(n.metadata.name!);
        this.sortNodes();
        return;
      }
      const old = e.old as Node | undefined;
      this.setNode(n);
      if (e.type === 'ADDED') this.sortNodes();
      // only a change that could make a pod fit moves the unschedulable ones (queueing hints)
      const helps =
        e.type === 'ADDED' ||
        !old ||
        !deepEqual(old.metadata.labels, n.metadata.labels) ||
        !deepEqual(old.spec?.taints, n.spec?.taints) ||
        !!old.spec?.unschedulable !== !!n.spec?.unschedulable ||
        !deepEqual(old.status?.allocatable, n.status?.allocatable);
      if (helps) this.flushUnschedulable(false);
      return;
    }
    if (e.resource !== 'pods') return;
    const pod = e.object as Pod;
    if (e.type === 'DELETED') {
      const freed = this.unassign(pod.metadata.uid!);
      const k = keyOf(pod);
      this.queue.delete(k);
      this.waiting.delete(k);
      if (freed) this.flushUnschedulable(false);
      return;
    }
    this.observePod(pod, true);
  }

  private observePod(pod: Pod, live: boolean): void {
    const uid = pod.metadata.uid!;
    const phase = pod.status?.phase;
    const terminal = phase === 'Succeeded' || phase === 'Failed';
    const nodeName = pod.spec.nodeName;
    if (nodeName) {
      // the hot path: a status write of a pod already counted
      if (!terminal && this.assigned.has(uid)) return;
      if (this.queue.size || this.waiting.size) {
        const k = keyOf(pod);
        this.queue.delete(k);
        this.waiting.delete(k);
      }
      if (terminal) {
        if (this.unassign(uid) && live) this.flushUnschedulable(false);
      } else {
        this.assign(uid, nodeName, podRequests(pod));
      }
      return;
    }
    if ((pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) return;
    if (pod.metadata.deletionTimestamp || terminal) return;
    const k = keyOf(pod);
    if (this.queue.has(k) || this.waiting.has(k)) return;
    this.queue.add(k);
    if (live) this.host.schedule(this, this.host.config.latency.scheduler, 'schedule');
  }

  private assign(uid: string, node: string, req: { cpu: number; mem: number }): void {
    this.assigned.set(uid, { node, cpu: req.cpu, mem: req.mem });
    const info = this.nodes.get(node);
    if (info) {
      info.pods++;
      info.cpu += req.cpu;
      info.mem += req.mem;
    }
  }

  private unassign(uid: string): boolean {
    const a = this.assigned.get(uid);
    if (!a) return false;
    this.assigned.delete(uid);
    const info = this.nodes.get(a.node);
    if (info) {
      info.pods--;
      info.cpu -= a.cpu;
      info.mem -= a.mem;
    }
    return true;
  }

  /**
   * Unschedulable pods go back to the queue after their back-off: all of them when the cluster
   * changed in a way that could help, or (periodic) those that waited five minutes.
   */
  private flushUnschedulable(periodic: boolean): void {
    if (!this.waiting.size) return;
    const now = this.host.now();
    let soonest = Infinity;
    let moved = false;
    let oldestLeft = Infinity;
    for (const [k, w] of [...this.waiting]) {
      if (periodic && now - w.at < UNSCHEDULABLE_FLUSH_MS) {
        oldestLeft = Math.min(oldestLeft, w.at);
        continue;
      }
      const backoff = Math.min(BACKOFF_INITIAL_MS * 2 ** Math.max(0, w.attempts - 1), BACKOFF_MAX_MS);
      soonest = Math.min(soonest, Math.max(0, w.at + backoff - now));
      this.queue.add(k);
      this.waiting.delete(k);
      moved = true;
    }
    if (moved) this.host.schedule(this, Math.max(this.host.config.latency.scheduler, soonest), 'schedule');
    if (oldestLeft !== Infinity) this.host.schedule(this, oldestLeft + UNSCHEDULABLE_FLUSH_MS - now, 'flush');
  }

  // ------------------------------------------------------------------------------------------
  // scheduling

  private scheduleAll(): void {
    const host = this.host;
    const keys = [...this.queue];
    this.queue.clear();
    for (const k of keys) {
      const slash = k.indexOf('/');
      const pod = host.store.find<Pod>('pods', k.slice(0, slash), k.slice(slash + 1));
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) continue;
      if ((pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME) continue;
      this.scheduleOne(pod);
    }
  }

  private scheduleOne(pod: Pod): void {
    const req = podRequests(pod);
    const ctx: PodFit = {
      req,
      tols: pod.spec.tolerations,
      constrained: !!pod.spec.nodeSelector || !!(pod.spec as { affinity?: unknown }).affinity,
    };
    let best: NodeInfo | undefined;
    const failures = new Map<string, Failure>();
    for (const info of this.sortedNodes) {
      const f = this.filter(pod, info, ctx);
      if (f) {
        failures.set(info.node.metadata.name!, f);
        continue;
      }
      // the fewest pods wins (LeastAllocated-like spreading); ties go to the first name
      if (!best || info.pods < best.pods) best = info;
    }
    if (best) this.bind(pod, best, req);
    else this.unschedulable(pod, failures);
  }

  /** The default profile's filters, in order; the first that fails names the reason. */
  private filter(pod: Pod, info: NodeInfo, ctx: PodFit): Failure | undefined {
    const node = info.node;
    const spec = node.spec;
    if (spec) {
      if (spec.unschedulable && !tolerates(ctx.tols, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) {
        return { reasons: ['node(s) were unschedulable'], resolvable: false };
      }
      if (spec.taints) {
        for (const t of spec.taints) {
          if (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') continue;
          if (!tolerates(ctx.tols, t)) return { reasons: [`node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`], resolvable: false };
        }
      }
    }
    if (ctx.constrained && !matchesAffinity(pod, node)) return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
    const req = ctx.req;
    if (info.pods + 1 > info.maxPods || (req.cpu > 0 && info.cpu + req.cpu > info.allocCpu) || (req.mem > 0 && info.mem + req.mem > info.allocMem)) {
      const reasons: string[] = [];
      if (info.pods + 1 > info.maxPods) reasons.push('Too many pods');
      if (req.cpu > 0 && info.cpu + req.cpu > info.allocCpu) reasons.push('Insufficient cpu');
      if (req.mem > 0 && info.mem + req.mem > info.allocMem) reasons.push('Insufficient memory');
      return { reasons, resolvable: true };
    }
    return undefined;
  }

  private bind(pod: Pod, info: NodeInfo, req: { cpu: number; mem: number }): void {
    const host = this.host;
    const nodeName = info.node.metadata.name!;
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
      target: { apiVersion: 'v1', kind: 'Node', name: nodeName },
    };
    try {
      host.store.update('pods', pod.metadata.namespace, binding, { subresource: 'binding' });
    } catch {
      return; // gone, being deleted, or bound by someone else meanwhile
    }
    if (!this.assigned.has(pod.metadata.uid!)) this.assign(pod.metadata.uid!, nodeName, req);
    this.waiting.delete(keyOf(pod));
    host.events.record(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${nodeName}`,
      { component: SCHEDULER_NAME },
      { action: 'Binding', reportingInstance: this.reportingInstance() },
    );
  }

  /** `default-scheduler-<hostname>`: the scheduler runs on the control-plane node. */
  private reportingInstance(): string {
    const cp = this.host.config.nodes.find((n) => n.roles?.includes('control-plane')) ?? this.host.config.nodes[0];
    return `${SCHEDULER_NAME}-${cp?.name ?? ''}`;
  }

  private unschedulable(pod: Pod, failures: Map<string, Failure>): void {
    const host = this.host;
    const now = host.now();
    const message = fitErrorMessage(this.nodes.size, failures);
    const conditions = [...(pod.status?.conditions ?? [])];
    const i = conditions.findIndex((c) => c.type === 'PodScheduled');
    const prev = i >= 0 ? conditions[i] : undefined;
    const cond = {
      type: 'PodScheduled',
      status: 'False' as const,
      lastProbeTime: null,
      lastTransitionTime: prev && prev.status === 'False' ? prev.lastTransitionTime : rfc3339(now),
      reason: 'Unschedulable',
      message,
    };
    if (i >= 0) conditions[i] = cond;
    else conditions.push(cond);
    // parked before the status write, so the write's own change event does not requeue it
    const k = keyOf(pod);
    const w = this.waiting.get(k);
    this.waiting.set(k, { attempts: (w?.attempts ?? 0) + 1, at: now });
    if (!deepEqual(prev, cond)) {
      try {
        host.store.update('pods', pod.metadata.namespace, { ...pod, status: { ...pod.status, conditions } }, { subresource: 'status', owned: true });
      } catch {
        this.waiting.delete(k);
        return;
      }
    }
    host.events.record(pod, 'Warning', 'FailedScheduling', message, { component: SCHEDULER_NAME }, { action: 'Scheduling', reportingInstance: this.reportingInstance() });
    host.schedule(this, UNSCHEDULABLE_FLUSH_MS, 'flush');
  }
}

/**
 * FitError.Error() with the DefaultPreemption post-filter message:
 * `0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption:
 * 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`
 */
export function fitErrorMessage(numNodes: number, failures: Map<string, Failure>): string {
  if (numNodes === 0) return 'no nodes available to schedule pods';
  const hist = new Map<string, number>();
  const pre = new Map<string, number>();
  for (const f of failures.values()) {
    for (const r of f.reasons) hist.set(r, (hist.get(r) ?? 0) + 1);
    const p = f.resolvable ? 'No preemption victims found for incoming pod' : 'Preemption is not helpful for scheduling';
    pre.set(p, (pre.get(p) ?? 0) + 1);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${numNodes} nodes are available: ${sorted(hist).join(', ')}. preemption: 0/${numNodes} nodes are available: ${sorted(pre).join(', ')}.`;
}
