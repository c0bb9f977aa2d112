// The live channel of each kernel: subscribers (one per open EventSource) get the kernel's events
// as they happen and the cluster view whenever the cluster changed.
//
// The store reports every write (a pod's status, an event's count, an endpoint), and a single
// `kubectl create deployment` makes dozens within a few milliseconds, so views are coalesced: the
// first change arms a timer of `debounceMs` and the view is computed once when it fires, with
// every change made meanwhile. Unlike a trailing debounce, a cluster that never stops changing
// still gets a view every `debounceMs`. A view equal to the last one sent is not sent again.
//
// A sandbox kernel has no in-process store to observe: its channel polls the session's namespace
// through the kernel's client every `pollMs`, and soon after each cell finished.
//
// A channel exists while it has subscribers: the first one attaches to the kernel (its observer
// and its cluster's store), the last one to leave detaches, so idle kernels cost nothing.

import type { Kernel, KernelEvent } from '../runtime/kernel';
import type { Cluster } from '../cluster/cluster';
import { viewOfClient, viewOfCluster } from '../runtime/cluster-view';
import type { ClusterView } from '../runtime/cluster-view';

export type HubMessage =
  | { event: 'view'; data: ClusterView }
  | { event: 'kernel'; data: KernelEvent }
  | { event: 'closed'; data: { reason: 'closed' | 'expired' | 'evicted' } };

export type HubSend = (m: HubMessage) => void;

export interface HubTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface HubOptions {
  /** how long store changes are gathered into one view (default 100 ms) */
  debounceMs?: number;
  /** the view of a cluster (default: viewOfCluster) */
  view?: (cluster: Cluster) => ClusterView;
  /** timers (tests inject fakes); setTimeout by default */
  timers?: HubTimers;
  /** how often a kernel without an in-process cluster (a sandbox) is polled (default 2 s) */
  pollMs?: number;
  /** the view of such a kernel (default: its client's view of its namespace) */
  remoteView?: (kernel: Kernel) => Promise<ClusterView>;
}

/** The view with nothing in it: a sandbox kernel has no in-process cluster to draw. */
export function emptyView(at: number): ClusterView {
  return { at, deployments: [], replicaSets: [], pods: [], services: [], events: [] };
}

/** The view's identity for "did anything change": everything but the time it was taken. */
function viewKey(v: ClusterView): string {
  return JSON.stringify({ ...v, at: 0 });
}

interface Channel {
  kernel: Kernel;
  subscribers: Set<HubSend>;
  detachKernel: () => void;
  detachStore?: () => void;
  timer?: unknown;
  lastKey?: string;
  /** polling a remote view: the next poll's timer, and whether one is in flight */
  poll?: unknown;
  polling?: boolean;
  closed?: boolean;
}

const defaultTimers: HubTimers = {
  set(fn, ms) {
    const h = setTimeout(fn, ms);
    (h as { unref?: () => void }).unref?.();
    return h;
  },
  clear(h) {
    clearTimeout(h as ReturnType<typeof setTimeout>);
  },
};

export class KernelHub {
  private readonly channels = new Map<string, Channel>();
  private readonly debounceMs: number;
  private readonly view: (cluster: Cluster) => ClusterView;
  private readonly timers: HubTimers;
  private readonly pollMs: number;
  private readonly remoteView: (kernel: Kernel) => Promise<ClusterView>;

  constructor(opts: HubOptions = {}) {
    this.debounceMs = opts.debounceMs ?? 100;
    this.view = opts.view ?? ((c) => viewOfCluster(c));
    this.timers = opts.timers ?? defaultTimers;
    this.pollMs = opts.pollMs ?? 2000;
    this.remoteView = opts.remoteView ?? ((k) => viewOfClient(k.client, k.shell.namespace));
  }

  /** The view of a kernel now: its in-process cluster's, else its client's (a sandbox's namespace). */
  async viewOf(kernel: Kernel): Promise<ClusterView> {
    return kernel.cluster ? this.view(kernel.cluster) : this.remoteView(kernel);
  }

  /** How many subscribers a kernel's channel has (0 when there is none). */
  subscribers(id: string): number {
    return this.channels.get(id)?.subscribers.size ?? 0;
  }

