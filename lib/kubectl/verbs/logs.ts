// `kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]` and `kubectl logs -l SELECTOR`
// (kubectl pkg/cmd/logs/logs.go and polymorphichelpers/logsforobject.go, v1.32):
// * A pod: GET the pod, pick the container (-c; else the default-container annotation or the
//   first one, `Defaulted container "a" out of: a, b` on stderr when there was a choice), then
//   GET …/log with tailLines/previous/sinceSeconds/timestamps/limitBytes.
// * TYPE/NAME (deploy/x, rs/x, svc/x, job/x): the first pod by podutils.ByLogging, waiting up to
//   --pod-running-timeout for one; `Found 2 pods, using pod/<name>` on stderr when several match.
// * -l: every matching pod (in list order), default --tail=10, one request per pod and container
//   (at most --max-log-requests when following); `No resources found in <ns> namespace.` when none.
// * --prefix: `[pod/<pod>/<container>] ` before each line.
// * -f: Podbook's follow is bounded. It prints what is there, then lets virtual time pass in
//   1-second steps for --request-timeout (10 s when unset) and prints each new line as it
//   appears, then returns where real kubectl would block until interrupted.

import { durationMs, formatUsageError } from '../cmdline';
import type { LogOptions } from '../client';
import { KubectlError, printError } from '../invocation';
import { ApiError } from '../../k8s/errors';
import type { Invocation, Verb } from '../invocation';
import { requestTimeoutMs } from './get';
import { defaultContainer, podForArg } from './exec';
import type { PodLike } from './exec';

/** How long a bounded `logs -f` follows when --request-timeout is unset: virtual ms. */
export const DEFAULT_FOLLOW_MS = 10_000;
const FOLLOW_STEP_MS = 1000;

const LOGS_USAGE = "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command";

interface Stream {
  pod: string;
  container: string;
}

