// One namespace per learner session on a shared sandbox cluster.
//
// A session is the namespace `podbook-<id>` (labels app.kubernetes.io/managed-by=podbook and
// podbook.dev/session=<id>), fenced by a ResourceQuota and a LimitRange so one learner cannot
// starve the study group, plus a SandboxClient whose default namespace is that namespace.
// Every request through the session's client counts as use (touch()); a sweeper deletes the
// namespaces of sessions idle longer than the TTL (deleting the namespace deletes everything in
// it: the namespace controller empties it). On start() the manager also deletes namespaces it
// labelled in an earlier process that this one does not know (a crash or restart leaves them
// behind): one Podbook server owns the `podbook.dev/owner=<owner>` namespaces of a cluster.
//
// How Podbook's kubectl gets the namespace: runKubectl takes the kubeconfig context's namespace
// as `ctx.namespace` (lib/kubectl/invocation.ts Invocation.namespace: `-n`, else the context's);
// a kernel builds its ShellSession with `{ client: session.client, namespace: session.namespace }`
// (lib/runtime/shell ShellSessionOptions.namespace), exactly as a kubeconfig context with
// `namespace: podbook-<id>` would do for real kubectl (sessionKubeconfig() writes one).

import { KubeConfig } from '@kubernetes/client-node';
import { ApiError } from '../k8s/errors';
import type { KubeObject } from '../k8s/types';
import { SandboxClient, loadKubeConfig } from './client';
import type { KubeconfigSource } from './client';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'podbook';
export const SESSION_LABEL = 'podbook.dev/session';
export const OWNER_LABEL = 'podbook.dev/owner';
export const NAMESPACE_PREFIX = 'podbook-';

/**
 * What one learner may use at once. Sized for the books' exercises (a handful of nginx/busybox
 * pods, a Deployment scaled to 3–5, a few Services), with room for a mistake or two, and small
 * enough that a study group of 20 fits on a 4-CPU / 16 GiB node pool:
 * * 10 pods, 10 services (no LoadBalancers: they cost money on a cloud), 20 ConfigMaps, 20 Secrets;
 * * requests.cpu 2 / requests.memory 2Gi, limits.cpu 4 / limits.memory 4Gi for the namespace.
 */
export const DEFAULT_QUOTA_HARD: Readonly<Record<string, string>> = {
  pods: '10',
  services: '10',
  'services.loadbalancers': '0',
  configmaps: '20',
  secrets: '20',
  'requests.cpu': '2',
  'requests.memory': '2Gi',
  'limits.cpu': '4',
  'limits.memory': '4Gi',
};

/**
 * Per-container defaults and bounds. The quota above covers requests/limits, and kube-apiserver's
 * ResourceQuota admission rejects pods that do not state them; LimitRanger fills them in from
 * `defaultRequest` (100m / 128Mi) and `default` (500m / 256Mi), so the books' manifests, which
 * set no resources, still run. `max` keeps one container from taking the namespace's share.
 */
export const DEFAULT_LIMIT_RANGE = {
  type: 'Container',
  default: { cpu: '500m', memory: '256Mi' },
  defaultRequest: { cpu: '100m', memory: '128Mi' },
  max: { cpu: '1', memory: '1Gi' },
} as const;

/** Two hours without a command: the length of a study-group meeting. */
export const DEFAULT_TTL_MS = 2 * 60 * 60 * 1000;
export const DEFAULT_SWEEP_INTERVAL_MS = 60 * 1000;

export interface SandboxSessionsOptions {
  /** the admin kubeconfig (may create and delete namespaces); absent: $KUBECONFIG */
  kubeconfig?: KubeconfigSource;
  context?: string;
  /** idle time after which a session's namespace is deleted */
  ttlMs?: number;
  /** how often the sweeper runs once start() was called; 0: never on its own */
  sweepIntervalMs?: number;
  /** the clock for idle times (tests inject one); Date.now by default */
  now?: () => number;
  /** scopes the leftover cleanup: namespaces labelled with another owner are never touched */
  owner?: string;
  quotaHard?: Record<string, string>;
  limitRange?: Record<string, unknown>;
  /** the kubeconfig session clients use; the admin's by default (a namespace-scoped token in production) */
  sessionKubeconfig?: (namespace: string) => KubeconfigSource;
}

export interface SandboxSession {
  id: string;
  /** `podbook-<id>`: the default namespace of the session's kubectl */
  readonly namespace: string;
  /** a client whose default namespace is the session's; every call touches the session */
  readonly client: SandboxClient;
  /** when the session was last used (the manager's clock) */
  readonly lastUsed: number;
  touch(): void;
}

/** Session ids become part of a DNS-1123 label: lowercase alphanumerics and `-`, at most 63 - 8 long. */
export function sessionNamespace(id: string): string {
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(id) || id.length > 63 - NAMESPACE_PREFIX.length) {
    throw new Error(`invalid session id ${JSON.stringify(id)}: lowercase letters, digits and '-', at most ${63 - NAMESPACE_PREFIX.length} characters`);
  }
  return NAMESPACE_PREFIX + id;
}

function randomId(): string {
  const abc = 'bcdfghjklmnpqrstvwxz2456789';
  let s = '';
  for (let i = 0; i < 8; i++) s += abc[Math.floor(Math.random() * abc.length)];
  return s;
}

