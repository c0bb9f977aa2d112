// `kubectl scale` (kubectl pkg/cmd/scale/scale.go + scale/scale.go, v1.32; kube-protocol §1.8,
// VERIFIED): a merge patch `{"spec":{"replicas":N}}` to the scale subresource, preconditions
// --current-replicas / --resource-version checked against the object first. Prints
// `deployment.apps/x scaled`.

import { KubectlError, errorText, printError } from '../invocation';
import { aggregateMessage, errorString } from '../../k8s/errors';
import type { Invocation, Verb } from '../invocation';
import { dryRunOf, printResult, requireFlags, selectTargets, str } from './common';
import type { Obj } from './common';
import { notSupportedMessage } from './unsupported';

export const scale: Verb = async (inv) => {
  try {
    return await runScale(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runScale(inv: Invocation): Promise<number> {
  const f = inv.flags;
  requireFlags(inv, 'replicas');
  if ((f.filename as string[] | undefined)?.length || str(f.kustomize)) {
    inv.err(notSupportedMessage(str(f.kustomize) ? 'kubectl scale -k' : 'kubectl scale -f'));
    return 1;
  }
  const replicas = typeof f.replicas === 'number' ? f.replicas : 0;
  const current = typeof f['current-replicas'] === 'number' ? f['current-replicas'] : -1;
  const resourceVersion = str(f['resource-version']);
  const selector = str(f.selector);
  const all = f.all === true;
  if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const dryRun = dryRunOf(inv);
  if (inv.args.length === 0) {
    throw new KubectlError(
      'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n' +
        "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const named = inv.args.some((a) => a.includes('/')) || inv.args.length > 1;
  if (named && (selector || all)) throw new KubectlError('name cannot be provided when a selector is specified');
  if (!named && !selector && !all) throw new KubectlError('resource(s) were provided, but no name was specified');
  const sel = await selectTargets(inv, inv.args, { selector, all });
  const errors: unknown[] = [...sel.errors];
  if (sel.targets.length === 0 && errors.length === 0) throw new KubectlError('no objects passed to scale');
  // The builder fetches every object first; the ones it found are scaled and the others' errors
  // printed after (`Error from server (NotFound): …`). When it found none, scale.go fails with
  // `no objects passed to scale %w` around the aggregate (real 1.32.5:
  // `error: no objects passed to scale [deployments.apps "a" not found, deployments.apps "b" not found]`).
  const fetched: { t: (typeof sel.targets)[number]; obj: { metadata: { resourceVersion?: string }; spec?: { replicas?: number } } }[] = [];
  for (const t of sel.targets) {
    try {
      fetched.push({ t, obj: (t.object ?? (await inv.client.get(t.info.resource, t.namespace, t.name))) as unknown as (typeof fetched)[number]['obj'] });
    } catch (e) {
      errors.push(e);
    }
  }
  if (fetched.length === 0) {
    throw new KubectlError(`no objects passed to scale ${aggregateMessage(errors.map(errorString))}`);
  }
  for (const { t, obj } of fetched) {
    try {
      if (!t.info.subresources.includes('scale')) throw new KubectlError(`cannot scale ${t.info.kind}`);
      if (current >= 0 && (obj.spec?.replicas ?? 1) !== current) throw new KubectlError(`Expected replicas to be ${current}, was ${obj.spec?.replicas ?? 1}`);
      if (resourceVersion && obj.metadata.resourceVersion !== resourceVersion) {
        throw new KubectlError(`Expected resource version to be ${resourceVersion}, was ${obj.metadata.resourceVersion ?? ''}`);
      }
      if (dryRun !== 'client') {
        const body: Obj = { spec: { replicas } };
        if (resourceVersion) body.metadata = { resourceVersion };
        await inv.client.patch(t.info.resource, t.namespace, t.name, 'application/merge-patch+json', body, { subresource: 'scale', dryRun: dryRun === 'server' });
      }
      printResult(inv, { kind: t.info.kind, apiVersion: t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version, metadata: { name: t.name } }, 'scaled', dryRun);
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}
