// ClusterClient over a real Kubernetes API server (a sandbox cluster, or lib/apiserver), through
// @kubernetes/client-node 1.4: its KubeConfig for configuration and credentials
// (applyToHTTPSOptions: CA, client certificates, bearer tokens, exec/OIDC plugins), its Watch for
// watches, its Exec (WebSocket channel protocol) for exec and its PortForward (WebSocket v4) for
// podHttp. Plain REST calls go through node:http(s) with those options, so this file controls the
// `Accept` header (server-side Tables, as kubectl get.go transformRequests asks for them), the
// patch content types, DeleteOptions bodies and paging, exactly as real kubectl sends them
// (kube-protocol §1.3, §1.7, §1.8).
//
// Failures keep kubectl's wording: a Status body becomes an ApiError (kubectl prints
// `Error from server (NotFound): pods "x" not found`); transport failures become the messages of
// kubectl's cmdutil.StandardErrorMessage (`The connection to the server 127.0.0.1:6443 was
// refused - did you specify the right host or port?`, `Unable to connect to the server: …`).

import { request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PassThrough, Readable, Writable } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { Exec, KubeConfig, PortForward, Watch as KubeWatch } from '@kubernetes/client-node';
// not re-exported by the package index; its socket factory lets us read a refused upgrade's Status
import { WebSocketHandler } from '@kubernetes/client-node/dist/web-socket-handler.js';
import WebSocket from 'ws';
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
import { KubectlError } from '../kubectl/invocation';
import type { Table } from '../kubectl/printers/tables/types';
import { ApiError } from '../k8s/errors';
import { RESOURCES, resourceInfo } from '../k8s/resources';
import type { ResourceInfo } from '../k8s/resources';
import type { KubeObject, Status, WatchEvent } from '../k8s/types';

/** kubectl get's Accept for human output (get.go:424-439): a v1 Table, v1beta1, else plain JSON. */
export const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

/** client-go's discovery Accept: aggregated discovery v2, v2beta1, else the legacy documents. */
export const DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

const USER_AGENT = 'podbook-sandbox/1.0 (@kubernetes/client-node 1.4)';

/** Where a kubeconfig comes from: a loaded KubeConfig, YAML text, or a file path. */
export type KubeconfigSource = KubeConfig | string;

export interface SandboxClientOptions {
  /** the kubeconfig: an object, its YAML text, or a path; absent: $KUBECONFIG or ~/.kube/config */
  kubeconfig?: KubeconfigSource;
  /** the context to use instead of current-context */
  context?: string;
  /** overrides the context's namespace as the client's default namespace */
  namespace?: string;
  /** request timeout for plain REST calls, ms (client-go has none by default; 30 s here) */
  timeoutMs?: number;
  /** called before every request (a learner session's idle timer: lib/sandbox/sessions) */
  onUse?: () => void;
}

