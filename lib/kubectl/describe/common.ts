// Sections several describers share, after kubectl pkg/describe/describe.go (v0.32):
// printLabelsMultiline, printAnnotationsMultiline, tolerations and taints, DescribeEvents,
// describeContainers, describeVolumes and DescribePodTemplate.

import { canonicalQuantity } from '../../k8s/quantity';
import type {
  Container,
  ContainerState,
  ContainerStatus,
  Event,
  KubeObject,
  Pod,
  PodTemplateSpec,
  Probe,
  Toleration,
  Volume,
} from '../../k8s/types';
import { formatLabelSelector } from '../../k8s/labels';
import { parseTime } from '../../k8s/duration';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, goStringLess, printBool, printBoolPointer, stringOrNone, utf8Length, utf8Prefix } from './writer';
import type { PrefixWriter } from './writer';

type Dict = Record<string, unknown>;
const asDict = (v: unknown): Dict | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Dict) : undefined);
const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** The annotation kubectl never shows (corev1.LastAppliedConfigAnnotation). */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** describe.go maxAnnotationLen */
const MAX_ANNOTATION_LEN = 140;

/** A resource quantity as Quantity.String() prints it (values are stored canonical already). */
export function quantityText(q: string | undefined): string {
  if (q === undefined || q === '') return '0';
  return canonicalQuantity(q) ?? q;
}

// ---------------------------------------------------------------------------------------------
// Labels, annotations, tolerations, taints

/** printLabelsMultilineWithIndent: sorted `k=v`, one per line, or `<none>`. */
export function printLabelsMultiline(
  w: PrefixWriter,
  title: string,
  labels: Record<string, string> | undefined,
  initialIndent = '',
  innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(goStringLess);
  if (!labels || keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    w.write(LEVEL_0, `${key}=${labels[key]}\n`);
  });
}

