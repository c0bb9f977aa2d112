// The simulated cluster as a Kubernetes HTTP API (kube-protocol §1). Real kubectl 1.32 and
// @kubernetes/client-node talk to this exactly as to kube-apiserver: discovery, CRUD with the
// store's admission and errors, list/watch with selectors, server-side Tables built by the same
// printers Podbook's kubectl uses, patches, subresources, logs, and the streaming upgrades
// (exec/attach/port-forward, delegated to ./streams).
//
// Everything runs against one lib/cluster Cluster. The host decides its clock: `podbook cluster`
// uses the wall clock (kubectl computes describe's ages client-side from its own clock, so stored
// timestamps must be real), tests may pass a virtual one.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster } from '../cluster/cluster';
import { serverVersionOf } from '../cluster/version';
import { ApiError, badRequest, isApiError } from '../k8s/errors';
import { apiVersionOf } from '../k8s/resources';
import type { ResourceInfo } from '../k8s/resources';
import type { KubeObject, Status, WatchEvent } from '../k8s/types';
import { tableFor, tableForObject } from '../kubectl/printers/tables';
import type { IncludeObject } from '../kubectl/printers/tables';
import { authorize, isPublicPath, UNAUTHORIZED } from './auth';
import type { AccessRequest, Principal, TokenAuthenticator } from './auth';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from './discovery';
import { parsePath } from './paths';
import type { ResourcePath } from './paths';

/** kube-apiserver's default request body limit (--max-request-bytes is 3 MiB for JSON). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface StreamTarget {
  namespace: string;
  pod: string;
  query: URLSearchParams;
  kind: 'exec' | 'attach' | 'portforward';
}

export interface ApiServerHooks {
  /** decodes `application/vnd.kubernetes.protobuf` bodies (kubectl 1.32 typed clients send them) */
  decodeProtobuf?: (body: Uint8Array) => Record<string, unknown>;
  /**
   * Strict-decoding complaints for fieldValidation=Strict|Warn (`unknown field "spec.x"`,
   * `duplicate field "spec.replicas"`): from the raw JSON text when there is one (only it can
   * show duplicates), from the decoded object otherwise (protobuf).
   */
  fieldErrors?: (apiVersion: string, kind: string, obj: unknown, rawJson?: string) => string[];
  /** /openapi/v3 and its group-version documents */
  openapi?: { root(): object; document(gvPath: string): { body: string; hash: string } | undefined };
  /** exec / attach / portforward after auth and the pod lookup */
  stream?: (cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, target: StreamTarget) => void;
}

export interface ApiHandlerOptions extends ApiServerHooks {
  cluster: Cluster;
  auth: TokenAuthenticator;
  /** host:port for the legacy /api serverAddressByClientCIDRs */
  serverAddress: () => string;
  /** one line per request (method, path, status), for `podbook cluster --verbose` */
  log?: (line: string) => void;
  maxBodyBytes?: number;
}

const NOT_FOUND: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server could not find the requested resource',
  reason: 'NotFound',
  details: {},
  code: 404,
};

function statusOf(code: number, reason: string, message: string): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

class HttpError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
}

function fail(code: number, reason: string, message: string): never {
  throw new HttpError(statusOf(code, reason, message));
}

const TABLE_ACCEPT = /as=Table/;

function wantsTable(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((p) => TABLE_ACCEPT.test(p) && /g=meta\.k8s\.io/.test(p));
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}

function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) fail(400, 'BadRequest', `${name}: Invalid value: "${v}": must be an integer`);
  return n;
}

export class ApiHandler {
  private cluster: Cluster;
  private readonly maxBody: number;

  constructor(private readonly opts: ApiHandlerOptions) {
    this.cluster = opts.cluster;
    this.maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  }

  /**
   * Serves another cluster from now on (the differential suite restores a snapshot before each
   * run). Requests already streaming (watches, logs) keep the cluster they started with.
   */
  useCluster(cluster: Cluster): void {
    this.cluster = cluster;
  }

  get currentCluster(): Cluster {
    return this.cluster;
  }

  /** The `request` listener of an http.Server. */
  handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = Date.now();
    res.on('finish', () => this.opts.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    this.dispatch(req, res).catch((e: unknown) => this.sendError(res, e));
  };

