// Validation after defaulting, with the API server's messages and error order
// (pkg/apis/core/validation/validation.go, pkg/apis/apps/validation/validation.go,
// apimachinery pkg/api/validation/objectmeta.go and pkg/apis/meta/v1/validation, and the
// registry strategies' ValidateUpdate additions). Go iterates maps in random order; where the
// real validator walks a map we walk the object's own key order.

import type { FieldError } from '../../k8s/errors';
import { goQuote } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import type { KubeObject, LabelSelector, ObjectMeta } from '../../k8s/types';
import type { NameValidator } from '../../k8s/names';
import { isDNS1123Label as dns1123Label, isDNS1123Subdomain as dns1123Subdomain, isQualifiedName as qualifiedName, isValidLabelValue, maxLenError, nameValidatorFor, regexError, utf8Length } from '../../k8s/names';
import { labelSelectorAsSelector } from '../../k8s/labels';
import { compareQuantity, parseQuantity, quantityMilliValue } from '../../k8s/quantity';
import { base64DecodedLength } from './defaults';
import { goLabelSelector, goScalar, goServicePortKey, goStringMap, goStringSlice, podSpecDiff } from './gofmt';

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// field.Error constructors (apimachinery pkg/util/validation/field/errors.go)

export function required(field: string, detail = ''): FieldError {
  return detail ? { type: 'FieldValueRequired', field, detail } : { type: 'FieldValueRequired', field };
}

/** `value` is already rendered as Go prints it (see gofmt.ts). */
export function invalid(field: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

export function notSupported(field: string, value: string, supported: readonly string[]): FieldError {
  const e: FieldError = { type: 'FieldValueNotSupported', field, value };
  if (supported.length) e.detail = `supported values: ${supported.map((s) => goQuote(s)).join(', ')}`;
  return e;
}

export function duplicate(field: string, value: string): FieldError {
  return { type: 'FieldValueDuplicate', field, value };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, detail };
}

export function notFound(field: string, value: string): FieldError {
  return { type: 'FieldValueNotFound', field, value };
}

export function tooLong(field: string, maxBytes: number): FieldError {
  return { type: 'FieldValueTooLong', field, detail: `may not be more than ${maxBytes} bytes` };
}

const q = goQuote;

/**
 * A name check remembering the strings it found valid: pods of one template repeat the same
 * label keys, volume, container and service account names ten thousand times.
 */
function memoValid(check: (s: string) => string[]): (s: string) => string[] {
  const valid = new Set<string>();
  return (s) => {
    if (valid.has(s)) return [];
    const errs = check(s);
    if (!errs.length) {
      if (valid.size >= 10_000) valid.clear();
      valid.add(s);
    }
    return errs;
  };
}
const isDNS1123Label = memoValid(dns1123Label);
const isDNS1123Subdomain = memoValid(dns1123Subdomain);
const isQualifiedName = memoValid(qualifiedName);

// ---------------------------------------------------------------------------------------------
// small helpers

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object with at least one own enumerable key. */
function hasOwnKeys(v: unknown): boolean {
  if (!isObj(v)) return false;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return true;
  return false;
}

