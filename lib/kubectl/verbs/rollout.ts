// `kubectl rollout status|history|undo|restart` for Deployments (kubectl pkg/cmd/rollout and
// polymorphichelpers {rollout_status,history,rollback,objectrestarter}.go, v1.32).
// * status: watches the deployment (list + watch from its resourceVersion) and prints the status
//   viewer's line for each ADDED/MODIFIED event until `successfully rolled out`; virtual time
//   passes through client.sleep; --timeout gives `error: timed out waiting for the condition`.
// * history: `deployment.apps/x ` then the REVISION / CHANGE-CAUSE table of its ReplicaSets.
// * undo: restores the previous (or --to-revision) ReplicaSet's template with a JSON patch.
// * restart: the `kubectl.kubernetes.io/restartedAt` template annotation via a two-way SMP.

import { isApiError } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import type { KubeObject, PodTemplateSpec, WatchEvent } from '../../k8s/types';
import { createTwoWayStrategicPatch, schemaFor } from '../../k8s/patch';
import { describePodTemplate } from '../describe/common';
import { PrefixWriter } from '../describe/writer';
import { describeTabWriter, escapeTerminal } from '../format/tabwriter';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { cloneJson, dryRunOf, flagMs, printResult, selectTargets, str } from './common';
import type { Obj, Target } from './common';
import { notSupportedMessage } from './unsupported';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

interface Deployment {
  metadata: { name?: string; uid?: string; generation?: number; resourceVersion?: string; annotations?: Record<string, string> };
  spec: { replicas?: number; template?: Obj };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; reason?: string }[];
  };
}

/** DeploymentStatusViewer.Status: the line to print and whether the rollout is done. */
export function deploymentStatus(d: Deployment): { text: string; done: boolean } {
  const name = d.metadata.name ?? '';
  const st = d.status ?? {};
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = (st.conditions ?? []).find((c) => c.type === 'Progressing');
    if (cond?.reason === 'ProgressDeadlineExceeded') throw new KubectlError(`deployment ${JSON.stringify(name)} exceeded its progress deadline`);
    const updated = st.updatedReplicas ?? 0;
    const replicas = st.replicas ?? 0;
    const available = st.availableReplicas ?? 0;
    if (d.spec.replicas !== undefined && updated < d.spec.replicas) {
      return { text: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...\n`, done: false };
    }
    if (replicas > updated) {
      return { text: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${replicas - updated} old replicas are pending termination...\n`, done: false };
    }
    if (available < updated) {
      return { text: `Waiting for deployment ${JSON.stringify(name)} rollout to finish: ${available} of ${updated} updated replicas are available...\n`, done: false };
    }
    return { text: `deployment ${JSON.stringify(name)} successfully rolled out\n`, done: true };
  }
  return { text: 'Waiting for deployment spec update to be observed...\n', done: false };
}

async function oneTarget(inv: Invocation, cmd: string): Promise<Target[]> {
  const f = inv.flags;
  if ((f.filename as string[] | undefined)?.length || str(f.kustomize)) {
    throw new KubectlError(notSupportedMessage(`kubectl rollout ${cmd} ${str(f.kustomize) ? '-k' : '-f'}`).replace(/\n$/, ''), 1, true);
  }
  if (inv.args.length === 0 && !str(f.selector)) {
    throw new KubectlError(
      `required resource not specified`,
    );
  }
  const sel = await selectTargets(inv, inv.args, { selector: str(f.selector) });
  if (sel.errors.length > 0) throw sel.errors[0];
  return sel.targets;
}

function requireDeployment(info: ResourceInfo, what: string): void {
  if (info.kind !== 'Deployment') throw new KubectlError(`no ${what} has been implemented for ${info.kind}`);
}

// ---------------------------------------------------------------------------------------------
// status

