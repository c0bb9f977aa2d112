// Strategic merge patch: the server side (`application/strategic-merge-patch+json`) and the
// client-side patch builders kubectl apply / set / edit use.
//
// A port of the behaviour of apimachinery pkg/util/strategicpatch/patch.go as shipped with
// Kubernetes 1.32 (including the fixes that strip directives from values taken whole from the
// patch, kubernetes#117568, and that drop nulls from them, kubernetes#123304). Function names
// follow upstream so the two can be read side by side. The Go struct tags
// (`patchStrategy`, `patchMergeKey`) that upstream reads by reflection are data here: PATCH_TYPES.

import { GoNumber } from './gonumber';
import { compareBytes, cloneJson, hasKey, isJsonObject, jsonEqual, setKey, sortJsonKeys } from './merge';
import type { JsonObject } from './merge';

// ---------------------------------------------------------------------------------------------
// Schema: which list fields merge, and by which key

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

/** One field's `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key`. */
export interface PatchMeta {
  strategy?: PatchStrategy;
  mergeKey?: string;
  /** the field holds a list */
  list?: boolean;
}

/**
 * Patch metadata by field path from the object root. List elements are transparent: the
 * containers' ports are at `['spec', 'containers', 'ports']`. Unknown paths answer `{}`, which
 * means maps merge and lists are replaced whole (atomic).
 */
export type PatchSchema = (path: readonly string[]) => PatchMeta;

/** A field of a type in PATCH_TYPES: its patch metadata and, for nested structs, their type. */
export interface PatchField extends PatchMeta {
  type?: string;
}

const mergeBy = (mergeKey: string, type?: string): PatchField => ({ list: true, strategy: 'merge', mergeKey, ...(type ? { type } : {}) });
const atomic: PatchField = { list: true };

/**
 * The struct tags of the k8s.io/api v0.32 types we simulate. Only fields that carry a patch
 * strategy, lead to one, or are lists (atomic, recorded for documentation) are listed.
 */
