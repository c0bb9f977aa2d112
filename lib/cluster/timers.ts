// Pending work as data. Every delayed action in the cluster (a controller's next sync, a kubelet
// stage, a back-off) is a timer {at, target, key}: a named handler and a string key, never a
// closure. So a snapshot can carry the queue and a restored cluster resumes exactly.

export interface Timer {
  at: number;
  seq: number;
  target: string;
  key: string;
}

/**
 * A timer as the queue keeps it. The target `owner:sub` (`kubelet:default/web-1`) is kept in
 * its two parts, so the cluster can schedule and dispatch without building and hashing the
 * joined string every time; a target without a colon has no sub.
 */
class Entry implements Timer {
  /** replaced or cancelled: the heap drops it when it comes to the top */
  dead = false;

  constructor(
    public at: number,
    public seq: number,
    readonly owner: string,
    /** undefined: the target is the owner alone */
    readonly sub: string | undefined,
    readonly key: string,
    /** the live map it is filed in, and under which key (while it is live) */
    readonly home: Map<string, Entry>,
    readonly subKey: string,
  ) {}

  get target(): string {
    return this.sub === undefined ? this.owner : this.owner + ':' + this.sub;
  }
}

/** owner → key → sub ('' for none; a target `owner:` has the sub SUB_EMPTY) → live entry */
type Live = Map<string, Map<string, Map<string, Entry>>>;

/** The sub of a target `owner:` (distinct from a target without a colon). */
const SUB_EMPTY = '\u0000';

function splitTarget(target: string): [string, string | undefined] {
  const i = target.indexOf(':');
  return i < 0 ? [target, undefined] : [target.slice(0, i), target.slice(i + 1)];
}

/** A binary min-heap on (at, seq) with one live timer per (target, key). */
export class TimerQueue {
  private heap: Entry[] = [];
  private live: Live = new Map();
  private count = 0;
  private seq = 0;

  get size(): number {
    return this.count;
  }

  /**
   * Schedules target(key) at `at`. If one is already pending for the same target and key, the
   * earlier of the two wins (like a rate-limited work queue that dedups keys).
   */
  add(at: number, target: string, key: string): void {
    const [owner, sub] = splitTarget(target);
    this.addFor(at, owner, sub, key);
  }

  /** add() for the target `owner:sub` (`owner` alone when sub is undefined). */
  addFor(at: number, owner: string, sub: string | undefined, key: string): void {
    const m = this.subs(owner, key, true)!;
    const s = sub === undefined ? '' : sub === '' ? SUB_EMPTY : sub;
    const cur = m.get(s);
    if (cur && cur.at <= at) return;
    const t = new Entry(at, this.seq++, owner, sub, key, m, s);
    if (cur) cur.dead = true;
    else this.count++;
    m.set(s, t);
    this.push(t);
  }

  /** Replaces any pending timer for (target, key), even a sooner one. */
  reset(at: number, target: string, key: string): void {
    const [owner, sub] = splitTarget(target);
    this.resetFor(at, owner, sub, key);
  }

  resetFor(at: number, owner: string, sub: string | undefined, key: string): void {
    this.cancelFor(owner, sub, key);
    this.addFor(at, owner, sub, key);
  }

  cancel(target: string, key: string): void {
    const [owner, sub] = splitTarget(target);
    this.cancelFor(owner, sub, key);
  }

  cancelFor(owner: string, sub: string | undefined, key: string): void {
    const byKey = this.live.get(owner);
    const m = byKey?.get(key);
    if (!m) return;
    const s = sub === undefined ? '' : sub === '' ? SUB_EMPTY : sub;
    const e = m.get(s);
    if (!e) return;
    e.dead = true;
    m.delete(s);
    this.count--;
    if (m.size === 0) byKey!.delete(key);
  }

  has(target: string, key: string): boolean {
    const [owner, sub] = splitTarget(target);
    return this.find(owner, sub, key) !== undefined;
  }

  /** When the next live timer fires, or undefined. */
  peekAt(): number | undefined {
    this.dropDead();
    return this.heap.length ? this.heap[0].at : undefined;
  }

  /** Removes and returns the next live timer due at or before `t`. */
  popDue(t: number): Entry | undefined {
    this.dropDead();
    const top = this.heap[0];
    if (!top || top.at > t) return undefined;
    this.pop();
    // the top is live, so it is in its home map, and that map is still filed
    top.dead = true;
    top.home.delete(top.subKey);
    this.count--;
    if (top.home.size === 0) this.live.get(top.owner)?.delete(top.key);
    return top;
  }

  toJSON(): Timer[] {
    const all: Entry[] = [];
    for (const byKey of this.live.values()) for (const bySub of byKey.values()) for (const e of bySub.values()) all.push(e);
    all.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return all.map((e) => ({ at: e.at, seq: e.seq, target: e.target, key: e.key }));
  }

  static fromJSON(timers: Timer[]): TimerQueue {
    const q = new TimerQueue();
    for (const t of timers) {
      const [owner, sub] = splitTarget(t.target);
      const m = q.subs(owner, t.key, true)!;
      const s = sub === undefined ? '' : sub === '' ? SUB_EMPTY : sub;
      const e = new Entry(t.at, t.seq, owner, sub, t.key, m, s);
      const cur = m.get(s);
      if (cur) cur.dead = true;
      else q.count++;
      m.set(s, e);
      q.push(e);
      q.seq = Math.max(q.seq, t.seq + 1);
    }
    return q;
  }

  private subs(owner: string, key: string, create: boolean): Map<string, Entry> | undefined {
    let byKey = this.live.get(owner);
    if (!byKey) {
      if (!create) return undefined;
      this.live.set(owner, (byKey = new Map()));
    }
    let bySub = byKey.get(key);
    if (!bySub) {
      if (!create) return undefined;
      byKey.set(key, (bySub = new Map()));
    }
    return bySub;
  }

  private find(owner: string, sub: string | undefined, key: string): Entry | undefined {
    return this.subs(owner, key, false)?.get(sub === undefined ? '' : sub === '' ? SUB_EMPTY : sub);
  }

  private dropDead(): void {
    const h = this.heap;
    while (h.length && h[0].dead) this.pop();
  }

  private push(t: Entry): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (!(t.at < parent.at || (t.at === parent.at && t.seq < parent.seq))) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    const n = h.length;
    if (!n) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let m = l;
      if (r < n && (h[r].at < h[l].at || (h[r].at === h[l].at && h[r].seq < h[l].seq))) m = r;
      const c = h[m];
      if (!(c.at < last.at || (c.at === last.at && c.seq < last.seq))) break;
      h[i] = c;
      i = m;
    }
    h[i] = last;
  }
}
