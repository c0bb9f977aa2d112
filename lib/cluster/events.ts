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

export class EventRecorder {
  private seq = 0;
  /** dedup key → event name */
  private names = new Map<string, string>();
  private spam = new Map<string, Bucket>();
  private aggregates = new Map<string, Aggregate>();

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
    const involved: ObjectReference = {
      apiVersion: obj.apiVersion ?? 'v1',
      kind: obj.kind,
      name: meta.name,
      namespace: meta.namespace,
      resourceVersion: meta.resourceVersion,
      uid: meta.uid,
    };
    if (opts.fieldPath) involved.fieldPath = opts.fieldPath;
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

    // (string concatenation rather than [..].join: this runs for every event)
    const objectKey = source.component + SEP + (source.host ?? '') + SEP + involved.kind + SEP + ns + SEP + involved.name + SEP + involved.uid + SEP + involved.apiVersion;
    if (!this.takeToken(objectKey, now)) return undefined;

    const aggKey = objectKey + SEP + (involved.fieldPath ?? '') + SEP + type + SEP + reason;
    let agg = this.aggregates.get(aggKey);
    if (!agg || now - agg.at > AGGREGATE_WINDOW_MS) {
      agg = { messages: [], at: now };
      this.aggregates.set(aggKey, agg);
    }
    if (!agg.messages.includes(message)) agg.messages.push(message);
    agg.at = now;
    let dedupKey = aggKey + SEP + message;
    if (agg.messages.length > AGGREGATE_MAX) {
      message = `(combined from similar events): ${message}`;
      dedupKey = aggKey; // every further similar event counts on the combined one
    }

    const existing = this.names.get(dedupKey);
    const ev = existing ? this.store.find<Event>('events', ns, existing) : undefined;
    if (ev) {
      const updated: Event = { ...ev, metadata: { ...ev.metadata }, count: (ev.count ?? 1) + 1, lastTimestamp: rfc3339(now), message };
      return this.store.update<Event>('events', ns, updated, { owned: true, trusted: true });
    }
    const ts = rfc3339(now);
    const stored = this.store.create<Event>('events', ns, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: involved,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      eventTime: null,
      reportingComponent: source.component,
      reportingInstance: opts.reportingInstance ?? source.host ?? '',
    }, { owned: true, trusted: true });
    this.names.set(dedupKey, stored.metadata.name!);
    return stored;
  }

  save(): EventRecorderState {
    // copies: the recorder keeps changing its buckets and aggregates in place
    const spam: Record<string, Bucket> = {};
    for (const [k, b] of this.spam) spam[k] = { tokens: b.tokens, at: b.at };
    const aggregates: Record<string, Aggregate> = {};
    for (const [k, a] of this.aggregates) aggregates[k] = { messages: [...a.messages], at: a.at };
    return { seq: this.seq, spam, aggregates, names: Object.fromEntries(this.names) };
  }

  load(s: EventRecorderState): void {
    this.seq = s.seq;
    this.spam = new Map(Object.entries(s.spam).map(([k, b]) => [k, { tokens: b.tokens, at: b.at }]));
    this.aggregates = new Map(Object.entries(s.aggregates).map(([k, a]) => [k, { messages: [...a.messages], at: a.at }]));
    this.names = new Map(Object.entries(s.names));
  }

  private takeToken(key: string, now: number): boolean {
    let b = this.spam.get(key);
    if (!b) {
      b = { tokens: SPAM_BURST, at: now };
      this.spam.set(key, b);
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
  let lo = (ms % TWO_24) * 1_000_000 + seq;
  const hi = Math.floor(ms / TWO_24) * 1_000_000 + Math.floor(lo / TWO_24);
  lo %= TWO_24;
  if (hi === 0) return lo.toString(16);
  const l = lo.toString(16);
  return hi.toString(16) + (l.length === 6 ? l : '000000'.slice(l.length) + l);
}

const SEP = '\u0000';
const TWO_24 = 16_777_216;