/**
 * printAnnotationsMultiline: sorted `k: v`, skipping last-applied-configuration; a value that
 * is long (key+value+2 over 140 bytes) or multi-line goes on its own indented lines, each cut
 * at 138 bytes with `...`.
 */
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const a = annotations ?? {};
  const keys = Object.keys(a)
    .filter((k) => k !== LAST_APPLIED)
    .sort(goStringLess);
  if (keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = a[key].endsWith('\n') ? a[key].slice(0, -1) : a[key];
    if (utf8Length(value) + utf8Length(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) {
        const max = MAX_ANNOTATION_LEN - 2;
        w.write(LEVEL_0, `${indent}  ${utf8Length(s) > max ? `${utf8Prefix(s, max)}...` : s}\n`);
      }
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent: sorted by key, `key[=value][:Effect][ op=Exists][ for Ns]`. */
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || tolerations.length === 0) {
    w.writeLine('<none>');
    return;
  }
  // sort.Slice is not stable; for distinct keys (the usual case) any sort agrees with it
  const sorted = [...tolerations].sort((a, b) => goStringLess(a.key ?? '', b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, initialIndent);
      w.write(LEVEL_0, innerIndent);
    }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** corev1.Taint.ToString(): `key[=value]:Effect`. */
function taintString(t: Toleration): string {
  const key = t.key ?? '';
  if (!t.effect) return t.value ? `${key}=${t.value}:` : key;
  return t.value ? `${key}=${t.value}:${t.effect}` : `${key}:${t.effect}`;
}

/** printTaintsMultilineWithIndent: sorted by `effect,key`. */
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || taints.length === 0) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Toleration) => `${t.effect ?? ''},${t.key ?? ''}`;
  [...taints]
    .sort((a, b) => goStringLess(key(a), key(b)))
    .forEach((t, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${taintString(t)}\n`);
    });
}

/** printController: `Kind/name` of the controller ownerReference, or ''. */
export function controllerOf(obj: KubeObject): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

// ---------------------------------------------------------------------------------------------
// Events

function zeroOr(ts: string | null | undefined): number {
  const t = ts ? parseTime(ts) : null;
  return t === null ? Number.NEGATIVE_INFINITY : t;
}

/**
 * DescribeEvents: `Events:  <none>`, or a flush and then the table sorted by lastTimestamp
 * (event.SortableEvents; a zero lastTimestamp, as the scheduler's events.k8s.io events have,
 * sorts first). Go's sort.Sort is an insertion sort up to 12 items, so ties keep the list
 * order; a stable sort reproduces that (and stays deterministic beyond 12).
 */
export function describeEvents(w: PrefixWriter, events: readonly Event[]): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  const sorted = events
    .map((e, i) => ({ e, i, t: zeroOr(e.lastTimestamp) }))
    .sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : a.i - b.i))
    .map((x) => x.e);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = e.eventTime ? w.since(e.eventTime) : w.since(e.firstTimestamp);
    const series = asDict((e as Dict).series);
    let interval: string;
    if (series) interval = `${w.since(str(series.lastObservedTime))} (x${num(series.count)} over ${first})`;
    else if ((e.count ?? 0) > 1) interval = `${w.since(e.lastTimestamp)} (x${e.count} over ${first})`;
    else interval = first;
    const source = e.source?.component || str((e as Dict).reportingController) || e.reportingComponent || '';
    w.write(LEVEL_1, `${str(e.type)}\t${str(e.reason)}\t${interval}\t${source}\t${str(e.message).trim()}\n`);
  }
}

/** The Events section when --show-events is on (kubectl skips it entirely when off). */
export function maybeEvents(w: PrefixWriter, events: readonly Event[] | undefined): void {
  if (w.opts.showEvents === false || events === undefined) return;
  describeEvents(w, events);
}

// ---------------------------------------------------------------------------------------------
// Containers

/** The value an env var's fieldRef points at (fieldpath.ExtractFieldPathAsString), or ''. */
function resolveFieldRef(pod: Pod | undefined, fieldPath: string): string {
  if (!pod) return '';
  const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (m) return (m[1] === 'labels' ? pod.metadata.labels : pod.metadata.annotations)?.[m[2]] ?? '';
  switch (fieldPath) {
    case 'metadata.name':
      return pod.metadata.name ?? '';
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'metadata.uid':
      return pod.metadata.uid ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    case 'status.hostIPs':
      return (pod.status?.hostIPs ?? []).map((x) => x.ip).join(',');
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.podIPs':
      return (pod.status?.podIPs ?? []).map((x) => x.ip).join(',');
    case 'metadata.labels':
      return Object.keys(pod.metadata.labels ?? {})
        .sort(goStringLess)
        .map((k) => `${k}="${pod.metadata.labels?.[k]}"`)
        .join('\n');
    default:
      return '';
  }
}

/** resourcehelper.ExtractContainerResourceValue: the value in divisor units, rounded up. */
function containerResourceValue(c: Container, resource: string, divisor: string | undefined): string {
  const [kind, name] = resource.split('.', 2) as ['limits' | 'requests', string];
  const q = c.resources?.[kind]?.[name];
  if (!q) return '0';
  const milli = (s: string) => {
    const t = canonicalQuantity(s);
    return t === null ? 0 : quantityMilli(t);
  };
  const d = divisor ? milli(divisor) : 1000;
  if (d === 0) return '0';
  return String(Math.ceil(milli(q) / d));
}

function quantityMilli(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([a-zA-Z]*)$/.exec(s);
  if (!m) return 0;
  const v = Number(m[1]);
  const mult: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6 };
  return Math.round(v * (mult[m[2]] ?? 1) * 1000);
}

function portText(port: unknown): string {
  return str(port);
}

/** Go's url.URL{Scheme, Host, Path}.String() for a probe's httpGet. */
function probeURL(h: Dict): string {
  const scheme = str(h.scheme).toLowerCase();
  const port = portText(h.port);
  let host = str(h.host);
  if (port.length > 0) host = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  let path = str(h.path);
  if (path !== '' && !path.startsWith('/') && host !== '') path = `/${path}`;
  let out = '';
  if (scheme) out += `${scheme}:`;
  if (scheme || host) out += `//${host}`;
  return out + path;
}

/** DescribeProbe */
export function describeProbe(p: Probe): string {
  const attrs =
    `delay=${num(p.initialDelaySeconds)}s timeout=${num(p.timeoutSeconds)}s period=${num(p.periodSeconds)}s ` +
    `#success=${num(p.successThreshold)} #failure=${num(p.failureThreshold)}`;
  const pd = p as unknown as Dict;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) return `http-get ${probeURL(p.httpGet as unknown as Dict)} ${attrs}`;
  if (p.tcpSocket) return `tcp-socket ${str((p.tcpSocket as Dict).host)}:${portText(p.tcpSocket.port)} ${attrs}`;
  const grpc = asDict(pd.grpc);
  if (grpc) return `grpc <pod>:${num(grpc.port)} ${str(grpc.service)} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: PrefixWriter, stateName: string, state: ContainerState | undefined): void {
  if (state?.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${w.time(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${w.time(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${w.time(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

/** describeResources: `Limits:`/`Requests:` with sorted names. */
export function describeResources(w: PrefixWriter, resources: { limits?: Record<string, string>; requests?: Record<string, string> } | undefined, level: number): void {
  if (!resources) return;
  for (const [title, list] of [
    ['Limits', resources.limits],
    ['Requests', resources.requests],
  ] as const) {
    const names = Object.keys(list ?? {}).sort(goStringLess);
    if (names.length > 0) w.write(level, `${title}:\n`);
    for (const n of names) w.write(level + 1, `${n}:\t${quantityText(list?.[n])}\n`);
  }
}

function describeEnv(w: PrefixWriter, c: Container, pod: Pod | undefined): void {
  const envFrom = (c as unknown as Dict).envFrom as Dict[] | undefined;
  if (envFrom && envFrom.length > 0) {
    w.write(LEVEL_2, 'Environment Variables from:\n');
    for (const e of envFrom) {
      let from = '';
      let name = '';
      let optional = false;
      const cm = asDict(e.configMapRef);
      const sec = asDict(e.secretRef);
      if (cm) {
        from = 'ConfigMap';
        name = str(cm.name);
        optional = cm.optional === true;
      } else if (sec) {
        from = 'Secret';
        name = str(sec.name);
        optional = sec.optional === true;
      }
      const prefix = str(e.prefix);
      if (prefix === '') w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
      else w.write(LEVEL_3, `${name}\t${from} with prefix '${prefix}'\tOptional: ${optional}\n`);
    }
  }
  const env = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = asDict(e.valueFrom);
    if (!vf) {
      str(e.value)
        .split('\n')
        .forEach((s, i) => w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
      continue;
    }
    const fieldRef = asDict(vf.fieldRef);
    const resRef = asDict(vf.resourceFieldRef);
    const secRef = asDict(vf.secretKeyRef);
    const cmRef = asDict(vf.configMapKeyRef);
    if (fieldRef) {
      // the template describers pass no resolver: the value is empty there
      const value = resolveFieldRef(pod, str(fieldRef.fieldPath));
      w.write(LEVEL_3, `${e.name}:\t${value} (${str(fieldRef.apiVersion)}:${str(fieldRef.fieldPath)})\n`);
    } else if (resRef) {
      const resource = str(resRef.resource);
      let value = containerResourceValue(c, resource, resRef.divisor === undefined ? undefined : str(resRef.divisor));
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (secRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${str(secRef.key)}' in secret '${str(secRef.name)}'>\tOptional: ${secRef.optional === true}\n`);
    } else if (cmRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${str(cmRef.key)}' of config map '${str(cmRef.name)}'>\tOptional: ${cmRef.optional === true}\n`);
    }
  }
}

