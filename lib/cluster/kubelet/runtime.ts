// The container runtime as the nodes see it: Docker Engine behind cri-dockerd on docker-desktop
// (`docker ps` shows `k8s_<container>_<pod>_<namespace>_<uid>_<attempt>` and the pause
// containers), or containerd. It keeps the images each node holds and a serialized pull queue
// per node, the pod sandboxes with their IPs, the containers with their state, their logs, a
// small copy-on-write filesystem and the HTTP servers the images run. The kubelet drives it;
// the docker shim, `kubectl logs`, `exec`, `cp` and `port-forward` read it.
//
// All state is plain JSON (toJSON/load) so a cluster snapshot carries it. Image data (files,
// log templates) is shared from the catalogue; a container stores only what it changed.

import type { NodeConfig } from '../controller';
import type { Rand } from '../rand';
import { badRequest, notFound } from '../../k8s/errors';
import { resourceInfo } from '../../k8s/resources';
import type { AppSpec, ImageEntry, LogTemplate, OutputLine, Process } from './images';
import { familiarName, familiarRepo, canonicalName, canonicalRepo, lookupImage, parseImageRef, resolveProcess, PAUSE_IMAGE, SYSTEM_IMAGES } from './images';
import { nginxErrorPage } from './pages';

export type RuntimeKind = 'docker' | 'containerd';

/** What a node's `uname` says; docker-desktop's LinuxKit VM (Docker Desktop 4.38, early 2025). */
export const NODE_KERNEL = {
  release: '6.10.14-linuxkit',
  version: '#1 SMP Thu Oct 24 19:28:55 UTC 2024',
  machine: 'x86_64',
} as const;

export const RUNTIME_VERSION: Record<RuntimeKind, string> = {
  docker: 'docker://27.4.0',
  containerd: 'containerd://1.7.24',
};

/** A pod sandbox: the pause container holding the pod's network namespace and IP. */
export interface SandboxRecord {
  id: string;
  node: string;
  namespace: string;
  pod: string;
  uid: string;
  ip: string;
  attempt: number;
  createdAt: number;
  state: 'ready' | 'notready';
  /** the pod's containers by spec order (for log-name errors) */
  containers: string[];
  labels?: Record<string, string>;
  /** removed from the runtime (after the pod is gone) */
  removed?: boolean;
}

/** One application container. */
export interface ContainerRecord {
  id: string;
  node: string;
  sandboxId: string;
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  attempt: number;
  /** the image string of the pod spec */
  specImage: string;
  /** catalogue key: canonical `repo:tag` */
  imageKey: string;
  argv: string[];
  stdin?: boolean;
  tty?: boolean;
  state: 'created' | 'running' | 'exited';
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  /** a stop in progress: exit time and code (kubelet's exit timer fires then) */
  stopAt?: number;
  stopCode?: number;
  /** log lines written after start-up (access logs, shutdown messages) [ms, stream 0|1, text] */
  lines?: [number, 0 | 1, string][];
  /** copy-on-write layer: path → content (null: deleted) */
  fs?: Record<string, { d: string; t: number } | null>;
  /** nginx connection counter (the `*N` in error lines) */
  conns?: number;
  /** mounts the kubelet set up (path → volume name), for the service-account files */
  mounts?: string[];
}

export interface RuntimeState {
  v: 1;
  sandboxes: SandboxRecord[];
  containers: ContainerRecord[];
  /** node → image key → when it arrived */
  images: Record<string, Record<string, number>>;
  /** node → when its pull queue is free */
  pullBusy: Record<string, number>;
  /** node → next IP offset to try */
  ipNext: Record<string, number>;
}

/** A container as `docker ps` / `crictl ps` sees it. */
export interface ContainerInfo {
  id: string;
  name: string;
  image: string;
  imageID: string;
  command: string;
  node: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  state: 'created' | 'running' | 'exited';
  exitCode?: number;
  labels: Record<string, string>;
  pod: { namespace: string; name: string; uid: string };
  /** `web`, or `POD` for a sandbox */
  container: string;
  attempt: number;
  sandbox: boolean;
}

export interface ContainerFilter {
  /** label → value; an undefined value matches any value (`--filter label=key`) */
  label?: Record<string, string | undefined>;
  /** include stopped containers (`docker ps -a`) */
  all?: boolean;
  node?: string;
  /** pod sandbox containers too (default true, as docker shows them) */
  sandboxes?: boolean;
}

