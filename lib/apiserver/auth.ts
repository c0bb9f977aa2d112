// Bearer-token authentication and a small RBAC stand-in for the simulated API server.
//
// * The admin token may do everything (cluster-admin).
// * A namespace token is a learner's ServiceAccount confined to one namespace: everything inside
//   it, read-only on cluster-scoped resources (nodes, namespaces: what `kubectl get nodes` and
//   `describe node` need), nothing in other namespaces. Refusals carry the RBAC authorizer's exact
//   wording (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
//   ForbiddenStatusError; rbac's "cannot <verb> resource …" reason), which kubectl prints as
//   `Error from server (Forbidden): pods is forbidden: User "…" cannot list resource "pods" in API
//   group "" in the namespace "kube-system"`.
// * No or an unknown token: 401 Unauthorized, except the endpoints anyone may read
//   (system:public-info-viewer: /version, /healthz, /livez, /readyz).

import type { Status } from '../k8s/types';

export interface Principal {
  user: string;
  /** undefined: cluster-admin; otherwise the only namespace it may touch */
  namespace?: string;
}

export interface AccessRequest {
  verb: string;
  resource: string;
  subresource?: string;
  group: string;
  namespace?: string;
  name?: string;
}

const READ_VERBS = new Set(['get', 'list', 'watch']);

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

/** Undefined when allowed; otherwise the 403 Status the apiserver sends. */
export function authorize(p: Principal, req: AccessRequest): Status | undefined {
  if (p.namespace === undefined) return undefined;
  if (req.namespace === undefined) {
    if (READ_VERBS.has(req.verb)) return undefined;
  } else if (req.namespace === p.namespace) {
    return undefined;
  }
  return forbiddenStatus(p, req);
}

export function forbiddenStatus(p: Principal, req: AccessRequest): Status {
  const res = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const qualified = req.group ? `${req.resource}.${req.group}` : req.resource;
  const subject = req.name ? `${qualified} "${req.name}"` : qualified;
  const where = req.namespace === undefined ? 'at the cluster scope' : `in the namespace "${req.namespace}"`;
  const message = `${subject} is forbidden: User "${p.user}" cannot ${req.verb} resource "${res}" in API group "${req.group}" ${where}`;
  const details: NonNullable<Status['details']> = { kind: req.resource };
  if (req.name) details.name = req.name;
  if (req.group) details.group = req.group;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details: orderDetails(details), code: 403 };
}

/** Status details in the apiserver's field order (name, group, kind). */
function orderDetails(d: NonNullable<Status['details']>): NonNullable<Status['details']> {
  const out: NonNullable<Status['details']> = {} as NonNullable<Status['details']>;
  if (d.name !== undefined) out.name = d.name;
  if (d.group !== undefined) out.group = d.group;
  if (d.kind !== undefined) out.kind = d.kind;
  return out;
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
