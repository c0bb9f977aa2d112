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
    const ns = obj.metadata.namespace ?? 'default';
    const involved: ObjectReference = {
      apiVersion: obj.apiVersion ?? 'v1',
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      resourceVersion: obj.metadata.resourceVersion,
      uid: obj.metadata.uid,
    };
    if (opts.fieldPath) involved.fieldPath = opts.fieldPath;
    if (!obj.metadata.namespace) delete involved.namespace;
    const name = `${obj.metadata.name}.${this.unixNanoHex(now)}`;

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

    const objectKey = [source.component, source.host ?? '', involved.kind, ns, involved.name, involved.uid, involved.apiVersion].join('\u0000');
    if (!this.takeToken(objectKey, now)) return undefined;

    const aggKey = [objectKey, involved.fieldPath ?? '', type, reason].join('\u0000');
    let agg = this.aggregates.get(aggKey);
    if (!agg || now - agg.at > AGGREGATE_WINDOW_MS) agg = { messages: [], at: now };
    if (!agg.messages.includes(message)) agg.messages.push(message);
    agg.at = now;
    this.aggregates.set(aggKey, agg);
    let dedupKey = aggKey + '\u0000' + message;
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
    const stored = this.store.create<Event>('events', ns, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: involved,
      reason,
      message,
      source: source.host ? { component: source.component, host: source.host } : { component: source.component },
      firstTimestamp: rfc3339(now),
      lastTimestamp: rfc3339(now),
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
    return {
      seq: this.seq,
      spam: Object.fromEntries(this.spam),
      aggregates: Object.fromEntries(this.aggregates),
      names: Object.fromEntries(this.names),
    };
  }

  load(s: EventRecorderState): void {
    this.seq = s.seq;
    this.spam = new Map(Object.entries(s.spam));
    this.aggregates = new Map(Object.entries(s.aggregates));
    this.names = new Map(Object.entries(s.names));
  }

  private takeToken(key: string, now: number): boolean {
    let b = this.spam.get(key);
    if (!b) b = { tokens: SPAM_BURST, at: now };
    const refill = Math.floor((now - b.at) / SPAM_REFILL_MS);
    if (refill > 0) b = { tokens: Math.min(SPAM_BURST, b.tokens + refill), at: b.at + refill * SPAM_REFILL_MS };
    if (b.tokens <= 0) {
      this.spam.set(key, b);
      return false;
    }
    this.spam.set(key, { tokens: b.tokens - 1, at: b.tokens === SPAM_BURST ? now : b.at });
    return true;
  }

  /** Event names are `<object>.<hex unix nanoseconds>` (tools/record/event.go). */
  private unixNanoHex(ms: number): string {
    const ns = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    return ns.toString(16);
  }
}