export const PATCH_TYPES: Readonly<Record<string, Readonly<Record<string, PatchField>>>> = {
  ObjectMeta: {
    finalizers: { list: true, strategy: 'merge' },
    ownerReferences: mergeBy('uid'),
    managedFields: atomic,
  },
  Pod: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' }, status: { type: 'PodStatus' } },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  PodSpec: {
    volumes: { list: true, strategy: 'merge,retainKeys', mergeKey: 'name' },
    initContainers: mergeBy('name', 'Container'),
    containers: mergeBy('name', 'Container'),
    ephemeralContainers: mergeBy('name', 'Container'),
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: mergeBy('topologyKey'),
    schedulingGates: mergeBy('name'),
    resourceClaims: { list: true, strategy: 'merge,retainKeys', mergeKey: 'name' },
    tolerations: atomic,
    readinessGates: atomic,
  },
  Container: {
    ports: mergeBy('containerPort'),
    env: mergeBy('name'),
    volumeMounts: mergeBy('mountPath'),
    volumeDevices: mergeBy('devicePath'),
    command: atomic,
    args: atomic,
    envFrom: atomic,
    resizePolicy: atomic,
  },
  PodStatus: {
    conditions: mergeBy('type'),
    podIPs: mergeBy('ip'),
    hostIPs: mergeBy('ip'),
    initContainerStatuses: atomic,
    containerStatuses: atomic,
    ephemeralContainerStatuses: atomic,
    resourceClaimStatuses: { list: true, strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  Deployment: { metadata: { type: 'ObjectMeta' }, spec: { type: 'DeploymentSpec' }, status: { type: 'ConditionsStatus' } },
  DeploymentSpec: { template: { type: 'PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  ReplicaSet: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ReplicaSetSpec' }, status: { type: 'ConditionsStatus' } },
  ReplicaSetSpec: { template: { type: 'PodTemplateSpec' } },
  ConditionsStatus: { conditions: mergeBy('type') },
  Service: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ServiceSpec' }, status: { type: 'ConditionsStatus' } },
  ServiceSpec: {
    ports: mergeBy('port'),
    clusterIPs: atomic,
    externalIPs: atomic,
    ipFamilies: atomic,
    loadBalancerSourceRanges: atomic,
  },
  Endpoints: { metadata: { type: 'ObjectMeta' }, subsets: atomic },
  ConfigMap: { metadata: { type: 'ObjectMeta' } },
  Secret: { metadata: { type: 'ObjectMeta' } },
  Namespace: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NamespaceSpec' }, status: { type: 'ConditionsStatus' } },
  NamespaceSpec: { finalizers: atomic },
  Node: { metadata: { type: 'ObjectMeta' }, spec: { type: 'NodeSpec' }, status: { type: 'NodeStatus' } },
  NodeSpec: { podCIDRs: { list: true, strategy: 'merge' }, taints: atomic },
  NodeStatus: { conditions: mergeBy('type'), addresses: mergeBy('type'), images: atomic, volumesInUse: atomic, volumesAttached: atomic },
  ServiceAccount: { metadata: { type: 'ObjectMeta' }, secrets: mergeBy('name'), imagePullSecrets: atomic },
  /** any other kind: only its metadata is known */
  Object: { metadata: { type: 'ObjectMeta' } },
};

/** Builds a PatchSchema that walks PATCH_TYPES from the given root type. */
export function schemaFromTypes(rootType: string, types: Readonly<Record<string, Readonly<Record<string, PatchField>>>> = PATCH_TYPES): PatchSchema {
  return (path) => {
    let type: string | undefined = rootType;
    let field: PatchField | undefined;
    for (const seg of path) {
      const fields: Readonly<Record<string, PatchField>> | undefined = type === undefined ? undefined : types[type];
      field = fields && hasKey(fields as JsonObject, seg) ? fields[seg] : undefined;
      if (field === undefined) return {};
      type = field.type;
    }
    if (field === undefined) return {};
    const meta: PatchMeta = {};
    if (field.strategy) meta.strategy = field.strategy;
    if (field.mergeKey) meta.mergeKey = field.mergeKey;
    if (field.list) meta.list = true;
    return meta;
  };
}

/** The kinds whose root type PATCH_TYPES describes. */
export const PATCH_KINDS: readonly string[] = ['Pod', 'Deployment', 'ReplicaSet', 'Service', 'Endpoints', 'ConfigMap', 'Secret', 'Namespace', 'Node', 'ServiceAccount'];

/** The schema of a kind; kinds we do not model get one that knows only `metadata`. */
export function schemaFor(kind: string): PatchSchema {
  return schemaFromTypes(PATCH_KINDS.includes(kind) ? kind : 'Object');
}

// ---------------------------------------------------------------------------------------------
// Errors (apimachinery pkg/util/mergepatch/errors.go) and how the apiserver answers them
// (endpoints/handlers/patch.go `interpretStrategicMergePatchError`).

type ErrorClass = 'bad-request' | 'invalid' | 'internal';

class SmpError extends Error {
  constructor(
    message: string,
    readonly cls: ErrorClass = 'internal',
  ) {
    super(message);
  }
}

const errBadPatchFormatForPrimitiveList = () => new SmpError('invalid patch format of primitive list', 'bad-request');
const errBadPatchFormatForRetainKeys = () => new SmpError('invalid patch format of retainKeys', 'bad-request');
const errBadPatchFormatForSetElementOrderList = () => new SmpError('invalid patch format of setElementOrder list', 'bad-request');
const errNoListOfLists = () => new SmpError('lists of lists are not supported', 'invalid');
const errNoMergeKey = (m: JsonObject, k: string) => new SmpError(`map: ${goV(m)} does not contain declared merge key: ${k}`);
const errBadArgType = (expected: string, actual: unknown) => new SmpError(`expected a ${expected}, but received a ${goType(actual)}`);
const errBadPatchType = (t: unknown, m: JsonObject) => new SmpError(`unknown patch type: ${goS(t)} in map: ${goV(m)}`);

const MAP_TYPE = 'map[string]interface {}';
const SLICE_TYPE = '[]interface {}';

/** Go's reflect type name of a decoded JSON value (integers decode as int64 on the server). */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (Array.isArray(v)) return SLICE_TYPE;
  if (v instanceof GoNumber) return v.goType;
  if (typeof v === 'object') return MAP_TYPE;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

/** fmt's %v of decoded JSON: `map[k:v]` with sorted keys, `[a b]`, `<nil>`. */
function goV(v: unknown, floats = false): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x) => goV(x, floats)).join(' ')}]`;
  if (v instanceof GoNumber) return floats || v.goType === 'float64' ? goFloat(v.value) : v.text;
  if (typeof v === 'object') {
    const o = v as JsonObject;
    return `map[${Object.keys(o)
      .sort(compareBytes)
      .map((k) => `${k}:${goV(o[k], floats)}`)
      .join(' ')}]`;
  }
  if (typeof v === 'number') return floats || !Number.isInteger(v) ? goFloat(v) : String(v);
  return String(v);
}

/** fmt's %s: strings as they are, other scalars flagged the way fmt flags a wrong verb. */
function goS(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '%!s(<nil>)';
  if (typeof v === 'object' && !(v instanceof GoNumber)) return goV(v);
  return `%!s(${goType(v)}=${goV(v)})`;
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64), which is what %v prints for a float64: the shortest
 * digits, in exponent form below 1e-4 and from 1e+06 up (`eprec = 6` for the shortest format).
 */
function goFloat(f: number): string {
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : f < 0 ? '-Inf' : 'NaN';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${mant}e${exp < 0 ? '-' : '+'}${e}`;
  }
  return String(f);
}

/** fmt.Sprintf("%v", x) on the client, where every JSON number is a float64. */
function clientV(v: unknown): string {
  if (typeof v === 'number') return goFloat(v);
  if (v instanceof GoNumber) return goFloat(v.value);
  if (Array.isArray(v)) return `[${v.map(clientV).join(' ')}]`;
  if (isJsonObject(v)) {
    return `map[${Object.keys(v)
      .sort(compareBytes)
      .map((k) => `${k}:${clientV(v[k])}`)
      .join(' ')}]`;
  }
  return goV(v);
}

// ---------------------------------------------------------------------------------------------
// Shared pieces

