// Pending work as data. Every delayed action in the cluster (a controller's next sync, a kubelet
// stage, a back-off) is a timer {at, target, key}: a named handler and a string key, never a
// closure. So a snapshot can carry the queue and a restored cluster resumes exactly.

export interface Timer {
  at: number;
  seq: number;
  target: string;
  key: string;
}

/** A binary min-heap on (at, seq) with one live timer per (target, key). */
export class TimerQueue {
  private heap: Timer[] = [];
  private live = new Map<string, Timer>();
  private seq = 0;

  get size(): number {
    return this.live.size;
  }

  /**
   * Schedules target(key) at `at`. If one is already pending for the same target and key, the
   * earlier of the two wins (like a rate-limited work queue that dedups keys).
   */
  add(at: number, target: string, key: string): void {
    const id = target + '\u0000' + key;
    const cur = this.live.get(id);
    if (cur && cur.at <= at) return;
    const t: Timer = { at, seq: this.seq++, target, key };
    this.live.set(id, t);
    this.push(t);
  }

  /** Replaces any pending timer for (target, key), even a sooner one. */
  reset(at: number, target: string, key: string): void {
    this.live.delete(target + '\u0000' + key);
    this.add(at, target, key);
  }

  cancel(target: string, key: string): void {
    this.live.delete(target + '\u0000' + key);
  }

  has(target: string, key: string): boolean {
    return this.live.has(target + '\u0000' + key);
  }

  /** When the next live timer fires, or undefined. */
  peekAt(): number | undefined {
    this.dropDead();
    return this.heap[0]?.at;
  }

  /** Removes and returns the next live timer due at or before `t`. */
  popDue(t: number): Timer | undefined {
    this.dropDead();
    const top = this.heap[0];
    if (!top || top.at > t) return undefined;
    this.pop();
    this.live.delete(top.target + '\u0000' + top.key);
    return top;
  }

  toJSON(): Timer[] {
    return [...this.live.values()].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  static fromJSON(timers: Timer[]): TimerQueue {
    const q = new TimerQueue();
    for (const t of timers) {
      const copy = { ...t };
      q.live.set(t.target + '\u0000' + t.key, copy);
      q.push(copy);
      q.seq = Math.max(q.seq, t.seq + 1);
    }
    return q;
  }

  private dropDead(): void {
    while (this.heap.length) {
      const top = this.heap[0];
      if (this.live.get(top.target + '\u0000' + top.key) === top) return;
      this.pop();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (!h.length) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
