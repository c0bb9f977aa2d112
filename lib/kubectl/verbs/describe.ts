// `kubectl describe`: fetch each object and what its describer needs (events, owned or selected
// objects), then print the describers' text. As kubectl's describe command does:
//   * several objects are separated by a blank line ("\n\n" before every one but the first);
//   * `describe pods hello` with no pod named exactly `hello` describes every pod whose name
//     starts with `hello` (the prefix fallback);
//   * `describe pods` with no name describes every pod of the namespace (or `-l` selection);
//   * nothing found: `No resources found in <ns> namespace.` on stderr.
// Times are kubectl's local zone: TZ from the session's environment (UTC by default).

import type { ResourceInfo } from '../../k8s/resources';
import type { ConfigMap, Deployment, Endpoints, EndpointSlice, Event, KubeObject, Namespace, Node, Pod, ReplicaSet, Secret, Service, ServiceAccount } from '../../k8s/types';
import { formatLabelSelector } from '../../k8s/labels';
import { errorString, isApiError } from '../../k8s/errors';
import {
  describeConfigMap,
  describeDeployment,
  describeEndpoints,
  describeGeneric,
  describeNamespace,
  describeNode,
  describePod,
  describeReplicaSet,
  describeSecret,
  describeService,
  describeServiceAccount,
} from '../describe';
import type { DescribeOptions } from '../describe';
import type { ClusterClient } from '../client';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { resolveResourceArgs } from '../resources';

/** Minutes east of UTC for the zones Podbook's learners use; anything else counts as UTC. */
const ZONES: Record<string, number> = { 'Asia/Seoul': 540, KST: 540, 'KST-9': 540, 'Asia/Tokyo': 540, 'Asia/Kolkata': 330, UTC: 0, 'Etc/UTC': 0 };

