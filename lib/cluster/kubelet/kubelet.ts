// The kubelet of every simulated node: registers the Node objects, runs the pods bound to them
// through the container runtime, and reports their status the way kubelet 1.32 does.
//
// A pod sync works like the real pod worker (pkg/kubelet/pod_workers.go, kubelet.go SyncPod,
// kuberuntime_manager.go SyncPod): the status is generated at the start of a sync from what the
// runtime shows plus the errors the previous sync left (the reasonCache), then the sync creates
// the sandbox and starts the containers that need starting, step by step through the stage
// table (stages.ts), taking virtual time. The PLEG relist (every second) notices what changed and
// triggers the next sync, which reports it; a failed sync is retried after the worker back-off.
// So the timeline is the real one: ContainerCreating (no IP) → Running with the IP, ErrImagePull
// then ImagePullBackOff, Completed then CrashLoopBackOff, Terminating then gone.
//
// Everything pending is a timer (`sync`, `step`, `exit`, `delete`, `node-status`) and all state
// is plain JSON (save/load), so a snapshot resumes mid-pull with the same ids.

import type { ContainerStatus, KubeObject, Node, Pod, PodCondition, PodStatus, Probe, Toleration, Container, ContainerState, ContainerStateTerminated } from '../../k8s/types';
import { goDurationString, rfc3339, rfc3339Micro } from '../../k8s/duration';
import { fnv32a } from '../../k8s/hash';
import type { Controller, ControllerHost, NodeConfig } from '../controller';
import type { ChangeEvent } from '../store';
import { deepEqual } from '../object';
import type { ImageEntry } from './images';
import { FAILED_PULL_MS, lookupImage, pullError } from './images';
import { ContainerRuntime, NODE_KERNEL, RUNTIME_VERSION } from './runtime';
import { execInContainer } from './exec';
import { clusterNetwork } from './network';
import { containerEnv } from './env';
import type { RuntimeState } from './runtime';
import type { BackoffEntry, Stage, StageEvent, StageFacts, StageStep } from './stages';
import { backoffNext, inBackoffSince, inBackoffSinceUpdate, render, selectStage, stageByName, TIMING } from './stages';

/** Programs that, as a container's main process, run once over the network and exit. */
const NETWORK_CLIENTS = new Set(['curl', 'wget']);

/** A uuid-shaped id derived from another object's uid (no randomness consumed). */
function derivedUid(base: string, salt: string): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += fnv32a(`${base}/${salt}/${i}`).toString(16).padStart(8, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The kubelet's node lease (pkg/kubelet/nodelease): 40 s duration, renewed every quarter of it. */
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const NODE_LEASE_DURATION_S = 40;
export const NODE_LEASE_RENEW_MS = 10_000;

export interface Kubelet extends Controller {
  readonly name: 'kubelet';
  /** containers, images, logs, files and HTTP of every node */
  readonly runtime: ContainerRuntime;
  /**
   * The container's main process exits now with `code` (an attached shell typed `exit`, as
   * after `kubectl run -it … -- sh`); the kubelet then restarts it or finishes the pod as its
   * restartPolicy says.
   */
  endMainProcess(namespace: string, pod: string, container: string, code: number): void;
}

/** Per container: what the kubelet remembers between syncs. */
interface ContainerMemory {
  /** the next attempt number (docker name suffix; restartCount of the next container) */
  n: number;
  /** reasonCache: why the last start failed (the next status shows it as waiting) */
  why?: { reason: string; message: string };
  /** restart back-off */
  crash?: BackoffEntry;
  /** readiness probe: when the container became (or becomes) ready; -1 never */
  readyAt?: number;
}

/** A sync in progress. */
interface SyncCursor {
  /** containers still to start this sync, spec order */
  queue: string[];
  /** the container being started */
  cur?: string;
  step: StageStep;
  /** the stage whose delay is running */
  stage?: string;
  begun: number;
  pull?: { requested: number; start: number; end: number };
  /** the container created this sync for `cur` */
  cid?: string;
  /** the runtime changed (the PLEG will notice) */
  changed: boolean;
  /** a container failed to start with a real error (the pod worker backs off 10s) */
  failed: boolean;
  /** a container waits out its restart back-off: when it may start again */
  crashRetryAt?: number;
  /** a container waits out its image pull back-off */
  pullBackoff?: boolean;
}

interface PodMemory {
  key: string;
  ns: string;
  name: string;
  uid: string;
  node: string;
  startTime?: number;
  c: Record<string, ContainerMemory>;
  /** image pull back-off by image */
  pullBackoff?: Record<string, BackoffEntry>;
  /** the last pull error by image, for the back-off message */
  pullErr?: Record<string, string>;
  sync?: SyncCursor;
  /** a sync was asked for while one ran */
  pending?: boolean;
  /** termination began (deletion) */
  term?: number;
  /** terminal status written; the API delete is due */
  finished?: boolean;
}

interface KubeletState {
  v: 1;
  pods: PodMemory[];
  /** node → image key → when the pull in flight ends */
  inflight: Record<string, Record<string, number>>;
  runtime: RuntimeState;
}

let memoMs = NaN;
let memoTs = '';
/** rfc3339 of the same instant is asked for many times in a batch. */
function ts(ms: number): string {
  if (ms !== memoMs) {
    memoMs = ms;
    memoTs = rfc3339(ms);
  }
  return memoTs;
}

function podKey(ns: string, name: string): string {
  return `${ns}/${name}`;
}

/** Stable per-node phase of the PLEG relist ticks. */
function tickPhase(node: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < node.length; i++) h = Math.imul(h ^ node.charCodeAt(i), 0x01000193) >>> 0;
  return h % TIMING.relistMs;
}

export function createKubelet(): Kubelet {
  return new KubeletController();
}

class KubeletController implements Kubelet {
  readonly name = 'kubelet' as const;
  readonly runtime = new ContainerRuntime();
  private host!: ControllerHost;
  private nodes = new Map<string, NodeConfig>();
  private pods = new Map<string, PodMemory>();
  private byUid = new Map<string, string>();
  private inflight: Record<string, Record<string, number>> = {};
  private saved?: KubeletState;
  private unsubscribe?: () => void;

