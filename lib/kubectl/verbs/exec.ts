// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t] -- COMMAND [args...]`
// (kubectl pkg/cmd/exec/exec.go, v1.32):
// * Complete: the first argument is the pod (or TYPE/NAME); the command is everything after
//   `--`. The old form without `--` is a usage error (`exec [POD] [COMMAND] is not supported
//   anymore. Use exec [POD] -- [COMMAND] instead`).
// * Run: the object is fetched (NotFound as the server says it); anything but a pod becomes its
//   most active pod (polymorphichelpers.AttachablePodForObjectFn: the object's selector,
//   sort.Reverse(podutils.ActivePods), waiting up to --pod-running-timeout for a pod to exist).
//   A Succeeded/Failed pod is refused; without -c the default container is chosen
//   (`kubectl.kubernetes.io/default-container`, else the first) and `Defaulted container "a"
//   out of: a, b` goes to stderr when there is a choice. A non-zero exit prints
//   `command terminated with exit code N` (CheckErr on an ExitError, no `error: ` prefix) and
//   kubectl exits N.
// * -i sends kubectl's stdin (Invocation.stdin) to the process; -t asks for a TTY, which kubectl
//   only grants when its stdin is a terminal (Invocation.stdinIsTerminal). Otherwise it says
//   `Unable to use a TTY - input is not a terminal or the right kind of file` and runs without.
//   With a TTY the process's stderr arrives on stdout, as on a terminal; an interactive shell
//   then shows its prompt and echoes each line (a transcript of the session).

import { badRequest } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import { labelSelectorAsSelector } from '../../k8s/labels';
import type { KubeObject, LabelSelector } from '../../k8s/types';
import { durationMs, formatUsageError } from '../cmdline';
import { KubectlError, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { findResource, noResourceTypeError } from '../resources';

export type PodLike = KubeObject & {
  spec: { nodeName?: string; containers: { name: string }[]; initContainers?: { name: string }[]; ephemeralContainers?: { name: string }[] };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: { name: string; restartCount?: number }[];
  };
};

/** The Go type kubectl names in `cannot attach to *v1.Service: …`. */
function goType(info: ResourceInfo): string {
  return `*${info.version}.${info.kind}`;
}

/** polymorphichelpers.SelectorsForObject, as a label selector string. */
export function selectorForObject(info: ResourceInfo, obj: KubeObject): string {
  const spec = (obj as { spec?: { selector?: unknown } }).spec ?? {};
  const fail = (why: string): never => {
    throw new KubectlError(`cannot attach to ${goType(info)}: ${why}`);
  };
  const fromMap = (m: Record<string, string> | undefined) =>
    Object.keys(m ?? {})
      .sort()
      .map((k) => `${k}=${m![k]}`)
      .join(',');
  switch (info.kind) {
    case 'ReplicationController':
      return fromMap(spec.selector as Record<string, string> | undefined);
    case 'Service': {
      const sel = spec.selector as Record<string, string> | undefined;
      if (!sel || Object.keys(sel).length === 0) fail(`invalid service '${obj.metadata.name}': Service is defined without a selector`);
      return fromMap(sel);
    }
    case 'ReplicaSet':
    case 'Deployment':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'Job': {
      const r = labelSelectorAsSelector(spec.selector as LabelSelector | undefined);
      if (!r.ok) fail(`invalid label selector: ${r.error}`);
      return r.ok ? r.selector.toString() : '';
    }
    default:
      return fail(`selector for ${goType(info)} not implemented`);
  }
}

function isReady(p: PodLike): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function readySince(p: PodLike): number {
  const c = p.status?.conditions?.find((x) => x.type === 'Ready' && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : NaN;
}

function maxRestarts(p: PodLike): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((s) => s.restartCount ?? 0));
}

/**
 * sort.Reverse(podutils.ActivePods) (exec, attach, port-forward) and podutils.ByLogging (logs)
 * order pods the same way: assigned, Running, Ready, ready longest, fewer restarts, older first.
 */
export function mostActiveFirst(a: PodLike, b: PodLike): number {
  const less = (x: PodLike, y: PodLike): boolean => {
    const xn = x.spec.nodeName ?? '';
    const yn = y.spec.nodeName ?? '';
    if (xn !== yn && (xn === '' || yn === '')) return xn === '';
    const rank: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
    const xr = rank[x.status?.phase ?? ''] ?? 0;
    const yr = rank[y.status?.phase ?? ''] ?? 0;
    if (xr !== yr) return xr < yr;
    if (isReady(x) !== isReady(y)) return !isReady(x);
    if (isReady(x) && isReady(y)) {
      const xt = readySince(x);
      const yt = readySince(y);
      if (xt !== yt) return Number.isNaN(xt) || (!Number.isNaN(yt) && xt > yt);
    }
    if (maxRestarts(x) !== maxRestarts(y)) return maxRestarts(x) > maxRestarts(y);
    const xc = Date.parse(x.metadata.creationTimestamp ?? '');
    const yc = Date.parse(y.metadata.creationTimestamp ?? '');
    if (xc !== yc) return Number.isNaN(xc) || (!Number.isNaN(yc) && xc > yc);
    return false;
  };
  if (less(b, a)) return -1;
  if (less(a, b)) return 1;
  return 0;
}

