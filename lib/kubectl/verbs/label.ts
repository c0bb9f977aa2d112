// `kubectl label` and `kubectl annotate` (kubectl pkg/cmd/label/label.go, annotate/annotate.go,
// v1.32; kube-protocol §1.8, VERIFIED against kubectl 1.32.5): `key=value` and `key-` after the
// resources, --overwrite, -l, --all, --list, --resource-version. Each object is fetched (or
// listed), changed locally and PATCHed with a JSON merge patch (`{}` when nothing changed, still
// sent); the message compares the labels before and after: `pod/x labeled`, `unlabeled`,
// `not labeled`; annotate always says `annotated`.

import type { KubeObject } from '../../k8s/types';
import { createMergePatch } from '../../k8s/patch';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { dryRunOf, printResult, selectTargets, str } from './common';
import type { Obj, Target } from './common';
import { notSupportedMessage } from './unsupported';

type Kind = 'label' | 'annotation';

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` pairs. */
export function splitResourcesAndPairs(args: readonly string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let first = true;
  for (const s of args) {
    const isPair = s.includes('=') || s.endsWith('-');
    if (isPair) {
      first = false;
      pairs.push(s);
    } else if (first) resources.push(s);
    else throw new KubectlError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

function parseLabels(spec: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes('=')) {
      const parts = s.split('=');
      if (parts.length !== 2) throw new KubectlError(`invalid label spec: ${s}`);
      set.set(parts[0], parts[1]);
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new KubectlError(`unknown label spec: ${s}`);
  }
  if (remove.some((k) => set.has(k))) throw new KubectlError('can not both modify and remove a label in the same command');
  return { set, remove };
}

function parseAnnotations(spec: readonly string[]): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s.includes('=')) {
      const i = s.indexOf('=');
      if (i === 0) throw new KubectlError(`invalid annotation format: ${s}`);
      set.set(s.slice(0, i), s.slice(i + 1));
    } else if (s.endsWith('-')) remove.push(s.slice(0, -1));
    else throw new KubectlError(`invalid annotation format: ${s}`);
  }
  if (remove.some((k) => set.has(k))) throw new KubectlError('can not both modify and remove an annotation in the same command');
  return { set, remove };
}

function sameMap(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => k in b && a[k] === b[k]);
}

function makeVerb(kind: Kind): Verb {
  return async (inv) => {
    try {
      return await runLabel(inv, kind);
    } catch (e) {
      return printError(inv, e);
    }
  };
}

export const label = makeVerb('label');
export const annotate = makeVerb('annotation');

async function runLabel(inv: Invocation, kind: Kind): Promise<number> {
  const f = inv.flags;
  const field = kind === 'label' ? 'labels' : 'annotations';
  if (f.local === true || (f.filename as string[] | undefined)?.length || str(f.kustomize)) {
    inv.err(notSupportedMessage(`kubectl ${kind === 'label' ? 'label' : 'annotate'} ${f.local === true ? '--local' : str(f.kustomize) ? '-k' : '-f'}`));
    return 1;
  }
  const { resources, pairs } = splitResourcesAndPairs(inv.args, kind);
  const list = f.list === true;
  // Validate checks the resources before the updates (real kubectl 1.32: `kubectl label` alone)
  if (resources.length === 0) throw new KubectlError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (pairs.length === 0 && !list) throw new KubectlError(`at least one ${kind} update is required`);
  const { set, remove } = kind === 'label' ? parseLabels(pairs) : parseAnnotations(pairs);
  const overwrite = f.overwrite === true;
  const selector = str(f.selector);
  const fieldSelector = str(f['field-selector']);
  const all = f.all === true;
  const resourceVersion = str(f['resource-version']);
  const dryRun = dryRunOf(inv);

  if (resources.length === 0) {
    throw new KubectlError(
      'You must provide one or more resources by argument or filename.\nExample resource specifications include:\n' +
        "   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const named = resources.some((a) => a.includes('/')) || resources.length > 1;
  if (named && (selector || all || fieldSelector)) throw new KubectlError('name cannot be provided when a selector is specified');
  if (!named && !selector && !all && !fieldSelector) throw new KubectlError('resource(s) were provided, but no name was specified');

  const sel = await selectTargets(inv, resources, { selector, fieldSelector, all, allNamespaces: inv.allNamespaces });
  const errors: unknown[] = [...sel.errors];
  for (const t of sel.targets) {
    try {
      await labelOne(inv, t, kind, field, { set, remove, overwrite, resourceVersion, list, dryRun });
    } catch (e) {
      if (e instanceof KubectlError) {
        // the overwrite check stops the visit
        if (errors.length > 0) inv.err(errorText(errors));
        throw e;
      }
      errors.push(e);
    }
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}

async function labelOne(
  inv: Invocation,
  t: Target,
  kind: Kind,
  field: 'labels' | 'annotations',
  o: { set: Map<string, string>; remove: string[]; overwrite: boolean; resourceVersion: string; list: boolean; dryRun: 'none' | 'client' | 'server' },
): Promise<void> {
  const obj = (t.object ?? (await inv.client.get(t.info.resource, t.namespace, t.name))) as KubeObject;
  const old = { ...((obj.metadata[field] ?? {}) as Record<string, string>) };
  if (o.list) {
    for (const k of Object.keys(old).sort()) inv.out(`${k}=${old[k]}\n`);
    return;
  }
  if (!o.overwrite) {
    const clashes: string[] = [];
    for (const [k, v] of o.set) {
      if (k in old && old[k] !== v && !(kind === 'annotation' && k === 'kubernetes.io/change-cause')) clashes.push(`'${k}' already has a value (${old[k]})`);
    }
    if (clashes.length > 0) {
      if (kind === 'label') throw new KubectlError(clashes.length === 1 ? `${clashes[0]}, and --overwrite is false` : `[${clashes.map((c) => `${c}, and --overwrite is false`).join(', ')}]`);
      throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.join('; ')}`);
    }
  }
  const next: Record<string, string> = { ...old };
  for (const [k, v] of o.set) next[k] = v;
  for (const k of o.remove) {
    if (!(k in next)) {
      if (kind === 'label') inv.out(`label ${JSON.stringify(k)} not found.\n`);
      continue;
    }
    delete next[k];
  }
  const before = { metadata: { [field]: old } } as Record<string, unknown>;
  const after = { metadata: { [field]: next } } as Record<string, unknown>;
  if (o.resourceVersion) (after.metadata as Obj).resourceVersion = o.resourceVersion;
  const patch = createMergePatch(before, after);

  let message: string;
  if (kind === 'label') {
    message = 'not labeled';
    if (!sameMap(old, next)) message = Object.keys(next).length < Object.keys(old).length ? 'unlabeled' : 'labeled';
  } else message = 'annotated';

  let result: Obj;
  if (o.dryRun === 'client') {
    result = { ...(obj as unknown as Obj), metadata: { ...obj.metadata, [field]: next } };
  } else {
    const fieldManager = str(inv.flags['field-manager']) || (kind === 'label' ? 'kubectl-label' : 'kubectl-annotate');
    result = (await inv.client.patch(t.info.resource, t.namespace, t.name, 'application/merge-patch+json', patch ?? {}, {
      dryRun: o.dryRun === 'server',
      fieldManager,
    })) as unknown as Obj;
  }
  printResult(inv, { kind: t.info.kind, apiVersion: t.info.group ? `${t.info.group}/${t.info.version}` : t.info.version, ...result }, message, o.dryRun);
}
