// Three kube-controller-manager loops that look after namespaces:
//
// * the serviceaccount controller (pkg/controller/serviceaccount): every active namespace has a
//   `default` ServiceAccount, recreated if deleted;
// * the root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher): every active
//   namespace has the ConfigMap `kube-root-ca.crt` with the cluster CA, recreated if deleted and
//   put back if edited;
// * the namespace controller (pkg/controller/namespace/deletion): a namespace with a
//   deletionTimestamp is emptied (every namespaced resource, pods gracefully), its status
//   conditions say what remains, and once nothing is left the `kubernetes` entry of
//   spec.finalizers is removed (the `finalize` subresource), which removes the namespace.
//
// Work items are timers: `sa/<ns>`, `ca/<ns>`, `delete/<ns>` and a start-up `resync` (the
// informers' initial list). The CA certificate is generated once per cluster from the seeded
// random source and saved with the controller's state.

import type { ConfigMap, KubeObject, Namespace, Pod, ServiceAccount } from '../../k8s/types';
import { RESOURCES } from '../../k8s/resources';
import type { ResourceInfo } from '../../k8s/resources';
import { isApiError } from '../../k8s/errors';
import { parseTime, rfc3339 } from '../../k8s/duration';
import type { Controller, ControllerHost } from '../controller';
import type { ChangeEvent } from '../store';
import type { Rand } from '../rand';
import { clone, deepEqual } from '../object';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
/** rootcacertpublisher/publisher.go Description, verbatim. */
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';
export const DEFAULT_SERVICE_ACCOUNT = 'default';
export const FINALIZER_KUBERNETES = 'kubernetes';

/**
 * namespace_controller.go namespaceDeletionGracePeriod: namespace events are processed this long
 * after they arrive, so late creations inside the namespace are seen.
 */
export const NAMESPACE_DELETION_GRACE_MS = 5000;
/** namespaced_resources_deleter.go finalizerEstimateSeconds */
const FINALIZER_ESTIMATE_SECONDS = 15;
/** nsControllerRateLimiter: per-item exponential back-off from 5ms, retried at least every minute */
const BACKOFF_BASE_MS = 5;
const BACKOFF_MAX_MS = 60_000;

interface NamespaceCondition {
  type: string;
  status: 'True' | 'False';
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** status_condition_utils.go: the conditions the deleter maintains, in order, and their "ok" forms. */
const CONDITION_TYPES = [
  'NamespaceDeletionDiscoveryFailure',
  'NamespaceDeletionGroupVersionParsingFailure',
  'NamespaceDeletionContentFailure',
  'NamespaceContentRemaining',
  'NamespaceFinalizersRemaining',
] as const;
const OK: Record<(typeof CONDITION_TYPES)[number], { reason: string; message: string }> = {
  NamespaceDeletionDiscoveryFailure: { reason: 'ResourcesDiscovered', message: 'All resources successfully discovered' },
  NamespaceDeletionGroupVersionParsingFailure: { reason: 'ParsedGroupVersions', message: 'All legacy kube types successfully parsed' },
  NamespaceDeletionContentFailure: { reason: 'ContentDeleted', message: 'All content successfully deleted, may be waiting on finalization' },
  NamespaceContentRemaining: { reason: 'ContentRemoved', message: 'All content successfully removed' },
  NamespaceFinalizersRemaining: { reason: 'ContentHasNoFinalizers', message: 'All content-preserving finalizers finished' },
};

interface SavedState {
  caCert?: string;
  failures?: Record<string, number>;
}

export interface NamespaceController extends Controller {
  readonly name: 'namespace';
  /** The PEM bundle published in every `kube-root-ca.crt` (generated on first use). */
  rootCA(): string;
}

class NamespaceControllerImpl implements NamespaceController {
  readonly name = 'namespace' as const;
  private host!: ControllerHost;
  private unsubscribe?: () => void;
  private caCert?: string;
  /** namespace → consecutive failed deletion syncs (the rate limiter's memory) */
  private failures: Record<string, number> = {};

