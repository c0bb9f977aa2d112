// meta.k8s.io/v1 Table, as kube-apiserver serves it for `Accept: application/json;as=Table;…`
// (apimachinery pkg/apis/meta/v1/types.go). Field order and optionality follow the Go JSON tags,
// so JSON.stringify of these objects gives the apiserver's bytes:
//   TableColumnDefinition: name, type, format, description, priority (no omitempty: format "" is sent)
//   TableRow:              cells, conditions (omitempty), object (RawExtension: null when empty)
//   Table:                 kind, apiVersion, metadata (ListMeta, every field omitempty),
//                          columnDefinitions (null when the request asked for no headers), rows

import type { ObjectMeta } from '../../../k8s/types';

/** One column of a Table. `type` is an OpenAPI type (`string`, `integer`, `boolean`, `date`). */
export interface TableColumnDefinition {
  name: string;
  type: string;
  /** `name` marks the primary identifier column; `""` otherwise. */
  format: string;
  description: string;
  /** 0 is always shown; 1 only with `-o wide`. */
  priority: number;
}

/** metav1.TableRowCondition. The only defined type is `Completed` (pods that ran to completion). */
export interface TableRowCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/**
 * A cell is what Go's encoding/json writes for the printer's value: a string, an int64 (a JSON
 * number) or a bool. kubectl prints it with fmt.Sprint.
 */
export type Cell = string | number | boolean;

/** metav1.PartialObjectMetadata: what `includeObject=Metadata` (the default) puts in a row. */
export interface PartialObjectMetadata {
  kind: 'PartialObjectMetadata';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ObjectMeta;
}

export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /**
   * PartialObjectMetadata (includeObject=Metadata, the default), the full object
   * (includeObject=Object), or null (includeObject=None: Go's empty RawExtension encodes as null).
   */
  object?: PartialObjectMetadata | Record<string, unknown> | null;
}

export interface TableMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: TableMeta;
  /** null when the request set noHeaders (watch events after the first one). */
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

/**
 * One printer from printers.go: its column definitions and the function that makes a row's cells.
 * Rows always carry every column, the wide (priority 1) ones included: the apiserver's
 * TableConvertor calls the printers with `GenerateOptions{Wide: true}` (pkg/printers/storage),
 * and kubectl drops the priority-1 columns itself unless `-o wide`.
 */
export interface Printer<T = Record<string, unknown>> {
  /** `Pod`; the kind of the objects this printer reads. */
  kind: string;
  /** `v1`, `apps/v1`: the version the apiserver serves the objects in. */
  apiVersion: string;
  columns: TableColumnDefinition[];
  cells(obj: T, now: number): Cell[];
  /** Row conditions (printPod's Completed condition); undefined for most printers. */
  conditions?(obj: T): TableRowCondition[] | undefined;
}
