// Workload printers from printers.go (1.32): printDeployment, printReplicaSet,
// printStatefulSet, printDaemonSet, printJob, printCronJob. Integer cells are JSON numbers
// (printers.go appends int64 values); READY columns are "%d/%d" strings.
//
// Spec fields that v1 defaulting fills in (replicas → 1, Job parallelism/completions, CronJob
// suspend → false) are read with those defaults, because the apiserver prints objects it has
// decoded and defaulted; a stored object that lacks them prints as the real server would.

import { humanDuration } from '../../../k8s/duration';
import { formatLabels, formatLabelSelector, labelSelectorAsSelector } from '../../../k8s/labels';
import type { Deployment, KubeObject, LabelSelector, PodTemplateSpec, ReplicaSet } from '../../../k8s/types';
import {
  CRONJOB_ACTIVE,
  CRONJOB_LAST_SCHEDULE,
  CRONJOB_SCHEDULE,
  CRONJOB_SUSPEND,
  CRONJOB_TIME_ZONE,
  DEPLOY_AVAILABLE,
  DEPLOY_SPEC_SELECTOR,
  DEPLOY_UPDATED,
  DS_AVAILABLE,
  DS_CURRENT,
  DS_DESIRED,
  DS_READY,
  DS_SPEC_SELECTOR,
  DS_UPDATED,
  JOB_DURATION,
  JOB_SPEC_SELECTOR,
  JOB_STATUS,
  JOB_STATUS_SUCCEEDED,
  POD_SPEC_NODE_SELECTOR,
  READY_PODS,
  RS_SPEC_REPLICAS,
  RS_SPEC_SELECTOR,
  RS_STATUS_READY_REPLICAS,
  RS_STATUS_REPLICAS,
} from './descriptions';
import { AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, NAME_COLUMN, arr, column, int, layoutContainerCells, record, since, str, timeMs } from './helpers';
import type { Cell, Printer, TableColumnDefinition } from './types';

/** A *int32 spec field that v1 defaulting sets to `def` when nil. */
function replicasOr(v: unknown, def: number): number {
  return typeof v === 'number' ? Math.trunc(v) : def;
}

function templateContainers(template: PodTemplateSpec | undefined): [string, string] {
  return layoutContainerCells(template?.spec?.containers);
}

// ---------------------------------------------------------------------------------------------
// Deployment

export const DEPLOYMENT_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Ready', 'string', READY_PODS),
  // printers.go declares these two as strings although the cells are int64.
  column('Up-to-date', 'string', DEPLOY_UPDATED),
  column('Available', 'string', DEPLOY_AVAILABLE),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', DEPLOY_SPEC_SELECTOR, { priority: 1 }),
];

/** printDeployment: `ready/desired`, up-to-date, available, age; wide: containers, images, selector. */
export function deploymentCells(d: Deployment, now: number): Cell[] {
  const status = d.status ?? {};
  const desired = replicasOr(d.spec?.replicas, 1);
  const parsed = labelSelectorAsSelector(d.spec?.selector);
  // metav1.LabelSelectorAsSelector(...).String(); a nil selector selects nothing and prints "".
  const selectorString = parsed.ok ? parsed.selector.toString() : '<invalid>';
  const [names, images] = templateContainers(d.spec?.template);
  return [
    str(d.metadata.name),
    `${int(status.readyReplicas)}/${desired}`,
    int(status.updatedReplicas),
    int(status.availableReplicas),
    since(d.metadata.creationTimestamp, now),
    names,
    images,
    selectorString,
  ];
}

export const deploymentPrinter: Printer<Deployment> = {
  kind: 'Deployment',
  apiVersion: 'apps/v1',
  columns: DEPLOYMENT_COLUMNS,
  cells: deploymentCells,
};

// ---------------------------------------------------------------------------------------------
// ReplicaSet

export const REPLICASET_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Desired', 'integer', RS_SPEC_REPLICAS),
  column('Current', 'integer', RS_STATUS_REPLICAS),
  column('Ready', 'integer', RS_STATUS_READY_REPLICAS),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', RS_SPEC_SELECTOR, { priority: 1 }),
];

