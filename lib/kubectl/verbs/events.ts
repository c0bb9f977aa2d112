// `kubectl events` (kubectl pkg/cmd/events, v1.32): the namespace's core/v1 Events, oldest first,
// as `LAST SEEN  TYPE  REASON  OBJECT  MESSAGE` (NAMESPACE first with -A), ages from the client's
// clock; `--for=pod/x` narrows to one object, `--types=Warning,Normal` to those types. An empty
// result is `No events found in default namespace.` on stderr. -w and -o are not run here.
//
// And `kubectl top pod|node`: Podbook's cluster, like docker-desktop out of the box, has no
// metrics-server, so it says what the real kubectl says then: `error: Metrics API not available`.

import type { KubeObject } from '../../k8s/types';
import { getTabWriter } from '../format/tabwriter';
import { findResource } from '../resources';
import { microSince, since } from '../printers/tables/helpers';
import { KubectlError, printError } from '../invocation';
import type { Verb } from '../invocation';
import { notSupportedMessage } from './unsupported';
import { str, strings } from './common';

interface EventLike extends KubeObject {
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
  involvedObject?: { kind?: string; name?: string; namespace?: string };
}

/** events.go eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function sortTime(e: EventLike): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}

/** event_printer.go getInterval. */
function interval(e: EventLike, now: number): string {
  const first = e.eventTime ? microSince(e.eventTime, now) : since(e.firstTimestamp, now);
  if (e.series) return `${microSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export const events: Verb = async (inv) => {
  try {
    const f = inv.flags;
    if (f.watch === true || str(f.output)) {
      inv.err(notSupportedMessage(f.watch === true ? 'kubectl events --watch' : 'kubectl events -o'));
      return 1;
    }
    if (inv.args.length > 0) throw new KubectlError(`unknown command "${inv.args[0]}" for "kubectl events"`);
    const all = inv.allNamespaces;
    const fieldSelectors: string[] = [];
    const forArg = str(f.for);
    if (forArg) {
      const slash = forArg.indexOf('/');
      const info = slash > 0 ? findResource(await inv.client.resources(), forArg.slice(0, slash)) : undefined;
      if (!info) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(slash > 0 ? forArg.slice(0, slash) : forArg)}`);
      fieldSelectors.push(`involvedObject.kind=${info.kind}`, `involvedObject.name=${forArg.slice(slash + 1)}`);
    }
    const list = await inv.client.list<EventLike>('events', all ? undefined : inv.namespace, fieldSelectors.length ? { fieldSelector: fieldSelectors.join(',') } : {});
    const types = strings(f.types).map((t) => t.toLowerCase());
    for (const t of types) if (t !== 'normal' && t !== 'warning') throw new KubectlError(`valid --types are Normal or Warning`);
    const items = list.items.filter((e) => types.length === 0 || types.includes((e.type ?? '').toLowerCase()));
    if (items.length === 0) {
      inv.err(all ? 'No events found.\n' : `No events found in ${inv.namespace} namespace.\n`);
      return 0;
    }
    // kubectl uses sort.Sort, which is not stable: events with equal times (same second) may come
    // out in another order than this stable sort keeps (the server's list order)
    const sorted = items.map((e, i) => ({ e, i })).sort((a, b) => sortTime(a.e) - sortTime(b.e) || a.i - b.i).map((x) => x.e);
    const now = inv.client.now();
    const w = getTabWriter();
    if (f['no-headers'] !== true) w.write(`${all ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`);
    for (const e of sorted) {
      const obj = `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`;
      w.write(`${all ? `${e.metadata.namespace ?? ''}\t` : ''}${interval(e, now)}\t${e.type ?? ''}\t${e.reason ?? ''}\t${obj}\t${(e.message ?? '').trim()}\n`);
    }
    inv.out(w.flush());
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

export const top: Verb = async (inv) => printError(inv, new KubectlError('Metrics API not available'));
