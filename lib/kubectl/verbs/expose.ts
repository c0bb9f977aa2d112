// `kubectl expose TYPE NAME --port=… [--target-port] [--type] [--name] [--protocol] [-l]`
// (kubectl pkg/cmd/expose/expose.go, v1.32; kube-protocol §1.6, VERIFIED body): GETs the
// object, takes its selector (deployment/replicaset matchLabels, pod or service labels/selector)
// and labels, and POSTs the Service with fieldManager=kubectl-expose → `service/x exposed`.

import type { KubeObject } from '../../k8s/types';
import { KubectlError, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { parseLabelSpec } from './run';
import { dryRunOf, printResult, selectTargets, str } from './common';
import type { Obj } from './common';

function selectorOf(kind: string, obj: Obj): Record<string, string> | string {
  const spec = (obj.spec ?? {}) as Obj;
  const meta = (obj.metadata ?? {}) as Obj;
  switch (kind) {
    case 'Pod': {
      const labels = meta.labels as Record<string, string> | undefined;
      if (!labels || Object.keys(labels).length === 0) return 'the pod has no labels and cannot be exposed';
      return labels;
    }
    case 'Service': {
      const s = spec.selector as Record<string, string> | undefined;
      if (!s) return 'the service has no pod selector set';
      return s;
    }
    case 'Deployment':
    case 'ReplicaSet': {
      const sel = (spec.selector ?? {}) as Obj;
      if (Array.isArray(sel.matchExpressions) && sel.matchExpressions.length > 0) return `couldn't convert expressions - "${'matchExpressions'}" to map-based selector format`;
      return { ...((sel.matchLabels ?? {}) as Record<string, string>) };
    }
    default:
      return `cannot expose a ${kind}`;
  }
}

/** The pod template's (or pod's) container ports, for introspection. */
function portsOf(kind: string, obj: Obj): { port: number; protocol: string }[] {
  const spec = (obj.spec ?? {}) as Obj;
  let podSpec: Obj | undefined;
  if (kind === 'Pod') podSpec = spec;
  else if (kind === 'Deployment' || kind === 'ReplicaSet') podSpec = ((spec.template ?? {}) as Obj).spec as Obj | undefined;
  else if (kind === 'Service') {
    return ((spec.ports ?? []) as Obj[]).map((p) => ({ port: Number(p.port), protocol: str(p.protocol) || 'TCP' }));
  }
  const out: { port: number; protocol: string }[] = [];
  for (const c of ((podSpec?.containers ?? []) as Obj[])) {
    for (const p of (c.ports ?? []) as Obj[]) out.push({ port: Number(p.containerPort), protocol: str(p.protocol) || 'TCP' });
  }
  return out;
}

export const expose: Verb = async (inv) => {
  try {
    return await runExpose(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runExpose(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (inv.args.length === 0) {
    // the builder's error, printed without a usage hint (real kubectl 1.32)
    throw new KubectlError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  }
  const dryRun = dryRunOf(inv);
  const sel = await selectTargets(inv, inv.args, {});
  if (sel.errors.length > 0) throw sel.errors[0];
  if (sel.targets.length === 0) throw new KubectlError('resource(s) were provided, but no name was specified');
  const t = sel.targets[0];
  const obj = (t.object ?? (await inv.client.get(t.info.resource, t.namespace, t.name))) as unknown as Obj;

  let selector: Record<string, string>;
  const selectorFlag = str(f.selector);
  if (selectorFlag) selector = parseLabelSpec(selectorFlag);
  else {
    const s = selectorOf(t.info.kind, obj);
    if (typeof s === 'string') throw new KubectlError(`couldn't retrieve selectors via --selector flag or introspection: ${s}`);
    selector = s;
  }

  const protocolFlag = str(f.protocol);
  let ports: { port: number; protocol: string }[];
  const portFlag = str(f.port);
  if (portFlag) {
    ports = portFlag.split(',').map((p) => {
      if (!/^\d+$/.test(p)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
      return { port: Number(p), protocol: protocolFlag || 'TCP' };
    });
  } else {
    ports = portsOf(t.info.kind, obj);
    if (ports.length === 0) throw new KubectlError("couldn't find port via --port flag or introspection");
    if (protocolFlag) ports = ports.map((p) => ({ ...p, protocol: protocolFlag }));
  }
  const targetPortFlag = str(f['target-port']);
  const targetPort = targetPortFlag === '' ? undefined : /^\d+$/.test(targetPortFlag) ? Number(targetPortFlag) : targetPortFlag;
  const servicePorts = ports.map((p, i) => {
    const sp: Obj = {};
    if (ports.length > 1) sp.name = `port-${i + 1}`;
    sp.port = p.port;
    sp.protocol = p.protocol;
    sp.targetPort = targetPort ?? p.port;
    return sp;
  });

  const labelsFlag = str(f.labels);
  const labels = labelsFlag ? parseLabelSpec(labelsFlag) : ((obj.metadata as Obj | undefined)?.labels as Record<string, string> | undefined);
  const name = str(f.name) || t.name;
  const metadata: Obj = { creationTimestamp: null };
  if (labels && Object.keys(labels).length > 0) metadata.labels = { ...labels };
  metadata.name = name;
  const spec: Obj = { ports: servicePorts, selector };
  const type = str(f.type);
  if (type) spec.type = type;
  const clusterIP = str(f['cluster-ip']);
  if (clusterIP) spec.clusterIP = clusterIP;
  const externalIP = str(f['external-ip']);
  if (externalIP) spec.externalIPs = [externalIP];
  const affinity = str(f['session-affinity']);
  if (affinity) spec.sessionAffinity = affinity;
  const service: Obj = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
  const created =
    dryRun === 'client'
      ? service
      : ((await inv.client.create('services', t.namespace ?? inv.namespace, service as unknown as KubeObject, {
          dryRun: dryRun === 'server',
          fieldManager: str(f['field-manager']) || 'kubectl-expose',
        })) as unknown as Obj);
  printResult(inv, { kind: 'Service', apiVersion: 'v1', ...created }, 'exposed', dryRun);
  return 0;
}