function describeMounts(w: PrefixWriter, c: Container): void {
  const mounts = c.volumeMounts ?? [];
  w.write(LEVEL_2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`);
  const sorted = [...mounts].sort((a, b) => goStringLess(a.mountPath, b.mountPath));
  for (const m of sorted) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  const devices = ((c as unknown as Dict).volumeDevices as Dict[] | undefined) ?? [];
  if (devices.length > 0) {
    w.write(LEVEL_2, 'Devices:\n');
    for (const d of [...devices].sort((a, b) => goStringLess(str(a.devicePath), str(b.devicePath)))) {
      w.write(LEVEL_3, `${str(d.devicePath)} from ${str(d.name)}\n`);
    }
  }
}

/**
 * describeContainers: `label:` then per container its name, ids and image (ids only when a
 * status exists), ports, command/args, state (only with a status), resources, probes,
 * environment and mounts. `space` is '' for pods and '  ' inside a pod template.
 */
export function describeContainers(
  w: PrefixWriter,
  label: string,
  containers: Container[],
  statuses: ContainerStatus[] | undefined,
  pod: Pod | undefined,
  space: string,
): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const c of containers) {
    const status = byName.get(c.name);
    w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
    if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
    if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
    if (ports.includes(',')) w.write(LEVEL_2, `Ports:\t${ports}\n`);
    else w.write(LEVEL_2, `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
    if (hostPorts.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPorts}\n`);
    else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPorts)}\n`);
    const seccomp = asDict(asDict(c.securityContext)?.seccompProfile);
    if (seccomp) {
      w.write(LEVEL_2, `SeccompProfile:\t${str(seccomp.type)}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${str(seccomp.localhostProfile)}\n`);
    }
    if (c.command && c.command.length > 0) {
      w.write(LEVEL_2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (c.args && c.args.length > 0) {
      w.write(LEVEL_2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(LEVEL_3, `${s}\n`);
    }
    if (status) {
      describeStatus(w, 'State', status.state);
      if (status.lastState?.terminated) describeStatus(w, 'Last State', status.lastState);
      w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
      w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    describeResources(w, c.resources ?? {}, LEVEL_2);
    if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
    if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
    if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
    describeEnv(w, c, pod);
    describeMounts(w, c);
  }
}

// ---------------------------------------------------------------------------------------------
// Volumes

function describeVolumeSource(w: PrefixWriter, v: Volume): void {
  const hostPath = asDict(v.hostPath);
  const emptyDir = asDict(v.emptyDir);
  const secret = asDict(v.secret);
  const configMap = asDict(v.configMap);
  const pvc = asDict(v.persistentVolumeClaim);
  const projected = asDict(v.projected);
  const downward = asDict(v.downwardAPI);
  const nfs = asDict(v.nfs);
  const csi = asDict(v.csi);
  const image = asDict(v.image);
  if (hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(hostPath.path)}\n    HostPathType:\t${hostPath.type === undefined ? '<none>' : str(hostPath.type)}\n`);
  } else if (emptyDir) {
    const limit = emptyDir.sizeLimit === undefined || quantityText(str(emptyDir.sizeLimit)) === '0' ? '<unset>' : quantityText(str(emptyDir.sizeLimit));
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${str(emptyDir.medium)}\n    SizeLimit:\t${limit}\n`);
  } else if (secret) {
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${str(secret.secretName)}\n    Optional:\t${secret.optional === true}\n`);
  } else if (configMap) {
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${str(configMap.name)}\n    Optional:\t${configMap.optional === true}\n`);
  } else if (nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(nfs.server)}\n    Path:\t${str(nfs.path)}\n    ReadOnly:\t${nfs.readOnly === true}\n`);
  } else if (pvc) {
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${str(pvc.claimName)}\n    ReadOnly:\t${pvc.readOnly === true}\n`);
  } else if (downward) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of (downward.items as Dict[] | undefined) ?? []) {
      const fr = asDict(item.fieldRef);
      const rr = asDict(item.resourceFieldRef);
      if (fr) w.write(LEVEL_3, `${str(fr.fieldPath)} -> ${str(item.path)}\n`);
      if (rr) w.write(LEVEL_3, `${str(rr.resource)} -> ${str(item.path)}\n`);
    }
  } else if (projected) {
    // 1.32's printProjectedVolumeSource prints the *bool Optional fields with %v: `<nil>`
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const src of (projected.sources as Dict[] | undefined) ?? []) {
      const s = asDict(src.secret);
      const cm = asDict(src.configMap);
      const sat = asDict(src.serviceAccountToken);
      if (s) w.write(LEVEL_2, `SecretName:\t${str(s.name)}\n    SecretOptionalName:\t${printBoolPointer(s.optional as boolean | undefined)}\n`);
      else if (src.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (cm) w.write(LEVEL_2, `ConfigMapName:\t${str(cm.name)}\n    ConfigMapOptional:\t${printBoolPointer(cm.optional as boolean | undefined)}\n`);
      else if (sat) w.write(LEVEL_2, `TokenExpirationSeconds:\t${num(sat.expirationSeconds)}\n`);
    }
  } else if (csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(csi.driver)}\n    FSType:\t${str(csi.fsType)}\n    ReadOnly:\t${csi.readOnly === true}\n`);
    const attrs = (asDict(csi.volumeAttributes) ?? {}) as Record<string, string>;
    const keys = Object.keys(attrs).sort(goStringLess);
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (keys.length === 0) w.writeLine('<none>');
    keys.forEach((k, i) => {
      if (i !== 0) {
        w.write(LEVEL_2, '');
        w.write(LEVEL_2, '\t');
      }
      const line = `${k}=${attrs[k]}`;
      w.write(LEVEL_2, `${utf8Length(line) > MAX_ANNOTATION_LEN ? `${utf8Prefix(line, MAX_ANNOTATION_LEN)}...` : line}\n`);
    });
  } else if (v.ephemeral) {
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  } else if (image) {
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${str(image.reference)}\n    PullPolicy:\t${str(image.pullPolicy)}\n`);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

