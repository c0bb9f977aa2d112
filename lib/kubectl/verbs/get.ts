// `kubectl get` (kubectl pkg/cmd/get/get.go, v1.32):
// * human output (no -o, -o wide): one server-side Table per resource type (per name for named
//   gets), decorated and printed through one tabwriter; a new printer, remembered widths reset
//   and one blank line between types; printWithKind when the results span several kinds;
//   `No resources found in <ns> namespace.` / `No resources found` on stderr when nothing printed.
// * other -o: full objects, several items wrapped in `kind: List` (printGeneric).
// * -w: the current table, then each change as a headerless row. Podbook's watch is bounded: it
//   lets virtual time run for --request-timeout (30 s when unset or 0) and then returns, where
//   real kubectl would block until interrupted.

import type { ResourceInfo } from '../../k8s/resources';
import { apiVersionOf } from '../../k8s/resources';
import { ApiError, isApiError } from '../../k8s/errors';
import type { KubeObject, WatchEvent } from '../../k8s/types';
import type { ListOptions } from '../client';
import { getTabWriter } from '../format/tabwriter';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { HumanTablePrinter } from '../printers/table-printer';
import { parseOutputFormat, printGenericObject } from '../printers/output';
import type { OutputFormat } from '../printers/output';
import { tableFor } from '../printers/tables';
import type { Table } from '../printers/tables';
import { resolveResourceArgs } from '../resources';
import type { ResourceVisit } from '../resources';
import { sortByField } from '../sort';
import { notSupportedMessage } from './unsupported';

type Obj = Record<string, unknown>;

/** How long `get -w` watches when --request-timeout is unset: virtual seconds. */
export const DEFAULT_WATCH_MS = 30_000;

const REQUIRED_RESOURCE =
  'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
  'error: Required resource not specified.\n' +
  'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
  "See 'kubectl get -h' for help and examples\n";

// the builder's missingResourceError, for `get -w` without arguments
const NO_RESOURCES_GIVEN =
  'error: You must provide one or more resources by argument or filename.\n' +
  'Example resource specifications include:\n' +
  "   '-f rsrc.yaml'\n" +
  "   '--filename=rsrc.json'\n" +
  "   '<resource> <name>'\n" +
  "   '<resource>'\n";

/**
 * cli-runtime's Selector visitor rewords a list's BadRequest/NotFound "without hiding this is an
 * API error": `Unable to find "/v1, Resource=pods" that match label selector "x", field selector "": …`.
 */