/** Loads a kubeconfig the way `--kubeconfig` would: YAML or JSON text (a newline, `{`, `apiVersion:`), else a path. */
export function loadKubeConfig(source?: KubeconfigSource, context?: string): KubeConfig {
  let kc: KubeConfig;
  if (source instanceof KubeConfig) kc = source;
  else {
    kc = new KubeConfig();
    if (source === undefined) kc.loadFromDefault();
    else if (/\n/.test(source) || /^\s*\{/.test(source) || /^\s*(apiVersion|kind|clusters)\s*:/.test(source)) kc.loadFromString(source);
    else kc.loadFromFile(source);
  }
  if (context !== undefined) {
    if (!kc.getContextObject(context)) throw new KubectlError(`context was not found for specified context: ${context}`);
    kc.setCurrentContext(context);
  }
  return kc;
}

interface RawResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface RequestSpec {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  accept?: string;
  contentType?: string;
  body?: unknown;
}

/** The reasons client-go gives HTTP codes whose body is not a Status (errors.NewGenericServerResponse). */
function genericStatus(code: number, method: string, body: string, qualified?: string, name?: string): Status {
  let reason = 'Unknown';
  let message = '';
  switch (code) {
    case 409:
      reason = 'Conflict';
      message = 'the server reported a conflict';
      break;
    case 404:
      reason = 'NotFound';
      message = 'the server could not find the requested resource';
      break;
    case 400:
      reason = 'BadRequest';
      message = 'the server rejected our request for an unknown reason';
      break;
    case 401:
      reason = 'Unauthorized';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 403:
      reason = 'Forbidden';
      message = 'the server does not allow access to the requested resource';
      break;
    case 405:
      reason = 'MethodNotAllowed';
      message = 'the server does not allow this method on the requested resource';
      break;
    case 410:
      reason = 'Expired';
      message = 'the server has asked for the client to provide credentials';
      break;
    case 422:
      reason = 'Invalid';
      message = 'the server rejected our request due to an error in our request';
      break;
    case 429:
      reason = 'TooManyRequests';
      message = 'the server has received too many requests and has asked us to try again later';
      break;
    case 500:
      reason = 'InternalError';
      message = 'an error on the server has prevented the request from succeeding';
      break;
    case 503:
      reason = 'ServiceUnavailable';
      message = 'the server is currently unable to handle the request';
      break;
    case 504:
      reason = 'Timeout';
      message = 'the server was unable to return a response in the time allotted, but may still be processing the request';
      break;
    default:
      message = `an error on the server ("${body.trim()}") has prevented the request from succeeding`;
  }
  // client-go appends the verb and resource: `(get pods nginx)`
  if (qualified) message += ` (${method.toLowerCase()} ${qualified}${name ? ` ${name}` : ''})`;
  const st: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (qualified) st.details = { kind: qualified, ...(name ? { name } : {}) };
  return st;
}

function isStatus(v: unknown): v is Status {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'Status' && typeof (v as { code?: unknown }).code === 'number';
}

/**
 * A transport failure as kubectl's cmdutil.StandardErrorMessage prints it: refused connections by
 * name (utilnet.IsConnectionRefused), everything else as `Unable to connect to the server: <err>`
 * with the Go error text of the dial or TLS failure.
 */
export function transportError(e: unknown, server: string): KubectlError {
  const err = e as NodeJS.ErrnoException;
  let url: URL | undefined;
  try {
    url = new URL(server);
  } catch {
    url = undefined;
  }
  const host = url?.hostname ?? server;
  // Go's dialer names the port even when the URL leaves it implicit
  const hostPort = url ? `${url.hostname}:${url.port || (url.protocol === 'https:' ? '443' : '80')}` : server;
  switch (err?.code) {
    case 'ECONNREFUSED':
      return new KubectlError(`The connection to the server ${hostPort} was refused - did you specify the right host or port?`, 1, true);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new KubectlError(`Unable to connect to the server: dial tcp: lookup ${host}: no such host`, 1, true);
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new KubectlError(`Unable to connect to the server: dial tcp ${hostPort}: i/o timeout`, 1, true);
    case 'ECONNRESET':
      return new KubectlError(`Unable to connect to the server: read tcp ${hostPort}: read: connection reset by peer`, 1, true);
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return new KubectlError('Unable to connect to the server: tls: failed to verify certificate: x509: certificate signed by unknown authority', 1, true);
    case 'CERT_HAS_EXPIRED':
      return new KubectlError('Unable to connect to the server: tls: failed to verify certificate: x509: certificate has expired or is not yet valid', 1, true);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return new KubectlError(`Unable to connect to the server: tls: failed to verify certificate: x509: certificate is not valid for ${host}`, 1, true);
    case 'EPROTO':
      return new KubectlError(`Unable to connect to the server: ${err.message}`, 1, true);
    default:
      return new KubectlError(`Unable to connect to the server: ${err?.message ?? String(e)}`, 1, true);
  }
}

/** A minimal HTTP/1.1 response parser for what comes back through a port-forward. */
export function parseHttpResponse(buf: Buffer, complete: boolean, method = 'GET'): HttpResult | undefined {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const head = buf.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/\d\.\d (\d{3})(?: (.*))?$/.exec(head[0] ?? '');
  if (!m) throw new Error(`malformed HTTP response: ${JSON.stringify(head[0])}`);
  // names keep the pod's spelling (`Content-Type`): `curl -i` prints them as they came
  const headers: Record<string, string> = {};
  const lower: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim();
    headers[name] = line.slice(i + 1).trim();
    lower[name.toLowerCase()] = headers[name];
  }
  let rest = buf.subarray(end + 4);
  let body: Buffer;
  const status = Number(m[1]);
  // RFC 9112 §6.3: answers to HEAD, 1xx, 204 and 304 end at the header block whatever Content-Length says
  if (method.toUpperCase() === 'HEAD' || status < 200 || status === 204 || status === 304) {
    return { status, statusText: m[2] ?? '', headers, body: '' };
  }
  if (lower['transfer-encoding']?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol < 0) return complete ? { status: Number(m[1]), statusText: m[2] ?? '', headers, body: Buffer.concat(parts).toString('utf8') } : undefined;
      const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
      if (size === 0) break;
      if (rest.length < eol + 2 + size + 2) return complete ? { status: Number(m[1]), statusText: m[2] ?? '', headers, body: Buffer.concat(parts).toString('utf8') } : undefined;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 2 + size + 2);
    }
    body = Buffer.concat(parts);
  } else if (lower['content-length'] !== undefined) {
    const n = Number(lower['content-length']);
    if (rest.length < n && !complete) return undefined;
    body = rest.subarray(0, n);
  } else {
    if (!complete) return undefined;
    body = rest;
  }
  return { status: Number(m[1]), statusText: m[2] ?? '', headers, body: body.toString('utf8') };
}