  /**
   * Subscribes to kernel `id`: `send` gets the current view at once, then kernel events and views
   * as they come, until the returned function is called or the kernel closes.
   */
  subscribe(id: string, kernel: Kernel, send: HubSend): () => void {
    let ch = this.channels.get(id);
    if (!ch) ch = this.open(id, kernel);
    ch.subscribers.add(send);
    const channel = ch;
    if (kernel.cluster) send({ event: 'view', data: this.view(kernel.cluster) });
    else {
      void this.remoteView(kernel).then(
        (v) => {
          if (channel.subscribers.has(send)) send({ event: 'view', data: v });
        },
        () => {
          if (channel.subscribers.has(send)) send({ event: 'view', data: emptyView(Date.now()) });
        },
      );
    }
    return () => {
      channel.subscribers.delete(send);
      if (channel.subscribers.size === 0 && this.channels.get(id) === channel) this.drop(id);
    };
  }

  /** The kernel is gone: tell every subscriber and forget the channel. */
  closed(id: string, reason: 'closed' | 'expired' | 'evicted'): void {
    const ch = this.channels.get(id);
    if (!ch) return;
    const subs = [...ch.subscribers];
    this.drop(id);
    for (const send of subs) send({ event: 'closed', data: { reason } });
  }

  private open(id: string, kernel: Kernel): Channel {
    const ch: Channel = { kernel, subscribers: new Set(), detachKernel: () => {} };
    this.channels.set(id, ch);
    ch.detachKernel = kernel.subscribe((e) => {
      this.broadcast(ch, { event: 'kernel', data: e });
      if (!kernel.cluster) {
        // a sandbox: look again soon after a cell finished or the kernel restarted
        if (e.type === 'done' || e.type === 'error' || e.type === 'reset') this.schedulePoll(ch, this.debounceMs);
      } else if (e.type === 'reset') {
        // a restart brings a new cluster: watch its store and show it at once
        this.watchStore(ch);
        this.flush(ch);
      }
    });
    if (kernel.cluster) {
      this.watchStore(ch);
      ch.lastKey = viewKey(this.view(kernel.cluster));
    } else {
      this.schedulePoll(ch, this.pollMs);
    }
    return ch;
  }

  /** (Re)arms the remote poll of a channel `ms` from now. */
  private schedulePoll(ch: Channel, ms: number): void {
    if (ch.closed) return;
    if (ch.poll !== undefined) this.timers.clear(ch.poll);
    ch.poll = this.timers.set(() => {
      ch.poll = undefined;
      void this.pollOnce(ch);
    }, ms);
  }

  private async pollOnce(ch: Channel): Promise<void> {
    if (ch.closed || ch.polling) return;
    ch.polling = true;
    try {
      const v = await this.remoteView(ch.kernel);
      const key = viewKey(v);
      if (!ch.closed && key !== ch.lastKey) {
        ch.lastKey = key;
        this.broadcast(ch, { event: 'view', data: v });
      }
    } catch {
      // the API server did not answer this time; the next poll tries again
    } finally {
      ch.polling = false;
      if (!ch.closed && ch.poll === undefined) this.schedulePoll(ch, this.pollMs);
    }
  }

  private watchStore(ch: Channel): void {
    ch.detachStore?.();
    ch.detachStore = undefined;
    const cluster = ch.kernel.cluster;
    if (!cluster) return;
    ch.detachStore = cluster.store.onChange(() => {
      if (ch.timer !== undefined) return;
      ch.timer = this.timers.set(() => {
        ch.timer = undefined;
        this.flush(ch);
      }, this.debounceMs);
    });
  }

  /** Sends the view now if it differs from the last one sent. */
  private flush(ch: Channel): void {
    if (ch.timer !== undefined) {
      this.timers.clear(ch.timer);
      ch.timer = undefined;
    }
    const cluster = ch.kernel.cluster;
    if (!cluster) return;
    const v = this.view(cluster);
    const key = viewKey(v);
    if (key === ch.lastKey) return;
    ch.lastKey = key;
    this.broadcast(ch, { event: 'view', data: v });
  }

  private broadcast(ch: Channel, m: HubMessage): void {
    for (const send of [...ch.subscribers]) {
      try {
        send(m);
      } catch {
        // a subscriber whose stream broke must not stop the others
        ch.subscribers.delete(send);
      }
    }
  }

  private drop(id: string): void {
    const ch = this.channels.get(id);
    if (!ch) return;
    this.channels.delete(id);
    ch.closed = true;
    ch.detachKernel();
    ch.detachStore?.();
    if (ch.timer !== undefined) this.timers.clear(ch.timer);
    if (ch.poll !== undefined) this.timers.clear(ch.poll);
    ch.subscribers.clear();
  }
}
