// REST paths of the Kubernetes API, parsed the way the apiserver's RequestInfoFactory does
// (staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go): /api/v1/… for core,
// /apis/<group>/<version>/… otherwise, `namespaces/<ns>/` before namespaced resources, then
// resource, name and subresource.

import { RESOURCES } from '../k8s/resources';
import type { ResourceInfo } from '../k8s/resources';

export interface ResourcePath {
  group: string;
  version: string;
  /** the resource as written in the URL; `info` is undefined when it is not served */
  resource: string;
  info?: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** path segments after the subresource (pods/x/proxy/a/b) */
  rest: string[];
}

export type ParsedPath =
  | { kind: 'resource'; path: ResourcePath }
  | { kind: 'groupVersion'; group: string; version: string }
  | { kind: 'group'; group: string }
  | { kind: 'other' };

function lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function parsePath(pathname: string): ParsedPath {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponentSafe);
  let group: string;
  let version: string;
  let i: number;
  if (parts[0] === 'api') {
    if (parts.length < 2) return { kind: 'other' };
    group = '';
    version = parts[1];
    i = 2;
  } else if (parts[0] === 'apis') {
    if (parts.length === 2) return { kind: 'group', group: parts[1] };
    if (parts.length < 3) return { kind: 'other' };
    group = parts[1];
    version = parts[2];
    i = 3;
  } else {
    return { kind: 'other' };
  }
  if (parts.length === i) return { kind: 'groupVersion', group, version };

  let namespace: string | undefined;
  // namespaces/<ns>/<resource>… is a namespaced request; namespaces/<ns>[/status|finalize] is the
  // namespace object itself (requestinfo.go: "namespaces" with more than one further segment).
  if (group === '' && parts[i] === 'namespaces' && parts.length >= i + 3 && lookup(group, version, parts[i + 2])?.namespaced) {
    namespace = parts[i + 1];
    i += 2;
  } else if (group !== '' && parts[i] === 'namespaces' && parts.length >= i + 3) {
    namespace = parts[i + 1];
    i += 2;
  }
  const resource = parts[i];
  const info = lookup(group, version, resource);
  return {
    kind: 'resource',
    path: { group, version, resource, info, namespace, name: parts[i + 1], subresource: parts[i + 2], rest: parts.slice(i + 3) },
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
