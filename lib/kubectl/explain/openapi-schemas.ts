// The OpenAPI v3 component schemas Podbook's API server publishes, named as kube-apiserver names
// them (`io.k8s.api.core.v1.Pod`, `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`, …).
//
// One source of truth: the schemas `kubectl explain` already renders inside Podbook
// (lib/kubectl/explain/schemas.json plus its overlays), so real kubectl's `explain` against this
// server and Podbook's own `explain` read the same text. Kinds the server serves but explain has
// no schema for (Secret, ServiceAccount, Endpoints, Event, Node, EndpointSlice) come from
// stub-kinds.json: their top-level fields, generated once from the @kubernetes/client-node models'
// docs; their nested types are declared `x-kubernetes-preserve-unknown-fields` (unchecked).

import rawExplainSchemas from './schemas.json';
import { applyOverlays } from './overlays';
import { PATCH_TYPES } from '../../k8s/patch/strategic';
import rawStubKinds from './stub-kinds.json';

/** An OpenAPI v3 schema object, as far as Podbook's documents use it. */
export interface OpenApiSchema {
  description?: string;
  type?: string;
  format?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  enum?: string[];
  $ref?: string;
  'x-kubernetes-group-version-kind'?: { group: string; kind: string; version: string }[];
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string;
}

export const REF_PREFIX = '#/components/schemas/';

const META_TYPES = new Set([
  'ObjectMeta', 'ManagedFieldsEntry', 'OwnerReference', 'LabelSelector', 'LabelSelectorRequirement', 'Condition',
]);
const APPS_TYPES = new Set([
  'Deployment', 'DeploymentSpec', 'DeploymentStatus', 'DeploymentStrategy', 'DeploymentCondition', 'RollingUpdateDeployment',
  'ReplicaSet', 'ReplicaSetSpec', 'ReplicaSetStatus', 'ReplicaSetCondition',
]);
const DISCOVERY_TYPES = new Set(['EndpointSlice', 'Endpoint', 'EndpointPort']);

/** The upstream definition name for explain's short type names (Go package path of the type). */
export function definitionName(short: string): string {
  if (short.includes('.')) return short;
  if (META_TYPES.has(short)) return `io.k8s.apimachinery.pkg.apis.meta.v1.${short}`;
  if (APPS_TYPES.has(short)) return `io.k8s.api.apps.v1.${short}`;
  if (DISCOVERY_TYPES.has(short)) return `io.k8s.api.discovery.v1.${short}`;
  return `io.k8s.api.core.v1.${short}`;
}

// Types without properties in the real documents. Time/MicroTime are strings (date-time);
// IntOrString and Quantity declare OpenAPIV3OneOfTypes, so their v3 schemas carry `oneOf` and no
// `type` (kube-openapi), which makes explain's typeGuess print their names.
const SCALARS: Record<string, OpenApiSchema> = {
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': {
    description: 'Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.  Wrappers are provided for many of the factory methods that the time package offers.',
    type: 'string',
    format: 'date-time',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': {
    description: 'MicroTime is version of Time with microsecond level precision.',
    type: 'string',
    format: 'date-time',
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description: 'Quantity is a fixed-point representation of a number.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
};

/** Which PATCH_TYPES entry describes the patch tags of an explain type (status types share one). */
function patchTypeOf(short: string): string {
  return ['DeploymentStatus', 'ReplicaSetStatus', 'ServiceStatus', 'NamespaceStatus'].includes(short) ? 'ConditionsStatus' : short;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** Rewrites explain's bare `$ref: "PodSpec"` into `#/components/schemas/io.k8s.api.core.v1.PodSpec`. */
function rewriteRefs(s: OpenApiSchema): OpenApiSchema {
  const out: OpenApiSchema = { ...s };
  if (s.$ref) out.$ref = REF_PREFIX + definitionName(s.$ref);
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, rewriteRefs(v)]));
  if (s.items) out.items = rewriteRefs(s.items);
  if (typeof s.additionalProperties === 'object') out.additionalProperties = rewriteRefs(s.additionalProperties);
  if (s.allOf) out.allOf = s.allOf.map(rewriteRefs);
  if (s.oneOf) out.oneOf = s.oneOf.map(rewriteRefs);
  return out;
}

function collectRefs(s: OpenApiSchema, into: Set<string>): void {
  if (s.$ref) into.add(s.$ref.slice(REF_PREFIX.length));
  for (const v of Object.values(s.properties ?? {})) collectRefs(v, into);
  if (s.items) collectRefs(s.items, into);
  if (typeof s.additionalProperties === 'object') collectRefs(s.additionalProperties, into);
  for (const v of s.allOf ?? []) collectRefs(v, into);
  for (const v of s.oneOf ?? []) collectRefs(v, into);
}

function build(): Record<string, OpenApiSchema> {
  // the same overlays explain applies (field descriptions, enum values and their text)
  const short = { ...clone(rawExplainSchemas as Record<string, OpenApiSchema>), ...clone(rawStubKinds as Record<string, OpenApiSchema>) };
  applyOverlays(short as Parameters<typeof applyOverlays>[0]);
  // Patch tags as the real documents carry them (from the Go struct tags Podbook's SMP uses).
  // Documentation only: no operation declares a requestBody, so kubectl never reads them (index.ts).
  for (const [type, s] of Object.entries(short)) {
    const tags = PATCH_TYPES[patchTypeOf(type)];
    if (!tags || !s.properties) continue;
    for (const [f, tag] of Object.entries(tags)) {
      const p = s.properties[f];
      if (!p || !tag.strategy) continue;
      s.properties[f] = {
        ...p,
        ...(tag.mergeKey ? { 'x-kubernetes-patch-merge-key': tag.mergeKey } : {}),
        'x-kubernetes-patch-strategy': tag.strategy,
      };
    }
  }
  const out: Record<string, OpenApiSchema> = { ...SCALARS };
  for (const [name, s] of Object.entries(short)) out[definitionName(name)] = rewriteRefs(s);
  // Types referenced by the stub kinds that Podbook has no fields for: accept anything below them.
  const referenced = new Set<string>();
  for (const s of Object.values(out)) collectRefs(s, referenced);
  for (const name of referenced) {
    out[name] ??= { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  }
  return out;
}

let cache: Record<string, OpenApiSchema> | undefined;

/** Every component schema by its upstream definition name (built once; do not mutate). */
export function componentSchemas(): Readonly<Record<string, OpenApiSchema>> {
  cache ??= build();
  return cache;
}

/** The definition names reachable from the given ones (themselves included), sorted. */
export function closure(names: readonly string[]): string[] {
  const all = componentSchemas();
  const seen = new Set<string>();
  const todo = [...names];
  while (todo.length > 0) {
    const n = todo.pop()!;
    if (seen.has(n) || !all[n]) continue;
    seen.add(n);
    const refs = new Set<string>();
    collectRefs(all[n], refs);
    todo.push(...refs);
  }
  return [...seen].sort();
}
