// A controller's work queue and expectations as plain data, so both survive a snapshot.
// Pending work is a timer per key (the cluster's timer queue dedups: one pending sync per key,
// the sooner wins), like client-go's workqueue; retries back off like
// workqueue.DefaultControllerRateLimiter's per-item exponential limiter (5ms doubling to 1000s).

import type { Controller, ControllerHost } from '../controller';

const BASE_DELAY_MS = 5;
/** the timer target of delayed requests */
export const AFTER = 'after';
const MAX_DELAY_MS = 1000 * 1000;

/**
 * Virtual milliseconds a sync spends per object it looks at. A real controller cannot sync a key
 * again while it is still syncing it; events meanwhile collapse into one queued sync. Without
 * this, virtual time is infinitely fast and a ReplicaSet of 10,000 pods would resync on every
 * single pod status change. 0.3 ms per pod from 100 pods up: a chapter's 3-pod ReplicaSet is
 * never held back, a 10,000-pod one syncs at most every 3 seconds.
 */
export const SYNC_COST_PER_ITEM_MS = 0.3;

export class WorkQueue {
  private failures = new Map<string, number>();
  /** key → virtual time before which a new sync of that key waits (the previous one's cost) */
  private busy = new Map<string, number>();
  private host?: ControllerHost;

  constructor(
    private readonly owner: Controller,
    /** the controller's reaction time (config.latency.*) */
    private readonly latency: (host: ControllerHost) => number,
  ) {}

  attach(host: ControllerHost): void {
    this.host = host;
  }

  /** queue.Add: sync `key` after the controller's reaction time. */
  add(key: string): void {
    const h = this.host!;
    h.schedule(this.owner, this.latency(h), key);
  }

  /**
   * queue.AddAfter. Delayed requests live under their own timer target (`after`), so a pending
   * immediate sync does not swallow them; among delayed requests for a key the sooner wins,
   * which is enough because every sync asks again for the next moment it cares about.
   */
  addAfter(key: string, delayMs: number): void {
    const h = this.host!;
    h.schedule(this.owner, Math.max(delayMs, this.latency(h)), key, AFTER);
  }

  /** queue.AddRateLimited: after a failure, 5ms·2^n (at least the reaction time). */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    const h = this.host!;
    h.schedule(this.owner, Math.max(this.latency(h), Math.min(BASE_DELAY_MS * 2 ** n, MAX_DELAY_MS)), key);
  }

  /**
   * Call first thing in fire(): when the key's previous sync is still "running", the sync is
   * pushed back to when it ends and this returns true (skip the sync now).
   */
  deferred(key: string): boolean {
    const h = this.host!;
    const until = this.busy.get(key);
    if (until === undefined) return false;
    const now = h.now();
    if (now >= until) {
      this.busy.delete(key);
      return false;
    }
    h.schedule(this.owner, until - now, key);
    return true;
  }

  /** Call after a sync that looked at `items` objects: the next sync of the key waits that long. */
  synced(key: string, items: number): void {
    // Small syncs (a chapter's handful of pods) are instant, so transcripts keep their timing.
    if (items < 100) return;
    this.busy.set(key, this.host!.now() + items * SYNC_COST_PER_ITEM_MS);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  save(): { failures: Record<string, number>; busy: Record<string, number> } {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
    return { failures: sorted(this.failures), busy: sorted(this.busy) };
  }

  load(state: unknown): void {
    this.failures.clear();
    this.busy.clear();
    const s = (state ?? {}) as { failures?: Record<string, unknown>; busy?: Record<string, unknown> };
    for (const [k, v] of Object.entries(s.failures ?? {})) if (typeof v === 'number') this.failures.set(k, v);
    for (const [k, v] of Object.entries(s.busy ?? {})) if (typeof v === 'number') this.busy.set(k, v);
  }
}

/** ExpectationsTimeout: expectations older than this count as satisfied (a lost watch event must not wedge a controller). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  /** creations still to be observed */
  add: number;
  /** `${ns}/${name}` of pods whose deletion is still to be observed */
  del: string[];
  /** when they were set, ms */
  at: number;
}

/**
 * ControllerExpectations / UIDTrackingControllerExpectations: what a controller asked the API
 * for and has not seen come back yet. A sync skips creating or deleting while they are pending,
 * so a sync that runs before its own writes are observed cannot double-create.
 *
 * In this simulator the store delivers change events synchronously after each write that is
 * not itself made inside a change listener, so expectations are normally met before a sync
 * returns; they still guard the case of a sync running while events are queued, and keep the
 * upstream shape (and survive snapshots).
 */
export class Expectations {
  private m = new Map<string, Expectation>();

  satisfied(key: string, now: number): boolean {
    const e = this.m.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del.length === 0) return true;
    return now - e.at > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, n: number, now: number): void {
    this.m.set(key, { add: n, del: [], at: now });
  }

  expectDeletions(key: string, podKeys: string[], now: number): void {
    this.m.set(key, { add: 0, del: [...podKeys], at: now });
  }

  creationObserved(key: string): void {
    const e = this.m.get(key);
    if (!e) return;
    e.add--;
    this.tidy(key, e);
  }

  /** Lowers the creation count by n (creations that were never made). */
  lowerCreations(key: string, n: number): void {
    const e = this.m.get(key);
    if (!e) return;
    e.add -= n;
    this.tidy(key, e);
  }

  deletionObserved(key: string, podKey: string): void {
    const e = this.m.get(key);
    if (!e) return;
    const i = e.del.indexOf(podKey);
    if (i >= 0) e.del.splice(i, 1);
    this.tidy(key, e);
  }

  delete(key: string): void {
    this.m.delete(key);
  }

  save(): Record<string, Expectation> {
    const out: Record<string, Expectation> = {};
    for (const k of [...this.m.keys()].sort()) {
      const e = this.m.get(k)!;
      out[k] = { add: e.add, del: [...e.del], at: e.at };
    }
    return out;
  }

  load(state: unknown): void {
    this.m.clear();
    if (!state || typeof state !== 'object') return;
    for (const [k, v] of Object.entries(state as Record<string, Expectation>)) {
      if (v && typeof v.add === 'number' && Array.isArray(v.del) && typeof v.at === 'number') this.m.set(k, { add: v.add, del: [...v.del], at: v.at });
    }
  }

  private tidy(key: string, e: Expectation): void {
    if (e.add <= 0 && e.del.length === 0) this.m.delete(key);
  }
}
