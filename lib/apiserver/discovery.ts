// API discovery as kube-apiserver 1.32 serves it (kube-protocol §1.2). Both forms are built from
// lib/k8s/resources.ts, so the server, Podbook's kubectl and the differential suite agree on what
// exists:
// * aggregated (apidiscovery.k8s.io/v2): one answer for /api and one for /apis. client-go decides
//   by the response Content-Type alone (discovery_client.go ContentTypeIsGVK), so it must be exact;
// * legacy: APIVersions, APIGroupList and one APIResourceList per group-version, for clients that
//   do not ask for the aggregated form (client-node, older kubectl, curl).
// Groups keep the apiserver's priority order (core, apps, …, discovery.k8s.io) because
// `kubectl get all` expands the `all` category in discovery order.

import { RESOURCES, apiVersionOf } from '../k8s/resources';
import type { ResourceInfo } from '../k8s/resources';

export const AGGREGATED_V2_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
const AGGREGATED_V2BETA1_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

interface GroupKind {
  group: string;
  version: string;
  kind: string;
}

/** What each subresource answers with and which verbs it takes (registry/core/pod/rest etc.). */
function subresourceInfo(r: ResourceInfo, sub: string): { responseKind: GroupKind; verbs: string[] } {
  const self = { group: r.group, version: r.version, kind: r.kind };
  switch (sub) {
    case 'status':
      return { responseKind: self, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      // `kubectl scale` resolves the Scale kind from here (kube-protocol §1.2).
      return { responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] };
    case 'log':
      return { responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] };
    case 'exec':
      return { responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' }, verbs: ['create', 'get'] };
    case 'attach':
      return { responseKind: { group: '', version: 'v1', kind: 'PodAttachOptions' }, verbs: ['create', 'get'] };
    case 'portforward':
      return { responseKind: { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, verbs: ['create', 'get'] };
    case 'binding':
      return { responseKind: { group: '', version: 'v1', kind: 'Binding' }, verbs: ['create'] };
    case 'eviction':
      return { responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' }, verbs: ['create'] };
    case 'proxy':
      return {
        responseKind: { group: '', version: 'v1', kind: r.kind === 'Service' ? 'ServiceProxyOptions' : r.kind === 'Node' ? 'NodeProxyOptions' : 'PodProxyOptions' },
        verbs: ['create', 'delete', 'get', 'patch', 'update'],
      };
    case 'finalize':
      return { responseKind: self, verbs: ['update'] };
    default:
      return { responseKind: self, verbs: ['get'] };
  }
}

/** The group-versions served, in the apiserver's priority order; '' is the core group. */
export function servedGroups(): { group: string; version: string; resources: ResourceInfo[] }[] {
  const out: { group: string; version: string; resources: ResourceInfo[] }[] = [];
  for (const r of RESOURCES) {
    let g = out.find((x) => x.group === r.group && x.version === r.version);
    if (!g) out.push((g = { group: r.group, version: r.version, resources: [] }));
    g.resources.push(r);
  }
  for (const g of out) g.resources.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  return out;
}

/** True when the client asked for aggregated discovery (kubectl 1.32 always does). */
export function wantsAggregated(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('g=apidiscovery.k8s.io') && p.includes('as=APIGroupDiscoveryList')) {
      if (p.includes('v=v2beta1')) return 'v2beta1';
      if (p.includes('v=v2')) return 'v2';
    }
  }
  return undefined;
}

export function aggregatedContentType(v: 'v2' | 'v2beta1'): string {
  return v === 'v2' ? AGGREGATED_V2_CONTENT_TYPE : AGGREGATED_V2BETA1_CONTENT_TYPE;
}

function aggregatedResource(r: ResourceInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {
    resource: r.resource,
    responseKind: { group: r.group, version: r.version, kind: r.kind },
    scope: r.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: r.singular,
    verbs: [...r.verbs],
  };
  if (r.shortNames.length > 0) out.shortNames = [...r.shortNames];
  if (r.categories.length > 0) out.categories = [...r.categories];
  if (r.subresources.length > 0) {
    out.subresources = [...r.subresources].sort().map((s) => ({ subresource: s, ...subresourceInfo(r, s) }));
  }
  return out;
}

/** The body of `GET /api` (core: true) or `GET /apis` as an APIGroupDiscoveryList. */
export function aggregatedDiscovery(core: boolean, v: 'v2' | 'v2beta1' = 'v2'): Record<string, unknown> {
  const groups = servedGroups().filter((g) => (g.group === '') === core);
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${v}`,
    metadata: {},
    items: groups.map((g) => ({
      metadata: g.group === '' ? { creationTimestamp: null } : { name: g.group, creationTimestamp: null },
      versions: [{ version: g.version, resources: g.resources.map(aggregatedResource), freshness: 'Current' }],
    })),
  };
}

/** `GET /api` in the legacy form. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis` in the legacy form. */
export function apiGroupList(): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups()
      .filter((g) => g.group !== '')
      .map((g) => apiGroup(g.group, g.version)),
  };
}

function apiGroup(group: string, version: string): Record<string, unknown> {
  const gv = { groupVersion: `${group}/${version}`, version };
  return { name: group, versions: [gv], preferredVersion: gv };
}

/** `GET /apis/<group>` (an APIGroup), or undefined when the group is not served. */
export function apiGroupDoc(group: string): Record<string, unknown> | undefined {
  const g = servedGroups().find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g.group, g.version) } : undefined;
}

/** `GET /api/v1` or `GET /apis/<g>/<v>`: an APIResourceList, subresources as `pods/log` entries. */
export function apiResourceList(group: string, version: string): Record<string, unknown> | undefined {
  const g = servedGroups().find((x) => x.group === group && x.version === version);
  if (!g) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const r of g.resources) {
    const entry: Record<string, unknown> = {
      name: r.resource,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
    };
    if (r.shortNames.length > 0) entry.shortNames = [...r.shortNames];
    if (r.categories.length > 0) entry.categories = [...r.categories];
    resources.push(entry);
    for (const s of [...r.subresources].sort()) {
      const sub = subresourceInfo(r, s);
      const e: Record<string, unknown> = { name: `${r.resource}/${s}`, singularName: '', namespaced: r.namespaced, kind: sub.responseKind.kind, verbs: sub.verbs };
      if (sub.responseKind.group !== r.group) {
        e.group = sub.responseKind.group;
        e.version = sub.responseKind.version;
      }
      resources.push(e);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf(g.resources[0]), resources };
}