/** describeVolumes: `Volumes:  <none>` or each volume's name and source. */
export function describeVolumes(w: PrefixWriter, volumes: Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  const nameIndent = space.length > 0 ? ' ' : '';
  for (const v of volumes) {
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    describeVolumeSource(w, v);
  }
}

/** describeTopologySpreadConstraints, sorted by topologyKey. */
export function describeTopologySpreadConstraints(w: PrefixWriter, tscs: unknown, space: string): void {
  const list = Array.isArray(tscs) ? (tscs as Dict[]) : [];
  if (list.length === 0) return;
  const sorted = [...list].sort((a, b) => goStringLess(str(a.topologyKey), str(b.topologyKey)));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let s = `${str(t.topologyKey)}:${str(t.whenUnsatisfiable)} when max skew ${num(t.maxSkew)} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector as never)}`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

/** DescribePodTemplate */
export function describePodTemplate(w: PrefixWriter, template: PodTemplateSpec | undefined): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const meta = template.metadata ?? {};
  printLabelsMultiline(w, '  Labels', meta.labels);
  if (meta.annotations && Object.keys(meta.annotations).length > 0) printAnnotationsMultiline(w, '  Annotations', meta.annotations);
  const spec = template.spec;
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers && spec.initContainers.length > 0) describeContainers(w, 'Init Containers', spec.initContainers, undefined, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  describeTopologySpreadConstraints(w, spec.topologySpreadConstraints, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
