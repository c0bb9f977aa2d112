// `kubectl cluster-info` (kubectl pkg/cmd/clusterinfo, v1.32): the control plane's address, then
// each kube-system service labelled kubernetes.io/cluster-service=true (named by its
// kubernetes.io/name label, linked through the apiserver's service proxy). Plain text: the real
// kubectl 1.32.5 prints no colour codes, neither into a pipe nor on a terminal with
// TERM=xterm-256color (checked against podbook cluster).

import type { KubeObject } from '../../k8s/types';
import { printError } from '../invocation';
import type { Verb } from '../invocation';

function service(name: string, link: string): string {
  return `${name} is running at ${link}\n`;
}

interface ServiceLike extends KubeObject {
  spec?: { ports?: { name?: string; port?: number }[] };
}

export const clusterInfo: Verb = async (inv) => {
  const server = inv.client.server;
  let out = service('Kubernetes control plane', server);
  try {
    const list = await inv.client.list<ServiceLike>('services', 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
    for (const svc of list.items) {
      const svcName = svc.metadata.name ?? '';
      let name = svcName;
      const port = svc.spec?.ports?.[0];
      if (port) {
        // utilnet.JoinSchemeNamePort(scheme, name, port name)
        const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
        const portName = port.name ?? '';
        name = scheme ? `${scheme}:${svcName}:${portName}` : portName ? `${svcName}:${portName}` : svcName;
      }
      const display = svc.metadata.labels?.['kubernetes.io/name'] || svcName;
      out += service(display, `${server}/api/v1/namespaces/kube-system/services/${name}/proxy`);
    }
  } catch (e) {
    inv.out("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    return printError(inv, e);
  }
  inv.out(`${out}\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n`);
  return 0;
};
