// kubectl's HumanReadablePrinter for server-side Tables (cli-runtime printers/tableprinter.go):
// decorateTable adds NAMESPACE (-A), `-L` label columns and LABELS (--show-labels) and prefixes the
// name column with the kind (printWithKind); printTable writes the upper-cased headers (once per
// set of column definitions) and the cells, skipping priority ≠ 0 columns unless `-o wide`.

import { goSprint } from '../format/gofmt';
import { escapeTerminal } from '../format/tabwriter';
import type { TabWriter } from '../format/tabwriter';
import { formatLabels } from '../../k8s/labels';
import type { Table, TableColumnDefinition } from './tables/types';

export interface HumanPrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  /** -A: a NAMESPACE column first (never for cluster-scoped resources) */
  withNamespace?: boolean;
  /** printWithKind: `pod/x`, `deployment.apps/x` in the name column */
  withKind?: boolean;
  /** The GroupKind printed with withKind: `{kind: 'Deployment', group: 'apps'}`. */
  kind?: { kind: string; group: string };
  showLabels?: boolean;
  /** -L keys */
  columnLabels?: readonly string[];
}

type PrintCell = string | number | boolean | null | undefined;

/** formatLabelHeaders: the part after the last `/`, upper-cased. */
export function labelHeaders(keys: readonly string[]): string[] {
  return keys.map((k) => {
    const parts = k.split('/');
    return parts[parts.length - 1].toUpperCase();
  });
}

function sameColumns(a: readonly TableColumnDefinition[] | null, b: readonly TableColumnDefinition[] | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * One HumanReadablePrinter: kubectl makes a new one per resource type. It remembers the last
 * column definitions so that later tables (named gets one by one, watch events) print no header.
 */
export class HumanTablePrinter {
  private lastColumns: TableColumnDefinition[] | null = null;
  private printedHeaders = false;

  constructor(private readonly opts: HumanPrintOptions = {}) {}

  print(table: Table, w: TabWriter): void {
    let noHeaders = !!this.opts.noHeaders;
    const defs = table.columnDefinitions ?? [];
    if (this.printedHeaders && (defs.length === 0 || sameColumns(defs, this.lastColumns))) noHeaders = true;
    let columns: TableColumnDefinition[];
    if (defs.length === 0) {
      // watch events after the first carry no column definitions
      columns = this.lastColumns ?? [];
    } else {
      columns = defs;
      if (!sameColumns(defs, this.lastColumns)) {
        this.lastColumns = defs;
        this.printedHeaders = false;
      }
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const { columns: cols, rows } = this.decorate(table, columns);
    w.write(printTable(cols, rows, { wide: !!this.opts.wide, noHeaders }));
  }

  private decorate(table: Table, columns: TableColumnDefinition[]): { columns: TableColumnDefinition[]; rows: PrintCell[][] } {
    const o = this.opts;
    const labelKeys = o.columnLabels ?? [];
    let nameColumn = -1;
    if (o.withKind && o.kind && o.kind.kind) nameColumn = columns.findIndex((c) => c.format === 'name' && c.type === 'string');
    let cols = columns;
    const extra = labelKeys.length + (o.withNamespace ? 1 : 0) + (o.showLabels ? 1 : 0);
    const col = (name: string): TableColumnDefinition => ({ name, type: 'string', format: '', description: '', priority: 0 });
    if (extra > 0) {
      cols = [];
      if (o.withNamespace) cols.push(col('Namespace'));
      cols.push(...columns);
      for (const h of labelHeaders(labelKeys)) cols.push(col(h));
      if (o.showLabels) cols.push(col('Labels'));
    }
    const includeLabels = labelKeys.length > 0 || !!o.showLabels;
    const kindPrefix = o.kind ? (o.kind.group ? `${o.kind.kind}.${o.kind.group}` : o.kind.kind).toLowerCase() : '';
    const rows = table.rows.map((row) => {
      let cells: PrintCell[] = [...row.cells];
      if (nameColumn !== -1 && nameColumn < cells.length) cells[nameColumn] = `${kindPrefix}/${goSprint(cells[nameColumn])}`;
      const meta = (row.object as { metadata?: { namespace?: string; labels?: Record<string, string> } } | null | undefined)?.metadata;
      if (!meta) {
        if (o.withNamespace) cells = [null, ...cells];
        while (cells.length < columns.length + extra) cells.push(null);
        return cells;
      }
      if (o.withNamespace) cells = [meta.namespace ?? '', ...cells];
      if (includeLabels) {
        // appendLabelCells goes after every cell the server sent, wide ones included
        while (cells.length < columns.length + (o.withNamespace ? 1 : 0)) cells.push(null);
        for (const k of labelKeys) cells.push(meta.labels?.[k] ?? '');
        if (o.showLabels) cells.push(formatLabels(meta.labels));
      }
      return cells;
    });
    return { columns: cols, rows };
  }
}

/** printTable: headers (unless noHeaders, and never for zero rows) and one line per row. */
export function printTable(columns: readonly TableColumnDefinition[], rows: readonly PrintCell[][], opts: { wide: boolean; noHeaders: boolean }): string {
  let out = '';
  if (!opts.noHeaders) {
    if (rows.length === 0) return '';
    out += columns
      .filter((c) => opts.wide || c.priority === 0)
      .map((c) => c.name.toUpperCase())
      .join('\t');
    out += '\n';
  }
  for (const row of rows) {
    const parts: string[] = [];
    for (let i = 0; i < row.length; i++) {
      if (i >= columns.length) break; // more cells than columns: ignored (issue 66379)
      if (!opts.wide && columns[i].priority !== 0) continue;
      parts.push(cellText(row[i]));
    }
    out += parts.join('\t') + '\n';
  }
  return out;
}

function cellText(cell: PrintCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') {
    const cut = cell.search(/[\f\n\r]/);
    return cut < 0 ? escapeTerminal(cell) : `${escapeTerminal(cell.slice(0, cut))}...`;
  }
  return escapeTerminal(goSprint(cell));
}
