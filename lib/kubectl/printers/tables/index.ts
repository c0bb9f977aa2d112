// Server-side tables: what kube-apiserver 1.32 answers to
// `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. Both Podbook's kubectl and
// lib/apiserver build their tables here, so the two print the same cells.
//
//   tableFor('pods', pods, now)                          → Table with PartialObjectMetadata rows
//   tableFor('pods', pods, now, {includeObject: 'Object'}) → rows carry the full objects (--sort-by)
//
// The apiserver's handler (endpoints/handlers/response.go asTable) turns each row's object into
// PartialObjectMetadata for includeObject=Metadata or "", keeps it for Object, and drops it
// (JSON null) for None; any other value is a BadRequest.

import type { KubeObject, ObjectMeta } from '../../../k8s/types';
import { resourceInfo, apiVersionOf } from '../../../k8s/resources';
import { configMapPrinter, eventPrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter } from './core';
import { defaultPrinter } from './default';
import { podPrinter } from './pods';
import { leasePrinter, limitRangePrinter, resourceQuotaPrinter } from './policy';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './services';
import { cronJobPrinter, daemonSetPrinter, deploymentPrinter, jobPrinter, replicaSetPrinter, statefulSetPrinter } from './workloads';
import type { Cell, IncludeObject, PartialObjectMetadata, Printer, Table, TableColumnDefinition, TableMeta, TableRow } from './types';

export type * from './types';
export { POD_COLUMNS, podCells, podRowConditions, summarizePod, restartsCell } from './pods';
export {
  DEPLOYMENT_COLUMNS,
  REPLICASET_COLUMNS,
  STATEFULSET_COLUMNS,
  DAEMONSET_COLUMNS,
  JOB_COLUMNS,
  CRONJOB_COLUMNS,
  deploymentCells,
  replicaSetCells,
  statefulSetCells,
  daemonSetCells,
  jobCells,
  jobStatus,
  cronJobCells,
} from './workloads';
export type { StatefulSet, DaemonSet, Job, CronJob, JobCondition } from './workloads';
export {
  SERVICE_COLUMNS,
  ENDPOINTS_COLUMNS,
  ENDPOINTSLICE_COLUMNS,
  serviceCells,
  serviceExternalIP,
  loadBalancerStatusStringer,
  makePortString,
  endpointsCells,
  formatEndpoints,
  endpointSliceCells,
  formatDiscoveryPorts,
  formatDiscoveryEndpoints,
} from './services';
export {
  NAMESPACE_COLUMNS,
  NODE_COLUMNS,
  EVENT_COLUMNS,
  CONFIGMAP_COLUMNS,
  SECRET_COLUMNS,
  SERVICEACCOUNT_COLUMNS,
  namespaceCells,
  nodeCells,
  nodeStatus,
  findNodeRoles,
  eventCells,
  formatEventSource,
  configMapCells,
  secretCells,
  serviceAccountCells,
} from './core';
export type { EventLike } from './core';
export { DEFAULT_COLUMNS, defaultCells, createdAt } from './default';
export { RESOURCEQUOTA_COLUMNS, LIMITRANGE_COLUMNS, resourceQuotaCells, limitRangeCells } from './policy';
export type { ResourceQuota, LimitRange } from './policy';

/** The printers by plural resource, with the API groups they serve. */
const PRINTERS: Record<string, { groups: string[]; printer: Printer<never> }> = {
  pods: { groups: [''], printer: podPrinter },
  deployments: { groups: ['apps'], printer: deploymentPrinter },
  replicasets: { groups: ['apps'], printer: replicaSetPrinter },
  statefulsets: { groups: ['apps'], printer: statefulSetPrinter },
  daemonsets: { groups: ['apps'], printer: daemonSetPrinter },
  jobs: { groups: ['batch'], printer: jobPrinter },
  cronjobs: { groups: ['batch'], printer: cronJobPrinter },
  services: { groups: [''], printer: servicePrinter },
  endpoints: { groups: [''], printer: endpointsPrinter },
  endpointslices: { groups: ['discovery.k8s.io'], printer: endpointSlicePrinter },
  namespaces: { groups: [''], printer: namespacePrinter },
  nodes: { groups: [''], printer: nodePrinter },
  // events.k8s.io/v1 Events are the same stored objects, printed by the same printEvent.
  events: { groups: ['', 'events.k8s.io'], printer: eventPrinter },
  configmaps: { groups: [''], printer: configMapPrinter },
  secrets: { groups: [''], printer: secretPrinter },
  serviceaccounts: { groups: [''], printer: serviceAccountPrinter },
  resourcequotas: { groups: [''], printer: resourceQuotaPrinter },
  limitranges: { groups: [''], printer: limitRangePrinter },
  leases: { groups: ['coordination.k8s.io'], printer: leasePrinter },
};

