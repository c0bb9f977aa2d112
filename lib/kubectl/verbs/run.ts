// `kubectl run NAME --image=IMAGE [--restart] [-l] [--port] [--env]… [--command] [-- args…]`
// (kubectl pkg/cmd/run/run.go + generate/versioned/run.go BasicPod, v1.32). POSTs the pod as
// JSON with fieldManager=kubectl-run (kube-protocol §1.6, VERIFIED body) and prints
// `pod/NAME created`. The interactive forms (-i/-t/--attach/--rm) and --expose/--overrides are
// not run by Podbook.

import { resourceInfo } from '../../k8s/resources';
import type { KubeObject } from '../../k8s/types';
import { KubectlError, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { dryRunOf, printResult, requireFlags, str, strings, usageError } from './common';
import type { Obj } from './common';
import { notSupportedMessage } from './unsupported';

/** generate.ParseLabels: `a=b,c=d`. */
export function parseLabelSpec(spec: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of spec.split(',')) {
    const kv = pair.split('=');
    if (kv.length !== 2) throw new KubectlError(`invalid label spec: ${pair}`);
    out[kv[0]] = kv[1];
  }
  return out;
}

/** The Pod `kubectl run` sends, in Go struct field order (what `-o json` shows). */
export function buildRunPod(inv: Invocation, name: string): Obj {
  const f = inv.flags;
  const image = str(f.image);
  const labelsFlag = str(f.labels);
  const labels = labelsFlag ? parseLabelSpec(labelsFlag) : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of strings(f.annotations)) {
    const i = a.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid annotation spec: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const restart = str(f.restart) || 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw usageError(inv, `invalid restart policy: ${restart}`);

  const container: Obj = { name, image };
  const rest = inv.args.slice(1);
  if (rest.length > 0) container[f.command === true ? 'command' : 'args'] = rest;
  const port = str(f.port);
  if (port) {
    const n = Number(port);
    if (!/^-?\d+$/.test(port)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
    if (n > 0) container.ports = [{ containerPort: n }];
  }
  const env = strings(f.env);
  if (env.length > 0) {
    container.env = env.map((e) => {
      const i = e.indexOf('=');
      if (i <= 0) throw new KubectlError(`invalid env: ${e}`);
      // EnvVar.Value is `omitempty`: `--env=EMPTY=` sends only the name (VERIFIED, kubectl 1.32.5).
      const value = e.slice(i + 1);
      return value === '' ? { name: e.slice(0, i) } : { name: e.slice(0, i), value };
    });
  }
  container.resources = {};
  const pullPolicy = str(f['image-pull-policy']);
  if (pullPolicy) {
    if (!['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
      throw usageError(inv, `--image-pull-policy must be one of [Always IfNotPresent Never], but was ${pullPolicy}`);
    }
    container.imagePullPolicy = pullPolicy;
  }
  if (f.privileged === true) container.securityContext = { privileged: true };

  // ObjectMeta in Go struct order; the namespace only with an explicit -n (as the create
  // generators; a kubeconfig context's namespace is not written, VERIFIED with kubectl 1.32.5).
  const metadata: Obj = { name, ...(inv.namespaceExplicit ? { namespace: inv.namespace } : {}), creationTimestamp: null, labels };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata,
    spec: { containers: [container], restartPolicy: restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
}

export const run: Verb = async (inv) => {
  try {
    return await runRun(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runRun(inv: Invocation): Promise<number> {
  const f = inv.flags;
  requireFlags(inv, 'image');
  if (inv.args.length === 0) throw usageError(inv, 'NAME is required for run');
  for (const flag of ['stdin', 'tty', 'attach', 'rm', 'expose'] as const) {
    if (f[flag] === true) {
      inv.err(notSupportedMessage(`kubectl run --${flag}`));
      return 1;
    }
  }
  if (str(f.overrides) || strings(f.filename).length > 0) {
    inv.err(notSupportedMessage(str(f.overrides) ? 'kubectl run --overrides' : 'kubectl run -f'));
    return 1;
  }
  const dryRun = dryRunOf(inv);
  const name = inv.args[0];
  const pod = buildRunPod(inv, name);
  if (dryRun === 'client') {
    printResult(inv, pod, 'created', dryRun, { typed: true });
    return 0;
  }
  const created = await inv.client.create('pods', inv.namespace, pod as unknown as KubeObject, {
    dryRun: dryRun === 'server',
    fieldManager: str(f['field-manager']) || 'kubectl-run',
  });
  const info = resourceInfo('pods')!;
  printResult(inv, { kind: info.kind, apiVersion: 'v1', ...(created as unknown as Obj) }, 'created', dryRun);
  return 0;
}
