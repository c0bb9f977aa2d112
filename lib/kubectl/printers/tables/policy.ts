// printers.go (1.32) printResourceQuota and printLimitRange: the two namespace policy objects a
// Podbook sandbox session is created with.

import { canonicalQuantity } from '../../../k8s/quantity';
import type { KubeObject } from '../../../k8s/types';
import { createdAt } from './default';
import { OBJECT_META_CREATION_TIMESTAMP } from './descriptions';
import { AGE_COLUMN, NAME_COLUMN, column, compareGo, record, since, str } from './helpers';
import type { Cell, Printer, TableColumnDefinition } from './types';

export interface ResourceQuota extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[] };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

export interface LimitRange extends KubeObject {
  spec?: { limits?: { type?: string; max?: Record<string, string>; min?: Record<string, string>; default?: Record<string, string>; defaultRequest?: Record<string, string>; maxLimitRequestRatio?: Record<string, string> }[] };
}

// ---------------------------------------------------------------------------------------------
// ResourceQuota

export const RESOURCEQUOTA_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  AGE_COLUMN,
  column('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
  column('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
];

/** Quantity.String() of a stored quantity; a missing one is the zero Quantity, which prints `0`. */
function quantityCell(v: unknown): string {
  const s = str(v);
  if (s === '') return '0';
  return canonicalQuantity(s) ?? s;
}

/**
 * printResourceQuota: every resource of status.hard, sorted (SortableResourceNames), as
 * `<name>: <used>/<hard>` joined by `, `; names `limits.*` go to the Limit column, the rest
 * (requests.cpu, pods, cpu, …) to Request. Only status counts: a quota the controller has not
 * yet seen prints empty cells.
 */
export function resourceQuotaCells(q: ResourceQuota, now: number): Cell[] {
  const hard = record(q.status?.hard);
  const used = record(q.status?.used);
  const request: string[] = [];
  const limit: string[] = [];
  for (const name of Object.keys(hard).sort(compareGo)) {
    const pieces = name.split('.');
    const cell = `${name}: ${quantityCell(used[name])}/${quantityCell(hard[name])}`;
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(cell);
  }
  return [str(q.metadata.name), since(q.metadata.creationTimestamp, now), request.join(', '), limit.join(', ')];
}

export const resourceQuotaPrinter: Printer<ResourceQuota> = {
  kind: 'ResourceQuota',
  apiVersion: 'v1',
  columns: RESOURCEQUOTA_COLUMNS,
  cells: resourceQuotaCells,
};

// ---------------------------------------------------------------------------------------------
// LimitRange

/** limitRangeColumnDefinitions: Name and `Created At` (type date), like the default table. */
export const LIMITRANGE_COLUMNS: TableColumnDefinition[] = [NAME_COLUMN, column('Created At', 'date', OBJECT_META_CREATION_TIMESTAMP)];

/** printLimitRange: the name and the creationTimestamp (a metav1.Time, JSON RFC 3339 in UTC). */
export function limitRangeCells(lr: LimitRange, _now: number): Cell[] {
  return [str(lr.metadata.name), createdAt(lr)];
}

export const limitRangePrinter: Printer<LimitRange> = {
  kind: 'LimitRange',
  apiVersion: 'v1',
  columns: LIMITRANGE_COLUMNS,
  cells: limitRangeCells,
};

// ---------------------------------------------------------------------------------------------
// Lease (coordination.k8s.io/v1): printers.go printLease — Name, Holder, Age

export interface Lease extends KubeObject {
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string; acquireTime?: string };
}

export const LEASE_COLUMNS: TableColumnDefinition[] = [
  NAME_COLUMN,
  column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.'),
  AGE_COLUMN,
];

export const leasePrinter: Printer<Lease> = {
  kind: 'Lease',
  apiVersion: 'coordination.k8s.io/v1',
  columns: LEASE_COLUMNS,
  cells: (l: Lease, now: number): Cell[] => [str(l.metadata.name), str(l.spec?.holderIdentity), since(l.metadata.creationTimestamp, now)],
};
