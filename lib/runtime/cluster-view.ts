// The live cluster panel's model: a pure function from the cluster's objects (and events) to
// Deployments → ReplicaSets → Pods, bare pods, services and a Korean events timeline that says
// which component did what. The UI only draws this; the server recomputes it when the store
// changes (lib/realtime) and serves it as JSON (GET /api/kernels/:id/state).
//
// Ownership follows the controller ownerReference (metadata.ownerReferences[controller=true]),
// the link the garbage collector and `kubectl describe` ("Controlled By") use. A pod whose
// controller is not in the view — a pod the ReplicaSet controller released after a relabel, or a
// `kubectl run` pod — is bare.

import type { Deployment, Event, KubeObject, Pod, ReplicaSet, Service } from '../k8s/types';
import type { Cluster } from '../cluster/cluster';
import type { ClusterClient } from '../kubectl/client';
import { restartsCell, summarizePod } from '../kubectl/printers/tables/pods';
import { makePortString } from '../kubectl/printers/tables/services';

export type PodTone = 'running' | 'pending' | 'succeeded' | 'failed' | 'terminating' | 'unknown';

export interface PodNode {
  /** `namespace/name`, stable across updates (a React key) */
  key: string;
  namespace: string;
  name: string;
  uid: string;
  /** status.phase as stored: Pending, Running, Succeeded, Failed, Unknown */
  phase: string;
  /** the STATUS column kubectl prints: ContainerCreating, Running, CrashLoopBackOff, Terminating… */
  status: string;
  /** the READY column: `1/1` */
  ready: string;
  readyCount: number;
  containers: number;
  restarts: number;
  /** the RESTARTS column: `2 (15s ago)` */
  restartsText: string;
  node?: string;
  ip?: string;
  labels: Record<string, string>;
  /** the controller owner, also when it is not (or no longer) in the view */
  owner?: { kind: string; name: string };
  createdAt?: number;
  deleting: boolean;
  /** the colour the panel gives it */
  tone: PodTone;
}

export interface ReplicaSetNode {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  desired: number;
  current: number;
  ready: number;
  /** deployment.kubernetes.io/revision */
  revision?: string;
  labels: Record<string, string>;
  createdAt?: number;
  pods: PodNode[];
}

export interface DeploymentNode {
  key: string;
  namespace: string;
  name: string;
  uid: string;
  desired: number;
  updated: number;
  ready: number;
  available: number;
  /** `app=web` */
  selector: string;
  createdAt?: number;
  replicaSets: ReplicaSetNode[];
}

export interface ServiceNode {
  key: string;
  namespace: string;
  name: string;
  type: string;
  clusterIP: string;
  /** the PORT(S) column: `8080:30080/TCP` */
  ports: string;
  selector: string;
  /** names of the pods the selector matches (same namespace) */
  pods: string[];
}

export interface TimelineEntry {
  /** the event's uid (or namespace/name): stable while its count grows */
  key: string;
  /** ms since the epoch: lastTimestamp, else eventTime, else firstTimestamp */
  time: number;
  type: 'Normal' | 'Warning';
  reason: string;
  /** the reporting component as Kubernetes names it: default-scheduler, kubelet, … */
  component: string;
  /** its Korean name: 스케줄러, kubelet, 레플리카셋 컨트롤러, … */
  componentKo: string;
  object: { kind: string; namespace?: string; name: string };
  count: number;
  /** one Korean sentence: who did what */
  text: string;
  /** the event's message as Kubernetes wrote it */
  message: string;
}

export interface ClusterView {
  /** cluster time (ms) the view was taken */
  at: number;
  deployments: DeploymentNode[];
  /** replica sets no deployment in the view owns */
  replicaSets: ReplicaSetNode[];
  /** pods no replica set in the view controls */
  pods: PodNode[];
  services: ServiceNode[];
  /** oldest first, at most `maxEvents` */
  events: TimelineEntry[];
}

export interface ClusterObjects {
  deployments: readonly Deployment[];
  replicaSets: readonly ReplicaSet[];
  pods: readonly Pod[];
  services: readonly Service[];
  events: readonly Event[];
}

export interface ClusterViewOptions {
  /** show kube-system and the other `kube-*` namespaces too */
  includeSystem?: boolean;
  /** only these namespaces */
  namespaces?: readonly string[];
  /** the timeline keeps the newest this many (default 100) */
  maxEvents?: number;
}

const DEFAULT_MAX_EVENTS = 100;