export const logs: Verb = async (inv) => {
  try {
    return await runLogs(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

function usage(msg: string): KubectlError {
  return new KubectlError(formatUsageError('kubectl logs', msg).replace(/\n$/, ''), 1, true);
}

async function runLogs(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const selector = typeof f.selector === 'string' ? f.selector : '';
  let container = typeof f.container === 'string' ? f.container : '';
  const allContainers = f['all-containers'] === true;
  const follow = f.follow === true;
  const prefix = f.prefix === true;
  let tail = typeof f.tail === 'number' ? f.tail : -1;

  // Complete
  if (inv.args.length === 0 && !selector) throw usage(LOGS_USAGE);
  if (inv.args.length > 0 && selector) throw usage('only a selector (-l) or a POD name is allowed');
  if (inv.args.length > 2) throw usage(LOGS_USAGE);
  if (inv.args.length === 2) {
    if (container) throw usage(LOGS_USAGE);
    container = inv.args[1];
  }
  if (selector && tail === -1) tail = 10;
  // Validate
  if (allContainers && container) throw new KubectlError('--container cannot be specified with --all-containers');
  const sinceMs = durationMs(f.since);
  const sinceTime = typeof f['since-time'] === 'string' ? f['since-time'] : '';
  if (sinceMs !== 0 && sinceTime) throw new KubectlError('at most one of `sinceTime` or `sinceSeconds` may be specified');
  if (sinceMs < 0) throw new KubectlError('--since must be greater than 0');
  if (tail < -1) throw new KubectlError('--tail must be greater than or equal to -1');

  const opts: LogOptions = {};
  if (tail >= 0) opts.tailLines = tail;
  if (f.previous === true) opts.previous = true;
  if (f.timestamps === true) opts.timestamps = true;
  if (typeof f['limit-bytes'] === 'number' && f['limit-bytes'] > 0) opts.limitBytes = f['limit-bytes'];
  if (sinceMs > 0) opts.sinceSeconds = Math.ceil(sinceMs / 1000);
  if (sinceTime) {
    const t = Date.parse(sinceTime);
    if (Number.isNaN(t)) throw new KubectlError(`parsing time "${sinceTime}" as "2006-01-02T15:04:05Z07:00": cannot parse "${sinceTime}" as "2006"`);
    opts.sinceSeconds = Math.max(1, Math.ceil((inv.client.now() - t) / 1000));
  }

  // which pods and containers
  const timeoutMs = durationMs(f['pod-running-timeout']) || 20_000;
  let pods: PodLike[];
  if (selector) {
    const list = await inv.client.list<PodLike>('pods', inv.namespace, { labelSelector: selector });
    pods = list.items;
    if (pods.length === 0) {
      inv.err(`No resources found in ${inv.namespace} namespace.\n`);
      return 0;
    }
  } else {
    let r: Awaited<ReturnType<typeof podForArg>>;
    try {
      r = await podForArg(inv, inv.args[0], timeoutMs);
    } catch (e) {
      // logs resolves its object through polymorphichelpers, whose NotFound reads
      // `error from server (NotFound): pods "nope" not found in namespace "default"` (real 1.32.5)
      if (e instanceof ApiError && e.status.reason === 'NotFound') {
        throw new KubectlError(`error from server (NotFound): ${e.status.message ?? ''} in namespace ${JSON.stringify(inv.namespace)}`);
      }
      throw e;
    }
    if (!r.direct && r.count > 1) inv.err(`Found ${r.count} pods, using pod/${r.pod.metadata.name}\n`);
    pods = [r.pod];
  }
  const streams: Stream[] = [];
  for (const pod of pods) {
    const name = pod.metadata.name ?? '';
    if (allContainers) {
      for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) streams.push({ pod: name, container: c.name });
      continue;
    }
    if (container) {
      const known = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === container);
      // logsForObject checks the name itself (podcmd.FindContainerByName)
      if (!known) throw new KubectlError(`container ${container} is not valid for pod ${name}`);
      streams.push({ pod: name, container });
    } else {
      streams.push({ pod: name, container: defaultContainer(inv, pod, false) });
    }
  }
  const maxRequests = typeof f['max-log-requests'] === 'number' ? f['max-log-requests'] : 5;
  if (follow && streams.length > maxRequests) {
    throw new KubectlError(`you are attempting to follow ${streams.length} log streams, but maximum allowed concurrency is ${maxRequests}, use --max-log-requests to increase the limit`);
  }

  const ignoreErrors = f['ignore-errors'] === true;
  const decorate = (s: Stream, text: string) => (prefix ? text.replace(/^(?=.)/gm, `[pod/${s.pod}/${s.container}] `) : text);
  // how many lines of each stream's full log have been shown (for -f)
  const seen: number[] = [];
  let failed = false;
  for (let i = 0; i < streams.length; i++) {
    const s = streams[i];
    try {
      const text = await inv.client.logs(inv.namespace, s.pod, { ...opts, container: s.container });
      inv.out(decorate(s, text));
      if (follow) {
        const full = await inv.client.logs(inv.namespace, s.pod, { container: s.container, timestamps: opts.timestamps, previous: opts.previous });
        seen[i] = lineCount(full);
      }
    } catch (e) {
      if (ignoreErrors && follow) continue;
      if (streams.length === 1) throw e;
      printError(inv, e);
      failed = true;
      seen[i] = -1;
    }
  }
  if (!follow || opts.previous) return failed ? 1 : 0;

  const limit = requestTimeoutMs(typeof f['request-timeout'] === 'string' ? f['request-timeout'] : '') ?? DEFAULT_FOLLOW_MS;
  const end = inv.client.now() + limit;
  while (inv.client.now() < end) {
    await inv.client.sleep(Math.min(FOLLOW_STEP_MS, end - inv.client.now()));
    for (let i = 0; i < streams.length; i++) {
      if (seen[i] === undefined || seen[i] < 0) continue;
      const s = streams[i];
      let full: string;
      try {
        full = await inv.client.logs(inv.namespace, s.pod, { container: s.container, timestamps: opts.timestamps });
      } catch {
        // the pod went away: real kubectl's stream ends
        seen[i] = -1;
        continue;
      }
      const lines = full === '' ? [] : full.replace(/\n$/, '').split('\n');
      if (lines.length > seen[i]) {
        inv.out(decorate(s, lines.slice(seen[i]).map((l) => l + '\n').join('')));
        seen[i] = lines.length;
      }
    }
  }
  return failed ? 1 : 0;
}

function lineCount(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}
