// ClusterClient over the in-process simulated cluster (lib/cluster). Every call goes straight to
// the store, so the objects, errors (ApiError with the apiserver's Status) and resourceVersions
// are the ones lib/apiserver would serve over HTTP; tables are built at the cluster's clock, as
// the apiserver builds them at response time.
//
// The server address is docker-desktop's (`kubectl cluster-info` there prints
// "Kubernetes control plane is running at https://kubernetes.docker.internal:6443"): the book's
// readers run Docker Desktop, and the simulated node is `docker-desktop`.

import type {
  ClusterClient,
  DeleteOptions,
  ExecResult,
  HttpResult,
  ListOptions,
  LogOptions,
  ObjectListResult,
  PatchType,
  ServerVersion,
  Watch,
  WriteOptions,
} from '../kubectl/client';
import { tableFor, tableForObject } from '../kubectl/printers/tables';
import type { IncludeObject, Table } from '../kubectl/printers/tables';
import { RESOURCES } from '../k8s/resources';
import type { ResourceInfo } from '../k8s/resources';
import type { KubeObject, Status, WatchEvent } from '../k8s/types';
import type { Cluster } from '../cluster/cluster';
import { serverVersionOf } from '../cluster/version';
import { VirtualClock } from '../cluster/clock';
import { ExecError, clusterNetwork, containerEnv, execInContainer } from '../cluster/kubelet';
import { ApiError, badRequest } from '../k8s/errors';
import { unknownFields } from '../kubectl/explain/strict';
import { authorize } from '../k8s/authz';
import type { AccessRequest, Principal } from '../k8s/authz';
import { resourceInfo } from '../k8s/resources';

export { serverVersionOf };

export const DOCKER_DESKTOP_SERVER = 'https://kubernetes.docker.internal:6443';

export class SimulatedClient implements ClusterClient {
  readonly backend = 'simulated' as const;
  readonly server: string;

  private readonly principal?: Principal;

  /**
   * `principal`: act as that user, refused outside what it may do with the API server's 403
   * (lib/k8s/authz.ts), as a learner's namespace token is; the default is cluster-admin.
   */
  constructor(
    readonly cluster: Cluster,
    opts: { server?: string; principal?: Principal } = {},
  ) {
    this.server = opts.server ?? DOCKER_DESKTOP_SERVER;
    this.principal = opts.principal;
  }

