// The contract between the cluster and its controllers. A controller is a small reconcile
// loop: it observes store changes, schedules work as timers (data, not closures), and reconciles
// when a timer fires. Latencies are data too, so a test can assert the order of API actions.

import type { Clock } from './clock';
import type { EventRecorder } from './events';
import type { Rand } from './rand';
import type { Store } from './store';

export interface NodeConfig {
  name: string;
  /** InternalIP, e.g. 192.168.65.3 */
  internalIP: string;
  /** pod addresses come from here, e.g. 10.1.0.0/16 */
  podCIDR: string;
  labels?: Record<string, string>;
  /** cpu/memory/pods capacity; defaults to a laptop-sized node */
  capacity?: Record<string, string>;
  /** node-role.kubernetes.io/<role> labels */
  roles?: string[];
}

/** Reaction times of the control plane in virtual milliseconds. */
export interface Latencies {
  scheduler: number;
  replicaset: number;
  deployment: number;
  garbageCollector: number;
  namespace: number;
  endpoints: number;
  kubelet: number;
}

export const DEFAULT_LATENCIES: Latencies = {
  scheduler: 8,
  replicaset: 4,
  deployment: 4,
  garbageCollector: 6,
  namespace: 5,
  endpoints: 10,
  kubelet: 20,
};

export interface ClusterConfig {
  nodes: NodeConfig[];
  /** `docker` (docker-desktop with cri-dockerd: ids `docker://…`) or `containerd` */
  runtime: 'docker' | 'containerd';
  latency: Latencies;
  /** Kubernetes version the simulated server reports */
  version: { major: string; minor: string; gitVersion: string };
}

export interface ControllerHost {
  readonly store: Store;
  readonly clock: Clock;
  readonly rand: Rand;
  readonly events: EventRecorder;
  readonly config: ClusterConfig;
  now(): number;
  /**
   * Asks for `controller.fire(key, target)` after `delayMs`. A pending request for the same
   * controller, target and key is kept if it is sooner (work-queue dedup).
   */
  schedule(controller: Controller, delayMs: number, key: string, target?: string): void;
  /** Like schedule, but replaces a pending request even when that one is sooner. */
  reschedule(controller: Controller, delayMs: number, key: string, target?: string): void;
  cancel(controller: Controller, key: string, target?: string): void;
  /** Another controller by name (the kubelet's runtime, for example). */
  controller<T extends Controller>(name: string): T | undefined;
}

export interface Controller {
  /** unique; also the prefix of its timers */
  readonly name: string;
  /** Called once when the cluster starts, and again after a restore (the store is then full). */
  start(host: ControllerHost, restored: boolean): void;
  /** A timer this controller asked for has fired. `target` defaults to '' */
  fire(key: string, target: string): void;
  /** Private state that must survive a snapshot, as JSON. */
  save?(): unknown;
  load?(state: unknown): void;
}
