// `kubectl create -f FILE` and the generators Podbook runs (kubectl pkg/cmd/create, v1.32):
// `create deployment`, `create namespace`, `create configmap`, `create secret generic`,
// `create service clusterip|nodeport`. Objects are built in Go struct field order, so
// `--dry-run=client -o json` matches the real binary (VERIFIED against kubectl 1.32.5).

import { ApiError, errorString } from '../../k8s/errors';
import type { ResourceInfo } from '../../k8s/resources';
import type { KubeObject } from '../../k8s/types';
import { KubectlError, errorText, printError } from '../invocation';
import type { Invocation, Verb } from '../invocation';
import { dryRunOf, fieldValidationOf, printResult, requireFlags, manifestOrigin, resourceFor, str, strings, usageError } from './common';
import type { DryRun, Obj } from './common';
import { loadManifests } from './manifest-files';
import { notSupportedMessage } from './unsupported';

/** cmdutil.AddSourceToErr: an API error's message gains `error when <verb> "<source>": `. */
export function addSourceToErr(verb: string, source: string, e: unknown): unknown {
  if (!(e instanceof ApiError) || !source) return e;
  return new ApiError({ ...e.status, message: `error when ${verb} ${JSON.stringify(source)}: ${e.status.message ?? ''}` });
}

/** The namespace an object from a file goes to; kubectl refuses a mismatch with an explicit -n. */
export function namespaceForObject(inv: Invocation, info: ResourceInfo, obj: Obj): string | undefined {
  if (!info.namespaced) return undefined;
  const meta = (obj.metadata ?? {}) as Obj;
  const own = str(meta.namespace);
  if (own && inv.namespaceExplicit && own !== inv.namespace) {
    throw new KubectlError(`the namespace from the provided object ${JSON.stringify(own)} does not match the namespace ${JSON.stringify(inv.namespace)}. You must pass '--namespace=${own}' to perform this operation.`);
  }
  return own || inv.namespace;
}

/**
 * `wrap`: the typed generators wrap the server's error in their own words and print it as a plain
 * error — `error: failed to create deployment: Deployment.apps "Bad" is invalid: …` (create
 * deployment/configmap/serviceaccount/service use `…: %v`, create secret `failed to create secret
 * %v` with no colon; create namespace and create -f print the server's error as is). Checked with
 * the real kubectl 1.32.5 against podbook cluster.
 */
async function createObject(inv: Invocation, resource: string, namespace: string | undefined, body: Obj, dryRun: DryRun, wrap?: string): Promise<Obj> {
  if (dryRun === 'client') return body;
  try {
    const created = await inv.client.create(resource, namespace, body as unknown as KubeObject, {
      dryRun: dryRun === 'server',
      fieldManager: str(inv.flags['field-manager']) || 'kubectl-create',
      fieldValidation: fieldValidationOf(inv),
    });
    return created as unknown as Obj;
  } catch (e) {
    if (wrap === undefined) throw e;
    throw new KubectlError(`${wrap}${errorString(e)}`);
  }
}

/**
 * The generators' ObjectMeta in Go struct order: name, then namespace only when `-n` was given
 * (each generator's `if o.EnforceNamespace { obj.Namespace = o.Namespace }`; a kubeconfig
 * context's namespace is not written, VERIFIED with kubectl 1.32.5 --dry-run=client), then
 * creationTimestamp (always `null` for a new object).
 */
function generatedMeta(inv: Invocation, name: string, rest: Obj = {}): Obj {
  return { name, ...(inv.namespaceExplicit ? { namespace: inv.namespace } : {}), creationTimestamp: null, ...rest };
}

/** cmdutil.NameFromCommandArgs: the arguments before `--` must be exactly one NAME. */
function exactlyOneName(inv: Invocation): string {
  const n = inv.dashDashAt >= 0 ? inv.dashDashAt : inv.args.length;
  if (n !== 1) throw usageError(inv, `exactly one NAME is required, got ${n}`);
  return inv.args[0];
}

// ---------------------------------------------------------------------------------------------
// create -f

export const create: Verb = async (inv) => {
  try {
    return await runCreateFiles(inv);
  } catch (e) {
    return printError(inv, e);
  }
};