  start(host: ControllerHost, restored: boolean): void {
    this.host = host;
    this.unsubscribe?.();
    this.unsubscribe = host.store.onChange((e) => this.observe(e));
    if (!restored) {
      // The informers' initial list: look at every namespace once, straight away (the cluster
      // creates its namespaces right after starting the controllers).
      host.schedule(this, 0, 'resync');
      return;
    }
    // After a restore the pending work came back with the timers; only a missing service account
    // or CA bundle that nobody is about to recreate is looked at again (a no-op when consistent).
    for (const ns of this.sortedNamespaces()) {
      const name = ns.metadata.name!;
      if (!this.activeNamespace(name)) continue;
      if (!host.store.find('serviceaccounts', name, DEFAULT_SERVICE_ACCOUNT)) host.schedule(this, host.config.latency.namespace, 'sa/' + name);
      if (this.caCert !== undefined && !this.rootCAOk(name)) host.schedule(this, host.config.latency.namespace, 'ca/' + name);
    }
  }

  private sortedNamespaces(): Namespace[] {
    return [...this.host.store.all<Namespace>('namespaces')].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  private rootCAOk(ns: string): boolean {
    const cm = this.host.store.find<ConfigMap>('configmaps', ns, ROOT_CA_CONFIGMAP);
    return !!cm && deepEqual(cm.data, { 'ca.crt': this.rootCA() }) && !!cm.metadata.annotations?.[DESCRIPTION_ANNOTATION];
  }

  save(): SavedState {
    return { caCert: this.caCert, failures: { ...this.failures } };
  }

  load(state: unknown): void {
    const s = (state ?? {}) as SavedState;
    this.caCert = s.caCert;
    this.failures = { ...(s.failures ?? {}) };
  }

  rootCA(): string {
    if (this.caCert === undefined) this.caCert = generateCACertificate(this.host.rand, this.host.now());
    return this.caCert;
  }

  fire(key: string): void {
    try {
      if (key === 'resync') this.resync();
      else if (key.startsWith('sa/')) this.syncServiceAccount(key.slice(3));
      else if (key.startsWith('ca/')) this.syncRootCA(key.slice(3));
      else if (key.startsWith('delete/')) this.syncDeletion(key.slice(7));
    } catch (err) {
      if (!isApiError(err)) throw err;
    }
  }

  // ------------------------------------------------------------------------------------------
  // events

  private observe(e: ChangeEvent): void {
    const meta = e.object.metadata;
    const lat = this.host.config.latency.namespace;
    switch (e.resource) {
      case 'namespaces': {
        const ns = meta.name!;
        if (e.type === 'DELETED') {
          delete this.failures[ns];
          return;
        }
        if (meta.deletionTimestamp) {
          this.host.schedule(this, NAMESPACE_DELETION_GRACE_MS, 'delete/' + ns);
          return;
        }
        if (e.type === 'ADDED') {
          this.host.schedule(this, lat, 'sa/' + ns);
          this.host.schedule(this, lat, 'ca/' + ns);
        }
        return;
      }
      case 'serviceaccounts':
        if (e.type === 'DELETED' && meta.name === DEFAULT_SERVICE_ACCOUNT) this.host.schedule(this, lat, 'sa/' + meta.namespace);
        return;
      case 'configmaps':
        if (e.type !== 'ADDED' && meta.name === ROOT_CA_CONFIGMAP) this.host.schedule(this, lat, 'ca/' + meta.namespace);
        return;
    }
  }

  private resync(): void {
    for (const ns of this.sortedNamespaces()) {
      const name = ns.metadata.name!;
      if (ns.metadata.deletionTimestamp) {
        this.host.schedule(this, NAMESPACE_DELETION_GRACE_MS, 'delete/' + name);
        continue;
      }
      this.syncServiceAccount(name);
      this.syncRootCA(name);
    }
  }

  private activeNamespace(name: string): Namespace | undefined {
    const ns = this.host.store.find<Namespace>('namespaces', undefined, name);
    if (!ns || ns.metadata.deletionTimestamp) return undefined;
    if (ns.status?.phase && ns.status.phase !== 'Active') return undefined;
    return ns;
  }

  // ------------------------------------------------------------------------------------------
  // serviceaccount controller and root CA publisher

  /** serviceaccounts_controller.go syncNamespace: create the default service account if missing. */
  private syncServiceAccount(ns: string): void {
    if (!this.activeNamespace(ns)) return;
    if (this.host.store.find('serviceaccounts', ns, DEFAULT_SERVICE_ACCOUNT)) return;
    const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: ns } };
    this.createIgnoringRaces('serviceaccounts', ns, sa);
  }

