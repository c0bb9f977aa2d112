// A kernel runs a notebook's cells in order on one backend: one ShellSession (kubectl and the
// shims, virtual files, working directory, port-forwards) over one ClusterClient — the in-process
// simulator by default, a sandbox cluster when configured. Cells report through an observer, the
// way Observable's runtime reports a cell: pending → output chunks → done | error. The CLI and the
// web UI are two observers of the same stream.
//
// Time. On a virtual clock (headless runs: `podbook run`, `podbook build`, tests) each command
// cell first lets CELL_PAUSE_MS pass, as a person reading the previous output and typing the next
// command would (the same pause `podbook shell` uses per line), so pods progress between cells;
// `kubectl wait`, `sleep` and `rollout status` advance time further. On a real clock (the UI, a
// sandbox) nothing is added: time passes by itself.

import type { Cluster, ClusterSnapshot } from '../cluster/cluster';
import { Cluster as ClusterClass, createCluster } from '../cluster/cluster';
import { VirtualClock } from '../cluster/clock';
import type { Clock } from '../cluster/clock';
import type { ClusterClient } from '../kubectl/client';
import { parseYamlDocuments } from '../kubectl/yaml';
import type { YamlDocument, YamlError } from '../kubectl/yaml';
import { locateField } from '../kubectl/yaml/locate';
import { unknownFields } from '../kubectl/explain/strict';
import { ApiError } from '../k8s/errors';
import type { ResourceInfo } from '../k8s/resources';
import type { KubeObject } from '../k8s/types';
import { SimulatedClient } from './simulated-client';
import { ShellSession } from './shell';
import type { PortForward } from './shell';

/** Virtual time before each command cell in a headless run (as `podbook shell` per script line). */
export const CELL_PAUSE_MS = 3000;