function arr<T = Obj>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function canon(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.length ? v.map(canon) : undefined;
  if (typeof v === 'object') {
    const o = v as Obj;
    const out: Obj = {};
    for (const k of Object.keys(o).sort()) {
      const c = canon(o[k]);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  return v;
}

/** apiequality.Semantic.DeepEqual on JSON data: nil and empty slices compare equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** ToAggregate drops repeated messages (the pod and service validators report labels twice on update). */
function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const k = `${e.field}\u0000${e.type}\u0000${e.value ?? ''}\u0000${e.detail ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const IS_NEGATIVE = 'must be greater than or equal to 0';
const FIELD_IMMUTABLE = 'field is immutable';
const FILE_MODE = 'must be a number between 0 and 0777 (octal), both inclusive';
const MAX_INT32 = 2147483647;

function inclusiveRange(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

function nonNegative(v: unknown, field: string): FieldError[] {
  return typeof v === 'number' && v < 0 ? [invalid(field, String(v), IS_NEGATIVE)] : [];
}

/** validation.IsValidPortNum */
function isValidPortNum(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : [inclusiveRange(1, 65535)];
}

/** validation.IsValidPortName (IANA_SVC_NAME) */
function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (port.length > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-'))) errs.push('must not begin or end with a hyphen');
  return errs;
}

/** ValidatePortNumOrName: an IntOrString port. */
function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(field, String(port), m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalid(field, q(port), m));
  if (port === undefined || port === null) return [invalid(field, '0', inclusiveRange(1, 65535))];
  return [invalid(field, goScalar(port), inclusiveRange(1, 65535))];
}

/** validation.IsConfigMapKey: data keys of ConfigMaps and Secrets, configMapKeyRef keys. */
export function isConfigMapKey(value: string): string[] {
  const errs: string[] = [];
  if (utf8Length(value) > 253) errs.push(maxLenError(253));
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) {
    errs.push(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", '[-._a-zA-Z0-9]+', 'key.name', 'KEY_NAME', 'key-name'));
  }
  if (value === '.') errs.push("must not be '.'");
  else if (value === '..') errs.push("must not be '..'");
  else if (value.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

/** validation.IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation is on in 1.32). */
function isRelaxedEnvVarName(value: string): string[] {
  const errs: string[] = [];
  if (value.length === 0) errs.push('environment variable name must be non-empty');
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 32 || c > 126 || value[i] === '=') {
      errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='");
      break;
    }
  }
  return errs;
}

/** A rough validation.IsValidIP (net.ParseIP accepts dotted quads and IPv6 text). */
function isValidIP(ip: string): boolean {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (v4) return v4.slice(1).every((p) => Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
  return /^[0-9a-fA-F:.]+$/.test(ip) && ip.includes(':') && ip.split('::').length <= 2;
}

function ipErrors(field: string, ip: string): FieldError[] {
  return isValidIP(ip) ? [] : [invalid(field, q(ip), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

// ---------------------------------------------------------------------------------------------
// ObjectMeta

/** metav1 validation.ValidateLabels: errors carry the map's path, not the key's. */
export function validateLabels(labels: unknown, field: string): FieldError[] {
  if (!isObj(labels)) return [];
  const errs: FieldError[] = [];
  for (const [k, raw] of Object.entries(labels)) {
    for (const msg of isQualifiedName(k)) errs.push(invalid(field, q(k), msg));
    const v = str(raw);
    if (!validLabelValues.has(v)) {
      const verrs = isValidLabelValue(v);
      for (const msg of verrs) errs.push(invalid(field, q(v), msg));
      if (!verrs.length) remember(validLabelValues, v);
    }
  }
  return errs;
}

// Label values already found valid: every pod of a ReplicaSet carries the same ones.
const validLabelValues = new Set<string>();
function remember(set: Set<string>, s: string): void {
  if (set.size >= 10_000) set.clear();
  set.add(s);
}

/** TotalAnnotationSizeLimitB */
const ANNOTATIONS_MAX = 256 * 1024;

export function validateAnnotations(annotations: unknown, field: string): FieldError[] {
  if (!isObj(annotations)) return [];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    // QualifiedName, except that case does not matter.
    for (const msg of isQualifiedName(k.toLowerCase())) errs.push(invalid(field, q(k), msg));
    size += utf8Length(k) + utf8Length(str(v));
  }
  if (size > ANNOTATIONS_MAX) errs.push(tooLong(field, ANNOTATIONS_MAX));
  return errs;
}

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateFinalizers(finalizers: unknown, field: string): FieldError[] {
  const list = arr<string>(finalizers).map(str);
  const errs: FieldError[] = [];
  for (const f of list) for (const msg of isQualifiedName(f)) errs.push(invalid(field, q(f), msg));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(invalid(field, goStringSlice(list), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // core's validateKubeFinalizerName, per index
  list.forEach((f, i) => {
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(invalid(`${field}[${i}]`, q(f), 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

/**
 * ValidateObjectMeta: generateName and name by the kind's rule (skipped when `nameFn` is null,
 * as on updates), then generation, labels, annotations and finalizers. The namespace is the
 * store's business.
 */
export function validateObjectMeta(meta: ObjectMeta | undefined, nameFn: NameValidator | null, path = 'metadata'): FieldError[] {
  const m = (meta ?? {}) as ObjectMeta;
  const errs: FieldError[] = [];
  if (nameFn) {
    if (m.generateName) for (const msg of nameFn(m.generateName, true)) errs.push(invalid(`${path}.generateName`, q(m.generateName), msg));
    if (!m.name) errs.push(required(`${path}.name`, 'name or generateName is required'));
    else for (const msg of nameFn(m.name, false)) errs.push(invalid(`${path}.name`, q(m.name), msg));
  }
  errs.push(...nonNegative(m.generation, `${path}.generation`));
  errs.push(...validateLabels(m.labels, `${path}.labels`));
  errs.push(...validateAnnotations(m.annotations, `${path}.annotations`));
  errs.push(...validateFinalizers(m.finalizers, `${path}.finalizers`));
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Label selectors (metav1 validation.ValidateLabelSelector)

function validateLabelSelector(sel: unknown, field: string): FieldError[] {
  if (!isObj(sel)) return [];
  const errs = validateLabels(sel.matchLabels, `${field}.matchLabels`);
  arr(sel.matchExpressions).forEach((expr, i) => {
    const p = `${field}.matchExpressions[${i}]`;
    const op = str(expr.operator);
    const values = arr<string>(expr.values);
    switch (op) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(invalid(`${p}.operator`, q(op), 'not a valid selector operator'));
    }
    for (const msg of isQualifiedName(str(expr.key))) errs.push(invalid(`${p}.key`, q(str(expr.key)), msg));
    values.forEach((v, j) => {
      for (const msg of isValidLabelValue(str(v))) errs.push(invalid(`${p}.values[${j}]`, q(str(v)), msg));
    });
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Volumes

/** validateVolumeSource's check order, and the (sometimes misspelt) paths it reports. */
const VOLUME_SOURCE_ORDER: [string, string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'], ['glusterfs', 'glusterfs'],
  ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'], ['cinder', 'cinder'], ['cephfs', 'cephFS'],
  ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'], ['flexVolume', 'flexVolume'], ['configMap', 'configMap'],
  ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'], ['photonPersistentDisk', 'photonPersistentDisk'],
  ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'], ['storageos', 'storageos'], ['projected', 'projected'],
  ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'], ['image', 'image'],
];

const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

function validatePathNoBacksteps(p: string, field: string): FieldError[] {
  return p.split('/').includes('..') ? [invalid(field, q(p), "must not contain '..'")] : [];
}

function validateLocalDescendingPath(p: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (p.startsWith('/')) errs.push(invalid(field, q(p), 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(p, field));
  return errs;
}

function validateLocalNonReservedPath(p: string, field: string): FieldError[] {
  const errs = validateLocalDescendingPath(p, field);
  if (p.startsWith('..')) errs.push(invalid(field, q(p), "must not start with '..'"));
  return errs;
}

function validateMode(mode: unknown, field: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [invalid(field, String(mode), FILE_MODE)] : [];
}

function validateKeyToPaths(items: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(items).forEach((kp, i) => {
    const p = `${field}[${i}]`;
    if (!str(kp.key)) errs.push(required(`${p}.key`));
    if (!str(kp.path)) errs.push(required(`${p}.path`));
    errs.push(...validateLocalNonReservedPath(str(kp.path), `${p}.path`));
    errs.push(...validateMode(kp.mode, `${p}.mode`));
  });
  return errs;
}

function validateVolumeSource(vol: Obj, p: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const [key, reported] of VOLUME_SOURCE_ORDER) {
    const src = vol[key];
    if (src === undefined || src === null) continue;
    if (n > 0) {
      errs.push(forbidden(`${p}.${reported}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const s = isObj(src) ? src : {};
    const sp = `${p}.${key}`;
    switch (key) {
      case 'hostPath':
        if (!str(s.path)) {
          errs.push(required(`${sp}.path`));
          break;
        }
        errs.push(...validatePathNoBacksteps(str(s.path), `${sp}.path`));
        if (s.type !== undefined && !HOST_PATH_TYPES.includes(str(s.type))) errs.push(notSupported(`${sp}.type`, q(str(s.type)), HOST_PATH_TYPES));
        break;
      case 'secret':
        if (!str(s.secretName)) errs.push(required(`${sp}.secretName`));
        errs.push(...validateMode(s.defaultMode, `${sp}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${sp}.items`));
        break;
      case 'configMap':
        if (!str(s.name)) errs.push(required(`${sp}.name`));
        errs.push(...validateMode(s.defaultMode, `${sp}.defaultMode`));
        errs.push(...validateKeyToPaths(s.items, `${sp}.items`));
        break;
      case 'persistentVolumeClaim':
        if (!str(s.claimName)) errs.push(required(`${sp}.claimName`));
        break;
      case 'nfs':
        if (!str(s.server)) errs.push(required(`${sp}.server`));
        if (!str(s.path)) errs.push(required(`${sp}.path`));
        else if (!str(s.path).startsWith('/')) errs.push(invalid(`${sp}.path`, q(str(s.path)), 'must be an absolute path'));
        break;
      case 'downwardAPI':
      case 'projected':
        errs.push(...validateMode(s.defaultMode, `${sp}.defaultMode`));
        break;
    }
  }
  if (n === 0) errs.push(required(p, 'must specify a volume type'));
  return errs;
}

