// The web server's kernels: an in-memory registry of Kernel instances, one per open notebook tab.
//
// A kernel runs on the simulated cluster in wall-clock time (a RealClock and driveInRealTime, so
// pods become Running while the learner reads), or — only when the server was started with
// PODBOOK_KUBECONFIG — on a sandbox namespace of a real cluster. The registry guards the server:
// idle kernels expire (their real-time drivers stop, sandbox namespaces are deleted), the number of
// kernels is capped, a kernel runs one cell at a time, and commands, manifests and runs per minute
// are limited. Every refusal is a RegistryError with a stable code, an HTTP status and a message
// in Korean and English, which the route handlers send as `{ error: { code, message_ko, message_en } }`.

import { Kernel, simulatedBackend } from './kernel';
import type { CellResult, KernelBackend, KernelObserver, KernelSnapshot, RunnableCell } from './kernel';
import { RealClock, driveInRealTime } from '../host/realtime';
import type { SandboxSessions } from '../sandbox/sessions';

export interface RegistryLimits {
  /** bytes (UTF-8) of a command cell's source, and of each interactive line */
  commandBytes: number;
  /** bytes (UTF-8) of a manifest cell's YAML */
  manifestBytes: number;
  /** runs per browser session in any sliding minute */
  runsPerMinute: number;
  /** kernels the server holds at once */
  maxKernels: number;
  /** kernels one browser session holds; a new one beyond this closes the session's least recently used */
  maxKernelsPerSession: number;
  /** a kernel nobody used for this long is closed */
  idleTtlMs: number;
}

export const DEFAULT_LIMITS: RegistryLimits = {
  commandBytes: 4 * 1024,
  manifestBytes: 256 * 1024,
  runsPerMinute: 60,
  maxKernels: 200,
  maxKernelsPerSession: 8,
  idleTtlMs: 30 * 60 * 1000,
};

export type BackendKind = 'simulated' | 'sandbox';

export type RegistryErrorCode =
  | 'kernel_not_found'
  | 'kernel_busy'
  | 'command_too_long'
  | 'manifest_too_large'
  | 'rate_limited'
  | 'too_many_kernels'
  | 'sandbox_unavailable'
  | 'snapshot_unavailable';

/** A refusal the client should show: a code, the HTTP status and the message in two languages. */
export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    readonly status: number,
    readonly messageKo: string,
    readonly messageEn: string,
    readonly retryAfterMs?: number,
  ) {
    super(messageEn);
    this.name = 'RegistryError';
  }
}

const KiB = (n: number): string => (n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`);

const errors = {
  notFound: (id: string) =>
    new RegistryError(
      'kernel_not_found',
      404,
      `${id} 커널을 찾을 수 없습니다. 오래 쓰지 않아 닫혔거나 서버가 다시 시작되었습니다. 새 커널을 만드세요.`,
      `Kernel ${id} was not found: it was closed, expired after being idle, or the server restarted. Create a new kernel.`,
    ),
  busy: (cellId: string) =>
    new RegistryError(
      'kernel_busy',
      409,
      `이 커널은 아직 ${cellId} 셀을 실행하고 있습니다. 한 커널은 한 번에 셀 하나만 실행합니다. 끝날 때까지 기다리세요.`,
      `This kernel is still running cell ${cellId}; a kernel runs one cell at a time. Wait until it finishes.`,
    ),
  commandTooLong: (bytes: number, max: number) =>
    new RegistryError(
      'command_too_long',
      413,
      `명령이 너무 깁니다: ${bytes}바이트입니다. 한 셀의 명령은 ${KiB(max)}까지 실행할 수 있습니다.`,
      `The command is too long: ${bytes} bytes. A cell's command may be at most ${KiB(max)}.`,
    ),
  manifestTooLarge: (bytes: number, max: number) =>
    new RegistryError(
      'manifest_too_large',
      413,
      `매니페스트(YAML)가 너무 큽니다: ${bytes}바이트입니다. 한 셀의 YAML은 ${KiB(max)}까지 쓸 수 있습니다.`,
      `The manifest (YAML) is too large: ${bytes} bytes. A cell's YAML may be at most ${KiB(max)}.`,
    ),
  rateLimited: (max: number, retryAfterMs: number) =>
    new RegistryError(
      'rate_limited',
      429,
      `실행이 너무 잦습니다: 1분에 ${max}번까지 실행할 수 있습니다. ${Math.ceil(retryAfterMs / 1000)}초 뒤에 다시 실행하세요.`,
      `Too many runs: at most ${max} per minute. Run again in ${Math.ceil(retryAfterMs / 1000)} s.`,
      retryAfterMs,
    ),
  tooMany: (max: number) =>
    new RegistryError(
      'too_many_kernels',
      503,
      `서버에 열린 커널이 너무 많습니다 (최대 ${max}개). 잠시 뒤에 다시 시도하세요.`,
      `The server holds too many kernels (at most ${max}). Try again later.`,
    ),
  noSandbox: () =>
    new RegistryError(
      'sandbox_unavailable',
      400,
      '이 서버에는 샌드박스 클러스터가 설정되어 있지 않습니다 (PODBOOK_KUBECONFIG). 시뮬레이션 클러스터를 쓰세요.',
      'This server has no sandbox cluster configured (PODBOOK_KUBECONFIG). Use the simulated cluster.',
    ),
  noSnapshot: () =>
    new RegistryError(
      'snapshot_unavailable',
      409,
      '샌드박스(실제 클러스터) 커널은 스냅샷으로 저장할 수 없습니다. 시뮬레이션 클러스터에서만 됩니다.',
      'A sandbox (real cluster) kernel cannot be saved as a snapshot; only simulated ones can.',
    ),
};

