// Podbook's Kubernetes API server: a simulated cluster over HTTP on loopback, for real kubectl,
// @kubernetes/client-node (lib/sandbox) and the differential fidelity suite.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../cluster/cluster';
import { TokenAuthenticator } from './auth';
import { kubeconfigYaml } from './kubeconfig';
import type { KubeconfigUser } from './kubeconfig';
import { ApiHandler } from './server';
import { selfSignedCert } from './tls';
import type { ServingCert } from './tls';
import type { ApiServerHooks } from './server';

export { TokenAuthenticator, authorize, forbiddenStatus } from './auth';
export type { Principal } from './auth';
export { ApiHandler, MAX_BODY_BYTES } from './server';
export type { ApiServerHooks, StreamTarget } from './server';
export { kubeconfigYaml } from './kubeconfig';
export { selfSignedCert } from './tls';
export type { ServingCert } from './tls';
export type { KubeconfigUser } from './kubeconfig';

export interface StartOptions extends ApiServerHooks {
  cluster: Cluster;
  /** 0 (the default) picks a free port */
  port?: number;
  host?: string;
  adminToken?: string;
  /**
   * 'https' (the default) with a fresh self-signed certificate: client-go sends bearer tokens only
   * over TLS. 'http' serves anonymous-admin: every request acts as the admin, with no tokens.
   */
  scheme?: 'https' | 'http';
  cert?: ServingCert;
  log?: (line: string) => void;
}

export interface RunningApiServer {
  /** https://127.0.0.1:PORT */
  url: string;
  /** the serving certificate (PEM), also the kubeconfig's certificate-authority-data */
  certPem?: string;
  port: number;
  adminToken: string;
  auth: TokenAuthenticator;
  server: Server;
  handler: ApiHandler;
  /** A token confined to `namespace` (created if missing), and its kubeconfig user entry. */
  namespaceToken(namespace: string): KubeconfigUser;
  /** A kubeconfig for the admin (current context) and the given extra users. */
  kubeconfig(extra?: KubeconfigUser[]): string;
  close(): Promise<void>;
}

export function newToken(): string {
  return randomBytes(24).toString('hex');
}

export async function startApiServer(opts: StartOptions): Promise<RunningApiServer> {
  const host = opts.host ?? '127.0.0.1';
  const adminToken = opts.adminToken ?? newToken();
  const scheme = opts.scheme ?? 'https';
  const auth = new TokenAuthenticator(adminToken, scheme === 'http');
  let address = `${host}:${opts.port ?? 0}`;
  const handler = new ApiHandler({ ...opts, auth, serverAddress: () => address });
  const cert = scheme === 'https' ? (opts.cert ?? selfSignedCert()) : undefined;
  const server: Server = cert ? createTlsServer({ key: cert.keyPem, cert: cert.certPem }, handler.handle) : createServer(handler.handle);
  server.on('upgrade', handler.upgrade);
  // Watches and follows stay open; keep-alive sockets must not hold close() forever.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  const url = `${scheme}://${host}:${port}`;
  return {
    url,
    port,
    certPem: cert?.certPem,
    adminToken,
    auth,
    server,
    handler,
    namespaceToken(namespace: string): KubeconfigUser {
      const store = handler.currentCluster.store;
      if (!store.find('namespaces', undefined, namespace)) {
        store.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      }
      const token = newToken();
      auth.addNamespaceToken(token, namespace);
      return { name: namespace, token, namespace };
    },
    kubeconfig(extra: KubeconfigUser[] = []): string {
      return kubeconfigYaml(url, [{ name: 'podbook', token: adminToken }, ...extra], { caPem: cert?.certPem });
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