/** One discovery resource of an APIGroupDiscoveryList (apidiscovery.k8s.io/v2). */
interface DiscoveryResource {
  resource: string;
  responseKind?: { group?: string; version?: string; kind?: string };
  scope?: string;
  singularResource?: string;
  verbs?: string[];
  shortNames?: string[];
  categories?: string[];
  subresources?: { subresource: string }[];
}

interface DiscoveryList {
  items?: { metadata?: { name?: string }; versions?: { version: string; resources?: DiscoveryResource[] }[] }[];
}

export class SandboxClient implements ClusterClient {
  readonly backend = 'sandbox' as const;
  readonly server: string;
  /** the context's namespace (or the one given): the default for commands without -n */
  readonly namespace: string;
  readonly kubeconfig: KubeConfig;
  private discovery?: Promise<ResourceInfo[]>;
  private readonly timeoutMs: number;
  private readonly onUse?: () => void;

  constructor(opts: SandboxClientOptions = {}) {
    this.kubeconfig = loadKubeConfig(opts.kubeconfig, opts.context);
    const cluster = this.kubeconfig.getCurrentCluster();
    if (!cluster) {
      // clientcmd's error for a kubeconfig without a usable cluster
      throw new KubectlError('invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable', 1, true);
    }
    this.server = cluster.server.replace(/\/+$/, '');
    const ctx = this.kubeconfig.getContextObject(this.kubeconfig.getCurrentContext());
    this.namespace = opts.namespace ?? (ctx?.namespace || 'default');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.onUse = opts.onUse;
  }

  // ---- transport -------------------------------------------------------------------------------