async function runCreateFiles(inv: Invocation): Promise<number> {
  const filenames = strings(inv.flags.filename);
  if (str(inv.flags.kustomize) || str(inv.flags.raw) || inv.flags.edit === true) {
    inv.err(notSupportedMessage(str(inv.flags.kustomize) ? 'kubectl create -k' : str(inv.flags.raw) ? 'kubectl create --raw' : 'kubectl create --edit'));
    return 1;
  }
  if (filenames.length === 0) throw new KubectlError('must specify one of -f and -k');
  const dryRun = dryRunOf(inv);
  const manifests = loadManifests(inv);
  const errors: unknown[] = [];
  let count = 0;
  for (const m of manifests) {
    try {
      const info = await resourceFor(inv, str(m.object.apiVersion), str(m.object.kind), manifestOrigin(m));
      const ns = namespaceForObject(inv, info, m.object);
      const created = await createObject(inv, info.resource, ns, m.object, dryRun);
      count++;
      printResult(inv, created, 'created', dryRun);
    } catch (e) {
      errors.push(addSourceToErr('creating', m.source, e));
    }
  }
  if (errors.length > 0) {
    inv.err(errorText(errors));
    return 1;
  }
  if (count === 0) throw new KubectlError('no objects passed to create');
  return 0;
}

// ---------------------------------------------------------------------------------------------
// create deployment

/** The container name kubectl derives from an image: basename without tag or digest. */
export function containerNameForImage(image: string, rand: () => string = () => 'xxxxx'): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  if (name.includes(':')) name = name.slice(0, name.indexOf(':'));
  if (name.includes('@')) name = name.slice(0, name.indexOf('@'));
  // sanitizeAndUniquify: `_` and `.` become `-`, plus a random suffix
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${rand()}`;
  return name;
}

function randomSuffix(inv: Invocation): () => string {
  return () => {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let seed = inv.client.now();
    let s = '';
    for (let i = 0; i < 5; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      s += alphabet[seed % alphabet.length];
    }
    return s;
  };
}

export const createDeployment: Verb = async (inv) => {
  try {
    requireFlags(inv, 'image');
    const name = exactlyOneName(inv);
    const images = strings(inv.flags.image);
    const command = inv.dashDashAt >= 0 ? inv.args.slice(inv.dashDashAt) : [];
    if (images.length > 1 && command.length > 0) throw new KubectlError('cannot specify multiple --image options and command');
    const dryRun = dryRunOf(inv);
    const port = typeof inv.flags.port === 'number' ? inv.flags.port : -1;
    const replicas = typeof inv.flags.replicas === 'number' ? inv.flags.replicas : 1;
    const labels = { app: name };
    const containers = images.map((image) => {
      const c: Obj = { name: containerNameForImage(image, randomSuffix(inv)), image };
      if (command.length > 0) c.command = command;
      if (port >= 0) c.ports = [{ containerPort: port }];
      c.resources = {};
      return c;
    });
    const body: Obj = {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: generatedMeta(inv, name, { labels }),
      spec: {
        replicas,
        selector: { matchLabels: { ...labels } },
        template: { metadata: { creationTimestamp: null, labels: { ...labels } }, spec: { containers } },
        strategy: {},
      },
      status: {},
    };
    printResult(inv, await createObject(inv, 'deployments', inv.namespace, body, dryRun, 'failed to create deployment: '), 'created', dryRun, { typed: dryRun === 'client' });
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// create namespace

export const createNamespace: Verb = async (inv) => {
  try {
    const name = exactlyOneName(inv);
    const dryRun = dryRunOf(inv);
    const body: Obj = { kind: 'Namespace', apiVersion: 'v1', metadata: { name, creationTimestamp: null }, spec: {}, status: {} };
    printResult(inv, await createObject(inv, 'namespaces', undefined, body, dryRun), 'created', dryRun, { typed: dryRun === 'client' });
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// create configmap / secret generic

function basename(path: string): string {
  const p = path.endsWith('/') ? path.slice(0, -1) : path;
  return p.slice(p.lastIndexOf('/') + 1);
}

/** --from-literal, --from-file, --from-env-file into one key → value map (kubectl's order of handling). */
function collectData(inv: Invocation, kindName: string, objName: string): Map<string, string> {
  const data = new Map<string, string>();
  const add = (key: string, value: string) => {
    if (data.has(key)) throw new KubectlError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ${kindName} ${JSON.stringify(objName)}`);
    data.set(key, value);
  };
  for (const spec of strings(inv.flags['from-file'])) {
    const i = spec.indexOf('=');
    const key = i >= 0 ? spec.slice(0, i) : basename(spec);
    const path = i >= 0 ? spec.slice(i + 1) : spec;
    if (i === 0) throw new KubectlError(`key names or file paths cannot contain '='`);
    const text = inv.files.read(path);
    if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    add(key, text);
  }
  for (const lit of strings(inv.flags['from-literal'])) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new KubectlError(`invalid literal source ${lit}, expected key=value`);
    add(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const path of strings(inv.flags['from-env-file'])) {
    const text = inv.files.read(path);
    if (text === undefined) throw new KubectlError(`error reading ${path}: no such file or directory`);
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trimStart();
      if (line === '' || line.startsWith('#')) continue;
      const i = line.indexOf('=');
      if (i < 0) add(line, inv.env[line] ?? '');
      else add(line.slice(0, i), line.slice(i + 1));
    }
  }
  return data;
}

