// Bearer-token authentication and a small RBAC stand-in for the simulated API server.
//
// * The admin token may do everything (cluster-admin).
// * A namespace token is a learner's ServiceAccount confined to one namespace (the rules and the
//   403 wording are in lib/k8s/authz.ts, shared with the in-process client).
// * No or an unknown token: 401 Unauthorized, except the endpoints anyone may read
//   (system:public-info-viewer: /version, /healthz, /livez, /readyz).

import type { Status } from '../k8s/types';
import type { Principal } from '../k8s/authz';

export { authorize, forbiddenStatus } from '../k8s/authz';
export type { AccessRequest, Principal } from '../k8s/authz';

export class TokenAuthenticator {
  private readonly tokens = new Map<string, Principal>();

  /**
   * `anonymousAdmin`: a plain-HTTP server, to which client-go sends no credentials at all
   * (kubernetes/kubectl#744): requests without a token act as the admin. Tokens still count.
   */
  constructor(
    readonly adminToken: string,
    private readonly anonymousAdmin = false,
  ) {
    this.tokens.set(adminToken, { user: 'podbook-admin' });
  }

  /** Adds a token confined to `namespace`, as the ServiceAccount `learner` there. */
  addNamespaceToken(token: string, namespace: string, serviceAccount = 'learner'): Principal {
    const p = { user: `system:serviceaccount:${namespace}:${serviceAccount}`, namespace };
    this.tokens.set(token, p);
    return p;
  }

  authenticate(authorization: string | undefined): Principal | undefined {
    if (authorization === undefined && this.anonymousAdmin) return { user: 'podbook-admin' };
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    return m ? this.tokens.get(m[1]) : undefined;
  }
}

export const UNAUTHORIZED: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Unauthorized',
  reason: 'Unauthorized',
  code: 401,
};

/** Paths anyone may read (the apiserver's system:public-info-viewer role). */
export function isPublicPath(path: string): boolean {
  return path === '/version' || path === '/healthz' || path === '/livez' || path === '/readyz';
}