  private async send(spec: RequestSpec): Promise<RawResponse> {
    this.onUse?.();
    const url = new URL(this.server + spec.path);
    for (const [k, v] of Object.entries(spec.query ?? {})) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) url.searchParams.append(k, x);
      else url.searchParams.set(k, String(v));
    }
    const opts: RequestOptions & { headers: Record<string, string> } = {
      method: spec.method,
      headers: { Accept: spec.accept ?? 'application/json', 'User-Agent': USER_AGENT },
    };
    await this.kubeconfig.applyToHTTPSOptions(opts);
    let payload: Buffer | undefined;
    if (spec.body !== undefined) {
      payload = Buffer.from(typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body), 'utf8');
      opts.headers['Content-Type'] = spec.contentType ?? 'application/json';
      opts.headers['Content-Length'] = String(payload.length);
    }
    const requestFn = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<RawResponse>((resolve, reject) => {
      const req = requestFn(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? STATUS_CODES[res.statusCode ?? 0] ?? '', headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', (e) => reject(transportError(e, this.server)));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      req.on('error', (e) => reject(transportError(e, this.server)));
      if (payload) req.write(payload);
      req.end();
    });
  }

  /** Sends and decodes a JSON answer; failures become ApiError with the server's Status. */
  private async json<T>(spec: RequestSpec, what?: { resource?: ResourceInfo; name?: string }): Promise<T> {
    const res = await this.send(spec);
    const text = res.body.toString('utf8');
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      if (isStatus(parsed)) throw new ApiError(parsed);
      const qualified = what?.resource ? (what.resource.group ? `${what.resource.resource}.${what.resource.group}` : what.resource.resource) : undefined;
      throw new ApiError(genericStatus(res.status, spec.method, text, qualified, what?.name));
    }
    if (parsed === undefined) throw new Error(`unexpected non-JSON answer from ${spec.method} ${spec.path}: ${text.slice(0, 200)}`);
    return parsed as T;
  }

  // ---- paths -------------------------------------------------------------------------------------

  /** The resource's discovery entry (the server's, else Podbook's built-in table). */
  private async info(resource: string): Promise<ResourceInfo> {
    const plural = resource.toLowerCase();
    const served = await this.resources().catch(() => [] as ResourceInfo[]);
    let hit = served.find((r) => r.resource === plural);
    if (!hit && served.length > 0) {
      // as client-go's deferred RESTMapper: an unknown type invalidates the discovery cache once
      this.discovery = undefined;
      hit = (await this.resources().catch(() => [] as ResourceInfo[])).find((r) => r.resource === plural);
    }
    hit ??= resourceInfo(plural);
    if (!hit) throw new KubectlError(`the server doesn't have a resource type "${resource}"`);
    return hit;
  }

  private static pathOf(info: ResourceInfo, namespace: string | undefined, name?: string, subresource?: string): string {
    let p = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    if (info.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
    p += `/${info.resource}`;
    if (name !== undefined) p += `/${encodeURIComponent(name)}`;
    if (subresource) p += `/${subresource}`;
    return p;
  }

  private static listQuery(opts: ListOptions): Record<string, string | number | undefined> {
    return { labelSelector: opts.labelSelector || undefined, fieldSelector: opts.fieldSelector || undefined, limit: opts.limit, continue: opts.continue || undefined };
  }

  private static writeQuery(opts: WriteOptions): Record<string, string | undefined> {
    return { dryRun: opts.dryRun ? 'All' : undefined, fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation };
  }

  // ---- ClusterClient -----------------------------------------------------------------------------

  /** Aggregated discovery (`/api`, `/apis`), in the server's order: core first, then the groups as served. */
  resources(): Promise<ResourceInfo[]> {
    if (!this.discovery) {
      this.discovery = this.loadDiscovery().catch((e: unknown) => {
        this.discovery = undefined;
        throw e;
      });
    }
    return this.discovery.then((list) => list.map((r) => ({ ...r, shortNames: [...r.shortNames], categories: [...r.categories], verbs: [...r.verbs], subresources: [...r.subresources] })));
  }

  private async loadDiscovery(): Promise<ResourceInfo[]> {
    const out: ResourceInfo[] = [];
    for (const path of ['/api', '/apis']) {
      let doc: DiscoveryList & { kind?: string };
      try {
        doc = await this.json<DiscoveryList & { kind?: string }>({ method: 'GET', path, accept: DISCOVERY_ACCEPT });
      } catch (e) {
        // client-go's discovery does not decode a 401's Status body: real kubectl prints
        // `error: You must be logged in to the server (the server has asked for the client to
        // provide credentials)` for a bad token, whatever the server's message.
        if (e instanceof ApiError && e.code === 401) throw new ApiError(genericStatus(401, 'GET', ''));
        throw e;
      }
      if (doc.kind !== 'APIGroupDiscoveryList') {
        // A server without aggregated discovery: Podbook's own table is the best guess of its order.
        return RESOURCES.map((r) => ({ ...r }));
      }
      for (const item of doc.items ?? []) {
        const group = item.metadata?.name ?? '';
        const preferred = item.versions?.[0];
        if (!preferred) continue;
        for (const r of preferred.resources ?? []) {
          const kind = r.responseKind?.kind ?? '';
          out.push({
            resource: r.resource,
            singular: r.singularResource || kind.toLowerCase(),
            kind,
            listKind: `${kind}List`,
            group,
            version: preferred.version,
            namespaced: r.scope === 'Namespaced',
            shortNames: [...(r.shortNames ?? [])],
            categories: [...(r.categories ?? [])],
            verbs: [...(r.verbs ?? [])],
            subresources: (r.subresources ?? []).map((s) => s.subresource),
          });
        }
      }
    }
    return out;
  }

  async version(): Promise<ServerVersion> {
    return this.json<ServerVersion>({ method: 'GET', path: '/version' });
  }

  /** The wall clock: kubectl computes describe's ages from its own time.Now(). */
  now(): number {
    return Date.now();
  }

  /** A real wait: the sandbox's controllers run on their own. */
  async sleep(ms: number): Promise<void> {
    if (ms > 0) await new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  async get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): Promise<T> {
    const info = await this.info(resource);
    return this.json<T>({ method: 'GET', path: SandboxClient.pathOf(info, namespace, name) }, { resource: info, name });
  }

  async list<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, opts: ListOptions = {}): Promise<ObjectListResult<T>> {
    const info = await this.info(resource);
    const list = await this.json<ObjectListResult<T>>({ method: 'GET', path: SandboxClient.pathOf(info, namespace), query: SandboxClient.listQuery(opts) }, { resource: info });
    list.items ??= [];
    return list;
  }

  async table(resource: string, namespace: string | undefined, opts: ListOptions & { name?: string; includeObject?: 'Metadata' | 'Object' } = {}): Promise<Table> {
    const info = await this.info(resource);
    const query = { ...(opts.name === undefined ? SandboxClient.listQuery(opts) : {}), includeObject: opts.includeObject };
    const table = await this.json<Table & { kind?: string }>(
      { method: 'GET', path: SandboxClient.pathOf(info, namespace, opts.name), query, accept: TABLE_ACCEPT },
      { resource: info, name: opts.name },
    );
    if (table.kind !== 'Table') throw new Error(`the server did not answer ${info.resource} with a Table (got ${String(table.kind)})`);
    return table;
  }

  async create<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    const info = await this.info(resource);
    return this.json<T>(
      { method: 'POST', path: SandboxClient.pathOf(info, namespace ?? obj.metadata?.namespace), query: SandboxClient.writeQuery(opts), body: obj },
      { resource: info, name: obj.metadata?.name },
    );
  }

  async update<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, obj: KubeObject, opts: WriteOptions = {}): Promise<T> {
    const info = await this.info(resource);
    const name = obj.metadata?.name ?? '';
    return this.json<T>(
      { method: 'PUT', path: SandboxClient.pathOf(info, namespace ?? obj.metadata?.namespace, name), query: SandboxClient.writeQuery(opts), body: obj },
      { resource: info, name },
    );
  }

  async patch<T extends KubeObject = KubeObject>(
    resource: string,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    body: unknown,
    opts: WriteOptions & { subresource?: 'scale' | 'status' } = {},
  ): Promise<T> {
    const info = await this.info(resource);
    return this.json<T>(
      { method: 'PATCH', path: SandboxClient.pathOf(info, namespace, name, opts.subresource), query: SandboxClient.writeQuery(opts), contentType: type, body },
      { resource: info, name },
    );
  }

  /** DELETE with a DeleteOptions body, as kubectl sends it (`{"propagationPolicy":"Background"}`). */
  async delete(resource: string, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject | Status> {
    const info = await this.info(resource);
    // kubectl sends the bare options, no kind/apiVersion: `{"propagationPolicy":"Background"}`
    const body: Record<string, unknown> = {};
    if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
    if (opts.preconditions) body.preconditions = opts.preconditions;
    if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
    if (opts.dryRun) body.dryRun = ['All'];
    return this.json<KubeObject | Status>({ method: 'DELETE', path: SandboxClient.pathOf(info, namespace, name), body }, { resource: info, name });
  }

  /**
   * A watch through client-node's Watch (newline-delimited WatchEvents). The promise settles once
   * the server has answered the request: a refused watch (403, 404) rejects it as an ApiError.
   */
  async watch(
    resource: string,
    namespace: string | undefined,
    opts: ListOptions & { resourceVersion?: string },
    onEvent: (e: WatchEvent) => void,
  ): Promise<Watch> {
    this.onUse?.();
    const info = await this.info(resource);
    const w = new KubeWatch(this.kubeconfig);
    let failed: unknown;
    const query: Record<string, string> = {};
    if (opts.labelSelector) query.labelSelector = opts.labelSelector;
    if (opts.fieldSelector) query.fieldSelector = opts.fieldSelector;
    if (opts.resourceVersion) query.resourceVersion = opts.resourceVersion;
    query.allowWatchBookmarks = 'true';
    let stopped = false;
    const controller = await w.watch(
      SandboxClient.pathOf(info, namespace),
      query,
      (type: string, object: unknown) => {
        if (!stopped) onEvent({ type, object } as WatchEvent);
      },
      (err: unknown) => {
        if (err && !stopped) failed = err;
      },
    );
    if (failed) {
      controller.abort();
      const code = (failed as { statusCode?: number }).statusCode;
      if (code) throw new ApiError(genericStatus(code, 'watch', '', info.group ? `${info.resource}.${info.group}` : info.resource));
      if ((failed as { name?: string }).name !== 'AbortError') throw transportError((failed as { cause?: unknown }).cause ?? failed, this.server);
    }
    return {
      stop: () => {
        stopped = true;
        controller.abort();
      },
    };
  }

  async logs(namespace: string, pod: string, opts: LogOptions = {}): Promise<string> {
    const info = await this.info('pods');
    const res = await this.send({
      method: 'GET',
      path: SandboxClient.pathOf(info, namespace, pod, 'log'),
      query: {
        container: opts.container,
        tailLines: opts.tailLines,
        previous: opts.previous ? 'true' : undefined,
        sinceSeconds: opts.sinceSeconds,
        timestamps: opts.timestamps ? 'true' : undefined,
        limitBytes: opts.limitBytes,
      },
    });
    const text = res.body.toString('utf8');
    if (res.status >= 200 && res.status < 300) return text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (isStatus(parsed)) throw new ApiError(parsed);
    throw new ApiError(genericStatus(res.status, 'GET', text, 'pods', pod));
  }

  /** A `ws` socket that keeps a refused upgrade's Status (client-node's handler only sees "Unexpected server response"). */
  private socketFactory(onRefused: (e: Error) => void) {
    return (uri: string, protocols: string[], opts: WebSocket.ClientOptions): WebSocket => {
      const ws = new WebSocket(uri, protocols, opts);
      ws.on('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          // kubectl's exec over SPDY prints a refused upgrade's body as `error: unable to upgrade connection: <message>`
          const e = isStatus(parsed) ? new ApiError(parsed) : new Error(`unable to upgrade connection: ${text.trim() || STATUS_CODES[res.statusCode ?? 0] || String(res.statusCode)}`);
          onRefused(e);
          ws.emit('error', e);
        });
      });
      return ws;
    };
  }

  /**
   * `kubectl exec` through client-node's Exec (WebSocket v5/v4 channels). The exit code comes
   * from the channel-3 Status (`NonZeroExitCode` with an ExitCode cause). A refused upgrade's Status
   * is thrown as an ApiError; a plain-text refusal (container not running) as an Error.
   */
  async exec(namespace: string, pod: string, container: string, argv: string[], opts: { stdin?: string; tty?: boolean } = {}): Promise<ExecResult> {
    this.onUse?.();
    let refused: Error | undefined;
    const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const handler = new WebSocketHandler(this.kubeconfig, this.socketFactory((e) => (refused = e)) as never, streams as never);
    const exec = new Exec(this.kubeconfig, handler);
    let stdout = '';
    let stderr = '';
    const sink = (add: (s: string) => void) =>
      new Writable({
        write(chunk: Buffer, _enc, cb) {
          add(chunk.toString('utf8'));
          cb();
        },
      });
    let status: { status?: string; message?: string; reason?: string; details?: { causes?: { reason?: string; message?: string }[] } } | undefined;
    const input = opts.stdin !== undefined ? Readable.from([Buffer.from(opts.stdin, 'utf8')]) : null;
    let ws: WebSocket;
    try {
      ws = (await exec.exec(namespace, pod, container, argv, sink((s) => (stdout += s)), sink((s) => (stderr += s)), input, Boolean(opts.tty), (s) => (status = s as typeof status))) as unknown as WebSocket;
    } catch (e) {
      // the Status has been read by the time the handshake fails; give it a moment if not
      if (!refused) await new Promise((r) => setTimeout(r, 50));
      if (refused) throw refused;
      throw transportError((e as { error?: unknown }).error ?? e, this.server);
    }
    await new Promise<void>((resolve) => {
      if (ws.readyState === WebSocket.CLOSED) return resolve();
      ws.on('close', () => resolve());
    });
    let exitCode = 0;
    if (status && status.status !== 'Success') {
      const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
      if (status.reason === 'NonZeroExitCode' && cause?.message !== undefined) exitCode = Number(cause.message);
      else throw new Error(status.message ?? 'exec failed');
    }
    return { stdout, stderr, exitCode };
  }

  /**
   * One HTTP/1.1 request through client-node's PortForward (WebSocket v4: data on channel 0,
   * errors on channel 1, each led by the port as uint16 little-endian). Nothing listening in the
   * pod comes back on the error channel and is thrown as an Error with the kubelet's message.
   */
  async podHttp(namespace: string, pod: string, port: number, req: { method?: string; path?: string; headers?: Record<string, string> }): Promise<HttpResult> {
    this.onUse?.();
    this.onUse?.();
    let refused: Error | undefined;
    const streams = { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() };
    const handler = new WebSocketHandler(this.kubeconfig, this.socketFactory((e) => (refused = e)) as never, streams as never);
    const pf = new PortForward(this.kubeconfig, true, handler);
    const out: Buffer[] = [];
    let errText = '';
    let onData: () => void = () => {};
    const output = new Writable({
      write(chunk: Buffer, _enc, cb) {
        out.push(Buffer.from(chunk));
        onData();
        cb();
      },
    });
    const errors = new Writable({
      write(chunk: Buffer, _enc, cb) {
        errText += chunk.toString('utf8');
        onData();
        cb();
      },
    });
    const input = new PassThrough();
    let ws: WebSocket;
    try {
      ws = (await pf.portForward(namespace, pod, [port], output, errors, input)) as unknown as WebSocket;
    } catch (e) {
      if (!refused) await new Promise((r) => setTimeout(r, 50));
      if (refused) throw refused;
      throw transportError((e as { error?: unknown }).error ?? e, this.server);
    }
    // The caller's headers as given (curl/wget shims send Host, User-Agent, Accept), so the pod
    // sees (and logs) the same request as on the simulator; Host only if missing (HTTP/1.1 needs it).
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    if (!Object.keys(headers).some((k) => k.toLowerCase() === 'host')) headers.Host = `localhost:${port}`;
    let text = `${req.method ?? 'GET'} ${req.path ?? '/'} HTTP/1.1\r\n`;
    for (const [k, v] of Object.entries(headers)) text += `${k}: ${v}\r\n`;
    text += '\r\n';
    input.write(Buffer.from(text, 'latin1'));
    try {
      return await new Promise<HttpResult>((resolve, reject) => {
        let closed = false;
        const check = (): void => {
          if (errText) return reject(new Error(errText.trim()));
          const parsed = parseHttpResponse(Buffer.concat(out), closed, req.method);
          if (parsed) return resolve(parsed);
          if (closed) reject(new Error('lost connection to pod'));
        };
        onData = check;
        // a pod that accepts the connection and never answers: give up as curl's default would not, but a notebook must
        const timer = setTimeout(() => reject(new Error(`no answer from port ${port} of pod ${pod} within ${this.timeoutMs} ms`)), this.timeoutMs);
        timer.unref?.();
        ws.on('close', () => {
          closed = true;
          check();
        });
        if (ws.readyState === WebSocket.CLOSED) {
          closed = true;
          check();
        }
      });
    } finally {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
    }
  }
}
