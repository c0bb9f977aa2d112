// `kubectl port-forward TYPE/NAME [LOCAL_PORT:]REMOTE_PORT…` (kubectl pkg/cmd/portforward, v1.32,
// and client-go tools/portforward):
// * Complete: the argument is a pod name or TYPE/NAME; anything but a pod is turned into its
//   first pod by polymorphichelpers.AttachablePodForObjectFn (the object's selector, the most
//   "active" pod first, waiting up to --pod-running-timeout for one to appear). Named ports are
//   looked up in the pod; a Service's port is translated to its targetPort.
// * Run: the pod must be Running (`unable to forward port because pod is not running. Current
//   status=Pending`), then parsePorts and parseAddresses, then one listener per address per port:
//   `Forwarding from 127.0.0.1:8080 -> 80` / `Forwarding from [::1]:8080 -> 80`.
//
// Real kubectl then blocks until Ctrl-C. Podbook's verb returns once the listeners are open: the
// kernel (inv.portForwards, the shell session) keeps them, answers later `curl localhost:8080`
// through the pod and appends `Handling connection for 8080` to this command's output then.
// Without a host (a bare runKubectl) the lines are printed and nothing listens.

import type { ResourceInfo } from '../../k8s/resources';
import type { Pod, Service } from '../../k8s/types';
import { durationMs, formatUsageError } from '../cmdline';
import { KubectlError, printError } from '../invocation';
import type { Verb } from '../invocation';
import { findResource, noResourceTypeError } from '../resources';
// exec, attach and port-forward pick a controller's pod the same way (polymorphichelpers)
import { firstPod, selectorForObject } from './exec';

type PodLike = Pod & { status?: { phase?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[]; containerStatuses?: { restartCount?: number }[] } };

const USAGE = 'TYPE/NAME and list of ports are required for port-forward';

function splitPort(port: string): [string, string] {
  const parts = port.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], parts[0]];
}