/** printReplicaSet: desired, current, ready (ints), age; wide: containers, images, FormatLabelSelector. */
export function replicaSetCells(rs: ReplicaSet, now: number): Cell[] {
  const status = rs.status ?? { replicas: 0 };
  const [names, images] = templateContainers(rs.spec?.template);
  return [
    str(rs.metadata.name),
    replicasOr(rs.spec?.replicas, 1),
    int(status.replicas),
    int(status.readyReplicas),
    since(rs.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(rs.spec?.selector),
  ];
}

export const replicaSetPrinter: Printer<ReplicaSet> = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  columns: REPLICASET_COLUMNS,
  cells: replicaSetCells,
};

// ---------------------------------------------------------------------------------------------
// StatefulSet

export interface StatefulSet extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplateSpec; serviceName?: string };
  status?: { replicas?: number; readyReplicas?: number };
}

export const STATEFULSET_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Ready', 'string', READY_PODS), AGE_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN];

/** printStatefulSet: `ready/desired`, age; wide: containers, images. */
export function statefulSetCells(s: StatefulSet, now: number): Cell[] {
  const [names, images] = templateContainers(s.spec?.template);
  return [str(s.metadata.name), `${int(s.status?.readyReplicas)}/${replicasOr(s.spec?.replicas, 1)}`, since(s.metadata.creationTimestamp, now), names, images];
}

export const statefulSetPrinter: Printer<StatefulSet> = {
  kind: 'StatefulSet',
  apiVersion: 'apps/v1',
  columns: STATEFULSET_COLUMNS,
  cells: statefulSetCells,
};

// ---------------------------------------------------------------------------------------------
// DaemonSet

export interface DaemonSet extends KubeObject {
  spec?: { selector?: LabelSelector; template?: PodTemplateSpec };
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

export const DAEMONSET_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Desired', 'integer', DS_DESIRED),
  column('Current', 'integer', DS_CURRENT),
  column('Ready', 'integer', DS_READY),
  column('Up-to-date', 'integer', DS_UPDATED),
  column('Available', 'integer', DS_AVAILABLE),
  column('Node Selector', 'string', POD_SPEC_NODE_SELECTOR),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', DS_SPEC_SELECTOR, { priority: 1 }),
];

/** printDaemonSet: desired, current, ready, up-to-date, available, node selector, age; wide: containers, images, selector. */
export function daemonSetCells(ds: DaemonSet, now: number): Cell[] {
  const status = ds.status ?? {};
  const [names, images] = templateContainers(ds.spec?.template);
  return [
    str(ds.metadata.name),
    int(status.desiredNumberScheduled),
    int(status.currentNumberScheduled),
    int(status.numberReady),
    int(status.updatedNumberScheduled),
    int(status.numberAvailable),
    formatLabels(ds.spec?.template?.spec?.nodeSelector),
    since(ds.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(ds.spec?.selector),
  ];
}

export const daemonSetPrinter: Printer<DaemonSet> = {
  kind: 'DaemonSet',
  apiVersion: 'apps/v1',
  columns: DAEMONSET_COLUMNS,
  cells: daemonSetCells,
};

// ---------------------------------------------------------------------------------------------
// Job

export interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface Job extends KubeObject {
  spec?: { completions?: number | null; parallelism?: number | null; selector?: LabelSelector; template?: PodTemplateSpec; suspend?: boolean };
  status?: { startTime?: string; completionTime?: string; succeeded?: number; failed?: number; active?: number; conditions?: JobCondition[] };
}

export const JOB_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Status', 'string', JOB_STATUS),
  column('Completions', 'string', JOB_STATUS_SUCCEEDED),
  column('Duration', 'string', JOB_DURATION),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', JOB_SPEC_SELECTOR, { priority: 1 }),
];

/** hasJobCondition: the first condition of the type decides. */
function hasJobCondition(conditions: readonly JobCondition[], type: string): boolean {
  const c = conditions.find((x) => x.type === type);
  return c !== undefined && c.status === 'True';
}