const DIRECTIVE_MARKER = '$patch';
const DELETE_DIRECTIVE = 'delete';
const REPLACE_DIRECTIVE = 'replace';
const MERGE_DIRECTIVE = 'merge';
const RETAIN_KEYS_DIRECTIVE = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST_PREFIX = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER_PREFIX = '$setElementOrder';

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof GoNumber) return 'number';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

/** extractRetainKeysPatchStrategy: splits `merge,retainKeys` into its two parts. */
function patchStrategyOf(meta: PatchMeta): { retainKeys: boolean; strategy: string } {
  const parts = meta.strategy ? meta.strategy.split(',') : [];
  if (parts.length === 0) return { retainKeys: false, strategy: '' };
  if (parts.length === 1) return parts[0] === 'retainKeys' ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: parts[0] };
  if (parts.length === 2 && parts[0] === 'retainKeys') return { retainKeys: true, strategy: parts[1] };
  if (parts.length === 2 && parts[1] === 'retainKeys') return { retainKeys: true, strategy: parts[0] };
  throw new SmpError(`unexpected patch strategy: [${parts.join(' ')}]`);
}

function sliceElementType(...slices: unknown[][]): Kind {
  let prev: Kind | undefined;
  for (const s of slices) {
    for (const v of s) {
      const k = kindOf(v);
      if (prev === undefined) {
        prev = k;
        if (k === 'array') throw errNoListOfLists();
      } else if (prev !== k) {
        throw new SmpError(`list element types are not identical: ${goV(slices)}`);
      }
    }
  }
  if (prev === undefined) throw new SmpError('no elements in any of the given slices');
  return prev;
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST_PREFIX) throw errBadPatchFormatForPrimitiveList();
    if (prefix === SET_ELEMENT_ORDER_PREFIX) throw errBadPatchFormatForSetElementOrderList();
    throw new SmpError(`fail to find unknown prefix ${JSON.stringify(prefix)} in ${s}\n`);
  }
  return s.slice(slash + 1);
}

function index(l: unknown[], val: unknown, mergeKey: string, kind: Kind): number {
  const key = (item: unknown) => (kind === 'object' ? (isJsonObject(item) ? item[mergeKey] : undefined) : item);
  const want = key(val);
  return l.findIndex((v) => key(v) === want);
}

function findMapInSlice(m: unknown[], key: string, value: unknown): number {
  for (let i = 0; i < m.length; i++) {
    const v = m[i];
    if (!isJsonObject(v)) throw new SmpError(`value for key ${i} is not a map.`);
    if (hasKey(v, key) && v[key] === value) return i;
  }
  return -1;
}

function validateMergeKeyInLists(mergeKey: string, ...lists: unknown[][]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType(MAP_TYPE, item);
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

function extractToDeleteItems(l: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of l) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (hasKey(v, DIRECTIVE_MARKER) && v[DIRECTIVE_MARKER] === DELETE_DIRECTIVE) del.push(v);
    else keep.push(v);
  }
  return [keep, del];
}

/**
 * normalizeSliceOrder: sorts `toSort` by the position of each item in `order`, delete directives
 * last. The comparator is upstream's (true whenever either item is missing from `order`), run
 * through the insertion sort Go's sort.SliceStable uses, so odd inputs come out the same way.
 */