function timeOf(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function controllerOf(o: KubeObject): { kind: string; name: string; uid: string } | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

function byName<T extends { namespace: string; name: string }>(a: T, b: T): number {
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The panel colour of a pod, from kubectl's STATUS column first (it knows CrashLoopBackOff). */
export function podTone(status: string, phase: string, deleting: boolean): PodTone {
  if (deleting || status === 'Terminating') return 'terminating';
  if (/BackOff|Err|Error|Invalid|OOMKilled|ContainerStatusUnknown|Evicted|^Init:(?!\d)|^Signal:|^ExitCode:/.test(status)) return 'failed';
  if (status === 'Completed' || phase === 'Succeeded') return 'succeeded';
  if (phase === 'Failed') return 'failed';
  if (status === 'Running' && phase === 'Running') return 'running';
  if (phase === 'Unknown' || status === 'Unknown') return 'unknown';
  return 'pending';
}

export function podNode(pod: Pod, now: number): PodNode {
  const s = summarizePod(pod);
  const phase = pod.status?.phase ?? 'Pending';
  const deleting = Boolean(pod.metadata.deletionTimestamp);
  const owner = controllerOf(pod);
  const node: PodNode = {
    key: keyOf(pod),
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name ?? '',
    uid: pod.metadata.uid ?? '',
    phase,
    status: s.reason,
    ready: `${s.ready}/${s.total}`,
    readyCount: s.ready,
    containers: s.total,
    restarts: s.restarts,
    restartsText: restartsCell(s, now),
    labels: { ...(pod.metadata.labels ?? {}) },
    deleting,
    tone: podTone(s.reason, phase, deleting),
  };
  if (pod.spec?.nodeName) node.node = pod.spec.nodeName;
  if (pod.status?.podIP) node.ip = pod.status.podIP;
  if (owner) node.owner = { kind: owner.kind, name: owner.name };
  const created = timeOf(pod.metadata.creationTimestamp);
  if (created !== undefined) node.createdAt = created;
  return node;
}

function selectorString(sel: Record<string, string> | undefined): string {
  return Object.entries(sel ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

function matchesLabels(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(sel ?? {});
  // a Service without a selector selects nothing (its endpoints are managed by hand)
  if (entries.length === 0) return false;
  return entries.every(([k, v]) => labels?.[k] === v);
}

function visible(ns: string | undefined, opts: ClusterViewOptions): boolean {
  const n = ns ?? 'default';
  if (opts.namespaces) return opts.namespaces.includes(n);
  return opts.includeSystem || !n.startsWith('kube-');
}

/** The live panel's model of these objects at cluster time `now`. */
export function clusterView(objects: ClusterObjects, now: number, opts: ClusterViewOptions = {}): ClusterView {
  const pods = objects.pods.filter((p) => visible(p.metadata.namespace, opts));
  const rss = objects.replicaSets.filter((r) => visible(r.metadata.namespace, opts));
  const deps = objects.deployments.filter((d) => visible(d.metadata.namespace, opts));

  const rsNodes = new Map<string, ReplicaSetNode>();
  for (const rs of rss) {
    const n: ReplicaSetNode = {
      key: keyOf(rs),
      namespace: rs.metadata.namespace ?? 'default',
      name: rs.metadata.name ?? '',
      uid: rs.metadata.uid ?? '',
      desired: rs.spec?.replicas ?? 1,
      current: rs.status?.replicas ?? 0,
      ready: rs.status?.readyReplicas ?? 0,
      labels: { ...(rs.metadata.labels ?? {}) },
      pods: [],
    };
    const rev = rs.metadata.annotations?.['deployment.kubernetes.io/revision'];
    if (rev !== undefined) n.revision = rev;
    const created = timeOf(rs.metadata.creationTimestamp);
    if (created !== undefined) n.createdAt = created;
    rsNodes.set(n.uid, n);
  }

  const barePods: PodNode[] = [];
  for (const pod of pods) {
    const n = podNode(pod, now);
    const owner = controllerOf(pod);
    const rs = owner && owner.kind === 'ReplicaSet' ? rsNodes.get(owner.uid) : undefined;
    if (rs) rs.pods.push(n);
    else barePods.push(n);
  }
  for (const rs of rsNodes.values()) rs.pods.sort(byName);

  const depNodes: DeploymentNode[] = [];
  const claimed = new Set<string>();
  for (const d of deps) {
    const n: DeploymentNode = {
      key: keyOf(d),
      namespace: d.metadata.namespace ?? 'default',
      name: d.metadata.name ?? '',
      uid: d.metadata.uid ?? '',
      desired: d.spec?.replicas ?? 1,
      updated: d.status?.updatedReplicas ?? 0,
      ready: d.status?.readyReplicas ?? 0,
      available: d.status?.availableReplicas ?? 0,
      selector: selectorString(d.spec?.selector?.matchLabels),
      replicaSets: [],
    };
    const created = timeOf(d.metadata.creationTimestamp);
    if (created !== undefined) n.createdAt = created;
    for (const rs of rss) {
      const owner = controllerOf(rs);
      if (owner?.kind === 'Deployment' && owner.uid === n.uid) {
        const rn = rsNodes.get(rs.metadata.uid ?? '');
        if (rn) {
          n.replicaSets.push(rn);
          claimed.add(rn.uid);
        }
      }
    }
    // newest revision first, as `kubectl rollout history` reads best from the top
    n.replicaSets.sort((a, b) => Number(b.revision ?? 0) - Number(a.revision ?? 0) || (a.name < b.name ? -1 : 1));
    depNodes.push(n);
  }
  depNodes.sort(byName);

  const services: ServiceNode[] = objects.services
    .filter((s) => visible(s.metadata.namespace, opts))
    .map((s) => {
      const ns = s.metadata.namespace ?? 'default';
      return {
        key: keyOf(s),
        namespace: ns,
        name: s.metadata.name ?? '',
        type: s.spec?.type ?? 'ClusterIP',
        clusterIP: s.spec?.clusterIP ?? '',
        ports: makePortString(s.spec?.ports),
        selector: selectorString(s.spec?.selector),
        pods: pods
          .filter((p) => (p.metadata.namespace ?? 'default') === ns && !p.metadata.deletionTimestamp && matchesLabels(s.spec?.selector, p.metadata.labels))
          .map((p) => p.metadata.name ?? '')
          .sort(),
      };
    })
    // the API server's own `kubernetes` service is not the learner's
    .filter((s) => !(s.namespace === 'default' && s.name === 'kubernetes'))
    .sort(byName);

  // Order: by second, then by resourceVersion (the order the API server stored them). core/v1
  // events carry second-precision lastTimestamps while the scheduler's events.k8s.io ones carry
  // microseconds, so comparing raw times would put the kubelet's "Pulling" before the
  // "Scheduled" that caused it.
  const rv = (e: Event): number => Number(e.metadata.resourceVersion ?? NaN);
  const events = objects.events
    .filter((e) => visible(e.involvedObject?.namespace ?? e.metadata.namespace, opts))
    .map((e, i) => ({ entry: timelineEntry(e), i, rv: rv(e) }))
    .sort((a, b) => Math.floor(a.entry.time / 1000) - Math.floor(b.entry.time / 1000) || (a.rv - b.rv || 0) || a.i - b.i)
    .map((x) => x.entry);
  const max = opts.maxEvents ?? DEFAULT_MAX_EVENTS;

  return {
    at: now,
    deployments: depNodes,
    replicaSets: [...rsNodes.values()].filter((r) => !claimed.has(r.uid)).sort(byName),
    pods: barePods.sort(byName),
    services,
    events: events.length > max ? events.slice(events.length - max) : events,
  };
}

/** The view of a simulated cluster as it is now (every namespace but the `kube-*` ones). */
export function viewOfCluster(cluster: Cluster, opts: ClusterViewOptions = {}): ClusterView {
  const list = <T extends KubeObject>(resource: string): T[] => cluster.store.list<T>(resource).items;
  return clusterView(
    {
      deployments: list<Deployment>('deployments'),
      replicaSets: list<ReplicaSet>('replicasets'),
      pods: list<Pod>('pods'),
      services: list<Service>('services'),
      events: list<Event>('events'),
    },
    cluster.now(),
    opts,
  );
}

/**
 * The view of one namespace through a ClusterClient (a sandbox kernel: a real API server, where
 * the learner may read only their session's namespace). Times are the server's clock as the
 * client knows it.
 */
export async function viewOfClient(client: ClusterClient, namespace: string, opts: ClusterViewOptions = {}): Promise<ClusterView> {
  const list = async <T extends KubeObject>(resource: string): Promise<T[]> => (await client.list<T>(resource, namespace)).items;
  const [deployments, replicaSets, pods, services, events] = await Promise.all([
    list<Deployment>('deployments'),
    list<ReplicaSet>('replicasets'),
    list<Pod>('pods'),
    list<Service>('services'),
    list<Event>('events'),
  ]);
  return clusterView({ deployments, replicaSets, pods, services, events }, client.now(), { ...opts, namespaces: [namespace] });
}

// ---------------------------------------------------------------------------------------------
// The events timeline in Korean

const COMPONENT_KO: Record<string, string> = {
  'default-scheduler': '스케줄러',
  kubelet: 'kubelet',
  'replicaset-controller': '레플리카셋 컨트롤러',
  'deployment-controller': '디플로이먼트 컨트롤러',
  'endpoint-controller': '엔드포인트 컨트롤러',
  'garbage-collector-controller': '가비지 컬렉터',
  'namespace-controller': '네임스페이스 컨트롤러',
};

/** The subject particle after a component's Korean name (받침 decides 이/가). */
function subject(ko: string): string {
  const last = ko.charCodeAt(ko.length - 1);
  if (last >= 0xac00 && last <= 0xd7a3) return ko + ((last - 0xac00) % 28 === 0 ? '가' : '이');
  // kubelet is read 큐블릿: a final consonant
  return ko + '이';
}

/**
 * Go's time.Duration String() (`2.1s`, `512ms`, `1m2.5s`) as Korean seconds with one decimal,
 * for the kubelet's "Successfully pulled image … in 2.1s" message.
 */
export function goDurationKo(d: string): string | undefined {
  const re = /(\d+(?:\.\d+)?)(h|m(?!s)|s|ms|µs|us|ns)/g;
  let ms = 0;
  let matched = '';
  for (let m = re.exec(d); m; m = re.exec(d)) {
    const v = Number(m[1]);
    matched += m[0];
    ms += m[2] === 'h' ? v * 3_600_000 : m[2] === 'm' ? v * 60_000 : m[2] === 's' ? v * 1000 : m[2] === 'ms' ? v : m[2] === 'ns' ? v / 1e6 : v / 1000;
  }
  if (matched !== d) return undefined;
  if (ms >= 60_000) {
    const min = Math.floor(ms / 60_000);
    const sec = Math.round((ms - min * 60_000) / 100) / 10;
    return sec ? `${min}분 ${sec}초` : `${min}분`;
  }
  return `${(Math.round(ms / 100) / 10).toFixed(1)}초`;
}

/** `Pulling image "x"` → `"x"` (the quotes kept: the kubelet quotes image names). */
function quotedImage(msg: string): string {
  const m = /("[^"]*")/.exec(msg);
  return m ? m[1] : '';
}

/** `spec.containers{web}` → `web` */
function containerOf(e: Event): string | undefined {
  const m = /\{([^}]*)\}$/.exec(e.involvedObject?.fieldPath ?? '');
  return m ? m[1] : undefined;
}

/** One Korean sentence for an event: which component did what to which object, and why. */
export function eventTextKo(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  // a component without a Korean name gets the noun 컴포넌트, whose particle is certain
  const ko = COMPONENT_KO[component];
  const who = ko ? subject(ko) : component ? `${component} 컴포넌트가` : '쿠버네티스가';
  const reason = e.reason ?? '';
  const msg = e.message ?? '';
  const obj = e.involvedObject ?? { kind: '', name: '' };
  const objNs = obj.namespace ? `${obj.namespace}/${obj.name}` : obj.name ?? '';
  const container = containerOf(e);
  const inPod = container ? `${obj.name} 파드의 ${container} 컨테이너` : `${obj.name} 파드`;
  let m: RegExpExecArray | null;

  switch (reason) {
    // --- the scheduler (pkg/scheduler/schedule_one.go) ---
    case 'Scheduled':
      if ((m = /^Successfully assigned (\S+) to (\S+)$/.exec(msg))) return `${who} ${m[1]} 파드를 ${m[2]} 노드에 배치했습니다`;
      break;
    case 'FailedScheduling':
      return `${who} ${objNs} 파드를 둘 노드를 찾지 못했습니다: ${msg}`;

    // --- the ReplicaSet controller (pkg/controller/replicaset: manageReplicas) ---
    case 'SuccessfulCreate':
      if ((m = /^Created pod: (\S+)$/.exec(msg))) return `${who} ${m[1]} 파드를 만들었습니다 (레플리카셋 ${obj.name})`;
      break;
    case 'FailedCreate':
      return `${who} 레플리카셋 ${obj.name}의 파드를 만들지 못했습니다: ${msg.replace(/^Error creating: /, '')}`;
    case 'SuccessfulDelete':
      // manageReplicas deletes only when there are more pods than spec.replicas
      if ((m = /^Deleted pod: (\S+)$/.exec(msg))) return `${who} ${m[1]} 파드를 삭제했습니다 (레플리카 수 초과, 레플리카셋 ${obj.name})`;
      break;
    case 'FailedDelete':
      return `${who} 레플리카셋 ${obj.name}의 파드를 삭제하지 못했습니다: ${msg.replace(/^Error deleting: /, '')}`;

    // --- the Deployment controller (pkg/controller/deployment: sync.go, deployment_controller.go) ---
    case 'ScalingReplicaSet':
      if ((m = /^Scaled (up|down) replica set (\S+) from (\d+) to (\d+)$/.exec(msg))) {
        const verb = m[1] === 'up' ? '늘렸습니다' : '줄였습니다';
        return `${who} 레플리카셋 ${m[2]}의 레플리카를 ${m[3]}개에서 ${m[4]}개로 ${verb} (디플로이먼트 ${obj.name})`;
      }
      break;
    case 'ReplicaSetCreateError':
      return `${who} 디플로이먼트 ${obj.name}의 레플리카셋을 만들지 못했습니다: ${msg}`;
    case 'SelectingAll':
      return `${who} 디플로이먼트 ${obj.name}의 셀렉터가 비어 있어 모든 파드를 고르게 되므로 처리하지 않습니다. 비어 있지 않은 셀렉터가 필요합니다`;

    // --- the kubelet (pkg/kubelet/images/image_manager.go, kuberuntime_container.go) ---
    case 'Pulling':
      return `${who} ${quotedImage(msg)} 이미지를 받기 시작했습니다 (${obj.name} 파드)`;
    case 'Pulled': {
      if (/already present on machine/.test(msg)) return `${who} 노드에 이미 있는 ${quotedImage(msg)} 이미지를 씁니다 (${obj.name} 파드)`;
      const d = /^Successfully pulled image "[^"]*" in (\S+)/.exec(msg);
      const took = d ? goDurationKo(d[1]) : undefined;
      return `${who} ${quotedImage(msg)} 이미지를 받았습니다${took ? ` (${took})` : ''}`;
    }
    case 'Created':
      return `${who} ${inPod}를 만들었습니다`;
    case 'Started':
      return `${who} ${inPod}를 시작했습니다`;
    case 'Killing':
      return `${who} ${inPod}를 멈추고 있습니다`;
    case 'BackOff':
      if (/^Back-off restarting failed container/.test(msg)) return `${who} 계속 실패하는 ${inPod}의 재시작을 잠시 미룹니다 (CrashLoopBackOff)`;
      if (/^Back-off pulling image/.test(msg)) return `${who} ${quotedImage(msg)} 이미지 받기를 잠시 미룹니다 (ImagePullBackOff)`;
      break;
    case 'Failed':
      if ((m = /^Failed to pull image ("[^"]*"): (.*)$/s.exec(msg))) return `${who} ${m[1]} 이미지를 받지 못했습니다: ${m[2]}`;
      if ((m = /^Error: (.*)$/s.exec(msg))) return `${who} ${inPod}를 시작하지 못했습니다: ${m[1]}`;
      break;
    case 'InspectFailed':
      return `${who} 이미지 이름을 해석하지 못했습니다 (${obj.name} 파드): ${msg}`;
    case 'ErrImageNeverPull':
      return `${who} 노드에 ${quotedImage(msg)} 이미지가 없는데 imagePullPolicy가 Never라서 받지 않습니다 (${obj.name} 파드)`;
  }
  // a reason this table does not know: still say who reported what
  const kindKo = KIND_KO[obj.kind ?? ''] ?? obj.kind ?? '';
  return `${who} ${kindKo} ${objNs}에 대해 알렸습니다: ${reason}${msg ? ` — ${msg}` : ''}`;
}

const KIND_KO: Record<string, string> = {
  Pod: '파드',
  ReplicaSet: '레플리카셋',
  Deployment: '디플로이먼트',
  Service: '서비스',
  Node: '노드',
  Namespace: '네임스페이스',
};

export function timelineEntry(e: Event): TimelineEntry {
  const component = e.source?.component || e.reportingComponent || '';
  const obj = e.involvedObject ?? { kind: '', name: '' };
  const object: TimelineEntry['object'] = { kind: obj.kind ?? '', name: obj.name ?? '' };
  if (obj.namespace) object.namespace = obj.namespace;
  return {
    key: e.metadata.uid ?? keyOf(e),
    time: timeOf(e.lastTimestamp) ?? timeOf(e.eventTime) ?? timeOf(e.firstTimestamp) ?? timeOf(e.metadata.creationTimestamp) ?? 0,
    type: e.type === 'Warning' ? 'Warning' : 'Normal',
    reason: e.reason ?? '',
    component,
    componentKo: COMPONENT_KO[component] ?? component,
    object,
    count: e.count ?? 1,
    text: eventTextKo(e),
    message: e.message ?? '',
  };
}
