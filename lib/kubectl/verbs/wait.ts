// `kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)])
//  [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]`
// (kubectl pkg/cmd/wait, v1.32):
// * The builder visits the named objects (NotFound as the server says it) or the selector's list
//   (`no matching resources found` when empty); --for=delete ignores NotFound and succeeds.
// * Each object is waited for in turn, each with the whole --timeout (30s by default):
//   `condition=Ready[=true]` compares status.conditions[type].status case-insensitively;
//   `jsonpath={…}[=value]` compares the single result as text (no value: the field exists);
//   `delete` waits until the object (that uid) is gone; `create` until it exists.
// * Met: `<kind>/<name> condition met` (the name printer); timed out:
//   `error: timed out waiting for the condition on <resource>/<name>`, exit 1.
//
// kubectl watches; Podbook lets virtual time pass in 100 ms steps (client.sleep) and re-reads the
// object after each step, so the cluster is exactly as far along as a real wait would leave it.

import { executeTemplate, parseTemplate, relaxedJSONPathExpression } from '../../jsonpath';
import { isApiError } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import type { KubeObject } from '../../k8s/types';
import { durationMs } from '../cmdline';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { kindPrefix } from '../resources';
import { selectTargets } from './common';
import { notSupportedMessage } from './unsupported';

const STEP_MS = 100;

type Condition =
  | { kind: 'delete' }
  | { kind: 'create' }
  | { kind: 'condition'; type: string; value: string }
  | { kind: 'jsonpath'; expr: string; value?: string };

/** conditionFuncFor: the --for value as a condition, or kubectl's error. */
function parseFor(forValue: string): Condition {
  const lower = forValue.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (lower.startsWith('condition=')) {
    const rest = forValue.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = eq < 0 ? rest : rest.slice(0, eq);
    const value = eq < 0 ? 'true' : rest.slice(eq + 1);
    return { kind: 'condition', type, value };
  }
  if (lower.startsWith('jsonpath=')) {
    const rest = forValue.slice('jsonpath='.length);
    const parts = rest.split('=');
    if (parts.length > 2 || parts[0] === '') throw new KubectlError('jsonpath wait format must be --for=jsonpath=\'{.status.readyReplicas}\'=3 or --for=jsonpath=\'{.status.readyReplicas}\'');
    const relaxed = relaxedJSONPathExpression(parts[0]);
    const expr = relaxed.ok ? relaxed.expression : parts[0];
    return parts.length === 2 ? { kind: 'jsonpath', expr, value: parts[1] } : { kind: 'jsonpath', expr };
  }
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(forValue)}`);
}

function conditionMet(obj: KubeObject, cond: Condition): boolean {
  if (cond.kind === 'create') return true;
  if (cond.kind === 'condition') {
    const o = obj as KubeObject & { metadata: { generation?: number }; status?: { conditions?: { type: string; status: string; observedGeneration?: number }[] } };
    const c = o.status?.conditions?.find((x) => x.type.toLowerCase() === cond.type.toLowerCase());
    if (!c) return false;
    if (c.observedGeneration !== undefined && o.metadata.generation !== undefined && c.observedGeneration < o.metadata.generation) return false;
    return c.status.toLowerCase() === cond.value.toLowerCase();
  }
  if (cond.kind === 'jsonpath') {
    const t = parseTemplate(cond.expr);
    if (!t.ok) return false;
    const r = executeTemplate(t.template, JSON.parse(JSON.stringify(obj)), { allowMissingKeys: false });
    if (!r.ok) return false;
    if (cond.value === undefined) return r.output !== '';
    return r.output === cond.value;
  }
  return false;
}

export const wait: Verb = async (inv) => {
  try {
    return await runWait(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runWait(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const filenames = (f.filename as string[] | undefined) ?? [];
  if (filenames.length > 0) {
    inv.err(notSupportedMessage('kubectl wait -f'));
    return 1;
  }
  const forValue = typeof f.for === 'string' ? f.for : '';
  const cond = parseFor(forValue);
  const timeout = durationMs(f.timeout);
  const selector = typeof f.selector === 'string' ? f.selector : '';
  const fieldSelector = typeof f['field-selector'] === 'string' ? f['field-selector'] : '';
  const all = f.all === true;
  if (inv.args.length === 0) {
    throw new KubectlError(
      "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
    );
  }
  const hasNames = inv.args.some((a) => a.includes('/')) || inv.args.length > 1;
  if (!hasNames && !selector && !fieldSelector && !all) throw new KubectlError('resource(s) were provided, but no name was specified');

  const { targets, errors } = await selectTargets(inv, inv.args, { selector, fieldSelector, all, allNamespaces: inv.allNamespaces });
  if (errors.length > 0) throw errors[0];
  const isDelete = cond.kind === 'delete';
  let visited = 0;
  let failed = false;
  for (const t of targets) {
    let obj: KubeObject | undefined = t.object;
    if (!obj) {
      try {
        obj = await inv.client.get(t.info.resource, t.namespace, t.name);
      } catch (e) {
        if (isApiError(e, 'NotFound') && isDelete) continue;
        if (isApiError(e, 'NotFound') && cond.kind === 'create') {
          obj = undefined;
        } else {
          inv.err(errorText(e));
          failed = true;
          continue;
        }
      }
    }
    visited++;
    const ok = await waitFor(inv, t.info, t.namespace, t.name, obj?.metadata.uid, cond, timeout);
    if (ok) inv.out(`${kindPrefix(t.info)}/${t.name} condition met\n`);
    else {
      inv.err(`error: timed out waiting for the condition on ${t.info.resource}/${t.name}\n`);
      return 1;
    }
  }
  if (failed) return 1;
  if (visited === 0 && !isDelete) throw new KubectlError('no matching resources found');
  return 0;
}

async function waitFor(inv: Invocation, info: ResourceInfo, ns: string | undefined, name: string, uid: string | undefined, cond: Condition, timeoutMs: number): Promise<boolean> {
  const deadline = inv.client.now() + timeoutMs;
  for (;;) {
    let obj: KubeObject | undefined;
    try {
      obj = await inv.client.get(info.resource, ns, name);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
      obj = undefined;
    }
    if (cond.kind === 'delete') {
      if (!obj || (uid !== undefined && obj.metadata.uid !== uid)) return true;
    } else if (obj && conditionMet(obj, cond)) return true;
    const left = deadline - inv.client.now();
    if (left <= 0) return false;
    await inv.client.sleep(Math.min(STEP_MS, left));
  }
}
