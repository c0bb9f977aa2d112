// Defaulting, as the API server applies it to every decoded object (pkg/apis/core/v1/defaults.go,
// pkg/apis/apps/v1/defaults.go, pkg/apis/discovery/v1/defaults.go, plus the v1 conversions that
// change what comes back: serviceAccount ↔ serviceAccountName, Secret stringData → data, and
// quantities re-printed in canonical form). Runs on CREATE and UPDATE alike.
//
// New keys are placed in Go struct field order, because that is the order the real server's
// JSON has (`kubectl get -o json` prints it as received).

import type { Container, KubeObject, PodSpec, PodTemplateSpec, Probe, ServicePort, Volume } from '../../k8s/types';
import { canonicalQuantity } from '../../k8s/quantity';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ranks = new WeakMap<readonly string[], Map<string, number>>();

// (orders passed to orderKeys are constants: its rank table is kept per order array)
const RESOURCES_ORDER: readonly string[] = ['limits', 'requests', 'claims'];
const TOKEN_PROJECTION_ORDER: readonly string[] = ['audience', 'expirationSeconds', 'path'];
const PROJECTED_ORDER: readonly string[] = ['sources', 'defaultMode'];
const VOLUME_SOURCE_ORDER: readonly string[] = ['secretName', 'name', 'items', 'defaultMode', 'optional'];
const VOLUME_ORDER: readonly string[] = ['name'];
const TEMPLATE_META_ORDER: readonly string[] = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'labels', 'annotations'];
const TEMPLATE_ORDER: readonly string[] = ['metadata', 'spec'];
const ROLLING_UPDATE_ORDER: readonly string[] = ['maxUnavailable', 'maxSurge'];
const STRATEGY_ORDER: readonly string[] = ['type', 'rollingUpdate'];
const ENDPOINT_PORT_ORDER: readonly string[] = ['name', 'protocol', 'port', 'appProtocol'];

/** Reorders `o`'s keys in place: known keys in `order`, then the rest as they were. */
export function orderKeys(o: Obj, order: readonly string[]): void {
  let rank = ranks.get(order);
  if (!rank) ranks.set(order, (rank = new Map(order.map((k, i) => [k, i]))));
  // Fast path: already in order (deleting keys would also drop V8's fast object layout).
  let last = -1;
  let seenRest = false;
  let ordered = true;
  for (const k in o) {
    const r = rank.get(k);
    if (r === undefined) seenRest = true;
    else if (seenRest || r < last) {
      ordered = false;
      break;
    } else last = r;
    if (o[k] === undefined) {
      ordered = false;
      break;
    }
  }
  if (ordered) return;
  const keys = Object.keys(o);
  const n = keys.length;
  const at: number[] = new Array<number>(n);
  const values: unknown[] = new Array<unknown>(n);
  const known: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rank.get(keys[i]);
    at[i] = r === undefined ? -1 : r;
    values[i] = o[keys[i]];
    if (r !== undefined) known.push(i);
  }
  // (an insertion sort: a handful of keys, and Array.prototype.sort allocates on every call)
  for (let i = 1; i < known.length; i++) {
    const x = known[i];
    let j = i - 1;
    while (j >= 0 && at[known[j]] > at[x]) {
      known[j + 1] = known[j];
      j--;
    }
    known[j + 1] = x;
  }
  // Deleting the last-added property first lets V8 step the object's hidden class back
  // instead of turning it into a slow dictionary; the keys then go back in their new order.
  for (let i = n - 1; i >= 0; i--) delete o[keys[i]];
  for (const i of known) if (values[i] !== undefined) o[keys[i]] = values[i];
  for (let i = 0; i < n; i++) if (at[i] < 0 && values[i] !== undefined) o[keys[i]] = values[i];
}

// ---------------------------------------------------------------------------------------------
// Go struct field orders (k8s.io/api v0.32)

export const TOP_ORDER = ['kind', 'apiVersion', 'metadata', 'spec', 'status'];
const SECRET_ORDER = ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'stringData', 'type'];
const CONFIGMAP_ORDER = ['kind', 'apiVersion', 'metadata', 'immutable', 'data', 'binaryData'];

export const POD_SPEC_ORDER = [
  'volumes', 'initContainers', 'containers', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken',
  'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname',
  'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig',
  'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints',
  'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources',
];

const CONTAINER_ORDER = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy',
  'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath',
  'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
];

