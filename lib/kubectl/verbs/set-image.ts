// `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (kubectl pkg/cmd/set/set_image.go, v1.32;
// VERIFIED body): changes the pod template's (or pod's) container images, sends the two-way
// strategic merge patch with fieldManager=kubectl-set and prints `deployment.apps/x image updated`.
// `*=IMAGE` sets every container. Nothing is printed for an object whose patch is `{}`.

import { createTwoWayStrategicPatch, schemaFor } from '../../k8s/patch';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { cloneJson, dryRunOf, printResult, selectTargets, str } from './common';
import type { Obj } from './common';
import { splitResourcesAndPairs } from './label';
import { notSupportedMessage } from './unsupported';

function podSpecOf(kind: string, obj: Obj): Obj | undefined {
  const spec = obj.spec as Obj | undefined;
  if (!spec) return undefined;
  if (kind === 'Pod') return spec;
  return ((spec.template as Obj | undefined)?.spec as Obj | undefined) ?? undefined;
}

export const setImage: Verb = async (inv) => {
  try {
    return await runSetImage(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runSetImage(inv: Invocation): Promise<number> {
  const f = inv.flags;
  if (f.local === true || (f.filename as string[] | undefined)?.length) {
    inv.err(notSupportedMessage(f.local === true ? 'kubectl set image --local' : 'kubectl set image -f'));
    return 1;
  }
  if (inv.args.length === 0) {
    // Complete runs the builder first: its missing-resource error (real kubectl 1.32)
    throw new KubectlError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const { resources, pairs } = splitResourcesAndPairs(inv.args, 'image');
  const images = new Map<string, string>();
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0 || i === p.length - 1) throw new KubectlError(`invalid image spec: ${p}`);
    images.set(p.slice(0, i), p.slice(i + 1));
  }
  if (images.size === 0) throw new KubectlError('at least one image update is required');
  const selector = str(f.selector);
  const all = f.all === true;
  if (resources.length === 0) throw new KubectlError("one or more resources must be specified as <resource> <name> or <resource>/<name>");
  const dryRun = dryRunOf(inv);
  const sel = await selectTargets(inv, resources, { selector, all });
  const errors: unknown[] = [...sel.errors];
  for (const t of sel.targets) {
    try {
      const current = (t.object ?? (await inv.client.get(t.info.resource, t.namespace, t.name))) as unknown as Obj;
      const modified = cloneJson(current);
      const podSpec = podSpecOf(t.info.kind, modified);
      if (!podSpec) throw new KubectlError(`error: ${t.info.resource}/${t.name} has no pod template`);
      for (const [name, image] of images) {
        let found = false;
        for (const list of ['initContainers', 'containers'] as const) {
          for (const c of (podSpec[list] ?? []) as Obj[]) {
            if (name === '*' || c.name === name) {
              c.image = image;
              found = true;
            }
          }
        }
        if (!found) throw new KubectlError(`unable to find container named ${JSON.stringify(name)}`);
      }
      const patch = createTwoWayStrategicPatch(current, modified, schemaFor(t.info.kind));
      if (!patch.ok) throw new KubectlError(patch.error);
      if (Object.keys(patch.value).length === 0) continue;
      const result =
        dryRun === 'client'
          ? modified
          : ((await inv.client.patch(t.info.resource, t.namespace, t.name, 'application/strategic-merge-patch+json', patch.value, {
              dryRun: dryRun === 'server',
              fieldManager: str(f['field-manager']) || 'kubectl-set',
            })) as unknown as Obj);
      printResult(inv, { kind: t.info.kind, apiVersion: t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version, ...result }, 'image updated', dryRun);
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