export function selectorListError(e: unknown, info: ResourceInfo, labelSelector: string, fieldSelector: string): unknown {
  if (!(e instanceof ApiError) || (e.status.reason !== 'BadRequest' && e.status.reason !== 'NotFound')) return e;
  const gvr = `${info.group}/${info.version}, Resource=${info.resource}`;
  const message =
    labelSelector === '' && fieldSelector === ''
      ? `Unable to list ${JSON.stringify(gvr)}: ${e.status.message ?? ''}`
      : `Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(labelSelector)}, field selector ${JSON.stringify(fieldSelector)}: ${e.status.message ?? ''}`;
  return new ApiError({ ...e.status, message });
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** `--request-timeout`: `0` (none), a bare number of seconds, or a Go duration (`5s`, `1m30s`). */
export function requestTimeoutMs(v: string): number | undefined {
  if (v === '' || v === '0') return undefined;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(v); m; m = re.exec(v)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    consumed += m[0].length;
  }
  if (consumed !== v.length) {
    throw new KubectlError('Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
  }
  return total;
}

interface GetContext {
  inv: Invocation;
  labelSelector: string;
  fieldSelector: string;
  chunkSize: number;
  allNamespaces: boolean;
}

function namespaceFor(ctx: GetContext, info: ResourceInfo): string | undefined {
  if (!info.namespaced || ctx.allNamespaces) return undefined;
  return ctx.inv.namespace;
}

function listOptions(ctx: GetContext): ListOptions {
  const o: ListOptions = {};
  if (ctx.labelSelector) o.labelSelector = ctx.labelSelector;
  if (ctx.fieldSelector) o.fieldSelector = ctx.fieldSelector;
  return o;
}

/** The object as kubectl's unstructured decoder gives it: kind/apiVersion set, managedFields gone unless asked. */
function asUnstructured(info: ResourceInfo, obj: KubeObject, showManagedFields: boolean): Obj {
  const out: Obj = { ...(obj as unknown as Obj) };
  if (!out.kind) out.kind = info.kind;
  if (!out.apiVersion) out.apiVersion = apiVersionOf(info);
  const meta = out.metadata as Obj | undefined;
  if (!showManagedFields && meta && 'managedFields' in meta) {
    const { managedFields: _drop, ...rest } = meta;
    out.metadata = rest;
  }
  return out;
}

async function fetchTables(ctx: GetContext, visits: ResourceVisit[], includeObject: 'Metadata' | 'Object', ignoreNotFound: boolean) {
  const { client } = ctx.inv;
  const results: { info: ResourceInfo; table: Table; skip?: boolean }[] = [];
  const errors: unknown[] = [];
  for (const v of visits) {
    const ns = namespaceFor(ctx, v.info);
    if (v.names) {
      for (const name of v.names) {
        try {
          results.push({ info: v.info, table: await client.table(v.info.resource, ns, { name, includeObject }) });
        } catch (e) {
          if (ignoreNotFound && isApiError(e, 'NotFound')) continue;
          errors.push(e);
        }
      }
      continue;
    }
    try {
      let table: Table | undefined;
      let cont: string | undefined;
      do {
        const page = await client.table(v.info.resource, ns, { ...listOptions(ctx), includeObject, limit: ctx.chunkSize > 0 ? ctx.chunkSize : undefined, continue: cont });
        if (!table) table = page;
        else table = { ...table, rows: [...table.rows, ...page.rows] };
        cont = page.metadata.continue;
      } while (cont);
      results.push({ info: v.info, table: table! });
    } catch (e) {
      errors.push(selectorListError(e, v.info, ctx.labelSelector, ctx.fieldSelector));
    }
  }
  return { results, errors };
}

async function fetchObjects(ctx: GetContext, visits: ResourceVisit[], ignoreNotFound: boolean, showManagedFields: boolean) {
  const { client } = ctx.inv;
  const objects: Obj[] = [];
  const errors: unknown[] = [];
  for (const v of visits) {
    const ns = namespaceFor(ctx, v.info);
    if (v.names) {
      for (const name of v.names) {
        try {
          objects.push(asUnstructured(v.info, await client.get(v.info.resource, ns, name), showManagedFields));
        } catch (e) {
          if (ignoreNotFound && isApiError(e, 'NotFound')) continue;
          errors.push(e);
        }
      }
      continue;
    }
    try {
      let cont: string | undefined;
      do {
        const page = await client.list(v.info.resource, ns, { ...listOptions(ctx), limit: ctx.chunkSize > 0 ? ctx.chunkSize : undefined, continue: cont });
        for (const o of page.items) objects.push(asUnstructured(v.info, o, showManagedFields));
        cont = page.metadata.continue;
      } while (cont);
    } catch (e) {
      errors.push(selectorListError(e, v.info, ctx.labelSelector, ctx.fieldSelector));
    }
  }
  return { objects, errors };
}

function sameType(a: ResourceInfo, b: ResourceInfo): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind;
}

