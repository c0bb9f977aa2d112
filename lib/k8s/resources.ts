// The resource types Podbook serves, as the API server's discovery describes them.
// Order matters: `kubectl get all` expands the `all` category in discovery order
// (client-go restmapper/category_expansion.go), core first, then apps.

export interface ResourceInfo {
  /** plural resource name, the URL segment: `pods` */
  resource: string;
  singular: string;
  kind: string;
  listKind: string;
  group: string; // '' for core
  version: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: string[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function info(
  resource: string,
  kind: string,
  group: string,
  namespaced: boolean,
  shortNames: string[] = [],
  categories: string[] = [],
  subresources: string[] = [],
  verbs: string[] = ALL_VERBS,
): ResourceInfo {
  return {
    resource,
    singular: kind.toLowerCase(),
    kind,
    listKind: `${kind}List`,
    group,
    version: 'v1',
    namespaced,
    shortNames,
    categories,
    verbs,
    subresources,
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  info('configmaps', 'ConfigMap', '', true, ['cm']),
  info('endpoints', 'Endpoints', '', true, ['ep']),
  info('events', 'Event', '', true, ['ev']),
  // kube-apiserver serves LimitRange (`limits`) and ResourceQuota (`quota`, with a status
  // subresource the quota controller writes); Podbook's sandbox sessions create one of each.
  info('limitranges', 'LimitRange', '', true, ['limits']),
  info('namespaces', 'Namespace', '', false, ['ns'], [], ['status'], ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']),
  info('nodes', 'Node', '', false, ['no'], [], ['status']),
  info('pods', 'Pod', '', true, ['po'], ['all'], ['status', 'log', 'exec', 'portforward', 'attach', 'binding', 'eviction']),
  info('resourcequotas', 'ResourceQuota', '', true, ['quota'], [], ['status']),
  info('secrets', 'Secret', '', true, []),
  info('serviceaccounts', 'ServiceAccount', '', true, ['sa']),
  info('services', 'Service', '', true, ['svc'], ['all'], ['status', 'proxy'], ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']),
  info('deployments', 'Deployment', 'apps', true, ['deploy'], ['all'], ['status', 'scale']),
  info('replicasets', 'ReplicaSet', 'apps', true, ['rs'], ['all'], ['status', 'scale']),
  // the apiserver's group priority puts coordination.k8s.io before discovery.k8s.io
  info('leases', 'Lease', 'coordination.k8s.io', true, []),
  info('endpointslices', 'EndpointSlice', 'discovery.k8s.io', true, []),
];

const byResource = new Map<string, ResourceInfo>();
const byKind = new Map<string, ResourceInfo>();
for (const r of RESOURCES) {
  byResource.set(r.resource, r);
  byKind.set(`${r.group}/${r.kind}`, r);
}

/** Looks a resource up by its plural name (`pods`). */
export function resourceInfo(resource: string): ResourceInfo | undefined {
  return byResource.get(resource);
}

/** Looks a resource up by apiVersion and kind, as a manifest names it. */
export function resourceForKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  // (asked for every owner reference of every object written: answers are remembered; the
  // table of resources is fixed)
  let byApi = kindLookups.get(kind);
  if (!byApi) {
    if (kindLookups.size >= 1000) kindLookups.clear();
    kindLookups.set(kind, (byApi = new Map()));
  }
  let r = byApi.get(apiVersion);
  if (r === undefined) {
    r = lookupKind(apiVersion, kind) ?? null;
    if (byApi.size < 100) byApi.set(apiVersion, r);
  }
  return r ?? undefined;
}

const kindLookups = new Map<string, Map<string, ResourceInfo | null>>();

function lookupKind(apiVersion: string, kind: string): ResourceInfo | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const r = byKind.get(`${group}/${kind}`);
  if (!r) return undefined;
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  return version === r.version ? r : undefined;
}

export function apiVersionOf(r: ResourceInfo): string {
  return r.group ? `${r.group}/${r.version}` : r.version;
}

/** `pods`, `deployments.apps`: how the API server names a resource in messages. */
export function qualifiedResource(r: ResourceInfo): string {
  return r.group ? `${r.resource}.${r.group}` : r.resource;
}

/** `Pod`, `Deployment.apps`: how the API server names a kind in "is invalid" messages. */
export function qualifiedKind(r: ResourceInfo): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}
