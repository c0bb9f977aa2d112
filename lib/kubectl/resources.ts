// kubectl's resource arguments, resolved against discovery the way cli-runtime's resource.Builder
// does (ResourceTypeOrNameArgs, mappingFor, the shortcut expander and the category expander):
//
//   get pods                  → [{pods, all}]
//   get po,deploy             → [{pods}, {deployments}]        comma lists, duplicates dropped
//   get all                   → the `all` category, in discovery order
//   get pod nginx web         → [{pods, [nginx, web]}]
//   get pod/nginx deploy/web  → one visit per type/name pair, in order
//   get Pod, pods.v1., deployments.apps, deployments.v1.apps, Deployment.apps, deploy.apps
//
// Errors are kubectl's strings (without the `error: ` prefix CheckErr adds).

import type { ResourceInfo } from '../k8s/resources';
import { KubectlError } from './invocation';

export interface ResourceVisit {
  info: ResourceInfo;
  /** names to get one by one; undefined means "list" */
  names?: string[];
}

/** `pods`, `deployments.apps`: the string the category expander and messages use. */
export function groupResource(info: ResourceInfo): string {
  return info.group ? `${info.resource}.${info.group}` : info.resource;
}

/** `pod`, `deployment.apps`: kubectl's lowercased GroupKind, the prefix of `-o name` and printWithKind. */
export function kindPrefix(info: { kind: string; group: string }): string {
  const gk = info.group ? `${info.kind}.${info.group}` : info.kind;
  return gk.toLowerCase();
}

function matchesResourceName(r: ResourceInfo, name: string): boolean {
  return r.resource === name || r.singular === name;
}

/**
 * mappingFor: a resource (plural, singular, short name; optionally `.group` or `.version.group`)
 * or a kind (`Pod`, `Deployment.apps`, `Deployment.v1.apps`). Resource names are matched in
 * lower case (the REST mapper coerces them); kinds exactly. Ambiguities go to the first resource
 * in discovery order (the priority REST mapper's group order).
 */
export function findResource(discovery: readonly ResourceInfo[], arg: string): ResourceInfo | undefined {
  const lower = arg.toLowerCase();
  // schema.ParseResourceArg: `resource.version.group` when there are two dots or more
  const parts = lower.split('.');
  if (parts.length >= 3) {
    const [resource, version] = parts;
    const group = parts.slice(2).join('.');
    const hit =
      discovery.find((r) => r.version === version && r.group === group && matchesResourceName(r, resource)) ??
      discovery.find((r) => r.version === version && r.group === group && r.shortNames.includes(resource));
    if (hit) return hit;
  }
  // group/resource: `deployments.apps`, `pods`
  const dot = lower.indexOf('.');
  const resource = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? undefined : lower.slice(dot + 1);
  const inGroup = (r: ResourceInfo) => group === undefined || r.group === group;
  // the shortcut expander runs first and matches short names exactly as typed
  const shortHit = discovery.find((r) => inGroup(r) && r.shortNames.includes(dot < 0 ? arg : arg.slice(0, dot)));
  if (shortHit) return shortHit;
  const resHit = discovery.find((r) => inGroup(r) && matchesResourceName(r, resource));
  if (resHit) return resHit;
  // kinds: `Pod`, `Deployment.apps`, `Deployment.v1.apps`
  const kparts = arg.split('.');
  if (kparts.length >= 3) {
    const [kind, version] = kparts;
    const g = kparts.slice(2).join('.');
    const hit = discovery.find((r) => r.kind === kind && r.version === version && r.group === g);
    if (hit) return hit;
  }
  const kdot = arg.indexOf('.');
  const kind = kdot < 0 ? arg : arg.slice(0, kdot);
  const kgroup = kdot < 0 ? undefined : arg.slice(kdot + 1);
  return discovery.find((r) => r.kind === kind && (kgroup === undefined || r.group === kgroup));
}

/** The `the server doesn't have a resource type "x"` error (x is the resource part, before any dot). */
export function noResourceTypeError(arg: string): KubectlError {
  const dot = arg.indexOf('.');
  return new KubectlError(`the server doesn't have a resource type ${JSON.stringify(dot < 0 ? arg : arg.slice(0, dot))}`);
}

/** The category expander: `all` → `pods,services,deployments.apps,…` in discovery order. */
export function expandCategory(discovery: readonly ResourceInfo[], category: string): string[] | undefined {
  const hits = discovery.filter((r) => r.categories.includes(category));
  return hits.length > 0 ? hits.map(groupResource) : undefined;
}

/** Builder.ReplaceAliases on the type argument: each comma element that is a category expands. */
export function replaceAliases(discovery: readonly ResourceInfo[], input: string): string {
  return input
    .split(',')
    .map((arg) => expandCategory(discovery, arg)?.join(',') ?? arg)
    .join(',');
}

/** SplitResourceArgument: comma list without empties and duplicates. */
export function splitResourceArgument(arg: string): string[] {
  const out: string[] = [];
  for (const s of arg.split(',')) if (s !== '' && !out.includes(s)) out.push(s);
  return out;
}

export interface ResolveOptions {
  /** the command name for the resource/name mixing error (`kubectl`) */
  baseCmd?: string;
  /** a label or field selector was given (allows a list without names) */
  hasSelector?: boolean;
}

/**
 * ResourceTypeOrNameArgs + the visitors' preconditions. Returns the visits in kubectl's order or
 * throws a KubectlError (for the first unknown type when there are several).
 */
export function resolveResourceArgs(discovery: readonly ResourceInfo[], args: readonly string[], opts: ResolveOptions = {}): ResourceVisit[] {
  const baseCmd = opts.baseCmd ?? 'kubectl';
  const slashes = args.filter((a) => a.includes('/')).length;
  if (slashes > 0 && slashes !== args.length) {
    throw new KubectlError(
      `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. '${baseCmd} get resource/<resource_name>' instead of '${baseCmd} get resource resource/<resource_name>'`,
    );
  }
  if (slashes > 0) {
    const visits: ResourceVisit[] = [];
    const errors: KubectlError[] = [];
    for (const a of args) {
      const i = a.indexOf('/');
      const type = a.slice(0, i);
      const name = a.slice(i + 1);
      if (type === '' || name === '' || name.includes('/')) {
        throw new KubectlError('arguments in resource/name form must have a single resource and name');
      }
      const info = findResource(discovery, type);
      if (!info) {
        errors.push(noResourceTypeError(type));
        continue;
      }
      visits.push({ info, names: [name] });
    }
    if (errors.length > 0) throw aggregate(errors);
    return visits;
  }
  if (args.length === 0) return [];
  const types = splitResourceArgument(replaceAliases(discovery, args[0]));
  const names = args.slice(1);
  const infos: ResourceInfo[] = [];
  const errors: KubectlError[] = [];
  for (const t of types) {
    const info = findResource(discovery, t);
    if (!info) errors.push(noResourceTypeError(t));
    // one visit per mapping: `get po,pods` lists pods once (VERIFIED)
    else if (!infos.includes(info)) infos.push(info);
  }
  if (errors.length > 0) throw aggregate(errors);
  // kubectl 1.32 gets every name of every type: `get pods,svc web` asks for pods/web, then services/web
  if (names.length > 0) return infos.map((info) => ({ info, names: [...names] }));
  return infos.map((info) => ({ info }));
}

/** Only the first unknown type is reported (VERIFIED: `get foo,bar` prints just "foo"). */
function aggregate(errors: KubectlError[]): KubectlError {
  return errors[0];
}
