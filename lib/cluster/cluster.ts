// A whole simulated cluster: the store, the control plane's controllers, the kubelets and their
// container runtime, driven by one clock and one seeded random source.

import type { KubeObject } from '../k8s/types';
import { VirtualClock } from './clock';
import type { Clock } from './clock';
import type { ClusterConfig, Controller, ControllerHost, Latencies, NodeConfig } from './controller';
import { DEFAULT_LATENCIES } from './controller';
import { EventRecorder } from './events';
import type { EventRecorderState } from './events';
import { SeededRand } from './rand';
import type { Rand } from './rand';
import { Store } from './store';
import type { StoreSnapshot } from './store';
import { TimerQueue } from './timers';
import type { Timer } from './timers';
import { bootstrapObjects } from './bootstrap';
import { createScheduler } from './controllers/scheduler';
import { createReplicaSetController } from './controllers/replicaset';
import { createDeploymentController } from './controllers/deployment';
import { createGarbageCollector } from './controllers/gc';
import { createNamespaceController } from './controllers/namespace';
import { createEndpointsController } from './controllers/endpoints';
import { createResourceQuotaController } from './controllers/resourcequota';
import { createKubelet } from './kubelet';
import type { Kubelet } from './kubelet';

export interface ClusterOptions {
  /** same seed, same calls → same names, uids and IPs */
  seed?: number;
  /** defaults to a VirtualClock at DEFAULT_EPOCH; pass a real-time clock for the UI */
  clock?: Clock;
  /** nodes, or how many; default one docker-desktop node */
  nodes?: NodeConfig[] | number;
  runtime?: 'docker' | 'containerd';
  latency?: Partial<Latencies>;
  /** replace the controller set (tests of a single controller) */
  controllers?: Controller[];
  historySize?: number;
}

export interface ClusterSnapshot {
  version: 1;
  now: number;
  rand: number[];
  config: ClusterConfig;
  store: StoreSnapshot;
  timers: Timer[];
  controllers: Record<string, unknown>;
  events: EventRecorderState;
}

export const KUBE_VERSION = { major: '1', minor: '32', gitVersion: 'v1.32.2' };

/** docker-desktop's single node, as the book's readers see it. */
export function defaultNodes(n = 1): NodeConfig[] {
  if (n <= 1) return [{ name: 'docker-desktop', internalIP: '192.168.65.3', podCIDR: '10.1.0.0/16', roles: ['control-plane'] }];
  const nodes: NodeConfig[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      name: i === 0 ? 'desktop-control-plane' : `desktop-worker${i === 1 ? '' : i}`,
      internalIP: `172.18.${(i + 2) >> 8}.${(i + 2) & 255}`,
      podCIDR: `10.${(244 + (i >> 8)) & 255}.${i & 255}.0/24`,
      roles: i === 0 ? ['control-plane'] : [],
    });
  }
  return nodes;
}

export class Cluster {
  readonly store: Store;
  readonly clock: Clock;
  readonly rand: Rand;
  readonly events: EventRecorder;
  readonly config: ClusterConfig;
  private timers = new TimerQueue();
  private controllers = new Map<string, Controller>();
  private host: ControllerHost;
  private wake?: (at: number) => void;

  constructor(opts: ClusterOptions = {}, restoreFrom?: ClusterSnapshot) {
    this.clock = opts.clock ?? new VirtualClock(restoreFrom?.now);
    this.rand = restoreFrom ? new SeededRand(restoreFrom.rand) : new SeededRand(opts.seed ?? 1);
    this.store = new Store({ clock: this.clock, rand: this.rand, historySize: opts.historySize });
    this.events = new EventRecorder(this.store);
    this.config = restoreFrom?.config ?? {
      nodes: typeof opts.nodes === 'number' || opts.nodes === undefined ? defaultNodes(opts.nodes as number | undefined) : opts.nodes,
      runtime: opts.runtime ?? 'docker',
      latency: { ...DEFAULT_LATENCIES, ...opts.latency },
      version: KUBE_VERSION,
    };
    const controllers = opts.controllers ?? [
      createNamespaceController(),
      createScheduler(),
      createReplicaSetController(),
      createDeploymentController(),
      createGarbageCollector(),
      createEndpointsController(),
      createResourceQuotaController(),
      createKubelet(),
    ];
    for (const c of controllers) this.controllers.set(c.name, c);

    const self = this;
    this.host = {
      store: this.store,
      clock: this.clock,
      rand: this.rand,
      events: this.events,
      config: this.config,
      now: () => this.clock.now(),
      schedule(c, delayMs, key, target = '') {
        self.addTimer(self.clock.now() + Math.max(0, delayMs), c.name, target, key, false);
      },
      reschedule(c, delayMs, key, target = '') {
        self.addTimer(self.clock.now() + Math.max(0, delayMs), c.name, target, key, true);
      },
      cancel(c, key, target = '') {
        self.timers.cancelFor(c.name, target, key);
      },
      controller<T extends Controller>(name: string): T | undefined {
        return self.controllers.get(name) as T | undefined;
      },
    };

    if (restoreFrom) {
      this.store.restore(restoreFrom.store);
      this.timers = TimerQueue.fromJSON(restoreFrom.timers);
      this.events.load(restoreFrom.events);
      for (const c of this.controllers.values()) {
        if (c.load && restoreFrom.controllers[c.name] !== undefined) c.load(restoreFrom.controllers[c.name]);
      }
      for (const c of this.controllers.values()) c.start(this.host, true);
    } else {
      for (const c of this.controllers.values()) c.start(this.host, false);
      for (const { resource, object } of bootstrapObjects(this.config)) {
        this.store.create(resource, object.metadata.namespace, object, { owned: true });
      }
      // The control plane settles before anyone looks: namespaces get their service accounts.
      this.runDue();
    }
  }