  /** publisher.go syncNamespace: the CA bundle and its description, exactly. */
  private syncRootCA(ns: string): void {
    if (!this.activeNamespace(ns)) return;
    const data = { 'ca.crt': this.rootCA() };
    const cm = this.host.store.find<ConfigMap>('configmaps', ns, ROOT_CA_CONFIGMAP);
    if (!cm) {
      const fresh: ConfigMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
        data,
      };
      this.createIgnoringRaces('configmaps', ns, fresh);
      return;
    }
    if (this.rootCAOk(ns)) return;
    const next = clone(cm);
    next.data = data;
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION };
    this.host.store.update('configmaps', ns, next, { owned: true });
  }

  private createIgnoringRaces(resource: string, ns: string, obj: KubeObject): void {
    try {
      this.host.store.create(resource, ns, obj, { owned: true });
    } catch (err) {
      // AlreadyExists: someone was quicker; Forbidden/NotFound: the namespace is going away.
      if (isApiError(err, 'AlreadyExists') || isApiError(err, 'Forbidden') || isApiError(err, 'NotFound')) return;
      throw err;
    }
  }

  // ------------------------------------------------------------------------------------------
  // namespace deletion (namespaced_resources_deleter.go Delete)

  private syncDeletion(name: string): void {
    let ns = this.host.store.find<Namespace>('namespaces', undefined, name);
    if (!ns || !ns.metadata.deletionTimestamp) {
      delete this.failures[name];
      return;
    }
    // updateNamespaceStatusFunc: the phase says Terminating (the store already sets it on delete).
    if (ns.status?.phase !== 'Terminating') {
      const next = clone(ns);
      next.status = { ...(next.status ?? {}), phase: 'Terminating' };
      ns = this.host.store.update<Namespace>('namespaces', undefined, next, { subresource: 'status', owned: true });
    }
    // Already finalized: nothing left for us (other finalizers belong to someone else).
    if (!ns.spec?.finalizers?.includes(FINALIZER_KUBERNETES)) {
      delete this.failures[name];
      return;
    }

    const result = this.deleteAllContent(ns);
    if (result.errors.length) {
      const n = (this.failures[name] ?? 0) + 1;
      this.failures[name] = n;
      this.host.schedule(this, Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (n - 1)), 'delete/' + name);
      return;
    }
    delete this.failures[name];
    if (result.estimate > 0) {
      // namespace_controller.go: ResourcesRemainingError → AddAfter(estimate/2 + 1 seconds)
      this.host.schedule(this, (Math.floor(result.estimate / 2) + 1) * 1000, 'delete/' + name);
      return;
    }
    // finalizeNamespace: drop our token from spec.finalizers; the API server removes the
    // namespace once no finalizer of either kind is left.
    const latest = this.host.store.find<Namespace>('namespaces', undefined, name);
    if (!latest) return;
    const next = clone(latest);
    const rest = [...new Set((latest.spec?.finalizers ?? []).filter((f) => f !== FINALIZER_KUBERNETES))].sort();
    next.spec = { ...(next.spec ?? {}), finalizers: rest };
    // PUT …/namespaces/<ns>/finalize: the only way to change spec.finalizers.
    this.host.store.update('namespaces', undefined, next, { subresource: 'finalize', owned: true });
  }

  /** deleteAllContent: delete everything namespaced, then report what remains as conditions. */
  private deleteAllContent(ns: Namespace): { estimate: number; errors: string[] } {
    const store = this.host.store;
    const name = ns.metadata.name!;
    const now = this.host.now();
    const deletedAt = parseTime(ns.metadata.deletionTimestamp!) ?? now;
    let estimate = 0;
    const errors: string[] = [];
    const remaining: string[] = [];
    const finalizers = new Map<string, number>();

    for (const info of RESOURCES) {
      if (!info.namespaced || !info.verbs.includes('delete')) continue;
      let gvrEstimate = info.resource === 'pods' ? this.estimatePods(name, deletedAt, now) : 0;
      // deleteCollection with propagationPolicy Background (in name order, as a list returns them)
      const items = [...store.all(info.resource, name)].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
      for (const obj of items) {
        // Already terminating and held by finalizers: a second DELETE changes nothing.
        if (obj.metadata.deletionTimestamp && info.resource !== 'pods') continue;
        try {
          store.delete(info.resource, name, obj.metadata.name!, { propagationPolicy: 'Background' });
        } catch (err) {
          if (!isApiError(err, 'NotFound')) errors.push(err instanceof Error ? err.message : String(err));
        }
      }
      const left = store.count(info.resource, name);
      if (left === 0) continue;
      const byFinalizer = new Map<string, number>();
      for (const obj of store.all(info.resource, name)) {
        for (const f of obj.metadata.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
      }
      if (gvrEstimate === 0) {
        if (byFinalizer.size) gvrEstimate = FINALIZER_ESTIMATE_SECONDS;
        else errors.push(`unexpected items still remain in namespace: ${name} for gvr: ${gvrString(info)}`);
      }
      estimate = Math.max(estimate, gvrEstimate);
      remaining.push(`${info.resource}.${info.group} has ${left} resource instances`);
      for (const [f, n] of byFinalizer) finalizers.set(f, (finalizers.get(f) ?? 0) + n);
    }

    this.updateConditions(name, remaining, finalizers, errors);
    return { estimate, errors };
  }

  /** estimateGracefulTerminationForPods: the longest grace period of a pod still running. */
  private estimatePods(ns: string, deletedAt: number, now: number): number {
    let estimate = 0;
    for (const pod of this.host.store.all<Pod>('pods', ns)) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const grace = pod.spec.terminationGracePeriodSeconds;
      if (grace !== undefined && grace > estimate) estimate = grace;
    }
    return now - deletedAt >= estimate * 1000 ? 0 : estimate;
  }

  /** status_condition_utils.go ProcessContentTotals + Update */
  private updateConditions(name: string, remaining: string[], finalizers: Map<string, number>, errors: string[]): void {
    const now = rfc3339(this.host.now());
    const failing = new Map<string, { reason: string; message: string }>();
    if (errors.length) {
      failing.set('NamespaceDeletionContentFailure', {
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${errors.length} remaining: ${[...errors].sort().join(', ')}`,
      });
    }
    if (remaining.length) {
      failing.set('NamespaceContentRemaining', { reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${[...remaining].sort().join(', ')}` });
    }
    const byFinalizer = [...finalizers].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`);
    if (byFinalizer.length) {
      failing.set('NamespaceFinalizersRemaining', {
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${byFinalizer.sort().join(', ')}`,
      });
    }

    const ns = this.host.store.find<Namespace>('namespaces', undefined, name);
    if (!ns) return;
    const status = (ns.status ?? {}) as { phase?: string; conditions?: NamespaceCondition[] };
    const conditions: NamespaceCondition[] = clone(status.conditions ?? []);
    let changed = false;
    for (const type of CONDITION_TYPES) {
      const want = failing.get(type);
      const wanted = { status: (want ? 'True' : 'False') as 'True' | 'False', ...(want ?? OK[type]) };
      const cur = conditions.find((c) => c.type === type);
      if (!cur) {
        conditions.push({ type, status: wanted.status, lastTransitionTime: now, reason: wanted.reason, message: wanted.message });
        changed = true;
      } else if (cur.status !== wanted.status || cur.reason !== wanted.reason || cur.message !== wanted.message) {
        if (cur.status !== wanted.status) cur.lastTransitionTime = now;
        cur.status = wanted.status;
        cur.reason = wanted.reason;
        cur.message = wanted.message;
        changed = true;
      }
    }
    if (!changed) return;
    const next = clone(ns) as KubeObject;
    next.status = { ...status, conditions };
    this.host.store.update('namespaces', undefined, next, { subresource: 'status', owned: true });
  }
}