function isInt(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

function containerPortByName(pod: PodLike, name: string): number {
  for (const c of pod.spec.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  }
  throw new KubectlError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}

/** convertPodNamedPortToNumber */
function podPorts(ports: readonly string[], pod: PodLike): string[] {
  return ports.map((port) => {
    const [local, remote] = splitPort(port);
    const containerPort = isInt(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${containerPort}` : containerPort;
  });
}

/** translateServicePortToTargetPort */
function servicePorts(ports: readonly string[], svc: Service, pod: PodLike): string[] {
  return ports.map((port) => {
    let [local, remote] = splitPort(port);
    let portnum: number;
    if (isInt(remote)) portnum = Number(remote);
    else {
      const sp = (svc.spec.ports ?? []).find((p) => p.name === remote);
      if (!sp) throw new KubectlError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      portnum = sp.port;
      if (local === remote) local = String(portnum);
    }
    const sp = (svc.spec.ports ?? []).find((p) => p.port === portnum);
    if (!sp) throw new KubectlError(`Service ${svc.metadata.name} does not have a service port ${portnum}`);
    let target: number;
    if (svc.spec.clusterIP === 'None') target = portnum;
    else if (sp.targetPort === undefined || typeof sp.targetPort === 'number') target = sp.targetPort || sp.port;
    else if (isInt(sp.targetPort)) target = Number(sp.targetPort) || sp.port;
    else target = containerPortByName(pod, sp.targetPort);
    remote = String(target);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** Go's strconv.ParseUint(s, 10, 16) error text, or the value. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  if (n > 65535) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`;
  return n;
}

/** client-go's parsePorts. */
function parsePorts(ports: readonly string[]): { local: number; remote: number }[] {
  return ports.map((portString) => {
    const parts = portString.split(':');
    let localString: string;
    let remoteString: string;
    if (parts.length === 1) [localString, remoteString] = [parts[0], parts[0]];
    else if (parts.length === 2) [localString, remoteString] = [parts[0] === '' ? '0' : parts[0], parts[1]];
    else throw new KubectlError(`invalid port format '${portString}'`);
    const local = parseUint16(localString);
    if (typeof local === 'string') throw new KubectlError(`error parsing local port '${localString}': ${local}`);
    const remote = parseUint16(remoteString);
    if (typeof remote === 'string') throw new KubectlError(`error parsing remote port '${remoteString}': ${remote}`);
    if (remote === 0) throw new KubectlError('remote port must be > 0');
    return { local, remote };
  });
}

interface ListenAddress {
  address: string;
  protocol: 'tcp4' | 'tcp6';
  failureMode: 'all' | 'any';
}

/** client-go's parseAddresses: `localhost` is 127.0.0.1 and ::1; sorted by address. */
function parseAddresses(addrs: readonly string[]): ListenAddress[] {
  const parsed = new Map<string, ListenAddress>();
  for (const a of addrs) {
    if (a === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', protocol: 'tcp4', failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', protocol: 'tcp6', failureMode: 'all' });
    } else if (/^\d{1,3}(\.\d{1,3}){3}$/.test(a) && a.split('.').every((x) => Number(x) <= 255)) {
      parsed.set(a, { address: a, protocol: 'tcp4', failureMode: 'any' });
    } else if (/^[0-9a-fA-F:]+$/.test(a) && a.includes(':')) {
      parsed.set(a, { address: a, protocol: 'tcp6', failureMode: 'any' });
    } else throw new KubectlError(`${a} is not a valid IP`);
  }
  return [...parsed.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

/** net.JoinHostPort */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Where `:80` (local port 0) lands without a kernel to pick a free port: Linux's first ephemeral port. */
const EPHEMERAL_FALLBACK = 32768;

export const portForward: Verb = async (inv) => {
  try {
    if (inv.args.length < 2) {
      inv.err(formatUsageError('kubectl port-forward', USAGE));
      return 1;
    }
    const timeoutMs = durationMs(inv.flags['pod-running-timeout']) || 60_000;
    if (durationMs(inv.flags['pod-running-timeout']) < 0) throw new KubectlError('--pod-running-timeout must be higher than zero');
    const arg = inv.args[0];
    const slash = arg.indexOf('/');
    let info: ResourceInfo | undefined;
    let name: string;
    const discovery = await inv.client.resources();
    if (slash < 0) {
      info = findResource(discovery, 'pods');
      name = arg;
    } else {
      const type = arg.slice(0, slash);
      name = arg.slice(slash + 1);
      if (type === '' || name === '' || name.includes('/')) throw new KubectlError('arguments in resource/name form must have a single resource and name');
      info = findResource(discovery, type);
      if (!info) throw noResourceTypeError(type);
    }
    if (!info) throw noResourceTypeError('pods');
    const obj = await inv.client.get(info.resource, info.namespaced ? inv.namespace : undefined, name);

    let pod: PodLike;
    let ports: string[];
    if (info.kind === 'Pod' && info.group === '') {
      pod = obj as PodLike;
      ports = podPorts(inv.args.slice(1), pod);
    } else {
      pod = (await firstPod(inv, selectorForObject(info, obj), timeoutMs)).pod as PodLike;
      ports = info.kind === 'Service' ? servicePorts(inv.args.slice(1), obj as Service, pod) : podPorts(inv.args.slice(1), pod);
    }

    // RunPortForward: the pod is fetched again and must be running
    const podName = pod.metadata.name ?? '';
    const current = await inv.client.get<PodLike>('pods', inv.namespace, podName);
    const phase = current.status?.phase ?? '';
    if (phase !== 'Running') throw new KubectlError(`unable to forward port because pod is not running. Current status=${phase}`);

    const forwards = parsePorts(ports);
    const addrList = Array.isArray(inv.flags.address) ? (inv.flags.address as string[]) : ['localhost'];
    const addresses = parseAddresses(addrList);

    let listening = false;
    for (const fwd of forwards) {
      const bound = inv.portForwards
        ? inv.portForwards.open(inv.namespace, podName, fwd.local, fwd.remote)
        : fwd.local || EPHEMERAL_FALLBACK;
      if (bound === undefined) {
        // every address fails the same way: the local port is taken
        const errors = addresses.map((a) => `unable to create listener: Error listen ${a.protocol} ${joinHostPort(a.address, fwd.local)}: bind: address already in use`);
        inv.err(`Unable to listen on port ${fwd.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
        continue;
      }
      fwd.local = bound;
      for (const a of addresses) inv.out(`Forwarding from ${joinHostPort(a.address, bound)} -> ${fwd.remote}\n`);
      listening = true;
    }
    if (!listening) {
      throw new KubectlError(`unable to listen on any of the requested ports: [${forwards.map((f) => `{${f.local} ${f.remote}}`).join(' ')}]`);
    }
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};
