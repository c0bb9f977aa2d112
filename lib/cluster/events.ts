// Events as components record them (client-go tools/record and the events.k8s.io/v1 broadcaster
// the scheduler uses), stored as core/v1 Events so `kubectl describe` and `get events` see them.
//
// Like client-go's EventCorrelator (tools/record/events_cache.go), core/v1 events pass three
// filters in order: a spam filter (a token bucket per source and object: burst 25, one token back
// every 5 minutes), an aggregator (more than 10 events differing only in message within 10 minutes
// become one "(combined from similar events): …" event) and a deduplicator (the same event again
// bumps count and lastTimestamp).

import type { Event, KubeObject, ObjectReference } from '../k8s/types';
import { rfc3339, rfc3339Micro } from '../k8s/duration';
import type { Store } from './store';
import { isApiError } from '../k8s/errors';

export interface EventSource {
  component: string;
  host?: string;
}

export interface RecordOptions {
  /** `spec.containers{web}` for container-level kubelet events */
  fieldPath?: string;
  /**
   * Recorded through the events.k8s.io/v1 API (the scheduler does): only eventTime, no
   * first/lastTimestamp, empty source, and an action.
   */
  action?: string;
  reportingInstance?: string;
}

const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;
const AGGREGATE_MAX = 10;
const AGGREGATE_WINDOW_MS = 600_000;

interface Bucket {
  tokens: number;
  at: number;
}

interface Aggregate {
  messages: string[];
  at: number;
}

export interface EventRecorderState {
  seq: number;
  spam: Record<string, Bucket>;
  aggregates: Record<string, Aggregate>;
  names: Record<string, string>;
}

/**
 * The correlator's state for one source (component and host) and one involved object: its spam
 * bucket and its aggregation slots. Upstream keys these by joined strings (`getSpamKey`,
 * `EventAggregatorByReasonFunc`); built for every event those long keys cost more than the rest
 * of recording, so they are only spelled out for save() and parsed back by load().
 */
class Subject {
  bucket: Bucket | undefined = undefined;
  /** when the bucket was first made: its place in the saved `spam` record */
  bucketSeq = 0;
  readonly slots: Slot[] = [];
  /** another subject with the same uid */
  next: Subject | undefined = undefined;

  constructor(
    readonly component: string,
    readonly host: string,
    readonly kind: string,
    readonly ns: string,
    readonly name: string,
    readonly uid: string,
    readonly apiVersion: string,
  ) {}

  is(component: string, host: string, kind: string, ns: string, name: string, apiVersion: string): boolean {
    return this.component === component && this.host === host && this.kind === kind && this.ns === ns && this.name === name && this.apiVersion === apiVersion;
  }

  /** The spam key: source, then the object (events_cache.go getSpamKey). */
  key(): string {
    return [this.component, this.host, this.kind, this.ns, this.name, this.uid, this.apiVersion].join(SEP);
  }

  slot(fieldPath: string, type: string, reason: string): Slot {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const x = slots[i];
      if (x.reason === reason && x.type === type && x.fieldPath === fieldPath) return x;
    }
    const x = new Slot(fieldPath, type, reason);
    slots.push(x);
    return x;
  }
}

/** Events of one subject alike but for the message: their aggregate and what they dedup to. */
class Slot {
  agg: Aggregate | undefined = undefined;
  /** when the aggregate was first set: its place in the saved `aggregates` record */
  aggSeq = 0;
  /** the event the first message dedups to (most slots only ever see one message) */
  msg: string | undefined = undefined;
  name: Named | undefined = undefined;
  /** the events of further messages */
  more: Map<string, Named> | undefined = undefined;
  /** the "(combined from similar events)" event */
  combined: Named | undefined = undefined;

  constructor(
    readonly fieldPath: string,
    readonly type: string,
    readonly reason: string,
  ) {}

  /** The aggregation key: the spam key, then fieldPath, type and reason. */
  key(subject: Subject): string {
    return subject.key() + SEP + this.fieldPath + SEP + this.type + SEP + this.reason;
  }

  named(message: string | undefined): Named | undefined {
    if (message === undefined) return this.combined;
    if (this.msg === message) return this.name;
    return this.more?.get(message);
  }

  setNamed(message: string | undefined, n: Named): void {
    if (message === undefined) this.combined = n;
    else if (this.msg === undefined || this.msg === message) {
      this.msg = message;
      this.name = n;
    } else (this.more ??= new Map()).set(message, n);
  }
}

/** An event name the deduplicator remembers, and its place in the saved `names` record. */
interface Named {
  name: string;
  seq: number;
}

export class EventRecorder {
  private seq = 0;
  /** uid of the involved object → its subjects */
  private subjects = new Map<string, Subject>();
  private sources: Record<string, Map<string, EventSource>> = Object.create(null);
  private spamSeq = 0;
  private aggSeq = 0;
  private nameSeq = 0;

  constructor(private readonly store: Store) {}