  // ------------------------------------------------------------------------------------------
  // Controller

  start(host: ControllerHost, restored: boolean): void {
    this.host = host;
    this.nodes = new Map(host.config.nodes.map((n) => [n.name, n]));
    this.runtime.init({ kind: host.config.runtime, nodes: host.config.nodes, now: () => host.now(), rand: host.rand });
    this.runtime.onExternalChange = (uid) => {
      const key = this.byUid.get(uid);
      const p = key ? this.pods.get(key) : undefined;
      if (p) this.relist(p);
    };
    this.runtime.waitingReason = (uid, container) => {
      const key = this.byUid.get(uid);
      const p = key ? this.pods.get(key) : undefined;
      const pod = p ? host.store.find<Pod>('pods', p.ns, p.name) : undefined;
      return pod?.status?.containerStatuses?.find((s) => s.name === container)?.state?.waiting?.reason;
    };
    this.unsubscribe?.();
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    if (restored && this.saved) {
      this.runtime.load(this.saved.runtime);
      this.inflight = this.saved.inflight;
      for (const p of this.saved.pods) {
        this.pods.set(p.key, p);
        this.byUid.set(p.uid, p.key);
      }
      this.saved = undefined;
    } else if (!restored) {
      for (const n of host.config.nodes) this.registerNode(n);
    }
    // pods bound before we watched (a restore without kubelet state, or pods created with nodeName)
    for (const pod of host.store.all<Pod>('pods')) this.track(pod);
  }

  fire(key: string, target: string): void {
    switch (key) {
      case 'sync': {
        const p = this.pods.get(target);
        if (p) this.syncPod(p);
        return;
      }
      case 'step': {
        const p = this.pods.get(target);
        if (p?.sync?.stage) this.finishStage(p, stageByName(p.sync.stage));
        return;
      }
      case 'exit':
        this.containerExited(target);
        return;
      case 'delete': {
        const p = this.pods.get(target);
        if (p?.finished) this.deleteFromAPI(p);
        return;
      }
      case 'node-status':
        this.updateNodeStatus(target);
        return;
      case 'lease':
        this.renewLease(target);
        return;
    }
  }

  save(): KubeletState {
    return { v: 1, pods: [...this.pods.values()], inflight: this.inflight, runtime: this.runtime.toJSON() };
  }

  load(state: unknown): void {
    const s = state as KubeletState;
    if (s && s.v === 1) this.saved = JSON.parse(JSON.stringify(s)) as KubeletState;
  }

  // ------------------------------------------------------------------------------------------
  // Node registration