  /** The `upgrade` listener: exec, attach and portforward. */
  upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const principal = this.opts.auth.authenticate(req.headers.authorization);
      if (!principal) return rejectUpgrade(socket, UNAUTHORIZED);
      const parsed = parsePath(url.pathname);
      const p = parsed.kind === 'resource' ? parsed.path : undefined;
      const sub = p?.subresource;
      if (!p || p.resource !== 'pods' || p.group !== '' || !p.namespace || !p.name || (sub !== 'exec' && sub !== 'attach' && sub !== 'portforward')) {
        return rejectUpgrade(socket, NOT_FOUND);
      }
      const denied = authorize(principal, { verb: 'create', resource: 'pods', subresource: sub, group: '', namespace: p.namespace, name: p.name });
      if (denied) return rejectUpgrade(socket, denied);
      this.cluster.store.get('pods', p.namespace, p.name);
      if (!this.opts.stream) return rejectUpgrade(socket, statusOf(400, 'BadRequest', `${sub} is not supported by this server`));
      this.opts.log?.(`${req.method} ${req.url} upgrade`);
      this.opts.stream(this.cluster, req, socket, head, { namespace: p.namespace, pod: p.name, query: url.searchParams, kind: sub });
    } catch (e) {
      rejectUpgrade(socket, this.toStatus(e));
    }
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';

    if (isPublicPath(path)) {
      if (path === '/version') return this.send(res, 200, serverVersionOf(this.cluster));
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end('ok');
      return;
    }
    const principal = this.opts.auth.authenticate(req.headers.authorization);
    if (!principal) return this.send(res, 401, UNAUTHORIZED);

    if (method === 'GET' && (path === '/api' || path === '/apis')) {
      const v = wantsAggregated(req.headers.accept);
      if (v) return this.send(res, 200, aggregatedDiscovery(path === '/api', v), aggregatedContentType(v));
      return this.send(res, 200, path === '/api' ? apiVersions(this.opts.serverAddress()) : apiGroupList());
    }
    if (path === '/openapi/v3' || path.startsWith('/openapi/v3/')) return this.openapi(req, res, path);

    const parsed = parsePath(path);
    if (parsed.kind === 'groupVersion' && method === 'GET') {
      const list = apiResourceList(parsed.group, parsed.version);
      return list ? this.send(res, 200, list) : this.send(res, 404, NOT_FOUND);
    }
    if (parsed.kind === 'group' && method === 'GET') {
      const g = apiGroupDoc(parsed.group);
      return g ? this.send(res, 200, g) : this.send(res, 404, NOT_FOUND);
    }
    if (parsed.kind !== 'resource' || !parsed.path.info) return this.send(res, 404, NOT_FOUND);
    const p = parsed.path;
    const info = p.info!;
    // A namespaced resource named at the cluster level is an all-namespaces list/watch only.
    if (!info.namespaced && p.namespace !== undefined) return this.send(res, 404, NOT_FOUND);

    const q = url.searchParams;
    const access = this.accessOf(method, p, q);
    if (!access) return this.methodNotAllowed(res);
    const denied = authorize(principal, access);
    if (denied) return this.send(res, 403, denied);

    if (p.subresource) return this.subresource(req, res, p, info, q, principal);
    if (p.name === undefined) {
      switch (method) {
        case 'GET':
          return isTrue(q.get('watch')) ? this.watch(req, res, p, info, q) : this.list(req, res, p, info, q);
        case 'POST':
          return this.create(req, res, p, info, q);
        case 'DELETE':
          return this.deleteCollection(req, res, p, info, q);
      }
    } else {
      switch (method) {
        case 'GET':
          return this.get(req, res, p, info, q);
        case 'PUT':
          return this.update(req, res, p, info, q);
        case 'PATCH':
          return this.patch(req, res, p, info, q);
        case 'DELETE':
          return this.delete(req, res, p, info, q);
      }
    }
    return this.methodNotAllowed(res);
  }

  private accessOf(method: string, p: ResourcePath, q: URLSearchParams): AccessRequest | undefined {
    const base = { resource: p.resource, group: p.group, namespace: p.info!.namespaced ? p.namespace : undefined, name: p.name, subresource: p.subresource };
    if (p.subresource) {
      const verb = p.subresource === 'log' ? 'get' : method === 'GET' ? 'get' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : method === 'POST' ? 'create' : undefined;
      return verb ? { ...base, verb } : undefined;
    }
    if (p.name === undefined) {
      if (method === 'GET') return { ...base, verb: isTrue(q.get('watch')) ? 'watch' : 'list' };
      if (method === 'POST') return { ...base, verb: 'create' };
      if (method === 'DELETE') return { ...base, verb: 'deletecollection' };
      return undefined;
    }
    const verbs: Record<string, string> = { GET: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };
    return verbs[method] ? { ...base, verb: verbs[method] } : undefined;
  }

  private methodNotAllowed(res: ServerResponse): void {
    this.send(res, 405, statusOf(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  }


  // ---- reads ---------------------------------------------------------------------------------

  private includeObject(q: URLSearchParams): IncludeObject | undefined {
    const v = q.get('includeObject');
    return v === null ? undefined : (v as IncludeObject);
  }

  private async get(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const obj = this.cluster.store.get(info.resource, p.namespace, p.name!);
    if (wantsTable(req.headers.accept)) {
      return this.send(res, 200, this.table(() => tableForObject(info.resource, obj, this.cluster.now(), { includeObject: this.includeObject(q) })));
    }
    this.send(res, 200, withKind(obj, info));
  }

  private async list(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const list = this.cluster.store.list(info.resource, p.namespace, {
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector: q.get('fieldSelector') ?? undefined,
      limit: intParam(q, 'limit'),
      continue: q.get('continue') ?? undefined,
    });
    if (wantsTable(req.headers.accept)) {
      return this.send(
        res,
        200,
        this.table(() =>
          tableFor(info.resource, list.items, this.cluster.now(), {
            includeObject: this.includeObject(q),
            resourceVersion: list.metadata.resourceVersion,
            continue: list.metadata.continue,
            remainingItemCount: list.metadata.remainingItemCount,
          }),
        ),
      );
    }
    this.send(res, 200, list);
  }

  private table<T>(build: () => T): T {
    try {
      return build();
    } catch (e) {
      if (e instanceof ApiError) throw e;
      // tableFor rejects an unknown includeObject (handlers/response.go: NewBadRequest).
      throw badRequest(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * A watch: chunked newline-separated WatchEvents (kube-protocol §1.4), replaying changes after
   * `resourceVersion`, ADDED for everything first when it is empty or 0. Too old a version is an
   * ERROR event carrying the 410 Expired Status, as the etcd3 watcher sends. Tables (kubectl get -w)
   * carry column definitions only in the first event.
   */
  private async watch(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const asTable = wantsTable(req.headers.accept);
    const include = this.includeObject(q);
    let first = true;
    let open = true;
    const buffered: string[] = [];
    let headersSent = false;
    const emit = (ev: WatchEvent | { type: 'ERROR'; object: Status }): void => {
      if (!open) return;
      let object: unknown = ev.object;
      if (asTable && (ev.type === 'ADDED' || ev.type === 'MODIFIED' || ev.type === 'DELETED')) {
        object = tableForObject(info.resource, ev.object as KubeObject, this.cluster.now(), { includeObject: include, noHeaders: !first });
        first = false;
      } else if (ev.type !== 'ERROR' && ev.type !== 'BOOKMARK') {
        object = withKind(ev.object as KubeObject, info);
      }
      const line = JSON.stringify({ type: ev.type, object }) + '\n';
      if (headersSent) res.write(line);
      else buffered.push(line);
    };

    let watcher: { stop(): void } | undefined;
    try {
      watcher = this.cluster.store.watch(
        info.resource,
        p.namespace,
        {
          labelSelector: q.get('labelSelector') ?? undefined,
          fieldSelector: q.get('fieldSelector') ?? undefined,
          resourceVersion: q.get('resourceVersion') ?? undefined,
        },
        emit,
      );
    } catch (e) {
      if (isApiError(e) && e.code === 410) emit({ type: 'ERROR', object: e.status });
      else throw e;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    headersSent = true;
    // Flush the headers now: clients wait for them before reading events.
    res.flushHeaders();
    for (const line of buffered) res.write(line);

    const timeout = intParam(q, 'timeoutSeconds') ?? 1800;
    const bookmarks = isTrue(q.get('allowWatchBookmarks'));
    const timers: ReturnType<typeof setTimeout>[] = [];
    const end = (): void => {
      if (!open) return;
      open = false;
      watcher?.stop();
      for (const t of timers) clearTimeout(t);
      if (!res.writableEnded) res.end();
    };
    if (!watcher) return end();
    timers.push(setTimeout(end, timeout * 1000));
    if (bookmarks) {
      const tick = (): void => {
        emit({ type: 'BOOKMARK', object: { kind: info.kind, apiVersion: apiVersionOf(info), metadata: { resourceVersion: String(this.cluster.store.resourceVersion) } } as unknown as KubeObject });
        timers.push(setTimeout(tick, 60_000));
      };
      timers.push(setTimeout(tick, 60_000));
    }
    for (const t of timers) (t as { unref?: () => void }).unref?.();
    // res 'close', not req 'close': the latter fires once the request body is read (kube-protocol §1.4).
    res.on('close', end);
  }

  // ---- writes --------------------------------------------------------------------------------

  private writeOptions(q: URLSearchParams): { dryRun: boolean; fieldManager?: string } {
    const dryRun = q.getAll('dryRun');
    for (const d of dryRun) if (d !== 'All') fail(400, 'BadRequest', `Invalid dry run value: ${d}`);
    return { dryRun: dryRun.length > 0, fieldManager: q.get('fieldManager') ?? undefined };
  }

  /** The request body as an object: JSON, or protobuf from typed clients (kube-protocol §1.6). */
  private async readObject(req: IncomingMessage, info: ResourceInfo): Promise<Record<string, unknown>> {
    return (await this.readObjectAndText(req, info)).obj;
  }

  private async readObjectAndText(req: IncomingMessage, info: ResourceInfo): Promise<{ obj: Record<string, unknown>; text?: string }> {
    const body = await this.readBody(req);
    const type = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
    if (type === 'application/vnd.kubernetes.protobuf') {
      if (!this.opts.decodeProtobuf) fail(415, 'UnsupportedMediaType', unsupportedMediaType(type));
      try {
        return { obj: this.opts.decodeProtobuf(body) };
      } catch (e) {
        fail(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (type !== 'application/json' && type !== '*/*') fail(415, 'UnsupportedMediaType', unsupportedMediaType(type));
    const text = body.toString('utf8');
    return { obj: parseJsonObject(body, info), text };
  }

  private readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c: Buffer) => {
        if (tooLarge) {
          // Keep reading (and dropping) so the 413 reaches the client; give up on a hostile flood.
          size += c.length;
          if (size > this.maxBody * 4) req.destroy();
          return;
        }
        size += c.length;
        if (size > this.maxBody) {
          tooLarge = true;
          chunks.length = 0;
          reject(new HttpError(statusOf(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${this.maxBody}`)));
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  /**
   * fieldValidation=Strict rejects unknown fields with the decoder's message; Warn (the default
   * for clients that send nothing is Warn since 1.27) returns them as warnings.
   */
  private validateFields(res: ServerResponse, q: URLSearchParams, info: ResourceInfo, obj: Record<string, unknown>, rawJson?: string): void {
    if (!this.opts.fieldErrors) return;
    const mode = q.get('fieldValidation') ?? 'Warn';
    if (mode === 'Ignore') return;
    if (mode !== 'Strict' && mode !== 'Warn') {
      fail(400, 'BadRequest', `fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${mode}"`);
    }
    const errors = this.opts.fieldErrors(String(obj.apiVersion ?? apiVersionOf(info)), String(obj.kind ?? info.kind), obj, rawJson);
    if (errors.length === 0) return;
    if (mode === 'Strict') {
      fail(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: strict decoding error: ${errors.join(', ')}`);
    }
    res.setHeader(
      'Warning',
      errors.map((m) => `299 - ${JSON.stringify(m)}`),
    );
  }

  private checkIdentity(obj: Record<string, unknown>, info: ResourceInfo, p: ResourcePath): KubeObject {
    const meta = (obj.metadata ?? {}) as Record<string, unknown>;
    if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = meta;
    const apiVersion = obj.apiVersion ?? apiVersionOf(info);
    const kind = obj.kind ?? info.kind;
    if (apiVersion !== apiVersionOf(info) || kind !== info.kind) {
      fail(400, 'BadRequest', `the API version in the data (${String(apiVersion)}) does not match the expected API version (${apiVersionOf(info)})`);
    }
    obj.apiVersion = apiVersion;
    obj.kind = kind;
    if (p.name !== undefined && meta.name !== undefined && meta.name !== p.name) {
      fail(400, 'BadRequest', `the name of the object (${String(meta.name)}) does not match the name on the URL (${p.name})`);
    }
    if (info.namespaced && p.namespace !== undefined && meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== p.namespace) {
      fail(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
    }
    return obj as unknown as KubeObject;
  }

  private async create(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const opts = this.writeOptions(q);
    const { obj: raw, text } = await this.readObjectAndText(req, info);
    this.validateFields(res, q, info, raw, text);
    const obj = this.checkIdentity(raw, info, p);
    const created = this.cluster.store.create(info.resource, p.namespace, obj, opts);
    this.send(res, 201, withKind(created, info));
  }

  private async update(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const opts = this.writeOptions(q);
    const { obj: raw, text } = await this.readObjectAndText(req, info);
    this.validateFields(res, q, info, raw, text);
    const obj = this.checkIdentity(raw, info, p);
    if (obj.metadata.name === undefined) obj.metadata.name = p.name!;
    const updated = this.cluster.store.update(info.resource, p.namespace, obj, opts);
    this.send(res, 200, withKind(updated, info));
  }

  private async patch(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams, subresource?: 'status' | 'scale'): Promise<void> {
    const opts = this.writeOptions(q);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const body = await this.readBody(req);
    let patch: unknown;
    try {
      patch = JSON.parse(body.toString('utf8'));
    } catch (e) {
      fail(400, 'BadRequest', `error decoding patch: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (type === 'application/apply-patch+yaml') return this.serverSideApply(res, p, info, patch, opts);
    if (type !== 'application/merge-patch+json' && type !== 'application/json-patch+json' && type !== 'application/strategic-merge-patch+json') {
      fail(415, 'UnsupportedMediaType', unsupportedMediaType(type));
    }
    const out = this.cluster.store.patch(info.resource, p.namespace, p.name!, type, patch, { ...opts, subresource });
    this.send(res, 200, subresource === 'scale' ? out : withKind(out, info));
  }

  /**
   * `kubectl apply --server-side` (application/apply-patch+yaml, JSON body): creates the object
   * when absent, otherwise merges it in strategically. Field ownership (managedFields, conflicts)
   * is not tracked: the simulator has one user per cluster.
   */
  private serverSideApply(res: ServerResponse, p: ResourcePath, info: ResourceInfo, patch: unknown, opts: { dryRun: boolean; fieldManager?: string }): void {
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) fail(400, 'BadRequest', 'error decoding YAML: the patch must be an object');
    const obj = this.checkIdentity({ ...(patch as Record<string, unknown>) }, info, p);
    const existing = this.cluster.store.find(info.resource, p.namespace, p.name!);
    if (!existing) {
      if (obj.metadata.name === undefined) obj.metadata.name = p.name!;
      const created = this.cluster.store.create(info.resource, p.namespace, obj, opts);
      return this.send(res, 201, withKind(created, info));
    }
    const out = this.cluster.store.patch(info.resource, p.namespace, p.name!, 'application/strategic-merge-patch+json', obj, opts);
    this.send(res, 200, withKind(out, info));
  }

  private async deleteOptions(req: IncomingMessage, q: URLSearchParams): Promise<{ gracePeriodSeconds?: number; propagationPolicy?: 'Background' | 'Foreground' | 'Orphan'; preconditions?: { uid?: string; resourceVersion?: string }; dryRun: boolean }> {
    const body = await this.readBody(req);
    let o: Record<string, unknown> = {};
    if (body.length > 0) {
      try {
        o = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch (e) {
        fail(400, 'BadRequest', `error decoding DeleteOptions: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const grace = o.gracePeriodSeconds ?? intParam(q, 'gracePeriodSeconds');
    const policy = (o.propagationPolicy ?? q.get('propagationPolicy') ?? undefined) as string | undefined;
    if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
      fail(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan", "nil"`);
    }
    const dryRun = [...q.getAll('dryRun'), ...((o.dryRun as string[] | undefined) ?? [])];
    return {
      gracePeriodSeconds: typeof grace === 'number' ? grace : undefined,
      propagationPolicy: policy as 'Background' | 'Foreground' | 'Orphan' | undefined,
      preconditions: o.preconditions as { uid?: string; resourceVersion?: string } | undefined,
      dryRun: dryRun.includes('All'),
    };
  }

  private async delete(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    const opts = await this.deleteOptions(req, q);
    const out = this.cluster.store.delete(info.resource, p.namespace, p.name!, opts);
    this.send(res, 200, out.kind === 'Status' ? out : withKind(out as KubeObject, info));
  }

  private async deleteCollection(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams): Promise<void> {
    if (!info.verbs.includes('deletecollection')) return this.methodNotAllowed(res);
    const opts = await this.deleteOptions(req, q);
    const list = this.cluster.store.list(info.resource, p.namespace, {
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector: q.get('fieldSelector') ?? undefined,
    });
    const items: KubeObject[] = [];
    for (const obj of list.items) {
      try {
        const out = this.cluster.store.delete(info.resource, obj.metadata.namespace, obj.metadata.name!, opts);
        items.push(out.kind === 'Status' ? obj : (out as KubeObject));
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    }
    this.send(res, 200, { ...list, items });
  }

  // ---- subresources --------------------------------------------------------------------------

  private async subresource(req: IncomingMessage, res: ServerResponse, p: ResourcePath, info: ResourceInfo, q: URLSearchParams, _principal: Principal): Promise<void> {
    const sub = p.subresource!;
    const method = req.method ?? 'GET';
    if (!info.subresources.includes(sub) || p.name === undefined) return this.send(res, 404, NOT_FOUND);
    const store = this.cluster.store;
    switch (sub) {
      case 'status':
        if (method === 'GET') return this.send(res, 200, withKind(store.get(info.resource, p.namespace, p.name), info));
        if (method === 'PATCH') return this.patch(req, res, p, info, q, 'status');
        if (method === 'PUT') {
          const opts = this.writeOptions(q);
          const obj = this.checkIdentity(await this.readObject(req, info), info, p);
          return this.send(res, 200, withKind(store.update(info.resource, p.namespace, obj, { ...opts, subresource: 'status' }), info));
        }
        break;
      case 'scale':
        if (method === 'GET') return this.send(res, 200, store.getScale(info.resource, p.namespace, p.name));
        if (method === 'PATCH') return this.patch(req, res, p, info, q, 'scale');
        if (method === 'PUT') {
          const opts = this.writeOptions(q);
          const body = parseJsonObject(await this.readBody(req), info);
          return this.send(res, 200, store.update(info.resource, p.namespace, body as unknown as KubeObject, { ...opts, subresource: 'scale' }));
        }
        break;
      case 'finalize':
        if (method === 'PUT') {
          const opts = this.writeOptions(q);
          const obj = this.checkIdentity(await this.readObject(req, info), info, p);
          return this.send(res, 200, withKind(store.update(info.resource, p.namespace, obj, { ...opts, subresource: 'finalize' }), info));
        }
        break;
      case 'binding':
        if (method === 'POST') {
          const body = parseJsonObject(await this.readBody(req), info) as { target?: { name?: string } };
          store.bind(p.namespace!, p.name, body.target?.name ?? '');
          return this.send(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
        }
        break;
      case 'eviction':
        if (method === 'POST') {
          await this.readBody(req);
          store.delete('pods', p.namespace, p.name, {});
          return this.send(res, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
        }
        break;
      case 'log':
        if (method === 'GET') return this.logs(req, res, p, q);
        break;
      case 'exec':
      case 'attach':
      case 'portforward':
        // Reached only without an Upgrade header (registry/core/pod/rest/subresources.go).
        return this.send(res, 400, statusOf(400, 'BadRequest', 'Upgrade request required'));
    }
    return this.methodNotAllowed(res);
  }

  /**
   * pods/log: text/plain. With follow=true the answer stays open and new lines are sent as the
   * container writes them, until it stops or the client goes away.
   */
  private async logs(req: IncomingMessage, res: ServerResponse, p: ResourcePath, q: URLSearchParams): Promise<void> {
    const store = this.cluster.store;
    const runtime = this.cluster.kubelet.runtime;
    const pod = store.get<KubeObject & { spec?: { containers?: { name: string }[] } }>('pods', p.namespace, p.name!);
    const container = q.get('container') ?? undefined;
    const opts = {
      previous: isTrue(q.get('previous')),
      tailLines: intParam(q, 'tailLines'),
      sinceSeconds: intParam(q, 'sinceSeconds'),
      timestamps: isTrue(q.get('timestamps')),
      limitBytes: intParam(q, 'limitBytes'),
    };
    const text = runtime.logs(p.namespace!, p.name!, container, opts);
    const headers = { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' };
    if (!isTrue(q.get('follow')) || opts.previous) {
      res.writeHead(200, headers);
      res.end(text);
      return;
    }
    res.writeHead(200, { ...headers, 'Transfer-Encoding': 'chunked' });
    res.write(text);
    const name = container ?? pod.spec?.containers?.[0]?.name;
    let sent = runtime.logs(p.namespace!, p.name!, container, { timestamps: opts.timestamps }).length;
    const uid = pod.metadata.uid;
    const poll = setInterval(() => {
      try {
        const now = store.find('pods', p.namespace, p.name!);
        const full = runtime.logs(p.namespace!, p.name!, container, { timestamps: opts.timestamps });
        if (full.length > sent) {
          res.write(full.slice(sent));
          sent = full.length;
        }
        const status = (now as { status?: { containerStatuses?: { name: string; state?: { terminated?: unknown } }[] } } | undefined)?.status;
        const cs = status?.containerStatuses?.find((c) => c.name === name);
        if (!now || now.metadata.uid !== uid || cs?.state?.terminated) stop();
      } catch {
        stop();
      }
    }, 200);
    const stop = (): void => {
      clearInterval(poll);
      if (!res.writableEnded) res.end();
    };
    res.on('close', stop);
  }

  // ---- openapi -------------------------------------------------------------------------------

  private openapi(req: IncomingMessage, res: ServerResponse, path: string): void {
    const api = this.opts.openapi;
    if (!api) return this.send(res, 404, NOT_FOUND);
    if (path === '/openapi/v3') return this.send(res, 200, api.root());
    const doc = api.document(path.slice('/openapi/v3/'.length));
    if (!doc) return this.send(res, 404, NOT_FOUND);
    const etag = `"${doc.hash}"`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ETag: etag };
    // The root links each document by ?hash=, so clients may cache it for good (the apiserver's
    // handler3 answers hashed URLs with an immutable Cache-Control).
    if (new URL(req.url ?? '/', 'http://localhost').searchParams.get('hash') === doc.hash) headers['Cache-Control'] = 'public, immutable';
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(doc.body);
  }

  // ---- responses -----------------------------------------------------------------------------

  private toStatus(e: unknown): Status {
    if (e instanceof HttpError) return e.status;
    if (e instanceof ApiError) return e.status;
    const message = e instanceof Error ? e.message : String(e);
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `Internal error occurred: ${message}`,
      reason: 'InternalError',
      details: { causes: [{ message }] },
      code: 500,
    };
  }

  private sendError(res: ServerResponse, e: unknown): void {
    const st = this.toStatus(e);
    if (st.code === 500) this.opts.log?.(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    this.send(res, st.code, st);
  }

  private send(res: ServerResponse, code: number, body: unknown, contentType = 'application/json'): void {
    const text = JSON.stringify(body);
    res.writeHead(code, { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}

/** Objects go out with kind and apiVersion, as the apiserver's encoder sets them. */
function withKind(obj: KubeObject, info: ResourceInfo): KubeObject {
  if (obj.kind && obj.apiVersion) return obj;
  return { ...obj, apiVersion: obj.apiVersion || apiVersionOf(info), kind: obj.kind || info.kind };
}

function parseJsonObject(body: Buffer, info: ResourceInfo): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch (e) {
    fail(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    fail(400, 'BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ${info.kind}: the body must be a JSON object`);
  }
  return v as Record<string, unknown>;
}

function unsupportedMediaType(_type: string): string {
  // the apiserver lists what it accepts, not what it got (negotiation.NewUnsupportedMediaTypeError)
  return `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`;
}

/** Answers an upgrade request that cannot be served with a plain HTTP Status response. */
function rejectUpgrade(socket: Duplex, st: Status): void {
  const text = JSON.stringify(st);
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' }[st.code] ?? 'Error';
  socket.end(`HTTP/1.1 ${st.code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}
