import { describe, expect, test } from 'vitest';
import type { EndpointSlice, Endpoints, Service } from '../../../k8s/types';
import {
  ENDPOINTSLICE_COLUMNS,
  ENDPOINTS_COLUMNS,
  SERVICE_COLUMNS,
  endpointSliceCells,
  endpointsCells,
  formatEndpoints,
  loadBalancerStatusStringer,
  serviceCells,
} from './services';
import { DAY, NOW, ago } from './testing';

function svc(spec: Service['spec'], status?: Service['status'], name = 'web'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: ago(90) }, spec, status };
}

describe('the Service, Endpoints and EndpointSlice columns', () => {
  test('Service has Type, Cluster-IP, External-IP, Port(s), Age and a wide Selector', () => {
    expect(SERVICE_COLUMNS.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Type', 0],
      ['Cluster-IP', 0],
      ['External-IP', 0],
      ['Port(s)', 0],
      ['Age', 0],
      ['Selector', 1],
    ]);
    expect(ENDPOINTS_COLUMNS.map((c) => c.name)).toEqual(['Name', 'Endpoints', 'Age']);
    expect(ENDPOINTSLICE_COLUMNS.map((c) => c.name)).toEqual(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
  });
});

describe('printService', () => {
  test('the kubernetes service is ClusterIP 10.96.0.1 <none> 443/TCP with no selector', () => {
    const k = svc({ type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }, {}, 'kubernetes');
    k.metadata.creationTimestamp = ago(5 * DAY);
    expect(serviceCells(k, NOW)).toEqual(['kubernetes', 'ClusterIP', '10.96.0.1', '<none>', '443/TCP', '5d', '<none>']);
  });

  test('a NodePort service prints port:nodePort/protocol', () => {
    const s = svc({ type: 'NodePort', clusterIPs: ['10.96.12.34'], selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] });
    expect(serviceCells(s, NOW)).toEqual(['web', 'NodePort', '10.96.12.34', '<none>', '80:30080/TCP', '90s', 'app=web']);
  });

  test('a LoadBalancer service without ingress shows <pending>', () => {
    const s = svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], selector: { app: 'web' }, ports: [{ port: 8080, nodePort: 31234, protocol: 'TCP' }] }, { loadBalancer: {} });
    expect(serviceCells(s, NOW)).toEqual(['web', 'LoadBalancer', '10.96.0.50', '<pending>', '8080:31234/TCP', '90s', 'app=web']);
  });

  test('a LoadBalancer ingress list is sorted, unique and not clipped, because the apiserver prints wide', () => {
    const s = svc(
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.50'], ports: [{ port: 80, nodePort: 30001, protocol: 'TCP' }] },
      { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.amazonaws.com' }, { ip: '203.0.113.10' }, { ip: '203.0.113.10' }] } },
    );
    expect(serviceCells(s, NOW)[3]).toBe('203.0.113.10,a1b2c3.elb.amazonaws.com');
  });

  test('loadBalancerStatusStringer clips to 13 bytes and ... only when asked for non-wide output', () => {
    const status = { loadBalancer: { ingress: [{ hostname: 'a1b2c3.elb.amazonaws.com' }] } };
    expect(loadBalancerStatusStringer(status, false)).toBe('a1b2c3.elb.am...');
    expect(loadBalancerStatusStringer(status, true)).toBe('a1b2c3.elb.amazonaws.com');
    expect(loadBalancerStatusStringer({ loadBalancer: { ingress: [{ ip: '192.168.49.100' }] } }, false)).toBe('192.168.49.100');
  });

  test('externalIPs are listed for ClusterIP services and appended to LoadBalancer ingress', () => {
    expect(serviceCells(svc({ type: 'ClusterIP', clusterIPs: ['10.96.0.7'], externalIPs: ['198.51.100.1', '198.51.100.2'], ports: [{ port: 80, protocol: 'TCP' }] }), NOW)[3]).toBe(
      '198.51.100.1,198.51.100.2',
    );
    const lb = svc({ type: 'LoadBalancer', clusterIPs: ['10.96.0.8'], externalIPs: ['198.51.100.1'], ports: [] }, { loadBalancer: { ingress: [{ ip: '203.0.113.5' }] } });
    expect(serviceCells(lb, NOW).slice(3, 5)).toEqual(['203.0.113.5,198.51.100.1', '<none>']);
  });

  test('an ExternalName service shows its external name and no cluster IP', () => {
    const s = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(serviceCells(s, NOW)).toEqual(['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '90s', '<none>']);
  });

  test('a headless service shows None as its cluster IP and several ports joined with commas', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] });
    expect(serviceCells(s, NOW).slice(2, 5)).toEqual(['None', '<none>', '53/UDP,53/TCP']);
  });
});