/** What a backend adapter gives one kernel: its backend factory and how to reset and end it. */
export interface BackendLease {
  /** a fresh backend at kernel start and after each restart */
  backend: () => KernelBackend;
  /** the kubeconfig context's namespace (a sandbox session's) */
  namespace?: string;
  /** called before the kernel restarts (a sandbox swaps its namespace for a fresh one) */
  beforeReset?: () => Promise<void>;
  /** called after the kernel closed */
  release?: () => Promise<void>;
}

export interface BackendAdapter {
  kind: BackendKind;
  lease(): Promise<BackendLease>;
}

/**
 * The simulated cluster in wall-clock time: each backend gets a fresh cluster on a RealClock,
 * driven by timers, whose driver is stopped when the kernel drops it (restart, close).
 */
export function realTimeSimulatedAdapter(seed: () => number = () => Math.floor(Math.random() * 0x7fffffff)): BackendAdapter {
  return {
    kind: 'simulated',
    async lease() {
      return {
        backend: () => {
          const b = simulatedBackend({ seed: seed(), clock: new RealClock() });
          const stop = driveInRealTime(b.cluster!);
          return { ...b, dispose: stop };
        },
      };
    },
  };
}

/**
 * A sandbox namespace per kernel on the cluster of PODBOOK_KUBECONFIG (lib/sandbox). A restart
 * deletes the namespace and opens a fresh one, as a fresh simulated cluster would be.
 */
export function sandboxAdapter(sessions: SandboxSessions): BackendAdapter {
  return {
    kind: 'sandbox',
    async lease() {
      let session = await sessions.open();
      return {
        backend: () => ({ client: session.client }),
        get namespace() {
          return session.namespace;
        },
        beforeReset: async () => {
          const old = session.id;
          session = await sessions.open();
          await sessions.close(old);
        },
        release: () => sessions.close(session.id),
      };
    },
  };
}

export interface KernelEntry {
  readonly id: string;
  /** the browser session (cookie) that created it: rate limits and the per-session cap count by it */
  readonly session: string;
  readonly backend: BackendKind;
  readonly kernel: Kernel;
  readonly createdAt: number;
  lastUsedAt: number;
  /** the id of the cell running now */
  running: string | null;
}

export interface KernelInfo {
  id: string;
  backend: BackendKind;
  executionCount: number;
  running: string | null;
  createdAt: number;
  lastUsedAt: number;
  /** the shell prompt: `/ # ` inside `kubectl exec -it … -- sh`, else the host's */
  prompt: string;
  /** a cell's `kubectl exec -it … -- sh` left the kernel inside a container: the next command runs there */
  inContainer: boolean;
  limits: Pick<RegistryLimits, 'commandBytes' | 'manifestBytes' | 'runsPerMinute' | 'idleTtlMs'>;
}

export type RegistryEvent = { type: 'created'; entry: KernelEntry } | { type: 'closed'; id: string; reason: 'closed' | 'expired' | 'evicted' };

export interface RegistryOptions {
  limits?: Partial<RegistryLimits>;
  /** the clock for idle times and rate limits (tests inject one) */
  now?: () => number;
  simulated?: BackendAdapter;
  sandbox?: BackendAdapter;
  newId?: () => string;
}