function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: Kind): unknown[] {
  let items = toSort.slice();
  let toDelete: unknown[] = [];
  if (kind === 'object') {
    validateMergeKeyInLists(mergeKey, items, order);
    [items, toDelete] = extractToDeleteItems(items);
  }
  const less = (a: unknown, b: unknown) => {
    const ia = index(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = index(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      const t = items[j];
      items[j] = items[j - 1];
      items[j - 1] = t;
    }
  }
  return [...items, ...toDelete];
}

/**
 * mergeSortedSlice: interleaves server-only items (left) into patch items (right), keeping each
 * list's own order; a server item goes first only when both are in the live list and it came
 * earlier there. New items therefore land before the server items that follow them.
 */
function mergeSortedSlice(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const li = index(serverOrder, left[i], mergeKey, kind);
    const ri = index(serverOrder, right[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return [...out, ...left.slice(i), ...right.slice(j)];
}

function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: Kind): unknown[] {
  const p = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  return mergeSortedSlice(s, p, serverOrder, mergeKey, kind);
}

function partitionPrimitivesByPresentInList(original: unknown[], partitionBy: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(partitionBy);
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMapsByPresentInList(original: unknown[], partitionBy: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of original) {
    if (!isJsonObject(v)) throw errBadArgType(MAP_TYPE, v);
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    (findMapInSlice(partitionBy, mergeKey, v[mergeKey]) >= 0 ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

/** Go's in-place "clever" deduplication (it moves the last element into each duplicate's slot). */
function deduplicateScalars(input: unknown[]): unknown[] {
  const s = input.slice();
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

/**
 * removeDirectives (kubernetes#117568): a value taken whole from the patch loses every map that
 * carries `$patch`; the boolean says whether the value itself survives.
 */
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isJsonObject(obj)) {
    if (hasKey(obj, DIRECTIVE_MARKER)) return [null, false];
    for (const k of Object.keys(obj)) {
      const [v, keep] = removeDirectives(obj[k]);
      if (keep) obj[k] = v;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) out.push(nv);
    }
    return [out, true];
  }
  return [obj, true];
}

/** discardNullValuesFromPatch (kubernetes#123304): nulls inside a value taken whole mean nothing. */
function discardNullValues(v: unknown): void {
  if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      if (v[k] === null) delete v[k];
      else discardNullValues(v[k]);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValues(x);
  }
}

// ---------------------------------------------------------------------------------------------
// Merging a patch into an object (server side), or two patches (client side)

interface MergeOptions {
  /** server side: `$deleteFromPrimitiveList` and `$setElementOrder` are applied, not carried */
  mergeParallelList: boolean;
  /** server side: `null` for a missing key is dropped rather than kept as an explicit delete */
  ignoreUnmatchedNulls: boolean;
}

interface Ctx {
  schema: PatchSchema;
  opts: MergeOptions;
}

function mergeMap(original: JsonObject | null, patch: JsonObject, path: string[], ctx: Ctx): JsonObject {
  if (hasKey(patch, DIRECTIVE_MARKER)) return handleDirectiveInMergeMap(patch[DIRECTIVE_MARKER], patch);
  const orig = original ?? {};
  applyRetainKeysDirective(orig, patch, ctx.opts);
  mergePatchIntoOriginal(orig, patch, path, ctx);

  for (const patchKey of Object.keys(patch)) {
    const patchV = patch[patchKey];
    let k = patchKey;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX)) {
      if (!ctx.opts.mergeParallelList) {
        setKey(orig, k, patchV);
        continue;
      }
      k = extractKey(k, DELETE_FROM_PRIMITIVE_LIST_PREFIX);
      isDeleteList = true;
    }

    if (patchV === null) {
      delete orig[k];
      if (ctx.opts.ignoreUnmatchedNulls) continue;
    }

    if (!hasKey(orig, k) || kindOf(orig[k]) !== kindOf(patchV)) {
      if (!isDeleteList) takePatchValue(orig, k, patchV, ctx);
      continue;
    }

    const fieldPath = [...path, k];
    switch (kindOf(orig[k])) {
      case 'object': {
        const { strategy } = patchStrategyOf(ctx.schema(fieldPath));
        if (strategy === REPLACE_DIRECTIVE) setKey(orig, k, serverValue(patchV, ctx));
        else setKey(orig, k, mergeMap(orig[k] as JsonObject, patchV as JsonObject, fieldPath, ctx));
        break;
      }
      case 'array': {
        const meta = ctx.schema(fieldPath);
        const { strategy } = patchStrategyOf(meta);
        setKey(orig, k, mergeSliceHandler(orig[k] as unknown[], patchV as unknown[], fieldPath, strategy, meta.mergeKey ?? '', isDeleteList, ctx).merged);
        break;
      }
      default:
        takePatchValue(orig, k, patchV, ctx);
    }
  }
  return orig;
}

/** The patch value replaces whatever was there (new key, type change, scalar). */
function takePatchValue(orig: JsonObject, k: string, patchV: unknown, ctx: Ctx): void {
  if (ctx.opts.ignoreUnmatchedNulls) discardNullValues(patchV);
  const [v, keep] = removeDirectives(patchV);
  if (keep) setKey(orig, k, v);
  else delete orig[k];
}

/**
 * Values the server stores as the patch gave them. Upstream keeps their nulls, which the typed
 * decode that follows turns into absent fields; we drop them here to the same effect.
 */