/**
 * The printer for a resource: its plural name (`pods`), optionally qualified with its group
 * (`deployments.apps`). Resources without a printer in printers.go get the default table.
 */
export function printerFor(resource: string): Printer<KubeObject> {
  const r = resource.toLowerCase();
  const dot = r.indexOf('.');
  const plural = dot < 0 ? r : r.slice(0, dot);
  const group = dot < 0 ? null : r.slice(dot + 1);
  const entry = Object.prototype.hasOwnProperty.call(PRINTERS, plural) ? PRINTERS[plural] : undefined;
  if (entry && (group === null || entry.groups.includes(group))) return entry.printer as Printer<KubeObject>;
  return defaultPrinter;
}

/** Whether printers.go has a printer for the resource (else the default Name/Created At table). */
export function hasPrinter(resource: string): boolean {
  return printerFor(resource) !== defaultPrinter;
}

/** The column definitions the apiserver sends for a resource, wide ones included. */
export function columnsFor(resource: string): TableColumnDefinition[] {
  return printerFor(resource).columns.map((c) => ({ ...c }));
}

/** One row's cells, wide columns included. */
export function cellsFor(resource: string, obj: KubeObject, now: number): Cell[] {
  return printerFor(resource).cells(obj, now);
}

// metav1.ObjectMeta field order, as Go's encoding/json writes it.
const OBJECT_META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/**
 * A copy of ObjectMeta in Go's field order. creationTimestamp is a non-pointer metav1.Time, so
 * Go writes it even when zero (as null); every other field is omitempty.
 */
function objectMetaForJSON(meta: ObjectMeta | undefined): ObjectMeta {
  const src = (meta ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of OBJECT_META_ORDER) {
    if (src[k] !== undefined) out[k] = src[k];
    else if (k === 'creationTimestamp') out[k] = null;
  }
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out as ObjectMeta;
}

/** meta.AsPartialObjectMetadata with the meta.k8s.io/v1 kind set. */
export function partialObjectMetadata(obj: KubeObject): PartialObjectMetadata {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: objectMetaForJSON(obj.metadata) };
}

export interface TableOptions {
  /** Metadata (the default), Object or None, as the `includeObject` query parameter. */
  includeObject?: IncludeObject;
  /** The list's (or the single object's) resourceVersion for `metadata.resourceVersion`. */
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
  /** `TableOptions.noHeaders`: no column definitions (the apiserver sets it after a watch's first event). */
  noHeaders?: boolean;
}

function fullObject(resource: string, printer: Printer<KubeObject>, obj: KubeObject): KubeObject {
  if (obj.kind && obj.apiVersion) return obj;
  let kind = printer.kind;
  let apiVersion = printer.apiVersion;
  if (!kind) {
    const info = resourceInfo(resource.toLowerCase().split('.')[0]);
    kind = info?.kind ?? '';
    apiVersion = info ? apiVersionOf(info) : '';
  }
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return { kind: obj.kind || kind, apiVersion: obj.apiVersion || apiVersion, ...rest } as KubeObject;
}

/**
 * The Table the apiserver sends for `objects` of `resource` at time `now` (milliseconds since
 * the epoch; AGE and the other durations are computed from it, as the server does at response
 * time). Rows keep the order of `objects`.
 */
export function tableFor(resource: string, objects: readonly KubeObject[], now: number, opts: TableOptions = {}): Table {
  const include = opts.includeObject ?? 'Metadata';
  if (include !== 'Metadata' && include !== 'Object' && include !== 'None') {
    // handlers/response.go: errors.NewBadRequest(fmt.Sprintf("unrecognized includeObject value: %q", …))
    throw new Error(`unrecognized includeObject value: ${JSON.stringify(include)}`);
  }
  const printer = printerFor(resource);
  const rows: TableRow[] = objects.map((obj) => {
    const row: TableRow = { cells: printer.cells(obj, now) };
    const conditions = printer.conditions?.(obj);
    if (conditions && conditions.length > 0) row.conditions = conditions;
    if (include === 'Metadata') row.object = partialObjectMetadata(obj);
    else if (include === 'Object') row.object = fullObject(resource, printer, obj) as Record<string, unknown>;
    else row.object = null;
    return row;
  });

  const metadata: TableMeta = {};
  if (opts.resourceVersion) metadata.resourceVersion = opts.resourceVersion;
  if (opts.continue) metadata.continue = opts.continue;
  if (opts.remainingItemCount !== undefined && opts.remainingItemCount !== null) metadata.remainingItemCount = opts.remainingItemCount;

  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: opts.noHeaders ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/** tableFor for one object (`GET …/pods/nginx`): the table's resourceVersion is the object's. */
export function tableForObject(resource: string, obj: KubeObject, now: number, opts: TableOptions = {}): Table {
  return tableFor(resource, [obj], now, { resourceVersion: obj.metadata.resourceVersion, ...opts });
}