  /**
   * Records an event; returns it, or undefined when the spam filter dropped it or the API refused
   * it (a terminating namespace, say): like client-go, a component never fails over an event.
   */
  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, opts: RecordOptions = {}): Event | undefined {
    try {
      return this.recordOrThrow(obj, type, reason, message, source, opts);
    } catch (e) {
      if (isApiError(e)) return undefined;
      throw e;
    }
  }

  private recordOrThrow(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, opts: RecordOptions): Event | undefined {
    const now = this.store.clock.now();
    const meta = obj.metadata;
    const ns = meta.namespace ?? 'default';
    // (one literal or the other rather than adding fieldPath afterwards: all fields inline)
    const involved: ObjectReference = opts.fieldPath
      ? { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind, name: meta.name, namespace: meta.namespace, resourceVersion: meta.resourceVersion, uid: meta.uid, fieldPath: opts.fieldPath }
      : { apiVersion: obj.apiVersion ?? 'v1', kind: obj.kind, name: meta.name, namespace: meta.namespace, resourceVersion: meta.resourceVersion, uid: meta.uid };
    if (!meta.namespace) delete involved.namespace;
    const name = `${meta.name}.${this.unixNanoHex(now)}`;

    if (opts.action) {
      // events.k8s.io/v1: no correlator, one object per event
      return this.store.create<Event>('events', ns, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: ns },
        involvedObject: involved,
        reason,
        message,
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        type,
        eventTime: rfc3339Micro(now),
        action: opts.action,
        reportingComponent: source.component,
        reportingInstance: opts.reportingInstance ?? `${source.component}-${source.host ?? ''}`,
      }, { owned: true, trusted: true });
    }

    // (missing parts count as empty, as in the joined keys)
    const subject = this.subject(source.component ?? '', source.host ?? '', involved.kind ?? '', ns, involved.name ?? '', involved.uid ?? '', involved.apiVersion ?? '');
    if (!this.takeToken(subject, now)) return undefined;

    const slot = subject.slot(involved.fieldPath ?? '', type ?? '', reason ?? '');
    let agg = slot.agg;
    if (!agg || now - agg.at > AGGREGATE_WINDOW_MS) {
      agg = { messages: [], at: now };
      if (!slot.agg) slot.aggSeq = this.aggSeq++;
      slot.agg = agg;
    }
    if (!agg.messages.includes(message)) agg.messages.push(message);
    agg.at = now;
    // the message the event dedups by; undefined: every further similar event counts on the combined one
    let dedup: string | undefined = message;
    if (agg.messages.length > AGGREGATE_MAX) {
      message = `(combined from similar events): ${message}`;
      dedup = undefined;
    }

    const existing = slot.named(dedup);
    const ev = existing ? this.store.find<Event>('events', ns, existing.name) : undefined;
    if (ev) {
      const updated: Event = { ...ev, metadata: { ...ev.metadata }, count: (ev.count ?? 1) + 1, lastTimestamp: rfc3339(now), message };
      return this.store.update<Event>('events', ns, updated, { owned: true, trusted: true });
    }
    const ts = rfc3339(now);
    const stored = this.store.create<Event>('events', ns, {
      apiVersion: 'v1',
      kind: 'Event',
      // the members the store fills in are declared here, in the order it adds them (one
      // object with all its fields inline, instead of one that grows)
      metadata: { name, namespace: ns, uid: undefined, creationTimestamp: undefined, resourceVersion: undefined },
      involvedObject: involved,
      reason,
      message,
      source: this.sourceOf(source),
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: opts.reportingInstance ?? source.host ?? '',
    }, { owned: true, trusted: true });
    if (existing) existing.name = stored.metadata.name!;
    else slot.setNamed(dedup, { name: stored.metadata.name!, seq: this.nameSeq++ });
    return stored;
  }

  save(): EventRecorderState {
    const buckets: [number, string, Bucket][] = [];
    const aggs: [number, string, Aggregate][] = [];
    const names: [number, string, string][] = [];
    for (const first of this.subjects.values()) {
      for (let s: Subject | undefined = first; s; s = s.next) {
        const key = s.key();
        if (s.bucket) buckets.push([s.bucketSeq, key, { tokens: s.bucket.tokens, at: s.bucket.at }]);
        for (const slot of s.slots) {
          const aggKey = key + SEP + slot.fieldPath + SEP + slot.type + SEP + slot.reason;
          if (slot.agg) aggs.push([slot.aggSeq, aggKey, { messages: [...slot.agg.messages], at: slot.agg.at }]);
          if (slot.name) names.push([slot.name.seq, aggKey + SEP + slot.msg, slot.name.name]);
          for (const [m, n] of slot.more ?? []) names.push([n.seq, aggKey + SEP + m, n.name]);
          if (slot.combined) names.push([slot.combined.seq, aggKey, slot.combined.name]);
        }
      }
    }
    // in the order the keys first appeared, as three maps keyed by those strings would keep them
    const record = <V>(entries: [number, string, V][]): Record<string, V> => {
      entries.sort((a, b) => a[0] - b[0]);
      const out: Record<string, V> = {};
      for (const [, k, v] of entries) out[k] = v;
      return out;
    };
    return { seq: this.seq, spam: record(buckets), aggregates: record(aggs), names: record(names) };
  }

  load(s: EventRecorderState): void {
    this.seq = s.seq;
    this.subjects = new Map();
    this.spamSeq = this.aggSeq = this.nameSeq = 0;
    for (const [key, b] of Object.entries(s.spam)) {
      const subject = this.parse(key.split(SEP));
      if (!subject) continue;
      subject.bucket = { tokens: b.tokens, at: b.at };
      subject.bucketSeq = this.spamSeq++;
    }
    for (const [key, a] of Object.entries(s.aggregates)) {
      const parts = key.split(SEP);
      const subject = parts.length === 10 ? this.parse(parts) : undefined;
      if (!subject) continue;
      const slot = subject.slot(parts[7], parts[8], parts[9]);
      slot.agg = { messages: [...a.messages], at: a.at };
      slot.aggSeq = this.aggSeq++;
    }
    for (const [key, name] of Object.entries(s.names)) {
      const parts = key.split(SEP);
      const subject = parts.length >= 10 ? this.parse(parts) : undefined;
      if (!subject) continue;
      subject.slot(parts[7], parts[8], parts[9]).setNamed(parts.length === 10 ? undefined : parts.slice(10).join(SEP), { name, seq: this.nameSeq++ });
    }
  }

  /**
   * The stored event's `source`, shared by every event of the same component and host (events
   * are deep-frozen once stored, so sharing is safe, and there are tens of thousands of them).
   */
  private sourceOf(source: EventSource): EventSource {
    const byHost = (this.sources[source.component] ??= new Map<string, EventSource>());
    const host = source.host ?? '';
    let s = byHost.get(host);
    if (!s) {
      s = Object.freeze(source.host ? { component: source.component, host: source.host } : { component: source.component });
      if (byHost.size < 1000) byHost.set(host, s);
    }
    return s;
  }

  /** The subject a saved key names (its first seven parts). */
  private parse(parts: string[]): Subject | undefined {
    if (parts.length < 7) return undefined;
    return this.subject(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
  }

  private subject(component: string, host: string, kind: string, ns: string, name: string, uid: string, apiVersion: string): Subject {
    const first = this.subjects.get(uid);
    let last: Subject | undefined;
    for (let s = first; s; s = s.next) {
      if (s.is(component, host, kind, ns, name, apiVersion)) return s;
      last = s;
    }
    const s = new Subject(component, host, kind, ns, name, uid, apiVersion);
    if (last) last.next = s;
    else this.subjects.set(uid, s);
    return s;
  }

  private takeToken(subject: Subject, now: number): boolean {
    let b = subject.bucket;
    if (!b) {
      b = subject.bucket = { tokens: SPAM_BURST, at: now };
      subject.bucketSeq = this.spamSeq++;
    }
    const refill = Math.floor((now - b.at) / SPAM_REFILL_MS);
    if (refill > 0) {
      b.tokens = Math.min(SPAM_BURST, b.tokens + refill);
      b.at += refill * SPAM_REFILL_MS;
    }
    if (b.tokens <= 0) return false;
    if (b.tokens === SPAM_BURST) b.at = now;
    b.tokens--;
    return true;
  }

  /** Event names are `<object>.<hex unix nanoseconds>` (tools/record/event.go). */
  private unixNanoHex(ms: number): string {
    const whole = Math.floor(ms);
    const seq = this.seq++ % 1_000_000;
    return nanoHex(whole, seq);
  }
}

/**
 * (ms·10⁶ + seq) in hex. That exceeds 2^53, so it is worked out exactly in two halves,
 * hi·2^24 + lo, instead of with a BigInt for every event.
 */
export function nanoHex(ms: number, seq: number): string {
  if (ms < 0 || !Number.isSafeInteger(ms)) return (BigInt(ms) * 1_000_000n + BigInt(seq)).toString(16);
  // three 24-bit digits groups (small integers print fast in hex; big doubles do not)
  const low = (ms % TWO_24) * 1_000_000 + seq;
  const midAll = Math.floor(ms / TWO_24) * 1_000_000 + Math.floor(low / TWO_24);
  const lo = low % TWO_24;
  const mid = midAll % TWO_24;
  const hi = Math.floor(midAll / TWO_24);
  if (hi) return hi.toString(16) + hex6(mid) + hex6(lo);
  if (mid) return mid.toString(16) + hex6(lo);
  return lo.toString(16);
}

function hex6(n: number): string {
  const h = n.toString(16);
  return h.length === 6 ? h : '000000'.slice(h.length) + h;
}

const SEP = '\u0000';
const TWO_24 = 16_777_216;