const CONTAINER_PORT_ORDER = ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'];
const PROBE_ORDER = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold', 'terminationGracePeriodSeconds'];
const HTTP_GET_ORDER = ['path', 'port', 'host', 'scheme', 'httpHeaders'];

const SERVICE_SPEC_ORDER = [
  'ports', 'selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges',
  'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies',
  'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution',
];
const SERVICE_PORT_ORDER = ['name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort'];

const DEPLOYMENT_SPEC_ORDER = ['replicas', 'selector', 'template', 'strategy', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'];
const REPLICASET_SPEC_ORDER = ['replicas', 'minReadySeconds', 'selector', 'template'];
const POD_STATUS_ORDER = ['phase', 'conditions', 'message', 'reason', 'nominatedNodeName', 'hostIP', 'hostIPs', 'podIP', 'podIPs', 'startTime', 'initContainerStatuses', 'containerStatuses', 'qosClass'];

// ---------------------------------------------------------------------------------------------
// Images

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/**
 * The tag parsers.ParseImageName finds: the reference's tag, `latest` when there is neither a
 * tag nor a digest, and "" for a digest-only or unparsable reference. A registry port
 * (`localhost:5000/app`) is part of the name, not a tag.
 */
export function imageTag(image: string): string {
  const m = REFERENCE_RE.exec(image);
  if (!m || m[1].length > 255) return '';
  const [, , tag, digest] = m;
  if (tag) return tag;
  return digest ? '' : 'latest';
}

/** SetDefaults_Container: Always for `:latest` (or no tag at all), else IfNotPresent. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return imageTag(image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
}

// ---------------------------------------------------------------------------------------------
// Pod specs

function canonicalResources(list: unknown): Record<string, string> | undefined {
  if (!isObj(list)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) {
    if (v === undefined || v === null) continue;
    const s = typeof v === 'number' ? String(v) : String(v);
    out[k] = canonicalQuantity(s) ?? s;
  }
  return out;
}

function defaultProbe(p: Probe | undefined): void {
  if (!isObj(p)) return;
  const probe = p as Probe & Obj;
  defaultHandler(probe);
  probe.timeoutSeconds ??= 1;
  probe.periodSeconds ??= 10;
  probe.successThreshold ??= 1;
  probe.failureThreshold ??= 3;
  orderKeys(probe, PROBE_ORDER);
}

function defaultHandler(h: Obj): void {
  if (isObj(h.httpGet)) {
    const g = h.httpGet;
    if (g.path === undefined || g.path === '') g.path = '/';
    if (g.scheme === undefined || g.scheme === '') g.scheme = 'HTTP';
    orderKeys(g, HTTP_GET_ORDER);
  }
  if (isObj(h.grpc) && h.grpc.service === undefined) h.grpc.service = '';
}

function defaultFieldRef(o: unknown): void {
  if (isObj(o) && isObj(o.fieldRef) && !o.fieldRef.apiVersion) {
    const ref = o.fieldRef;
    const fieldPath = ref.fieldPath;
    delete ref.fieldPath;
    ref.apiVersion = 'v1';
    if (fieldPath !== undefined) ref.fieldPath = fieldPath;
  }
}

export function defaultContainer(c: Container, isPod: boolean, hostNetwork: boolean): void {
  const o = c as unknown as Obj;
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultPullPolicy(c.image);
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  // ResourceRequirements is a struct, not a pointer: `resources: {}` is always there.
  const res: Obj = isObj(c.resources) ? (c.resources as Obj) : {};
  const limits = canonicalResources(res.limits);
  const requests = canonicalResources(res.requests);
  if (limits) res.limits = limits;
  if (requests) res.requests = requests;
  // SetDefaults_Pod (not PodTemplate): a limit without a request makes the request equal to it.
  if (isPod && limits) {
    const req = (res.requests as Record<string, string> | undefined) ?? {};
    for (const [k, v] of Object.entries(limits)) if (!(k in req)) req[k] = v;
    res.requests = req;
  }
  orderKeys(res, RESOURCES_ORDER);
  c.resources = res as Container['resources'];
  for (const p of c.ports ?? []) {
    const port = p as unknown as Obj;
    if (!port.protocol) port.protocol = 'TCP';
    if (isPod && hostNetwork && !port.hostPort) port.hostPort = port.containerPort;
    orderKeys(port, CONTAINER_PORT_ORDER);
  }
  for (const e of c.env ?? []) defaultFieldRef(e.valueFrom);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  if (isObj(o.lifecycle)) {
    for (const k of ['postStart', 'preStop']) if (isObj(o.lifecycle[k])) defaultHandler(o.lifecycle[k] as Obj);
  }
  orderKeys(o, CONTAINER_ORDER);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];

export function defaultVolume(v: Volume): void {
  const o = v as Obj;
  // SetDefaults_Volume: no source at all means an emptyDir.
  if (!VOLUME_SOURCES.some((k) => o[k] !== undefined && o[k] !== null)) o.emptyDir = {};
  if (isObj(o.hostPath) && o.hostPath.type === undefined) o.hostPath.type = '';
  for (const k of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    const src = o[k];
    if (isObj(src) && src.defaultMode === undefined) src.defaultMode = 420;
  }
  if (isObj(o.downwardAPI) && Array.isArray(o.downwardAPI.items)) o.downwardAPI.items.forEach(defaultFieldRef);
  if (isObj(o.projected) && Array.isArray(o.projected.sources)) {
    for (const s of o.projected.sources as Obj[]) {
      if (!isObj(s)) continue;
      if (isObj(s.serviceAccountToken) && s.serviceAccountToken.expirationSeconds === undefined) {
        s.serviceAccountToken.expirationSeconds = 3600;
        orderKeys(s.serviceAccountToken, TOKEN_PROJECTION_ORDER);
      }
      if (isObj(s.downwardAPI) && Array.isArray(s.downwardAPI.items)) s.downwardAPI.items.forEach(defaultFieldRef);
    }
    orderKeys(o.projected, PROJECTED_ORDER);
  }
  for (const k of ['secret', 'configMap', 'downwardAPI']) if (isObj(o[k])) orderKeys(o[k] as Obj, VOLUME_SOURCE_ORDER);
  orderKeys(o, VOLUME_ORDER);
}

/** Puts a pod spec and its containers back in Go field order after admission added fields. */
export function orderPodSpec(spec: PodSpec): void {
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) if (isObj(c)) orderKeys(c as unknown as Obj, CONTAINER_ORDER);
  orderKeys(spec as unknown as Obj, POD_SPEC_ORDER);
}