  /**
   * fieldValidation=Strict, as the API server decodes a body (lib/apiserver): fields the schema
   * does not know are a 400 with the strict decoder's message. Warn and Ignore let them through
   * (the server's warnings have no channel in process).
   */
  private validateFields(resource: string, obj: KubeObject, opts: WriteOptions): void {
    if (opts.fieldValidation !== 'Strict') return;
    const info = resourceInfo(resource);
    if (!info) return;
    const unknown = unknownFields(String(obj.apiVersion ?? ''), String(obj.kind ?? info.kind), obj);
    if (unknown.length === 0) return;
    const kind = info.kind;
    throw badRequest(`${kind} in version "${info.version}" cannot be handled as a ${kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
  }

  private check(verb: string, resource: string, namespace: string | undefined, name?: string, subresource?: string): void {
    if (!this.principal) return;
    const info = resourceInfo(resource);
    const req: AccessRequest = { verb, resource, group: info?.group ?? '', namespace: info && !info.namespaced ? undefined : namespace, name, subresource };
    const denied = authorize(this.principal, req);
    if (denied) throw new ApiError(denied);
  }

  async resources(): Promise<ResourceInfo[]> {
    return RESOURCES.map((r) => ({ ...r, shortNames: [...r.shortNames], categories: [...r.categories], verbs: [...r.verbs], subresources: [...r.subresources] }));
  }

  async version(): Promise<ServerVersion> {
    return serverVersionOf(this.cluster);
  }

  now(): number {
    return this.cluster.now();
  }

  /** Virtual clock: advances the cluster (controllers and kubelet run). Real clock: waits. */
  async sleep(ms: number): Promise<void> {
    if (this.cluster.clock instanceof VirtualClock) {
      this.cluster.advance(ms);
      return;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  async get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): Promise<T> {
    this.check('get', resource, namespace, name);
    return this.cluster.store.get<T>(resource, namespace, name);
  }

  async list<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, opts: ListOptions = {}): Promise<ObjectListResult<T>> {
    this.check('list', resource, namespace);
    return this.cluster.store.list<T>(resource, namespace, opts);
  }

  async table(
    resource: string,
    namespace: string | undefined,
    opts: ListOptions & { name?: string; includeObject?: IncludeObject } = {},
  ): Promise<Table> {
    this.check(opts.name !== undefined ? 'get' : 'list', resource, namespace, opts.name);
    const now = this.cluster.now();
    if (opts.name !== undefined) {
      const obj = this.cluster.store.get(resource, namespace, opts.name);
      return tableForObject(resource, obj, now, { includeObject: opts.includeObject });
    }
    const list = this.cluster.store.list(resource, namespace, opts);
    return tableFor(resource, list.items, now, {
      includeObject: opts.includeObject,
      resourceVersion: list.metadata.resourceVersion,
      continue: list.metadata.continue,
      remainingItemCount: list.metadata.remainingItemCount,
    });
  }

  async create<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    this.check('create', resource, namespace ?? obj.metadata?.namespace);
    this.validateFields(resource, obj, opts);
    return this.cluster.store.create<T>(resource, namespace, obj, { dryRun: opts.dryRun, fieldManager: opts.fieldManager });
  }

  async update<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    this.check('update', resource, namespace ?? obj.metadata?.namespace, obj.metadata?.name);
    this.validateFields(resource, obj, opts);
    return this.cluster.store.update<T>(resource, namespace, obj, { dryRun: opts.dryRun, fieldManager: opts.fieldManager });
  }

  async patch<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    opts: WriteOptions & { subresource?: 'scale' | 'status' } = {},
  ): Promise<T> {
    this.check('patch', resource, namespace, name, opts.subresource);
    return this.cluster.store.patch<T>(resource, namespace, name, type, body, {
      dryRun: opts.dryRun,
      fieldManager: opts.fieldManager,
      subresource: opts.subresource,
    });
  }

  async delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject | Status> {
    this.check('delete', resource, namespace, name);
    return this.cluster.store.delete(resource, namespace, name, opts);
  }

  async watch(
    resource: string,
    namespace: string | undefined,
    opts: ListOptions & { resourceVersion?: string },
    onEvent: (e: WatchEvent) => void,
  ): Promise<Watch> {
    this.check('watch', resource, namespace);
    return this.cluster.store.watch(
      resource,
      namespace,
      { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, resourceVersion: opts.resourceVersion },
      onEvent,
    );
  }

  async logs(namespace: string, pod: string, opts: LogOptions = {}): Promise<string> {
    this.check('get', 'pods', namespace, pod, 'log');
    // The apiserver checks the pod exists before asking the kubelet.
    this.cluster.store.get('pods', namespace, pod);
    return this.cluster.kubelet.runtime.logs(namespace, pod, opts.container, {
      previous: opts.previous,
      tailLines: opts.tailLines,
      sinceSeconds: opts.sinceSeconds,
      timestamps: opts.timestamps,
      limitBytes: opts.limitBytes,
    });
  }

  /**
   * `kubectl exec` through the kubelet's exec interpreter (lib/cluster/kubelet/exec.ts). The pod
   * must exist (NotFound from the store); a container that is not running gives the kubelet's
   * `unable to upgrade connection: container not found ("web")`, thrown as a plain Error that
   * kubectl prints as `error: …`. The process sees the image's env, the container's literal
   * `env` values and the `kubernetes` service variables every pod gets.
   */
  async exec(namespace: string, pod: string, container: string, argv: string[], opts: { stdin?: string; tty?: boolean } = {}): Promise<ExecResult> {
    this.check('create', 'pods', namespace, pod, 'exec');
    const obj = this.cluster.store.get<KubeObject & { spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] } }>('pods', namespace, pod);
    const env = containerEnv(obj, container);
    try {
      return execInContainer(this.cluster.kubelet.runtime, namespace, pod, container, argv, { stdin: opts.stdin, tty: opts.tty, env, ...clusterNetwork(this.cluster.store, namespace) });
    } catch (e) {
      // kubectl 1.32 execs over WebSocket v5, which the apiserver's stream translator serves: it
      // wraps what the kubelet refused in one more InternalError (streamtranslator.go), so users
      // read `error: Internal error occurred: unable to upgrade connection: …`.
      if (e instanceof ExecError) throw new Error(`Internal error occurred: ${e.message}`);
      throw e;
    }
  }

  /**
   * One HTTP request through a port-forward: the client address is 127.0.0.1, as nginx logs it.
   * Nothing listening throws `connection refused` (port-forward prints its own error for it).
   */
  async podHttp(
    namespace: string,
    pod: string,
    port: number,
    req: { method?: string; path?: string; headers?: Record<string, string> },
  ): Promise<HttpResult> {
    this.check('create', 'pods', namespace, pod, 'portforward');
    const res = this.cluster.kubelet.runtime.http({ namespace, pod }, port, { ...req, clientIP: '127.0.0.1' });
    if ('error' in res) throw new Error(res.error);
    return res;
  }
}