  private registerNode(cfg: NodeConfig): void {
    const host = this.host;
    if (host.store.find('nodes', undefined, cfg.name)) return;
    const now = rfc3339(host.now());
    const docker = host.config.runtime === 'docker';
    const roles = cfg.roles ?? [];
    const labels: Record<string, string> = {
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': cfg.name,
      'kubernetes.io/os': 'linux',
    };
    for (const r of roles) labels[`node-role.kubernetes.io/${r}`] = '';
    if (roles.includes('control-plane')) labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
    Object.assign(labels, cfg.labels ?? {});
    // kubeadm/kind taint a control-plane node when there are workers to run the pods
    const taints: Toleration[] | undefined =
      roles.includes('control-plane') && host.config.nodes.length > 1 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : undefined;
    const capacity = {
      cpu: '8',
      'ephemeral-storage': '61202244Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: '8024636Ki',
      pods: '110',
      ...(cfg.capacity ?? {}),
    };
    const allocatable = {
      ...capacity,
      'ephemeral-storage': cfg.capacity?.['ephemeral-storage'] ?? '56403987978',
      memory: cfg.capacity?.memory ?? '7922236Ki',
    };
    const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
    const rand = host.rand;
    const node: Node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: cfg.name,
        labels,
        annotations: {
          'kubeadm.alpha.kubernetes.io/cri-socket': docker ? 'unix:///var/run/cri-dockerd.sock' : 'unix:///run/containerd/containerd.sock',
          'node.alpha.kubernetes.io/ttl': '0',
          'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
        },
      },
      spec: taints ? { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR], taints } : { podCIDR: cfg.podCIDR, podCIDRs: [cfg.podCIDR] },
      status: {
        capacity,
        allocatable,
        conditions: [
          cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        addresses: [
          { type: 'InternalIP', address: cfg.internalIP },
          { type: 'Hostname', address: cfg.name },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          machineID: rand.hex(32),
          systemUUID: rand.uuid(),
          bootID: rand.uuid(),
          kernelVersion: NODE_KERNEL.release,
          osImage: docker ? 'Docker Desktop' : 'Debian GNU/Linux 12 (bookworm)',
          containerRuntimeVersion: RUNTIME_VERSION[host.config.runtime],
          kubeletVersion: host.config.version.gitVersion,
          kubeProxyVersion: host.config.version.gitVersion,
          operatingSystem: 'linux',
          architecture: 'amd64',
        },
        images: this.runtime.nodeImages(cfg.name),
      },
    };
    host.store.create('nodes', undefined, node, { owned: true });
    // The node's heartbeat Lease comes right after registration (once kube-node-lease exists).
    host.schedule(this, 0, 'lease', cfg.name);
  }

  /**
   * The node's heartbeat Lease (kubelet nodelease controller): created owned by the node, then
   * renewed every 10 s (a quarter of its 40 s duration); `kubectl describe node` prints its
   * holder and renew time.
   */
  private renewLease(name: string): void {
    const store = this.host.store;
    const node = store.find<Node>('nodes', undefined, name);
    if (!node) return;
    const renewTime = rfc3339Micro(this.host.now());
    const lease = store.find<KubeObject & { spec?: Record<string, unknown> }>('leases', NODE_LEASE_NAMESPACE, name);
    try {
      // (not `owned`: the stored lease is frozen and shared with the copy passed in)
      if (lease) store.update('leases', NODE_LEASE_NAMESPACE, { ...lease, spec: { ...lease.spec, renewTime } });
      else {
        store.create(
          'leases',
          NODE_LEASE_NAMESPACE,
          {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name, namespace: NODE_LEASE_NAMESPACE, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
            spec: { holderIdentity: name, leaseDurationSeconds: NODE_LEASE_DURATION_S, renewTime },
          },
          { owned: true, uid: derivedUid(node.metadata.uid!, 'lease') },
        );
      }
    } catch {
      // the namespace or lease changed under us: the next tick tries again
    }
    this.host.schedule(this, NODE_LEASE_RENEW_MS, 'lease', name);
  }

  private updateNodeStatus(name: string): void {
    const node = this.host.store.find<Node>('nodes', undefined, name);
    if (!node?.status) return;
    const images = this.runtime.nodeImages(name);
    if (deepEqual(images, node.status.images)) return;
    const now = rfc3339(this.host.now());
    const status = { ...node.status, conditions: (node.status.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: now })), images };
    try {
      this.host.store.update('nodes', undefined, { ...node, status }, { subresource: 'status', owned: true });
    } catch {
      // the node went away
    }
  }

  // ------------------------------------------------------------------------------------------
  // Watching pods

  private observe(e: ChangeEvent): void {
    if (e.resource !== 'pods') return;
    const pod = e.object as Pod;
    const key = podKey(pod.metadata.namespace ?? 'default', pod.metadata.name ?? '');
    if (e.type === 'DELETED') {
      const p = this.pods.get(key);
      if (p && p.uid === pod.metadata.uid) this.forget(p);
      return;
    }
    const p = this.pods.get(key);
    if (p && p.uid === pod.metadata.uid) {
      const old = e.old as Pod | undefined;
      const dt = pod.metadata.deletionTimestamp;
      if (dt && (!old?.metadata.deletionTimestamp || old.metadata.deletionGracePeriodSeconds !== pod.metadata.deletionGracePeriodSeconds)) {
        this.requestSync(p, this.host.config.latency.kubelet);
      }
      return;
    }
    this.track(pod);
  }

  /** Starts looking after a pod bound to one of our nodes. */
  private track(pod: Pod): void {
    const node = pod.spec?.nodeName;
    if (!node || !this.nodes.has(node)) return;
    const ns = pod.metadata.namespace ?? 'default';
    const key = podKey(ns, pod.metadata.name ?? '');
    const existing = this.pods.get(key);
    if (existing) {
      if (existing.uid === pod.metadata.uid) return;
      this.forget(existing);
    }
    const p: PodMemory = { key, ns, name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '', node, c: {} };
    for (const c of pod.spec.containers) p.c[c.name] = { n: 0 };
    this.pods.set(key, p);
    this.byUid.set(p.uid, key);
    this.requestSync(p, this.host.config.latency.kubelet);
  }

  /** The pod is gone from the API: kill what is left, free the IP, forget it. */
  private forget(p: PodMemory): void {
    const now = this.host.now();
    for (const c of this.runtime.containersOf(p.uid)) if (c.state === 'running') this.runtime.markExited(c.id, 137, now);
    this.runtime.removePod(p.uid);
    this.host.cancel(this, 'sync', p.key);
    this.host.cancel(this, 'step', p.key);
    this.host.cancel(this, 'delete', p.key);
    this.pods.delete(p.key);
    if (this.byUid.get(p.uid) === p.key) this.byUid.delete(p.uid);
  }

  private requestSync(p: PodMemory, delayMs: number): void {
    this.host.schedule(this, delayMs, 'sync', p.key);
  }

  /** The PLEG notices runtime changes on its next relist tick. */
  private relist(p: PodMemory): void {
    const now = this.host.now();
    const phase = tickPhase(p.node);
    const since = (((now - phase) % TIMING.relistMs) + TIMING.relistMs) % TIMING.relistMs;
    this.requestSync(p, TIMING.relistMs - since);
  }

  // ------------------------------------------------------------------------------------------
  // The pod sync

  private syncPod(p: PodMemory): void {
    const host = this.host;
    const pod = host.store.find<Pod>('pods', p.ns, p.name);
    if (!pod || pod.metadata.uid !== p.uid) {
      this.forget(p);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(p, pod);
      return;
    }
    if (p.term !== undefined) return;
    if (p.sync) {
      p.pending = true;
      return;
    }
    const now = host.now();
    if (p.startTime === undefined) p.startTime = now;
    let status = this.generateStatus(p, pod, false);
    const current = this.writeStatus(pod, status);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      // a finished pod (restartPolicy Never/OnFailure): the sandbox goes, the IP is free
      const sb = this.runtime.podSandbox(p.uid);
      if (sb && sb.state === 'ready') {
        this.runtime.stopSandbox(sb.id);
        status = this.generateStatus(p, current, false);
        this.writeStatus(current, status);
      }
      return;
    }
    const { sandbox, start } = this.computeActions(p, pod);
    if (!sandbox && !start.length) return;
    p.sync = { queue: start, step: sandbox ? 'sandbox' : 'backoff', begun: now, changed: false, failed: false };
    if (!sandbox) p.sync.cur = undefined;
    this.advance(p);
  }

  /** computePodActions: a sandbox if there is none, then the containers that must (re)start. */
  private computeActions(p: PodMemory, pod: Pod): { sandbox: boolean; start: string[] } {
    const sb = this.runtime.podSandbox(p.uid);
    const sandbox = !sb || sb.state !== 'ready' || !!sb.removed;
    const policy = pod.spec.restartPolicy ?? 'Always';
    const start: string[] = [];
    for (const c of pod.spec.containers) {
      const list = this.runtime.containersOf(p.uid, c.name);
      const cur = list[list.length - 1];
      const mem = (p.c[c.name] ??= { n: 0 });
      if (sandbox && cur?.state === 'running') {
        // a new sandbox means new containers: the old ones die with the old network
        this.runtime.markExited(cur.id, 137, this.host.now());
      }
      if (!cur) {
        if (policy === 'Never' && mem.n > 0) continue;
        start.push(c.name);
        continue;
      }
      if (cur.state === 'running' && !sandbox) continue;
      if (cur.state === 'created') {
        this.runtime.dropContainer(cur.id);
        start.push(c.name);
        continue;
      }
      const code = cur.exitCode ?? 0;
      if (policy === 'Always' || (policy === 'OnFailure' && code !== 0)) start.push(c.name);
    }
    return { sandbox, start };
  }

  private specContainer(pod: Pod, name: string): Container | undefined {
    const cs = pod.spec.containers;
    for (let i = 0; i < cs.length; i++) if (cs[i].name === name) return cs[i];
    return undefined;
  }

  /** Runs the sync's stages until one has to wait, or the sync is over. */
  private advance(p: PodMemory): void {
    const host = this.host;
    for (;;) {
      const s = p.sync;
      if (!s) return;
      const pod = host.store.find<Pod>('pods', p.ns, p.name);
      if (!pod || pod.metadata.uid !== p.uid) {
        this.forget(p);
        return;
      }
      let stage: Stage;
      if (s.step === 'sandbox') {
        stage = selectStage('sandbox', {});
      } else {
        if (!s.cur) {
          const next = s.queue.shift();
          if (next === undefined) {
            this.endSync(p);
            return;
          }
          s.cur = next;
          s.step = 'backoff';
          s.cid = undefined;
          s.pull = undefined;
        }
        const spec = this.specContainer(pod, s.cur);
        if (!spec) {
          s.cur = undefined;
          continue;
        }
        stage = selectStage(s.step, this.facts(p, pod, spec, s.step));
      }
      const now = host.now();
      s.begun = now;
      const delay = this.beginStage(p, pod, stage);
      if (delay > 0) {
        s.stage = stage.name;
        host.schedule(this, delay, 'step', p.key);
        return;
      }
      this.completeStage(p, pod, stage);
    }
  }

  /** The stage's delay is over (a `step` timer). */
  private finishStage(p: PodMemory, stage: Stage): void {
    const pod = this.host.store.find<Pod>('pods', p.ns, p.name);
    if (!pod || pod.metadata.uid !== p.uid) {
      this.forget(p);
      return;
    }
    if (p.sync) p.sync.stage = undefined;
    this.completeStage(p, pod, stage);
    this.advance(p);
  }

  private facts(p: PodMemory, pod: Pod, spec: Container, step: StageStep): Partial<StageFacts> {
    const now = this.host.now();
    if (step === 'backoff') {
      const list = this.runtime.containersOf(p.uid, spec.name);
      const last = list[list.length - 1];
      const mem = p.c[spec.name];
      const crash = !!last && last.state === 'exited' && inBackoffSince(mem?.crash, last.finishedAt ?? now, now, TIMING.crashBackoffMaxMs);
      return { crashBackoff: crash };
    }
    if (step === 'image') {
      const image = spec.image ?? '';
      const found = lookupImage(image);
      const policy = spec.imagePullPolicy ?? 'IfNotPresent';
      if (!found.ok && found.kind === 'invalid') return { imageValid: false, pullPolicy: policy };
      const present = found.ok && this.runtime.hasImage(p.node, found.image);
      return {
        imageValid: true,
        imagePresent: present,
        pullPolicy: policy,
        pullBackoff: inBackoffSinceUpdate(p.pullBackoff?.[image], now, TIMING.pullBackoffMaxMs),
        pullable: found.ok,
      };
    }
    if (step === 'start') {
      const proc = p.sync?.cid ? this.runtime.process(p.sync.cid) : undefined;
      return { executable: !!proc && proc.kind !== 'missing' };
    }
    return {};
  }

  /** Begin-events and the stage's delay. */
  private beginStage(p: PodMemory, pod: Pod, stage: Stage): number {
    const s = p.sync!;
    const now = this.host.now();
    const spec = s.cur ? this.specContainer(pod, s.cur) : undefined;
    let delay = 0;
    if (typeof stage.delay === 'number') delay = stage.delay;
    else if (stage.delay.from === 'pull' || stage.delay.from === 'failed-pull') {
      const found = lookupImage(spec?.image ?? '');
      let duration: number;
      if (stage.delay.from === 'failed-pull') {
        duration = !found.ok && found.kind === 'tag' ? FAILED_PULL_MS.tag : FAILED_PULL_MS.repository;
      } else {
        const img = (found as { image: ImageEntry }).image;
        const key = this.runtime.imageKey(img);
        const cached = this.runtime.hasImage(p.node, img) || (this.inflight[p.node]?.[key] ?? -1) >= 0;
        duration = cached ? img.repullMs : img.pullMs;
      }
      const w = this.runtime.queuePull(p.node, now, duration);
      s.pull = { requested: now, start: w.start, end: w.end };
      if (stage.delay.from === 'pull') {
        const img = (found as { image: ImageEntry }).image;
        (this.inflight[p.node] ??= {})[this.runtime.imageKey(img)] = w.end;
      }
      delay = w.end - now;
    }
    const begin = eventsOf(stage).begin;
    if (begin.length) {
      const vars = this.vars(p, pod, spec);
      for (const ev of begin) this.event(p, pod, spec, ev.type, ev.reason, render(ev.message, vars));
    }
    return delay;
  }

  /** Template variables for a stage's messages. */
  private vars(p: PodMemory, pod: Pod, spec: Container | undefined): Record<string, string | number | undefined> {
    const s = p.sync;
    const image = spec?.image ?? '';
    const found = spec ? lookupImage(image) : undefined;
    // every variable has its place from the start (undefined until set): one shape, no growth
    const v: Record<string, string | number | undefined> = {
      container: spec?.name,
      image,
      imageQ: quoted(image),
      podRef: `${p.name}_${p.ns}(${p.uid})`,
      imageError: undefined,
      pullError: undefined,
      size: undefined,
      pullTime: undefined,
      pullTotal: undefined,
      backoff: undefined,
      prevPullError: undefined,
      startError: undefined,
    };
    if (found && !found.ok) {
      if (found.kind === 'invalid') v.imageError = found.error;
      else if (found.ref) v.pullError = pullError(image, this.host.config.runtime, found.kind, found.ref);
    }
    if (found?.ok) v.size = found.image.size;
    if (s?.pull) {
      v.pullTime = goDurationString(s.pull.end - s.pull.start);
      v.pullTotal = goDurationString(s.pull.end - s.pull.requested);
    }
    if (spec) {
      const mem = p.c[spec.name];
      if (mem?.crash) v.backoff = goDurationString(mem.crash.d);
      const prev = p.pullErr?.[image];
      v.prevPullError = prev ? `: ${prev}` : '';
      if (s?.cid) {
        const c = this.runtime.container(s.cid);
        if (c?.reason === 'StartError') v.startError = this.startErrorMessage(c.container, c.message ?? '');
      }
    }
    return v;
  }

  private startErrorMessage(container: string, inner: string): string {
    return this.host.config.runtime === 'docker'
      ? `failed to start container ${JSON.stringify(container)}: Error response from daemon: ${inner}`
      : `failed to create containerd task: ${inner}`;
  }

  /** End-events, the runtime effect, and where the container goes next. */
  private completeStage(p: PodMemory, pod: Pod, stage: Stage): void {
    const s = p.sync!;
    const host = this.host;
    const now = host.now();
    const spec = s.cur ? this.specContainer(pod, s.cur) : undefined;
    const mem = spec ? (p.c[spec.name] ??= { n: 0 }) : undefined;

    // effects that must happen before the events are worded
    switch (stage.effect) {
      case 'sandbox': {
        this.runtime.createSandbox(p.node, { namespace: p.ns, name: p.name, uid: p.uid, containers: pod.spec.containers.map((c) => c.name), labels: pod.metadata.labels }, now);
        s.changed = true;
        break;
      }
      case 'image-pulled': {
        const found = lookupImage(spec!.image ?? '');
        if (found.ok) {
          const fresh = this.runtime.addImage(p.node, found.image, now);
          const key = this.runtime.imageKey(found.image);
          if (this.inflight[p.node]?.[key] !== undefined && this.inflight[p.node][key] <= now) delete this.inflight[p.node][key];
          // the node's status.images follows on its next status update
          if (fresh) host.schedule(this, 0, 'node-status', p.node);
        }
        if (p.pullErr) delete p.pullErr[spec!.image ?? ''];
        break;
      }
      case 'create': {
        const found = lookupImage(spec!.image ?? '');
        if (found.ok) {
          const rec = this.runtime.createContainer(
            {
              sandboxId: this.runtime.podSandbox(p.uid)!.id,
              container: spec!.name,
              attempt: mem!.n++,
              image: found.image,
              specImage: spec!.image ?? '',
              command: spec!.command,
              args: spec!.args,
              stdin: spec!.stdin,
              tty: spec!.tty,
              mounts: (spec!.volumeMounts ?? []).map((m) => m.mountPath),
            },
            now,
          );
          s.cid = rec.id;
          s.changed = true;
        }
        break;
      }
      case 'start':
      case 'start-failed': {
        if (s.cid) {
          let r = this.runtime.startContainer(s.cid, now);
          s.changed = true;
          if ('exitAt' in r && r.exitAt === null) r = this.runNetworkCommand(s.cid, now, pod) ?? r;
          if ('exitAt' in r && r.exitAt !== null) {
            const c = this.runtime.container(s.cid)!;
            c.stopAt = r.exitAt;
            c.stopCode = r.exitCode;
            host.schedule(this, r.exitAt - now, 'exit', s.cid);
          }
          if ('exitAt' in r) {
            delete mem!.why;
            mem!.readyAt = this.readyAt(p, spec!, now);
            if (mem!.readyAt !== undefined && mem!.readyAt > now) this.requestSync(p, mem!.readyAt - now);
          }
        }
        break;
      }
    }

    const ends = eventsOf(stage).end;
    const vars = ends.length || stage.fail ? this.vars(p, pod, spec) : {};
    for (const ev of ends) this.event(p, pod, spec, ev.type, ev.reason, render(ev.message, vars));

    if (stage.name === 'no-back-off' && spec) {
      // doBackOff: an exited container is about to restart: the back-off grows
      const list = this.runtime.containersOf(p.uid, spec.name);
      const last = list[list.length - 1];
      if (last?.state === 'exited') mem!.crash = backoffNext(mem!.crash, now, TIMING.crashBackoffInitialMs, TIMING.crashBackoffMaxMs);
    }

    if (stage.fail && spec) {
      mem!.why = { reason: stage.fail.reason, message: render(stage.fail.message, vars) };
      if (stage.fail.reason === 'CrashLoopBackOff') {
        const list = this.runtime.containersOf(p.uid, spec.name);
        const last = list[list.length - 1];
        const at = (last?.finishedAt ?? now) + (mem!.crash?.d ?? TIMING.crashBackoffInitialMs);
        s.crashRetryAt = Math.min(s.crashRetryAt ?? Infinity, at);
      } else if (stage.fail.reason === 'ImagePullBackOff') {
        s.pullBackoff = true;
      } else {
        s.failed = true;
      }
      if (stage.fail.reason === 'ErrImagePull') {
        const image = spec.image ?? '';
        (p.pullBackoff ??= {})[image] = backoffNext(p.pullBackoff[image], now, TIMING.pullBackoffInitialMs, TIMING.pullBackoffMaxMs);
        (p.pullErr ??= {})[image] = `ErrImagePull: ${render('{pullError}', vars)}`;
      }
      s.cur = undefined;
      s.cid = undefined;
      return;
    }
    if (s.step === 'sandbox') {
      s.step = 'backoff';
      s.cur = undefined;
      return;
    }
    if (!stage.next || stage.next === 'done') {
      s.cur = undefined;
      s.cid = undefined;
      return;
    }
    s.step = stage.next;
  }

  /**
   * The sync is over. What it started, the PLEG reports on its next relist; what failed is
   * reported at once (the reason becomes the container's waiting state). A real error retries
   * after the pod worker's back-off (10-15s); a container in CrashLoopBackOff is synced again
   * when its back-off ends; an ImagePullBackOff waits for the next resync (1-1.5 min), which is
   * why `kubectl get pods -w` shows ErrImagePull and ImagePullBackOff alternating slowly.
   */
  private endSync(p: PodMemory): void {
    const s = p.sync!;
    p.sync = undefined;
    const now = this.host.now();
    if (s.changed) this.relist(p);
    if (s.failed || s.crashRetryAt !== undefined || s.pullBackoff) {
      const pod = this.host.store.find<Pod>('pods', p.ns, p.name);
      if (pod && pod.metadata.uid === p.uid) this.writeStatus(pod, this.generateStatus(p, pod, false));
    }
    if (s.failed) this.requestSync(p, TIMING.workerBackoffMs + this.host.rand.int(TIMING.workerJitterMs));
    else if (s.crashRetryAt !== undefined) this.requestSync(p, Math.max(0, s.crashRetryAt - now));
    else if (s.pullBackoff) this.requestSync(p, TIMING.resyncMs + this.host.rand.int(TIMING.resyncJitterMs));
    if (p.pending) {
      p.pending = false;
      this.requestSync(p, 0);
    }
  }

  private event(p: PodMemory, pod: Pod, spec: Container | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    this.host.events.record(pod, type, reason, message, { component: 'kubelet', host: p.node }, spec ? { fieldPath: containerFieldPath(spec.name) } : {});
  }

  // ------------------------------------------------------------------------------------------
  // Readiness

  /** When a started container becomes ready: at once, or after its readiness probe's delay. */
  private readyAt(p: PodMemory, spec: Container, startedAt: number): number | undefined {
    const probe = spec.readinessProbe;
    if (!probe) return undefined;
    const delay = Math.max(0, probe.initialDelaySeconds ?? 0) * 1000 + 1000;
    return this.probeSucceeds(p, spec, probe) ? startedAt + delay : -1;
  }

  private probeSucceeds(p: PodMemory, spec: Container, probe: Probe): boolean {
    const portOf = (port: number | string) => (typeof port === 'number' ? port : spec.ports?.find((x) => x.name === port)?.containerPort ?? -1);
    const check = probe.httpGet ?? probe.tcpSocket;
    if (!check) return true;
    const port = portOf(check.port);
    const list = this.runtime.containersOf(p.uid, spec.name);
    const cur = list[list.length - 1];
    const proc = cur ? this.runtime.process(cur.id) : undefined;
    if (proc?.kind === 'app' && proc.app.port === port) return true;
    // another container of the pod may serve it (shared network namespace)
    for (const c of this.runtime.containersOf(p.uid)) {
      const pr = this.runtime.process(c.id);
      if (pr?.kind === 'app' && pr.app.port === port) return true;
    }
    return false;
  }

  // ------------------------------------------------------------------------------------------
  // Exits and termination

  /**
   * A container whose main process is a one-shot network client (`curl …`, `wget …`, as in
   * `kubectl run -i --rm c --image=curlimages/curl --restart=Never -- curl http://web`): it runs
   * once at start through the in-container interpreter (which reaches pods and services over the
   * simulated network), its output goes to the log, and it exits with its status.
   */
  private runNetworkCommand(cid: string, now: number, pod: Pod): { exitAt: number; exitCode: number } | undefined {
    const c = this.runtime.container(cid);
    if (!c || c.state !== 'running') return undefined;
    const bin = c.argv[0] ?? '';
    if (!NETWORK_CLIENTS.has(bin.slice(bin.lastIndexOf('/') + 1))) return undefined;
    let out: { stdout: string; stderr: string; exitCode: number };
    try {
      out = execInContainer(this.runtime, c.namespace, c.pod, c.container, c.argv, { env: containerEnv(pod, c.container), ...clusterNetwork(this.host.store, c.namespace) });
    } catch {
      return undefined;
    }
    // (a log entry is a line: the text's last newline is the entry's own)
    if (out.stdout) this.runtime.appendLog(cid, out.stdout.replace(/\n$/, ''), 'stdout', now);
    if (out.stderr) this.runtime.appendLog(cid, out.stderr.replace(/\n$/, ''), 'stderr', now);
    return { exitAt: now + 5, exitCode: out.exitCode };
  }

  endMainProcess(namespace: string, pod: string, container: string, code: number): void {
    const c = this.runtime.podContainer(namespace, pod, container);
    if (!c || c.state !== 'running') return;
    c.stopAt = this.host.now();
    c.stopCode = code;
    this.host.schedule(this, 0, 'exit', c.id);
  }

  private containerExited(id: string): void {
    const c = this.runtime.container(id);
    if (!c) return;
    const now = this.host.now();
    if (c.state === 'running') {
      if (c.stopAt === undefined || c.stopAt > now) return; // a stale timer
      this.runtime.markExited(id, c.stopCode ?? 0, now);
    }
    const key = this.byUid.get(c.uid);
    const p = key ? this.pods.get(key) : undefined;
    if (!p) return;
    if (p.term !== undefined) this.maybeFinishTermination(p);
    else this.relist(p);
  }

  /** Graceful deletion: Killing, the stop signal, SIGKILL after the grace period. */
  private terminate(p: PodMemory, pod: Pod): void {
    const host = this.host;
    const now = host.now();
    if (p.finished) return;
    if (p.sync) {
      // the sync in progress is abandoned (a pull is cancelled, a created container removed)
      host.cancel(this, 'step', p.key);
      if (p.sync.cid) {
        const c = this.runtime.container(p.sync.cid);
        if (c?.state === 'created') this.runtime.dropContainer(c.id);
      }
      p.sync = undefined;
      p.pending = false;
    }
    const graceMs = Math.max(0, pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    const first = p.term === undefined;
    if (first) p.term = now;
    const kill = selectStage('kill', {});
    for (const spec of pod.spec.containers) {
      const list = this.runtime.containersOf(p.uid, spec.name);
      const cur = list[list.length - 1];
      if (!cur || cur.state !== 'running') continue;
      if (first) for (const ev of kill.events ?? []) this.event(p, pod, spec, ev.type, ev.reason, render(ev.message, { container: spec.name }));
      const r = this.runtime.stopContainer(cur.id, graceMs, now, TIMING.killMs);
      host.schedule(this, r.exitAt - now, 'exit', cur.id);
    }
    this.maybeFinishTermination(p);
  }

  private maybeFinishTermination(p: PodMemory): void {
    if (p.finished) return;
    for (const c of this.runtime.containersOf(p.uid)) if (c.state === 'running') return;
    const host = this.host;
    const pod = host.store.find<Pod>('pods', p.ns, p.name);
    if (!pod || pod.metadata.uid !== p.uid) {
      this.forget(p);
      return;
    }
    const sb = this.runtime.podSandbox(p.uid);
    if (sb) this.runtime.stopSandbox(sb.id);
    p.finished = true;
    const status = this.generateStatus(p, pod, true);
    this.writeStatus(pod, status);
    host.schedule(this, TIMING.stopSandboxMs + TIMING.deleteAfterMs, 'delete', p.key);
  }

  private deleteFromAPI(p: PodMemory): void {
    try {
      this.host.store.delete('pods', p.ns, p.name, { gracePeriodSeconds: 0, preconditions: { uid: p.uid } });
    } catch {
      // already gone, or another pod by now
    }
    const pod = this.host.store.find<Pod>('pods', p.ns, p.name);
    if (!pod || pod.metadata.uid !== p.uid) this.forget(p);
  }

  // ------------------------------------------------------------------------------------------
  // Status

  private writeStatus(pod: Pod, status: PodStatus): Pod {
    if (deepEqual(pod.status, status)) return pod;
    try {
      return this.host.store.update<Pod>('pods', pod.metadata.namespace, { ...pod, status }, { subresource: 'status', owned: true });
    } catch {
      return pod;
    }
  }

  /** generateAPIPodStatus + the status manager's merge (kubelet_pods.go, status_manager.go). */
  private generateStatus(p: PodMemory, pod: Pod, terminal: boolean): PodStatus {
    const now = this.host.now();
    const old = pod.status ?? {};
    const oldStatuses = old.containerStatuses;
    const sb = this.runtime.podSandbox(p.uid);
    const sbReady = !!sb && sb.state === 'ready' && !sb.removed;
    const deleting = !!pod.metadata.deletionTimestamp;
    const policy = pod.spec.restartPolicy ?? 'Always';

    const statuses: ContainerStatus[] = [];
    let nextReady: number | undefined;
    for (const spec of pod.spec.containers) {
      const st = this.containerStatus(p, pod, spec, oldStatuses && lastWith(oldStatuses, 'name', spec.name), terminal, deleting, policy);
      statuses.push(st);
      const ra = p.c[spec.name]?.readyAt;
      if (ra !== undefined && ra > now && st.state?.running) nextReady = Math.min(nextReady ?? Infinity, ra);
    }
    if (nextReady !== undefined) this.requestSync(p, nextReady - now);

    // phase (getPhase)
    let phase: PodStatus['phase'];
    let running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (const st of statuses) {
      if (st.state?.running) running++;
      else if (st.state?.terminated) {
        stopped++;
        if (st.state.terminated.exitCode === 0) succeeded++;
      } else if (st.state?.waiting) {
        if (st.lastState?.terminated) stopped++;
        else waiting++;
      }
    }
    if (waiting > 0) phase = 'Pending';
    else if (running > 0) phase = 'Running';
    else if (stopped > 0) {
      if (terminal) phase = stopped === succeeded ? 'Succeeded' : 'Failed';
      else if (policy === 'Always') phase = 'Running';
      else if (stopped === succeeded) phase = 'Succeeded';
      else if (policy === 'Never') phase = 'Failed';
      else phase = 'Running';
    } else phase = 'Pending';
    if (old.phase === 'Succeeded' || old.phase === 'Failed') phase = old.phase;

    // conditions
    const oldConds = old.conditions;
    const nowTs = ts(now);
    const unready = pod.spec.containers.filter((c) => !statuses.find((s) => s.name === c.name)?.ready).map((c) => c.name);
    const completed = phase === 'Succeeded';
    const unreadyMessage = unready.length ? `containers with unready status: [${unready.join(' ')}]` : '';
    const conditions: PodCondition[] = [];
    for (const c of old.conditions ?? []) if (!KUBELET_CONDITIONS.has(c.type)) conditions.push(c);
    conditions.push(podCondition(oldConds, nowTs, 'PodReadyToStartContainers', sbReady && !terminal ? 'True' : 'False'));
    conditions.push(completed ? podCondition(oldConds, nowTs, 'Initialized', 'True', 'PodCompleted') : podCondition(oldConds, nowTs, 'Initialized', 'True'));
    conditions.push(readyCondition(oldConds, nowTs, 'Ready', unreadyMessage, completed));
    conditions.push(readyCondition(oldConds, nowTs, 'ContainersReady', unreadyMessage, completed));
    conditions.push((oldConds && lastWith(oldConds, 'type', 'PodScheduled')) ?? podCondition(oldConds, nowTs, 'PodScheduled', 'True'));

    const node = this.nodes.get(p.node);
    const status: PodStatus = { phase, conditions };
    if (old.message) status.message = old.message;
    if (old.reason) status.reason = old.reason;
    if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
    if (node) {
      status.hostIP = node.internalIP;
      status.hostIPs = [{ ip: node.internalIP }];
    }
    const ip = sb && !sb.removed ? sb.ip : old.podIP;
    if (ip) {
      status.podIP = ip;
      status.podIPs = [{ ip }];
    }
    status.startTime = old.startTime ?? ts(p.startTime ?? now);
    statuses.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    status.containerStatuses = statuses;
    if (old.qosClass) status.qosClass = old.qosClass;
    return status;
  }

  private containerStatus(
    p: PodMemory,
    pod: Pod,
    spec: Container,
    old: ContainerStatus | undefined,
    terminal: boolean,
    deleting: boolean,
    policy: string,
  ): ContainerStatus {
    const now = this.host.now();
    const list = this.runtime.containersOf(p.uid, spec.name);
    const cur = list[list.length - 1];
    const prev = list.length >= 2 ? list[list.length - 2] : undefined;
    const mem = p.c[spec.name];
    let st: ContainerStatus;
    if (cur && cur.state !== 'created') {
      const img = this.runtime.image(cur.id);
      const state: ContainerState = cur.state === 'running' ? { running: { startedAt: ts(cur.startedAt ?? now) } } : { terminated: this.terminatedOf(cur) };
      const running = cur.state === 'running';
      const ra = mem?.readyAt;
      const ready = running && (ra === undefined || (ra >= 0 && ra <= now));
      st = {
        name: spec.name,
        state,
        lastState: prev ? { terminated: this.terminatedOf(prev) } : {},
        ready,
        restartCount: cur.attempt,
        image: img ? this.runtime.reportedImage(img, cur.specImage) : cur.specImage,
        imageID: img ? this.runtime.reportedImageID(img) : '',
        containerID: `${this.host.config.runtime}://${cur.id}`,
        started: running,
      };
      const mounts = spec.volumeMounts ?? [];
      if (mounts.length) {
        st.volumeMounts = mounts.map((m) => {
          const v: { name: string; mountPath: string; readOnly?: boolean; recursiveReadOnly?: string } = { name: m.name, mountPath: m.mountPath };
          if (m.readOnly) {
            v.readOnly = true;
            v.recursiveReadOnly = m.recursiveReadOnly === 'Enabled' ? 'Enabled' : 'Disabled';
          }
          return v;
        });
      }
    } else {
      st = { name: spec.name, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: spec.image ?? '', imageID: '', started: false };
      if (old) {
        if (old.state?.terminated) {
          st = { ...old };
        } else {
          st.restartCount = old.restartCount;
          st.lastState = old.lastState ?? {};
          if (old.state?.running && !old.lastState?.terminated) {
            // the container vanished (docker rm -f): it must have stopped, though nobody saw how
            st.lastState = {
              terminated: {
                exitCode: 137,
                reason: 'ContainerStatusUnknown',
                message: 'The container could not be located when the pod was deleted.  The container used to be Running',
                startedAt: null as unknown as string,
                finishedAt: null as unknown as string,
              },
            };
            if (!deleting) st.restartCount = old.restartCount + 1;
          }
        }
      }
    }
    // the last start's error, for a container that will be started again
    const why = mem?.why;
    const willRestart = !st.state?.running && !deleting && !terminal && (!cur || cur.state !== 'exited' || policy === 'Always' || (policy === 'OnFailure' && (cur.exitCode ?? 0) !== 0));
    if (why && willRestart) {
      if (st.state?.terminated) st.lastState = { terminated: st.state.terminated };
      st.state = { waiting: { reason: why.reason, message: why.message } };
    }
    if (terminal && st.state?.waiting) {
      st.state = {
        terminated: {
          exitCode: 137,
          reason: 'ContainerStatusUnknown',
          message: 'The container could not be located when the pod was terminated',
          startedAt: null as unknown as string,
          finishedAt: null as unknown as string,
        },
      };
    }
    return st;
  }

  private terminatedOf(c: { id: string; exitCode?: number; reason?: string; message?: string; startedAt?: number; finishedAt?: number; createdAt: number }): ContainerStateTerminated {
    const t: ContainerStateTerminated = { exitCode: c.exitCode ?? 0, reason: c.reason ?? ((c.exitCode ?? 0) === 0 ? 'Completed' : 'Error') };
    if (c.message && c.reason === 'StartError') t.message = c.message;
    t.startedAt = c.startedAt !== undefined ? rfc3339(c.startedAt) : '1970-01-01T00:00:00Z';
    t.finishedAt = rfc3339(c.finishedAt ?? c.createdAt);
    t.containerID = `${this.host.config.runtime}://${c.id}`;
    return t;
  }
}

