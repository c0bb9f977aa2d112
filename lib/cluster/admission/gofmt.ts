// How the API server renders bad values and spec diffs in validation messages.
//
// * field.Error.ErrorBody prints strings with %q, ints/bools with %v, and everything else with
//   Go's %#v (apimachinery pkg/util/validation/field/errors.go). The helpers below reproduce
//   the %#v forms that Podbook's validators need: maps, string slices, label selectors and the
//   core.ServicePort key of the duplicate-port check.
// * ValidatePodUpdate appends `cmp.Diff(oldPod.Spec, mungedPodSpec)` of the *internal*
//   core.PodSpec (github.com/google/go-cmp). podSpecDiff is a faithful-in-shape rendering of that
//   report: same header, same `- `/`+ ` markers, tabs, 2 records of context and
//   `... // N identical fields` elision. The byte-exact output of cmp is deliberately unstable
//   upstream (it randomly swaps spaces for U+00A0), so nobody can rely on more than the shape.

import { goQuote } from '../../k8s/errors';
import type { LabelSelector } from '../../k8s/types';

/** %#v of a map[string]string: keys sorted, `map[string]string{"a":"b", "c":"d"}`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`;
}

/** %#v of a []string: `[]string{"a", "b"}`. */
export function goStringSlice(a: string[] | undefined | null): string {
  if (a === undefined || a === null) return '[]string(nil)';
  return `[]string{${a.map(goQuote).join(', ')}}`;
}

