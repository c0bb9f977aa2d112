// A minimal API server for the streams tests: just what real kubectl 1.32 and client-node need
// before they upgrade (kube-protocol §1.1–§1.2: /version with minor "32", aggregated discovery
// for core v1, GET pod), then exec/attach/portforward routed to this folder's handlers. It is
// not lib/apiserver's server; it exists so these protocols can be tested on their own.

import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { existsSync } from 'node:fs';
import type { Cluster } from '../../cluster/cluster';
import { KUBE_VERSION } from '../../cluster/cluster';
import { AGGREGATED_V2_CONTENT_TYPE, aggregatedDiscovery } from '../discovery';
import type { Pod } from '../../k8s/types';
import { handleExec } from './exec';
import { handlePortForward } from './portforward';
import { refuseWithStatus } from './upgrade';

export const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

/** The referee binary, or a clear failure (these tests are never skipped silently). */
export function realKubectl(): string {
  if (!existsSync(REAL_KUBECTL)) throw new Error(`real kubectl not found at ${REAL_KUBECTL}`);
  return REAL_KUBECTL;
}

function json(res: ServerResponse, code: number, body: unknown, type = 'application/json'): void {
  res.writeHead(code, { 'Content-Type': type });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse, what: string, name: string): void {
  json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `${what} "${name}" not found`, reason: 'NotFound', details: { name, kind: what }, code: 404 });
}

export interface Harness {
  url: string;
  server: Server;
  /** the paths of every request, for assertions about what the client asked */
  requests: string[];
  /** client-node refuses plain http with a token unless `insecure-skip-tls-verify` is set */
  kubeconfig(opts?: { skipTLSVerify?: boolean }): string;
  close(): Promise<void>;
}

const POD_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)(?:\/(exec|attach|portforward))?$/;

export async function startHarness(cluster: Cluster): Promise<Harness> {
  const requests: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === '/version') {
      json(res, 200, { major: KUBE_VERSION.major, minor: KUBE_VERSION.minor, gitVersion: KUBE_VERSION.gitVersion, gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f', gitTreeState: 'clean', buildDate: '2025-02-12T21:19:47Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' });
      return;
    }
    if (url.pathname === '/api') return json(res, 200, aggregatedDiscovery(true), AGGREGATED_V2_CONTENT_TYPE);
    if (url.pathname === '/apis') return json(res, 200, aggregatedDiscovery(false), AGGREGATED_V2_CONTENT_TYPE);
    const m = POD_PATH.exec(url.pathname);
    if (m && !m[3] && req.method === 'GET') {
      try {
        return json(res, 200, cluster.store.get<Pod>('pods', decodeURIComponent(m[1]), decodeURIComponent(m[2])));
      } catch {
        return notFound(res, 'pods', decodeURIComponent(m[2]));
      }
    }
    if (m && m[3]) {
      // a streaming subresource without an Upgrade header
      return json(res, 400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Upgrade request required', reason: 'BadRequest', code: 400 });
    }
    json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  });
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search} upgrade=${req.headers.upgrade}`);
    const m = POD_PATH.exec(url.pathname);
    if (!m || !m[3]) return refuseWithStatus(socket, 404, 'NotFound', 'the server could not find the requested resource');
    const namespace = decodeURIComponent(m[1]);
    const pod = decodeURIComponent(m[2]);
    try {
      cluster.store.get('pods', namespace, pod);
    } catch {
      return refuseWithStatus(socket, 404, 'NotFound', `pods "${pod}" not found`);
    }
    if (m[3] === 'portforward') handlePortForward(cluster, req, socket, head, { namespace, pod, query: url.searchParams });
    else handleExec(cluster, req, socket, head, { namespace, pod, query: url.searchParams, kind: m[3] as 'exec' | 'attach' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server,
    requests,
    kubeconfig: (opts = {}) =>
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: sim',
        '  cluster:',
        `    server: ${url}`,
        ...(opts.skipTLSVerify ? ['    insecure-skip-tls-verify: true'] : []),
        'users:',
        '- name: admin',
        '  user:',
        '    token: harness-token',
        'contexts:',
        '- name: sim',
        '  context:',
        '    cluster: sim',
        '    user: admin',
        '    namespace: default',
        'current-context: sim',
        '',
      ].join('\n'),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const s of upgraded) s.destroy();
        server.close(() => resolve());
      }),
  };
}
