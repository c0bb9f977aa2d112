// Who may do what: a small stand-in for RBAC, shared by the API server (lib/apiserver) and the
// in-process client (lib/runtime), so a learner confined to a namespace gets the same 403 either way.
//
// * A principal without a namespace is cluster-admin.
// * A namespace principal (a learner's ServiceAccount) may do everything inside its namespace,
//   read cluster-scoped resources (nodes, namespaces: what `kubectl get nodes` and `describe
//   node` need), and nothing else. Refusals carry the RBAC authorizer's exact wording
//   (apiserver endpoints/handlers/responsewriters/errors.go ForbiddenStatusError with rbac's
//   "cannot <verb> resource …" reason), which kubectl prints as `Error from server (Forbidden):
//   pods is forbidden: User "…" cannot list resource "pods" in API group "" in the namespace "kube-system"`.

import type { Status } from './types';

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