function serverValue<T>(v: T, ctx: Ctx): T {
  if (ctx.opts.ignoreUnmatchedNulls) discardNullValues(v);
  return v;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE_MARKER];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw errBadPatchType(directive, patch);
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject, opts: MergeOptions): void {
  if (!hasKey(patch, RETAIN_KEYS_DIRECTIVE)) return;
  const retainKeys = patch[RETAIN_KEYS_DIRECTIVE];
  delete patch[RETAIN_KEYS_DIRECTIVE];

  if (!opts.mergeParallelList) {
    // Merging two patches: carry the directive, which must agree when both have one.
    if (hasKey(original, RETAIN_KEYS_DIRECTIVE)) {
      if (!jsonEqual(original[RETAIN_KEYS_DIRECTIVE], retainKeys)) {
        throw new SmpError(`${goV(original[RETAIN_KEYS_DIRECTIVE])} and ${goV(retainKeys)} are not deep equal: this may happen when calculating the 3-way diff patch`);
      }
    } else {
      setKey(original, RETAIN_KEYS_DIRECTIVE, retainKeys);
    }
    return;
  }

  if (!Array.isArray(retainKeys)) throw errBadPatchFormatForRetainKeys();
  const keep = new Set<unknown>(retainKeys);
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST_PREFIX) || k.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    if (!keep.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

function containsDirectiveMarker(item: unknown): boolean {
  return isJsonObject(item) && hasKey(item, DIRECTIVE_MARKER);
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isJsonObject(left)) throw errBadArgType(MAP_TYPE, left);
  if (!isJsonObject(right)) throw errBadArgType(MAP_TYPE, right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** The non-delete items of the patch list must appear in `$setElementOrder` in the same order. */
function validatePatchWithSetOrderList(patchList: unknown[], setOrderList: unknown[], mergeKey: string): void {
  if (setOrderList.length === 0 || patchList.length === 0) return;
  const nonDelete = mergeKey ? extractToDeleteItems(patchList)[0] : patchList;
  let p = 0;
  let s = 0;
  while (p < nonDelete.length && s < setOrderList.length) {
    if (containsDirectiveMarker(nonDelete[p])) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(nonDelete[p], setOrderList[s], mergeKey)) p++;
    s++;
  }
  if (p < nonDelete.length && s >= setOrderList.length) {
    throw new SmpError(`The order in patch list:\n${goV(patchList)}\n doesn't match ${SET_ELEMENT_ORDER_PREFIX} list:\n${goV(setOrderList)}\n`);
  }
}

/**
 * Processes every `$setElementOrder/<field>` together with `<field>`: merges the list, then
 * orders it by $setElementOrder, with server-only items slotted in by their live order.
 */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, path: string[], ctx: Ctx): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER_PREFIX)) continue;
    const setOrder = patch[key];
    if (!ctx.opts.mergeParallelList) {
      if (hasKey(original, key)) {
        if (!jsonEqual(original[key], setOrder)) throw errBadPatchFormatForSetElementOrderList();
      } else {
        setKey(original, key, setOrder);
      }
    }
    delete patch[key];

    if (!Array.isArray(setOrder)) throw errBadArgType(SLICE_TYPE, setOrder);
    const originalKey = extractKey(key, SET_ELEMENT_ORDER_PREFIX);
    const foundOriginal = hasKey(original, originalKey);
    const foundPatch = hasKey(patch, originalKey);
    const originalList = original[originalKey];
    const patchList = patch[originalKey];
    if (foundOriginal && !Array.isArray(originalList)) throw errBadArgType(SLICE_TYPE, originalList);
    if (foundPatch && !Array.isArray(patchList)) throw errBadArgType(SLICE_TYPE, patchList);
    const originalValue = foundOriginal ? (originalList as unknown[]).slice() : [];
    const patchValue = foundPatch ? (patchList as unknown[]) : [];

    const fieldPath = [...path, originalKey];
    const meta = ctx.schema(fieldPath);
    const { strategy } = patchStrategyOf(meta);
    const mergeKey = meta.mergeKey ?? '';
    validatePatchWithSetOrderList(patchValue, setOrder, mergeKey);

    let merged: unknown[];
    // The live order that server-only items keep. Upstream reads it from the original slice
    // after merging into it, and that merge edits the slice's backing array in place.
    let serverOrder = originalValue;
    if (foundOriginal && !foundPatch) merged = originalValue;
    else if (!foundOriginal && foundPatch) merged = serverValue(removeDirectives(patchValue)[0] as unknown[], ctx);
    else if (foundOriginal && foundPatch) ({ merged, aliased: serverOrder } = mergeSliceHandler(originalValue, patchValue, fieldPath, strategy, mergeKey, false, ctx));
    else continue;

    const [patchItems, serverOnly] = mergeKey
      ? partitionMapsByPresentInList(merged, setOrder, mergeKey)
      : partitionPrimitivesByPresentInList(merged, setOrder);
    const kind = sliceElementType(originalValue, patchValue);
    setKey(original, originalKey, normalizeElementOrder(patchItems, serverOnly, setOrder, serverOrder, mergeKey, kind));
    delete patch[originalKey];
  }
}

/**
 * The result of merging into a list, and what the caller's original slice holds afterwards.
 *
 * Go slices share their backing array: upstream deletes list items with
 * `append(original[:i], original[i+1:]...)`, which shifts the caller's array in place, and then
 * appends new items into the slots that freed up. mergePatchIntoOriginal later reads the live
 * order from the caller's slice, so that edited array decides where server-only items go (see
 * the "add map and delete map from merging list" fixture in upstream's patch_test.go).
 */
interface SliceMerge {
  merged: unknown[];
  aliased: unknown[];
}

function mergeSliceHandler(original: unknown[], patch: unknown[], path: string[], strategy: string, mergeKey: string, isDeleteList: boolean, ctx: Ctx): SliceMerge {
  // Delete lists are handled the same way whatever the field's strategy is.
  if (strategy === MERGE_DIRECTIVE || isDeleteList) return mergeSlice(original, patch, path, mergeKey, isDeleteList, ctx);
  return { merged: serverValue(patch, ctx), aliased: original };
}

/** A Go slice over a backing array whose capacity is the original length. */
class GoSlice {
  private arr: unknown[];
  private len: number;
  private shared = true;

  constructor(private readonly backing: unknown[]) {
    this.arr = backing;
    this.len = backing.length;
  }

  items(): unknown[] {
    return this.arr.slice(0, this.len);
  }

  /** original = append(original[:i], original[i+1:]...) */
  removeAt(i: number): void {
    this.arr.copyWithin(i, i + 1, this.len);
    this.len--;
  }

