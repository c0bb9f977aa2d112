// What a fresh cluster holds before anyone creates anything: the four system namespaces and the
// `kubernetes` Service with its endpoints (kube-apiserver's own reconciler writes those).
// Nodes register themselves (the kubelet); service accounts and kube-root-ca.crt come from the
// namespace controllers.

import type { KubeObject } from '../k8s/types';
import type { ClusterConfig } from './controller';

export interface BootstrapObject {
  resource: string;
  object: KubeObject;
}

export function bootstrapObjects(config: ClusterConfig): BootstrapObject[] {
  const apiserverIP = config.nodes[0]?.internalIP ?? '192.168.65.3';
  const ns = (name: string): BootstrapObject => ({ resource: 'namespaces', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  return [
    ns('default'),
    ns('kube-node-lease'),
    ns('kube-public'),
    ns('kube-system'),
    {
      resource: 'services',
      object: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
      },
    },
    {
      resource: 'endpoints',
      object: {
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
        subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
      },
    },
    {
      resource: 'endpointslices',
      object: {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
        addressType: 'IPv4',
        endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    },
  ];
}
