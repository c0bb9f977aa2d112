// Namespace, ConfigMap, Secret and ServiceAccount describers, and the generic describer kubectl
// falls back to for kinds without one (Event among them): describe.go describeNamespace,
// ConfigMapDescriber, describeSecret, describeServiceAccount, genericDescriber.

import type { ConfigMap, Event, KubeObject, Namespace, Secret, ServiceAccount } from '../../k8s/types';
import { goSprint } from '../format/gofmt';
import { maybeEvents, printAnnotationsMultiline, printLabelsMultiline, quantityText } from './common';
import { LEVEL_0, LEVEL_1, goStringLess, tabbedString } from './writer';
import type { DescribeOptions, PrefixWriter } from './writer';

type Dict = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const QUOTA_SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function describeResourceQuotas(w: PrefixWriter, quotas: readonly KubeObject[]): void {
  if (quotas.length === 0) {
    w.write(LEVEL_0, 'No resource quota.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of [...quotas].sort((a, b) => goStringLess(a.metadata.name ?? '', b.metadata.name ?? ''))) {
    const spec = (q.spec ?? {}) as { scopes?: string[] };
    const status = (q.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
    w.write(LEVEL_1, `Name:\t${q.metadata.name ?? ''}\n`);
    if (spec.scopes && spec.scopes.length > 0) {
      const scopes = [...spec.scopes].sort(goStringLess);
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (QUOTA_SCOPE_HELP[s]) w.write(LEVEL_1, `* ${QUOTA_SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    for (const r of Object.keys(status.hard ?? {}).sort(goStringLess)) {
      w.write(LEVEL_1, `${r}\t${quantityText(status.used?.[r])}\t${quantityText(status.hard?.[r])}\n`);
    }
  }
}

function describeLimitRanges(w: PrefixWriter, ranges: readonly KubeObject[]): void {
  if (ranges.length === 0) {
    w.write(LEVEL_0, 'No LimitRange resource.\n');
    return;
  }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of ranges) {
    const limits = ((lr.spec as Dict | undefined)?.limits ?? []) as Dict[];
    for (const item of limits) {
      const lists = ['min', 'max', 'defaultRequest', 'default', 'maxLimitRequestRatio'].map((k) => (item[k] ?? {}) as Record<string, string>);
      // upstream ranges over a Go map here (random order); sorted names keep the output stable
      const names = [...new Set(lists.flatMap((l) => Object.keys(l)))].sort(goStringLess);
      for (const n of names) {
        const [min, max, defReq, def, ratio] = lists.map((l) => (l[n] === undefined ? '-' : quantityText(l[n])));
        w.write(LEVEL_0, ` ${str(item.type)}\t${n}\t${min}\t${max}\t${defReq}\t${def}\t${ratio}\n`);
      }
    }
  }
}

export interface NamespaceDescribeData {
  /** the namespace's ResourceQuotas; undefined when the server has none to list (section left out) */
  resourceQuotas?: readonly KubeObject[];
  /** the namespace's LimitRanges; undefined when the server has none to list (section left out) */
  limitRanges?: readonly KubeObject[];
}

export function describeNamespace(ns: Namespace, data: NamespaceDescribeData, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${ns.metadata.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conditions = ((ns.status as Dict | undefined)?.conditions ?? []) as Dict[];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${str(c.type)}\t${str(c.status)}\t${w.time(str(c.lastTransitionTime))}\t${str(c.reason)}\t${str(c.message)}\n`);
      }
    }
    if (data.resourceQuotas !== undefined) {
      w.write(LEVEL_0, '\n');
      describeResourceQuotas(w, data.resourceQuotas);
    }
    if (data.limitRanges !== undefined) {
      w.write(LEVEL_0, '\n');
      describeLimitRanges(w, data.limitRanges);
    }
  });
}

/** The decoded length of a base64 value (len([]byte) of a Secret's data entry). */
function base64Length(b64: string): number {
  const s = b64.replace(/\s/g, '');
  const padding = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((s.length * 3) / 4) - padding);
}

