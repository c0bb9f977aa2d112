// Helpers the mutating verbs share (run, create, apply, delete, label, annotate, scale, expose,
// set image, rollout): dry-run strategy, the "<kind>/<name> <operation>" printer, resource
// selection (type/name args, -l, --all) and small Go-compatible formatting.

import type { ResourceInfo } from '../../k8s/resources';
import { apiVersionOf } from '../../k8s/resources';
import type { KubeObject } from '../../k8s/types';
import { durationMs, formatUsageError } from '../cmdline';
import { goJsonString } from '../format/gojson';
import { formatGoJsonNumber } from '../format/gonum';
import { KubectlError } from '../invocation';
import type { Invocation } from '../invocation';
import { parseOutputFormat, printGenericObject } from '../printers/output';
import { findResource, kindPrefix, resolveResourceArgs } from '../resources';
import type { ResourceVisit } from '../resources';
import { selectorListError } from './get';
import { notSupportedMessage } from './unsupported';

export type Obj = Record<string, unknown>;
export type DryRun = 'none' | 'client' | 'server';

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : [];
}

/** cmdutil.GetDryRunStrategy. */
export function dryRunOf(inv: Invocation): DryRun {
  const v = str(inv.flags['dry-run']);
  if (v === '' || v === 'none') return 'none';
  if (v === 'client' || v === 'server') return v;
  throw new KubectlError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** The `kubectl <path>` of the command, for `See 'kubectl run -h' …`. */
export function cmdPath(inv: Invocation): string {
  return ['kubectl', ...inv.path].join(' ');
}

/** cmdutil.UsageErrorf: `error: <msg>` + the `See '<cmd> -h'` line. */
export function usageError(inv: Invocation, msg: string): KubectlError {
  return new KubectlError(formatUsageError(cmdPath(inv), msg).replace(/\n$/, ''), 1, true);
}

/** cobra's required-flag check, run before the command (no "See …" line). */
export function requireFlags(inv: Invocation, ...names: string[]): void {
  const missing = names.filter((n) => !inv.changed.has(n));
  if (missing.length > 0) throw new KubectlError(`required flag(s) ${missing.map((n) => JSON.stringify(n)).join(', ')} not set`);
}

/** A duration flag (nanoseconds) in ms. */
export function flagMs(inv: Invocation, name: string): number {
  return durationMs(inv.flags[name]);
}

/** `pod`, `deployment.apps` for an object, from its apiVersion and kind. */
export function kindPrefixOf(obj: KubeObject | Obj): string {
  const o = obj as Obj;
  const apiVersion = str(o.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return kindPrefix({ kind: str(o.kind), group });
}

/** The object with kind/apiVersion filled in (the simulator stores them; a sandbox may not). */
export function withTypeMeta(info: ResourceInfo, obj: KubeObject): Obj {
  const o: Obj = { ...(obj as unknown as Obj) };
  if (!o.kind) o.kind = info.kind;
  if (!o.apiVersion) o.apiVersion = apiVersionOf(info);
  return o;
}

function withoutManagedFields(o: Obj): Obj {
  const meta = o.metadata as Obj | undefined;
  if (!meta || !('managedFields' in meta)) return o;
  const { managedFields: _drop, ...rest } = meta;
  return { ...o, metadata: rest };
}

/**
 * json.MarshalIndent of a typed (Go struct) object: fields in the order they were set, which
 * for the generators is Go's struct field order (`kind`, `apiVersion`, `metadata`…).
 */
export function toGoJsonStructOrder(value: unknown, indent = '    ', prefix = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return formatGoJsonNumber(value);
  const inner = prefix + indent;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + toGoJsonStructOrder(v, indent, inner)).join(',\n')}\n${prefix}]`;
  }
  const o = value as Obj;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${inner}${goJsonString(k)}: ${toGoJsonStructOrder(o[k], indent, inner)}`).join(',\n')}\n${prefix}}`;
}

/**
 * The printer of a mutating command (PrintFlags with an operation): `-o` prints the object
 * (json, yaml, name, jsonpath, custom-columns); without it, `pod/x created`, with ` (dry run)` or
 * ` (server dry run)` appended for dry runs.
 */
export function printResult(inv: Invocation, obj: Obj, operation: string, dryRun: DryRun = 'none', opts: { typed?: boolean } = {}): void {
  const output = str(inv.flags.output);
  if (output === '' && !str(inv.flags.template)) {
    const name = str((obj.metadata as Obj | undefined)?.name);
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    inv.out(`${kindPrefixOf(obj)}/${name} ${operation}${suffix}\n`);
    return;
  }
  const format = parseOutputFormat(output, { allowMissingKeys: inv.flags['allow-missing-template-keys'] !== false, template: str(inv.flags.template) });
  if (format.kind === 'unsupported' || format.kind === 'human') {
    if (format.kind === 'human') throw new KubectlError(`unable to match a printer suitable for the output format ${JSON.stringify(output)}, allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,go-template,go-template-file,template,templatefile,yaml`);
    throw new KubectlError(notSupportedMessage(`${cmdPath(inv)} -o ${format.format}`).replace(/\n$/, ''), 1, true);
  }
  const shown = inv.flags['show-managed-fields'] === true ? obj : withoutManagedFields(obj);
  if (format.kind === 'json' && opts.typed) {
    inv.out(`${toGoJsonStructOrder(shown)}\n`);
    return;
  }
  inv.out(printGenericObject(shown, format));
}

/** The `from` of resourceFor for an object of a manifest. */
export function manifestOrigin(m: { source: string; object: Obj }): { name: string; namespace: string; source: string } {
  const meta = (isObj(m.object.metadata) ? m.object.metadata : {}) as Obj;
  return { name: str(meta.name), namespace: str(meta.namespace), source: m.source };
}

/** Resource type → discovery info, or kubectl's unknown-type error. */
export async function resourceFor(inv: Invocation, apiVersion: string, kind: string, from: { name?: string; namespace?: string; source?: string } = {}): Promise<ResourceInfo> {
  const discovery = await inv.client.resources();
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const hit = discovery.find((r) => r.kind === kind && r.group === group && r.version === version);
  if (hit) return hit;
  throw new KubectlError(`resource mapping not found for name: ${JSON.stringify(from.name ?? '')} namespace: ${JSON.stringify(from.namespace ?? '')} from ${JSON.stringify(from.source ?? '')}: no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}\nensure CRDs are installed first`);
}

export async function discoveryFind(inv: Invocation, arg: string): Promise<ResourceInfo | undefined> {
  return findResource(await inv.client.resources(), arg);
}

/** One object a verb visits: its type, namespace and name (and the object when it was listed). */
export interface Target {
  info: ResourceInfo;
  namespace: string | undefined;
  name: string;
  object?: KubeObject;
}

export interface SelectOptions {
  /** -l */
  selector?: string;
  fieldSelector?: string;
  /** --all */
  all?: boolean;
  allNamespaces?: boolean;
}

/**
 * The resource.Builder visit for `TYPE NAME…`, `TYPE/NAME…`, `TYPE -l sel`, `TYPE --all`:
 * named targets are not fetched; selector and --all targets are listed. Errors of the list calls
 * are collected in `errors` (kubectl reports them after visiting the rest).
 */
export async function selectTargets(inv: Invocation, args: readonly string[], opts: SelectOptions): Promise<{ targets: Target[]; errors: unknown[]; visits: ResourceVisit[] }> {
  const discovery = await inv.client.resources();
  const visits = resolveResourceArgs(discovery, args);
  const targets: Target[] = [];
  const errors: unknown[] = [];
  for (const v of visits) {
    const ns = v.info.namespaced && !opts.allNamespaces ? inv.namespace : undefined;
    if (v.names) {
      for (const name of v.names) targets.push({ info: v.info, namespace: v.info.namespaced ? inv.namespace : undefined, name });
      continue;
    }
    try {
      const list = await inv.client.list(v.info.resource, ns, {
        ...(opts.selector ? { labelSelector: opts.selector } : {}),
        ...(opts.fieldSelector ? { fieldSelector: opts.fieldSelector } : {}),
      });
      for (const o of list.items) targets.push({ info: v.info, namespace: o.metadata.namespace, name: o.metadata.name ?? '', object: o });
    } catch (e) {
      errors.push(selectorListError(e, v.info, opts.selector ?? '', opts.fieldSelector ?? ''));
    }
  }
  return { targets, errors, visits };
}

/** `2006-01-02T15:04:05Z07:00` in UTC, as Go's time.Now().Format(time.RFC3339) on a UTC host. */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Deep copy of decoded JSON that keeps a manifest's exact Go numbers (lib/k8s/patch/gonumber). */
export { cloneJson } from '../../k8s/patch/merge';

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The `fieldValidation` query parameter a write sends, from `--validate` (cmdutil
 * GetValidationDirective): strict/true → Strict (the default), warn → Warn, false/ignore → Ignore.
 */
export function fieldValidationOf(inv: Invocation): 'Strict' | 'Warn' | 'Ignore' {
  const v = str(inv.flags.validate).toLowerCase();
  if (v === 'warn') return 'Warn';
  if (v === 'false' || v === 'ignore') return 'Ignore';
  return 'Strict';
}