export type KernelOutput =
  | { output_type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { output_type: 'error'; ename: string; evalue: string; traceback: string[] };

export interface KernelExecution {
  count: number;
  durationMs: number;
  exitCode: number;
  startedAt?: string;
}

/** The cells a kernel runs (the notebook model's command and manifest cells, structurally). */
export type RunnableCell =
  | { type: 'command'; id: string; source: string; interactive?: string[]; allowError?: boolean }
  | { type: 'manifest'; id: string; file: string; source: string };

export type KernelEvent =
  | { type: 'pending'; cellId: string }
  | { type: 'output'; cellId: string; output: KernelOutput }
  | { type: 'done'; cellId: string; outputs: KernelOutput[]; execution: KernelExecution }
  | { type: 'error'; cellId: string; outputs: KernelOutput[]; execution: KernelExecution; error: { ename: string; evalue: string } }
  /** a port-forward opened by an earlier cell printed more (`Handling connection for 8080`) */
  | { type: 'forward-output'; cellId: string; text: string }
  | { type: 'reset' };

export type KernelObserver = (e: KernelEvent) => void;

export interface CellResult {
  cellId: string;
  outputs: KernelOutput[];
  execution: KernelExecution;
  /** the run failed in a way the cell did not expect (non-zero exit, invalid manifest) */
  failed: boolean;
}

export interface KernelBackend {
  client: ClusterClient;
  /** present on the simulator: snapshots, the docker shim, interactive exec */
  cluster?: Cluster;
  /** called when the kernel drops this backend (restart, close): stop real-time drivers, sessions */
  dispose?: () => void;
}

export interface KernelOptions {
  /** a fresh backend on every start and restart; the simulator on a virtual clock by default */
  backend?: () => KernelBackend;
  seed?: number;
  /** the kubeconfig context's namespace (a sandbox session's namespace) */
  namespace?: string;
  /** milliseconds the wall clock reads, for execution timestamps (hosts inject it; cores have none) */
  wallClock?: () => number;
}

/** The default backend: a fresh simulated cluster (virtual clock unless a clock is given). */
export function simulatedBackend(opts: { seed?: number; clock?: Clock } = {}): KernelBackend {
  const cluster = createCluster({ seed: opts.seed, clock: opts.clock });
  return { client: new SimulatedClient(cluster), cluster };
}

export interface KernelSnapshot {
  version: 1;
  count: number;
  cwd: string;
  files: Record<string, string>;
  cluster?: ClusterSnapshot;
}

/** Korean advice for the YAML errors learners meet most. */
export function yamlHint(err: YamlError, source: string): string {
  const line = err.line !== undefined ? source.split('\n')[err.line - 1] ?? '' : '';
  if (/\t/.test(line) || /found character that cannot start any token/.test(err.message)) {
    return 'YAML은 들여쓰기에 탭 문자를 쓸 수 없습니다. 탭을 스페이스(보통 두 칸)로 바꾸세요.';
  }
  if (/mapping values are not allowed/.test(err.message)) return '콜론(:) 뒤에 공백이 있는지, 들여쓰기 단계가 맞는지 확인하세요.';
  if (/did not find expected key|block mapping/.test(err.message)) return '같은 단계의 키는 같은 칸만큼 들여써야 합니다. 들여쓰기를 확인하세요.';
  return 'YAML 문법을 확인하세요: 들여쓰기(스페이스), 콜론 뒤 공백, 목록의 "- " 표시.';
}

export class Kernel {
  private backend!: KernelBackend;
  private session!: ShellSession;
  private count = 0;
  private readonly observers = new Set<KernelObserver>();
  /** which cell opened each port-forward, so its later output lands there */
  private readonly forwardCells = new Map<number, string>();
  private running?: string;

  /** `from`: continue from a snapshot (see Kernel.restore) instead of a fresh backend. */
  constructor(
    private readonly opts: KernelOptions = {},
    from?: KernelSnapshot,
  ) {
    this.start(from);
  }

  get client(): ClusterClient {
    return this.backend.client;
  }

  get cluster(): Cluster | undefined {
    return this.backend.cluster;
  }

  get shell(): ShellSession {
    return this.session;
  }

  get executionCount(): number {
    return this.count;
  }

  subscribe(fn: KernelObserver): () => void {
    this.observers.add(fn);
    return () => this.observers.delete(fn);
  }

  private emit(e: KernelEvent): void {
    for (const fn of this.observers) fn(e);
  }

  private start(snapshot?: KernelSnapshot): void {
    if (snapshot?.cluster) {
      const cluster = ClusterClass.restore(snapshot.cluster, { clock: new VirtualClock(snapshot.cluster.now) });
      this.backend = { client: new SimulatedClient(cluster), cluster };
    } else {
      this.backend = this.opts.backend ? this.opts.backend() : simulatedBackend({ seed: this.opts.seed });
    }
    this.session = new ShellSession({
      client: this.backend.client,
      cluster: this.backend.cluster,
      namespace: this.opts.namespace,
      onForwardOutput: (f: PortForward, text: string) => {
        const cellId = this.forwardCells.get(f.id);
        if (cellId) this.emit({ type: 'forward-output', cellId, text });
      },
    });
    this.forwardCells.clear();
    this.count = snapshot?.count ?? 0;
    if (snapshot) {
      this.session.cwd = snapshot.cwd;
      for (const [p, content] of Object.entries(snapshot.files)) {
        this.session.fs.mkdir(p.slice(0, p.lastIndexOf('/')) || '/', { parents: true });
        this.session.fs.write(p, content);
      }
    }
  }

  /** A fresh cluster, files and counter (the notebook's "restart"). */
  restart(): void {
    this.session.close();
    this.backend.dispose?.();
    this.start();
    this.emit({ type: 'reset' });
  }

  private virtual(): VirtualClock | undefined {
    const clock = this.backend.cluster?.clock;
    return clock instanceof VirtualClock ? clock : undefined;
  }

  /** Runs one cell and reports it; never throws for what the cell itself did. */
  async run(cell: RunnableCell): Promise<CellResult> {
    if (this.running) throw new Error(`cell ${this.running} is still running`);
    this.running = cell.id;
    this.emit({ type: 'pending', cellId: cell.id });
    const count = ++this.count;
    const startedAt = this.opts.wallClock ? new Date(this.opts.wallClock()).toISOString() : undefined;
    // durations: the wall clock when the host gives one, else the cluster's (virtual) time
    const clockNow = (): number => this.opts.wallClock?.() ?? this.backend.client.now();
    let t0 = clockNow();
    const outputs: KernelOutput[] = [];
    const push = (o: KernelOutput): void => {
      outputs.push(o);
      this.emit({ type: 'output', cellId: cell.id, output: o });
    };
    let exitCode = 0;
    let error: { ename: string; evalue: string } | undefined;
    try {
      if (cell.type === 'manifest') {
        const saved = await this.saveManifest(cell);
        if (saved) {
          exitCode = 1;
          push(saved);
          error = { ename: saved.output_type === 'error' ? saved.ename : 'YAMLError', evalue: saved.output_type === 'error' ? saved.evalue : '' };
        }
      } else {
        const virtual = this.virtual();
        if (virtual && this.backend.cluster) this.backend.cluster.advance(CELL_PAUSE_MS);
        t0 = clockNow();
        const before = new Set(this.session.forwards.map((f) => f.id));
        const r = await this.session.run(cell.source);
        for (const f of this.session.forwards) if (!before.has(f.id)) this.forwardCells.set(f.id, cell.id);
        let stdout = r.stdout;
        let stderr = r.stderr;
        exitCode = r.exitCode;
        // lines typed inside `kubectl exec -it … -- sh`, shown after the container's prompt
        for (const line of cell.interactive ?? []) {
          if (!this.session.container) break;
          const prompt = this.session.prompt();
          const ri = await this.session.run(line);
          stdout += prompt + line + '\n' + ri.stdout;
          stderr += ri.stderr;
          exitCode = ri.exitCode;
        }
        if (stdout) push({ output_type: 'stream', name: 'stdout', text: stdout });
        if (stderr) push({ output_type: 'stream', name: 'stderr', text: stderr });
        if (exitCode !== 0 && !cell.allowError) {
          error = { ename: 'ExitCode', evalue: String(exitCode) };
          push({ output_type: 'error', ename: 'ExitCode', evalue: String(exitCode), traceback: [] });
        }
      }
    } catch (e) {
      // a bug in Podbook, not in the learner's command: say so plainly
      const msg = e instanceof Error ? e.message : String(e);
      exitCode = 1;
      error = { ename: 'InternalError', evalue: msg };
      push({ output_type: 'error', ename: 'InternalError', evalue: msg, traceback: [] });
    } finally {
      this.running = undefined;
    }
    const execution: KernelExecution = { count, durationMs: Math.max(0, clockNow() - t0), exitCode };
    if (startedAt) execution.startedAt = startedAt;
    if (error) this.emit({ type: 'error', cellId: cell.id, outputs, execution, error });
    else this.emit({ type: 'done', cellId: cell.id, outputs, execution });
    return { cellId: cell.id, outputs, execution, failed: error !== undefined };
  }

  /**
   * Saves a manifest cell as its file in the working directory (later `kubectl apply -f pod.yaml`
   * reads it). Invalid YAML is still saved — kubectl will refuse it the same way — and reported
   * with the parser's message, line and column and a Korean hint.
   */
  private async saveManifest(cell: Extract<RunnableCell, { type: 'manifest' }>): Promise<KernelOutput | undefined> {
    const path = this.session.resolve(cell.file);
    this.session.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
    const werr = this.session.fs.write(path, cell.source);
    if (werr) return { output_type: 'error', ename: 'FileError', evalue: `${cell.file}: ${werr}`, traceback: [] };
    const parsed = parseYamlDocuments(cell.source);
    if (parsed.ok) return this.validateManifest(cell, parsed.documents);
    const e = parsed.error;
    const where = e.line !== undefined ? ` (${e.line}번째 줄${e.column !== undefined ? `, ${e.column}번째 칸` : ''})` : '';
    return {
      output_type: 'error',
      ename: 'YAMLError',
      evalue: e.message,
      traceback: [`${cell.file}${where}: ${e.message}`, yamlHint(e, cell.source)],
    };
  }

  /**
   * What the API server would say about the manifest, at the line and column of the field:
   * fields the schema does not know (the strict decoder's `unknown field "spec.x"`), then the
   * server's own validation through a dry-run create (`metadata.name: Invalid value: …`) on the
   * kernel's backend. Objects that already exist, or whose namespace does not yet, are not
   * errors here: `apply` decides about those.
   */
  private async validateManifest(cell: Extract<RunnableCell, { type: 'manifest' }>, docs: readonly YamlDocument[]): Promise<KernelOutput | undefined> {
    const lines = cell.source.split('\n');
    const problems: string[] = [];
    let discovery: ResourceInfo[] | undefined;
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d];
      const obj = doc.value as KubeObject | null;
      if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') continue;
      const text = lines.slice(doc.startLine - 1, d + 1 < docs.length ? docs[d + 1].startLine - 1 : lines.length).join('\n');
      const at = (field: string): string => {
        const loc = locateField(text, field, doc.startLine - 1);
        return loc ? ` (${loc.line}번째 줄, ${loc.column}번째 칸)` : '';
      };
      for (const f of unknownFields(obj.apiVersion, obj.kind, obj)) problems.push(`${cell.file}${at(f)}: unknown field "${f}"`);
      if (problems.length > 0) continue;
      discovery ??= await this.backend.client.resources().catch(() => []);
      const group = obj.apiVersion.includes('/') ? obj.apiVersion.slice(0, obj.apiVersion.indexOf('/')) : '';
      const info = discovery.find((r) => r.kind === obj.kind && r.group === group);
      if (!info) continue;
      try {
        const ns = info.namespaced ? (obj.metadata?.namespace ?? this.session.namespace) : undefined;
        await this.backend.client.create(info.resource, ns, obj, { dryRun: true, fieldValidation: 'Strict' });
      } catch (e) {
        if (!(e instanceof ApiError) || (e.status.reason !== 'Invalid' && e.status.reason !== 'BadRequest')) continue;
        const causes = e.status.details?.causes ?? [];
        const field = causes.find((c) => c.field)?.field;
        problems.push(`${cell.file}${field ? at(field) : ''}: ${e.status.message ?? ''}`);
      }
    }
    if (problems.length === 0) return undefined;
    return {
      output_type: 'error',
      ename: 'ValidationError',
      evalue: problems[0].slice(problems[0].indexOf(': ') + 2),
      traceback: [...problems, '필드 이름의 철자와 들여쓰기, 값의 형식을 확인하세요. `kubectl explain <종류>.<필드>`로 쓸 수 있는 필드를 볼 수 있습니다.'],
    };
  }

  /** Runs cells in order; stops at the first unexpected failure when `stopOnError`. */
  async runAll(cells: readonly RunnableCell[], opts: { stopOnError?: boolean } = {}): Promise<CellResult[]> {
    const out: CellResult[] = [];
    for (const c of cells) {
      const r = await this.run(c);
      out.push(r);
      if (r.failed && opts.stopOnError) break;
    }
    return out;
  }

  /** Runs every cell up to and including `cellId`. */
  async runUpTo(cells: readonly RunnableCell[], cellId: string): Promise<CellResult[]> {
    const i = cells.findIndex((c) => c.id === cellId);
    if (i < 0) throw new Error(`no cell ${cellId}`);
    return this.runAll(cells.slice(0, i + 1));
  }

  /** Everything needed to continue later (simulator only: a sandbox cluster cannot be saved). */
  snapshot(): KernelSnapshot {
    const files: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const name of this.session.fs.list(dir) ?? []) {
        const p = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (this.session.fs.isDir(p)) walk(p);
        else files[p] = this.session.fs.read(p) ?? '';
      }
    };
    walk('/');
    return { version: 1, count: this.count, cwd: this.session.cwd, files, cluster: this.backend.cluster?.snapshot() };
  }

  /** A kernel continuing from a snapshot, on a virtual clock. */
  static restore(snapshot: KernelSnapshot, opts: KernelOptions = {}): Kernel {
    if (snapshot?.version !== 1) throw new Error('unsupported kernel snapshot version');
    return new Kernel(opts, snapshot);
  }

  close(): void {
    this.session.close();
    this.backend.dispose?.();
  }
}