function base64Decode(b64: string): string {
  try {
    const bin = atob(b64);
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}

/**
 * describeSecret: values hidden as `key:  N bytes`, except a service-account token. Upstream
 * ranges over the data map (random order); keys are sorted here.
 */
export function describeSecret(secret: Secret, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = secret.data ?? {};
    for (const k of Object.keys(data).sort(goStringLess)) {
      if (k === 'token' && secret.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${base64Decode(data[k])}\n`);
      else w.write(LEVEL_0, `${k}:\t${base64Length(data[k])} bytes\n`);
    }
  });
}

/**
 * ConfigMapDescriber: each data key, `----`, the value and a blank line; then BinaryData sizes
 * and the events. Upstream ranges over Go maps (random order); keys are sorted here.
 */
export function describeConfigMap(cm: ConfigMap, data: { events?: readonly Event[] }, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    const d = cm.data ?? {};
    for (const k of Object.keys(d).sort(goStringLess)) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${d[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const b = cm.binaryData ?? {};
    for (const k of Object.keys(b).sort(goStringLess)) w.write(LEVEL_0, `${k}: ${base64Length(b[k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    maybeEvents(w, data.events ?? []);
  });
}

export interface ServiceAccountDescribeData {
  /** the namespace's Secrets, to find token secrets and missing references; undefined if not listable */
  secrets?: readonly Secret[];
  events?: readonly Event[];
}

export function describeServiceAccount(sa: ServiceAccount, data: ServiceAccountDescribeData, opts: DescribeOptions): string {
  const tokens: string[] = [];
  const missing = new Set<string>();
  const pull = ((sa.imagePullSecrets ?? []) as { name?: string }[]).map((s) => s.name ?? '');
  const mount = (sa.secrets ?? []).map((s) => s.name ?? '');
  if (data.secrets) {
    const existing = new Set<string>();
    for (const s of data.secrets) {
      if (s.type === 'kubernetes.io/service-account-token') {
        const a = s.metadata.annotations ?? {};
        if (a['kubernetes.io/service-account.name'] === sa.metadata.name && a['kubernetes.io/service-account.uid'] === sa.metadata.uid) tokens.push(s.metadata.name ?? '');
      }
      existing.add(s.metadata.name ?? '');
    }
    for (const n of [...mount, ...pull]) if (!existing.has(n)) missing.add(n);
  }
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const emptyHeader = '                   ';
    // sets.List(sets.KeySet(types)): the headers in sorted order
    const sections: [string, string[]][] = [
      ['Image pull secrets:', pull],
      ['Mountable secrets: ', mount],
      ['Tokens:            ', tokens],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
        prefix = emptyHeader;
      }
    }
    maybeEvents(w, data.events ?? []);
  });
}

// ---------------------------------------------------------------------------------------------
// Generic describer

/** fatih/camelcase Split: runs of lower, upper, digit and other runes; `HTTPServer` → HTTP, Server. */
function camelSplit(s: string): string[] {
  const cls = (ch: string) => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const c = cls(ch);
    if (c === last && runs.length > 0) runs[runs.length - 1].push(ch);
    else runs.push([ch]);
    last = c;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (cls(runs[i][0]) === 2 && cls(runs[i + 1][0]) === 1) {
      runs[i + 1].unshift(runs[i].pop() as string);
    }
  }
  return runs.filter((r) => r.length > 0).map((r) => r.join(''));
}

/** smartLabelFor: `apiVersion` → `API Version`; names with other than letters and '-' as they are. */
export function smartLabelFor(field: string): string {
  if ([...field].some((ch) => !/\p{L}/u.test(ch) && ch !== '-')) return field;
  const acronyms = ['API', 'URL', 'UID', 'OSB', 'GUID'];
  return camelSplit(field)
    .filter((p) => p !== '_')
    .map((p) => (acronyms.includes(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join(' ');
}

function printUnstructuredContent(w: PrefixWriter, level: number, content: Dict, skipPrefix: string, skip: readonly string[]): void {
  for (const field of Object.keys(content).sort(goStringLess)) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (skip.includes(skipExpr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value as Dict, skipExpr, skip);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child as Dict, skipExpr, skip);
        else w.write(level + 1, `${goSprint(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${goSprint(value)}\n`);
    }
  }
}

/**
 * genericDescriber: Name, Namespace, Labels, Annotations, then every other field of the object
 * (sorted, camel-case split into words), then its events. `kubectl describe event` uses this.
 */
export function describeGeneric(obj: KubeObject, data: { events?: readonly Event[] }, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj as unknown as Dict, '', ['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
    maybeEvents(w, data.events ?? []);
  });
}

/** `kubectl describe event X`: events have no describer of their own, so the generic one. */
export function describeEvent(ev: Event, data: { events?: readonly Event[] }, opts: DescribeOptions): string {
  return describeGeneric(ev, data, opts);
}