export const createConfigMap: Verb = async (inv) => {
  try {
    const name = exactlyOneName(inv);
    const dryRun = dryRunOf(inv);
    const data = collectData(inv, 'ConfigMap', name);
    const body: Obj = { kind: 'ConfigMap', apiVersion: 'v1', metadata: generatedMeta(inv, name) };
    if (data.size > 0) body.data = Object.fromEntries([...data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    printResult(inv, await createObject(inv, 'configmaps', inv.namespace, body, dryRun, 'failed to create configmap: '), 'created', dryRun, { typed: dryRun === 'client' });
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

function base64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export const createSecretGeneric: Verb = async (inv) => {
  try {
    const name = exactlyOneName(inv);
    const dryRun = dryRunOf(inv);
    const data = collectData(inv, 'Secret', name);
    const body: Obj = { kind: 'Secret', apiVersion: 'v1', metadata: generatedMeta(inv, name) };
    if (data.size > 0) body.data = Object.fromEntries([...data.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, base64(v)]));
    const type = str(inv.flags.type);
    if (type) body.type = type;
    printResult(inv, await createObject(inv, 'secrets', inv.namespace, body, dryRun, 'failed to create secret '), 'created', dryRun, { typed: dryRun === 'client' });
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// create serviceaccount

export const createServiceAccount: Verb = async (inv) => {
  try {
    const name = exactlyOneName(inv);
    const dryRun = dryRunOf(inv);
    const body: Obj = { kind: 'ServiceAccount', apiVersion: 'v1', metadata: generatedMeta(inv, name) };
    printResult(inv, await createObject(inv, 'serviceaccounts', inv.namespace, body, dryRun, 'failed to create serviceaccount: '), 'created', dryRun, { typed: dryRun === 'client' });
    return 0;
  } catch (e) {
    return printError(inv, e);
  }
};

// ---------------------------------------------------------------------------------------------
// create service clusterip / nodeport

function parseTcp(spec: string): { name: string; port: number; targetPort: number | string } {
  const [p, t] = spec.includes(':') ? [spec.slice(0, spec.indexOf(':')), spec.slice(spec.indexOf(':') + 1)] : [spec, spec];
  const port = Number(p);
  if (!/^\d+$/.test(p)) throw new KubectlError(`strconv.Atoi: parsing ${JSON.stringify(p)}: invalid syntax`);
  const targetPort = /^\d+$/.test(t) ? Number(t) : t;
  return { name: spec.includes(':') ? `${p}-${t}` : p, port, targetPort };
}

function createService(type: 'ClusterIP' | 'NodePort'): Verb {
  return async (inv) => {
    try {
      const name = exactlyOneName(inv);
      const tcp = strings(inv.flags.tcp);
      const clusterIP = str(inv.flags.clusterip);
      if (tcp.length === 0 && clusterIP !== 'None') throw new KubectlError('at least one tcp port specifier must be provided');
      const dryRun = dryRunOf(inv);
      const nodePort = typeof inv.flags['node-port'] === 'number' ? inv.flags['node-port'] : 0;
      const ports = tcp.map((spec) => {
        const p = parseTcp(spec);
        const port: Obj = { name: p.name, protocol: 'TCP', port: p.port, targetPort: p.targetPort };
        if (nodePort > 0) port.nodePort = nodePort;
        return port;
      });
      // ServiceSpec.Ports is `omitempty`: a headless service without --tcp has no ports field.
      const spec: Obj = ports.length > 0 ? { ports, selector: { app: name } } : { selector: { app: name } };
      if (clusterIP) spec.clusterIP = clusterIP;
      spec.type = type;
      const body: Obj = {
        kind: 'Service',
        apiVersion: 'v1',
        metadata: generatedMeta(inv, name, { labels: { app: name } }),
        spec,
        status: { loadBalancer: {} },
      };
      printResult(inv, await createObject(inv, 'services', inv.namespace, body, dryRun, `failed to create ${type} service: `), 'created', dryRun, { typed: dryRun === 'client' });
      return 0;
    } catch (e) {
      return printError(inv, e);
    }
  };
}

export const createServiceClusterIP = createService('ClusterIP');
export const createServiceNodePort = createService('NodePort');
