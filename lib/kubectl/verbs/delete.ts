// `kubectl delete` (kubectl pkg/cmd/delete/delete.go, v1.32; kube-protocol §1.8, VERIFIED):
// TYPE NAME…, TYPE/NAME…, -l, --all, --field-selector, -f; --grace-period, --now, --force,
// --cascade, --ignore-not-found, and --wait (default true): after the DELETEs, waits until each
// deleted object (by UID) is gone, letting virtual time pass through client.sleep.
// Prints `pod "x" deleted` (`force deleted` with --force and grace 0), `-o name` → `pod/x`.

import { isApiError } from '../../k8s/errors';
import type { DeleteOptions } from '../client';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { kindPrefix } from '../resources';
import { dryRunOf, flagMs, manifestOrigin, resourceFor, selectTargets, str, strings } from './common';
import type { Target } from './common';
import { addSourceToErr, namespaceForObject } from './create';
import { loadManifests } from './manifest-files';
import { notSupportedMessage } from './unsupported';

const NO_RESOURCES =
  'You must provide one or more resources by argument or filename.\n' +
  'Example resource specifications include:\n' +
  "   '-f rsrc.yaml'\n" +
  "   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n" +
  "   '<resource>'";

const FORCE_WARNING =
  'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n';

/** The propagation policy of --cascade (GetCascadingStrategy). */
export function cascadePolicy(v: string): DeleteOptions['propagationPolicy'] {
  switch (v) {
    case 'background':
    case 'true':
      return 'Background';
    case 'foreground':
      return 'Foreground';
    case 'orphan':
    case 'false':
      return 'Orphan';
    default:
      throw new KubectlError(`invalid cascade value (${v}). Must be "background", "foreground", or "orphan"`);
  }
}

/**
 * Lets virtual time pass until `done()` or `timeoutMs` (undefined: effectively forever, as
 * kubectl's 168h default; the step grows so a stuck object does not spin). Returns whether done.
 */
export async function pollUntil(inv: Invocation, done: () => Promise<boolean>, timeoutMs: number | undefined): Promise<boolean> {
  const limit = timeoutMs ?? 168 * 3_600_000;
  let waited = 0;
  while (!(await done())) {
    if (waited >= limit) return false;
    const step = waited < 60_000 ? 100 : waited < 600_000 ? 1000 : waited < 3_600_000 ? 10_000 : 60_000;
    const ms = Math.min(step, limit - waited);
    await inv.client.sleep(ms);
    waited += ms;
  }
  return true;
}

export const deleteVerb: Verb = async (inv) => {
  try {
    return await runDelete(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runDelete(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const filenames = strings(f.filename);
  const selector = str(f.selector);
  const fieldSelector = str(f['field-selector']);
  const all = f.all === true;
  const ignoreNotFound = f['ignore-not-found'] === true;
  if (str(f.kustomize) || str(f.raw) || f.interactive === true) {
    inv.err(notSupportedMessage(str(f.kustomize) ? 'kubectl delete -k' : str(f.raw) ? 'kubectl delete --raw' : 'kubectl delete --interactive'));
    return 1;
  }
  const policy = cascadePolicy(str(f.cascade));
  let grace = typeof f['grace-period'] === 'number' ? f['grace-period'] : -1;
  const force = f.force === true;
  if (f.now === true) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace < 0) grace = 0;
  // backwards compatibility without data loss: --grace-period=0 alone means 1
  if (grace === 0 && !force) grace = 1;
  const dryRun = dryRunOf(inv);
  const output = str(f.output);
  if (output !== '' && output !== 'name') throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: name`);

  // the builder's argument checks, in kubectl's order
  if (inv.args.length === 0 && filenames.length === 0) {
    if (selector || all || fieldSelector) throw new KubectlError('at least one resource must be specified to use a selector');
    throw new KubectlError(NO_RESOURCES);
  }
  const named = inv.args.some((a) => a.includes('/')) || inv.args.length > 1;
  if (named && (selector || all || fieldSelector)) throw new KubectlError('name cannot be provided when a selector is specified');
  if (filenames.length > 0 && inv.args.length > 0) throw new KubectlError('Unexpected args: ' + `[${inv.args.join(' ')}]` + '\nSee \'kubectl delete -h\' for help and examples');
  if (inv.args.length === 1 && !named && !selector && !all && !fieldSelector) throw new KubectlError('resource(s) were provided, but no name was specified');

  let targets: (Target & { source?: string })[] = [];
  const errors: unknown[] = [];
  let listed = false;
  if (filenames.length > 0) {
    for (const m of loadManifests(inv)) {
      try {
        const info = await resourceFor(inv, str(m.object.apiVersion), str(m.object.kind), manifestOrigin(m));
        const ns = namespaceForObject(inv, info, m.object);
        targets.push({ info, namespace: ns, name: str((m.object.metadata as Record<string, unknown> | undefined)?.name), source: m.source });
      } catch (e) {
        errors.push(addSourceToErr('deleting', m.source, e));
      }
    }
  } else {
    const sel = await selectTargets(inv, inv.args, { selector, fieldSelector, all, allNamespaces: inv.allNamespaces });
    targets = sel.targets;
    errors.push(...sel.errors);
    listed = !named;
  }

  const opts: DeleteOptions = { propagationPolicy: policy };
  if (grace >= 0) opts.gracePeriodSeconds = grace;
  if (dryRun === 'server') opts.dryRun = true;
  if (force && grace === 0) inv.err(FORCE_WARNING);

  const deleted: { target: Target; uid: string | undefined }[] = [];
  for (const t of targets) {
    try {
      let uid = t.object?.metadata.uid;
      if (dryRun === 'client') {
        if (!t.object) await inv.client.get(t.info.resource, t.namespace, t.name);
      } else {
        const r = await inv.client.delete(t.info.resource, t.namespace, t.name, opts);
        const meta = (r as { metadata?: { uid?: string } }).metadata;
        if ((r as { kind?: string }).kind !== 'Status' && meta?.uid) uid = meta.uid;
      }
      deleted.push({ target: t, uid });
      const prefix = kindPrefix(t.info);
      if (output === 'name') inv.out(`${prefix}/${t.name}\n`);
      else {
        const op = force && grace === 0 ? 'force deleted' : 'deleted';
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
        inv.out(`${prefix} ${JSON.stringify(t.name)} ${op}${suffix}\n`);
      }
    } catch (e) {
      if (ignoreNotFound && isApiError(e, 'NotFound')) continue;
      errors.push(t.source ? addSourceToErr('deleting', t.source, e) : e);
    }
  }
  if (deleted.length === 0 && errors.length === 0 && listed && !ignoreNotFound) inv.out('No resources found\n');

  if (f.wait === true && dryRun === 'none' && deleted.length > 0) {
    const timeout = flagMs(inv, 'timeout') || undefined;
    for (const d of deleted) {
      const gone = async () => {
        try {
          const o = await inv.client.get(d.target.info.resource, d.target.namespace, d.target.name);
          return d.uid !== undefined && o.metadata.uid !== d.uid;
        } catch (e) {
          if (isApiError(e, 'NotFound')) return true;
          throw e;
        }
      };
      if (!(await pollUntil(inv, gone, timeout))) {
        errors.push(new KubectlError(`timed out waiting for the condition on ${d.target.info.resource}${d.target.info.group ? `.${d.target.info.group}` : ''}/${d.target.name}`));
      }
    }
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}