function utf8Bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function randomId(): string {
  return `k-${globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

export class KernelRegistry {
  readonly limits: RegistryLimits;
  private readonly now: () => number;
  private readonly adapters: Partial<Record<BackendKind, BackendAdapter>>;
  private readonly newId: () => string;
  private readonly kernels = new Map<string, KernelEntry & { lease: BackendLease }>();
  /** run start times per browser session, for the sliding-minute limit */
  private readonly runs = new Map<string, number[]>();
  private readonly listeners = new Set<(e: RegistryEvent) => void>();
  private sweeper?: ReturnType<typeof setInterval>;
  /** kernels being created (counted against the caps while their backend is leased) */
  private pending = 0;

  constructor(opts: RegistryOptions = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.now = opts.now ?? Date.now;
    this.adapters = { simulated: opts.simulated ?? realTimeSimulatedAdapter(), sandbox: opts.sandbox };
    this.newId = opts.newId ?? randomId;
  }

  /** Whether `backend: 'sandbox'` can be asked for. */
  get sandboxAvailable(): boolean {
    return this.adapters.sandbox !== undefined;
  }

  get size(): number {
    return this.kernels.size;
  }

  onEvent(fn: (e: RegistryEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private emit(e: RegistryEvent): void {
    for (const fn of this.listeners) fn(e);
  }

  async create(opts: { session: string; backend?: BackendKind }): Promise<KernelEntry> {
    this.sweep();
    const kind = opts.backend ?? 'simulated';
    const adapter = this.adapters[kind];
    if (!adapter) throw errors.noSandbox();
    // a session over its cap loses its least recently used kernel (a reloaded tab's old kernel)
    const mine = [...this.kernels.values()].filter((k) => k.session === opts.session).sort((a, b) => a.lastUsedAt - b.lastUsedAt);
    while (mine.length >= this.limits.maxKernelsPerSession) {
      const victim = mine.find((k) => !k.running) ?? mine[0];
      mine.splice(mine.indexOf(victim), 1);
      await this.close(victim.id, 'evicted');
    }
    if (this.kernels.size + this.pending >= this.limits.maxKernels) throw errors.tooMany(this.limits.maxKernels);
    this.pending++;
    let lease: BackendLease;
    try {
      lease = await adapter.lease();
    } catch (e) {
      if (kind !== 'sandbox') throw e;
      // the real cluster refused or is unreachable: say so instead of a bare 500
      const msg = e instanceof Error ? e.message : String(e);
      throw new RegistryError(
        'sandbox_unavailable',
        503,
        `샌드박스 클러스터에 세션을 열 수 없습니다: ${msg}. 시뮬레이션 클러스터를 쓰거나 잠시 뒤에 다시 시도하세요.`,
        `Could not open a session on the sandbox cluster: ${msg}. Use the simulated cluster or try again later.`,
      );
    } finally {
      this.pending--;
    }
    // a getter: the kernel reads its namespace at every (re)start, and a sandbox reset changes it
    const kernel = new Kernel({
      backend: lease.backend,
      get namespace() {
        return lease.namespace;
      },
      wallClock: Date.now,
    });
    const now = this.now();
    const entry = { id: this.newId(), session: opts.session, backend: kind, kernel, createdAt: now, lastUsedAt: now, running: null, lease };
    this.kernels.set(entry.id, entry);
    this.emit({ type: 'created', entry });
    return entry;
  }

  /** The kernel, touched (its idle timer restarts); RegistryError kernel_not_found when absent. */
  get(id: string): KernelEntry {
    const e = this.peek(id);
    if (!e) throw errors.notFound(id);
    e.lastUsedAt = this.now();
    return e;
  }

  /** The kernel without touching it (expired ones are not returned). */
  peek(id: string): KernelEntry | undefined {
    const e = this.kernels.get(id);
    if (!e) return undefined;
    if (this.expired(e, this.now())) {
      void this.close(id, 'expired');
      return undefined;
    }
    return e;
  }

  info(e: KernelEntry): KernelInfo {
    const { commandBytes, manifestBytes, runsPerMinute, idleTtlMs } = this.limits;
    return {
      id: e.id,
      backend: e.backend,
      executionCount: e.kernel.executionCount,
      running: e.running,
      createdAt: e.createdAt,
      lastUsedAt: e.lastUsedAt,
      prompt: e.kernel.shell.prompt(),
      inContainer: e.kernel.shell.container !== undefined,
      limits: { commandBytes, manifestBytes, runsPerMinute, idleTtlMs },
    };
  }

  /** Throws the RegistryError a cell's size deserves, if any. */
  checkCell(cell: RunnableCell): void {
    if (cell.type === 'command') {
      for (const text of [cell.source, ...(cell.interactive ?? [])]) {
        const bytes = utf8Bytes(text);
        if (bytes > this.limits.commandBytes) throw errors.commandTooLong(bytes, this.limits.commandBytes);
      }
    } else {
      const bytes = utf8Bytes(cell.source);
      if (bytes > this.limits.manifestBytes) throw errors.manifestTooLarge(bytes, this.limits.manifestBytes);
    }
  }

  /** Counts a run for the session, or throws rate_limited (a sliding minute, like a token window). */
  private countRun(session: string): void {
    const now = this.now();
    const recent = (this.runs.get(session) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limits.runsPerMinute) {
      this.runs.set(session, recent);
      throw errors.rateLimited(this.limits.runsPerMinute, Math.max(1, 60_000 - (now - recent[0])));
    }
    recent.push(now);
    this.runs.set(session, recent);
  }

  /**
   * Checks everything that can refuse a run (size, busy, rate) and marks the kernel busy at once,
   * so a second request arriving before the first one's events flow still gets 409. Returns the
   * promise of the result; `observer` sees this cell's events only.
   */
  run(id: string, cell: RunnableCell, observer?: KernelObserver): Promise<CellResult> {
    const e = this.get(id);
    this.checkCell(cell);
    if (e.running) throw errors.busy(e.running);
    this.countRun(e.session);
    e.running = cell.id;
    const unsubscribe = observer
      ? e.kernel.subscribe((ev) => {
          if (ev.type !== 'reset' && ev.type !== 'forward-output' && ev.cellId === cell.id) observer(ev);
        })
      : undefined;
    return e.kernel.run(cell).finally(() => {
      unsubscribe?.();
      e.running = null;
      e.lastUsedAt = this.now();
    });
  }

  /** A fresh cluster, files and counter for the kernel. */
  async reset(id: string): Promise<KernelEntry> {
    const e = this.get(id) as KernelEntry & { lease: BackendLease };
    if (e.running) throw errors.busy(e.running);
    e.running = '(restart)';
    try {
      await e.lease.beforeReset?.();
      e.kernel.restart();
    } finally {
      e.running = null;
    }
    return e;
  }

  snapshot(id: string): KernelSnapshot {
    const e = this.get(id);
    if (!e.kernel.cluster) throw errors.noSnapshot();
    return e.kernel.snapshot();
  }

  /** Closes a kernel (no error when it is already gone). */
  async close(id: string, reason: 'closed' | 'expired' | 'evicted' = 'closed'): Promise<void> {
    const e = this.kernels.get(id);
    if (!e) return;
    this.kernels.delete(id);
    try {
      e.kernel.close();
    } finally {
      this.emit({ type: 'closed', id, reason });
      await e.lease.release?.().catch(() => {});
    }
  }

  private expired(e: KernelEntry, now: number): boolean {
    // a running cell (a long `kubectl wait`) keeps its kernel alive
    return !e.running && now - e.lastUsedAt > this.limits.idleTtlMs;
  }

  /** Closes the kernels idle longer than the TTL; returns their ids. */
  sweep(): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const e of [...this.kernels.values()]) {
      if (this.expired(e, now)) {
        out.push(e.id);
        void this.close(e.id, 'expired');
      }
    }
    for (const [s, times] of this.runs) if (!times.some((t) => now - t < 60_000)) this.runs.delete(s);
    return out;
  }

  /** Sweeps every `everyMs` (the timer does not keep the process alive). */
  startSweeper(everyMs = 60_000): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    (this.sweeper as { unref?: () => void }).unref?.();
  }

  /** Stops the sweeper and closes every kernel. */
  async dispose(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    for (const id of [...this.kernels.keys()]) await this.close(id);
  }
}

/** The sandbox adapter when PODBOOK_KUBECONFIG names a kubeconfig (a path or its YAML). */
async function sandboxFromEnv(): Promise<BackendAdapter | undefined> {
  const kubeconfig = process.env.PODBOOK_KUBECONFIG;
  if (!kubeconfig) return undefined;
  // loaded only when configured: the simulator-only server never loads client-node
  const { SandboxSessions } = await import('../sandbox/sessions');
  const sessions = new SandboxSessions({ kubeconfig, owner: process.env.PODBOOK_SANDBOX_OWNER || 'podbook' });
  await sessions.start();
  return sandboxAdapter(sessions);
}

const GLOBAL_KEY = Symbol.for('podbook.kernelRegistry');

/**
 * The server's one registry. Kept on globalThis so Next's dev server, which re-evaluates route
 * modules on every edit, does not orphan the kernels (and their timers) of the previous module.
 */
export function getRegistry(): Promise<KernelRegistry> {
  const g = globalThis as unknown as Record<symbol, Promise<KernelRegistry> | undefined>;
  g[GLOBAL_KEY] ??= (async () => {
    const sandbox = await sandboxFromEnv().catch((e: unknown) => {
      console.error(`podbook: the sandbox backend is off: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    });
    const r = new KernelRegistry({ sandbox });
    r.startSweeper();
    return r;
  })();
  return g[GLOBAL_KEY];
}