export interface LogOptions {
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface HttpRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  /** the caller's address: 127.0.0.1 through port-forward, a pod IP from another pod */
  clientIP?: string;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export type HttpTarget = { podIP: string } | { namespace: string; pod: string };

export interface FileStat {
  type: 'file' | 'dir';
  size: number;
  /** permission bits, e.g. 0o644 */
  mode: number;
  mtime: number;
}

/** A docker/crictl-style failure (`Error response from daemon: No such container: x`). */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

const STANDARD_DIRS = ['/', '/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/sbin', '/usr/share', '/var', '/var/log', '/var/run'];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** nginx error-log time: `2025/03/26 02:43:20` */
export function nginxLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** nginx $time_local in UTC: `26/Mar/2025:02:43:20 +0000` */
export function nginxAccessTime(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}

/** HTTP Date header: `Wed, 26 Mar 2025 02:43:20 GMT` */
export function httpDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} GMT`;
}

/** `date` in a container (busybox and coreutils agree): `Wed Mar 26 02:43:20 UTC 2025` */
export function unixDate(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

/** RFC3339Nano with all nine digits, as kubelet log timestamps (`--timestamps`). */
export function rfc3339NanoFixed(ms: number, subMs: number): string {
  const d = new Date(Math.floor(ms));
  const iso = d.toISOString(); // 2025-03-26T02:43:20.123Z
  return `${iso.slice(0, 19)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}${String(subMs % 1_000_000).padStart(6, '0')}Z`;
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
}

function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function contentType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const types: Record<string, string> = {
    html: 'text/html',
    htm: 'text/html',
    css: 'text/css',
    js: 'application/javascript',
    json: 'application/json',
    txt: 'text/plain',
    ico: 'image/x-icon',
    png: 'image/png',
    jpg: 'image/jpeg',
    svg: 'image/svg+xml',
  };
  return types[ext] ?? 'application/octet-stream';
}

function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const imageKeys = new WeakMap<ImageEntry, string>();

/** What the runtime reports for an image entry (its names by spec image, its ID). */
interface ImageMemo {
  kind: RuntimeKind;
  names: Map<string, string>;
  id: string | undefined;
}

export class ContainerRuntime {
  kind: RuntimeKind = 'docker';
  private nodes = new Map<string, NodeConfig>();
  private nowFn: () => number = () => 0;
  private rand?: Rand;
  private sandboxes = new Map<string, SandboxRecord>();
  private containers = new Map<string, ContainerRecord>();
  private images: Record<string, Record<string, number>> = {};
  private pullBusy: Record<string, number> = {};
  private ipNext: Record<string, number> = {};
  /** live IPs per node → sandbox id */
  private ipsInUse = new Map<string, string>();
  /** pod uid → its sandboxes (the records in `sandboxes`), newest last */
  private byUid = new Map<string, SandboxRecord[]>();
  /** pod uid → its containers (the records in `containers`), oldest first */
  private containersByUid = new Map<string, ContainerRecord[]>();
  private processCache = new Map<string, Process>();
  private imageMemos = new WeakMap<ImageEntry, ImageMemo>();
  private ranges = new Map<string, { net: number; size: number }>();
  /** Told about changes the kubelet did not make (docker rm -f, docker kill): the pod's uid. */
  onExternalChange?: (uid: string) => void;
  /** The kubelet's waiting reason for a container that has no runtime container yet. */
  waitingReason?: (uid: string, container: string) => string | undefined;

  /** Binds the runtime to the cluster's nodes, clock and random source. */
  init(opts: { kind: RuntimeKind; nodes: NodeConfig[]; now: () => number; rand: Rand }): void {
    this.kind = opts.kind;
    this.nodes = new Map(opts.nodes.map((n) => [n.name, n]));
    this.nowFn = opts.now;
    this.rand = opts.rand;
    for (const n of opts.nodes) {
      this.images[n.name] ??= {};
      for (const s of SYSTEM_IMAGES) this.images[n.name][s.name] ??= 0;
    }
  }

  now(): number {
    return this.nowFn();
  }

  // ------------------------------------------------------------------------------------------
  // nodes

  cpus(node: string): number {
    const c = this.nodes.get(node)?.capacity?.cpu;
    const n = c ? parseInt(c, 10) : 8;
    return Number.isFinite(n) && n > 0 ? n : 8;
  }

  /** `uname -srv` of a node: .NET's RuntimeInformation.OSDescription. */
  osDescription(): string {
    return `Linux ${NODE_KERNEL.release} ${NODE_KERNEL.version}`;
  }

  // ------------------------------------------------------------------------------------------
  // images

  /** The image name the runtime reports in container status (`image`). */
  reportedImage(image: ImageEntry, specImage: string): string {
    // Every container status asks again: remembered per image entry, runtime kind and spec image.
    const memo = this.imageMemo(image);
    let name = memo.names.get(specImage);
    if (name === undefined) memo.names.set(specImage, (name = this.reportedImageUncached(image, specImage)));
    return name;
  }

  reportedImageID(image: ImageEntry): string {
    const memo = this.imageMemo(image);
    return (memo.id ??= this.reportedImageIDUncached(image));
  }

  private imageMemo(image: ImageEntry): ImageMemo {
    let memo = this.imageMemos.get(image);
    if (!memo || memo.kind !== this.kind) this.imageMemos.set(image, (memo = { kind: this.kind, names: new Map(), id: undefined }));
    return memo;
  }

  private reportedImageUncached(image: ImageEntry, specImage: string): string {
    const p = parseImageRef(specImage);
    const ref = p.ok ? p.ref : { domain: 'docker.io', path: image.repo.replace(/^docker\.io\//, ''), tag: image.tag };
    if (!ref.tag && !ref.digest) ref.tag = image.tag;
    return this.kind === 'docker' ? familiarName(ref) : canonicalName(ref);
  }

  /** `docker-pullable://nginx@sha256:…` or `docker.io/library/nginx@sha256:…` */
  private reportedImageIDUncached(image: ImageEntry): string {
    const p = parseImageRef(image.repo);
    const ref = p.ok ? p.ref : { domain: 'docker.io', path: image.repo, tag: undefined };
    if (this.kind === 'docker') return `docker-pullable://${familiarRepo(ref)}@sha256:${image.digest}`;
    return `${canonicalRepo(ref)}@sha256:${image.digest}`;
  }

  imageKey(image: ImageEntry): string {
    // (one string per catalogue entry: it is a property name in `images`, looked up per stage)
    let key = imageKeys.get(image);
    if (key === undefined) imageKeys.set(image, (key = `${image.repo}:${image.tag}`));
    return key;
  }

  hasImage(node: string, image: ImageEntry): boolean {
    return this.images[node]?.[this.imageKey(image)] !== undefined;
  }

  /** Records a pulled image; true when the node did not have it before. */
  addImage(node: string, image: ImageEntry, at: number): boolean {
    const m = (this.images[node] ??= {});
    const key = this.imageKey(image);
    const fresh = m[key] === undefined;
    m[key] = at;
    return fresh;
  }

  /** Image keys present on a node, in arrival order. */
  imageKeys(node: string): string[] {
    const m = this.images[node] ?? {};
    return Object.keys(m).sort((a, b) => m[a] - m[b] || (a < b ? -1 : a > b ? 1 : 0));
  }

  /** status.images for a Node: biggest first, as the kubelet reports them. */
  nodeImages(node: string): { names: string[]; sizeBytes: number }[] {
    const out: { names: string[]; sizeBytes: number }[] = [];
    for (const key of this.imageKeys(node)) {
      const sys = SYSTEM_IMAGES.find((s) => s.name === key);
      if (sys) {
        const repo = sys.name.slice(0, sys.name.lastIndexOf(':'));
        out.push({ names: [`${repo}@sha256:${sys.digest}`, sys.name], sizeBytes: sys.size });
        continue;
      }
      const found = lookupImage(key);
      if (!found.ok) continue;
      const img = found.image;
      const p = parseImageRef(key);
      if (!p.ok) continue;
      const names =
        this.kind === 'docker'
          ? [`${familiarRepo(p.ref)}@sha256:${img.digest}`, familiarName(p.ref)]
          : [`${canonicalRepo(p.ref)}@sha256:${img.digest}`, canonicalName(p.ref)];
      out.push({ names, sizeBytes: img.size });
    }
    out.sort((a, b) => b.sizeBytes - a.sizeBytes);
    return out;
  }

  /**
   * Queues a pull on the node's serialized puller (the kubelet's default serializeImagePulls):
   * it starts when the pulls before it are done.
   */
  queuePull(node: string, requestedAt: number, durationMs: number): { start: number; end: number } {
    const start = Math.max(requestedAt, this.pullBusy[node] ?? 0);
    const end = start + durationMs;
    this.pullBusy[node] = end;
    return { start, end };
  }

  // ------------------------------------------------------------------------------------------
  // sandboxes

  /** RunPodSandbox: a pause container and the next free IP of the node's pod CIDR. */
  createSandbox(node: string, pod: { namespace: string; name: string; uid: string; containers: string[]; labels?: Record<string, string> }, at: number): SandboxRecord {
    const prev = this.byUid.get(pod.uid) ?? [];
    const rec: SandboxRecord = {
      id: this.newId(),
      node,
      namespace: pod.namespace,
      pod: pod.name,
      uid: pod.uid,
      ip: this.allocateIP(node),
      attempt: prev.length,
      createdAt: at,
      state: 'ready',
      containers: pod.containers,
    };
    if (pod.labels && hasKeys(pod.labels)) rec.labels = Object.isFrozen(pod.labels) ? pod.labels : { ...pod.labels }; // (a stored pod's labels never change: shared)
    this.sandboxes.set(rec.id, rec);
    this.ipsInUse.set(rec.ip, rec.id);
    this.byUid.set(pod.uid, [...prev, rec]);
    return rec;
  }

  /** StopPodSandbox: the network goes and the IP is free again. */
  stopSandbox(id: string): void {
    const s = this.sandboxes.get(id);
    if (!s || s.state === 'notready') return;
    s.state = 'notready';
    if (this.ipsInUse.get(s.ip) === id) this.ipsInUse.delete(s.ip);
  }

  sandbox(id: string): SandboxRecord | undefined {
    return this.sandboxes.get(id);
  }

  /** The pod's newest sandbox. */
  podSandbox(uid: string): SandboxRecord | undefined {
    const list = this.byUid.get(uid);
    return list?.length ? list[list.length - 1] : undefined;
  }

  private allocateIP(node: string): string {
    let range = this.ranges.get(node);
    if (!range) {
      const [base, bitsS] = (this.nodes.get(node)?.podCIDR ?? '10.1.0.0/16').split('/');
      const size = 2 ** (32 - Number(bitsS));
      range = { net: (ipToInt(base) - (ipToInt(base) % size)) >>> 0, size };
      this.ranges.set(node, range);
    }
    const { net, size } = range;
    // host-local IPAM hands addresses out in turn after the last one it gave; docker-desktop's
    // system pods hold the first few, so a learner's first pod gets .6
    const first = Math.min(6, size - 2);
    const last = size - 2; // the broadcast address is not handed out
    let off = this.ipNext[node] ?? first;
    for (let tries = 0; tries <= last - first; tries++) {
      if (off > last || off < first) off = first;
      const ip = intToIp((net + off) >>> 0);
      off++;
      if (!this.ipsInUse.has(ip)) {
        this.ipNext[node] = off;
        return ip;
      }
    }
    throw new RuntimeError(`failed to allocate for range 0: no IP addresses available in range set: ${intToIp(net + 1)}-${intToIp(net + last)}`);
  }

  // ------------------------------------------------------------------------------------------
  // containers (kubelet side)

  /** CreateContainer: docker names it k8s_<container>_<pod>_<ns>_<uid>_<attempt>. */
  createContainer(spec: {
    sandboxId: string;
    container: string;
    attempt: number;
    image: ImageEntry;
    specImage: string;
    command?: string[];
    args?: string[];
    stdin?: boolean;
    tty?: boolean;
    mounts?: string[];
  }, at: number): ContainerRecord {
    const sb = this.sandboxes.get(spec.sandboxId);
    if (!sb) throw new RuntimeError(`Error response from daemon: No such container: ${spec.sandboxId}`);
    const proc = resolveProcess(spec.image, spec.command, spec.args, { stdin: spec.stdin, tty: spec.tty });
    const rec: ContainerRecord = {
      id: this.newId(),
      node: sb.node,
      sandboxId: sb.id,
      namespace: sb.namespace,
      pod: sb.pod,
      uid: sb.uid,
      container: spec.container,
      attempt: spec.attempt,
      specImage: spec.specImage,
      imageKey: this.imageKey(spec.image),
      argv: proc.argv,
      state: 'created',
      createdAt: at,
    };
    if (spec.stdin) rec.stdin = true;
    if (spec.tty) rec.tty = true;
    if (spec.mounts?.length) rec.mounts = spec.mounts;
    this.containers.set(rec.id, rec);
    this.processCache.set(rec.id, proc);
    const list = this.containersByUid.get(sb.uid) ?? [];
    list.push(rec);
    this.containersByUid.set(sb.uid, list);
    this.gcPod(sb.uid, spec.container);
    return rec;
  }

  /** The process a container runs (from its image and command line). */
  process(id: string): Process | undefined {
    let p = this.processCache.get(id);
    if (p) return p;
    const c = this.containers.get(id);
    if (!c) return undefined;
    const img = lookupImage(c.imageKey);
    if (!img.ok) return undefined;
    p = resolveProcess(img.image, c.argv, [], { stdin: c.stdin, tty: c.tty });
    this.processCache.set(id, p);
    return p;
  }

  image(id: string): ImageEntry | undefined {
    const c = this.containers.get(id);
    if (!c) return undefined;
    const img = lookupImage(c.imageKey);
    return img.ok ? img.image : undefined;
  }

  /**
   * StartContainer. Returns when the process will exit by itself (null: it runs until stopped),
   * or the error the runtime reports when the executable is missing.
   */
  startContainer(id: string, at: number): { exitAt: number | null; exitCode: number } | { error: string } {
    const c = this.mustGet(id);
    const proc = this.process(id);
    if (!proc || proc.kind === 'missing') {
      const bin = proc?.kind === 'missing' ? proc.binary : c.argv[0] ?? '';
      const inner = bin
        ? `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: ${JSON.stringify(bin)}: ${bin.includes('/') ? 'stat ' + bin + ': no such file or directory' : 'executable file not found in $PATH'}: unknown`
        : 'No command specified';
      c.state = 'exited';
      c.exitCode = 128;
      c.reason = 'StartError';
      c.message = inner;
      c.finishedAt = at;
      const msg = this.kind === 'docker' ? `failed to start container ${JSON.stringify(c.container)}: Error response from daemon: ${inner}` : `failed to create containerd task: ${inner}`;
      return { error: msg };
    }
    c.state = 'running';
    c.startedAt = at;
    if (proc.kind === 'run' && proc.exitAfterMs !== null) return { exitAt: at + proc.exitAfterMs, exitCode: proc.exitCode };
    return { exitAt: null, exitCode: 0 };
  }

  /**
   * StopContainer with a grace period: the stop signal, then SIGKILL when the grace is over.
   * nginx (STOPSIGNAL SIGQUIT) and the .NET app shut down in a fraction of a second with exit
   * code 0; `sleep`, `tail` or a shell as PID 1 ignore SIGTERM and are killed (137).
   */
  stopContainer(id: string, graceMs: number, at: number, killMs: number): { exitAt: number; exitCode: number } {
    const c = this.mustGet(id);
    if (c.state !== 'running') return { exitAt: at, exitCode: c.exitCode ?? 0 };
    if (c.stopAt !== undefined && c.stopAt <= at + graceMs) return { exitAt: c.stopAt, exitCode: c.stopCode ?? 137 };
    const proc = this.process(id);
    let exitAt: number;
    let exitCode: number;
    if (proc?.kind === 'app') {
      const stop = proc.app.kind === 'nginx' ? 230 : 164;
      if (stop <= graceMs) {
        exitAt = at + stop;
        exitCode = 0;
      } else {
        exitAt = at + graceMs + killMs;
        exitCode = 137;
      }
    } else {
      exitAt = at + graceMs + (graceMs > 0 ? killMs : 0);
      exitCode = 137;
    }
    c.stopAt = exitAt;
    c.stopCode = exitCode;
    return { exitAt, exitCode };
  }

  /** The process is gone: exit code, reason as the kubelet reports it. */
  markExited(id: string, exitCode: number, at: number): ContainerRecord | undefined {
    const c = this.containers.get(id);
    if (!c || c.state === 'exited') return c;
    c.state = 'exited';
    c.exitCode = exitCode;
    c.reason = exitCode === 0 ? 'Completed' : 'Error';
    c.finishedAt = at;
    const proc = this.process(id);
    if (proc?.kind === 'app' && c.stopAt !== undefined && exitCode === 0) {
      // the shutdown lines begin when the stop signal arrived
      this.appendTemplates(c, proc.app.shutdown, Math.max(c.startedAt ?? at, at - (proc.app.kind === 'nginx' ? 230 : 164)));
    }
    delete c.stopAt;
    delete c.stopCode;
    return c;
  }

  /** The kubelet removes a dead container (garbage collection, pod deletion). */
  dropContainer(id: string): void {
    const c = this.containers.get(id);
    if (!c) return;
    this.containers.delete(id);
    this.processCache.delete(id);
    const list = this.containersByUid.get(c.uid);
    if (list) {
      const i = list.indexOf(c);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.containersByUid.delete(c.uid);
    }
  }

  /** Everything of a pod goes (after the pod is deleted from the API). */
  removePod(uid: string): void {
    for (const c of [...(this.containersByUid.get(uid) ?? [])]) this.dropContainer(c.id);
    for (const { id } of this.byUid.get(uid) ?? []) {
      this.stopSandbox(id);
      this.sandboxes.delete(id);
    }
    this.byUid.delete(uid);
  }

  /** The kubelet keeps the newest dead container of each name (MaxPerPodContainer = 1). */
  private gcPod(uid: string, container: string): void {
    const mine = (this.containersByUid.get(uid) ?? []).filter((c) => c.container === container);
    const dead = mine.filter((c) => c.state === 'exited');
    // the newest one is the current attempt; keep one dead one before it
    while (dead.length > 1 + (mine[mine.length - 1]?.state === 'exited' ? 1 : 0)) {
      this.dropContainer(dead.shift()!.id);
    }
  }

  /** A pod's containers of one name, oldest first. */
  containersOf(uid: string, container?: string): ContainerRecord[] {
    const out: ContainerRecord[] = [];
    const list = this.containersByUid.get(uid);
    if (list) for (const c of list) if (container === undefined || c.container === container) out.push(c);
    return out;
  }

  container(id: string): ContainerRecord | undefined {
    return this.containers.get(id);
  }

  // ------------------------------------------------------------------------------------------
  // containers (user side: the docker shim)

  /** `docker ps` (running only) or `docker ps -a`, newest first. */
  listContainers(filter: ContainerFilter = {}): ContainerInfo[] {
    const out: ContainerInfo[] = [];
    const want = filter.label ? Object.entries(filter.label) : [];
    const consider = (info: ContainerInfo) => {
      if (!filter.all && info.state !== 'running') return;
      if (filter.node && info.node !== filter.node) return;
      for (const [k, v] of want) {
        if (!(k in info.labels)) return;
        if (v !== undefined && info.labels[k] !== v) return;
      }
      out.push(info);
    };
    for (const c of this.containers.values()) consider(this.info(c));
    if (filter.sandboxes !== false) for (const s of this.sandboxes.values()) if (!s.removed) consider(this.sandboxInfo(s));
    out.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
    return out;
  }

  /** `docker inspect`: one container by id, id prefix or name. */
  inspect(idOrName: string): ContainerInfo {
    const found = this.resolve(idOrName);
    return 'sandbox' in found ? this.info(found.c) : this.sandboxInfo(found.s);
  }

  /**
   * `docker rm [-f]`. A running container needs force; the kubelet notices on its next relist
   * and starts a replacement (kiamol ch02's self-healing demo).
   */
  removeContainer(idOrName: string, force = false): ContainerInfo {
    const found = this.resolve(idOrName);
    const now = this.now();
    if ('sandbox' in found) {
      const c = found.c;
      const info = this.info(c);
      if (c.state === 'running' && !force) {
        throw new RuntimeError(`Error response from daemon: cannot remove container "/${info.name}": container is running: stop the container before removing or force remove`);
      }
      if (c.state === 'running') this.markExited(c.id, 137, now);
      this.dropContainer(c.id);
      this.onExternalChange?.(c.uid);
      return info;
    }
    const s = found.s;
    const info = this.sandboxInfo(s);
    if (s.state === 'ready' && !force) {
      throw new RuntimeError(`Error response from daemon: cannot remove container "/${info.name}": container is running: stop the container before removing or force remove`);
    }
    this.stopSandbox(s.id);
    s.removed = true;
    this.onExternalChange?.(s.uid);
    return info;
  }

  /** `docker kill`: SIGKILL, exit code 137; the kubelet restarts it per the pod's policy. */
  killContainer(idOrName: string): ContainerInfo {
    const found = this.resolve(idOrName);
    if (!('sandbox' in found)) {
      const info = this.sandboxInfo(found.s);
      if (found.s.state !== 'ready') throw new RuntimeError(`Error response from daemon: cannot kill container: ${idOrName}: container ${found.s.id} is not running`);
      this.stopSandbox(found.s.id);
      this.onExternalChange?.(found.s.uid);
      return info;
    }
    const c = found.c;
    if (c.state !== 'running') throw new RuntimeError(`Error response from daemon: cannot kill container: ${idOrName}: container ${c.id} is not running`);
    this.markExited(c.id, 137, this.now());
    this.onExternalChange?.(c.uid);
    return this.info(c);
  }

  private resolve(idOrName: string): { sandbox: false; c: ContainerRecord } | { s: SandboxRecord } {
    const q = idOrName.startsWith('/') ? idOrName.slice(1) : idOrName;
    const matches: ({ sandbox: false; c: ContainerRecord } | { s: SandboxRecord })[] = [];
    for (const c of this.containers.values()) {
      if (c.id === q || this.containerName(c) === q) return { sandbox: false, c };
      if (q.length >= 1 && /^[0-9a-f]+$/.test(q) && c.id.startsWith(q)) matches.push({ sandbox: false, c });
    }
    for (const s of this.sandboxes.values()) {
      if (s.removed) continue;
      if (s.id === q || this.sandboxName(s) === q) return { s };
      if (q.length >= 1 && /^[0-9a-f]+$/.test(q) && s.id.startsWith(q)) matches.push({ s });
    }
    if (matches.length === 1) return matches[0];
    if (matches.length > 1) throw new RuntimeError(`Error response from daemon: multiple IDs found with provided prefix: ${q}`);
    throw new RuntimeError(`Error response from daemon: No such container: ${idOrName}`);
  }

  private containerName(c: ContainerRecord): string {
    return this.kind === 'docker' ? `k8s_${c.container}_${c.pod}_${c.namespace}_${c.uid}_${c.attempt}` : c.container;
  }

  private sandboxName(s: SandboxRecord): string {
    return this.kind === 'docker' ? `k8s_POD_${s.pod}_${s.namespace}_${s.uid}_${s.attempt}` : s.pod;
  }

  private info(c: ContainerRecord): ContainerInfo {
    const img = lookupImage(c.imageKey);
    const labels: Record<string, string> = {
      'annotation.io.kubernetes.container.restartCount': String(c.attempt),
      'io.kubernetes.container.logpath': `/var/log/pods/${c.namespace}_${c.pod}_${c.uid}/${c.container}/${c.attempt}.log`,
      'io.kubernetes.container.name': c.container,
      'io.kubernetes.docker.type': 'container',
      'io.kubernetes.pod.name': c.pod,
      'io.kubernetes.pod.namespace': c.namespace,
      'io.kubernetes.pod.uid': c.uid,
      'io.kubernetes.sandbox.id': c.sandboxId,
    };
    return {
      id: c.id,
      name: this.containerName(c),
      image: img.ok ? this.reportedImage(img.image, c.specImage) : c.specImage,
      imageID: img.ok ? `sha256:${img.image.id}` : '',
      command: c.argv.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' '),
      node: c.node,
      createdAt: c.createdAt,
      startedAt: c.startedAt,
      finishedAt: c.finishedAt,
      state: c.state,
      exitCode: c.exitCode,
      labels,
      pod: { namespace: c.namespace, name: c.pod, uid: c.uid },
      container: c.container,
      attempt: c.attempt,
      sandbox: false,
    };
  }

  private sandboxInfo(s: SandboxRecord): ContainerInfo {
    const labels: Record<string, string> = {
      ...(s.labels ?? {}),
      'io.kubernetes.container.name': 'POD',
      'io.kubernetes.docker.type': 'podsandbox',
      'io.kubernetes.pod.name': s.pod,
      'io.kubernetes.pod.namespace': s.namespace,
      'io.kubernetes.pod.uid': s.uid,
    };
    const pause = SYSTEM_IMAGES.find((i) => i.name === PAUSE_IMAGE)!;
    return {
      id: s.id,
      name: this.sandboxName(s),
      image: PAUSE_IMAGE,
      imageID: `sha256:${pause.digest}`,
      command: '/pause',
      node: s.node,
      createdAt: s.createdAt,
      startedAt: s.createdAt,
      state: s.state === 'ready' ? 'running' : 'exited',
      exitCode: s.state === 'ready' ? undefined : 0,
      labels,
      pod: { namespace: s.namespace, name: s.pod, uid: s.uid },
      container: 'POD',
      attempt: s.attempt,
      sandbox: true,
    };
  }

  private mustGet(id: string): ContainerRecord {
    const c = this.containers.get(id);
    if (!c) throw new RuntimeError(`Error response from daemon: No such container: ${id}`);
    return c;
  }

  private newId(): string {
    if (!this.rand) throw new Error('container runtime used before init()');
    return this.rand.hex(64);
  }

  // ------------------------------------------------------------------------------------------
  // logs

  /** Finds the pod's newest sandbox by namespace and name. */
  private findPod(namespace: string, pod: string): SandboxRecord | undefined {
    let best: SandboxRecord | undefined;
    for (const s of this.sandboxes.values()) {
      if (s.namespace !== namespace || s.pod !== pod) continue;
      if (!best || s.createdAt > best.createdAt || (s.createdAt === best.createdAt && s.state === 'ready')) best = s;
    }
    return best;
  }

  /**
   * `kubectl logs`: start-up lines, then what the process wrote since (access logs …), as the
   * kubelet serves them. Errors are the API server's 400s (`container "web" in pod "x" is
   * waiting to start: ContainerCreating`, `previous terminated container … not found`).
   */
  logs(namespace: string, pod: string, container?: string, opts: LogOptions = {}): string {
    const sb = this.findPod(namespace, pod);
    if (!sb) throw notFound(resourceInfo('pods')!, pod);
    const names = sb.containers;
    let name = container;
    if (!name) {
      if (names.length !== 1) throw badRequest(`a container name must be specified for pod ${pod}, choose one of: [${names.join(' ')}]`);
      name = names[0];
    }
    if (!names.includes(name)) throw badRequest(`container ${name} is not valid for pod ${pod}`);
    const list = this.containersOf(sb.uid, name);
    const cur = list[list.length - 1];
    let c: ContainerRecord | undefined;
    if (opts.previous) {
      c = list.length >= 2 ? list[list.length - 2] : undefined;
      if (!c) throw badRequest(`previous terminated container ${JSON.stringify(name)} in pod ${JSON.stringify(pod)} not found`);
    } else {
      c = cur;
      if (!c || c.state === 'created') {
        const why = this.waitingReason?.(sb.uid, name) ?? 'ContainerCreating';
        throw badRequest(`container ${JSON.stringify(name)} in pod ${JSON.stringify(pod)} is waiting to start: ${why}`);
      }
    }
    let lines = this.logLines(c);
    const now = this.now();
    if (opts.sinceTime !== undefined) lines = lines.filter((l) => l[0] >= opts.sinceTime!);
    if (opts.sinceSeconds !== undefined) lines = lines.filter((l) => l[0] >= now - opts.sinceSeconds! * 1000);
    if (opts.tailLines !== undefined && opts.tailLines >= 0) lines = opts.tailLines === 0 ? [] : lines.slice(-opts.tailLines);
    let out = '';
    for (let i = 0; i < lines.length; i++) {
      const [t, , text, n] = lines[i];
      out += (opts.timestamps ? rfc3339NanoFixed(t, (n * 7919 + 104729) % 1_000_000) + ' ' : '') + text + '\n';
    }
    if (opts.limitBytes !== undefined && opts.limitBytes >= 0 && out.length > opts.limitBytes) out = out.slice(0, opts.limitBytes);
    return out;
  }

  /** Every line a container has written so far: [ms, stream, text, sequence]. */
  logLines(c: ContainerRecord): [number, 0 | 1, string, number][] {
    const out: [number, 0 | 1, string, number][] = [];
    if (c.startedAt === undefined) {
      if (c.reason === 'StartError') return out;
      return out;
    }
    const start = c.startedAt;
    const end = c.finishedAt ?? this.now();
    const proc = this.process(c.id);
    let seq = 0;
    const ctx = this.templateContext(c);
    if (proc?.kind === 'app') {
      for (const l of this.expandTemplates(proc.app.startup, start, ctx)) if (l[0] <= end) out.push([l[0], l[1], l[2], seq++]);
    } else if (proc?.kind === 'run') {
      for (const l of proc.output) {
        const t = start + l.at;
        if (t <= end) out.push([t, l.stream === 'stderr' ? 1 : 0, this.fill(l.text, t, ctx), seq++]);
      }
      if (proc.repeat && proc.repeat.periodMs > 0) {
        const max = 10_000;
        for (let k = 0; k < max; k++) {
          const base = start + proc.repeat.from + k * proc.repeat.periodMs;
          if (base > end) break;
          for (const l of proc.repeat.lines) {
            const t = base + l.at;
            if (t <= end) out.push([t, l.stream === 'stderr' ? 1 : 0, this.fill(l.text, t, ctx), seq++]);
          }
        }
      }
    }
    if (c.lines) for (const l of c.lines) out.push([l[0], l[1], l[2], seq++]);
    out.sort((a, b) => a[0] - b[0] || a[3] - b[3]);
    return out;
  }

  private templateContext(c: ContainerRecord): { hostname: string; kernel: string; cpus: number; workerPid: number } {
    const proc = this.process(c.id);
    const workerPid = proc?.kind === 'app' && proc.app.kind === 'nginx' ? proc.app.workerPid : 0;
    return { hostname: c.pod, kernel: NODE_KERNEL.release, cpus: this.cpus(c.node), workerPid };
  }

  private fill(text: string, t: number, ctx: { hostname: string; kernel: string }, pid?: number): string {
    return text.replace(/\{(time|kernel|hostname|date|pid)\}/g, (_m, k: string) => {
      switch (k) {
        case 'time':
          return nginxLogTime(t);
        case 'kernel':
          return ctx.kernel;
        case 'hostname':
          return ctx.hostname;
        case 'date':
          return unixDate(t);
        default:
          return String(pid ?? 1);
      }
    });
  }

  private expandTemplates(templates: readonly LogTemplate[], start: number, ctx: { hostname: string; kernel: string; cpus: number; workerPid: number }): [number, 0 | 1, string][] {
    const out: [number, 0 | 1, string][] = [];
    for (const tpl of templates) {
      const t = start + tpl.at;
      const stream = tpl.stream === 'stderr' ? 1 : 0;
      if (tpl.perCpu) for (let i = 0; i < ctx.cpus; i++) out.push([t, stream, this.fill(tpl.text, t, ctx, ctx.workerPid + i)]);
      else out.push([t, stream, this.fill(tpl.text, t, ctx)]);
    }
    return out;
  }

  private appendTemplates(c: ContainerRecord, templates: readonly LogTemplate[], at: number): void {
    const lines = (c.lines ??= []);
    for (const l of this.expandTemplates(templates, at, this.templateContext(c))) lines.push(l);
  }

  /** Appends a line to a container's log (an exec'd process writing to PID 1's stdout, say). */
  appendLog(id: string, text: string, stream: 'stdout' | 'stderr' = 'stdout', at = this.now()): void {
    const c = this.containers.get(id);
    if (c) (c.lines ??= []).push([at, stream === 'stderr' ? 1 : 0, text]);
  }

  // ------------------------------------------------------------------------------------------
  // filesystem (exec, cp)

  /** The current container of a pod by name (the first one when no name is given). */
  podContainer(namespace: string, pod: string, container?: string): ContainerRecord | undefined {
    const sb = this.findPod(namespace, pod);
    if (!sb) return undefined;
    const name = container ?? sb.containers[0];
    const list = this.containersOf(sb.uid, name);
    return list[list.length - 1];
  }

  private fsTarget(namespace: string, pod: string, container?: string): ContainerRecord {
    const c = this.podContainer(namespace, pod, container);
    if (!c) throw new RuntimeError(`container not found (${JSON.stringify(container ?? '')})`);
    return c;
  }

  private virtualFile(c: ContainerRecord, path: string): string | undefined {
    const sb = this.sandboxes.get(c.sandboxId);
    switch (path) {
      case '/etc/hostname':
        return `${c.pod}\n`;
      case '/etc/hosts':
        return (
          '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' +
          `${sb?.ip ?? ''}\t${c.pod}\n`
        );
      case '/etc/resolv.conf':
        return `nameserver 10.96.0.10\nsearch ${c.namespace}.svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n`;
    }
    if (c.mounts?.includes('/var/run/secrets/kubernetes.io/serviceaccount') && path.startsWith('/var/run/secrets/kubernetes.io/serviceaccount/')) {
      const f = path.slice('/var/run/secrets/kubernetes.io/serviceaccount/'.length);
      if (f === 'namespace') return c.namespace;
      if (f === 'token') return `eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9.${btoa(JSON.stringify({ sub: `system:serviceaccount:${c.namespace}:default` })).replace(/=+$/, '')}.sig`;
      if (f === 'ca.crt') return '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIPodbook0000wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\n-----END CERTIFICATE-----\n';
    }
    return undefined;
  }

  private fileAt(c: ContainerRecord, path: string): { d: string; t: number; mode: number } | undefined {
    const o = c.fs?.[path];
    if (o === null) return undefined;
    if (o) return { d: o.d, t: o.t, mode: 0o644 };
    const v = this.virtualFile(c, path);
    if (v !== undefined) return { d: v, t: c.startedAt ?? c.createdAt, mode: 0o644 };
    const img = this.image(c.id);
    if (!img) return undefined;
    const f = img.files[path];
    if (f !== undefined) return { d: f, t: Date.parse(img.created), mode: path.endsWith('.sh') ? 0o755 : 0o644 };
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash) || '/';
    const base = path.slice(slash + 1);
    if (dir === img.binDir && img.bins.includes(base)) return { d: '', t: Date.parse(img.created), mode: 0o755 };
    return undefined;
  }

  private isDir(c: ContainerRecord, path: string): boolean {
    const p = path === '/' ? '/' : path.replace(/\/+$/, '');
    if (c.fs?.[p] === null) return false;
    if (STANDARD_DIRS.includes(p)) return true;
    const prefix = p === '/' ? '/' : p + '/';
    for (const k of this.allPaths(c)) if (k.startsWith(prefix)) return true;
    return false;
  }

  private allPaths(c: ContainerRecord): string[] {
    const img = this.image(c.id);
    const paths = new Set<string>(img ? Object.keys(img.files) : []);
    if (img) for (const b of img.bins) paths.add(`${img.binDir}/${b}`);
    for (const p of ['/etc/hostname', '/etc/hosts', '/etc/resolv.conf']) paths.add(p);
    if (c.mounts?.includes('/var/run/secrets/kubernetes.io/serviceaccount')) {
      for (const f of ['ca.crt', 'namespace', 'token']) paths.add(`/var/run/secrets/kubernetes.io/serviceaccount/${f}`);
    }
    for (const [k, v] of Object.entries(c.fs ?? {})) {
      if (v === null) paths.delete(k);
      else paths.add(k);
    }
    return [...paths];
  }

  /** Reads a file in a container; throws `No such file or directory`. */
  readFile(namespace: string, pod: string, container: string | undefined, path: string): string {
    const c = this.fsTarget(namespace, pod, container);
    const f = this.fileAt(c, normalizePath(path));
    if (!f) throw new RuntimeError(this.isDir(c, normalizePath(path)) ? `${path}: Is a directory` : `${path}: No such file or directory`);
    return f.d;
  }

  /** Writes a file into the container's own layer. */
  writeFile(namespace: string, pod: string, container: string | undefined, path: string, content: string): void {
    const c = this.fsTarget(namespace, pod, container);
    const p = normalizePath(path);
    const dir = p.slice(0, p.lastIndexOf('/')) || '/';
    if (!this.isDir(c, dir)) throw new RuntimeError(`${dir}: No such file or directory`);
    (c.fs ??= {})[p] = { d: content, t: this.now() };
  }

  /** Deletes a file (a whiteout in the container's layer). */
  removeFile(namespace: string, pod: string, container: string | undefined, path: string): void {
    const c = this.fsTarget(namespace, pod, container);
    const p = normalizePath(path);
    if (!this.fileAt(c, p)) throw new RuntimeError(`${path}: No such file or directory`);
    (c.fs ??= {})[p] = null;
  }

  stat(namespace: string, pod: string, container: string | undefined, path: string): FileStat | undefined {
    const c = this.fsTarget(namespace, pod, container);
    const p = normalizePath(path);
    const f = this.fileAt(c, p);
    if (f) return { type: 'file', size: byteLength(f.d), mode: f.mode, mtime: f.t };
    if (this.isDir(c, p)) return { type: 'dir', size: 4096, mode: 0o755, mtime: c.createdAt };
    return undefined;
  }

  /** Entries of a directory, sorted by name. */
  listDir(namespace: string, pod: string, container: string | undefined, path: string): { name: string; type: 'file' | 'dir' }[] {
    const c = this.fsTarget(namespace, pod, container);
    const p = normalizePath(path);
    if (!this.isDir(c, p)) throw new RuntimeError(`${path}: No such file or directory`);
    const prefix = p === '/' ? '/' : p + '/';
    const seen = new Map<string, 'file' | 'dir'>();
    for (const k of [...this.allPaths(c), ...STANDARD_DIRS]) {
      if (!k.startsWith(prefix) || k === prefix) continue;
      const rest = k.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (!name) continue;
      const type = slash < 0 && !STANDARD_DIRS.includes(k) ? 'file' : 'dir';
      if (seen.get(name) !== 'dir') seen.set(name, type);
    }
    return [...seen.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([name, type]) => ({ name, type }));
  }

  // ------------------------------------------------------------------------------------------
  // network

  /** The live sandbox that holds an IP. */
  sandboxByIP(ip: string): SandboxRecord | undefined {
    const id = this.ipsInUse.get(ip);
    return id ? this.sandboxes.get(id) : undefined;
  }

  /** Which pod (namespace/name) holds a live IP. */
  podByIP(ip: string): { namespace: string; name: string; uid: string } | undefined {
    const s = this.sandboxByIP(ip);
    return s ? { namespace: s.namespace, name: s.pod, uid: s.uid } : undefined;
  }

  /**
   * An HTTP request to a pod's port, answered by whichever running container of the pod
   * listens there (containers share the pod's network namespace). Nothing listening, or the
   * container not running: connection refused.
   */
  http(target: HttpTarget, port: number, req: HttpRequest = {}): HttpResponse | { error: 'connection refused' } {
    const sb = 'podIP' in target ? this.sandboxByIP(target.podIP) : this.findPod(target.namespace, target.pod);
    if (!sb || sb.state !== 'ready') return { error: 'connection refused' };
    for (const c of this.containersOf(sb.uid)) {
      if (c.state !== 'running') continue;
      const proc = this.process(c.id);
      if (proc?.kind !== 'app' || proc.app.port !== port) continue;
      // the server is still starting: nothing listens yet
      if (this.now() - (c.startedAt ?? 0) < proc.app.listenMs) return { error: 'connection refused' };
      return proc.app.kind === 'nginx' ? this.serveNginx(c, proc.app, req) : this.serveWhoami(c, req);
    }
    return { error: 'connection refused' };
  }

  private serveNginx(c: ContainerRecord, app: Extract<AppSpec, { kind: 'nginx' }>, req: HttpRequest): HttpResponse {
    const now = this.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const rawPath = req.path ?? '/';
    const path = rawPath.split('?')[0] || '/';
    const headers = lowerKeys(req.headers ?? {});
    const client = req.clientIP ?? '127.0.0.1';
    const host = headers['host'] ?? 'localhost';
    c.conns = (c.conns ?? 0) + 1;
    const cpus = this.cpus(c.node);
    const worker = app.workerPid + ((c.conns - 1) % cpus);
    const request = `${method} ${rawPath} HTTP/1.1`;
    let status = 200;
    let body = '';
    const out: Record<string, string> = { Server: app.server, Date: httpDate(now) };
    const file = path.endsWith('/') ? `${app.root}${path}index.html` : `${app.root}${path}`;
    let f = this.fileAt(c, decodeURIComponent(file));
    if (!f && !path.endsWith('/') && this.isDir(c, `${app.root}${path}`)) {
      status = 301;
      body = nginxErrorPage(301, app.server);
      out['Content-Type'] = 'text/html';
      out['Content-Length'] = String(byteLength(body));
      out['Location'] = `http://${host}${path}/`;
      out['Connection'] = 'keep-alive';
    } else if (!f) {
      status = 404;
      body = nginxErrorPage(404, app.server);
      out['Content-Type'] = 'text/html';
      out['Content-Length'] = String(byteLength(body));
      out['Connection'] = 'keep-alive';
      const referer = headers['referer'];
      const msg = `${nginxLogTime(now)} [error] ${worker}#${worker}: *${c.conns} open() "${file}" failed (2: No such file or directory), client: ${client}, server: localhost, request: "${request}", host: "${host}"${referer ? `, referrer: "${referer}"` : ''}`;
      (c.lines ??= []).push([now, 1, msg]);
    } else if (method !== 'GET' && method !== 'HEAD') {
      status = 405;
      body = nginxErrorPage(405, app.server);
      out['Content-Type'] = 'text/html';
      out['Content-Length'] = String(byteLength(body));
      out['Connection'] = 'keep-alive';
      f = undefined;
    } else {
      body = f.d;
      const size = byteLength(body);
      out['Content-Type'] = contentType(file);
      out['Content-Length'] = String(size);
      out['Last-Modified'] = httpDate(f.t);
      out['Connection'] = 'keep-alive';
      out['ETag'] = `"${Math.floor(f.t / 1000).toString(16)}-${size.toString(16)}"`;
      out['Accept-Ranges'] = 'bytes';
    }
    const sent = method === 'HEAD' ? 0 : byteLength(body);
    const access = `${client} - - [${nginxAccessTime(now)}] "${request}" ${status} ${sent} "${headers['referer'] ?? '-'}" "${headers['user-agent'] ?? '-'}" "${headers['x-forwarded-for'] ?? '-'}"`;
    (c.lines ??= []).push([now, 0, access]);
    return { status, statusText: STATUS_TEXT[status] ?? '', headers: out, body: method === 'HEAD' ? '' : body };
  }

  private serveWhoami(c: ContainerRecord, req: HttpRequest): HttpResponse {
    const now = this.now();
    const path = (req.path ?? '/').split('?')[0];
    if (path !== '/' && path !== '') {
      return { status: 404, statusText: 'Not Found', headers: { 'Content-Length': '0', Date: httpDate(now), Server: 'Kestrel' }, body: '' };
    }
    // ASP.NET Core's JSON output formatter (relaxed escaping): the string with its quotes
    const body = JSON.stringify(`I'm ${c.pod} running on ${this.osDescription()}`);
    return {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Date: httpDate(now), Server: 'Kestrel', 'Transfer-Encoding': 'chunked' },
      body,
    };
  }

  // ------------------------------------------------------------------------------------------
  // snapshot

  toJSON(): RuntimeState {
    return {
      v: 1,
      sandboxes: [...this.sandboxes.values()],
      containers: [...this.containers.values()],
      images: this.images,
      pullBusy: this.pullBusy,
      ipNext: this.ipNext,
    };
  }

  load(state: RuntimeState): void {
    const copy = JSON.parse(JSON.stringify(state)) as RuntimeState;
    this.sandboxes = new Map(copy.sandboxes.map((s) => [s.id, s]));
    this.containers = new Map(copy.containers.map((c) => [c.id, c]));
    this.images = copy.images;
    this.pullBusy = copy.pullBusy;
    this.ipNext = copy.ipNext;
    this.ipsInUse.clear();
    this.byUid.clear();
    this.containersByUid.clear();
    this.processCache.clear();
    const sbs = [...this.sandboxes.values()].sort((a, b) => a.createdAt - b.createdAt || a.attempt - b.attempt);
    for (const s of sbs) {
      if (s.state === 'ready' && !s.removed) this.ipsInUse.set(s.ip, s.id);
      const l = this.byUid.get(s.uid) ?? [];
      l.push(s);
      this.byUid.set(s.uid, l);
    }
    const cs = [...this.containers.values()].sort((a, b) => a.createdAt - b.createdAt || a.attempt - b.attempt);
    for (const c of cs) {
      const l = this.containersByUid.get(c.uid) ?? [];
      l.push(c);
      this.containersByUid.set(c.uid, l);
    }
  }
}

function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

const STATUS_TEXT: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 404: 'Not Found', 405: 'Not Allowed' };

function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const seg of path.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export type { OutputLine };
