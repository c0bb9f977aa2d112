// Events as components record them (client-go tools/record and the events.k8s.io/v1 broadcaster
// the scheduler uses), stored as core/v1 Events so `kubectl describe` and `get events` see them.

import type { Event, KubeObject, ObjectReference } from '../k8s/types';
import { apiVersionOf, resourceForKind } from '../k8s/resources';
import { rfc3339, rfc3339Micro } from '../k8s/duration';
import type { Store } from './store';

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

export class EventRecorder {
  /** aggregation key → event name, rebuilt from the store when missing */
  private byKey = new Map<string, string>();
  private seq = 0;

  constructor(private readonly store: Store) {}

  record(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource, opts: RecordOptions = {}): Event {
    const now = this.store.clock.now();
    const ns = obj.metadata.namespace ?? 'default';
    const involved: ObjectReference = {
      apiVersion: obj.apiVersion ?? apiVersionOf(resourceForKind('v1', obj.kind ?? '') ?? { group: '', version: 'v1' } as never),
      kind: obj.kind,
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      resourceVersion: obj.metadata.resourceVersion,
      uid: obj.metadata.uid,
    };
    if (opts.fieldPath) involved.fieldPath = opts.fieldPath;
    if (!obj.metadata.namespace) delete involved.namespace;

    const key = [source.component, source.host ?? '', involved.kind, ns, involved.name, involved.uid, involved.fieldPath ?? '', type, reason, message].join('\u0000');
    const existing = this.byKey.get(key);
    if (existing && !opts.action) {
      const ev = this.store.find<Event>('events', ns, existing);
      if (ev) {
        const updated: Event = {
          ...ev,
          metadata: { ...ev.metadata },
          count: (ev.count ?? 1) + 1,
          lastTimestamp: rfc3339(now),
        };
        return this.store.update<Event>('events', ns, updated, { owned: true });
      }
    }

    const name = `${obj.metadata.name}.${this.unixNanoHex(now)}`;
    let ev: Event;
    if (opts.action) {
      ev = {
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
      };
    } else {
      ev = {
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
      };
    }
    const stored = this.store.create<Event>('events', ns, ev, { owned: true });
    if (!opts.action) this.byKey.set(key, stored.metadata.name!);
    return stored;
  }

  /** Event names are `<object>.<hex unix nanoseconds>` (tools/record/event.go). */
  private unixNanoHex(ms: number): string {
    const ns = BigInt(Math.floor(ms)) * 1_000_000n + BigInt(this.seq++ % 1_000_000) * 1n;
    return ns.toString(16);
  }

  /** Forgets the aggregation cache (after a restore it is rebuilt as events recur). */
  reset(): void {
    this.byKey.clear();
  }
}
