// Service, Endpoints and EndpointSlice printers from printers.go (1.32).
//
// EXTERNAL-IP and "wide": loadBalancerStatusStringer(s, wide) clips the joined ingress list to
// 16 bytes (13 + "...") when wide is false. The apiserver's TableConvertor always generates with
// `GenerateOptions{Wide: true}` (pkg/printers/storage/storage.go), so the cells a server sends are
// never clipped, and real kubectl 1.32 shows the full list with and without `-o wide`. The
// clipping below is therefore only reachable by passing wide=false explicitly.

import { formatLabels } from '../../../k8s/labels';
import type { EndpointSlice, Endpoints, Service, ServicePort } from '../../../k8s/types';
import {
  ENDPOINTS_SUBSETS,
  SLICE_ADDRESS_TYPE,
  SLICE_ENDPOINTS,
  SLICE_PORTS,
  SVC_CLUSTER_IP,
  SVC_EXTERNAL_IPS,
  SVC_PORTS,
  SVC_SELECTOR,
  SVC_TYPE,
} from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, arr, column, int, joinHostPort, since, sortedSet, str } from './helpers';
import type { Cell, Printer, TableColumnDefinition } from './types';

/** printers.go loadBalancerWidth */
const LOAD_BALANCER_WIDTH = 16;

// ---------------------------------------------------------------------------------------------
// Service

export const SERVICE_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Type', 'string', SVC_TYPE),
  column('Cluster-IP', 'string', SVC_CLUSTER_IP),
  column('External-IP', 'string', SVC_EXTERNAL_IPS),
  column('Port(s)', 'string', SVC_PORTS),
  AGE_COLUMN,
  column('Selector', 'string', SVC_SELECTOR, { priority: 1 }),
];

/**
 * loadBalancerStatusStringer: the ingress IPs (or hostnames when an entry has no IP), unique and
 * sorted, joined with `,`; clipped to 13 bytes + `...` past 16 bytes unless wide.
 */
export function loadBalancerStatusStringer(status: Service['status'], wide: boolean): string {
  const ingress = arr(status?.loadBalancer?.ingress);
  const result: string[] = [];
  for (const ing of ingress) {
    if (str(ing.ip) !== '') result.push(str(ing.ip));
    else if (str(ing.hostname) !== '') result.push(str(ing.hostname));
  }
  let r = sortedSet(result).join(',');
  if (!wide && utf8Length(r) > LOAD_BALANCER_WIDTH) r = utf8Prefix(r, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** s[0:n] on the UTF-8 bytes. IPs and DNS names are ASCII, so this never splits a rune in practice. */
function utf8Prefix(s: string, n: number): string {
  return new TextDecoder().decode(new TextEncoder().encode(s).slice(0, n));
}

/** getServiceExternalIP: per type, as in §2.3 of the protocol notes. */
export function serviceExternalIP(svc: Service, wide: boolean): string {
  const externalIPs = arr(svc.spec?.externalIPs);
  switch (serviceType(svc)) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lbIps = loadBalancerStatusStringer(svc.status, wide);
      if (externalIPs.length > 0) {
        const results: string[] = [];
        if (lbIps.length > 0) results.push(...lbIps.split(','));
        results.push(...externalIPs);
        return results.join(',');
      }
      return lbIps.length > 0 ? lbIps : '<pending>';
    }
    case 'ExternalName':
      return str(svc.spec?.externalName);
  }
  return '<unknown>';
}

/** spec.type, ClusterIP when unset (SetDefaults_Service). */
function serviceType(svc: Service): string {
  return svc.spec?.type ?? 'ClusterIP';
}

/** makePortString: `port/proto` or `port:nodePort/proto`, joined with `,`. */
export function makePortString(ports: readonly ServicePort[] | undefined): string {
  // An unset protocol is TCP after defaulting (SetDefaults_ServicePort).
  return arr(ports)
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${protocol}` : `${int(p.port)}/${protocol}`;
    })
    .join(',');
}

/** printService: type, cluster IP, external IP, ports, age; wide: selector. */
export function serviceCells(svc: Service, now: number, wide = true): Cell[] {
  const clusterIPs = arr(svc.spec?.clusterIPs);
  const internalIP = clusterIPs.length > 0 ? clusterIPs[0] : '<none>';
  const svcPorts = makePortString(svc.spec?.ports) || '<none>';
  return [
    str(svc.metadata.name),
    serviceType(svc),
    internalIP,
    serviceExternalIP(svc, wide),
    svcPorts,
    since(svc.metadata.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ];
}

export const servicePrinter: Printer<Service> = {
  kind: 'Service',
  apiVersion: 'v1',
  columns: SERVICE_COLUMNS,
  cells: (svc, now) => serviceCells(svc, now),
};

// ---------------------------------------------------------------------------------------------
// Endpoints

export const ENDPOINTS_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Endpoints', 'string', ENDPOINTS_SUBSETS), AGE_COLUMN];

/**
 * formatEndpoints(endpoints, nil): the first three `ip:port` (or bare IPs for port-less subsets) of
 * the ready addresses, then ` + N more...`; `<none>` when there are no subsets.
 */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = arr(ep.subsets);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = arr(ss.addresses);
    const ports = arr(ss.ports);
    if (ports.length === 0) {
      // It's possible to have headless services with no ports.
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(str(addr.ip));
      }
      continue;
    }
    // "Normal" services with ports defined.
    for (const port of ports) {
      count += addresses.length;
      for (const addr of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(str(addr.ip), int(port.port)));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export function endpointsCells(ep: Endpoints, now: number): Cell[] {
  return [str(ep.metadata.name), formatEndpoints(ep), since(ep.metadata.creationTimestamp, now)];
}

export const endpointsPrinter: Printer<Endpoints> = {
  kind: 'Endpoints',
  apiVersion: 'v1',
  columns: ENDPOINTS_COLUMNS,
  cells: endpointsCells,
};

// ---------------------------------------------------------------------------------------------
// EndpointSlice

export const ENDPOINTSLICE_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('AddressType', 'string', SLICE_ADDRESS_TYPE),
  column('Ports', 'string', SLICE_PORTS),
  column('Endpoints', 'string', SLICE_ENDPOINTS),
  AGE_COLUMN,
];

/** listWithMoreString: `a,b,c + N more...`, or `<unset>` for an empty list. */
function listWithMoreString(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** formatDiscoveryPorts: port numbers, or the name of a port without a number, or `*`. */
export function formatDiscoveryPorts(ports: EndpointSlice['ports']): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of arr(ports)) {
    if (list.length < max) {
      let portNum = '*';
      if (typeof port.port === 'number') portNum = String(Math.trunc(port.port));
      else if (typeof port.name === 'string') portNum = port.name;
      list.push(portNum);
    } else if (list.length === max) {
      more = true;
    }
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not, three at most. */
export function formatDiscoveryEndpoints(endpoints: EndpointSlice['endpoints']): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const endpoint of arr(endpoints)) {
    for (const address of arr(endpoint.addresses)) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

export function endpointSliceCells(slice: EndpointSlice, now: number): Cell[] {
  return [
    str(slice.metadata.name),
    str(slice.addressType),
    formatDiscoveryPorts(slice.ports),
    formatDiscoveryEndpoints(slice.endpoints),
    since(slice.metadata.creationTimestamp, now),
  ];
}

export const endpointSlicePrinter: Printer<EndpointSlice> = {
  kind: 'EndpointSlice',
  apiVersion: 'discovery.k8s.io/v1',
  columns: ENDPOINTSLICE_COLUMNS,
  cells: endpointSliceCells,
};
