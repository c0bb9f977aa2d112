// `kubectl run NAME --image=IMAGE [--restart] [-l] [--port] [--env]… [--command] [-- args…]`
// (kubectl pkg/cmd/run/run.go + generate/versioned/run.go BasicPod, v1.32). POSTs the pod as
// JSON with fieldManager=kubectl-run (kube-protocol §1.6, VERIFIED body) and prints
// `pod/NAME created`. Attached (-i, -t, --attach, with --rm): run.go waits for the pod, then
// * a finished pod (a short command): prints its log, deletes it with --rm (`pod "x" deleted`) and
//   fails as the container did (`pod default/x terminated (Error)`, the container's exit code);
// * `-it … -- sh` at a terminal: "If you don't see a command prompt, try pressing enter." and the
//   session's next lines go to that shell (Invocation.attachShell); its exit ends the container.
// Checked with the real kubectl 1.32.5 against podbook cluster. --expose/--overrides are not run.

import { resourceInfo } from '../../k8s/resources';
import type { KubeObject } from '../../k8s/types';
import { KubectlError, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { dryRunOf, printResult, requireFlags, str, strings, usageError } from './common';
import { durationMs } from '../cmdline';
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
  // generate/versioned/run.go: -i keeps stdin open once for the attach, -t adds a terminal
  if (f.stdin === true) {
    container.stdin = true;
    container.stdinOnce = true;
  }
  if (f.tty === true) container.tty = true;

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
  if (f.expose === true) {
    inv.err(notSupportedMessage('kubectl run --expose'));
    return 1;
  }
  const attach = f.attach === true || f.stdin === true;
  if (f.rm === true && !attach) throw usageError(inv, '--rm should only be used for attached containers');
  if (attach && dryRunOf(inv) !== 'none') throw usageError(inv, "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
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
  if (attach) return runAttached(inv, name, pod);
  const info = resourceInfo('pods')!;
  printResult(inv, { kind: info.kind, apiVersion: 'v1', ...(created as unknown as Obj) }, 'created', dryRun);
  return 0;
}

interface RunPodStatus {
  phase?: string;
  containerStatuses?: { state?: { running?: unknown; terminated?: { exitCode?: number; reason?: string } } }[];
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

/** run.go's attached path after the pod was created (see the header). */
async function runAttached(inv: Invocation, name: string, pod: Obj): Promise<number> {
  const f = inv.flags;
  const spec = pod.spec as { restartPolicy: string; containers: { name: string; args?: string[]; command?: string[] }[] };
  const container = spec.containers[0];
  const argv = container.command ?? container.args ?? [];
  const shell = argv.length === 1 && SHELLS.has(argv[0].slice(argv[0].lastIndexOf('/') + 1)) ? argv[0] : undefined;
  const timeoutMs = durationMs(f['pod-running-timeout']) || 60_000;
  const deadline = inv.client.now() + timeoutMs;
  let status: RunPodStatus = {};
  for (;;) {
    status = ((await inv.client.get('pods', inv.namespace, name)) as KubeObject & { status?: RunPodStatus }).status ?? {};
    const done = status.phase === 'Succeeded' || status.phase === 'Failed';
    const running = status.containerStatuses?.[0]?.state?.running !== undefined;
    if (done || (shell && f.tty === true && running)) break;
    if (inv.client.now() >= deadline) throw new KubectlError('timed out waiting for the condition');
    await inv.client.sleep(Math.min(1000, deadline - inv.client.now()));
  }

  if (status.phase !== 'Succeeded' && status.phase !== 'Failed') {
    // a shell waiting at a terminal: the session holds it from the next line on
    if (inv.attachShell && inv.stdinIsTerminal) {
      inv.err("If you don't see a command prompt, try pressing enter.\n");
      const opened = await inv.attachShell({ namespace: inv.namespace, pod: name, container: container.name, shell: shell!, restartPolicy: spec.restartPolicy, remove: f.rm === true });
      if (opened) return 0;
    }
    inv.err(notSupportedMessage('kubectl run -it (outside an interactive terminal session)'));
    return 1;
  }

  // the pod finished before an attach could begin: run.go prints its log instead
  inv.out(await inv.client.logs(inv.namespace, name, { container: container.name }));
  if (f.rm === true) {
    await inv.client.delete('pods', inv.namespace, name, { propagationPolicy: 'Background' });
    inv.out(`pod ${JSON.stringify(name)} deleted\n`);
  }
  const term = status.containerStatuses?.[0]?.state?.terminated;
  if (status.phase === 'Failed') {
    inv.err(`pod ${inv.namespace}/${name} terminated (${term?.reason ?? 'Error'})\n`);
    return term?.exitCode && term.exitCode > 0 ? term.exitCode : 1;
  }
  return 0;
}