/** ValidateVolumes: returns the names later mounts may refer to. */
function validateVolumes(volumes: unknown, field: string): { names: Set<string>; errs: FieldError[] } {
  const names = new Set<string>();
  const errs: FieldError[] = [];
  arr(volumes).forEach((vol, i) => {
    const p = `${field}[${i}]`;
    const name = str(vol.name);
    const el = validateVolumeSource(vol, p);
    if (!name) el.push(required(`${p}.name`));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(`${p}.name`, q(name), msg));
    if (names.has(name)) el.push(duplicate(`${p}.name`, q(name)));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { names, errs };
}

// ---------------------------------------------------------------------------------------------
// Containers

const PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainerPorts(ports: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((port, i) => {
    const p = `${field}[${i}]`;
    const name = str(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(`${p}.name`, q(name), m));
      else if (names.has(name)) errs.push(duplicate(`${p}.name`, q(name)));
      else names.add(name);
    }
    const cp = num(port.containerPort);
    if (!cp) errs.push(required(`${p}.containerPort`));
    else for (const m of isValidPortNum(cp)) errs.push(invalid(`${p}.containerPort`, String(cp), m));
    const hp = num(port.hostPort);
    if (hp) for (const m of isValidPortNum(hp)) errs.push(invalid(`${p}.hostPort`, String(hp), m));
    const proto = str(port.protocol);
    if (!proto) errs.push(required(`${p}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${p}.protocol`, q(proto), PORT_PROTOCOLS));
  });
  return errs;
}

const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateKeySelector(sel: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sel.name);
  for (const msg of isDNS1123Subdomain(name)) errs.push(invalid(`${field}.name`, q(name), msg));
  const key = str(sel.key);
  if (!key) errs.push(required(`${field}.key`));
  else for (const msg of isConfigMapKey(key)) errs.push(invalid(`${field}.key`, q(key), msg));
  return errs;
}

