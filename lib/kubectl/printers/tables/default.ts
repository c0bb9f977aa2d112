// The apiserver's default table for types without a printer (apiserver registry/rest/table.go
// defaultTableConvertor): Name and Created At, the creation time as RFC 3339 in UTC. The zero
// time of an object without creationTimestamp prints as Go's `0001-01-01T00:00:00Z`.

import { rfc3339 } from '../../../k8s/duration';
import type { KubeObject } from '../../../k8s/types';
import { OBJECT_META_CREATION_TIMESTAMP, OBJECT_META_NAME } from './descriptions';
import { column, str, timeMs } from './helpers';
import type { Cell, Printer, TableColumnDefinition } from './types';

export const DEFAULT_COLUMNS: TableColumnDefinition[] = [
  column('Name', 'string', OBJECT_META_NAME, { format: 'name' }),
  column('Created At', 'date', OBJECT_META_CREATION_TIMESTAMP),
];

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

/** `m.GetCreationTimestamp().Time.UTC().Format(time.RFC3339)` */
export function createdAt(obj: KubeObject): string {
  const t = timeMs(obj.metadata?.creationTimestamp);
  return t === null ? GO_ZERO_TIME : rfc3339(t);
}

export function defaultCells(obj: KubeObject, _now: number): Cell[] {
  return [str(obj.metadata?.name), createdAt(obj)];
}

/** The default printer; kind and apiVersion are filled in by tableFor from the resource. */
export const defaultPrinter: Printer<KubeObject> = {
  kind: '',
  apiVersion: '',
  columns: DEFAULT_COLUMNS,
  cells: defaultCells,
};