/** schema.GroupVersionResource.String(): `/v1, Resource=pods`, `apps/v1, Resource=deployments` */
function gvrString(info: ResourceInfo): string {
  return `${info.group}/${info.version}, Resource=${info.resource}`;
}

// ---------------------------------------------------------------------------------------------
// A plausible cluster CA certificate. Not a valid certificate (the key and signature are random
// bytes), but DER-shaped like kubeadm's self-signed `CN=kubernetes` CA, so the PEM looks right:
// `MIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl…`.

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  for (let v = n; v > 0; v >>= 8) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

function tlv(tag: number, ...parts: number[][]): number[] {
  const body = parts.flat();
  return [tag, ...derLength(body.length), ...body];
}

const seq = (...parts: number[][]): number[] => tlv(0x30, ...parts);
const oid = (...bytes: number[]): number[] => tlv(0x06, bytes);
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

function utcTime(ms: number): number[] {
  const s = rfc3339(ms); // 2026-11-22T13:54:13Z → 261122135413Z
  return tlv(0x17, ascii(s.slice(2, 4) + s.slice(5, 7) + s.slice(8, 10) + s.slice(11, 13) + s.slice(14, 16) + s.slice(17, 19) + 'Z'));
}

function randomBytes(rand: Rand, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(rand.int(256));
  return out;
}