export class SandboxSessions {
  readonly admin: SandboxClient;
  readonly ttlMs: number;
  private readonly now: () => number;
  private readonly owner: string;
  private readonly sessions = new Map<string, { session: SandboxSession; lastUsed: number }>();
  private timer?: ReturnType<typeof setInterval>;
  private readonly kubeconfig: KubeConfig;

  constructor(private readonly opts: SandboxSessionsOptions = {}) {
    this.kubeconfig = loadKubeConfig(opts.kubeconfig, opts.context);
    this.admin = new SandboxClient({ kubeconfig: this.kubeconfig });
    this.ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
    this.now = opts.now ?? Date.now;
    this.owner = opts.owner ?? 'podbook';
  }

  /** Removes leftovers of an earlier process, then sweeps every sweepIntervalMs. */
  async start(): Promise<string[]> {
    const removed = await this.removeLeftovers();
    const every = this.opts.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (every > 0 && !this.timer) {
      this.timer = setInterval(() => void this.sweep().catch(() => {}), every);
      this.timer.unref?.();
    }
    return removed;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The open sessions. */
  list(): SandboxSession[] {
    return [...this.sessions.values()].map((s) => s.session);
  }

  get(id: string): SandboxSession | undefined {
    const s = this.sessions.get(id);
    if (s) s.session.touch();
    return s?.session;
  }

  /**
   * Opens a session: creates its namespace, ResourceQuota `podbook-quota` and LimitRange
   * `podbook-limits` (an existing namespace of the same session is reused, as after a restart).
   */
  async open(id: string = randomId()): Promise<SandboxSession> {
    const existing = this.get(id);
    if (existing) return existing;
    const namespace = sessionNamespace(id);
    const labels = { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [SESSION_LABEL]: id, [OWNER_LABEL]: this.owner };
    await this.createIfAbsent('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } });
    await this.createIfAbsent('resourcequotas', namespace, {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'podbook-quota', namespace, labels },
      spec: { hard: { ...(this.opts.quotaHard ?? DEFAULT_QUOTA_HARD) } },
    } as KubeObject);
    await this.createIfAbsent('limitranges', namespace, {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'podbook-limits', namespace, labels },
      spec: { limits: [structuredClone(this.opts.limitRange ?? DEFAULT_LIMIT_RANGE)] },
    } as KubeObject);
    const entry = { lastUsed: this.now() } as { session: SandboxSession; lastUsed: number };
    const touch = (): void => {
      entry.lastUsed = this.now();
    };
    const client = new SandboxClient({
      kubeconfig: this.opts.sessionKubeconfig ? this.opts.sessionKubeconfig(namespace) : this.kubeconfig,
      namespace,
      onUse: touch,
    });
    entry.session = {
      id,
      namespace,
      client,
      get lastUsed() {
        return entry.lastUsed;
      },
      touch,
    };
    this.sessions.set(id, entry);
    return entry.session;
  }

  /** Ends a session now: its namespace is deleted (and with it everything the learner made). */
  async close(id: string): Promise<void> {
    const s = this.sessions.get(id);
    this.sessions.delete(id);
    await this.deleteNamespace(s?.session.namespace ?? sessionNamespace(id));
  }

  /** Deletes the namespaces of sessions idle longer than the TTL; returns the namespaces deleted. */
  async sweep(): Promise<string[]> {
    const now = this.now();
    const idle = [...this.sessions.entries()].filter(([, s]) => now - s.lastUsed > this.ttlMs);
    const out: string[] = [];
    for (const [id, s] of idle) {
      this.sessions.delete(id);
      await this.deleteNamespace(s.session.namespace);
      out.push(s.session.namespace);
    }
    return out;
  }

  /** Managed namespaces of this owner that no open session claims (an earlier process's). */
  async removeLeftovers(): Promise<string[]> {
    const list = await this.admin.list('namespaces', undefined, { labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${OWNER_LABEL}=${this.owner}` });
    const mine = new Set(this.list().map((s) => s.namespace));
    const out: string[] = [];
    for (const ns of list.items) {
      const name = ns.metadata.name!;
      if (mine.has(name) || ns.metadata.deletionTimestamp) continue;
      await this.deleteNamespace(name);
      out.push(name);
    }
    return out;
  }

  /** A kubeconfig (YAML) whose current context is the session's namespace, for the real kubectl. */
  kubeconfigFor(session: SandboxSession): string {
    const kc = new KubeConfig();
    kc.loadFromString(this.kubeconfig.exportConfig());
    const current = kc.getContextObject(kc.getCurrentContext());
    if (!current) throw new Error('the admin kubeconfig has no current context');
    const name = `podbook-${session.id}`;
    kc.contexts = [...kc.contexts.filter((c) => c.name !== name), { ...current, name, namespace: session.namespace }];
    kc.setCurrentContext(name);
    return kc.exportConfig();
  }

  private async createIfAbsent(resource: string, namespace: string | undefined, obj: KubeObject): Promise<void> {
    try {
      await this.admin.create(resource, namespace, obj, { fieldManager: 'podbook' });
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
  }

  private async deleteNamespace(name: string): Promise<void> {
    try {
      await this.admin.delete('namespaces', undefined, name, { propagationPolicy: 'Background' });
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) throw e;
    }
  }
}