  /** original = append(original, v): in place while there is room, else into a new array */
  append(v: unknown): void {
    if (this.shared && this.len >= this.backing.length) {
      this.arr = this.arr.slice(0, this.len);
      this.shared = false;
    }
    this.arr[this.len++] = v;
  }

  set(i: number, v: unknown): void {
    this.arr[i] = v;
  }
}

function mergeSlice(originalIn: unknown[], patchIn: unknown[], path: string[], mergeKey: string, isDeleteList: boolean, ctx: Ctx): SliceMerge {
  if (originalIn.length === 0 && patchIn.length === 0) return { merged: originalIn, aliased: originalIn };
  const kind = sliceElementType(originalIn, patchIn);
  if (kind !== 'object') {
    if (ctx.opts.mergeParallelList && isDeleteList) {
      const del = new Set(patchIn);
      return { merged: originalIn.filter((v) => !del.has(v)), aliased: originalIn };
    }
    const merged = deduplicateScalars([...originalIn, ...patchIn]);
    const [patchItems, serverOnly] = partitionPrimitivesByPresentInList(merged, patchIn);
    return { merged: normalizeElementOrder(patchItems, serverOnly, patchIn, originalIn, mergeKey, kind), aliased: originalIn };
  }
  if (!mergeKey) throw new SmpError(`cannot merge lists without merge key for ${path.join('.')}`);
  const backing = originalIn.slice();
  const [slice, patch] = mergeSliceWithSpecialElements(new GoSlice(backing), patchIn, mergeKey);
  const original = slice.items();
  const merged = mergeSliceWithoutSpecialElements(slice, patch, mergeKey, path, ctx);
  const [patchItems, serverOnly] = partitionMapsByPresentInList(merged, patch, mergeKey);
  return { merged: normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind), aliased: backing };
}

/** Applies `$patch: delete` / `$patch: replace` list elements; returns the list and the rest of the patch. */
function mergeSliceWithSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string): [GoSlice, unknown[]] {
  const plain: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const m = v as JsonObject;
    if (!hasKey(m, DIRECTIVE_MARKER)) {
      plain.push(v);
      continue;
    }
    const directive = m[DIRECTIVE_MARKER];
    if (directive === DELETE_DIRECTIVE) {
      if (!hasKey(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
      for (let i = findMapInSlice(original.items(), mergeKey, m[mergeKey]); i >= 0; i = findMapInSlice(original.items(), mergeKey, m[mergeKey])) {
        original.removeAt(i);
      }
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true; // keep going, so that other directive elements are pruned
    } else if (directive === MERGE_DIRECTIVE) {
      throw new SmpError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, m);
    }
  }
  return replace ? [new GoSlice(plain), []] : [original, plain];
}