export function generateCACertificate(rand: Rand, nowMs: number): string {
  const sha256WithRSA = seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b), [0x05, 0x00]);
  const name = seq(tlv(0x31, seq(oid(0x55, 0x04, 0x03), tlv(0x13, ascii('kubernetes')))));
  const notBefore = Math.floor(nowMs / 1000) * 1000 - 5 * 60_000;
  const notAfter = notBefore + 10 * 365 * 86_400_000;
  const modulus = randomBytes(rand, 256);
  modulus[0] |= 0x80;
  const rsaKey = seq(tlv(0x02, [0x00, ...modulus]), tlv(0x02, [0x01, 0x00, 0x01]));
  const spki = seq(seq(oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01), [0x05, 0x00]), tlv(0x03, [0x00, ...rsaKey]));
  const critical = [0x01, 0x01, 0xff];
  const extensions = tlv(
    0xa3,
    seq(
      seq(oid(0x55, 0x1d, 0x0f), critical, tlv(0x04, tlv(0x03, [0x05, 0xa4]))), // keyUsage: digitalSignature, keyEncipherment, keyCertSign
      seq(oid(0x55, 0x1d, 0x13), critical, tlv(0x04, seq([0x01, 0x01, 0xff]))), // basicConstraints: CA
      seq(oid(0x55, 0x1d, 0x0e), tlv(0x04, tlv(0x04, randomBytes(rand, 20)))), // subjectKeyIdentifier
      seq(oid(0x55, 0x1d, 0x11), tlv(0x04, seq(tlv(0x82, ascii('kubernetes'))))), // subjectAltName
    ),
  );
  const tbs = seq(tlv(0xa0, tlv(0x02, [0x02])), tlv(0x02, [0x00]), sha256WithRSA, name, seq(utcTime(notBefore), utcTime(notAfter)), name, spki, extensions);
  const cert = seq(tbs, sha256WithRSA, tlv(0x03, [0x00, ...randomBytes(rand, 256)]));
  let bin = '';
  for (const b of cert) bin += String.fromCharCode(b);
  const b64 = btoa(bin);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

export function createNamespaceController(): NamespaceController {
  return new NamespaceControllerImpl();
}
