// What Podbook's kubectl talks to. The in-process simulator (lib/runtime) and the sandbox backend
// over @kubernetes/client-node (lib/sandbox) both implement it, so every verb runs the same way
// on both. Methods mirror the REST calls real kubectl makes (kube-protocol §1); failures are
// thrown as ApiError carrying the server's Status, which kubectl prints as
// `Error from server (<reason>): <message>`.

import type { ResourceInfo } from '../k8s/resources';
import type { KubeObject, ServerVersion, Status, WatchEvent } from '../k8s/types';
import type { Table } from './printers/tables/types';

export type PatchType =
  | 'application/merge-patch+json'
  | 'application/json-patch+json'
  | 'application/strategic-merge-patch+json';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
}

export interface ObjectListResult<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: T[];
}

export interface WriteOptions {
  /** `All` for --dry-run=server */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface LogOptions {
  container?: string;
  tailLines?: number;
  previous?: boolean;
  sinceSeconds?: number;
  timestamps?: boolean;
  limitBytes?: number;
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface HttpResult {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export type { ServerVersion } from '../k8s/types';

export interface Watch {
  stop(): void;
}

export interface ClusterClient {
  readonly backend: 'simulated' | 'sandbox';
  /** the API server address kubectl would show (`cluster-info`, `config view`) */
  readonly server: string;

  /** Discovery, in the server's order (`get all` expands the `all` category in this order). */
  resources(): Promise<ResourceInfo[]>;
  version(): Promise<ServerVersion>;

  /**
   * The client's clock in ms: what kubectl's time.Now() would read, for ages it computes itself
   * (describe, events). Virtual on the simulator, the wall clock on a sandbox.
   */
  now(): number;
  /**
   * Lets time pass (kubectl wait, rollout status, logs -f, sleep): on the simulator this advances
   * virtual time and runs the controllers; on a sandbox it really waits.
   */
  sleep(ms: number): Promise<void>;

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): Promise<T>;
  list<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, opts?: ListOptions): Promise<ObjectListResult<T>>;
  /** The server-side Table for `kubectl get` (name set: one object; otherwise a list). */
  table(resource: string, namespace: string | undefined, opts?: ListOptions & { name?: string; includeObject?: 'Metadata' | 'Object' }): Promise<Table>;

  create<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<T>;
  update<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<T>;
  patch<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    opts?: WriteOptions & { subresource?: 'scale' | 'status' },
  ): Promise<T>;
  delete(resource: string, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject | Status>;
  /** Watches from `resourceVersion` (replaying what happened since). */
  watch(resource: string, namespace: string | undefined, opts: ListOptions & { resourceVersion?: string }, onEvent: (e: WatchEvent) => void): Promise<Watch>;

  logs(namespace: string, pod: string, opts?: LogOptions): Promise<string>;
  exec(namespace: string, pod: string, container: string, argv: string[], opts?: { stdin?: string; tty?: boolean }): Promise<ExecResult>;
  /** One HTTP request to a pod's port, as through `kubectl port-forward` (client address 127.0.0.1). */
  podHttp(namespace: string, pod: string, port: number, req: { method?: string; path?: string; headers?: Record<string, string> }): Promise<HttpResult>;
}