/**
 * The STATUS of a Job: Complete, else Failed, else Terminating (being deleted), else Suspended,
 * else FailureTarget, else Running.
 */
export function jobStatus(job: Job): string {
  const conditions = arr(job.status?.conditions);
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** printJob: status, completions, duration, age; wide: containers, images, selector. */
export function jobCells(job: Job, now: number): Cell[] {
  const spec = job.spec ?? {};
  const status = job.status ?? {};
  const succeeded = int(status.succeeded);
  // SetDefaults_Job: completions and parallelism both nil → both 1; parallelism nil → 1.
  let completionsSpec = typeof spec.completions === 'number' ? spec.completions : null;
  let parallelism = typeof spec.parallelism === 'number' ? spec.parallelism : null;
  if (completionsSpec === null && parallelism === null) completionsSpec = 1;
  if (parallelism === null) parallelism = 1;
  let completions: string;
  if (completionsSpec !== null) completions = `${succeeded}/${completionsSpec}`;
  else if (parallelism > 1) completions = `${succeeded}/1 of ${parallelism}`;
  else completions = `${succeeded}/1`;

  const start = timeMs(status.startTime);
  const end = timeMs(status.completionTime);
  let jobDuration = '';
  if (start !== null) jobDuration = end === null ? humanDuration(now - start) : humanDuration(end - start);

  const [names, images] = templateContainers(spec.template);
  return [str(job.metadata.name), jobStatus(job), completions, jobDuration, since(job.metadata.creationTimestamp, now), names, images, formatLabelSelector(spec.selector)];
}

export const jobPrinter: Printer<Job> = {
  kind: 'Job',
  apiVersion: 'batch/v1',
  columns: JOB_COLUMNS,
  cells: jobCells,
};

// ---------------------------------------------------------------------------------------------
// CronJob

export interface CronJob extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string | null;
    suspend?: boolean | null;
    jobTemplate?: { spec?: { selector?: LabelSelector; template?: PodTemplateSpec } };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string | null; lastSuccessfulTime?: string | null };
}

export const CRONJOB_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Schedule', 'string', CRONJOB_SCHEDULE),
  column('Timezone', 'string', CRONJOB_TIME_ZONE),
  column('Suspend', 'boolean', CRONJOB_SUSPEND),
  column('Active', 'integer', CRONJOB_ACTIVE),
  column('Last Schedule', 'string', CRONJOB_LAST_SCHEDULE),
  AGE_COLUMN,
  CONTAINERS_COLUMN,
  IMAGES_COLUMN,
  column('Selector', 'string', JOB_SPEC_SELECTOR, { priority: 1 }),
];

/** printBoolPtr: `True`, `False`, or `<unset>` for nil. */
function printBoolPtr(v: boolean | null | undefined): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  return '<unset>';
}

/** printCronJob: schedule, timezone, suspend, active, last schedule, age; wide: containers, images, selector. */
export function cronJobCells(cj: CronJob, now: number): Cell[] {
  const spec = cj.spec ?? {};
  const status = cj.status ?? {};
  const lastScheduleTime = status.lastScheduleTime ? since(status.lastScheduleTime, now) : '<none>';
  const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : '<none>';
  // SetDefaults_CronJob sets suspend to false when nil.
  const suspend = typeof spec.suspend === 'boolean' ? spec.suspend : false;
  const jobSpec = record(spec.jobTemplate).spec as { selector?: LabelSelector; template?: PodTemplateSpec } | undefined;
  const [names, images] = templateContainers(jobSpec?.template);
  return [
    str(cj.metadata.name),
    str(spec.schedule),
    timeZone,
    printBoolPtr(suspend),
    arr(status.active).length,
    lastScheduleTime,
    since(cj.metadata.creationTimestamp, now),
    names,
    images,
    formatLabelSelector(jobSpec?.selector),
  ];
}

export const cronJobPrinter: Printer<CronJob> = {
  kind: 'CronJob',
  apiVersion: 'batch/v1',
  columns: CRONJOB_COLUMNS,
  cells: cronJobCells,
};
