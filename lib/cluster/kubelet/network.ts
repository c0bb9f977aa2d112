// The cluster network as a process in a pod sees it: cluster DNS for Services (`web`,
// `web.default`, `web.default.svc`, `web.default.svc.cluster.local` → the ClusterIP; a headless
// Service → its first ready endpoint) and kube-proxy's rule that a connection to a ClusterIP and
// Service port reaches one ready endpoint at its target port. No endpoints: nothing answers (curl
// then reports the connection refused, as kube-proxy's REJECT rule does).

import type { KubeObject } from '../../k8s/types';
import type { Store } from '../store';

interface ServiceLike extends KubeObject {
  spec?: { clusterIP?: string; ports?: { name?: string; port: number; targetPort?: number | string }[] };
}

interface EndpointsLike extends KubeObject {
  subsets?: { addresses?: { ip: string }[]; ports?: { name?: string; port: number }[] }[];
}

export interface ClusterNetwork {
  /** a host name → its IP, for a process in `namespace` (the pod's DNS search path) */
  resolve(host: string): string | undefined;
  /** a connection to a ClusterIP and port → the endpoint that answers it */
  route(ip: string, port: number): { podIP: string; port: number } | undefined;
}

const CLUSTER_DOMAIN = 'svc.cluster.local';

export function clusterNetwork(store: Store, namespace: string): ClusterNetwork {
  const endpointIPs = (svc: ServiceLike): { ip: string; ports: { name?: string; port: number }[] }[] => {
    const ep = store.find<EndpointsLike>('endpoints', svc.metadata.namespace, svc.metadata.name!);
    const out: { ip: string; ports: { name?: string; port: number }[] }[] = [];
    for (const s of ep?.subsets ?? []) for (const a of s.addresses ?? []) out.push({ ip: a.ip, ports: s.ports ?? [] });
    return out;
  };
  return {
    resolve(host: string): string | undefined {
      const h = host.toLowerCase().replace(/\.$/, '');
      let rest = h;
      if (rest.endsWith(`.${CLUSTER_DOMAIN}`)) rest = rest.slice(0, -CLUSTER_DOMAIN.length - 1);
      else if (rest.endsWith('.svc')) rest = rest.slice(0, -4);
      const parts = rest.split('.');
      if (parts.length > 2) return undefined;
      const [name, ns = namespace] = parts;
      const svc = store.find<ServiceLike>('services', ns, name);
      if (!svc) return undefined;
      const ip = svc.spec?.clusterIP;
      if (ip && ip !== 'None') return ip;
      return endpointIPs(svc)[0]?.ip;
    },
    route(ip: string, port: number): { podIP: string; port: number } | undefined {
      for (const svc of store.all<ServiceLike>('services')) {
        if (svc.spec?.clusterIP !== ip) continue;
        const sp = svc.spec.ports?.find((p) => p.port === port);
        if (!sp) return undefined;
        const ep = endpointIPs(svc)[0];
        if (!ep) return undefined;
        // the endpoint's port for this service port: by name, else the numeric targetPort
        const byName = ep.ports.find((p) => (p.name ?? '') === (sp.name ?? ''))?.port;
        const target = byName ?? (typeof sp.targetPort === 'number' ? sp.targetPort : port);
        return { podIP: ep.ip, port: target };
      }
      return undefined;
    },
  };
}