function validateEnv(env: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(env).forEach((ev, i) => {
    const p = `${field}[${i}]`;
    const name = str(ev.name);
    if (!name) errs.push(required(`${p}.name`));
    else for (const msg of isRelaxedEnvVarName(name)) errs.push(invalid(`${p}.name`, q(name), msg));
    const vf = ev.valueFrom;
    if (!isObj(vf)) return;
    const vp = `${p}.valueFrom`;
    let sources = 0;
    if (isObj(vf.fieldRef)) {
      sources++;
      const fr = vf.fieldRef;
      if (!str(fr.apiVersion)) errs.push(required(`${vp}.fieldRef.apiVersion`));
      else if (!str(fr.fieldPath)) errs.push(required(`${vp}.fieldRef.fieldPath`));
      else {
        const fp = str(fr.fieldPath);
        const sub = /^(metadata\.(?:labels|annotations))\['(.*)'\]$/.exec(fp);
        if (sub) {
          const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
          for (const msg of isQualifiedName(key)) errs.push(invalid(`${vp}.fieldRef`, q(key), msg));
        } else if (!ENV_FIELD_PATHS.includes(fp)) {
          errs.push(notSupported(`${vp}.fieldRef.fieldPath`, q(fp), [...ENV_FIELD_PATHS].sort()));
        }
      }
    }
    if (isObj(vf.resourceFieldRef)) {
      sources++;
      const rf = vf.resourceFieldRef;
      const res = str(rf.resource);
      if (!res) errs.push(required(`${vp}.resourceFieldRef.resource`));
      else if (!RESOURCE_FIELD_PATHS.includes(res) && !/^(requests|limits)\.hugepages-/.test(res)) {
        errs.push(notSupported(`${vp}.resourceFieldRef.resource`, q(res), RESOURCE_FIELD_PATHS));
      }
    }
    if (isObj(vf.configMapKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(vf.configMapKeyRef, `${vp}.configMapKeyRef`));
    }
    if (isObj(vf.secretKeyRef)) {
      sources++;
      errs.push(...validateKeySelector(vf.secretKeyRef, `${vp}.secretKeyRef`));
    }
    if (sources === 0) errs.push(invalid(vp, '""', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (str(ev.value)) errs.push(invalid(vp, '""', 'may not be specified when `value` is not empty'));
    else if (sources > 1) errs.push(invalid(vp, '""', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateEnvFrom(envFrom: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(envFrom).forEach((ef, i) => {
    const p = `${field}[${i}]`;
    const prefix = str(ef.prefix);
    if (prefix) for (const msg of isRelaxedEnvVarName(prefix)) errs.push(invalid(`${p}.prefix`, q(prefix), msg));
    let sources = 0;
    for (const k of ['configMapRef', 'secretRef']) {
      const ref = ef[k];
      if (!isObj(ref)) continue;
      sources++;
      const name = str(ref.name);
      for (const msg of isDNS1123Subdomain(name)) errs.push(invalid(`${p}.${k}.name`, q(name), msg));
    }
    if (sources === 0) errs.push(invalid(p, '""', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(invalid(p, '""', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const paths = new Set<string>();
  arr(mounts).forEach((m, i) => {
    const p = `${field}[${i}]`;
    const name = str(m.name);
    const mountPath = str(m.mountPath);
    if (!name) errs.push(required(`${p}.name`));
    if (!volumes.has(name)) errs.push(notFound(`${p}.name`, q(name)));
    if (!mountPath) errs.push(required(`${p}.mountPath`));
    if (paths.has(mountPath)) errs.push(invalid(`${p}.mountPath`, q(mountPath), 'must be unique'));
    paths.add(mountPath);
    // upstream reports sub-path problems against the list's path, not the mount's
    if (str(m.subPath)) errs.push(...validateLocalDescendingPath(str(m.subPath), `${field}.subPath`));
    if (str(m.subPathExpr)) {
      if (str(m.subPath)) errs.push(invalid(`${p}.subPathExpr`, q(str(m.subPathExpr)), 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(str(m.subPathExpr), `${field}.subPathExpr`));
    }
  });
  return errs;
}

const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory',
  'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const isHugePages = (n: string) => n.startsWith('hugepages-');
const isNativeResource = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const isStandardResourceName = (n: string) => STANDARD_RESOURCES.has(n) || isHugePages(n) || n.startsWith('requests.hugepages-');
const isStandardContainerResourceName = (n: string) => n === 'cpu' || n === 'memory' || n === 'ephemeral-storage' || isHugePages(n);
const isExtendedResourceName = (n: string) => !isNativeResource(n) && !n.startsWith('requests.') && isQualifiedName(`requests.${n}`).length === 0;
const isOvercommitAllowed = (n: string) => isNativeResource(n) && !isHugePages(n);

function validateContainerResourceName(name: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const msg of isQualifiedName(name)) errs.push(invalid(field, q(name), msg));
  if (errs.length === 0 && !name.includes('/') && !isStandardResourceName(name)) errs.push(invalid(field, q(name), 'must be a standard resource type or fully qualified'));
  if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name)) errs.push(invalid(field, q(name), 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(field, q(name), "doesn't follow extended resource name standard"));
  }
  return errs;
}

function validateQuantityValue(name: string, value: string, field: string): FieldError[] {
  const r = parseQuantity(value);
  if (!r.ok) return [];
  const errs: FieldError[] = [];
  if (compareQuantity(r.quantity, '0') < 0) errs.push(invalid(field, q(value), IS_NEGATIVE));
  if (isExtendedResourceName(name) && quantityMilliValue(r.quantity) % 1000 !== 0) errs.push(invalid(field, q(value), 'must be an integer'));
  return errs;
}

function validateResources(resources: unknown, field: string): FieldError[] {
  if (!isObj(resources)) return [];
  // `resources: {}` (what defaulting leaves when nothing is asked for): nothing to check
  if (!hasOwnKeys(resources.limits) && !hasOwnKeys(resources.requests)) return [];
  const errs: FieldError[] = [];
  const limPath = `${field}.limits`;
  const reqPath = `${field}.requests`;
  const limits = (isObj(resources.limits) ? resources.limits : {}) as Record<string, unknown>;
  const requests = (isObj(resources.requests) ? resources.requests : {}) as Record<string, unknown>;
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = `${limPath}[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, str(raw), p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = `${reqPath}[${name}]`;
    const value = str(raw);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, value, p));
    if (Object.prototype.hasOwnProperty.call(limits, name)) {
      const limit = str(limits[name]);
      const a = parseQuantity(value);
      const b = parseQuantity(limit);
      if (a.ok && b.ok) {
        const c = compareQuantity(a.quantity, b.quantity);
        if (c !== 0 && !isOvercommitAllowed(name)) errs.push(invalid(reqPath, q(value), `must be equal to ${name} limit of ${limit}`));
        else if (c > 0) errs.push(invalid(reqPath, q(value), `must be less than or equal to ${name} limit of ${limit}`));
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(forbidden(field, 'HugePages require cpu or memory'));
  return errs;
}

function validateSecurityContext(sc: unknown, field: string): FieldError[] {
  if (!isObj(sc)) return [];
  const errs: FieldError[] = [];
  for (const k of ['runAsUser', 'runAsGroup']) {
    const v = sc[k];
    if (typeof v === 'number' && (v < 0 || v > MAX_INT32)) errs.push(invalid(`${field}.${k}`, String(v), inclusiveRange(0, MAX_INT32)));
  }
  return errs;
}

function validateHandler(h: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const one = (key: string, check: (v: Obj, p: string) => FieldError[]) => {
    const v = h[key];
    if (!isObj(v)) return;
    if (n > 0) errs.push(forbidden(`${field}.${key}`, 'may not specify more than 1 handler type'));
    else {
      n++;
      errs.push(...check(v, `${field}.${key}`));
    }
  };
  one('exec', (v, p) => (arr(v.command).length === 0 ? [required(`${p}.command`)] : []));
  one('httpGet', (v, p) => {
    const e: FieldError[] = [];
    if (!str(v.path)) e.push(required(`${p}.path`));
    e.push(...validatePortNumOrName(v.port, `${p}.port`));
    const scheme = str(v.scheme);
    if (scheme !== 'HTTP' && scheme !== 'HTTPS') e.push(notSupported(`${p}.scheme`, q(scheme), ['HTTP', 'HTTPS']));
    return e;
  });
  one('tcpSocket', (v, p) => validatePortNumOrName(v.port, `${p}.port`));
  one('grpc', (v, p) => validatePortNumOrName(num(v.port), `${p}.port`));
  one('sleep', () => []);
  if (n === 0) errs.push(required(field, 'must specify a handler type'));
  return errs;
}

function validateProbe(probe: unknown, field: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!isObj(probe)) return [];
  const errs = validateHandler(probe, field);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errs.push(...nonNegative(probe[k], `${field}.${k}`));
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(invalid(`${field}.terminationGracePeriodSeconds`, String(tgps), 'must be greater than 0'));
  if (kind !== 'readiness' && num(probe.successThreshold) !== 1) errs.push(invalid(`${field}.successThreshold`, String(num(probe.successThreshold)), 'must be 1'));
  if (kind === 'readiness' && tgps !== undefined && tgps !== null) errs.push(invalid(`${field}.terminationGracePeriodSeconds`, String(tgps), 'must not be set for readinessProbes'));
  return errs;
}

function validateLifecycle(lc: unknown, field: string): FieldError[] {
  if (!isObj(lc)) return [];
  const errs: FieldError[] = [];
  for (const k of ['postStart', 'preStop']) if (isObj(lc[k])) errs.push(...validateHandler(lc[k] as Obj, `${field}.${k}`));
  return errs;
}

function validateContainerCommon(c: Obj, volumes: Set<string>, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(c.name);
  if (!name) errs.push(required(`${p}.name`));
  else for (const msg of isDNS1123Label(name)) errs.push(invalid(`${p}.name`, q(name), msg));
  if (!str(c.image)) errs.push(required(`${p}.image`));
  const tmp = str(c.terminationMessagePolicy);
  if (!tmp) errs.push(required(`${p}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(`${p}.terminationMessagePolicy`, q(tmp), ['File', 'FallbackToLogsOnError']));
  errs.push(...validateContainerPorts(c.ports, `${p}.ports`));
  errs.push(...validateEnv(c.env, `${p}.env`));
  errs.push(...validateEnvFrom(c.envFrom, `${p}.envFrom`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${p}.volumeMounts`));
  const pull = str(c.imagePullPolicy);
  if (!pull) errs.push(required(`${p}.imagePullPolicy`));
  else if (!PULL_POLICIES.includes(pull)) errs.push(notSupported(`${p}.imagePullPolicy`, q(pull), PULL_POLICIES));
  errs.push(...validateResources(c.resources, `${p}.resources`));
  errs.push(...validateSecurityContext(c.securityContext, `${p}.securityContext`));
  return errs;
}

/** AccumulateUniqueHostPorts: `protocol/hostIP/port` must be unique. */
function checkHostPortConflicts(containers: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    arr(c.ports).forEach((port, pi) => {
      const hp = num(port.hostPort);
      if (!hp) return;
      const key = `${str(port.protocol)}/${str(port.hostIP)}/${hp}`;
      if (seen.has(key)) errs.push(duplicate(`${field}[${ci}].ports[${pi}].hostPort`, q(key)));
      else seen.add(key);
    });
  });
  return errs;
}

function validateContainers(containers: unknown, volumes: Set<string>, field: string): FieldError[] {
  const list = arr(containers);
  if (list.length === 0) return [required(field)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, q(name)));
    else names.add(name);
    errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) errs.push(forbidden(`${p}.restartPolicy`, 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(list, field));
  return errs;
}

function validateInitContainers(inits: unknown, regular: unknown, volumes: Set<string>, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set(arr(regular).map((c) => str(c.name)));
  arr(inits).forEach((c, i) => {
    const p = `${field}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, p));
    let restartAlways = false;
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      const rp = str(c.restartPolicy);
      if (rp !== 'Always') errs.push(notSupported(`${p}.restartPolicy`, q(rp), ['Always']));
      restartAlways = rp === 'Always';
    }
    const name = str(c.name);
    if (names.has(name)) errs.push(duplicate(`${p}.name`, q(name)));
    else if (name) names.add(name);
    // upstream checks each init container on its own, so the index is always 0
    errs.push(...checkHostPortConflicts([c], field));
    if (restartAlways) {
      errs.push(...validateLifecycle(c.lifecycle, `${p}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe, `${p}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe, `${p}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe, `${p}.startupProbe`, 'startup'));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      for (const k of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) if (c[k] !== undefined && c[k] !== null) errs.push(forbidden(`${p}.${k}`, msg));
    }
  });
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t, i) => {
    const p = `${field}[${i}]`;
    const key = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (key) for (const msg of isQualifiedName(key)) errs.push(invalid(`${p}.key`, q(key), msg));
    if (!key && op !== 'Exists') errs.push(invalid(`${p}.operator`, q(op), 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(invalid(`${p}.effect`, q(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(value);
      if (msgs.length) errs.push(invalid(`${p}.operator`, q(value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (value) errs.push(invalid(`${p}.operator`, q(value), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(notSupported(`${p}.operator`, q(op), ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, q(effect), TAINT_EFFECTS));
  });
  return errs;
}

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** ValidatePodSpec, for pods and pod templates. */
export function validatePodSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) errs.push(required(`${field}.terminationGracePeriodSeconds`));
  const vols = validateVolumes(spec.volumes, `${field}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, `${field}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, `${field}.initContainers`));
  if (spec.hostNetwork === true) {
    arr(spec.containers).forEach((c, i) => {
      arr(c.ports).forEach((port, j) => {
        const hp = num(port.hostPort);
        const cp = num(port.containerPort);
        // templates may leave hostPort 0; pods have it defaulted to containerPort
        if (hp !== 0 && hp !== cp) errs.push(invalid(`${field}.containers[${i}].ports[${j}].hostPort`, String(hp), 'must match `containerPort` when `hostNetwork` is true'));
      });
    });
  }
  const rp = str(spec.restartPolicy);
  if (!rp) errs.push(required(`${field}.restartPolicy`));
  else if (!RESTART_POLICIES.includes(rp)) errs.push(notSupported(`${field}.restartPolicy`, q(rp), RESTART_POLICIES));
  const dns = str(spec.dnsPolicy);
  if (!dns) errs.push(required(`${field}.dnsPolicy`));
  else if (!DNS_POLICIES.includes(dns)) errs.push(notSupported(`${field}.dnsPolicy`, q(dns), DNS_POLICIES));
  errs.push(...validateLabels(spec.nodeSelector, `${field}.nodeSelector`));
  errs.push(...validateSecurityContext(spec.securityContext, `${field}.securityContext`));
  arr(spec.readinessGates).forEach((g, i) => {
    for (const msg of isQualifiedName(str(g.conditionType))) errs.push(invalid(`${field}.readinessGates[${i}].conditionType`, q(str(g.conditionType)), msg));
  });
  const sa = str(spec.serviceAccountName);
  if (sa) for (const msg of isDNS1123Subdomain(sa)) errs.push(invalid(`${field}.serviceAccountName`, q(sa), msg));
  const node = str(spec.nodeName);
  if (node) for (const msg of isDNS1123Subdomain(node)) errs.push(invalid(`${field}.nodeName`, q(node), msg));
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number' && (ads < 1 || ads > MAX_INT32)) errs.push(invalid(`${field}.activeDeadlineSeconds`, String(ads), inclusiveRange(1, MAX_INT32)));
  for (const k of ['hostname', 'subdomain']) {
    const v = str(spec[k]);
    if (v) for (const msg of isDNS1123Label(v)) errs.push(invalid(`${field}.${k}`, q(v), msg));
  }
  errs.push(...validateTolerations(spec.tolerations, `${field}.tolerations`));
  const pcn = str(spec.priorityClassName);
  if (pcn) for (const msg of isDNS1123Subdomain(pcn)) errs.push(invalid(`${field}.priorityClassName`, q(pcn), msg));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null) {
    const pp = str(spec.preemptionPolicy);
    if (!pp) errs.push(required(`${field}.preemptionPolicy`));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(`${field}.preemptionPolicy`, q(pp), ['PreemptLowerPriority', 'Never']));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Pods

function validatePodSpecificAnnotations(meta: ObjectMeta | undefined): FieldError[] {
  const cost = meta?.annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (cost === undefined) return [];
  const ok = /^[+-]?\d+$/.test(cost) && Number(cost) >= -2147483648 && Number(cost) <= MAX_INT32;
  return ok ? [] : [invalid('metadata.annotations[controller.kubernetes.io/pod-deletion-cost]', q(cost), 'must be a 32bit integer')];
}

/** validatePodMetadataAndSpec */
function validatePodMetadataAndSpec(pod: KubeObject, nameFn: NameValidator | null): FieldError[] {
  const spec = (isObj(pod.spec) ? pod.spec : {}) as Obj;
  const errs = validateObjectMeta(pod.metadata, nameFn);
  errs.push(...validatePodSpecificAnnotations(pod.metadata));
  errs.push(...validatePodSpec(spec, 'spec'));
  if (!str(spec.serviceAccountName)) {
    arr(spec.volumes).forEach((v, vi) => {
      if (!isObj(v.projected)) return;
      arr(v.projected.sources).forEach((s, si) => {
        if (isObj(s.serviceAccountToken)) errs.push(forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
      });
    });
  }
  for (const k of ['containers', 'initContainers']) {
    arr(spec[k]).forEach((c, i) => {
      const image = str(c.image);
      if (image.length !== image.trim().length) errs.push(invalid(`spec.${k}[${i}].image`, q(image), 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

function validatePodCreate(pod: KubeObject): FieldError[] {
  const spec = (isObj(pod.spec) ? pod.spec : {}) as Obj;
  const errs = validatePodMetadataAndSpec(pod, nameValidatorFor('pods'));
  if (arr(spec.ephemeralContainers).length > 0) errs.push(forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  if (str(spec.nodeName) && arr(spec.schedulingGates).length > 0) errs.push(forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  return errs;
}

export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(next: unknown, prev: unknown, field: string): { errs: FieldError[]; stop: boolean } {
  const a = arr(next);
  const b = arr(prev);
  if (a.length !== b.length) return { errs: [forbidden(field, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  a.forEach((c, i) => {
    const image = str(c.image);
    if (!image) errs.push(required(`${field}[${i}].image`));
    if (image.trim().length !== image.length) errs.push(invalid(`${field}[${i}].image`, q(image), 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(next: unknown, prev: unknown, field: string): FieldError[] {
  const newT = arr(next);
  for (const old of arr(prev)) {
    const found = newT.some((t) => semanticEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [forbidden(field, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, field);
}

/** The internal PodSpec keeps hostNetwork & co. inside its security context. */
function internalSpecView(spec: Obj): Obj {
  const { serviceAccount: _sa, hostNetwork, hostPID, hostIPC, shareProcessNamespace, ...rest } = spec;
  void _sa;
  const sc = { ...((isObj(rest.securityContext) ? rest.securityContext : {}) as Obj) };
  if (hostNetwork) sc.hostNetwork = hostNetwork;
  if (hostPID) sc.hostPID = hostPID;
  if (hostIPC) sc.hostIPC = hostIPC;
  if (shareProcessNamespace !== undefined) sc.shareProcessNamespace = shareProcessNamespace;
  if (isObj(rest.securityContext) || Object.keys(sc).length) rest.securityContext = sc;
  return rest;
}

function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const spec = (isObj(pod.spec) ? pod.spec : {}) as Obj;
  const oldSpec = (isObj(old.spec) ? old.spec : {}) as Obj;
  const errs = validateObjectMeta(pod.metadata, null);
  errs.push(...validatePodMetadataAndSpec(pod, null));

  let r = validateContainerUpdates(spec.containers, oldSpec.containers, 'spec.containers');
  errs.push(...r.errs);
  if (r.stop) return errs;
  r = validateContainerUpdates(spec.initContainers, oldSpec.initContainers, 'spec.initContainers');
  errs.push(...r.errs);
  if (r.stop) return errs;

  const ads = spec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(invalid('spec.activeDeadlineSeconds', String(ads), inclusiveRange(0, MAX_INT32)));
      return errs;
    }
    if (typeof oldAds === 'number' && oldAds < ads) {
      errs.push(invalid('spec.activeDeadlineSeconds', String(ads), 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (typeof oldAds === 'number') {
    errs.push(invalid('spec.activeDeadlineSeconds', '"null"', 'must not update from a positive integer to nil value'));
  }
  errs.push(...validateOnlyAddedTolerations(spec.tolerations, oldSpec.tolerations, 'spec.tolerations'));

  if (semanticEqual(spec, oldSpec)) return errs;
  // Munge the fields that may change, then anything left over is forbidden.
  const munged: Obj = { ...spec };
  const withImages = (next: unknown, prev: unknown) => {
    const p = arr(prev);
    const n = arr(next);
    return n.length ? n.map((c, i) => ({ ...c, image: p[i]?.image })) : next;
  };
  munged.containers = withImages(spec.containers, oldSpec.containers);
  munged.initContainers = withImages(spec.initContainers, oldSpec.initContainers);
  munged.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  munged.schedulingGates = oldSpec.schedulingGates;
  munged.tolerations = oldSpec.tolerations;
  const oldTgps = oldSpec.terminationGracePeriodSeconds;
  if (typeof oldTgps === 'number' && oldTgps < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldTgps;
  if (!semanticEqual(munged, oldSpec)) {
    const diff = podSpecDiff(internalSpecView(oldSpec), internalSpecView(munged));
    errs.push(forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// Deployments and ReplicaSets

/**
 * The selector checks of ValidateDeploymentSpec/ValidateReplicaSetSpec, then the template
 * (ValidatePodTemplateSpecForReplicaSet). Returns errors in upstream order.
 */
function validateSelectorAndTemplate(spec: Obj, kind: 'ReplicaSet' | 'Deployment'): FieldError[] {
  const errs: FieldError[] = [];
  const sel = spec.selector;
  if (sel === undefined || sel === null) {
    errs.push(required('spec.selector'));
  } else {
    errs.push(...validateLabelSelector(sel, 'spec.selector'));
    const s = isObj(sel) ? (sel as LabelSelector) : {};
    if (Object.keys(s.matchLabels ?? {}).length + arr(s.matchExpressions).length === 0) {
      errs.push(invalid('spec.selector', goLabelSelector(s), 'empty selector is invalid for deployment'));
    }
  }
  const parsed = labelSelectorAsSelector(isObj(sel) ? (sel as LabelSelector) : sel === undefined || sel === null ? undefined : {});
  if (!parsed.ok) {
    errs.push(invalid('spec.selector', goLabelSelector(sel as LabelSelector), 'invalid label selector'));
    return errs;
  }
  const template = spec.template;
  if (!isObj(template)) {
    errs.push(required('spec.template'));
    return errs;
  }
  const meta = (isObj(template.metadata) ? template.metadata : {}) as ObjectMeta;
  if (!parsed.selector.empty() && !parsed.selector.matches(meta.labels ?? {})) {
    errs.push(invalid('spec.template.metadata.labels', goStringMap(meta.labels), '`selector` does not match template `labels`'));
  }
  // ValidatePodTemplateSpec: note the paths, `spec.template.labels` (no `metadata`).
  errs.push(...validateLabels(meta.labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  const podSpec = (isObj(template.spec) ? template.spec : {}) as Obj;
  errs.push(...validatePodSpec(podSpec, 'spec.template.spec'));
  if (arr(podSpec.ephemeralContainers).length > 0) errs.push(forbidden('spec.template.spec.ephemeralContainers', 'ephemeral containers not allowed in pod template'));
  const rp = str(podSpec.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported('spec.template.spec.restartPolicy', q(rp), ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

function isPercent(s: string): boolean {
  return /^[0-9]+%$/.test(s);
}

function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && isPercent(v)) return Number(v.slice(0, -1));
  return 0;
}

/** %#v of an intstr.IntOrString */
function goIntOrString(v: unknown): string {
  if (typeof v === 'number') return `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`;
  return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(str(v))}}`;
}

function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') {
    return isPercent(v) ? [] : [invalid(field, goIntOrString(v), regexError('a valid percent string must be a numeric string followed by an ending \'%\'', '[0-9]+%', '1%', '93%'))];
  }
  if (typeof v === 'number') return nonNegative(v, field);
  return [];
}

function validateDeploymentStrategy(strategy: unknown): FieldError[] {
  const s = (isObj(strategy) ? strategy : {}) as Obj;
  const type = str(s.type);
  const errs: FieldError[] = [];
  if (type === 'Recreate') {
    if (s.rollingUpdate !== undefined && s.rollingUpdate !== null) errs.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type === 'RollingUpdate') {
    if (!isObj(s.rollingUpdate)) {
      errs.push(required('spec.strategy.rollingUpdate', 'this should be defaulted and never be nil'));
    } else {
      const ru = s.rollingUpdate;
      errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable'));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, 'spec.strategy.rollingUpdate.maxSurge'));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      if (typeof ru.maxUnavailable === 'string' && isPercent(ru.maxUnavailable) && intOrPercentValue(ru.maxUnavailable) > 100) {
        errs.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
      }
    }
  } else {
    const rendered = `apps.DeploymentStrategy{Type:${q(type)}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    errs.push(notSupported('spec.strategy', rendered, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

function validateDeployment(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const errs = validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('deployments'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...validateSelectorAndTemplate(spec, 'Deployment'));
  errs.push(...validateDeploymentStrategy(spec.strategy));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= num(spec.minReadySeconds)) {
      errs.push(invalid('spec.progressDeadlineSeconds', String(spec.progressDeadlineSeconds), 'must be greater than minReadySeconds'));
    }
  }
  if (old) errs.push(...selectorImmutable(spec, old));
  return errs;
}

function validateReplicaSet(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const errs = validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('replicasets'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateSelectorAndTemplate(spec, 'ReplicaSet'));
  if (old) errs.push(...selectorImmutable(spec, old));
  return errs;
}

/** The apps/v1 strategies' ValidateUpdate: the selector may not change. */
function selectorImmutable(spec: Obj, old: KubeObject): FieldError[] {
  const prev = (isObj(old.spec) ? old.spec : {}) as Obj;
  if (semanticEqual(spec.selector, prev.selector)) return [];
  return [invalid('spec.selector', goLabelSelector(spec.selector as LabelSelector), FIELD_IMMUTABLE)];
}

// ---------------------------------------------------------------------------------------------
// Services

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

function isHeadless(spec: Obj): boolean {
  const ips = arr<string>(spec.clusterIPs);
  return ips.length === 1 && ips[0] === 'None';
}

function validateService(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const prev = old && isObj(old.spec) ? (old.spec as Obj) : undefined;
  const errs: FieldError[] = [];
  if (old && prev) {
    errs.push(...validateObjectMeta(obj.metadata, null));
    errs.push(...validateUpgradeDowngradeClusterIPs(prev, spec));
  }
  errs.push(...validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('services')));
  const type = str(spec.type);
  const ports = arr(spec.ports);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(required('spec.ports'));
  if (type === 'LoadBalancer' && headless) errs.push(invalid('spec.clusterIPs[0]', q('None'), "may not be set to 'None' for LoadBalancer services"));
  if (type === 'NodePort' && headless) errs.push(invalid('spec.clusterIPs[0]', q('None'), "may not be set to 'None' for NodePort services"));
  if (type === 'ExternalName') {
    if (arr(spec.clusterIPs).length > 0) errs.push(forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (arr(spec.ipFamilies).length > 0) errs.push(forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) errs.push(forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) for (const msg of isDNS1123Subdomain(cname)) errs.push(invalid('spec.externalName', q(cname), msg));
    else errs.push(required('spec.externalName'));
  }
  const portNames = new Set<string>();
  ports.forEach((p, i) => {
    const pp = `spec.ports[${i}]`;
    const name = str(p.name);
    if (ports.length > 1 && !name) errs.push(required(`${pp}.name`));
    else if (name) {
      for (const msg of isDNS1123Label(name)) errs.push(invalid(`${pp}.name`, q(name), msg));
      if (portNames.has(name)) errs.push(duplicate(`${pp}.name`, q(name)));
      else portNames.add(name);
    }
    for (const msg of isValidPortNum(num(p.port))) errs.push(invalid(`${pp}.port`, String(num(p.port)), msg));
    const proto = str(p.protocol);
    if (!proto) errs.push(required(`${pp}.protocol`));
    else if (!PORT_PROTOCOLS.includes(proto)) errs.push(notSupported(`${pp}.protocol`, q(proto), PORT_PROTOCOLS));
    errs.push(...validatePortNumOrName(p.targetPort, `${pp}.targetPort`));
    if (p.appProtocol !== undefined && p.appProtocol !== null) {
      for (const msg of isQualifiedName(str(p.appProtocol))) errs.push(invalid(`${pp}.appProtocol`, q(str(p.appProtocol)), msg));
    }
  });
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(notSupported('spec.sessionAffinity', q(affinity), ['ClientIP', 'None']));
  if (affinity === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) {
    errs.push(forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (affinity === 'ClientIP') {
    const t = (spec.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined)?.clientIP?.timeoutSeconds;
    if (typeof t === 'number' && (t <= 0 || t > 86400)) errs.push(invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', String(t), 'must be greater than 0 and less than 86400'));
  }
  errs.push(...validateClusterIPsRelatedFields(spec, type));
  arr<string>(spec.externalIPs).forEach((ip, i) => errs.push(...ipErrors(`spec.externalIPs[${i}]`, str(ip))));
  if (!type) errs.push(required('spec.type'));
  else if (!SERVICE_TYPES.includes(type)) errs.push(notSupported('spec.type', q(type), SERVICE_TYPES));
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (num(p.nodePort) !== 0) errs.push(forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (!np) return;
    const key = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(key)) errs.push(duplicate(`spec.ports[${i}].nodePort`, String(np)));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${str(p.protocol)}/${num(p.port)}`;
    if (seen.has(key)) errs.push(duplicate(`spec.ports[${i}]`, goServicePortKey(str(p.protocol), num(p.port))));
    seen.add(key);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') {
    errs.push(forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null)) {
    errs.push(required('allocateLoadBalancerNodePorts'));
  }
  // external traffic policy
  const externallyAccessible = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(spec.externalIPs).length > 0);
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible) {
    if (etp) errs.push(invalid('spec.externalTrafficPolicy', q(etp), 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(notSupported('spec.externalTrafficPolicy', q(etp), ['Cluster', 'Local']));
  const hc = num(spec.healthCheckNodePort);
  if (!(type === 'LoadBalancer' && etp === 'Local')) {
    if (hc !== 0) errs.push(invalid('spec.healthCheckNodePort', String(hc), "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  } else if (hc === 0) errs.push(required('spec.healthCheckNodePort'));
  else for (const msg of isValidPortNum(hc)) errs.push(invalid('spec.healthCheckNodePort', String(hc), msg));
  // internal traffic policy
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP')) errs.push(required('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== null && itp !== 'Cluster' && itp !== 'Local') errs.push(notSupported('spec.internalTrafficPolicy', q(str(itp)), ['Cluster', 'Local']));
  // The node-port allocator's range check (it runs before validation upstream).
  ports.forEach((p, i) => {
    const np = num(p.nodePort);
    if (np && (np < NODE_PORT_MIN || np > NODE_PORT_MAX) && (!prev || !arr(prev.ports).some((o) => num(o.nodePort) === np))) {
      errs.push(invalid(`spec.ports[${i}].nodePort`, String(np), `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`));
    }
  });
  return errs;
}

function validateClusterIPsRelatedFields(spec: Obj, type: string): FieldError[] {
  if (type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const clusterIP = str(spec.clusterIP);
  const clusterIPs = arr<string>(spec.clusterIPs).map(str);
  if (spec.ipFamilyPolicy === undefined || spec.ipFamilyPolicy === null) errs.push(required('spec.ipFamilyPolicy'));
  if (clusterIP) {
    if (clusterIPs.length === 0) errs.push(required('spec.clusterIPs'));
    else if (clusterIPs[0] !== clusterIP) errs.push(invalid('spec.clusterIPs', goStringSlice(clusterIPs), 'first value must match `clusterIP`'));
  } else if (clusterIPs.length !== 0) {
    errs.push(invalid('spec.clusterIPs', goStringSlice(clusterIPs), 'must be empty when `clusterIP` is not specified'));
  }
  const families = new Set<string>();
  arr<string>(spec.ipFamilies).forEach((f, i) => {
    const fam = str(f);
    if (fam !== 'IPv4' && fam !== 'IPv6') errs.push(notSupported(`spec.ipFamilies[${i}]`, q(fam), ['IPv4', 'IPv6']));
    if (families.has(fam)) errs.push(duplicate(`spec.ipFamilies[${i}]`, q(fam)));
    families.add(fam);
  });
  const policy = spec.ipFamilyPolicy;
  if (policy !== undefined && policy !== null && !['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(str(policy))) {
    errs.push(notSupported('spec.ipFamilyPolicy', q(str(policy)), ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
  }
  let bad = false;
  clusterIPs.forEach((ip, i) => {
    if (i === 0 && ip === 'None') {
      if (clusterIPs.length > 1) {
        bad = true;
        errs.push(invalid('spec.clusterIPs', goStringSlice(clusterIPs), "'None' must be the first and only value"));
      }
      return;
    }
    const e = ipErrors(`spec.clusterIPs[${i}]`, ip);
    if (e.length) bad = true;
    errs.push(...e);
  });
  if (clusterIPs.length > 2) errs.push(invalid('spec.clusterIPs', goStringSlice(clusterIPs), 'may only hold up to 2 values'));
  void bad; // upstream stops here before its dual-stack checks, which a single-stack cluster never reaches
  return errs;
}

/** validateUpgradeDowngradeClusterIPs: the primary cluster IP may not change. */
function validateUpgradeDowngradeClusterIPs(prev: Obj, spec: Obj): FieldError[] {
  if (str(spec.type) === 'ExternalName' || str(prev.type) === 'ExternalName') return [];
  if (isHeadless(prev) && isHeadless(spec)) return [];
  const a = arr<string>(prev.clusterIPs).map(str);
  const b = arr<string>(spec.clusterIPs).map(str);
  const errs: FieldError[] = [];
  if (a.length === b.length) {
    a.forEach((ip, i) => {
      if (ip !== b[i]) errs.push(invalid(`spec.clusterIPs[${i}]`, goStringSlice(b), 'may not change once set'));
    });
  } else if (a.length > b.length) {
    if (b.length === 0) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(spec.clusterIPs as string[] | undefined), 'primary clusterIP can not be unset'));
    if (a.length > 0 && b.length > 0 && a[0] !== b[0]) errs.push(invalid('spec.clusterIPs[0]', goStringSlice(b), 'may not change once set'));
  } else if (a.length > 0 && a[0] !== b[0]) {
    errs.push(invalid('spec.clusterIPs[0]', goStringSlice(b), 'may not change once set'));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------
// ConfigMaps, Secrets, Namespaces, Nodes

/** MaxSecretSize, also the ConfigMap limit. */
const MAX_DATA_SIZE = 1024 * 1024;

function validateConfigMap(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const o = obj as Obj;
  const errs: FieldError[] = [];
  if (old) {
    errs.push(...validateObjectMeta(obj.metadata, null));
    const prev = old as Obj;
    if (prev.immutable === true) {
      if (o.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!semanticEqual(o.data, prev.data)) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
      if (!semanticEqual(o.binaryData, prev.binaryData)) errs.push(forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
  }
  errs.push(...validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('configmaps')));
  let size = 0;
  const data = (isObj(o.data) ? o.data : {}) as Obj;
  const binary = (isObj(o.binaryData) ? o.binaryData : {}) as Obj;
  for (const [k, v] of Object.entries(data)) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, q(k), msg));
    if (Object.prototype.hasOwnProperty.call(binary, k)) errs.push(invalid(`data[${k}]`, q(k), 'duplicate of key present in binaryData'));
    size += utf8Length(str(v));
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(`binaryData[${k}]`, q(k), msg));
    size += base64DecodedLength(str(v));
  }
  if (size > MAX_DATA_SIZE) errs.push(tooLong('', MAX_DATA_SIZE));
  return errs;
}

function validateSecret(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const o = obj as Obj;
  const errs: FieldError[] = [];
  if (old) {
    const prev = old as Obj;
    errs.push(...validateObjectMeta(obj.metadata, null));
    if (str(o.type) !== str(prev.type)) errs.push(invalid('type', q(str(o.type)), FIELD_IMMUTABLE));
    if (prev.immutable === true) {
      if (o.immutable !== true) errs.push(forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!semanticEqual(o.data, prev.data)) errs.push(forbidden('data', 'field is immutable when `immutable` is set'));
    }
  }
  errs.push(...validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('secrets')));
  const data = (isObj(o.data) ? o.data : {}) as Obj;
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const msg of isConfigMapKey(k)) errs.push(invalid(`data[${k}]`, q(k), msg));
    size += base64DecodedLength(str(v));
  }
  if (size > MAX_DATA_SIZE) errs.push(tooLong('data', MAX_DATA_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  switch (str(o.type)) {
    case 'kubernetes.io/service-account-token':
      if (!obj.metadata?.annotations?.['kubernetes.io/service-account.name']) errs.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(required('data[.dockercfg]'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(required('data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(required('data[username]'), required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!str(data['ssh-privatekey'])) errs.push(required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(required('data[tls.key]'));
      break;
  }
  return errs;
}

function validateNamespace(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (old) return validateObjectMeta(obj.metadata, null);
  const errs = validateObjectMeta(obj.metadata, nameValidatorFor('namespaces'));
  const spec = (isObj((obj as Obj).spec) ? (obj as Obj).spec : {}) as Obj;
  for (const f of arr<string>(spec.finalizers).map(str)) {
    for (const msg of isQualifiedName(f)) errs.push(invalid('spec.finalizers', q(f), msg));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(invalid('spec.finalizers', q(f), 'name is neither a standard finalizer name nor is it fully qualified'));
  }
  return errs;
}

function validateNode(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errs = validateObjectMeta(obj.metadata, old ? null : nameValidatorFor('nodes'));
  const spec = (isObj((obj as Obj).spec) ? (obj as Obj).spec : {}) as Obj;
  const seen = new Map<string, Set<string>>();
  // upstream reports node taints under metadata.taints
  arr(spec.taints).forEach((t, i) => {
    const p = `metadata.taints[${i}]`;
    const key = str(t.key);
    for (const msg of isQualifiedName(key)) errs.push(invalid(`${p}.key`, q(key), msg));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length) errs.push(invalid(`${p}.value`, q(str(t.value)), msgs.join(';')));
    const effect = str(t.effect);
    if (!effect) errs.push(required(`${p}.effect`));
    else if (!TAINT_EFFECTS.includes(effect)) errs.push(notSupported(`${p}.effect`, q(effect), TAINT_EFFECTS));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(key)) {
      errs.push({ ...duplicate(p, `core.Taint{Key:${q(key)}, Value:${q(str(t.value))}, Effect:${q(effect)}, TimeAdded:<nil>}`), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(key);
    seen.set(effect, keys);
  });
  return errs;
}

// ---------------------------------------------------------------------------------------------

/** Validation after defaulting: field errors in the order the real validator reports them. */
export function validateObject(info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  let errs: FieldError[];
  switch (info.resource) {
    case 'pods':
      errs = old ? validatePodUpdate(obj, old) : validatePodCreate(obj);
      break;
    case 'deployments':
      errs = validateDeployment(obj, old);
      break;
    case 'replicasets':
      errs = validateReplicaSet(obj, old);
      break;
    case 'services':
      errs = validateService(obj, old);
      break;
    case 'configmaps':
      errs = validateConfigMap(obj, old);
      break;
    case 'secrets':
      errs = validateSecret(obj, old);
      break;
    case 'namespaces':
      errs = validateNamespace(obj, old);
      break;
    case 'nodes':
      errs = validateNode(obj, old);
      break;
    default:
      // serviceaccounts, endpoints, events, endpointslices: object metadata only.
      errs = validateObjectMeta(obj.metadata, old ? null : nameValidatorFor(info.resource));
  }
  return dedupe(errs);
}