/** SetDefaults_PodSpec (+ SetDefaults_Pod when `isPod`): pods and pod templates alike. */
export function defaultPodSpec(spec: PodSpec, isPod: boolean): void {
  const o = spec as unknown as Obj;
  // v1 conversion: the deprecated serviceAccount fills serviceAccountName, and is written back.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!isObj(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  if (isPod && (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null)) spec.enableServiceLinks = true;
  for (const v of spec.volumes ?? []) if (isObj(v)) defaultVolume(v);
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) if (isObj(c)) defaultContainer(c, isPod, hostNetwork);
  for (const c of spec.containers ?? []) if (isObj(c)) defaultContainer(c, isPod, hostNetwork);
  orderKeys(o, POD_SPEC_ORDER);
}

function defaultTemplate(template: PodTemplateSpec | undefined): void {
  if (!isObj(template)) return;
  // metav1.Time is a struct, so a template's zero creationTimestamp is written as null (1.32).
  const meta = (isObj(template.metadata) ? template.metadata : {}) as Obj;
  if (!('creationTimestamp' in meta)) {
    meta.creationTimestamp = null;
    orderKeys(meta, TEMPLATE_META_ORDER);
  }
  template.metadata = meta;
  if (!isObj(template.spec)) template.spec = { containers: [] };
  defaultPodSpec(template.spec, false);
  orderKeys(template as unknown as Obj, TEMPLATE_ORDER);
}

// ---------------------------------------------------------------------------------------------
// base64 of UTF-8 text (no Buffer in lib/cluster)

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

export function base64Encode(text: string): string {
  const b = utf8Bytes(text);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < b.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < b.length ? B64[n & 63] : '=';
  }
  return out;
}

/** The number of bytes a base64 string decodes to (what the 1 MiB limits count). */
export function base64DecodedLength(s: string): number {
  const clean = s.replace(/\s/g, '');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((clean.length * 3) / 4) - pad);
}

// ---------------------------------------------------------------------------------------------
// Per kind