export const get: Verb = async (inv) => {
  try {
    return await runGet(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runGet(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const output = str(f.output);
  const sortBy = str(f['sort-by']);
  const watch = f.watch === true || f['watch-only'] === true;
  const filenames = (f.filename as string[] | undefined) ?? [];
  const noHeaders = f['no-headers'] === true;
  const ignoreNotFound = f['ignore-not-found'] === true;
  const showManagedFields = f['show-managed-fields'] === true;

  if (f['output-watch-events'] === true && !watch) {
    throw new KubectlError('--output-watch-events option can only be used with --watch or --watch-only');
  }
  if (watch && sortBy) inv.err('warning: --watch or --watch-only requested, --sort-by will be ignored\n');
  if (filenames.length > 0 || str(f.kustomize) || str(f.raw) || str(f.subresource)) {
    inv.err(notSupportedMessage('kubectl get ' + (filenames.length > 0 ? '-f' : str(f.kustomize) ? '-k' : str(f.raw) ? '--raw' : '--subresource')));
    return 1;
  }
  if (inv.args.length === 0) {
    inv.err(watch ? NO_RESOURCES_GIVEN : REQUIRED_RESOURCE);
    return 1;
  }

  const ctx: GetContext = {
    inv,
    labelSelector: str(f.selector),
    fieldSelector: str(f['field-selector']),
    chunkSize: typeof f['chunk-size'] === 'number' ? f['chunk-size'] : 500,
    allNamespaces: inv.allNamespaces,
  };

  const discovery = await inv.client.resources();
  const visits = resolveResourceArgs(discovery, inv.args);
  const named = visits.some((v) => v.names);
  if (named && ctx.allNamespaces) throw new KubectlError('a resource cannot be retrieved by name across all namespaces');
  // the builder's singleItemImplied: exactly one type/name argument, or one type and one name
  const singleItemImplied = inv.args.some((a) => a.includes('/')) ? inv.args.length === 1 : inv.args.length === 2 && visits.length === 1;

  const human = (output === '' && !str(f.template)) || output === 'wide';
  if (watch) return runWatch(ctx, visits, human);
  if (human) return printHuman(ctx, visits, output === 'wide', sortBy, ignoreNotFound);

  const { objects, errors } = await fetchObjects(ctx, visits, ignoreNotFound, showManagedFields);
  if (errors.length > 0 && singleItemImplied) throw errors[0];
  if (objects.length === 0 && ignoreNotFound) {
    if (errors.length > 0) inv.err(errorText(errors));
    return errors.length > 0 ? 1 : 0;
  }
  const format = parseOutputFormat(output, { noHeaders, allowMissingKeys: f['allow-missing-template-keys'] !== false, template: str(f.template) });
  if (format.kind === 'unsupported') {
    inv.err(notSupportedMessage(`kubectl get -o ${format.format}`));
    return 1;
  }
  let obj: Obj;
  if (!singleItemImplied || objects.length !== 1) {
    const items = sortBy ? sortByField(objects, sortBy, (o) => o) : objects;
    obj = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  } else {
    obj = objects[0];
  }
  try {
    inv.out(printGenericObject(obj, format));
  } catch (e) {
    errors.push(e);
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}

async function printHuman(ctx: GetContext, visits: ResourceVisit[], wide: boolean, sortBy: string, ignoreNotFound: boolean): Promise<number> {
  const { inv } = ctx;
  const f = inv.flags;
  const { results, errors } = await fetchTables(ctx, visits, sortBy ? 'Object' : 'Metadata', ignoreNotFound);
  if (sortBy) {
    // SortingPrinter sorts tables of more than one row; get ignores the printer's error, so a
    // table whose rows lack the field prints nothing at all.
    for (const r of results) {
      if (r.table.rows.length <= 1) continue;
      try {
        r.table = { ...r.table, rows: sortByField(r.table.rows, sortBy, (row) => row.object) };
      } catch {
        r.table = { ...r.table, rows: [] };
        r.skip = true;
      }
    }
  }
  const printWithKind = f['show-kind'] === true || (results.length >= 2 && results.some((r) => !sameType(r.info, results[0].info)));
  const noHeaders = f['no-headers'] === true;

  let out = '';
  let written = 0;
  let separatorReady = false;
  const emit = (text: string) => {
    if (text.length === 0) return;
    if (separatorReady) {
      out += '\n';
      separatorReady = false;
    }
    out += text;
    written += text.length;
  };
  const w = getTabWriter();
  let printer: HumanTablePrinter | undefined;
  let last: ResourceInfo | undefined;
  let allNamespaced = !ctx.allNamespaces;
  for (const { info, table, skip } of results) {
    allNamespaced = allNamespaced && info.namespaced;
    if (!printer || !last || !sameType(last, info)) {
      emit(w.flush());
      w.setRememberedWidths(null);
      if (last && !noHeaders && written > 0) separatorReady = true;
      printer = new HumanTablePrinter({
        wide,
        noHeaders,
        withNamespace: ctx.allNamespaces && info.namespaced,
        withKind: printWithKind,
        kind: { kind: info.kind, group: info.group },
        showLabels: f['show-labels'] === true,
        columnLabels: (f['label-columns'] as string[] | undefined) ?? [],
      });
      last = info;
    }
    if (!skip) printer.print(table, w);
  }
  emit(w.flush());
  inv.out(out);
  if (written === 0 && !ignoreNotFound && errors.length === 0) {
    if (allNamespaced) inv.err(`No resources found in ${inv.namespace} namespace.\n`);
    else inv.err('No resources found\n');
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  return 0;
}

async function runWatch(ctx: GetContext, visits: ResourceVisit[], human: boolean): Promise<number> {
  const { inv } = ctx;
  const f = inv.flags;
  const timeout = requestTimeoutMs(str(f['request-timeout'])) ?? DEFAULT_WATCH_MS;
  const watchOnly = f['watch-only'] === true;
  if (f['output-watch-events'] === true) {
    inv.err(notSupportedMessage('kubectl get --output-watch-events'));
    return 1;
  }
  // SingleResourceType: one type, at most one name
  const types = new Set(visits.map((v) => `${v.info.group}/${v.info.resource}`));
  if (types.size > 1) throw new KubectlError('you may only specify a single resource type');
  const visit = visits[0];
  const info = visit.info;
  const ns = namespaceFor(ctx, info);
  if (visit.names && visit.names.length > 1) {
    // the builder fetches every named object first: a missing one is the error
    for (const n of visit.names) await inv.client.get(info.resource, ns, n);
    throw new KubectlError(notSupportedMessage('kubectl get -w with several names').trimEnd(), 1, true);
  }
  const name = visit.names?.[0];
  const opts: ListOptions = name ? { fieldSelector: `metadata.name=${name}` } : listOptions(ctx);

  let format: OutputFormat = { kind: 'human', wide: str(f.output) === 'wide' };
  if (!human) {
    format = parseOutputFormat(str(f.output), { noHeaders: f['no-headers'] === true, allowMissingKeys: f['allow-missing-template-keys'] !== false, template: str(f.template) });
    if (format.kind === 'unsupported') {
      inv.err(notSupportedMessage(`kubectl get -o ${format.format}`));
      return 1;
    }
  }
  const w = getTabWriter();
  const printer = new HumanTablePrinter({
    wide: format.kind === 'human' && format.wide,
    noHeaders: f['no-headers'] === true,
    withNamespace: ctx.allNamespaces && info.namespaced,
    showLabels: f['show-labels'] === true,
    columnLabels: (f['label-columns'] as string[] | undefined) ?? [],
  });
  let yamlDocs = 0;
  const printObject = (obj: KubeObject, table?: Table) => {
    if (format.kind === 'human') {
      printer.print(table ?? tableFor(info.resource, [obj], inv.client.now()), w);
      inv.out(w.flush());
      return;
    }
    const u = asUnstructured(info, obj, f['show-managed-fields'] === true);
    if (format.kind === 'yaml' && yamlDocs++ > 0) inv.out('---\n');
    inv.out(printGenericObject(u, format));
  };

  // the current state: a list (its resourceVersion starts the watch) or the named object
  let rv = '0';
  if (format.kind === 'human') {
    const table = name ? await inv.client.table(info.resource, ns, { name }) : await inv.client.table(info.resource, ns, listOptions(ctx));
    if (!name) rv = table.metadata.resourceVersion ?? '0';
    if (!watchOnly) {
      printer.print(table, w);
      inv.out(w.flush());
    }
  } else if (name) {
    const obj = await inv.client.get(info.resource, ns, name);
    if (!watchOnly) printObject(obj);
  } else {
    const list = await inv.client.list(info.resource, ns, listOptions(ctx));
    rv = list.metadata.resourceVersion;
    if (!watchOnly) for (const o of list.items) printObject(o);
  }
  // a watch on one object from rv 0 starts with a synthetic ADDED, which kubectl does not print
  let skip = name ? 1 : 0;
  const onEvent = (e: WatchEvent) => {
    if (e.type !== 'ADDED' && e.type !== 'MODIFIED' && e.type !== 'DELETED') return;
    if (skip > 0) {
      skip--;
      return;
    }
    printObject(e.object);
  };
  const handle = await inv.client.watch(info.resource, ns, { ...opts, resourceVersion: rv }, onEvent);
  try {
    await inv.client.sleep(timeout);
  } finally {
    handle.stop();
  }
  // kubectl's watch ends when the request times out; nothing more is printed
  return 0;
}
