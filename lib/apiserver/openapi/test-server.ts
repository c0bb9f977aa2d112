// A minimal Kubernetes API server for driving the REAL kubectl against the OpenAPI documents in
// tests: /version, the server's aggregated discovery (../discovery), /openapi/v3, POST of any collection
// (201, the body stored and echoed back) with server-side field validation from ./strict.ts, GET
// of an object (the stored body, else 404 NotFound) and PATCH (the stored body back, unpatched:
// enough for kubectl to print "configured"). Every request is recorded for assertions.
// Test support only; the real server is lib/apiserver.

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AGGREGATED_V2_CONTENT_TYPE, aggregatedDiscovery } from '../discovery';
import { RESOURCES } from '../../k8s/resources';
import type { ResourceInfo } from '../../k8s/resources';
import { openApiDocument, openApiRoot, strictDecodingErrors } from './index';

export const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** Fails loudly (never skips) when the real kubectl these tests need is not installed. */
export function requireRealKubectl(): string {
  if (!existsSync(REAL_KUBECTL)) throw new Error(`real kubectl not found at ${REAL_KUBECTL}`);
  return REAL_KUBECTL;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

function status(code: number, reason: string, message: string, details?: object): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

/** `/api/v1/namespaces/default/pods/x` → the resource and the object name (if any). */
function parseObjectPath(p: string): { r: ResourceInfo; name?: string } | undefined {
  const parts = p.split('/').filter(Boolean);
  let rest: string[];
  let group = '';
  if (parts[0] === 'api') rest = parts.slice(2);
  else if (parts[0] === 'apis') {
    group = parts[1];
    rest = parts.slice(3);
  } else return undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) rest = rest.slice(2);
  const r = RESOURCES.find((x) => x.group === group && x.resource === rest[0]);
  return r ? { r, name: rest[1] } : undefined;
}

export class KubeTestServer {
  readonly requests: RecordedRequest[] = [];
  /** POSTed objects by item path (`/apis/apps/v1/namespaces/default/deployments/x`) */
  readonly objects = new Map<string, string>();
  private server: Server;
  private dir: string;
  url = '';

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'podbook-openapi-'));
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    writeFileSync(
      path.join(this.dir, 'kubeconfig'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- cluster: {server: "${this.url}"}`,
        '  name: t',
        'contexts:',
        '- context: {cluster: t, user: t, namespace: default}',
        '  name: t',
        'current-context: t',
        'users:',
        '- name: t',
        '  user: {token: t}',
        '',
      ].join('\n'),
    );
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Writes a file next to the kubeconfig and returns its path. */
  file(name: string, text: string): string {
    const p = path.join(this.dir, name);
    writeFileSync(p, text);
    return p;
  }

  /** Runs the real kubectl with this server's kubeconfig and a cache dir of its own. */
  kubectl(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    const bin = requireRealKubectl();
    const cache = mkdtempSync(path.join(this.dir, 'cache-'));
    const full = [...args, `--kubeconfig=${path.join(this.dir, 'kubeconfig')}`, `--cache-dir=${cache}`];
    return new Promise((resolve) => {
      // the caller's environment minus anything that could point kubectl at another config or cache
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: this.dir, KUBECACHEDIR: cache };
      delete env.KUBECONFIG;
      execFile(bin, full, { env, timeout: 60_000, encoding: 'utf8' }, (err: Error | null, stdout: string, stderr: string) => {
        const code = (err as { code?: unknown } | null)?.code;
        resolve({ stdout, stderr, exitCode: err ? (typeof code === 'number' ? code : 1) : 0 });
      });
    });
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const u = new URL(req.url ?? '/', 'http://x');
    const send = (code: number, text: string, type = 'application/json', headers: Record<string, string | string[]> = {}) => {
      res.writeHead(code, { 'Content-Type': type, ...headers });
      res.end(text);
    };
    if (req.method === 'GET' && u.pathname === '/version') {
      send(200, JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.5', gitCommit: '0', gitTreeState: 'clean', buildDate: '2025-05-15T00:00:00Z', goVersion: 'go1.23.8', compiler: 'gc', platform: 'linux/amd64' }));
      return;
    }
    if (req.method === 'GET' && (u.pathname === '/api' || u.pathname === '/apis')) {
      send(200, JSON.stringify(aggregatedDiscovery(u.pathname === '/api')), AGGREGATED_V2_CONTENT_TYPE);
      return;
    }
    if (req.method === 'GET' && u.pathname === '/openapi/v3') {
      send(200, JSON.stringify(openApiRoot()));
      return;
    }
    if (req.method === 'GET' && u.pathname.startsWith('/openapi/v3/')) {
      const doc = openApiDocument(u.pathname.slice('/openapi/v3/'.length));
      if (doc) send(200, doc.body, 'application/json', { ETag: `"${doc.hash}"` });
      else send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const target = parseObjectPath(u.pathname);
    if (!target) {
      send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      return;
    }
    const { r, name } = target;
    const qualified = r.group ? `${r.resource}.${r.group}` : r.resource;
    if ((req.method === 'GET' || req.method === 'PATCH') && name && this.objects.has(u.pathname)) {
      send(200, this.objects.get(u.pathname)!);
      return;
    }
    if (req.method === 'GET' && name) {
      send(404, status(404, 'NotFound', `${qualified} "${name}" not found`, { name, ...(r.group ? { group: r.group } : {}), kind: r.resource }));
      return;
    }
    if (req.method === 'POST' && !name) {
      const obj = JSON.parse(body) as { apiVersion: string; kind: string; metadata: { name: string } };
      const errors = strictDecodingErrors(obj.apiVersion, obj.kind, body);
      const validation = u.searchParams.get('fieldValidation');
      if (errors.length && validation === 'Strict') {
        const version = obj.apiVersion.split('/').at(-1);
        send(400, status(400, 'BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: strict decoding error: ${errors.join(', ')}`));
        return;
      }
      this.objects.set(`${u.pathname}/${obj.metadata.name}`, body);
      const warnings = validation === 'Warn' ? errors.map((e) => `299 - ${JSON.stringify(e)}`) : [];
      send(201, body, 'application/json', warnings.length ? { Warning: warnings } : {});
      return;
    }
    send(405, status(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  }
}
