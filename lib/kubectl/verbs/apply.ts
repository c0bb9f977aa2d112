// `kubectl apply -f FILE|DIR|URL|-`, client side (kubectl pkg/cmd/apply/apply.go + patcher.go,
// v1.32; kube-protocol §1.7, VERIFIED flows):
// * absent object: POST the manifest with `kubectl.kubernetes.io/last-applied-configuration`
//   set to its compact JSON (keys sorted, `"annotations":{}`, the namespace filled in) plus
//   "\n" → `pod/x created`;
// * present: a three-way strategic merge patch (last-applied, manifest, live object); `{}` sends
//   nothing → `pod/x unchanged`, otherwise PATCH → `pod/x configured`.
// --server-side, --prune and -k are not run by Podbook.

import { isApiError } from '../../k8s/errors';
import { createThreeWayMergePatch, createThreeWayStrategicPatch, PATCH_KINDS, schemaFor } from '../../k8s/patch';
import type { KubeObject } from '../../k8s/types';
import { toGoJsonCompact } from '../format/gojson';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { cloneJson, dryRunOf, fieldValidationOf, isObj, printResult, manifestOrigin, resourceFor, str, strings } from './common';
import type { Obj } from './common';
import { addSourceToErr, namespaceForObject } from './create';
import { loadManifests } from './manifest-files';
import { notSupportedMessage } from './unsupported';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * util.GetModifiedConfiguration(obj, annotate=true): the object with its annotations minus
 * last-applied, encoded; then that text as the annotation. Returns the object to send and the
 * annotation value.
 */
export function modifiedConfiguration(obj: Obj): { modified: Obj; lastApplied: string } {
  const o = cloneJson(obj);
  const meta = (isObj(o.metadata) ? o.metadata : (o.metadata = {})) as Obj;
  const annotations = (isObj(meta.annotations) ? { ...meta.annotations } : {}) as Record<string, unknown>;
  delete annotations[LAST_APPLIED];
  meta.annotations = annotations;
  const lastApplied = `${toGoJsonCompact(o)}\n`;
  meta.annotations = { ...annotations, [LAST_APPLIED]: lastApplied };
  return { modified: o, lastApplied };
}

export const apply: Verb = async (inv) => {
  try {
    return await runApply(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runApply(inv: Invocation): Promise<number> {
  const f = inv.flags;
  for (const [flag, label] of [
    ['server-side', 'kubectl apply --server-side'],
    ['prune', 'kubectl apply --prune'],
  ] as const) {
    if (f[flag] === true) {
      inv.err(notSupportedMessage(label));
      return 1;
    }
  }
  if (str(f.kustomize)) {
    inv.err(notSupportedMessage('kubectl apply -k'));
    return 1;
  }
  if (strings(f.filename).length === 0) throw new KubectlError('must specify one of -f and -k');
  const dryRun = dryRunOf(inv);
  const manifests = loadManifests(inv);
  if (manifests.length === 0) throw new KubectlError('no objects passed to apply');
  const errors: unknown[] = [];
  for (const m of manifests) {
    let verb = 'retrieving current configuration of';
    try {
      const info = await resourceFor(inv, str(m.object.apiVersion), str(m.object.kind), manifestOrigin(m));
      const ns = namespaceForObject(inv, info, m.object);
      const obj = cloneJson(m.object);
      const meta = (isObj(obj.metadata) ? obj.metadata : (obj.metadata = {})) as Obj;
      const name = str(meta.name);
      // resource.Info.String(): schema.GroupVersionResource/Kind String() join group "/" version,
      // so the core group reads "/v1" (real 1.32.5)
      const gv = `${info.group}/${info.version}`;
      verb = `retrieving current configuration of:\nResource: "${gv}, Resource=${info.resource}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"\nfrom server for:`;
      if (!name) throw new KubectlError(`error when ${verb} "${m.source}": resource name may not be empty`);
      // the builder's SetNamespace visitor fills the namespace in before the annotation is made
      if (info.namespaced) meta.namespace = ns;
      const { modified } = modifiedConfiguration(obj);
      let current: KubeObject | undefined;
      try {
        current = await inv.client.get(info.resource, ns, name);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
      if (!current) {
        verb = 'creating';
        const created =
          dryRun === 'client'
            ? modified
            : ((await inv.client.create(info.resource, ns, modified as unknown as KubeObject, {
                dryRun: dryRun === 'server',
                fieldManager: str(f['field-manager']) || 'kubectl-client-side-apply',
                fieldValidation: fieldValidationOf(inv),
              })) as unknown as Obj);
        printResult(inv, created, 'created', dryRun);
        continue;
      }
      verb = 'patching';
      const currentAnnotations = (current.metadata.annotations ?? {}) as Record<string, string>;
      const originalText = currentAnnotations[LAST_APPLIED];
      if (originalText === undefined) {
        inv.err(
          `Warning: resource ${info.resource}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`,
        );
      }
      let original: unknown;
      if (originalText) {
        try {
          original = JSON.parse(originalText);
        } catch {
          original = undefined;
        }
      }
      const useStrategic = PATCH_KINDS.includes(info.kind);
      let patch: unknown;
      if (useStrategic) {
        const r = createThreeWayStrategicPatch(original ?? {}, modified, current, schemaFor(info.kind));
        if (!r.ok) throw new KubectlError(r.error);
        patch = r.value;
      } else {
        patch = createThreeWayMergePatch(original ?? {}, modified, current);
      }
      if (isObj(patch) && Object.keys(patch).length === 0) {
        printResult(inv, { ...(current as unknown as Obj), kind: current.kind ?? info.kind, apiVersion: current.apiVersion ?? str(m.object.apiVersion) }, 'unchanged', dryRun);
        continue;
      }
      const patched =
        dryRun === 'client'
          ? (current as unknown as Obj)
          : ((await inv.client.patch(info.resource, ns, name, useStrategic ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json', patch, {
              dryRun: dryRun === 'server',
              fieldManager: str(f['field-manager']) || 'kubectl-client-side-apply',
              fieldValidation: fieldValidationOf(inv),
            })) as unknown as Obj);
      printResult(inv, { kind: info.kind, apiVersion: str(m.object.apiVersion), ...patched }, 'configured', dryRun);
    } catch (e) {
      errors.push(addSourceToErr(verb, m.source, e));
    }
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}