/** Patch items merge into the original item with the same merge key, or are appended. */
function mergeSliceWithoutSpecialElements(original: GoSlice, patch: unknown[], mergeKey: string, path: string[], ctx: Ctx): unknown[] {
  for (const v of patch) {
    const m = v as JsonObject;
    if (!hasKey(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    const items = original.items();
    const i = findMapInSlice(items, mergeKey, m[mergeKey]);
    if (i >= 0) original.set(i, mergeMap(items[i] as JsonObject, m, path, ctx));
    else original.append(serverValue(m, ctx));
  }
  return original.items();
}

/**
 * Server side only: directive keys that reached the result inside values taken from the patch.
 * The apiserver's typed decode drops them as unknown fields; we drop them here.
 */
function stripDirectiveKeys(v: unknown): void {
  if (Array.isArray(v)) {
    for (const x of v) stripDirectiveKeys(x);
  } else if (isJsonObject(v)) {
    for (const k of Object.keys(v)) {
      const directive =
        k === DIRECTIVE_MARKER ||
        k === RETAIN_KEYS_DIRECTIVE ||
        k.startsWith(`${SET_ELEMENT_ORDER_PREFIX}/`) ||
        k.startsWith(`${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/`);
      if (directive) delete v[k];
      else stripDirectiveKeys(v[k]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Server side

export type StrategicPatchResult =
  | { ok: true; value: JsonObject }
  | {
      ok: false;
      /** the message of the Status the apiserver answers with */
      error: string;
      code: 400 | 422 | 500;
      /** the Status reason; '' is metav1.StatusReasonUnknown (a plain Go error) */
      reason: 'BadRequest' | 'Invalid' | '';
      /** the library's own message, when the Status message is a generic one */
      detail?: string;
    };

const GENERIC_422 = 'the server rejected our request due to an error in our request';

function failure(e: unknown): Extract<StrategicPatchResult, { ok: false }> {
  if (!(e instanceof SmpError)) throw e;
  if (e.cls === 'bad-request') return { ok: false, error: e.message, code: 400, reason: 'BadRequest' };
  if (e.cls === 'invalid') return { ok: false, error: GENERIC_422, code: 422, reason: 'Invalid', detail: e.message };
  return { ok: false, error: e.message, code: 500, reason: '' };
}

/**
 * Applies a strategic merge patch the way the apiserver does (`StrategicMergeMapPatch`):
 * maps merge, `null` deletes, lists merge by their merge key or are replaced, and the directives
 * `$patch`, `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` apply.
 * Neither argument is modified.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, schema: PatchSchema): StrategicPatchResult {
  if (patch === null || patch === undefined) return { ok: true, value: isJsonObject(original) ? cloneJson(original) : {} };
  if (!isJsonObject(patch)) {
    const kind = Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch;
    return { ok: false, error: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`, code: 400, reason: 'BadRequest' };
  }
  const ctx: Ctx = { schema, opts: { mergeParallelList: true, ignoreUnmatchedNulls: true } };
  try {
    const value = mergeMap(isJsonObject(original) ? cloneJson(original) : {}, cloneJson(patch), [], ctx);
    stripDirectiveKeys(value);
    return { ok: true, value };
  } catch (e) {
    return failure(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Client side: building patches (what kubectl sends)

interface DiffOptions {
  /** generate `$setElementOrder` lists */
  setElementOrder: boolean;
  ignoreChangesAndAdditions: boolean;
  ignoreDeletions: boolean;
  /** the map being diffed belongs to a retainKeys field */
  buildRetainKeysDirective: boolean;
}

const NO_FILTER: DiffOptions = { setElementOrder: false, ignoreChangesAndAdditions: false, ignoreDeletions: false, buildRetainKeysDirective: false };

export type PatchBuildResult = { ok: true; value: JsonObject } | { ok: false; error: string };

function nonEmpty(o: JsonObject): boolean {
  return Object.keys(o).length > 0;
}

/**
 * diffMaps: the strategic patch that turns `original` into `modified` — added and changed fields,
 * `null` for removed ones, `$patch: delete` / `$deleteFromPrimitiveList` / `$setElementOrder` for
 * merging lists, `$retainKeys` for retainKeys fields — filtered by the options.
 */
function diffMaps(original: JsonObject, modified: JsonObject, path: string[], schema: PatchSchema, o: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeysList: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeysDirective && mv !== null) retainKeysList.push(key);
    if (!hasKey(original, key)) {
      if (!o.ignoreChangesAndAdditions) setKey(patch, key, mv);
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE_MARKER) {
      if (typeof ov !== 'string' || typeof mv !== 'string') throw new SmpError(`invalid value for special key: ${DIRECTIVE_MARKER}`);
      if (ov !== mv) patch[DIRECTIVE_MARKER] = mv;
      continue;
    }
    if (kindOf(ov) !== kindOf(mv)) {
      if (!o.ignoreChangesAndAdditions) setKey(patch, key, mv);
      continue;
    }
    const fieldPath = [...path, key];
    if (kindOf(ov) === 'object') {
      const { retainKeys, strategy } = patchStrategyOf(schema(fieldPath));
      if (strategy === REPLACE_DIRECTIVE) {
        if (!o.ignoreChangesAndAdditions) setKey(patch, key, mv);
      } else {
        const pv = diffMaps(ov as JsonObject, mv as JsonObject, fieldPath, schema, { ...o, buildRetainKeysDirective: retainKeys });
        if (nonEmpty(pv)) setKey(patch, key, pv);
      }
    } else if (kindOf(ov) === 'array') {
      const meta = schema(fieldPath);
      const { retainKeys, strategy } = patchStrategyOf(meta);
      if (strategy === MERGE_DIRECTIVE) {
        const [add, del, order] = diffLists(ov as unknown[], mv as unknown[], fieldPath, meta.mergeKey ?? '', schema, { ...o, buildRetainKeysDirective: retainKeys });
        if (add.length > 0) setKey(patch, key, add);
        if (del.length > 0) setKey(patch, `${DELETE_FROM_PRIMITIVE_LIST_PREFIX}/${key}`, del);
        if (order.length > 0) setKey(patch, `${SET_ELEMENT_ORDER_PREFIX}/${key}`, order);
      } else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) {
        setKey(patch, key, mv);
      }
    } else if (!o.ignoreChangesAndAdditions && !jsonEqual(ov, mv)) {
      setKey(patch, key, mv);
    }
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasKey(modified, key)) setKey(patch, key, null);
  }
  if (retainKeysList.length > 0 && (nonEmpty(patch) || hasAdditionalNewField(original, modified))) {
    patch[RETAIN_KEYS_DIRECTIVE] = sortScalars(retainKeysList);
  }
  return patch;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !hasKey(modified, k));
}

/** sortScalars: by their %v text. */
function sortScalars<T>(s: T[]): T[] {
  return s.slice().sort((a, b) => compareBytes(clientV(a), clientV(b)));
}

/** diffLists: [additions and changes, primitive deletions, $setElementOrder] for a merging list. */
function diffLists(original: unknown[], modified: unknown[], path: string[], mergeKey: string, schema: PatchSchema, o: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || o.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementType(original, modified);
  if (kind === 'object') {
    const [changes, deletions] = diffListsOfMaps(original, modified, path, mergeKey, schema, o);
    const patchList = [...normalizeSliceOrder(changes, modified, mergeKey, kind), ...deletions];
    const orderSame = isOrderSame(original, modified, mergeKey);
    let setOrder: unknown[] = [];
    if (o.setElementOrder && ((!o.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!o.ignoreDeletions && patchList.length > 0))) {
      setOrder = modified.map((v) => ({ [mergeKey]: (v as JsonObject)[mergeKey] }));
    }
    return [patchList, [], setOrder];
  }
  if (kind === 'array') throw errNoListOfLists();
  const [additions, deletions] = diffListsOfScalars(original, modified, o);
  const patchList = normalizeSliceOrder(additions, modified, mergeKey, kind);
  const setOrder =
    o.setElementOrder && ((!o.ignoreDeletions && deletions.length > 0) || (!o.ignoreChangesAndAdditions && !jsonEqual(original, modified))) ? modified : [];
  return [patchList, deletions, setOrder];
}