  /** The kubelet, which owns the container runtime view (containers, logs, files, HTTP). */
  get kubelet(): Kubelet {
    return this.controllers.get('kubelet') as Kubelet;
  }

  controller<T extends Controller>(name: string): T | undefined {
    return this.controllers.get(name) as T | undefined;
  }

  now(): number {
    return this.clock.now();
  }

  /** When the next pending piece of work is due (real-time drivers sleep until then). */
  nextTimerAt(): number | undefined {
    return this.timers.peekAt();
  }

  /** Called whenever work is scheduled sooner than before, so a real-time driver can wake up. */
  onWake(fn: ((at: number) => void) | undefined): void {
    this.wake = fn;
  }

  /** Runs every piece of work due by the clock's current time. */
  runDue(): number {
    let n = 0;
    const now = this.clock.now();
    for (let t = this.timers.popDue(now); t; t = this.timers.popDue(now)) {
      this.dispatch(t);
      n++;
    }
    return n;
  }

  /** Virtual time only: moves the clock forward by `ms`, running work in time order. */
  advance(ms: number): void {
    this.advanceTo(this.clock.now() + ms);
  }

  advanceTo(target: number): void {
    const clock = this.virtualClock();
    for (;;) {
      const at = this.timers.peekAt();
      if (at === undefined || at > target) break;
      clock.set(at);
      this.runDue();
    }
    clock.set(target);
    this.runDue();
  }

  /**
   * Virtual time only: advances until `pred` holds, checking after every batch of work, for at
   * most `timeoutMs`. Returns whether it held; the clock stops at the first moment it did.
   */
  runUntil(pred: () => boolean, timeoutMs: number): boolean {
    const clock = this.virtualClock();
    const deadline = clock.now() + timeoutMs;
    this.runDue();
    for (;;) {
      if (pred()) return true;
      const at = this.timers.peekAt();
      if (at === undefined || at > deadline) {
        clock.set(deadline);
        this.runDue();
        return pred();
      }
      clock.set(at);
      this.runDue();
    }
  }

  /** The whole cluster as JSON: objects, pending work, runtime state and the random source. */
  snapshot(): ClusterSnapshot {
    const controllers: Record<string, unknown> = {};
    for (const c of this.controllers.values()) if (c.save) controllers[c.name] = c.save();
    return JSON.parse(
      JSON.stringify({
        version: 1,
        now: this.clock.now(),
        rand: this.rand.state(),
        config: this.config,
        store: this.store.snapshot(),
        timers: this.timers.toJSON(),
        controllers,
        events: this.events.save(),
      }),
    ) as ClusterSnapshot;
  }

  static restore(snapshot: ClusterSnapshot, opts: Omit<ClusterOptions, 'seed' | 'nodes' | 'runtime' | 'latency'> = {}): Cluster {
    if (snapshot?.version !== 1) throw new Error('unsupported cluster snapshot version');
    return new Cluster(opts, snapshot);
  }

  /** Convenience for tests and printers: every object of a resource. */
  objects<T extends KubeObject = KubeObject>(resource: string, namespace?: string): T[] {
    return this.store.list<T>(resource, namespace).items;
  }

  private virtualClock(): VirtualClock {
    if (!(this.clock instanceof VirtualClock)) throw new Error('advance() needs a virtual clock');
    return this.clock;
  }

  /** Timers of controller `name` have the target `name:sub`. */
  private addTimer(at: number, name: string, sub: string, key: string, replace: boolean): void {
    const before = this.wake ? this.timers.peekAt() : undefined;
    if (replace) this.timers.resetFor(at, name, sub, key);
    else this.timers.addFor(at, name, sub, key);
    if (this.wake && (before === undefined || at < before)) this.wake(at);
  }

  private dispatch(t: { owner: string; sub: string | undefined; key: string }): void {
    this.controllers.get(t.owner)?.fire(t.key, t.sub ?? '');
  }
}

/** A new cluster on the embedded defaults: one docker-desktop node, virtual time. */
export function createCluster(opts: ClusterOptions = {}): Cluster {
  return new Cluster(opts);
}