export const rolloutStatus: Verb = async (inv) => {
  try {
    const targets = await oneTarget(inv, 'status');
    if (targets.length !== 1) throw new KubectlError(`rollout status is only supported on individual resources and resource collections are not supported yet`);
    const t = targets[0];
    requireDeployment(t.info, 'status viewer');
    const d = (await inv.client.get(t.info.resource, t.namespace, t.name)) as unknown as Deployment & KubeObject;
    const first = deploymentStatus(d);
    inv.out(first.text);
    if (first.done || inv.flags.watch === false) return 0;

    const queue: WatchEvent[] = [];
    const watch = await inv.client.watch(t.info.resource, t.namespace, { fieldSelector: `metadata.name=${t.name}`, resourceVersion: d.metadata.resourceVersion }, (e) => queue.push(e));
    const timeout = flagMs(inv, 'timeout') || 168 * 3_600_000;
    let waited = 0;
    try {
      for (;;) {
        while (queue.length > 0) {
          const e = queue.shift()!;
          if (e.type === 'DELETED') throw new KubectlError('object has been deleted');
          if (e.type !== 'ADDED' && e.type !== 'MODIFIED') continue;
          const s = deploymentStatus(e.object as unknown as Deployment);
          inv.out(s.text);
          if (s.done) return 0;
        }
        if (waited >= timeout) throw new KubectlError('timed out waiting for the condition');
        const step = Math.min(waited < 600_000 ? 100 : 5000, timeout - waited);
        await inv.client.sleep(step);
        waited += step;
      }
    } finally {
      watch.stop();
    }
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// history

/** The deployment's ReplicaSets (controlled by its UID), by revision. */
async function revisions(inv: Invocation, t: Target, d: Deployment): Promise<Map<number, Obj>> {
  const list = await inv.client.list('replicasets', t.namespace);
  const out = new Map<number, Obj>();
  for (const rs of list.items) {
    const owners = rs.metadata.ownerReferences ?? [];
    if (!owners.some((o) => o.uid === d.metadata.uid && o.controller)) continue;
    const rev = Number(rs.metadata.annotations?.[REVISION] ?? '0');
    if (!Number.isFinite(rev)) continue;
    out.set(rev, rs as unknown as Obj);
  }
  return out;
}

/**
 * A describe PrefixWriter straight onto a buffer: history.go printTemplate calls
 * describe.NewPrefixWriter(buf) without the tabwriter `tabbedString` adds, so the tabs of
 * `Labels:\t…`, `Image:\t…` reach the terminal unaligned, as kubectl prints them.
 */
class BufferPrefixWriter extends PrefixWriter {
  private text = '';

  override write(level: number, text: string): void {
    this.text += escapeTerminal('  '.repeat(level) + text);
  }

  override writeLine(text: string): void {
    this.text += escapeTerminal(`${text}\n`);
  }

  override flush(): void {}

  override result(): string {
    return this.text;
  }
}

/**
 * DeploymentHistoryViewer.ViewHistory for one revision: the ReplicaSet's pod template, with the
 * ReplicaSet's change-cause annotation copied into the template's annotations, described by
 * describe.DescribePodTemplate (polymorphichelpers/history.go printTemplate).
 */
export function revisionTemplateText(rs: Obj): string {
  const template = cloneJson(((rs.spec as Obj | undefined)?.template ?? {}) as Obj);
  const meta = ((template.metadata as Obj | undefined) ?? (template.metadata = {})) as Obj;
  const annotations = { ...((meta.annotations as Record<string, string> | undefined) ?? {}) };
  const cause = ((rs.metadata as Obj | undefined)?.annotations as Record<string, string> | undefined)?.[CHANGE_CAUSE];
  if (cause) annotations[CHANGE_CAUSE] = cause;
  meta.annotations = annotations;
  template.spec = (template.spec as Obj | undefined) ?? {};
  // Nothing in a pod template is a time, so describe's clock is never read.
  const w = new BufferPrefixWriter({ now: 0 });
  describePodTemplate(w, template as unknown as PodTemplateSpec);
  return w.result();
}

export const rolloutHistory: Verb = async (inv) => {
  try {
    const revision = typeof inv.flags.revision === 'number' ? inv.flags.revision : 0;
    const errors: unknown[] = [];
    for (const t of await oneTarget(inv, 'history')) {
      try {
        requireDeployment(t.info, 'history viewer');
        const d = (await inv.client.get(t.info.resource, t.namespace, t.name)) as unknown as Deployment;
        const revs = await revisions(inv, t, d);
        let body: string;
        // ViewHistory answers "No rollout history found." before it looks at --revision.
        if (revs.size === 0) body = 'No rollout history found.';
        else if (revision > 0) {
          const rs = revs.get(revision);
          if (!rs) throw new KubectlError(`unable to find the specified revision`);
          // rollout_history.go: the name printer's operation is "with revision #N\n" + ViewHistory.
          body = `with revision #${revision}\n${revisionTemplateText(rs)}`;
          printResult(inv, { kind: t.info.kind, apiVersion: 'apps/v1', metadata: { name: t.name } }, body);
          continue;
        } else {
          const w = describeTabWriter();
          w.write('REVISION\tCHANGE-CAUSE\n');
          for (const r of [...revs.keys()].sort((a, b) => a - b)) {
            const cause = ((revs.get(r)!.metadata as Obj).annotations as Record<string, string> | undefined)?.[CHANGE_CAUSE] || '<none>';
            w.write(`${r}\t${cause}\n`);
          }
          body = w.flush();
        }
        printResult(inv, { kind: t.info.kind, apiVersion: 'apps/v1', metadata: { name: t.name } }, `\n${body}`);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) {
      inv.err(errorText(errors));
      return 1;
    }
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// undo

const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

function withoutHash(template: Obj): Obj {
  const t = cloneJson(template);
  const meta = (t.metadata ?? {}) as Obj;
  const labels = { ...((meta.labels ?? {}) as Record<string, string>) };
  delete labels['pod-template-hash'];
  meta.labels = labels;
  t.metadata = meta;
  return t;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Obj)
      .filter((k) => (v as Obj)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Obj)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export const rolloutUndo: Verb = async (inv) => {
  try {
    const toRevision = typeof inv.flags['to-revision'] === 'number' ? inv.flags['to-revision'] : 0;
    const dryRun = dryRunOf(inv);
    const errors: unknown[] = [];
    for (const t of await oneTarget(inv, 'undo')) {
      try {
        requireDeployment(t.info, 'rollbacker');
        const d = (await inv.client.get(t.info.resource, t.namespace, t.name)) as unknown as Deployment;
        const revs = await revisions(inv, t, d);
        let rs: Obj | undefined;
        let rev = toRevision;
        if (toRevision === 0) {
          if (revs.size < 2) throw new KubectlError(`no rollout history found for deployment ${JSON.stringify(t.name)}`);
          const sorted = [...revs.keys()].sort((a, b) => b - a);
          rev = sorted[1];
          rs = revs.get(rev);
        } else {
          rs = revs.get(toRevision);
          if (!rs) throw new KubectlError(`unable to find specified revision ${toRevision} in history`);
        }
        const template = withoutHash(((rs!.spec as Obj).template ?? {}) as Obj);
        const prefix = { kind: t.info.kind, apiVersion: 'apps/v1', metadata: { name: t.name } };
        if (stableJson(template) === stableJson(withoutHash((d.spec.template ?? {}) as Obj))) {
          printResult(inv, prefix, `skipped rollback (current template already matches revision ${rev})`, dryRun);
          continue;
        }
        const annotations: Record<string, string> = {};
        for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
        for (const [k, v] of Object.entries(((rs!.metadata as Obj).annotations ?? {}) as Record<string, string>)) if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
        if (dryRun !== 'client') {
          try {
            await inv.client.patch(
              t.info.resource,
              t.namespace,
              t.name,
              'application/json-patch+json',
              [
                { op: 'replace', path: '/spec/template', value: template },
                { op: 'replace', path: '/metadata/annotations', value: annotations },
              ],
              { dryRun: dryRun === 'server' },
            );
          } catch (e) {
            if (isApiError(e)) throw new KubectlError(`failed restoring revision ${rev}: ${e.message}`);
            throw e;
          }
        }
        printResult(inv, prefix, 'rolled back', dryRun);
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) {
      inv.err(errorText(errors));
      return 1;
    }
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// restart

/** time.Now().Format(time.RFC3339) for a UTC clock. */
function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export const rolloutRestart: Verb = async (inv) => {
  try {
    const errors: unknown[] = [];
    const targets = await oneTarget(inv, 'restart');
    if (targets.length === 0) throw new KubectlError('no objects passed to restart');
    for (const t of targets) {
      try {
        requireDeployment(t.info, 'restarter');
        const current = (await inv.client.get(t.info.resource, t.namespace, t.name)) as unknown as Obj;
        const modified = cloneJson(current);
        const template = ((modified.spec as Obj).template ?? {}) as Obj;
        const meta = (template.metadata ?? {}) as Obj;
        meta.annotations = { ...((meta.annotations ?? {}) as Record<string, string>), 'kubectl.kubernetes.io/restartedAt': rfc3339(inv.client.now()) };
        template.metadata = meta;
        const patch = createTwoWayStrategicPatch(current, modified, schemaFor(t.info.kind));
        if (!patch.ok) throw new KubectlError(patch.error);
        const result = (await inv.client.patch(t.info.resource, t.namespace, t.name, 'application/strategic-merge-patch+json', patch.value, {
          fieldManager: str(inv.flags['field-manager']) || 'kubectl-rollout',
        })) as unknown as Obj;
        printResult(inv, { kind: t.info.kind, apiVersion: 'apps/v1', ...result }, 'restarted');
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) {
      inv.err(errorText(errors));
      return 1;
    }
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};