function isOrderSame(original: unknown[], modified: unknown[], mergeKey: string): boolean {
  if (original.length !== modified.length) return false;
  return modified.every((m, i) => mergeKeyValueEqual(original[i], m, mergeKey));
}

function diffListsOfScalars(original: unknown[], modified: unknown[], o: DiffOptions): [unknown[], unknown[]] {
  const os = sortScalars(original);
  const ms = sortScalars(modified);
  const additions: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const oIn = i < os.length;
    const mIn = j < ms.length;
    const oStr = oIn ? clientV(os[i]) : '';
    const mStr = mIn ? clientV(ms[j]) : '';
    if (oIn && mIn && oStr === mStr) {
      i++;
      j++;
    } else if (!oIn || (mIn && oStr > mStr)) {
      if (!o.ignoreChangesAndAdditions) additions.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push(os[i]);
      i++;
    }
  }
  return [additions, deduplicateScalars(deletions)];
}

function diffListsOfMaps(original: unknown[], modified: unknown[], path: string[], mergeKey: string, schema: PatchSchema, o: DiffOptions): [unknown[], unknown[]] {
  const byKey = (l: unknown[]) =>
    l.slice().sort((a, b) => compareBytes(clientV(isJsonObject(a) ? a[mergeKey] : undefined), clientV(isJsonObject(b) ? b[mergeKey] : undefined)));
  const os = byKey(original);
  const ms = byKey(modified);
  const entry = (l: unknown[], idx: number): [JsonObject, unknown, string] => {
    const m = l[idx];
    if (!isJsonObject(m)) throw errBadArgType(MAP_TYPE, m);
    if (!hasKey(m, mergeKey)) throw errNoMergeKey(m, mergeKey);
    return [m, m[mergeKey], clientV(m[mergeKey])];
  };
  const patch: unknown[] = [];
  const deletions: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < os.length || j < ms.length) {
    const oIn = i < os.length;
    const mIn = j < ms.length;
    const [oe, ov, oStr] = oIn ? entry(os, i) : [{}, undefined, ''];
    const [me, mv, mStr] = mIn ? entry(ms, j) : [{}, undefined, ''];
    if (oIn && mIn && oStr === mStr) {
      const pv = diffMaps(oe, me, path, schema, o);
      if (nonEmpty(pv)) {
        setKey(pv, mergeKey, mv);
        patch.push(pv);
      }
      i++;
      j++;
    } else if (!oIn || (mIn && oStr > mStr)) {
      if (!o.ignoreChangesAndAdditions) patch.push(me);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [mergeKey]: ov, [DIRECTIVE_MARKER]: DELETE_DIRECTIVE });
      i++;
    }
  }
  return [patch, deletions];
}

function buildPatch(f: () => JsonObject): PatchBuildResult {
  try {
    return { ok: true, value: sortJsonKeys(f()) };
  } catch (e) {
    if (e instanceof SmpError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * CreateTwoWayMergePatch: the strategic patch from `original` to `modified` (kubectl set image,
 * edit, rollout restart). Keys are sorted, as Go's encoder writes them; `{}` means no change.
 */
export function createTwoWayStrategicPatch(original: unknown, modified: unknown, schema: PatchSchema): PatchBuildResult {
  return buildPatch(() => diffMaps(obj(original), obj(modified), [], schema, { ...NO_FILTER, setElementOrder: true }));
}

/**
 * CreateThreeWayMergePatch, as `kubectl apply` (client side, overwrite on) builds it: changes and
 * additions from `current` (the live object) to `modified` (the manifest), plus deletions of what
 * `original` (the last-applied configuration, if any) had and `modified` dropped. Keys are
 * sorted; `{}` means there is nothing to send.
 */
export function createThreeWayStrategicPatch(original: unknown, modified: unknown, current: unknown, schema: PatchSchema): PatchBuildResult {
  return buildPatch(() => {
    const m = obj(modified);
    const delta = diffMaps(obj(current), m, [], schema, { ...NO_FILTER, setElementOrder: true, ignoreDeletions: true });
    const deletions = diffMaps(obj(original), m, [], schema, { ...NO_FILTER, setElementOrder: true, ignoreChangesAndAdditions: true });
    return mergeMap(deletions, delta, [], { schema, opts: { mergeParallelList: false, ignoreUnmatchedNulls: false } });
  });
}

function obj(v: unknown): JsonObject {
  return isJsonObject(v) ? cloneJson(v) : {};
}

/** For tests and diagnostics: fmt's %v of decoded JSON as the apiserver formats it. */
export const goFormatForTests = goV;