/** %#v of a metav1.LabelSelector (what `spec.selector` errors print). */
export function goLabelSelector(sel: LabelSelector | undefined | null): string {
  if (sel === undefined || sel === null) return 'null';
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`;
}

/** %#v of the core.ServicePort{Protocol, Port} key used by the duplicate-port check. */
export function goServicePortKey(protocol: string, port: number): string {
  return `core.ServicePort{Name:"", Protocol:${goQuote(protocol)}, AppProtocol:(*string)(nil), Port:${port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}`;
}

/** A JSON scalar as ErrorBody prints it: strings quoted, numbers and booleans bare. */
export function goScalar(v: unknown): string {
  if (v === undefined || v === null) return '"null"';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v as string[]);
  return goValue(v);
}

// ---------------------------------------------------------------------------------------------
// Compact Go-ish values, as cmp prints them inside a report: `{Name: "web", Image: "nginx"}`.

const GO_NAMES: Record<string, string> = {
  dnsPolicy: 'DNSPolicy',
  dnsConfig: 'DNSConfig',
  setHostnameAsFQDN: 'SetHostnameAsFQDN',
  os: 'OS',
  tty: 'TTY',
  ip: 'IP',
  hostIP: 'HostIP',
  apiVersion: 'APIVersion',
  httpGet: 'HTTPGet',
  tcpSocket: 'TCPSocket',
  grpc: 'GRPC',
  httpHeaders: 'HTTPHeaders',
  uid: 'UID',
  fsType: 'FSType',
  seLinuxOptions: 'SELinuxOptions',
};

function goName(key: string): string {
  return GO_NAMES[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

/** The internal core.Volume keeps its source under an embedded VolumeSource field. */
function volumeShape(v: Record<string, unknown>): Record<string, unknown> {
  const { name, ...source } = v;
  return { name, volumeSource: source };
}

/** Optional numbers that are pointers in the core types. */
const POINTER_NUMBERS = new Set(['defaultMode', 'mode', 'tolerationSeconds', 'runAsUser', 'runAsGroup', 'fsGroup', 'terminationGracePeriodSeconds']);

/** Nested structs are mostly pointers in the core types; the embedded ones are not. */
function childKind(key: string, v: unknown): FieldKind | undefined {
  if (typeof v === 'number') return POINTER_NUMBERS.has(key) ? 'ptr' : undefined;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  return key === 'volumeSource' || key === 'resources' || key === 'localObjectReference' ? 'struct' : 'ptr';
}

export function goValue(v: unknown, kind?: FieldKind): string {
  if (v === undefined || v === null) {
    if (kind === 'string') return '""';
    if (kind === 'bool') return 'false';
    if (kind === 'int') return '0';
    if (kind === 'struct') return '{}';
    return 'nil';
  }
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return kind === 'ptr' ? `&${v}` : String(v);
  if (Array.isArray(v)) return `{${v.map((x) => goValue(x)).join(', ')}}`;
  const o = v as Record<string, unknown>;
  const body = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .map((k) => `${goName(k)}: ${goValue(o[k], childKind(k, o[k]))}`)
    .join(', ');
  return kind === 'ptr' ? `&{${body}}` : `{${body}}`;
}

// ---------------------------------------------------------------------------------------------
// cmp.Diff of core.PodSpec

type FieldKind = 'string' | 'int' | 'bool' | 'ptr' | 'slice' | 'map' | 'struct';

interface GoField {
  json: string;
  go: string;
  kind: FieldKind;
  /** element type for slices we recurse into */
  elem?: 'container' | 'volume';
}

function f(json: string, kind: FieldKind, go = goName(json), elem?: GoField['elem']): GoField {
  return { json, go, kind, elem };
}

/** Field order of the internal core.PodSpec (pkg/apis/core/types.go, 1.32). */
const POD_SPEC_FIELDS: GoField[] = [
  f('volumes', 'slice', 'Volumes', 'volume'),
  f('initContainers', 'slice', 'InitContainers', 'container'),
  f('containers', 'slice', 'Containers', 'container'),
  f('ephemeralContainers', 'slice'),
  f('restartPolicy', 'string'),
  f('terminationGracePeriodSeconds', 'ptr'),
  f('activeDeadlineSeconds', 'ptr'),
  f('dnsPolicy', 'string'),
  f('nodeSelector', 'map'),
  f('serviceAccountName', 'string'),
  f('automountServiceAccountToken', 'ptr'),
  f('nodeName', 'string'),
  f('securityContext', 'ptr'),
  f('imagePullSecrets', 'slice'),
  f('hostname', 'string'),
  f('subdomain', 'string'),
  f('setHostnameAsFQDN', 'ptr'),
  f('affinity', 'ptr'),
  f('schedulerName', 'string'),
  f('tolerations', 'slice'),
  f('hostAliases', 'slice'),
  f('priorityClassName', 'string'),
  f('priority', 'ptr'),
  f('preemptionPolicy', 'ptr'),
  f('dnsConfig', 'ptr'),
  f('readinessGates', 'slice'),
  f('runtimeClassName', 'ptr'),
  f('overhead', 'map'),
  f('enableServiceLinks', 'ptr'),
  f('topologySpreadConstraints', 'slice'),
  f('os', 'ptr'),
  f('schedulingGates', 'slice'),
  f('resourceClaims', 'slice'),
  f('resources', 'ptr'),
];

/** Field order of the internal core.Container. */
const CONTAINER_FIELDS: GoField[] = [
  f('name', 'string'),
  f('image', 'string'),
  f('command', 'slice'),
  f('args', 'slice'),
  f('workingDir', 'string'),
  f('ports', 'slice'),
  f('envFrom', 'slice'),
  f('env', 'slice'),
  f('resources', 'struct'),
  f('resizePolicy', 'slice'),
  f('restartPolicy', 'ptr'),
  f('volumeMounts', 'slice'),
  f('volumeDevices', 'slice'),
  f('livenessProbe', 'ptr'),
  f('readinessProbe', 'ptr'),
  f('startupProbe', 'ptr'),
  f('lifecycle', 'ptr'),
  f('terminationMessagePath', 'string'),
  f('terminationMessagePolicy', 'string'),
  f('imagePullPolicy', 'string'),
  f('securityContext', 'ptr'),
  f('stdin', 'bool'),
  f('stdinOnce', 'bool'),
  f('tty', 'bool', 'TTY'),
];

interface Line {
  mark: ' ' | '-' | '+';
  depth: number;
  /** `Name:` of a struct field record; undefined for list elements and brackets */
  name?: string;
  text: string;
  /** single-line records align their values in runs */
  single: boolean;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

function canon(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.length ? v.map(canon) : undefined;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) {
      const c = canon(o[k]);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

/** cmp's "numContextRecords": equal records kept around a difference. */
const CONTEXT = 2;

interface Rec {
  equal: boolean;
  lines: Line[];
}

/** Coalesces runs of equal records the way cmp's formatDiffList does. */
function coalesce(recs: Rec[], depth: number, unit: 'fields' | 'elements'): Line[] {
  const out: Line[] = [];
  // group consecutive equal records
  const groups: Rec[][] = [];
  for (const r of recs) {
    const last = groups[groups.length - 1];
    if (last && last[0].equal === r.equal && r.equal) last.push(r);
    else groups.push([r]);
  }
  groups.forEach((g, i) => {
    if (!g[0].equal) {
      for (const r of g) out.push(...r.lines);
      return;
    }
    const numEqual = g.length;
    let lo = 0;
    let hi = 0;
    while (lo < CONTEXT && lo + hi < numEqual && i !== 0) lo++;
    while (hi < CONTEXT && lo + hi < numEqual && i !== groups.length - 1) hi++;
    if (numEqual - (lo + hi) === 1) hi++; // no point eliding a single record
    for (const r of g.slice(0, lo)) out.push(...r.lines);
    if (numEqual > lo + hi) {
      const n = numEqual - lo - hi;
      const what = unit === 'fields' ? (n === 1 ? 'field' : 'fields') : n === 1 ? 'element' : 'elements';
      out.push({ mark: ' ', depth, text: `... // ${n} identical ${what}`, single: false });
    }
    for (const r of g.slice(numEqual - hi)) out.push(...r.lines);
  });
  return out;
}

