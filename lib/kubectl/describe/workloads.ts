// `kubectl describe deployment` and `kubectl describe replicaset` (describe.go describeDeployment,
// describeReplicaSet; kubectl pkg/util/deployment for picking the new and old ReplicaSets).

import { parseTime } from '../../k8s/duration';
import { formatLabelSelector, selectorFromLabelSelector } from '../../k8s/labels';
import type { Deployment, Event, KubeObject, Pod, PodTemplateSpec, ReplicaSet } from '../../k8s/types';
import { controllerOf, describePodTemplate, maybeEvents, printAnnotationsMultiline, printLabelsMultiline } from './common';
import { LEVEL_0, LEVEL_1, goStringLess, tabbedString } from './writer';
import type { DescribeOptions } from './writer';

/** A JSON value with object keys sorted, for deep equality (apiequality.Semantic.DeepEqual). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort(goStringLess)) if (o[k] !== undefined) out[k] = canonical(o[k]);
    return out;
  }
  return v;
}

/** EqualIgnoreHash: the templates match once the pod-template-hash label is dropped from both. */
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    if (!t) return t;
    const labels = { ...(t.metadata?.labels ?? {}) };
    delete labels['pod-template-hash'];
    const metadata = { ...(t.metadata ?? {}), labels: Object.keys(labels).length > 0 ? labels : undefined };
    return { ...t, metadata };
  };
  return JSON.stringify(canonical(strip(a))) === JSON.stringify(canonical(strip(b)));
}

function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === owner.metadata.uid);
}

/**
 * deploymentutil.GetAllReplicaSetsInChunks as describe uses it: the ReplicaSets the deployment
 * controls; the new one is the oldest whose template equals the deployment's (ignoring the
 * hash label); every other one is old, in list order, including those scaled to zero.
 */
export function splitReplicaSets(d: Deployment, replicaSets: readonly ReplicaSet[]): { oldRSs: ReplicaSet[]; newRS?: ReplicaSet } {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, d));
  const byAge = [...owned].sort((a, b) => {
    const ta = parseTime(a.metadata.creationTimestamp ?? '') ?? 0;
    const tb = parseTime(b.metadata.creationTimestamp ?? '') ?? 0;
    return ta !== tb ? ta - tb : goStringLess(a.metadata.name ?? '', b.metadata.name ?? '');
  });
  const newRS = byAge.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  return { oldRSs, newRS };
}

function printReplicaSets(list: ReplicaSet[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ');
  return s === '' ? '<none>' : s;
}

/** IntOrString.String() of a *IntOrString (`<nil>` when unset). */
function intOrString(v: number | string | undefined): string {
  return v === undefined || v === null ? '<nil>' : String(v);
}

export interface DeploymentDescribeData {
  /** the ReplicaSets listed with the deployment's label selector */
  replicaSets?: readonly ReplicaSet[];
  events?: readonly Event[];
}

export function describeDeployment(d: Deployment, data: DeploymentDescribeData, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    const status = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${w.time(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorFromLabelSelector(d.spec.selector).toString()}\n`);
    w.write(
      LEVEL_0,
      `Replicas:\t${d.spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
        `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`,
    );
    w.write(LEVEL_0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
    const ru = d.spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    describePodTemplate(w, d.spec.template);
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    const { oldRSs, newRS } = splitReplicaSets(d, data.replicaSets ?? []);
    if (oldRSs.length > 0 || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRS ? [newRS] : [])}\n`);
    }
    maybeEvents(w, data.events ?? []);
  });
}

export interface ReplicaSetDescribeData {
  /** the pods listed with the ReplicaSet's label selector (only those it controls count) */
  pods?: readonly Pod[];
  events?: readonly Event[];
  /** set when listing the pods failed: printed as `error in fetching pods: …` */
  podsError?: string;
}

export function describeReplicaSet(rs: ReplicaSet, data: ReplicaSetDescribeData, opts: DescribeOptions): string {
  return tabbedString(opts, (w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const controlledBy = controllerOf(rs);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    if (data.podsError !== undefined) {
      w.write(LEVEL_0, `error in fetching pods: ${data.podsError}\n`);
    } else {
      const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
      for (const p of data.pods ?? []) {
        if (!isControlledBy(p, rs)) continue;
        const phase = p.status?.phase;
        if (phase === 'Running' || phase === 'Pending' || phase === 'Succeeded' || phase === 'Failed') counts[phase]++;
      }
      w.write(LEVEL_0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
    }
    describePodTemplate(w, rs.spec.template);
    const conditions = rs.status?.conditions ?? [];
    if (conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    maybeEvents(w, data.events ?? []);
  });
}