export const describe: Verb = async (inv) => {
  try {
    return await runDescribe(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runDescribe(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (((f.filename as string[] | undefined) ?? []).length > 0 || (typeof f.kustomize === 'string' && f.kustomize)) {
    throw new KubectlError('Podbook은 아직 describe -f/-k를 실행하지 않습니다. (Podbook does not run describe -f/-k yet.)');
  }
  if (inv.args.length === 0) {
    throw new KubectlError("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.");
  }
  const selector = typeof f.selector === 'string' ? f.selector : '';
  const opts: DescribeOptions = {
    now: inv.client.now(),
    tzOffsetMinutes: ZONES[inv.env.TZ ?? ''] ?? 0,
    showEvents: f['show-events'] !== false,
  };
  const discovery = await inv.client.resources();
  const visits = resolveResourceArgs(discovery, inv.args, { hasSelector: selector !== '' });
  const ns = (info: ResourceInfo) => (info.namespaced && !inv.allNamespaces ? inv.namespace : undefined);

  const objects: { info: ResourceInfo; obj: KubeObject }[] = [];
  const errors: unknown[] = [];
  for (const v of visits) {
    if (!v.names) {
      const list = await inv.client.list(v.info.resource, ns(v.info), { labelSelector: selector || undefined });
      for (const obj of list.items) objects.push({ info: v.info, obj });
      continue;
    }
    for (const name of v.names) {
      try {
        objects.push({ info: v.info, obj: await inv.client.get(v.info.resource, ns(v.info), name) });
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
        // the prefix fallback: every object whose name starts with the one asked for
        const list = await inv.client.list(v.info.resource, ns(v.info), { labelSelector: selector || undefined });
        const matches = list.items.filter((o) => o.metadata.name?.startsWith(name));
        if (matches.length === 0) errors.push(e);
        for (const obj of matches) objects.push({ info: v.info, obj });
      }
    }
  }

  if (objects.length === 0 && errors.length === 0) {
    const allNamespaced = visits.every((v) => v.info.namespaced);
    inv.err(allNamespaced && !inv.allNamespaces ? `No resources found in ${inv.namespace} namespace.\n` : 'No resources found\n');
    return 0;
  }
  let first = true;
  for (const { info, obj } of objects) {
    const text = await describeOne(inv.client, info, obj, opts);
    inv.out(first ? text : `\n\n${text}`);
    first = false;
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}

async function eventsFor(client: ClusterClient, obj: KubeObject): Promise<Event[]> {
  const m = obj.metadata;
  const parts = [`involvedObject.name=${m.name}`, `involvedObject.uid=${m.uid}`];
  if (m.namespace) parts.push(`involvedObject.namespace=${m.namespace}`);
  const ns = m.namespace ?? undefined;
  try {
    return (await client.list<Event>('events', ns, { fieldSelector: parts.join(',') })).items;
  } catch {
    return [];
  }
}

async function describeOne(client: ClusterClient, info: ResourceInfo, obj: KubeObject, opts: DescribeOptions): Promise<string> {
  const ns = obj.metadata.namespace;
  const events = opts.showEvents === false ? [] : await eventsFor(client, obj);
  switch (info.resource) {
    case 'pods':
      return describePod(obj as Pod, events, opts);
    case 'deployments': {
      const d = obj as Deployment;
      const sel = formatLabelSelector(d.spec.selector);
      const replicaSets = (await client.list<ReplicaSet>('replicasets', ns, { labelSelector: sel === '<none>' ? undefined : sel })).items;
      return describeDeployment(d, { replicaSets, events }, opts);
    }
    case 'replicasets': {
      const rs = obj as ReplicaSet;
      const sel = formatLabelSelector(rs.spec.selector);
      const pods = (await client.list<Pod>('pods', ns, { labelSelector: sel === '<none>' ? undefined : sel })).items;
      return describeReplicaSet(rs, { pods, events }, opts);
    }
    case 'services': {
      const endpointSlices = (await client.list<EndpointSlice>('endpointslices', ns, { labelSelector: `kubernetes.io/service-name=${obj.metadata.name}` })).items;
      return describeService(obj as Service, { endpointSlices, events }, opts);
    }
    case 'endpoints':
      return describeEndpoints(obj as Endpoints, { events }, opts);
    case 'nodes': {
      const name = obj.metadata.name!;
      const pods = (await client.list<Pod>('pods', undefined, { fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed` })).items;
      // the kubelet records node events with the node name as uid
      const byName = opts.showEvents === false ? [] : (await client.list<Event>('events', undefined, { fieldSelector: `involvedObject.name=${name},involvedObject.uid=${name}` }).catch(() => ({ items: [] as Event[] }))).items;
      // describeNodeLease: GET kube-node-lease/<node>; any failure is printed as `Failed to get lease: …`
      let lease: KubeObject | null = null;
      let leaseError: string | undefined;
      try {
        lease = await client.get('leases', 'kube-node-lease', name);
      } catch (e) {
        leaseError = errorString(e);
      }
      return describeNode(obj as Node, { pods, events: [...events, ...byName], lease, leaseError }, opts);
    }
    case 'namespaces': {
      // NamespaceDescriber lists the namespace's quotas and limit ranges; a list the server
      // refuses (not served, forbidden) leaves its section out
      const name = obj.metadata.name!;
      const listOrNone = async (resource: string): Promise<KubeObject[] | undefined> => {
        try {
          return (await client.list(resource, name)).items;
        } catch {
          return undefined;
        }
      };
      return describeNamespace(obj as Namespace, { resourceQuotas: await listOrNone('resourcequotas'), limitRanges: await listOrNone('limitranges') }, opts);
    }
    case 'configmaps':
      return describeConfigMap(obj as ConfigMap, { events }, opts);
    case 'secrets':
      return describeSecret(obj as Secret, opts);
    case 'serviceaccounts':
      return describeServiceAccount(obj as ServiceAccount, { events }, opts);
    default:
      return describeGeneric(obj, { events }, opts);
  }
}