describe('printEndpoints', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: { name: 'web', creationTimestamp: ago(30) }, subsets });

  test('lists ip:port of the ready addresses', () => {
    expect(endpointsCells(ep([{ addresses: [{ ip: '10.1.0.5' }, { ip: '10.1.0.6' }], ports: [{ port: 80, protocol: 'TCP' }] }]), NOW)).toEqual([
      'web',
      '10.1.0.5:80,10.1.0.6:80',
      '30s',
    ]);
  });

  test('shows three endpoints and then + N more...', () => {
    const addresses = ['10.1.0.5', '10.1.0.6', '10.1.0.7', '10.1.0.8'].map((ip) => ({ ip }));
    expect(formatEndpoints(ep([{ addresses, ports: [{ port: 80 }] }]))).toBe('10.1.0.5:80,10.1.0.6:80,10.1.0.7:80 + 1 more...');
    // every port counts: 2 addresses × 2 ports
    expect(formatEndpoints(ep([{ addresses: addresses.slice(0, 2), ports: [{ port: 80 }, { port: 443 }] }]))).toBe('10.1.0.5:80,10.1.0.6:80,10.1.0.5:443 + 1 more...');
  });

  test('no subsets is <none>, not-ready addresses are left out, port-less subsets list bare IPs and IPv6 goes in brackets', () => {
    expect(formatEndpoints(ep(undefined))).toBe('<none>');
    expect(formatEndpoints(ep([{ notReadyAddresses: [{ ip: '10.1.0.9' }], ports: [{ port: 80 }] }]))).toBe('');
    expect(formatEndpoints(ep([{ addresses: [{ ip: '10.1.0.5' }] }]))).toBe('10.1.0.5');
    expect(formatEndpoints(ep([{ addresses: [{ ip: 'fd00::5' }], ports: [{ port: 80 }] }]))).toBe('[fd00::5]:80');
  });
});

describe('printEndpointSlice', () => {
  test('shows the address type, ports and up to three addresses', () => {
    const slice: EndpointSlice = {
      metadata: { name: 'web-abc12', creationTimestamp: ago(30) },
      addressType: 'IPv4',
      endpoints: ['10.1.0.5', '10.1.0.6', '10.1.0.7', '10.1.0.8'].map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    };
    expect(endpointSliceCells(slice, NOW)).toEqual(['web-abc12', 'IPv4', '80', '10.1.0.5,10.1.0.6,10.1.0.7 + 1 more...', '30s']);
  });

  test('an empty slice shows <unset> ports and endpoints, and a port without number shows its name or *', () => {
    const empty: EndpointSlice = { metadata: { name: 'e', creationTimestamp: ago(1) }, addressType: 'IPv4', endpoints: [], ports: null };
    expect(endpointSliceCells(empty, NOW)).toEqual(['e', 'IPv4', '<unset>', '<unset>', '1s']);
    const named: EndpointSlice = { ...empty, ports: [{ name: 'http' }, {}] };
    expect(endpointSliceCells(named, NOW)[2]).toBe('http,*');
  });
});