const stageEvents = new Map<Stage, { begin: StageEvent[]; end: StageEvent[] }>();

/** A stage's events split into those recorded when it begins and when its delay is over. */
function eventsOf(stage: Stage): { begin: StageEvent[]; end: StageEvent[] } {
  let e = stageEvents.get(stage);
  if (!e) {
    const all = stage.events ?? [];
    e = { begin: all.filter((x) => x.at === 'begin'), end: all.filter((x) => x.at !== 'begin') };
    stageEvents.set(stage, e);
  }
  return e;
}

const quotes = new Map<string, string>();
/** JSON.stringify of an image name, which every stage message quotes. */
function quoted(image: string): string {
  let q = quotes.get(image);
  if (q === undefined) {
    q = JSON.stringify(image);
    if (quotes.size < 1000) quotes.set(image, q);
  }
  return q;
}

const fieldPaths = new Map<string, string>();
/** `spec.containers{web}`: one string per container name, shared by the events that carry it. */
function containerFieldPath(name: string): string {
  let f = fieldPaths.get(name);
  if (f === undefined) {
    f = `spec.containers{${name}}`;
    if (fieldPaths.size < 1000) fieldPaths.set(name, f);
  }
  return f;
}

/** The pod conditions the kubelet owns (the rest are kept as they are). */
const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/** The last element whose `field` is `value` (what a Map built from the list would hold). */
function lastWith<T, K extends keyof T>(list: readonly T[], field: K, value: T[K]): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i][field] === value) return list[i];
  return undefined;
}

/**
 * A condition the kubelet sets: its lastTransitionTime moves only when the status changes.
 * (Module functions, not closures in generateStatus: tsx names every closure it creates.)
 */
function podCondition(oldConds: PodCondition[] | undefined, nowTs: string, type: string, status: 'True' | 'False', reason?: string, message?: string): PodCondition {
  const prev = oldConds && lastWith(oldConds, 'type', type);
  // built in Go field order (for -o json)
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: prev && prev.status === status ? prev.lastTransitionTime : nowTs };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  return c;
}

/** Ready and ContainersReady: True, or why not. */
function readyCondition(oldConds: PodCondition[] | undefined, nowTs: string, type: string, unreadyMessage: string, completed: boolean): PodCondition {
  if (!unreadyMessage) return podCondition(oldConds, nowTs, type, 'True');
  return completed ? podCondition(oldConds, nowTs, type, 'False', 'PodCompleted') : podCondition(oldConds, nowTs, type, 'False', 'ContainersNotReady', unreadyMessage);
}