function fieldRecords(oldObj: Record<string, unknown>, newObj: Record<string, unknown>, fields: GoField[], depth: number): Rec[] {
  return fields.map((fd) => {
    const a = oldObj[fd.json];
    const b = newObj[fd.json];
    const shown = (v: unknown) => (fd.elem === 'volume' && Array.isArray(v) ? v.map((x) => (isObj(x) ? volumeShape(x) : x)) : v);
    if (same(a, b)) {
      return { equal: true, lines: [{ mark: ' ', depth, name: fd.go, text: `${goValue(shown(a), fd.kind)},`, single: true }] };
    }
    if (fd.kind === 'slice' && Array.isArray(a) && Array.isArray(b)) {
      const typ = fd.elem === 'container' ? '[]core.Container' : fd.elem === 'volume' ? '[]core.Volume' : SLICE_TYPES[fd.json] ?? '[]any';
      const inner = listRecords(a, b, fd.elem, depth + 1);
      return {
        equal: false,
        lines: [
          { mark: ' ', depth, name: fd.go, text: `${typ}{`, single: false },
          ...coalesce(inner, depth + 1, 'elements'),
          { mark: ' ', depth, text: '},', single: false },
        ],
      };
    }
    if ((fd.kind === 'struct' || fd.kind === 'ptr') && isObj(a) && isObj(b)) {
      const keys = unionKeys(a, b);
      const inner = fieldRecords(a, b, keys.map((k) => f(k, kindOf(a[k] ?? b[k]))), depth + 1);
      const prefix = fd.kind === 'ptr' ? '&' : '';
      return {
        equal: false,
        lines: [
          { mark: ' ', depth, name: fd.go, text: `${prefix}{`, single: false },
          ...coalesce(inner, depth + 1, 'fields'),
          { mark: ' ', depth, text: '},', single: false },
        ],
      };
    }
    return {
      equal: false,
      lines: [
        { mark: '-', depth, name: fd.go, text: `${goValue(shown(a), fd.kind)},`, single: true },
        { mark: '+', depth, name: fd.go, text: `${goValue(shown(b), fd.kind)},`, single: true },
      ],
    };
  });
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unionKeys(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = Object.keys(a).filter((k) => a[k] !== undefined);
  for (const k of Object.keys(b)) if (b[k] !== undefined && !keys.includes(k)) keys.push(k);
  return keys;
}

function kindOf(v: unknown): FieldKind {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'slice';
  return 'ptr';
}

/** Element records of two lists: equal elements, modified pairs, removals and insertions. */
/** Named elements (containers, volumes, env vars) are diffed field by field; others whole. */
function sameName(x: unknown, y: unknown): boolean {
  return isObj(x) && isObj(y) && x.name !== undefined && x.name === y.name;
}

/** Element types of the slices a pod-spec diff may descend into. */
const SLICE_TYPES: Record<string, string> = {
  ports: '[]core.ContainerPort',
  env: '[]core.EnvVar',
  envFrom: '[]core.EnvFromSource',
  volumeMounts: '[]core.VolumeMount',
  command: '[]string',
  args: '[]string',
  tolerations: '[]core.Toleration',
  imagePullSecrets: '[]core.LocalObjectReference',
  readinessGates: '[]core.PodReadinessGate',
  hostAliases: '[]core.HostAlias',
  items: '[]core.KeyToPath',
  sources: '[]core.VolumeProjection',
};

function listRecords(a: unknown[], b: unknown[], elem: 'container' | 'volume' | undefined, depth: number): Rec[] {
  // LCS on deep equality gives cmp-like alignment for small lists.
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = same(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const recs: Rec[] = [];
  let i = 0;
  let j = 0;
  const show = (v: unknown): unknown => (elem === 'volume' && isObj(v) ? volumeShape(v) : v);
  while (i < n || j < m) {
    if (i < n && j < m && same(a[i], b[j])) {
      recs.push({ equal: true, lines: [{ mark: ' ', depth, text: `${goValue(show(a[i]))},`, single: false }] });
      i++;
      j++;
    } else if (i < n && j < m && lcs[i + 1][j + 1] === lcs[i][j] && sameName(a[i], b[j])) {
      const ao = show(a[i]) as Record<string, unknown>;
      const bo = show(b[j]) as Record<string, unknown>;
      const fields = elem === 'container' ? CONTAINER_FIELDS : unionKeys(ao, bo).map((k) => f(k, kindOf(ao[k] ?? bo[k]), goName(k)));
      recs.push({
        equal: false,
        lines: [
          { mark: ' ', depth, text: '{', single: false },
          ...coalesce(fieldRecords(ao, bo, fields, depth + 1), depth + 1, 'fields'),
          { mark: ' ', depth, text: '},', single: false },
        ],
      });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      // removals are reported before insertions
      recs.push({ equal: false, lines: [{ mark: '-', depth, text: `${goValue(show(a[i]))},`, single: false }] });
      i++;
    } else {
      recs.push({ equal: false, lines: [{ mark: '+', depth, text: `${goValue(show(b[j]))},`, single: false }] });
      j++;
    }
  }
  return recs;
}

function render(lines: Line[]): string {
  // Align `Name: value` of consecutive single-line records at the same depth.
  const widths = new Array<number>(lines.length).fill(0);
  let start = 0;
  const flush = (end: number) => {
    let w = 0;
    for (let k = start; k < end; k++) if (lines[k].name) w = Math.max(w, lines[k].name!.length + 1);
    for (let k = start; k < end; k++) widths[k] = w;
  };
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k];
    const prev = lines[k - 1];
    if (!l.single || !l.name || !prev || !prev.single || !prev.name || prev.depth !== l.depth) {
      flush(k);
      start = k;
    }
  }
  flush(lines.length);
  return lines
    .map((l, k) => {
      const head = `${l.mark} ${'\t'.repeat(l.depth)}`;
      if (!l.name) return head + l.text;
      const label = `${l.name}:`;
      const pad = l.single ? ' '.repeat(Math.max(1, widths[k] - label.length + 1)) : ' ';
      return head + label + pad + l.text;
    })
    .join('\n');
}

/** The `cmp.Diff(oldPod.Spec, mungedPodSpec)` report appended to the pod-update message. */
export function podSpecDiff(oldSpec: Record<string, unknown>, newSpec: Record<string, unknown>): string {
  const body = coalesce(fieldRecords(oldSpec, newSpec, POD_SPEC_FIELDS, 1), 1, 'fields');
  const lines: Line[] = [{ mark: ' ', depth: 0, text: 'core.PodSpec{', single: false }, ...body, { mark: ' ', depth: 0, text: '}', single: false }];
  return `${render(lines)}\n`;
}