/** The defaulting pass for one decoded object. Mutates `obj`. */
export function applyDefaults(resource: string, obj: KubeObject): void {
  switch (resource) {
    case 'pods': {
      if (!isObj(obj.spec)) obj.spec = { containers: [] };
      defaultPodSpec(obj.spec as PodSpec, true);
      break;
    }
    case 'deployments': {
      if (!isObj(obj.spec)) obj.spec = {};
      const spec = obj.spec as Obj;
      if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
      if (!isObj(spec.template)) spec.template = {};
      defaultTemplate(spec.template as unknown as PodTemplateSpec);
      const strategy = (isObj(spec.strategy) ? spec.strategy : {}) as Obj;
      if (!strategy.type) strategy.type = 'RollingUpdate';
      if (strategy.type === 'RollingUpdate') {
        const ru = (isObj(strategy.rollingUpdate) ? strategy.rollingUpdate : {}) as Obj;
        if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
        if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
        orderKeys(ru, ROLLING_UPDATE_ORDER);
        strategy.rollingUpdate = ru;
      }
      orderKeys(strategy, STRATEGY_ORDER);
      spec.strategy = strategy;
      if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
      if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
      orderKeys(spec, DEPLOYMENT_SPEC_ORDER);
      break;
    }
    case 'replicasets': {
      if (!isObj(obj.spec)) obj.spec = {};
      const spec = obj.spec as Obj;
      if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
      if (isObj(spec.template)) defaultTemplate(spec.template as unknown as PodTemplateSpec);
      orderKeys(spec, REPLICASET_SPEC_ORDER);
      break;
    }
    case 'services':
      defaultService(obj);
      break;
    case 'namespaces': {
      // SetDefaults_Namespace: the immutable name label (nameless generateName objects are
      // labelled by the strategy once named; the store names them before admission).
      const name = obj.metadata?.name;
      if (name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
      break;
    }
    case 'secrets': {
      const o = obj as Obj;
      const stringData = o.stringData;
      if (isObj(stringData) && Object.keys(stringData).length > 0) {
        const data: Record<string, string> = { ...((isObj(o.data) ? o.data : {}) as Record<string, string>) };
        for (const [k, v] of Object.entries(stringData)) data[k] = base64Encode(String(v ?? ''));
        // Go encodes map keys sorted.
        o.data = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
      }
      delete o.stringData;
      if (!o.type) o.type = 'Opaque';
      orderKeys(o, SECRET_ORDER);
      break;
    }
    case 'configmaps':
      orderKeys(obj as Obj, CONFIGMAP_ORDER);
      break;
    case 'nodes': {
      if (!isObj(obj.spec)) obj.spec = {};
      const status = obj.status as Obj | undefined;
      if (isObj(status) && isObj(status.capacity) && status.allocatable === undefined) status.allocatable = { ...status.capacity };
      break;
    }
    case 'endpoints': {
      const subsets = (obj as Obj).subsets;
      if (Array.isArray(subsets)) {
        for (const s of subsets) {
          if (!isObj(s) || !Array.isArray(s.ports)) continue;
          for (const p of s.ports) if (isObj(p) && !p.protocol) p.protocol = 'TCP';
        }
      }
      break;
    }
    case 'endpointslices': {
      const ports = (obj as Obj).ports;
      if (Array.isArray(ports)) {
        for (const p of ports) {
          if (!isObj(p)) continue;
          if (p.name === undefined || p.name === null) p.name = '';
          if (p.protocol === undefined || p.protocol === null) p.protocol = 'TCP';
          orderKeys(p, ENDPOINT_PORT_ORDER);
        }
      }
      break;
    }
  }
  orderKeys(obj as Obj, TOP_ORDER);
}

/** Whether a Service is reachable from outside the cluster (pkg/api/service ExternallyAccessible). */
export function externallyAccessible(spec: Obj): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
}

function defaultService(obj: KubeObject): void {
  if (!isObj(obj.spec)) obj.spec = {};
  const spec = obj.spec as Obj;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined;
    if (!cfg?.clientIP || cfg.clientIP.timeoutSeconds === undefined || cfg.clientIP.timeoutSeconds === null) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } };
    }
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of (spec.ports as ServicePort[] | undefined) ?? []) {
    if (!isObj(p)) continue;
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
    orderKeys(p as unknown as Obj, SERVICE_PORT_ORDER);
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined || spec.internalTrafficPolicy === null) {
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP') spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    spec.allocateLoadBalancerNodePorts = true;
  }
  orderKeys(spec, SERVICE_SPEC_ORDER);
}

export { SERVICE_SPEC_ORDER, POD_STATUS_ORDER };