/** GetFirstPod: the most active pod matching `selector` and how many matched, waiting up to `timeoutMs` for one. */
export async function firstPod(inv: Invocation, selector: string, timeoutMs: number): Promise<{ pod: PodLike; count: number }> {
  const deadline = inv.client.now() + timeoutMs;
  for (;;) {
    const list = await inv.client.list<PodLike>('pods', inv.namespace, { labelSelector: selector });
    if (list.items.length > 0) return { pod: [...list.items].sort(mostActiveFirst)[0], count: list.items.length };
    const left = deadline - inv.client.now();
    if (left <= 0) throw new KubectlError('timed out waiting for the condition');
    await inv.client.sleep(Math.min(1000, left));
  }
}

/**
 * A `POD` or `TYPE/NAME` argument as the pod it stands for: fetches the object (NotFound as the
 * server words it) and, for a controller or service, its first pod.
 */
export async function podForArg(inv: Invocation, arg: string, timeoutMs: number): Promise<{ pod: PodLike; count: number; direct: boolean }> {
  const slash = arg.indexOf('/');
  const discovery = await inv.client.resources();
  let info: ResourceInfo | undefined;
  let name = arg;
  if (slash < 0) {
    info = findResource(discovery, 'pods');
  } else {
    const type = arg.slice(0, slash);
    name = arg.slice(slash + 1);
    if (type === '' || name === '' || name.includes('/')) throw new KubectlError('arguments in resource/name form must have a single resource and name');
    info = findResource(discovery, type);
    if (!info) throw noResourceTypeError(type);
  }
  if (!info) throw noResourceTypeError('pods');
  const obj = await inv.client.get(info.resource, info.namespaced ? inv.namespace : undefined, name);
  if (info.kind === 'Pod' && info.group === '') return { pod: obj as PodLike, count: 1, direct: true };
  const r = await firstPod(inv, selectorForObject(info, obj), timeoutMs);
  return { ...r, direct: false };
}

/** podcmd.AllContainerNames: `a, b, init (init), debugger (ephem)`. */
export function allContainerNames(pod: PodLike): string {
  const names = pod.spec.containers.map((c) => c.name);
  for (const c of pod.spec.initContainers ?? []) names.push(`${c.name} (init)`);
  for (const c of pod.spec.ephemeralContainers ?? []) names.push(`${c.name} (ephem)`);
  return names.join(', ');
}

/**
 * podcmd.FindOrDefaultContainerByName with no name given: the default-container annotation,
 * else the first container, announcing the choice on stderr when there was one.
 */
export function defaultContainer(inv: Invocation, pod: PodLike, quiet: boolean): string {
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  let name = pod.spec.containers[0]?.name ?? '';
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) name = annotated;
  const choice = pod.spec.containers.length > 1 || (pod.spec.initContainers?.length ?? 0) > 0 || (pod.spec.ephemeralContainers?.length ?? 0) > 0;
  if (!quiet && choice) inv.err(`Defaulted container ${JSON.stringify(name)} out of: ${allContainerNames(pod)}\n`);
  return name;
}

export const exec: Verb = async (inv) => {
  try {
    return await runExec(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runExec(inv: Invocation): Promise<number> {
  const usage = (msg: string) => new KubectlError(formatUsageError('kubectl exec', msg).replace(/\n$/, ''), 1, true);
  const f = inv.flags;
  const filenames = (f.filename as string[] | undefined) ?? [];
  const dash = inv.dashDashAt;
  const resourceName = inv.args.length > 0 && dash !== 0 ? inv.args[0] : '';
  let command: string[] = [];
  if (dash > -1) command = inv.args.slice(dash);
  else if (inv.args.length > 1 || (inv.args.length > 0 && filenames.length > 0)) throw usage('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
  // Validate's plain errors, without the usage hint (real kubectl 1.32)
  if (!resourceName && filenames.length === 0) throw new KubectlError('pod, type/name or --filename must be specified');
  if (command.length === 0) throw new KubectlError('you must specify at least one command for the container');
  if (filenames.length > 0) throw new KubectlError("Podbook은 아직 'kubectl exec -f'을(를) 실행하지 않습니다. (Podbook does not run 'kubectl exec -f' yet.)", 1, true);

  const timeoutMs = durationMs(f['pod-running-timeout']) || 60_000;
  const quiet = f.quiet === true;
  const { pod } = await podForArg(inv, resourceName, timeoutMs);
  const phase = pod.status?.phase ?? '';
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${phase}`);

  let container = typeof f.container === 'string' ? f.container : '';
  if (!container) container = defaultContainer(inv, pod, quiet);
  else if (![...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === container)) {
    // the apiserver validates the container name of a pods/exec request
    throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
  }

  // SetupTTY: no -i, no stdin and no TTY; -t needs a terminal on kubectl's stdin
  const stdinWanted = f.stdin === true;
  let tty = f.tty === true && stdinWanted;
  if (tty && inv.stdinIsTerminal !== true) {
    tty = false;
    if (!quiet) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  const r = await inv.client.exec(inv.namespace, pod.metadata.name ?? '', container, command, { stdin: stdinWanted ? inv.stdin ?? '' : undefined, tty });
  inv.out(r.stdout);
  if (r.stderr) inv.err(r.stderr);
  if (r.exitCode !== 0) {
    inv.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}
